// What a replay's compressed requests did to the provider's prompt cache,
// request by request: a message that went up different from the first time
// it went up is a cache bust, unless the request was a repack the proxy made
// after the cache had lapsed (by the replay's own clock, the transcript's
// timestamps). A repack is counted apart, and what it sent becomes the bytes
// the next requests must repeat. A repack inside a warm window is a bust.

export class CacheLedger {
  /** What each message became, from the request that last set it: later requests must repeat it byte for byte. */
  private readonly sentAs = new Map<number, string>();
  private busted = false;
  busts = 0;
  repacks = 0;

  /** A new request: whether the cache was warm (by the replay's clock) and whether the proxy repacked it. */
  request(warm: boolean, repacked: boolean): void {
    this.busted = false;
    if (repacked && !warm) {
      this.repacks++;
      this.sentAs.clear();
    }
  }

  /** Message i of the current request, as it went up. */
  message(i: number, json: string): void {
    const was = this.sentAs.get(i);
    if (was === undefined) this.sentAs.set(i, json);
    else if (was !== json && !this.busted) {
      // One bust per request, however many messages it changed.
      this.busted = true;
      this.busts++;
    }
  }
}
