import { createHash } from 'node:crypto';
import { ByteLru, stringBytes } from '../memory/byte-lru.js';
import type { Store } from '../memory/types.js';

// A tool output's fate is decided once, the first time any proxy sees it, and
// replayed byte for byte in every later request: that is what keeps the
// prefix a provider has cached unchanged. Decisions never change: an output
// first sent untouched (too slow, policy, store down) stays untouched.
//
// The store holds them (SQLite or Redis), so they outlive a proxy and are
// shared by every proxy using the same store; the first decision claimed
// stands for all. The memo in front is only a cache: evicting from it costs a
// store read, never a different answer.

/** Token counts are estimates, kept with the decision so that a replay does not count again. */
export type Decision =
  | { readonly kind: 'compressed'; readonly literal: string; readonly tokensBefore: number; readonly tokensAfter: number }
  | { readonly kind: 'leave'; readonly tokensBefore: number };

export const leave = (tokensBefore: number): Decision => ({ kind: 'leave', tokensBefore });

/** Memo size: the recent conversations' outputs; a miss is one store read. */
export const DEFAULT_MEMO_BYTES = 8 * 1024 * 1024;

/** 'L<before>', or 'C<before> <after>\n<literal>': the literal stays as sent, byte for byte. */
function encode(d: Decision): Buffer {
  return Buffer.from(d.kind === 'leave' ? `L${d.tokensBefore}` : `C${d.tokensBefore} ${d.tokensAfter}\n${d.literal}`, 'utf8');
}

const count = (s: string): number | undefined => (/^\d+$/.test(s) ? Number(s) : undefined);

/** Undefined for a record this version cannot read: treated as no decision. */
function decode(bytes: Uint8Array): Decision | undefined {
  const s = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  if (s[0] === 'L') {
    const before = count(s.slice(1));
    return before === undefined ? undefined : leave(before);
  }
  const nl = s.indexOf('\n');
  if (s[0] !== 'C' || nl < 0 || s[nl + 1] !== '"') return undefined;
  const [before, after] = s.slice(1, nl).split(' ').map((n) => count(n ?? ''));
  if (before === undefined || after === undefined) return undefined;
  return { kind: 'compressed', literal: s.slice(nl + 1), tokensBefore: before, tokensAfter: after };
}

const sizeOf = (d: Decision): number => (d.kind === 'leave' ? 16 : stringBytes(d.literal) + 16);

export class Decisions {
  private readonly memo: ByteLru<Decision>;
  /** Decisions being made now: a second request with the same output waits for the first. */
  private readonly pending = new Map<string, Promise<Decision>>();

  constructor(
    private readonly store?: Store,
    maxBytes = DEFAULT_MEMO_BYTES,
  ) {
    this.memo = new ByteLru(maxBytes, sizeOf);
  }

  /**
   * Names an output by its scope, tool and the UTF-8 bytes of its JSON
   * literal as the client sent it (a client repeats its history byte for
   * byte). Bytes, not the decoded text: hashing a string converts it first,
   * which costs three times the hash.
   */
  static key(scope: string, tool: string | undefined, literal: Uint8Array): string {
    return createHash('sha256').update(scope).update('\0').update(tool ?? '').update('\0').update(literal).digest('base64url');
  }

  /**
   * The decision for `key`: the one made before (here, or by any process
   * sharing the store), else `make`'s, recorded so that it stands for good.
   * `make` is given whether a decision could not be read (then it should
   * leave: the output may have gone up compressed before).
   */
  async decide(key: string, make: () => Promise<Decision>): Promise<Decision> {
    const memo = this.memo.get(key);
    if (memo) return memo;
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const p = this.recallOrMake(key, make).finally(() => this.pending.delete(key));
    this.pending.set(key, p);
    return p;
  }

  /** The decision made before for `key`, if any; undefined when none is known or the store cannot say. */
  async recall(key: string): Promise<Decision | undefined> {
    const known = this.memo.get(key) ?? (await this.pending.get(key));
    if (known) return known;
    try {
      const bytes = await this.store?.getRecord('decision', key);
      return bytes && decode(bytes);
    } catch {
      return undefined;
    }
  }

  /** Bytes the memo holds now. */
  get memoBytes(): number {
    return this.memo.bytes;
  }

  private async recallOrMake(key: string, make: () => Promise<Decision>): Promise<Decision> {
    let known: Decision | undefined;
    try {
      const bytes = await this.store?.getRecord('decision', key);
      known = bytes && decode(bytes);
    } catch {
      // store away: decide afresh; the claim below still defers to a decision it can see
    }
    const d = known ?? (await this.settle(key, await make()));
    this.memo.set(key, d);
    return d;
  }

  /** Records a new decision and returns the one that stands. */
  private async settle(key: string, d: Decision): Promise<Decision> {
    if (!this.store) return d;
    try {
      return decode(await this.store.claimRecord('decision', key, encode(d))) ?? d;
    } catch {
      // Not recorded, so a restart would not replay it: only 'leave' is safe, because an
      // output with no decision found is left as it is, and so matches what goes up now.
      return leave(d.tokensBefore);
    }
  }
}
