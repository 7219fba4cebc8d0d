// A map that holds at most a number of bytes, dropping the least recently
// used entries first. Every cache of the proxy is one of these: a count of
// entries says nothing about memory when one tool output is 200 bytes and the
// next is 2 MB.

/** Rough bytes a JS string holds on the heap: two per UTF-16 unit (one-byte strings are counted high, which errs on the safe side). */
export const stringBytes = (s: string): number => 2 * s.length;

/** Per-entry overhead of a Map slot and its small objects, counted so that many tiny entries are bounded too. */
const ENTRY_OVERHEAD = 64;

export class ByteLru<V> {
  private readonly map = new Map<string, { value: V; bytes: number }>();
  private held = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly sizeOf: (value: V) => number,
  ) {}

  get(key: string): V | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    this.map.delete(key);
    this.map.set(key, e); // Map order is recency order: most recently used last
    return e.value;
  }

  /** Sets or replaces; an entry larger than the whole cap is not kept at all. */
  set(key: string, value: V): void {
    this.delete(key);
    const bytes = stringBytes(key) + this.sizeOf(value) + ENTRY_OVERHEAD;
    if (bytes > this.maxBytes) return;
    this.map.set(key, { value, bytes });
    this.held += bytes;
    for (const [k, e] of this.map) {
      if (this.held <= this.maxBytes) break;
      this.map.delete(k);
      this.held -= e.bytes;
    }
  }

  has(key: string): boolean {
    return this.map.has(key);
  }

  delete(key: string): void {
    const e = this.map.get(key);
    if (!e) return;
    this.map.delete(key);
    this.held -= e.bytes;
  }

  clear(): void {
    this.map.clear();
    this.held = 0;
  }

  /** Entries, least recently used first (does not refresh them). */
  entries(): IterableIterator<[string, { value: V; bytes: number }]> {
    return this.map.entries();
  }

  get size(): number {
    return this.map.size;
  }

  get bytes(): number {
    return this.held;
  }
}
