import { ByteLru } from '../../memory/byte-lru.js';
import type { Store } from '../../memory/types.js';
import { WriteBehind } from '../../memory/write-behind.js';
import type { Usage } from '../usage.js';
import { type Seen, decodeSeen, encodeSeen, lapsed, lastSeen, uncachedAnswer } from './lapse.js';
import { type Plan, decodePlan, encodePlan } from './plan.js';
import { Unseen } from './unseen.js';

// Each conversation thread's repack epochs and the last time it was seen,
// kept in the store so that a restarted proxy, or another one sharing the
// store, replays the same plans and knows when the cache lapsed:
//   repack <thread>#<n>   the plan of epoch n (claimed: the first writer wins)
//   seen   <thread>       "<ms> <ttl ms> <0|1>": last request, its TTL, an uncached answer
// Epoch 0 is the thread as first sent: no record, and the decisions it made
// before this existed stand as they were.

export interface ThreadRef {
  readonly key: string;
  readonly provider: string;
}

export interface RequestFacts {
  /** The session's clock for this request (ms); never Date.now() here, so a replay can use its transcript's times. */
  readonly now: number;
  readonly ttlMs: number;
  /** The thread's scope: requests of it shed unread count as seen (unseen.ts). */
  readonly scope?: string;
  readonly turns: number;
  /** Call ids the request holds. */
  readonly calls: ReadonlySet<string>;
  /** False when a repack may not happen (no store, measuring only). */
  readonly allowed: boolean;
  /** The plan of a repack opening epoch `epoch` (pure; undefined when it would change nothing). */
  readonly make: (epoch: number) => Plan | undefined;
}

export interface Opened {
  /** The plan this request follows: the newest epoch it continues. */
  readonly plan?: Plan;
  /** This request opened that epoch: earlier bytes change, once, because the cache lapsed. */
  readonly repacked: boolean;
}

interface ThreadState {
  readonly plans: Plan[];
  seen: Seen | undefined;
}

/** Threads kept in memory; a miss costs a few store reads. */
export const DEFAULT_EPOCH_BYTES = 4 * 1024 * 1024;

const sizeOf = (t: ThreadState): number => 64 + t.plans.reduce((n, p) => n + 64 + 96 * p.roles.size, 0);

const applies = (p: Plan, f: RequestFacts): boolean => p.turns <= f.turns && f.calls.has(p.anchor);

export class Epochs {
  private readonly threads: ByteLru<ThreadState>;
  private readonly loading = new Map<string, Promise<ThreadState | undefined>>();
  /** Requests shed unread, by scope. */
  readonly unseen: Unseen;
  /** `behind`: where records that may be written late go (the session shares one); by default one of its own. */
  constructor(
    private readonly store?: Store,
    maxBytes = DEFAULT_EPOCH_BYTES,
    behind: WriteBehind | undefined = store && new WriteBehind(store),
  ) {
    this.threads = new ByteLru(maxBytes, sizeOf);
    this.unseen = new Unseen(behind);
  }

  /** The plan a request follows, opening a new epoch when the thread's cache has lapsed. Never throws. */
  async open(thread: ThreadRef, f: RequestFacts): Promise<Opened> {
    const state = await this.load(thread.key);
    // The store cannot be read: nothing is known, so nothing changes (and nothing is written).
    if (!state) return { repacked: false };
    let plan = state.plans.findLast((p) => applies(p, f));
    const newest = state.plans.at(-1);
    const seen = f.scope === undefined ? state.seen : lastSeen(state.seen, await this.unseen.latest(f.scope));
    if (f.allowed && lapsed(seen, f.now, f.ttlMs) && f.turns > (newest?.turns ?? 0)) {
      const made = f.make(state.plans.length + 1);
      const stands = made && (await this.claim(thread.key, made));
      if (stands && stands.epoch === state.plans.length + 1) {
        state.plans.push(stands);
        this.threads.set(thread.key, state);
        if (applies(stands, f)) plan = stands;
      }
    }
    if (Number.isFinite(f.now)) {
      state.seen = { at: Math.max(f.now, state.seen?.at ?? 0), ttlMs: f.ttlMs, uncached: false };
      await this.write(thread.key, state.seen);
    }
    // The request that opened the epoch (or the same one sent again, on a retry or a second replay): its earlier bytes changed.
    return { ...(plan && { plan }), repacked: plan?.turns === f.turns };
  }

  /** What the answer to the thread's last request showed: an answer with no caching at all makes the next request a lapse. */
  async answered(thread: ThreadRef, usage: Usage | undefined): Promise<void> {
    const state = this.threads.get(thread.key);
    if (!state?.seen || !uncachedAnswer(thread.provider, usage)) return;
    state.seen = { ...state.seen, uncached: true };
    await this.write(thread.key, state.seen);
  }

  private async write(key: string, seen: Seen): Promise<void> {
    await this.store?.setRecord('seen', key, encodeSeen(seen)).catch(() => undefined);
  }

  /** The plan that stands for its epoch: ours, or one another request claimed first; undefined when it cannot be recorded. */
  private async claim(key: string, plan: Plan): Promise<Plan | undefined> {
    if (!this.store) return undefined;
    try {
      return decodePlan(await this.store.claimRecord('repack', `${key}#${plan.epoch}`, encodePlan(plan)));
    } catch {
      return undefined; // not recorded, so a restart would not replay it: no repack
    }
  }

  private async load(key: string): Promise<ThreadState | undefined> {
    const known = this.threads.get(key);
    if (known) return known;
    const inFlight = this.loading.get(key);
    if (inFlight) return inFlight;
    const p = this.read(key).finally(() => this.loading.delete(key));
    this.loading.set(key, p);
    return p;
  }

  private async read(key: string): Promise<ThreadState | undefined> {
    if (!this.store) {
      const state: ThreadState = { plans: [], seen: undefined };
      this.threads.set(key, state);
      return state;
    }
    try {
      const seenBytes = await this.store.getRecord('seen', key);
      const plans: Plan[] = [];
      for (;;) {
        const bytes = await this.store.getRecord('repack', `${key}#${plans.length + 1}`);
        const plan = bytes && decodePlan(bytes);
        if (!plan) break;
        plans.push(plan);
      }
      const state: ThreadState = { plans, seen: seenBytes && decodeSeen(seenBytes) };
      this.threads.set(key, state);
      return state;
    } catch {
      return undefined;
    }
  }
}
