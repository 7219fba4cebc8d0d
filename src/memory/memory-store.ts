import { decodeBlob, prepareOriginal } from './blob.js';
import { ByteLru } from './byte-lru.js';
import {
  type CompressionEvent,
  type OriginalMeta,
  type PreparedOriginal,
  type RecordKind,
  type StoredRecord,
  type RetrievalEvent,
  type StatsReport,
  type StatsRow,
  type Store,
  StoreError,
  type StoreOptions,
} from './types.js';
import { DAY_MS, EVICT_TO, RECORDS_SHARE, SWEEP_EVERY } from './retention.js';

// The in-process store: for tests, library callers and `store: 'memory'`.
// Same semantics as the SQLite store (TTL from the last read, LRU under a cap
// on compressed bytes, stats from events) so the one contract suite holds.


interface Entry {
  readonly hash: string;
  readonly blob: Buffer;
  readonly type: string;
  readonly compressor: string;
  accessed: number;
}

interface PairStats {
  readonly type: string;
  readonly compressor: string;
  compressions: number;
  tokensBefore: number;
  tokensAfter: number;
  readonly stored: Set<string>;
  readonly retrieved: Set<string>;
  retrievals: number;
}

/** A store that lives and dies with the process. */
export function createMemoryStore(options: StoreOptions): Store {
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlDays * DAY_MS;
  const location = 'memory';
  // Map order is recency order: every read or refresh re-inserts at the end,
  // so the least recently used entry is always first.
  const entries = new Map<string, Entry>();
  const pairs = new Map<string, PairStats>();
  // Records are small and read by key only: an LRU by bytes, expired on read.
  const records = new ByteLru<{ value: Buffer; accessed: number }>(Math.floor(options.maxBytes * RECORDS_SHARE), (r) => r.value.byteLength);
  const recordKey = (kind: RecordKind, key: string): string => `${kind}\0${key}`;
  const liveRecord = (k: string, at: number): { value: Buffer; accessed: number } | undefined => {
    const r = records.get(k);
    if (r && r.accessed < at - ttlMs) {
      records.delete(k);
      return undefined;
    }
    if (r) r.accessed = at;
    return r;
  };
  let bytes = 0;
  let misses = 0;
  let putsSinceSweep = 0;

  const remove = (id: string, entry: Entry): void => {
    entries.delete(id);
    bytes -= entry.blob.byteLength;
  };
  const touch = (id: string, entry: Entry, at: number): void => {
    entry.accessed = at;
    entries.delete(id);
    entries.set(id, entry);
  };
  const fresh = (id: string, at: number): Entry | undefined => {
    const entry = entries.get(id);
    if (entry && entry.accessed < at - ttlMs) {
      remove(id, entry);
      return undefined;
    }
    return entry;
  };
  const sweep = (at: number): void => {
    for (const [id, entry] of entries) {
      if (entry.accessed >= at - ttlMs) break; // recency order: the rest are newer
      remove(id, entry);
    }
  };
  const evict = (keep: string): void => {
    if (bytes <= options.maxBytes) return;
    for (const [id, entry] of entries) {
      if (bytes <= options.maxBytes * EVICT_TO) break;
      if (id !== keep) remove(id, entry);
    }
  };
  const pair = (type: string, compressor: string): PairStats => {
    const key = JSON.stringify([type, compressor]);
    let p = pairs.get(key);
    if (!p) {
      p = { type, compressor, compressions: 0, tokensBefore: 0, tokensAfter: 0, stored: new Set(), retrieved: new Set(), retrievals: 0 };
      pairs.set(key, p);
    }
    return p;
  };

  const putPrepared = async (id: string, original: PreparedOriginal, meta: OriginalMeta): Promise<void> => {
    const at = now();
    const { hash } = original;
    const existing = fresh(id, at);
    if (existing) {
      if (existing.hash !== hash) throw new StoreError(`a different original is already stored under ${id}`, location);
      touch(id, existing, at);
      return;
    }
    const blob = Buffer.from(original.blob);
    if (blob.byteLength > options.maxBytes) {
      throw new StoreError(`original of ${blob.byteLength} compressed bytes is over the store cap of ${options.maxBytes}`, location);
    }
    entries.set(id, { hash, blob, type: meta.type, compressor: meta.compressor, accessed: at });
    bytes += blob.byteLength;
    if (++putsSinceSweep >= SWEEP_EVERY) {
      putsSinceSweep = 0;
      sweep(at);
    }
    evict(id);
  };

  return {
    kind: 'memory',
    location,

    async put(id: string, original: Uint8Array, meta: OriginalMeta): Promise<void> {
      await putPrepared(id, prepareOriginal(original), meta);
    },

    putPrepared,

    async getRecord(kind: RecordKind, key: string): Promise<Uint8Array | undefined> {
      return liveRecord(recordKey(kind, key), now())?.value;
    },

    async claimRecord(kind: RecordKind, key: string, value: Uint8Array): Promise<Uint8Array> {
      const at = now();
      const k = recordKey(kind, key);
      const known = liveRecord(k, at);
      if (known) return known.value;
      const copy = Buffer.from(value);
      records.set(k, { value: copy, accessed: at });
      return copy;
    },

    async setRecord(kind: RecordKind, key: string, value: Uint8Array): Promise<void> {
      records.set(recordKey(kind, key), { value: Buffer.from(value), accessed: now() });
    },

    async setRecords(kind: RecordKind, list: readonly StoredRecord[]): Promise<void> {
      const at = now();
      for (const r of list) records.set(recordKey(kind, r.key), { value: Buffer.from(r.value), accessed: at });
    },

    async countRecords(kind: RecordKind): Promise<number> {
      const from = now() - ttlMs;
      let n = 0;
      for (const [k, e] of records.entries()) if (k.startsWith(`${kind}\0`) && e.value.accessed >= from) n++;
      return n;
    },

    async listRecords(kind: RecordKind, prefix: string): Promise<StoredRecord[]> {
      const start = recordKey(kind, prefix);
      const cutoff = now() - ttlMs;
      const out: StoredRecord[] = [];
      for (const [k, { value }] of records.entries()) {
        if (k.startsWith(start) && value.accessed >= cutoff) out.push({ key: k.slice(kind.length + 1), value: value.value });
      }
      return out;
    },

    async deleteRecords(kind: RecordKind, prefix: string): Promise<number> {
      const start = recordKey(kind, prefix);
      const doomed = [...records.entries()].map(([k]) => k).filter((k) => k.startsWith(start));
      for (const k of doomed) records.delete(k);
      return doomed.length;
    },

    async get(id: string): Promise<Uint8Array | undefined> {
      const at = now();
      const entry = fresh(id, at);
      if (!entry) return undefined;
      touch(id, entry, at);
      return decodeBlob(entry.blob);
    },

    async recordCompression(event: CompressionEvent): Promise<void> {
      const p = pair(event.type, event.compressor);
      p.compressions++;
      p.tokensBefore += event.tokensBefore;
      p.tokensAfter += event.tokensAfter;
      if (event.id) p.stored.add(event.id);
    },

    async recordRetrieval(event: RetrievalEvent): Promise<void> {
      if (!event.found) {
        misses++;
        return;
      }
      // Attributed to the compressor that stored it; an id read and evicted
      // since has no owner left and counts nowhere.
      const entry = entries.get(event.id);
      if (!entry) return;
      const p = pair(entry.type, entry.compressor);
      p.retrievals++;
      p.retrieved.add(event.id);
    },

    async stats(): Promise<StatsReport> {
      sweep(now());
      const rows: StatsRow[] = [...pairs.values()]
        .map((p) => ({
          type: p.type,
          compressor: p.compressor,
          compressions: p.compressions,
          tokensBefore: p.tokensBefore,
          tokensAfter: p.tokensAfter,
          stored: p.stored.size,
          retrieved: p.retrieved.size,
          retrievals: p.retrievals,
        }))
        .sort((a, b) => a.type.localeCompare(b.type) || a.compressor.localeCompare(b.compressor));
      return { rows, misses, entries: entries.size, bytes };
    },

    async close(): Promise<void> {
      entries.clear();
      records.clear();
      bytes = 0;
    },
  };
}
