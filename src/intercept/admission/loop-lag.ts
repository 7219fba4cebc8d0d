// How late the event loop runs its callbacks now: a tick every TICK_MS, and
// the least lateness of the last few. A loop kept busy (relaying a burst, say)
// is late at every tick, and a body that arrives then waits at least that
// long at every step of its rewrite; one late tick alone (a collection, the
// process descheduled on a loaded machine) says nothing of the next ones.
// The ticker runs only while bodies arrive: it stops after a second without
// one, so an idle proxy does not wake up a hundred times a second.

const TICK_MS = 10;
const TICKS = 3;
const IDLE_STOP_MS = 1000;

export class LoopLag {
  private timer: NodeJS.Timeout | undefined;
  private last = 0;
  private readonly late: number[] = [];
  private lastAsked = 0;

  /** The loop's lateness now, in ms (0 when it keeps time or has just started being watched). */
  ms(): number {
    const now = performance.now();
    this.lastAsked = now;
    if (!this.timer) {
      this.last = now;
      this.late.length = 0;
      this.timer = setInterval(() => this.tick(), TICK_MS);
      this.timer.unref();
    }
    return this.late.length < TICKS ? 0 : Math.min(...this.late);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    const now = performance.now();
    this.late.push(Math.max(0, now - this.last - TICK_MS));
    if (this.late.length > TICKS) this.late.shift();
    this.last = now;
    if (now - this.lastAsked > IDLE_STOP_MS) this.stop();
  }
}
