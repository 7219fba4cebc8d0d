// The retention rules every store follows, so the one contract suite holds
// for memory, SQLite and Redis alike: TTL in days from the last read, and an
// LRU cap on compressed bytes that evicts below the cap.

export const DAY_MS = 86_400_000;
/** Eviction goes below the cap, so a full store does not evict on every put. */
export const EVICT_TO = 0.9;
/** Expired originals are swept every this many puts (reads filter them anyway). */
export const SWEEP_EVERY = 500;
/** Records (decisions, threads) are capped at this share of maxBytes, on top of the originals. */
export const RECORDS_SHARE = 0.25;
/** A read refreshes a record's lifetime at most this often: reads stay reads. */
export const TOUCH_EVERY_MS = 3_600_000;
