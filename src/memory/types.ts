// The store keeps every original a compression elided from, by content id, so
// nothing is lost for good. Backends (memory, SQLite, Redis) share this contract
// and one contract test suite.

/** What is known about a stored original, for stats. */
export interface OriginalMeta {
  /** Content type the router chose ('log', 'json', ...). */
  readonly type: string;
  /** Compressor strategy name ('log-template-dedup', ...). */
  readonly compressor: string;
  /** Tool that produced the output (a proxy knows it: 'Bash', 'Read'); 'cli' from the command line. */
  readonly tool: string;
  readonly tokensBefore: number;
  readonly tokensAfter: number;
}

/** One compression that changed its input. `id` is set when an original was stored. */
export interface CompressionEvent extends OriginalMeta {
  readonly id?: string;
  /** Milliseconds since the epoch. */
  readonly at: number;
}

/** One retrieval attempt; `found` is false for unknown or evicted ids. */
export interface RetrievalEvent {
  readonly id: string;
  readonly at: number;
  readonly found: boolean;
}

/** Totals for one (type, compressor) pair. */
export interface StatsRow {
  readonly type: string;
  readonly compressor: string;
  readonly compressions: number;
  readonly tokensBefore: number;
  readonly tokensAfter: number;
  /** Distinct originals stored by this compressor. */
  readonly stored: number;
  /** Distinct stored originals later retrieved at least once. */
  readonly retrieved: number;
  /** Retrieval calls that found an original of this compressor. */
  readonly retrievals: number;
}

export interface StatsReport {
  readonly rows: readonly StatsRow[];
  /** Retrievals of ids the store did not have (unknown, expired or evicted). */
  readonly misses: number;
  /** Originals held now, and their compressed size in bytes. */
  readonly entries: number;
  readonly bytes: number;
}

/** An original already hashed and encoded (a compression worker does it off the proxy's event loop). */
export interface PreparedOriginal {
  /** Full SHA-256 of the original, hex. */
  readonly hash: string;
  /** The encoded blob (see blob.ts). */
  readonly blob: Uint8Array;
  /** Bytes of the original. */
  readonly size: number;
}

/**
 * Small records kept across restarts beside the originals: the proxy's
 * decision for each tool output, what each conversation thread last sent, and
 * each thread's repack epochs (`repack`) and when it was last seen (`seen`), and
 * the signals and back-offs of command patterns where compression hurt (`backoff`).
 */
export type RecordKind = 'decision' | 'thread' | 'repack' | 'seen' | 'backoff' | 'scope';

/** One record as listed by prefix. */
export interface StoredRecord {
  readonly key: string;
  readonly value: Uint8Array;
}

export interface Store {
  readonly kind: 'memory' | 'sqlite' | 'redis';
  /** Where it lives, safe to print: a file path, or a Redis URL without its password. */
  readonly location: string;
  /**
   * Keeps an original under its content id. Idempotent: the same id twice is one
   * entry (its lifetime is refreshed). Throws StoreError when it cannot write.
   */
  put(id: string, original: Uint8Array, meta: OriginalMeta): Promise<void>;
  /** put() for an original hashed and encoded elsewhere: same semantics, no hashing or encoding here. */
  putPrepared(id: string, original: PreparedOriginal, meta: OriginalMeta): Promise<void>;
  /** The original, or undefined when unknown, expired or evicted. Refreshes its lifetime. */
  get(id: string): Promise<Uint8Array | undefined>;
  /** A record, or undefined when unknown or expired. Reads refresh its lifetime. Throws StoreError when it cannot read. */
  getRecord(kind: RecordKind, key: string): Promise<Uint8Array | undefined>;
  /**
   * Keeps `value` under the key unless a record is there already, atomically
   * across processes: the first writer wins. Returns the value that stands.
   * Throws StoreError when it cannot write.
   */
  claimRecord(kind: RecordKind, key: string, value: Uint8Array): Promise<Uint8Array>;
  /** Writes `value` under the key, replacing any. Throws StoreError when it cannot write. */
  setRecord(kind: RecordKind, key: string, value: Uint8Array): Promise<void>;
  /**
   * setRecord for several records at once: one transaction (SQLite) or one
   * round trip (Redis), so what a burst of requests leaves to write costs one
   * commit, not one each. Throws StoreError when it cannot write.
   */
  setRecords(kind: RecordKind, records: readonly StoredRecord[]): Promise<void>;
  /** Records of a kind not expired (`headroom stats` counts repacks so). Throws StoreError when it cannot read. */
  countRecords(kind: RecordKind): Promise<number>;
  /**
   * The live records of a kind whose key starts with `prefix`, in no set
   * order. Listing does not refresh their lifetime. For small families of
   * records (back-offs), not for decisions. Throws StoreError when it cannot read.
   */
  listRecords(kind: RecordKind, prefix: string): Promise<StoredRecord[]>;
  /** Deletes the records of a kind whose key starts with `prefix`; returns how many. Throws StoreError when it cannot write. */
  deleteRecords(kind: RecordKind, prefix: string): Promise<number>;
  /** Stats are best effort: these never throw. */
  recordCompression(event: CompressionEvent): Promise<void>;
  recordRetrieval(event: RetrievalEvent): Promise<void>;
  stats(): Promise<StatsReport>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** Originals unread for this long are dropped. Every read refreshes. */
  readonly ttlDays: number;
  /**
   * Cap on stored (compressed) bytes of originals; least recently used go
   * first. Records get a quarter of it on top (RECORDS_SHARE).
   */
  readonly maxBytes: number;
  /** Clock, injectable so tests can age entries. */
  readonly now?: () => number;
}

/** The store cannot do what was asked (disk full, locked, Redis down, corrupt file). */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    message: string,
    readonly location: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The one answer for an id the store does not have: final, so an agent does not retry it. */
export const NOT_AVAILABLE = 'no longer available: re-run the command or re-read the file';
