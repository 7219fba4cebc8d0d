// How late the event loop runs its callbacks now: a tick every TICK_MS, and
// the worst lateness over the last two windows. A body that arrives while the
// loop is this far behind (relaying a burst, say) waits at least that long at
// every step of its rewrite, whatever is in flight. The ticker runs only
// while bodies arrive: it stops after a second without one, so an idle proxy
// does not wake up a hundred times a second.

const TICK_MS = 10;
const WINDOW_MS = 100;
const IDLE_STOP_MS = 1000;

export class LoopLag {
  private timer: NodeJS.Timeout | undefined;
  private last = 0;
  private windowStart = 0;
  private worstNow = 0;
  private worstBefore = 0;
  private lastAsked = 0;

  /** The loop's recent lateness in ms (0 when it keeps time); starts the ticker. */
  ms(): number {
    const now = performance.now();
    this.lastAsked = now;
    if (!this.timer) {
      this.last = now;
      this.windowStart = now;
      this.worstNow = 0;
      this.worstBefore = 0;
      this.timer = setInterval(() => this.tick(), TICK_MS);
      this.timer.unref();
      return 0;
    }
    // A tick overdue now: the loop is behind at this very moment.
    const overdue = now - this.last - TICK_MS;
    return Math.max(this.worstNow, this.worstBefore, overdue, 0);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    const now = performance.now();
    const late = now - this.last - TICK_MS;
    this.last = now;
    if (now - this.windowStart >= WINDOW_MS) {
      this.worstBefore = this.worstNow;
      this.worstNow = 0;
      this.windowStart = now;
    }
    this.worstNow = Math.max(this.worstNow, late);
    if (now - this.lastAsked > IDLE_STOP_MS) this.stop();
  }
}
