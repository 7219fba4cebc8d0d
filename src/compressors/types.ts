// The one contract every compressor implements. Compressors are pure: text in,
// text plus a description of what was elided out. Only the store (src/memory)
// keeps the dropped bytes, so a compressor never touches I/O.

/** Kinds of content the router can tell apart. */
export const CONTENT_TYPES = [
  'test', // test-runner output: pytest, jest/vitest, go test, cargo test...
  'build', // compiler / linter / package-manager output: tsc, cargo, eslint, npm, maven...
  'log', // system and application logs
  'search', // grep / ripgrep / git grep hits
  'json', // JSON documents, JSON lines, recorded HTTP exchanges
  'code', // source code (language in `language`)
  'html', // HTML / XML pages
  'diff', // unified diffs, git log / show output
  'listing', // ls -l, ls -R, find, tree
  'table', // CSV / TSV / aligned tables
  'prose', // markdown, plain text, anything else made of sentences
  'binary', // binary bytes or long base64 / hex blobs
] as const;

export type ContentType = (typeof CONTENT_TYPES)[number];

export function isContentType(value: string): value is ContentType {
  return (CONTENT_TYPES as readonly string[]).includes(value);
}

/**
 * Cheap facts about an input, computed once by the router and shared by every
 * scorer so routing stays O(sample) and never scans a 10 MB payload per compressor.
 */
export interface Probe {
  /** The whole input (scorers should look at `head`/`lines`, not this). */
  readonly text: string;
  /** The first PROBE_BYTES characters. */
  readonly head: string;
  /** The first PROBE_LINES lines of `head`, each clipped to PROBE_LINE_CHARS. */
  readonly lines: readonly string[];
  /**
   * Up to 32 whole lines from the last 4 KB of the input, past where `lines`
   * end (empty when they reach the end): a log's or a test run's end says
   * what it is when its head is a banner or a config dump.
   */
  readonly tail: readonly string[];
  /** Where `lines` end in `text`: past the newline of the last (the text's length when they reach its end). */
  readonly linesEnd: number;
  /** Number of lines in the whole input (counted once, linear). */
  readonly lineCount: number;
  /** Characters in the input's lines of 128 or more (LONG_LINE_CHARS), counted in the same pass. */
  readonly longLineChars: number;
  /** First non-whitespace character of the input, or '' when blank. */
  readonly firstChar: string;
  /** Last non-whitespace character of the input, or ''. */
  readonly lastChar: string;
}

/** One run of dropped content, described for the marker and for stats. */
export interface Elision {
  /** How many units were dropped. */
  readonly count: number;
  /** The unit: 'lines', 'rows', 'matches', 'files', 'frames', 'items'... */
  readonly unit: string;
  /** What they were, in a few words: "passing tests", "repeats of: <template>". */
  readonly what: string;
  /**
   * The names of what was dropped, listed after `what` in full (never clipped):
   * the keys of a map's entries, where naming each costs less than showing it.
   */
  readonly names?: readonly string[];
}

/** What a compressor returns. */
export interface Compressed {
  readonly text: string;
  readonly elisions: readonly Elision[];
  /** Set by the code compressor, and by others when they know (e.g. 'python'). */
  readonly language?: string;
  /**
   * How the engine checks the output against the input (default 'lines'):
   * - 'lines': every non-marker line is an input line, verbatim or cut at an inline marker, in order;
   * - 'json' / 'jsonl': with markers removed it parses and projects the input's values;
   * - 'rendered': as 'lines', against `basis` (a rendering of the input, e.g. HTML as text);
   * - 'words': `basis` is the input with plain words removed from its prose lines (guard/words.ts
   *   checks that, line for line), and the output is checked as 'rendered' against it.
   */
  readonly form?: 'lines' | 'json' | 'jsonl' | 'rendered' | 'words';
  /** For 'rendered' and 'words': the whole text the output was cut from. */
  readonly basis?: string;
  /** `estimateTokens(text)`, when the compressor has it: the engine then does not read the text again. */
  readonly tokens?: number;
}

/** Options a compressor may honour; all optional, all deterministic. */
export interface CompressContext {
  /**
   * The size the output should aim for, in estimated tokens. Lossless steps come
   * first; lossy steps only run while the output is above this.
   */
  readonly budgetTokens: number;
  /**
   * True when the input is large enough (about 2,000 tokens) that content the
   * command exists to show may be dropped down to the budget. When false only
   * lossless steps and known noise (passing tests, progress lines, repeats)
   * may go.
   */
  readonly lossy?: boolean;
  /**
   * True when the caller set the budget (`--budget`): it is then the target as
   * it stands. Otherwise it is the engine's default, which a document kind may
   * scale (a manual needs more room than a log whose lines repeat).
   */
  readonly budgetGiven?: boolean;
  /** Language hint for code (from a file name or the caller). */
  readonly language?: string;
  /** Helpers every compressor shares, passed in so compressors stay pure. */
  readonly estimateTokens: (text: string) => number;
}

export interface Compressor {
  /** The strategy, e.g. 'log-template-dedup', 'json-table', 'code-outline'. */
  readonly name: string;
  /** The content type this compressor handles. */
  readonly type: ContentType;
  /**
   * How well this compressor fits the input, 0..1; negative means "not mine".
   * Must be cheap: look at the probe's head and lines only. `toBeat` is the
   * best score of the scorers before it: a scorer whose deeper look costs
   * more may skip it and decline when it cannot score above that.
   */
  score(probe: Probe, toBeat?: number): number;
  /**
   * The highest score `score` can return, when it is below the router's
   * certainty: once the best score so far reaches it, this scorer could only
   * tie or lose, and the router does not ask it. test/compressors/router.test.ts
   * checks the bound on every corpus input.
   */
  readonly maxScore?: number;
  /**
   * Optional async set-up (e.g. loading a WASM grammar) that the engine awaits
   * before `compress`, so `compress` itself stays synchronous and pure.
   */
  prepare?(text: string, ctx: CompressContext): Promise<void>;
  /** Pure and deterministic. May throw: the engine then passes the input through. */
  compress(text: string, ctx: CompressContext): Compressed;
}
