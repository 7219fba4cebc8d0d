import { createHash } from 'node:crypto';

// A tool output's fate is decided once, the first time the proxy sees it, and
// replayed byte for byte in every later request: that is what keeps the
// prefix a provider has cached unchanged. Decisions never change: an output
// first sent untouched (too slow, policy, store down) stays untouched.

export type Decision = { readonly kind: 'compressed'; readonly literal: string; readonly tokensAfter: number } | { readonly kind: 'leave' };

/** Bounded memory: the least recently used decisions go first. */
export class Decisions {
  private readonly map = new Map<string, Decision>();

  constructor(private readonly max = 20_000) {}

  static key(scope: string, tool: string | undefined, text: string): string {
    return createHash('sha256').update(scope).update('\0').update(tool ?? '').update('\0').update(text).digest('base64url');
  }

  get(key: string): Decision | undefined {
    const d = this.map.get(key);
    if (d) {
      this.map.delete(key);
      this.map.set(key, d); // most recently used last
    }
    return d;
  }

  set(key: string, d: Decision): void {
    if (this.map.has(key)) return; // first decision wins, always
    this.map.set(key, d);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }

  get size(): number {
    return this.map.size;
  }
}
