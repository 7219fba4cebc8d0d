import type { IncomingMessage } from 'node:http';

// One cap on the request bytes the proxy holds at once, across all requests.
// A body is held whole while it is rewritten and until its exchange ends (a
// retry or a retrieval follow-up may send it again), so four big bodies at
// once would hold four times the per-request cap. A body that does not fit
// is streamed upstream unread, as an oversize one is, and counted.

export const DEFAULT_MAX_HELD_BYTES = 128 * 1024 * 1024;

export class HeldBytes {
  private held = 0;

  constructor(private readonly max: number) {}

  /** Reserves room for a body; undefined when it does not fit. The release is idempotent. */
  reserve(bytes: number): (() => void) | undefined {
    if (this.held + bytes > this.max) return undefined;
    this.held += bytes;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.held -= bytes;
    };
  }

  get bytes(): number {
    return this.held;
  }
}

/**
 * Bytes a request's body will hold: its declared length, or the whole
 * per-request cap when it is chunked (it may grow to that). A body declared
 * over the cap is never read, so it holds only what readBody reads past the cap.
 */
export function bytesToHold(req: IncomingMessage, maxBodyBytes: number): number {
  const declared = Number(req.headers['content-length']);
  if (!Number.isFinite(declared) || declared < 0 || req.headers['transfer-encoding']) return maxBodyBytes;
  return Math.min(declared, maxBodyBytes);
}
