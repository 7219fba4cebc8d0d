import { createHash } from 'node:crypto';
import type { Store } from '../../memory/types.js';
import type { Signal, SignalReason } from './signals.js';

// The back-off's memory, in the store beside the decisions (records of kind
// 'backoff'), so it holds across restarts and for every proxy sharing the
// store:
//   s\n<project>\n<pattern>\n<signal id>\n  one per signal, claimed (first
//                                           writer wins): a request seen
//                                           twice, or by two proxies, counts once;
//   b\n<project>\n<pattern>\n               the back-off, written when the
//                                           signals reach the threshold.
// Records live as long as the store's lifetime since their last read: a
// back-off read by no decision for that long lapses. Only the pattern is kept,
// never a command (it may hold a secret).

/** A back-off set or lifted by another process (`stats --reset-backoff`) is seen within this long. */
const RECHECK_MS = 30_000;

export interface BackoffEntry {
  readonly project: string;
  readonly pattern: string;
  /** Signals recorded, by reason. */
  readonly signals: Readonly<Record<SignalReason, number>>;
  /** Agent sessions they came from. */
  readonly sessions: number;
  /** When compression of the pattern stopped (ms since the epoch); absent while under the threshold. */
  readonly since?: number;
}

const SIGNAL = 's\n';
const BACKOFF = 'b\n';
const zeroReasons = (): Record<SignalReason, number> => ({ retrieve: 0, rerun: 0, reread: 0 });
const encode = (v: unknown): Buffer => Buffer.from(JSON.stringify(v), 'utf8');

function decode<T>(bytes: Uint8Array): T | undefined {
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Splits `<tag>\n<project>\n<pattern>\n...` into its fields. */
function fields(key: string): string[] {
  return key.split('\n');
}

export class BackoffLedger {
  private readonly known = new Map<string, { off: boolean; at: number }>();

  constructor(
    private readonly store: Store,
    readonly project: string,
    /** Signals that back a pattern off; 0 turns the back-off off. */
    readonly after: number,
    /** Patterns the config keeps whole in this project for good (`keepWhole`). */
    private readonly keep: readonly string[] = [],
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether outputs of `pattern` are left whole in this project now. A store that cannot be read says no. */
  async isBackedOff(pattern: string): Promise<boolean> {
    if (this.keep.includes(pattern)) return true;
    if (this.after <= 0) return false;
    const at = this.now();
    const k = this.known.get(pattern);
    if (k && at - k.at < RECHECK_MS) return k.off;
    let off = false;
    try {
      off = (await this.store.getRecord('backoff', `${BACKOFF}${this.project}\n${pattern}\n`)) !== undefined;
    } catch {
      // compress as usual: the back-off is an optimisation, never a promise
    }
    this.known.set(pattern, { off, at });
    return off;
  }

  /** Records new signals (each once, whoever sees it first); returns the patterns they backed off. */
  async record(scope: string, signals: readonly Signal[]): Promise<string[]> {
    if (this.after <= 0) return [];
    const backedOff: string[] = [];
    for (const s of signals) {
      const id = createHash('sha256').update(scope).update('\0').update(s.callId).digest('base64url').slice(0, 22);
      const prefix = `${SIGNAL}${this.project}\n${s.pattern}\n`;
      // The session as a short hash: enough to count sessions, nothing to read back.
      const mine = encode({ reason: s.reason, at: this.now(), session: createHash('sha256').update(scope).digest('base64url').slice(0, 8) });
      const stands = await this.store.claimRecord('backoff', `${prefix}${id}\n`, mine);
      if (!Buffer.from(stands).equals(mine)) continue; // counted before
      const all = await this.store.listRecords('backoff', prefix);
      if (all.length < this.after || (await this.isBackedOff(s.pattern))) continue;
      const reasons = zeroReasons();
      for (const r of all) {
        const reason = decode<{ reason?: SignalReason }>(r.value)?.reason;
        if (reason && reason in reasons) reasons[reason]++;
      }
      await this.store.setRecord('backoff', `${BACKOFF}${this.project}\n${s.pattern}\n`, encode({ since: this.now(), signals: reasons }));
      this.known.set(s.pattern, { off: true, at: this.now() });
      backedOff.push(s.pattern);
    }
    return backedOff;
  }
}

/** Every pattern with signals or a back-off, in every project: backed off first, then by signals. */
export async function listBackoffs(store: Store): Promise<BackoffEntry[]> {
  const entries = new Map<string, { project: string; pattern: string; signals: Record<SignalReason, number>; seen: Set<string>; since?: number }>();
  const entry = (project: string, pattern: string) => {
    const k = `${project}\n${pattern}`;
    let e = entries.get(k);
    if (!e) entries.set(k, (e = { project, pattern, signals: zeroReasons(), seen: new Set() }));
    return e;
  };
  for (const r of await store.listRecords('backoff', SIGNAL)) {
    const [, project, pattern] = fields(r.key);
    const value = decode<{ reason?: SignalReason; session?: string }>(r.value);
    if (project === undefined || pattern === undefined || !value?.reason) continue;
    const e = entry(project, pattern);
    if (value.reason in e.signals) e.signals[value.reason]++;
    e.seen.add(value.session ?? r.key);
  }
  for (const r of await store.listRecords('backoff', BACKOFF)) {
    const [, project, pattern] = fields(r.key);
    const since = decode<{ since?: number }>(r.value)?.since;
    if (project === undefined || pattern === undefined) continue;
    entry(project, pattern).since = typeof since === 'number' ? since : 0;
  }
  const total = (e: BackoffEntry) => e.signals.retrieve + e.signals.rerun + e.signals.reread;
  return [...entries.values()]
    .map(({ seen, ...e }) => ({ ...e, sessions: seen.size }))
    .sort(
    (a, b) => Number(b.since !== undefined) - Number(a.since !== undefined) || total(b) - total(a) || a.project.localeCompare(b.project) || a.pattern.localeCompare(b.pattern),
  );
}

/**
 * Forgets back-offs and their signals: all, or those of one pattern (and/or
 * one project). Outputs already sent keep the decision recorded for them.
 * Returns how many back-offs were lifted.
 */
export async function resetBackoffs(store: Store, only: { pattern?: string; project?: string } = {}): Promise<number> {
  let lifted = 0;
  for (const e of await listBackoffs(store)) {
    if (only.pattern !== undefined && e.pattern !== only.pattern) continue;
    if (only.project !== undefined && e.project !== only.project) continue;
    lifted += await store.deleteRecords('backoff', `${BACKOFF}${e.project}\n${e.pattern}\n`);
    await store.deleteRecords('backoff', `${SIGNAL}${e.project}\n${e.pattern}\n`);
  }
  return lifted;
}
