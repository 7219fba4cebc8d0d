import { splitLines } from '../lines.js';
import { type JNode, Kind, makeNode } from './node.js';
import { JsonShapeError, parseJson, type ParsedStream, parseStream, type SourceStyle } from './parse.js';
import { looksLikeError } from './strings.js';

// Inputs made of many JSON values rather than one: JSON lines (logs, agent
// transcripts, `cargo --message-format json`), and streams of pretty-printed
// values (`go list -json`, `jq` without -s). Either way the values become the
// records of one virtual list, so the document machinery selects among them.

export interface RecordsInput {
  /** A virtual array whose elements are the values, in order. */
  readonly root: JNode;
  readonly style: SourceStyle;
  /** Each value's source text: its line in JSON lines, its whole lines in a stream (kept records print as they were). */
  readonly lines: readonly string[];
  /** JSON lines, one value per line (else a stream of pretty values). */
  readonly jsonl: boolean;
  /** Per value, the first and last input line it spans (0-based), and then the input's line count: markers count lines. */
  readonly spans: Int32Array;
  /**
   * Records can only be kept whole, as their source lines, or dropped: some
   * lines are not JSON. (A stream of pretty values is projected like a
   * document's records: the guard reads it as a stream of values.)
   */
  readonly verbatim: boolean;
  readonly trailingNewline: boolean;
}

/** Share of lines that may fail to parse before the input is not JSON lines. */
const MAX_JUNK = 0.1;

const COMPACT: SourceStyle = { colon: ':', sep: ',', indent: '', pretty: false };

function virtualRoot(values: JNode[]): JNode {
  const root = makeNode(Kind.Array, '', '', null, 0);
  values.forEach((v, i) => {
    v.parent = root;
    v.idx = i;
  });
  root.kids = values;
  return root;
}

/** Reads JSON lines, or a stream of values; throws JsonShapeError for anything else. */
export function readRecords(text: string): RecordsInput {
  const { lines, trailingNewline } = splitLines(text);
  const values: JNode[] = [];
  const kept: string[] = [];
  let style: SourceStyle | null = null;
  let junk = 0;
  let multiline = false;
  const at: number[] = [];
  for (let li = 0; li < lines.length; li++) {
    const line = lines[li]!;
    if (line.trim() === '') continue;
    at.push(li, li);
    try {
      const p = parseJson(line);
      if (!style && p.root.kind === Kind.Object && p.root.kids.length > 1) style = p.style;
      values.push(p.root);
    } catch (e) {
      if (!(e instanceof JsonShapeError)) throw e;
      const c = line.trimStart().charCodeAt(0);
      // A line that opens a value it does not close: pretty-printed values, not JSON lines.
      if (c === 123 || c === 91 || c === 125 || c === 93) multiline = true;
      if (multiline) break;
      junk++;
      const n = makeNode(Kind.Scalar, line, '', null, 0);
      n.hot = looksLikeError(line);
      values.push(n);
    }
    kept.push(line);
  }
  if (!multiline) {
    if (values.length < 2 || junk > values.length * MAX_JUNK || junk === values.length) throw new JsonShapeError('not JSON lines');
    at.push(lines.length);
    return { root: virtualRoot(values), style: style ?? COMPACT, lines: kept, jsonl: true, spans: Int32Array.from(at), verbatim: junk > 0, trailingNewline };
  }
  const s = parseStream(text);
  const own = wholeLines(text, s.values);
  return { root: virtualRoot(s.values.map((v) => v.node)), style: s.style, lines: own, jsonl: false, spans: lineSpans(text, s.values, lines.length), verbatim: false, trailingNewline };
}

/** The first and last line of each value, counted in one pass, then the line count. */
function lineSpans(text: string, values: ParsedStream['values'], lineCount: number): Int32Array {
  const spans = new Int32Array(values.length * 2 + 1);
  let line = 0;
  let pos = 0;
  const lineAt = (offset: number): number => {
    for (let nl = text.indexOf('\n', pos); nl >= 0 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
      line++;
      pos = nl + 1;
    }
    return line;
  };
  values.forEach((v, i) => {
    spans[2 * i] = lineAt(v.from);
    spans[2 * i + 1] = lineAt(v.to - 1);
  });
  spans[values.length * 2] = lineCount;
  return spans;
}

/** Each value's text widened to whole lines; values that share a line cannot be kept apart. */
function wholeLines(text: string, values: ParsedStream['values']): string[] {
  let prevEnd = -1;
  return values.map(({ from, to }) => {
    const start = text.lastIndexOf('\n', from - 1) + 1;
    let end = text.indexOf('\n', to);
    if (end < 0) end = text.length;
    if (start <= prevEnd || text.slice(start, from).trim() !== '' || text.slice(to, end).trim() !== '') throw new JsonShapeError('values share a line');
    prevEnd = end;
    return text.slice(start, end);
  });
}
