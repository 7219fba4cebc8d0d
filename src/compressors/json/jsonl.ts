import { type JNode, JsonShapeError, Kind, makeNode, parseJson, type SourceStyle } from './parse.js';
import { Renderer } from './render.js';
import { analyse } from './select.js';
import { looksLikeError } from './strings.js';
import type { Elisions } from '../marker.js';

// JSON lines (logs, agent transcripts): one record per line. Records that
// carry an error are kept, together with the records they point at (a
// tool_result's tool_use_id names the tool_use that failed); runs of ordinary
// records collapse into one marker with per-type counts.

export interface ParsedLines {
  root: JNode;
  style: SourceStyle;
  all: JNode[];
}

/** Share of lines that may fail to parse before the input is not JSONL. */
const MAX_BAD = 0.1;

export function parseLines(lines: readonly string[]): ParsedLines {
  const root = makeNode(Kind.Array, '', '', null, 0);
  let style: SourceStyle | null = null;
  let bad = 0;
  let nonEmpty = 0;
  for (const line of lines) {
    if (line.trim() === '') continue;
    nonEmpty++;
    let rec: JNode;
    try {
      const p = parseJson(line);
      rec = p.root;
      if (!style && rec.kind === Kind.Object && rec.kids.length > 1) style = p.style;
    } catch (e) {
      if (!(e instanceof JsonShapeError)) throw e;
      bad++;
      rec = makeNode(Kind.Scalar, line, '', null, 0);
      rec.hot = looksLikeError(line);
    }
    rec.parent = root;
    rec.idx = root.kids.length;
    rec.span = line.length;
    root.kids.push(rec);
  }
  if (nonEmpty < 2 || bad > nonEmpty * MAX_BAD) throw new JsonShapeError('not JSON lines');
  const all = analyse(root);
  linkReferences(root, all);
  return { root, style: style ?? { colon: ':', comma: ',', indent: '', pretty: false }, all };
}

/** Marks records that an error record refers to by id (the call that failed). */
function linkReferences(root: JNode, all: readonly JNode[]): void {
  const recordAt = new Int32Array(all.length);
  for (const rec of root.kids) {
    const end = rec.idx + 1 < root.kids.length ? root.kids[rec.idx + 1]!.ord : all.length;
    recordAt.fill(rec.idx, rec.ord, end);
  }
  const owner = new Map<string, number>();
  for (const n of all) {
    if ((n.name === 'id' || n.name === 'uuid') && n.kind === Kind.Scalar && n.raw.length > 8) {
      if (!owner.has(n.raw)) owner.set(n.raw, recordAt[n.ord]!);
    }
  }
  for (const rec of root.kids) {
    if (!rec.hot && !rec.hasHot) continue;
    const end = rec.idx + 1 < root.kids.length ? root.kids[rec.idx + 1]!.ord : all.length;
    for (let i = rec.ord; i < end; i++) {
      const n = all[i]!;
      if (n.kind !== Kind.Scalar || n.name === 'id' || n.name === 'uuid') continue;
      if (!n.name.endsWith('id') && !n.name.endsWith('uuid')) continue;
      const j = owner.get(n.raw);
      if (j !== undefined && j !== rec.idx) root.kids[j]!.linked = true;
    }
  }
}

function recordType(rec: JNode): string {
  if (rec.kind !== Kind.Object) return rec.kind === Kind.Scalar ? 'non-JSON' : 'array';
  for (const k of rec.kids) {
    if (k.name === 'type' && k.kind === Kind.Scalar && k.raw.charCodeAt(0) === 34) return k.raw.slice(1, -1);
  }
  return 'other';
}

function describeRun(recs: readonly JNode[]): string {
  const counts = new Map<string, number>();
  for (const r of recs) {
    const t = recordType(r);
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  const parts = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([t, c]) => `${c} ${t}`);
  return `records: ${parts.join(', ')}`;
}

/** Renders kept records one per line, with a marker per run of dropped records. */
export function renderLines(root: JNode, r: Renderer, el: Elisions): string[] {
  const out: string[] = [];
  let run: JNode[] = [];
  const flush = () => {
    if (run.length) out.push(el.omit(run.length, 'lines', describeRun(run)));
    run = [];
  };
  for (const rec of root.kids) {
    if (!rec.keep) {
      run.push(rec);
      continue;
    }
    const before = r.scalarsShown;
    const line = r.record(rec);
    if (r.scalarsShown === before) {
      run.push(rec);
      continue;
    }
    flush();
    out.push(line);
  }
  flush();
  if (r.droppedCount > 0) {
    const top = [...r.droppedInRecords].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 6);
    const what = `fields inside the records shown, e.g. ${top.map(([k]) => k).join(', ')}`;
    out.unshift(el.omit(r.droppedCount, 'fields', what));
  }
  return out;
}
