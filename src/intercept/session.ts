import { Admission, ChangedScopes } from './admission/index.js';
import type { Store } from '../memory/types.js';
import { WriteBehind } from '../memory/write-behind.js';
import { BackoffLedger } from './backoff/index.js';
import { DEFAULT_MEMO_BYTES, Decisions } from './decisions.js';
import { DriftCheck } from './drift.js';
import { DEFAULT_POLICY, type ToolPolicy } from './policy.js';
import { type CompressRunner, createCompressRunner } from './pool/index.js';
import { Epochs } from './repack/index.js';

// What every request through one proxy shares (rewrite.ts reads it): the
// decisions, the drift check, the repack epochs, the compression workers,
// admission under load, and the records written behind. Made once per proxy
// (or per `headroom wrap` session); closing it ends the workers and writes
// what waits, and leaves the store, the caller's, open.

export interface ProxySessionOptions {
  /** Keeps originals so markers can promise them back; without it nothing is compressed lossily. */
  readonly store?: Store;
  /**
   * Time a request's new outputs may wait for a worker, in ms; one not taken
   * up by then is left alone for good (one taken up is compressed to its end).
   */
  readonly budgetMs?: number;
  readonly policy?: ToolPolicy;
  /** Measure only: find and count outputs, change nothing. */
  readonly measureOnly?: boolean;
  /** Declare a headroom_retrieve tool in Anthropic / Chat requests that have tools, and answer its calls in the proxy. */
  readonly retrievalTool?: boolean;
  /** Where compression runs; default: the worker pool (inline when running from the TypeScript sources). */
  readonly runner?: CompressRunner;
  /** Bytes of decisions kept in memory in front of the store. */
  readonly memoBytes?: number;
  /** The clock lapses are measured on (ms); a replay gives its transcript's times. Default: Date.now. */
  readonly clock?: () => number;
  /** Time a repack's older outputs may wait for a worker, in ms: the request writes the whole cache anyway. */
  readonly repackBudgetMs?: number;
  /**
   * The project (its git root) and the signals after which a command pattern
   * is left whole there (backoff/): without it, or with 0, nothing backs off.
   */
  readonly backoff?: { readonly project: string; readonly after: number; readonly keep?: readonly string[]; readonly store?: Store };
}

/** State shared by every request through one proxy. */
export interface ProxySession {
  readonly options: Required<Pick<ProxySessionOptions, 'budgetMs' | 'policy'>> & ProxySessionOptions;
  readonly decisions: Decisions;
  readonly drift: DriftCheck;
  /** Each thread's repack epochs and when it was last seen. */
  readonly epochs: Epochs;
  readonly clock: () => number;
  readonly runner: CompressRunner;
  /** The project's back-offs, when the session has a project and a store. */
  readonly backoff?: BackoffLedger;
  /** Bodies being rewritten on the event loop, and whether one more may be. */
  readonly admission: Admission;
  /** Scopes in which a body ever went up changed: the others may be shed unread. */
  readonly changedScopes: ChangedScopes;
  /** Ends the compression workers (a later request starts them again) and writes what waits. The store is the caller's to close. */
  close(): Promise<void>;
}

export function createProxySession(options: ProxySessionOptions = {}): ProxySession {
  const runner = options.runner ?? createCompressRunner();
  const drift = new DriftCheck(options.store);
  const { store, backoff, measureOnly } = options;
  const settled = { budgetMs: 50, policy: DEFAULT_POLICY, ...options };
  const admission = new Admission(settled.budgetMs, () => runner.backlogMs());
  // Records that may be written late, in one write after a burst (a session seen, a request sent unread).
  const behind = store && new WriteBehind(store);
  return {
    options: settled,
    admission,
    changedScopes: new ChangedScopes(store, behind),
    // Back-offs live in `store` unless they are given one of their own (a replay shares one across sessions).
    ...(store &&
      backoff &&
      (backoff.after > 0 || backoff.keep?.length) &&
      !measureOnly && { backoff: new BackoffLedger(backoff.store ?? store, backoff.project, backoff.after, backoff.keep) }),
    decisions: new Decisions(options.store, options.memoBytes ?? DEFAULT_MEMO_BYTES),
    drift,
    epochs: new Epochs(store, undefined, behind),
    clock: options.clock ?? Date.now,
    runner,
    close: async () => {
      // The flush first: its writes start at once, before a caller closes the store.
      const flushed = Promise.all([drift.flush(), behind?.flush()]);
      admission.close();
      await runner.close();
      await flushed;
    },
  };
}
