import type { IncomingMessage } from 'node:http';

// Reads a request body up to a cap. A rewritable body must be whole before it
// can be rewritten; one over the cap is not worth holding in memory, so what
// was read so far is handed back and the rest stays in the paused stream, to
// be streamed upstream untouched.

export type BodyRead =
  | { readonly kind: 'whole'; readonly body: Buffer }
  | { readonly kind: 'oversize'; readonly head: readonly Buffer[] }
  | { readonly kind: 'gone' };

export function readBody(req: IncomingMessage, maxBytes: number): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (result: BodyRead) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onGone);
      req.off('close', onGone);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size > maxBytes) {
        req.pause();
        done({ kind: 'oversize', head: chunks });
      }
    };
    const onEnd = () => done({ kind: 'whole', body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size) });
    // The client hung up before sending everything.
    const onGone = () => done({ kind: 'gone' });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onGone);
    req.on('close', onGone);
  });
}
