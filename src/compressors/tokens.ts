// Token counting. One real tokenizer everywhere: gpt-tokenizer with the
// o200k_base encoding (GPT-4o / GPT-5 family). Claude's tokenizer is not
// published; o200k is the closest public BPE and is deterministic, which is
// what savings figures need. Loading it costs ~250 ms, so it is loaded lazily
// and only where an exact count is reported; decisions use `estimateTokens`.

type CountFn = (text: string) => number;
let exact: CountFn | undefined;

/** Loads the tokenizer once; later calls are free. */
export async function loadTokenizer(): Promise<CountFn> {
  if (!exact) {
    const mod = await import('gpt-tokenizer/encoding/o200k_base');
    exact = (text: string) => mod.countTokens(text);
  }
  return exact;
}

/** Exact o200k_base token count. */
export async function countTokens(text: string): Promise<number> {
  return (await loadTokenizer())(text);
}

/** Exact count when the tokenizer is already loaded (sync callers). */
export function countTokensSync(text: string): number | undefined {
  return exact?.(text);
}

// Character classes for the estimate, looked up instead of compared: this runs
// over every payload, so it is worth a table.
const ALNUM = 1;
const SPACE = 2;
const BREAK = 3; // newline, tab
const PUNCT = 4;
const CLASS = new Uint8Array(128).fill(PUNCT);
for (let c = 48; c <= 57; c++) CLASS[c] = ALNUM;
for (let c = 65; c <= 90; c++) CLASS[c] = ALNUM;
for (let c = 97; c <= 122; c++) CLASS[c] = ALNUM;
CLASS[32] = SPACE;
CLASS[10] = BREAK;
CLASS[9] = BREAK;

/**
 * A linear, allocation-free estimate of o200k tokens, for decisions on the hot
 * path. Words and numbers cost about one token per 4-5 characters, punctuation
 * about one each, non-ASCII about one per character.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(estimateTenths(text) / 10);
}

// Tenths of a token, counted in integers: a sum of fractions kept as a double
// was boxed on the heap at every step in some of V8's compilations of this
// loop, which ran it 3x slower in those processes. Integers stay unboxed. The
// loop is also its own function, so the code after it (the rounding) needs no
// type feedback: the first call is often a whole 100 KB payload, compiled on
// the stack (OSR) before that code has ever run, and it deoptimised there.
function estimateTenths(text: string): number {
  let tenths = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (c >= 128) {
      tenths += 10;
      i++;
      continue;
    }
    const k = CLASS[c]!;
    if (k === ALNUM) {
      // A whole run in a tight loop: most characters are in one (a third faster than one test per character).
      let j = i + 1;
      while (j < n && (c = text.charCodeAt(j)) < 128 && CLASS[c] === ALNUM) j++;
      // ceil(run / 4.5) tokens, in integers: ceil(2 * run / 9).
      tenths += 10 * Math.floor((2 * (j - i) + 8) / 9);
      i = j;
      continue;
    }
    i++;
    if (k === SPACE) continue; // a space joins the next word's token
    tenths += k === BREAK ? 5 : 7;
  }
  return tenths;
}
