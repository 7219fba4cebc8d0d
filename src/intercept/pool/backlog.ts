// How long a task given to the pool now would wait before a worker takes it
// up: the work queued and running ahead of it, each task's length x what a
// character of that kind of task has recently cost a worker, shared by the
// threads. Admission (admission/load.ts) sheds a body whose new outputs
// could not start within their budget anyway: reading and parsing it would
// only make every other request later, for outputs that go up whole.

export type WorkKind = 'compress' | 'inspect';

/** Costs per character until tasks have been timed: a 100 KB log compresses in ~20 ms, is inspected in ~1 ms. */
const DEFAULT_NS_PER_CHAR: Record<WorkKind, number> = { compress: 200, inspect: 10 };
/** Weight of the newest task's cost: a few tasks move the figure, one outlier does not. */
const ALPHA = 0.2;
/** Tasks this short say more about fixed costs (a message each way) than about a character's. */
const MIN_TIMED_CHARS = 8 * 1024;

export interface Work {
  readonly kind: WorkKind;
  readonly chars: number;
}

export class Backlog {
  private readonly nsPerChar = { ...DEFAULT_NS_PER_CHAR };
  /** Characters of the tasks queued and not yet settled, by kind (costed when asked: the cost moves meanwhile). */
  private readonly queuedChars: Record<WorkKind, number> = { compress: 0, inspect: 0 };
  /** Running tasks and when they started. */
  private readonly running = new Map<Work, number>();

  constructor(private readonly threads: number) {}

  private cost(w: Work): number {
    return w.chars * this.nsPerChar[w.kind];
  }

  queued(w: Work): void {
    this.queuedChars[w.kind] += w.chars;
  }

  /** A queued task leaves the queue: settled there (late, closed) or taken up (then `started`). */
  dequeued(w: Work): void {
    this.queuedChars[w.kind] = Math.max(0, this.queuedChars[w.kind] - w.chars);
  }

  started(w: Work, at: number): void {
    this.running.set(w, at);
  }

  /** A running task ended; a whole one (`ok`) times a character of its kind. */
  ended(w: Work, at: number, ok: boolean): void {
    const since = this.running.get(w);
    if (since === undefined) return;
    this.running.delete(w);
    if (!ok || w.chars < MIN_TIMED_CHARS) return;
    const ns = ((at - since) * 1e6) / w.chars;
    this.nsPerChar[w.kind] += ALPHA * (ns - this.nsPerChar[w.kind]);
  }

  /** The predicted wait of a task queued now, in ms. */
  ms(now: number): number {
    let ns = this.queuedChars.compress * this.nsPerChar.compress + this.queuedChars.inspect * this.nsPerChar.inspect;
    for (const [w, since] of this.running) ns += Math.max(0, this.cost(w) - (now - since) * 1e6);
    return ns / 1e6 / this.threads;
  }
}
