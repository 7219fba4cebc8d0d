import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Backlog, type Work } from './backlog.js';
import { type CompressTask, type InspectTask, type Inspected, type TaskResult, inspect, runTask } from './task.js';
import type { ResultMessage, TaskMessage } from './worker.js';

// Compression off the event loop: a few worker threads, sized to the machine,
// and one queue. A request gives each output a time to start by (its time
// budget): waiting in the queue spends it, and a task not started by then is
// never started. One that starts runs to its end and is used, as inline
// compression always was (outputs are capped in size); only one stuck past
// maxRunMs is given up, and its worker ended. While the pool starts (a worker
// loads every compressor, ~150 ms, more on a busy machine) no budget runs: a
// start-up is not waiting behind other requests, and the first outputs of a
// session would otherwise always go up whole. Nothing here rejects: late, a
// failed task and a crashed worker all come back as outcomes, and the caller
// sends the original bytes.
//
// Hand-written rather than piscina: a library would abort a task by ending its
// worker (a cold one loads every compressor again, ~150 ms here), and this
// needs only FIFO dispatch, a start-by time per task and replace-on-crash.

export type RunOutcome = { readonly ok: true; readonly result: TaskResult } | { readonly ok: false; readonly reason: 'late' | 'failed' };

export interface CompressRunner {
  readonly kind: 'workers' | 'inline';
  /** Runs the task if it can start by `startBy` (performance.now()). Never rejects. */
  run(task: CompressTask, startBy: number): Promise<RunOutcome>;
  /** Key and token count of an output too large to compress, whenever a worker is free; undefined if that fails. Takes the literal's buffer. */
  inspect(task: InspectTask): Promise<Inspected | undefined>;
  /** How long a task given now would wait for a worker, predicted (ms): what admission weighs a new body's outputs by. */
  backlogMs(): number;
  /** Starts the workers now: a cold one loads every compressor, which would spend a first request's budget. */
  warm(): void;
  /** Ends the workers and fails what waits; a later run starts them again. */
  close(): Promise<void>;
}

export interface PoolOptions {
  /** Worker threads; default: one per core but one (the event loop keeps a core), at least one. */
  readonly threads?: number;
  /** The compiled worker; default: worker.js beside this file. */
  readonly workerFile?: string;
  /** Heap cap of a worker, MB: a runaway compression ends its worker, not the proxy. */
  readonly maxHeapMb?: number;
  /** A task running longer than this is given up (late) and its worker ended: a hang must not hold a request. */
  readonly maxRunMs?: number;
}

const DEFAULT_WORKER = fileURLToPath(new URL('./worker.js', import.meta.url));

export function defaultThreads(): number {
  return Math.max(1, os.availableParallelism() - 1);
}

/**
 * The pool, or inline compression when no compiled worker is there (running
 * from the TypeScript sources, as the in-process tests do).
 */
export function createCompressRunner(options: PoolOptions = {}): CompressRunner {
  const file = options.workerFile ?? DEFAULT_WORKER;
  return fs.existsSync(file)
    ? new WorkerPool(file, options.threads ?? defaultThreads(), options.maxHeapMb ?? 512, options.maxRunMs ?? 10_000)
    : createInlineRunner();
}

/** Compression on the calling thread: for replays that run one request at a time and race no clock. */
export function createInlineRunner(): CompressRunner {
  return {
    kind: 'inline',
    async run(task, startBy) {
      if (performance.now() > startBy) return { ok: false, reason: 'late' };
      try {
        return { ok: true, result: await runTask(task) };
      } catch {
        return { ok: false, reason: 'failed' };
      }
    },
    async inspect(task) {
      try {
        return inspect(task);
      } catch {
        return undefined;
      }
    },
    backlogMs: () => 0, // inline compression is the event loop's own time, which admission measures
    warm() {},
    async close() {},
  };
}

type Payload = { readonly task: CompressTask } | { readonly inspect: InspectTask };
type Done = { readonly ok: true; readonly result?: TaskResult; readonly inspected?: Inspected } | { readonly ok: false; readonly reason: 'late' | 'failed' };

/** The longest a task waits for the pool's first worker to load, before its own budget starts. */
const COLD_START_MS = 5_000;

interface Job {
  readonly id: number;
  readonly payload: Payload;
  readonly work: Work;
  /** Its budget, kept while no worker is ready yet (a start-up is no request's waiting). */
  budget?: number;
  readonly settle: (o: Done) => void;
  settled: boolean;
  /** Set when it goes to a worker: from then on it is not late, only stuck past maxRunMs. */
  started: boolean;
  timer: NodeJS.Timeout | undefined;
}

interface Slot {
  readonly worker: Worker;
  /** Its compressors are loaded: only then does it take a task. */
  ready: boolean;
  job?: Job;
}

class WorkerPool implements CompressRunner {
  readonly kind = 'workers';
  private readonly slots = new Set<Slot>();
  private queue: Job[] = [];
  private nextId = 1;
  private readonly backlog: Backlog;

  constructor(
    private readonly file: string,
    private readonly threads: number,
    private readonly maxHeapMb: number,
    private readonly maxRunMs: number,
  ) {
    this.backlog = new Backlog(threads);
  }

  backlogMs(): number {
    return this.backlog.ms(performance.now());
  }

  async run(task: CompressTask, startBy: number): Promise<RunOutcome> {
    const done = await this.submit({ task }, startBy);
    return done.ok ? (done.result ? { ok: true, result: done.result } : { ok: false, reason: 'failed' }) : done;
  }

  async inspect(task: InspectTask): Promise<Inspected | undefined> {
    const done = await this.submit({ inspect: task }, Number.POSITIVE_INFINITY);
    return done.ok ? done.inspected : undefined;
  }

  private submit(payload: Payload, startBy: number): Promise<Done> {
    const wait = startBy - performance.now();
    if (wait <= 0) return Promise.resolve({ ok: false, reason: 'late' });
    // While the pool is starting, the budget waits for the first worker (up to COLD_START_MS).
    const cold = ![...this.slots].some((s) => s.ready);
    return new Promise((resolve) => {
      const job: Job = {
        id: this.nextId++,
        payload,
        work: 'task' in payload ? { kind: 'compress', chars: payload.task.text.length } : { kind: 'inspect', chars: payload.inspect.literal.byteLength },
        settled: false,
        started: false,
        ...(cold && Number.isFinite(wait) && { budget: wait }),
        // No timer for what has no start-by time (setTimeout would take Infinity as 1 ms).
        timer: Number.isFinite(wait) ? setTimeout(() => job.settle({ ok: false, reason: 'late' }), cold ? COLD_START_MS + wait : wait) : undefined,
        settle: (o) => {
          if (job.settled) return;
          job.settled = true;
          clearTimeout(job.timer);
          if (job.started) this.backlog.ended(job.work, performance.now(), o.ok);
          else this.backlog.dequeued(job.work);
          resolve(o);
          // A job settled while queued leaves a hole; drop holes so the queue does not hold their texts.
          if (!o.ok && this.queue.length > 64 && this.queue.length > 2 * this.live()) this.queue = this.queue.filter((j) => !j.settled);
        },
      };
      this.queue.push(job);
      this.backlog.queued(job.work);
      this.dispatch();
    });
  }

  warm(): void {
    while (this.slots.size < this.threads) this.spawn();
  }

  async close(): Promise<void> {
    const slots = [...this.slots];
    this.slots.clear();
    for (const j of this.queue) j.settle({ ok: false, reason: 'failed' });
    this.queue = [];
    for (const s of slots) s.job?.settle({ ok: false, reason: 'failed' });
    await Promise.all(slots.map((s) => s.worker.terminate().catch(() => undefined)));
  }

  private live(): number {
    let n = 0;
    for (const j of this.queue) if (!j.settled) n++;
    return n;
  }

  private spawn(): Slot {
    // Held (ref) only while starting or busy: an idle worker is never the reason a process stays.
    const worker = new Worker(this.file, { resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb }, stdout: false, stderr: false });
    const slot: Slot = { worker, ready: false };
    this.slots.add(slot);
    worker.on('message', (m: ResultMessage) => {
      if ('ready' in m) {
        slot.ready = true;
        worker.unref();
        // Tasks that waited for start-up get their own budget from now.
        for (const job of this.queue) {
          if (job.budget === undefined || job.settled) continue;
          clearTimeout(job.timer);
          const budget = job.budget;
          job.budget = undefined;
          job.timer = setTimeout(() => job.settle({ ok: false, reason: 'late' }), budget);
        }
        return this.dispatch();
      }
      const job = slot.job;
      if (!job || job.id !== m.id) return;
      slot.job = undefined;
      worker.unref();
      job.settle(!m.ok ? { ok: false, reason: 'failed' } : 'inspected' in m ? { ok: true, inspected: m.inspected } : { ok: true, result: m.result });
      this.dispatch();
    });
    const gone = (): void => {
      if (!this.slots.delete(slot)) return;
      slot.job?.settle({ ok: false, reason: 'failed' });
      slot.job = undefined;
      this.dispatch(); // a replacement starts if work waits
    };
    worker.on('error', gone); // an uncaught throw or the heap cap: the thread is ending
    worker.on('exit', gone);
    return slot;
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot: Slot | undefined;
      for (const s of this.slots) if (s.ready && !s.job) slot = s;
      if (!slot) {
        // Start another if there is room; it takes work once it says it is ready.
        if (this.slots.size < this.threads) this.spawn();
        return;
      }
      const job = this.queue.shift()!;
      if (job.settled) continue; // late before its turn: never started
      const running = slot;
      clearTimeout(job.timer);
      job.started = true;
      this.backlog.dequeued(job.work);
      this.backlog.started(job.work, performance.now());
      job.timer = setTimeout(() => {
        // Stuck: given up, and the worker with it (a replacement starts when work waits).
        job.settle({ ok: false, reason: 'late' });
        void running.worker.terminate();
      }, this.maxRunMs);
      slot.job = job;
      slot.worker.ref();
      const p = job.payload;
      if ('task' in p) slot.worker.postMessage({ id: job.id, task: p.task } satisfies TaskMessage);
      // The literal was copied for this: hand its buffer over rather than copy it again.
      else slot.worker.postMessage({ id: job.id, inspect: p.inspect } satisfies TaskMessage, [p.inspect.literal.buffer as ArrayBuffer]);
    }
  }
}
