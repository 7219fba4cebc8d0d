import type { Elisions } from '../marker.js';
import { templateOf } from '../template.js';
import { type JNode, Kind } from './node.js';
import type { RecordsInput } from './records.js';
import { WHOLE_LINE } from './priority.js';
import { type Renderer, Tally } from './render.js';

// The records of JSON lines: a log's events, a transcript's turns. A record is
// one real line: shown as it was, or left out with its run counted in a marker
// by what the records were. The first record of each template (a log event's
// message shape) goes first; later records of a log template are repeats,
// known noise that may go at any size.

/** Members whose text is a log event's message. */
const MESSAGE_KEYS = new Set(['msg', 'message']);
/** Short members that tell kinds of records apart. */
const KIND_KEYS = new Set(['level', 'severity', 'error_severity', 'type', 'subtype', 'role', 'kind', 'event', 'status']);

function unquote(raw: string): string {
  return raw.charCodeAt(0) === 34 ? raw.slice(1, -1) : raw;
}

function messageOf(rec: JNode): JNode | null {
  for (const k of rec.kids) if (MESSAGE_KEYS.has(k.lname) && k.kind === Kind.Scalar && k.raw.charCodeAt(0) === 34) return k;
  return null;
}

/** Short members of a record (and of its direct sub-objects, e.g. pino's res.statusCode) that name its kind. */
function kinds(rec: JNode, depth: number, parts: string[]): void {
  for (const k of rec.kids) {
    if (k.kind === Kind.Object && depth === 0) kinds(k, 1, parts);
    else if (k.kind === Kind.Scalar && k.raw.length <= 40 && (KIND_KEYS.has(k.lname) || k.lname === 'statuscode')) parts.push(k.raw);
  }
}

const WARN = /^"(?:warn|warning)"$/i;

/** A warning: pino's level 40, or a level or severity member that says so. */
function warns(rec: JNode): boolean {
  for (const k of rec.kids) {
    if (k.lname !== 'level' && k.lname !== 'severity' && k.lname !== 'error_severity') continue;
    if (k.raw === '40' || WARN.test(k.raw)) return true;
  }
  return false;
}

/** The record's template, and whether it is a log event (it has a message). */
function signature(rec: JNode): { sig: string; log: boolean } {
  if (rec.kind !== Kind.Object) return { sig: `~${templateOf(rec.raw || '[]')}`, log: rec.kind === Kind.Scalar };
  const parts: string[] = [rec.hot || rec.hasHot ? '!' : ''];
  kinds(rec, 0, parts);
  const msg = messageOf(rec);
  // A log event is its kind and message; other records are told apart by their members too.
  if (msg) parts.push(templateOf(unquote(msg.raw)));
  else for (const k of rec.kids) parts.push(k.name);
  return { sig: parts.join('|'), log: msg !== null };
}

/** Members only a log's events have: a level, or structlog's message under `event`. */
const LOG_KEYS = new Set(['level', 'severity', 'lvl', 'event']);

/**
 * JSON lines that are a table's rows rather than a log's events (`jq -c
 * '.[]'`, an NDJSON export, `docker ... --format json`): no line has a message
 * or a level, and each is named by a member the guard asks of records, or by
 * a short column distinct in every line (a transcript's turns are named by a
 * uuid and go as a log's lines). Such lines are records of a list: each
 * named, its columns projected before whole lines go, as a document's records
 * are; as log lines, a line of a few hundred tokens was kept whole or not at
 * all, and three of fifty were shown.
 */
export function isRecordStream(root: JNode): boolean {
  const recs = root.kids;
  if (recs.length < 2) return false;
  let named = 0;
  for (const rec of recs) {
    if (rec.kind !== Kind.Object || messageOf(rec) || rec.kids.some((k) => LOG_KEYS.has(k.lname))) return false;
    if (rec.ident ? rec.ident.lname !== 'uuid' : rec.alias !== null) named++;
  }
  return named >= recs.length * 0.9;
}

/**
 * Orders the records of JSON lines (their spread): the first record of each
 * template goes first, failures, then warnings (rarest template first), then
 * the last record, then the first of other templates; then repeats of
 * failures, then other repeats (ends and evenly spaced blocks). Returns, per
 * record, whether it repeats a log template or an earlier line exactly:
 * noise, which may go at any size.
 */
export function markTemplates(input: RecordsInput, all: readonly JNode[]): Uint8Array {
  const recs = input.root.kids;
  const linked = linkReferences(input.root, all);
  const noise = new Uint8Array(recs.length);
  const sigs = recs.map(signature);
  const counts = new Map<string, number>();
  for (const { sig } of sigs) counts.set(sig, (counts.get(sig) ?? 0) + 1);
  const seen = new Set<string>();
  const lines = new Set<string>();
  recs.forEach((rec, i) => {
    const { sig, log } = sigs[i]!;
    // The call a failure names goes with it.
    rec.linked = linked[i] === 1;
    const hot = rec.hot || rec.hasHot || rec.linked;
    const line = input.lines[i]!;
    const exact = line.length <= 2000 && lines.has(line);
    if (line.length <= 2000) lines.add(line);
    // A line is named by its message, not by a member the guard asks of records in an array.
    rec.ident = null;
    if (rec.kind === Kind.Object) rec.alias = messageOf(rec);
    const last = i === recs.length - 1;
    if (!seen.has(sig)) {
      seen.add(sig);
      const rare = 0.003 / counts.get(sig)!;
      rec.spread = (hot ? 0.996 : warns(rec) ? WHOLE_LINE : last ? 0.99 : 0.98) + rare;
      return;
    }
    // The last line says where the log stopped: never noise.
    if ((log || exact) && !last) noise[i] = 1;
    // A failure repeats a log's template; elsewhere (a transcript's tool results) each one is news.
    rec.spread = last ? 0.99 : hot && !log ? 0.996 : hot ? 0.6 + 0.3 * rec.spread : 0.6 * rec.spread;
  });
  return noise;
}

/**
 * Records a failing record refers to by id (the call that failed: a
 * tool_result's tool_use_id names the tool_use). Returns 1 per linked record.
 */
function linkReferences(root: JNode, all: readonly JNode[]): Uint8Array {
  const recs = root.kids;
  const linked = new Uint8Array(recs.length);
  const recordAt = new Int32Array(all.length).fill(-1);
  recs.forEach((rec, i) => {
    const end = i + 1 < recs.length ? recs[i + 1]!.ord : all.length;
    recordAt.fill(i, rec.ord, end);
  });
  const owner = new Map<string, number>();
  for (const n of all) {
    if ((n.lname === 'id' || n.lname === 'uuid') && n.kind === Kind.Scalar && n.raw.length > 8 && !owner.has(n.raw)) {
      owner.set(n.raw, recordAt[n.ord]!);
    }
  }
  recs.forEach((rec, i) => {
    if (!rec.hot && !rec.hasHot) return;
    const end = i + 1 < recs.length ? recs[i + 1]!.ord : all.length;
    for (let o = rec.ord; o < end; o++) {
      const n = all[o]!;
      if (n.kind !== Kind.Scalar || n.lname === 'id' || n.lname === 'uuid') continue;
      if (!n.lname.endsWith('id') && !n.lname.endsWith('uuid')) continue;
      const j = owner.get(n.raw);
      if (j !== undefined && j >= 0 && j !== i) linked[j] = 1;
    }
  });
  return linked;
}

/** A label for what a record is, for the marker of a run of them. */
function label(rec: JNode): string {
  if (rec.kind !== Kind.Object) return rec.kind === Kind.Scalar ? 'non-JSON' : 'arrays';
  const msg = messageOf(rec);
  if (msg) return unquote(msg.raw).slice(0, 28);
  for (const k of rec.kids) if (k.lname === 'type' && k.kind === Kind.Scalar && k.raw.length <= 40) return unquote(k.raw);
  return 'other';
}

/** What names a record in a marker: its naming member's value. */
function nameOf(rec: JNode): string {
  const m = rec.ident ?? rec.alias;
  if (!m) return '';
  const v = unquote(m.raw);
  return v.length > 32 ? `${v.slice(0, 31)}…` : v;
}

function describeRun(recs: readonly JNode[], jsonl: boolean): string {
  const first = nameOf(recs[0]!);
  // Records that are not log events are named by their range.
  if (first && recs.every((r) => label(r) === 'other')) {
    const names = recs.length === 1 ? first : `${first} … ${nameOf(recs[recs.length - 1]!)}`;
    return jsonl ? names : `${recs.length} values: ${names}`;
  }
  const counts = new Map<string, number>();
  for (const r of recs) {
    const t = label(r);
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  const parts = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 2).map(([t, c]) => `${c} ${t}`);
  return `records: ${parts.join(', ')}${counts.size > 2 ? ', …' : ''}`;
}

/** True when every node of the record is kept and no string of it would be cut. */
function whole(rec: JNode, cutsAbove: number): boolean {
  const stack = [rec];
  while (stack.length) {
    const n = stack.pop()!;
    if (!n.keep || n.repeat || (n.kind === Kind.Scalar && n.raw.length > cutsAbove && n.raw.charCodeAt(0) === 34)) return false;
    for (const k of n.kids) stack.push(k);
  }
  return true;
}

/**
 * Renders the kept records: as their source lines when whole, else their kept
 * members, on one line (JSON lines) or pretty as the source (a stream of
 * values). `cutsAbove`: strings longer than this are cut.
 */
export function renderRecords(input: RecordsInput, r: Renderer, el: Elisions, cutsAbove: number): string[] {
  const out: string[] = [];
  const tally = new Tally();
  let run: JNode[] = [];
  // A marker counts the input lines it stands for (blank ones between records too), as the guard reads it.
  const spans = input.spans;
  let lastShown = -1;
  const flush = (nextLine: number) => {
    if (run.length) out.push(el.omit(nextLine - lastShown - 1, 'lines', describeRun(run, input.jsonl)));
    run = [];
  };
  input.root.kids.forEach((rec, i) => {
    if (!rec.keep) {
      run.push(rec);
      return;
    }
    flush(spans[2 * i]!);
    lastShown = spans[2 * i + 1]!;
    if (input.verbatim || whole(rec, cutsAbove)) out.push(input.lines[i]!);
    else if (input.jsonl) out.push(r.line(rec, tally));
    else out.push(...r.value(rec, tally));
  });
  flush(spans[spans.length - 1]!);
  if (tally.count) out.unshift(el.omit(tally.count, 'keys', `from the records below: ${tally.describe()}`));
  return out;
}
