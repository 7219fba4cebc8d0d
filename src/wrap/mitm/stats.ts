// What went through the HTTPS proxy, by host: the summary of `headroom wrap`
// says how much of an agent's traffic headroom could read at all.

export interface MitmHostStats {
  /** Requests decoded and sent to headroom's own endpoint (JSON to a provider API). */
  readonly decoded: number;
  /** Requests relayed unchanged to the real host (including fail-open ones). */
  readonly passedThrough: number;
  /** Of those, requests meant for headroom that went direct because a part of ours failed. */
  readonly failedOpen: number;
  /** CONNECTs relayed without decrypting (`tunnel` hosts, names we cannot certify): requests inside are not seen. */
  readonly tunnels: number;
  /** Body bytes from the client (raw TLS bytes for tunnels). */
  readonly bytesUp: number;
  /** Body bytes to the client (raw TLS bytes for tunnels). */
  readonly bytesDown: number;
}

export interface MitmStats extends MitmHostStats {
  /** Failures on our side or the network's (upstream unreachable, TLS refused by the client...). */
  readonly errors: number;
  readonly byHost: Readonly<Record<string, MitmHostStats>>;
}

type Counts = { -readonly [K in keyof MitmHostStats]: number };

const zero = (): Counts => ({ decoded: 0, passedThrough: 0, failedOpen: 0, tunnels: 0, bytesUp: 0, bytesDown: 0 });

export class MitmCounter {
  private readonly hosts = new Map<string, Counts>();
  private errors = 0;

  private host(name: string): Counts {
    let counts = this.hosts.get(name);
    if (!counts) this.hosts.set(name, (counts = zero()));
    return counts;
  }

  add(host: string, field: Exclude<keyof MitmHostStats, 'bytesUp' | 'bytesDown'>): void {
    this.host(host)[field] += 1;
  }

  bytes(host: string, up: number, down: number): void {
    const counts = this.host(host);
    counts.bytesUp += up;
    counts.bytesDown += down;
  }

  error(): void {
    this.errors += 1;
  }

  snapshot(): MitmStats {
    const total = zero();
    const byHost: Record<string, MitmHostStats> = {};
    for (const [name, counts] of this.hosts) {
      byHost[name] = { ...counts };
      for (const key of Object.keys(total) as (keyof Counts)[]) total[key] += counts[key];
    }
    return { ...total, errors: this.errors, byHost };
  }
}
