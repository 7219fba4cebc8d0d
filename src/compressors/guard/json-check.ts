import { MARKER_PATTERN, isMarkerLine } from '../marker.js';

// The structural rule for JSON output: with its markers removed it parses, and
// it is a projection of the input: every member it keeps has the input's value
// at the same place (objects keep a subset of their members, arrays a
// subsequence of their elements, strings are whole or cut at a marker).
// Records in arrays keep their identifying member. Work is linear: each input
// element is compared with at most one output element.

export interface JsonProblem {
  readonly path: string;
  readonly detail: string;
}

/** Marks where a marker cut a string, after parsing. */
const CUT = '\u001f';

/** The output as JSON values, one per document (a stream gives several), or a problem. */
function parseOutput(text: string, stream: boolean): unknown[] | JsonProblem {
  const kept = text
    .split('\n')
    .filter((l) => !isMarkerLine(l))
    // A marker left inside a line can only be inside a string: it marks a cut.
    .map((l) => (l.includes('[headroom: ') ? l.replace(MARKER_PATTERN, '\\u001f') : l))
    .join('\n');
  try {
    if (!stream) return [JSON.parse(kept)];
    return splitValues(kept).map((v) => JSON.parse(v) as unknown);
  } catch (e) {
    return { path: '', detail: `output does not parse once its markers are removed: ${(e as Error).message.slice(0, 120)}` };
  }
}

/**
 * The values of a stream of JSON values separated by whitespace: JSON lines,
 * and pretty-printed values one after another (`go list -json`, `jq` without
 * -s). Linear: one pass tracking depth and strings; each value is parsed by
 * the caller.
 */
export function splitValues(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) {
        inString = false;
        if (depth === 0) {
          out.push(text.slice(start, i + 1));
          start = -1;
        }
      }
      continue;
    }
    const ws = c === 32 || c === 10 || c === 13 || c === 9;
    if (start < 0) {
      if (ws) continue;
      start = i;
    }
    if (c === 34) inString = true;
    else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) {
      depth--;
      if (depth === 0) {
        out.push(text.slice(start, i + 1));
        start = -1;
      }
    } else if (depth === 0 && (ws || i === text.length - 1)) {
      // A bare scalar (number, true, false, null) at the top level ends at whitespace.
      out.push(text.slice(start, ws ? i : i + 1));
      start = -1;
    }
  }
  if (start >= 0) out.push(text.slice(start));
  return out;
}

/** Member names that identify a record, in order of preference. */
export const ID_KEYS = ['number', 'id', 'name', 'key', 'title', 'sha', 'path', 'login', 'url', 'uuid', 'slug'] as const;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The identifying member of a record, if it has one whose value is a scalar. */
export function idKeyOf(rec: Record<string, unknown>): string | undefined {
  for (const k of ID_KEYS) {
    const v = rec[k];
    if (v !== undefined && v !== null && typeof v !== 'object') return k;
  }
  return undefined;
}

function stringMatches(out: string, inp: string): boolean {
  if (out === inp) return true;
  if (!out.includes(CUT)) return false;
  const pieces = out.split(CUT);
  const first = pieces[0]!;
  const last = pieces[pieces.length - 1]!;
  return inp.startsWith(first) && inp.endsWith(last) && first.length + last.length <= inp.length;
}

/** A problem found below a member or an element: its path gets that step in front. */
function under(step: string, p: JsonProblem): JsonProblem {
  return { path: step + p.path, detail: p.detail };
}

/**
 * First problem found where `out` is not a projection of `inp`, or null. Paths
 * are relative and built only for the problem returned: most comparisons
 * succeed, and an array tries input elements until one matches.
 */
function project(out: unknown, inp: unknown, inArray: boolean, depth: number): JsonProblem | null {
  if (depth > 400) return null; // deeper than any real document; the parser already bounded it
  if (typeof out === 'string') return typeof inp === 'string' && stringMatches(out, inp) ? null : { path: '', detail: 'a string differs from the input' };
  if (out === null || typeof out !== 'object') return Object.is(out, inp) || out === inp ? null : { path: '', detail: `value ${JSON.stringify(out)?.slice(0, 40)} differs from the input` };
  if (Array.isArray(out)) {
    if (!Array.isArray(inp)) return { path: '', detail: 'an array stands where the input has no array' };
    let j = 0;
    for (let i = 0; i < out.length; i++) {
      let found = false;
      while (j < inp.length) {
        const problem = project(out[i], inp[j], true, depth + 1);
        j++;
        if (!problem) {
          found = true;
          break;
        }
      }
      if (!found) return { path: `[${i}]`, detail: 'an element is not one of the input elements, in order' };
    }
    return null;
  }
  if (!isRecord(inp)) return { path: '', detail: 'an object stands where the input has no object' };
  const rec = out as Record<string, unknown>;
  for (const k of Object.keys(rec)) {
    if (!Object.prototype.hasOwnProperty.call(inp, k)) return { path: `.${k}`, detail: 'a member the input does not have' };
    const problem = project(rec[k], inp[k], false, depth + 1);
    if (problem) return under(`.${k}`, problem);
  }
  const id = idKeyOf(inp);
  if (id && inArray && Object.keys(rec).length > 0 && !(id in rec)) {
    return { path: '', detail: `a record shown without its identifying member "${id}"` };
  }
  return null;
}

/**
 * Checks JSON output against its input. `lines`: the input is a stream of
 * values (JSON lines, or pretty values one after another), and each output
 * value must project an input value, in order.
 */
export function checkJson(input: string, output: string, lines: boolean): JsonProblem | null {
  const outs = parseOutput(output, lines);
  if (!Array.isArray(outs)) return outs;
  let ins: unknown[];
  try {
    ins = lines ? splitValues(input).map((v) => JSON.parse(v) as unknown) : [JSON.parse(input)];
  } catch {
    return { path: '', detail: 'the input is not JSON' };
  }
  let j = 0;
  for (let i = 0; i < outs.length; i++) {
    let found = false;
    while (j < ins.length) {
      const problem = project(outs[i], ins[j], false, 0);
      j++;
      if (!problem) {
        found = true;
        break;
      }
      if (!lines) return under('$', problem);
    }
    if (!found) return { path: `line ${i + 1}`, detail: 'an output record is not one of the input records, in order' };
  }
  return null;
}
