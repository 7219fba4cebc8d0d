import os from 'node:os';
import { parentPort } from 'node:worker_threads';
import { type CompressTask, type InspectTask, type Inspected, inspect, runTask } from './task.js';

// A compression worker: one task at a time, off the proxy's event loop. An
// error is answered as a failure (the proxy then sends the original bytes); a
// crash ends the thread, which the pool notices and replaces.

export type TaskMessage = { readonly id: number; readonly task: CompressTask } | { readonly id: number; readonly inspect: InspectTask };

export type ResultMessage =
  | { readonly id: number; readonly ok: true; readonly result: Awaited<ReturnType<typeof runTask>> }
  | { readonly id: number; readonly ok: true; readonly inspected: Inspected }
  | { readonly id: number; readonly ok: false }
  /** Sent once, when the compressors are loaded: start-up is not a task's time. */
  | { readonly ready: true };

/**
 * The worker's scheduling niceness. Compression is optional and relaying is
 * not: on a machine with few cores, a worker at the event loop's priority
 * takes a core from it (and from the agent and everything else) for as long
 * as a burst's compressions last, and every stream through the proxy pauses
 * while the loop waits for the CPU. Niced, it runs on what is left over.
 */
export const WORKER_NICE = 10;

/**
 * Only on Linux, where setpriority on the calling thread's id (0) changes
 * that thread alone; elsewhere it would change the whole process, event loop
 * included. A refusal (a sandbox) leaves the priority as it was.
 */
function yieldToTheLoop(): void {
  if (process.platform !== 'linux') return;
  try {
    os.setPriority(WORKER_NICE);
  } catch {
    // the worker runs at the process's priority, as before
  }
}

const port = parentPort;
if (port) {
  yieldToTheLoop();
  port.on('message', (m: TaskMessage) => {
    if ('inspect' in m) {
      let reply: ResultMessage;
      try {
        reply = { id: m.id, ok: true, inspected: inspect(m.inspect) };
      } catch {
        reply = { id: m.id, ok: false };
      }
      return port.postMessage(reply);
    }
    runTask(m.task).then(
      (result) => {
        // Hand the encoded original over instead of copying it.
        const blob = result.kind === 'compressed' ? result.original?.prepared.blob : undefined;
        const reply: ResultMessage = { id: m.id, ok: true, result };
        port.postMessage(reply, blob && blob.byteLength === blob.buffer.byteLength ? [blob.buffer as ArrayBuffer] : []);
      },
      () => port.postMessage({ id: m.id, ok: false } satisfies ResultMessage),
    );
  });
  // One compression first: a worker's first takes ten times its later ones
  // (lazy set-up, a cold JIT), and that belongs to start-up, not to a request.
  runTask({ text: warmUpLog(), tool: 'warm-up' })
    .catch(() => undefined)
    .finally(() => port.postMessage({ ready: true } satisfies ResultMessage));
}

/** A small log of repeated templates, made here: enough to run the router and a compressor through once. */
function warmUpLog(): string {
  const lines: string[] = [];
  for (let i = 0; i < 400; i++) {
    const t = `2024-01-01 00:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`;
    lines.push(i % 50 === 7 ? `${t} ERROR worker ${i % 7} failed: connection reset by peer` : `${t} INFO worker ${i % 7} processed batch ${i} in ${(i * 37) % 1000} ms`);
  }
  return `${lines.join('\n')}\n`;
}
