import { LoopLag } from './loop-lag.js';

// Admission under load (issue 12, item 5). The event loop is one server:
// every body being rewritten needs some of its time (parse, keys, lookups,
// splice), and every exchange relayed needs some too, so a body that arrives
// behind others waits for them first, and that wait spends its time budget.
// When the wait predicted on arrival already exceeds the budget, doing the
// work would only make every other request later too: the body is shed
// (rewrite.ts says what that means; forward.ts asks before reading a body,
// so that one which would go up as it came streams like any relay).
//
// The prediction: how late the loop runs now (loop-lag.ts; relaying a burst
// makes it late before any body is read, and so do garbage collection and
// other processes on the same cores), plus the bytes being rewritten ahead of
// the body x what a byte of rewriting has recently cost the loop (a body's
// work grows with its size: a 50 MB body counts for more than a 2 KB one).
// That cost is the larger of two measures: a rewrite's own synchronous time
// per byte, and, while bodies keep coming, the loop's busy time per byte
// rewritten (which adds what the own time misses: the garbage a parse
// leaves, relaying around it; it decays back once nothing is rewritten).
// And the compression workers are a second server: a body whose new outputs
// would wait longer than the budget for a worker (pool/backlog.ts: the work
// queued and running, by what a character has recently cost a worker, which
// grows when the machine is saturated and the niced workers get little CPU)
// would have them go up whole anyway, so it is shed too, before its parse
// costs the loop anything. The wait predicted is the longer of the two.

/** A cost per byte until bodies have been measured: about 4 ms for a 150 KB body. */
const DEFAULT_NS_PER_BYTE = 25;
/** Weight of the newest measure: a few bodies move the figure, one outlier does not. */
const ALPHA = 0.2;
/** Bodies below this are not measured: their fixed costs would say nothing about a byte's. */
const MIN_MEASURED_BYTES = 16 * 1024;
/** The loop's busy time is read over windows this long; a longer gap between bodies says nothing of load. */
const WINDOW_MS = 250;
const MAX_WINDOW_MS = 1000;

export interface Ticket {
  /** The predicted wait already exceeded the budget when the body arrived. */
  readonly shed: boolean;
  /** The rewrite ended; `mainMs` is the event-loop time it took itself (undefined: not measured). */
  done(mainMs?: number): void;
}

export class Admission {
  private inFlight = 0;
  private exchanges = 0;
  private ownNsPerByte = DEFAULT_NS_PER_BYTE;
  private loopNsPerByte = DEFAULT_NS_PER_BYTE;
  private elu = performance.eventLoopUtilization();
  private windowStart = performance.now();
  private windowBytes = 0;
  private readonly lag = new LoopLag();

  /** `workerWaitMs`: how long a task given to the compression workers now would wait for one. */
  constructor(
    private readonly budgetMs: number,
    private readonly workerWaitMs: () => number = () => 0,
  ) {}

  /** The cost of a byte being rewritten, in ns of the event loop's time. */
  get nsPerByte(): number {
    this.sample();
    return Math.max(this.ownNsPerByte, this.loopNsPerByte);
  }

  /** The wait a body arriving now is predicted to have before its own work (on the loop, or for a worker), in ms. */
  predictedWaitMs(): number {
    return Math.max(this.lag.ms() + (this.inFlight * this.nsPerByte) / 1e6, this.workerWaitMs());
  }

  /** Closes a window of the loop's busy time, when one is due. */
  private sample(): void {
    const now = performance.now();
    const span = now - this.windowStart;
    if (span < WINDOW_MS) return;
    const busy = performance.eventLoopUtilization(this.elu);
    if (span <= MAX_WINDOW_MS && this.windowBytes >= MIN_MEASURED_BYTES) {
      this.loopNsPerByte += ALPHA * ((busy.active * 1e6) / this.windowBytes - this.loopNsPerByte);
    } else {
      this.loopNsPerByte = Math.max(this.ownNsPerByte, this.loopNsPerByte / 2);
    }
    this.elu = performance.eventLoopUtilization();
    this.windowStart = now;
    this.windowBytes = 0;
  }

  /**
   * Whether a body arriving now would be shed. Never while its exchange is
   * the only one: then the wait is no other request's doing (a loaded machine,
   * say) and shedding would spare no one.
   */
  overloaded(): boolean {
    return this.exchanges > 1 && this.predictedWaitMs() > this.budgetMs;
  }

  /** An exchange starts (any request through the proxy); the returned function ends it. */
  exchange(): () => void {
    this.exchanges++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.exchanges--;
    };
  }

  /**
   * A body of `bytes` asks to be rewritten. Counted in flight until `done`,
   * shed or not: a shed body may still be read.
   */
  enter(bytes: number): Ticket {
    const shed = this.overloaded();
    this.inFlight += bytes;
    let ended = false;
    return {
      shed,
      done: (mainMs) => {
        if (ended) return;
        ended = true;
        this.inFlight -= bytes;
        if (mainMs === undefined || !Number.isFinite(mainMs)) return;
        this.windowBytes += bytes;
        if (bytes >= MIN_MEASURED_BYTES) this.ownNsPerByte += ALPHA * ((mainMs * 1e6) / bytes - this.ownNsPerByte);
      },
    };
  }

  /** Stops the loop's ticker (a later body starts it again). */
  close(): void {
    this.lag.stop();
  }
}
