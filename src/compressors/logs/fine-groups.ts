import { FINE_CHARS } from './log-lines.js';

// Groups the lines of a log by their fine key (log-lines.ts `fineKey`: digit
// runs, hex numbers and calendar words flattened) without making a string per
// line. A regex replace builds each key as a rope of small pieces, and the Map
// that groups by it must first copy that rope flat: on a 100 KB log this took
// more time than everything else the compressor does. Here each line's key is
// written into one reused buffer, hashed as it is written, and compared with
// the keys of earlier groups of the same hash; only a new group keeps a copy.

/** Month and day names, each as its three character codes packed in one number. */
const CALENDAR = new Set(
  ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].map((w) => packed3(w, 0)),
);
function packed3(s: string, at: number): number {
  return (s.charCodeAt(at) << 16) | (s.charCodeAt(at + 1) << 8) | s.charCodeAt(at + 2);
}

const isDigit = (c: number) => c >= 48 && c <= 57;
/** [A-Za-z0-9_], the characters of a word as `\b` sees it. */
const WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) WORD[c] = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isDigit(c) || c === 95 ? 1 : 0;
const isWordChar = (c: number) => c < 128 && WORD[c] === 1;
const isHex = (c: number) => isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);

export class FineGroups {
  private buf = new Uint16Array(512);
  private len = 0;
  private hash = 0;
  private readonly byHash = new Map<number, number[]>();
  private readonly keys: Uint16Array[] = [];

  /** Number of groups so far. */
  get size(): number {
    return this.keys.length;
  }

  /**
   * The group of the line `text[from, to)`: groups are numbered 0, 1, ... in
   * the order their first line came. Reading the lines in place in their text
   * is faster than reading each as a string of its own.
   */
  groupOf(text: string, from = 0, to = text.length): number {
    this.write(text, from, to);
    const ids = this.byHash.get(this.hash);
    if (ids) for (const id of ids) if (this.same(this.keys[id]!)) return id;
    const id = this.keys.length;
    this.keys.push(this.buf.slice(0, this.len));
    if (ids) ids.push(id);
    else this.byHash.set(this.hash, [id]);
    return id;
  }

  private same(key: Uint16Array): boolean {
    if (key.length !== this.len) return false;
    const buf = this.buf;
    for (let i = 0; i < key.length; i++) if (key[i] !== buf[i]) return false;
    return true;
  }

  /**
   * Writes the fine key of `line` into the buffer and hashes it: word by
   * word, a word that is a hex number, a hex id or a month or day name as
   * '0', any other with its digit runs as '0'. Locals, not fields, in the loop.
   */
  private write(line: string, from: number, to: number): void {
    const n = Math.min(to, from + FINE_CHARS);
    // A key is never longer than its line.
    if (this.buf.length < n - from) this.buf = new Uint16Array(Math.max(n - from, this.buf.length * 2));
    const buf = this.buf;
    let len = 0;
    let h = 0x811c9dc5 | 0;
    let i = from;
    while (i < n) {
      let c = line.charCodeAt(i);
      if (!isWordChar(c)) {
        buf[len++] = c;
        h = Math.imul(h ^ c, 16777619);
        i++;
        continue;
      }
      // Copied as it is read (most words have no digit); a word that turns out
      // to be a number or a date is written again from where it started.
      const s = i;
      const len0 = len;
      const h0 = h;
      let digits = 0;
      let lowerHex = true;
      for (; i < n && isWordChar((c = line.charCodeAt(i))); i++) {
        if (isDigit(c)) digits++;
        else if (lowerHex && !(c >= 97 && c <= 102)) lowerHex = false;
        buf[len++] = c;
        h = Math.imul(h ^ c, 16777619);
      }
      // A UUID (request, client and trace ids) spans five words: one '0'.
      if (i - s === 8 && c === 45 && s + UUID_CHARS <= n && isUuid(line, s) && !(s + UUID_CHARS < n && isWordChar(line.charCodeAt(s + UUID_CHARS)))) {
        len = len0;
        buf[len++] = 48;
        h = Math.imul(h0 ^ 48, 16777619);
        i = s + UUID_CHARS;
        continue;
      }
      if (digits === 0 && !(i - s === 3 && CALENDAR.has(packed3(line, s)))) continue;
      len = len0;
      h = h0;
      if (digits === 0) {
        buf[len++] = 48;
        h = Math.imul(h ^ 48, 16777619);
        continue;
      }
      if ((i - s >= 6 && (lowerHex || isUpperHex(line, s, i))) || isHexNumber(line, s, i)) {
        buf[len++] = 48;
        h = Math.imul(h ^ 48, 16777619);
        continue;
      }
      for (let k = s; k < i; ) {
        c = line.charCodeAt(k);
        if (isDigit(c)) {
          while (k < i && isDigit(line.charCodeAt(k))) k++;
          c = 48;
        } else k++;
        buf[len++] = c;
        h = Math.imul(h ^ c, 16777619);
      }
    }
    this.len = len;
    this.hash = h;
  }
}

const UUID_CHARS = 36;

/** 8-4-4-4-12 hex digits from `s` (either case). */
function isUuid(line: string, s: number): boolean {
  for (let k = 0; k < UUID_CHARS; k++) {
    const c = line.charCodeAt(s + k);
    if (k === 8 || k === 13 || k === 18 || k === 23 ? c !== 45 : !isHex(c)) return false;
  }
  return true;
}

/** Digits and A-F only. */
function isUpperHex(line: string, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const c = line.charCodeAt(i);
    if (!isDigit(c) && !(c >= 65 && c <= 70)) return false;
  }
  return true;
}

/** `0x` and one or more hex digits, the whole word. */
function isHexNumber(line: string, s: number, e: number): boolean {
  if (e - s < 3 || line.charCodeAt(s) !== 48 || line.charCodeAt(s + 1) !== 120) return false;
  for (let i = s + 2; i < e; i++) if (!isHex(line.charCodeAt(i))) return false;
  return true;
}
