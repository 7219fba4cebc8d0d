import { indentOf } from '../lines.js';
import { Elisions, formatMarker } from '../marker.js';
import type { Elision } from '../types.js';
import { keepAlignable } from './alignable.js';
import { describeCommits } from './oneline.js';
import { type Parsed, Role } from './roles.js';

// Turns a cut of the keep order into output lines: kept lines verbatim, and
// one marker per run of dropped lines saying what the run held (commits,
// files, +added -removed lines, context, message body). A run that costs
// little more than its marker is shown instead.

export interface Rendered {
  readonly lines: string[];
  readonly elisions: readonly Elision[];
  /** Estimated tokens of the output. */
  readonly tokens: number;
}

export interface RenderInput {
  readonly lines: readonly string[];
  readonly parsed: Parsed;
  readonly rank: Int32Array;
  /** Estimated tokens of each line, its newline included. */
  readonly cost: Float64Array;
  readonly estimateTokens: (text: string) => number;
  /** True for `git log --oneline` output: runs of commits are counted as commits. */
  readonly oneline: boolean;
}

/** Keeps the lines ranked below `cut`, blank lines between kept lines, and whatever the guard needs to align. */
function keepMask(inp: RenderInput, cut: number): Uint8Array {
  const { lines, parsed, rank } = inp;
  const n = lines.length;
  const keep = new Uint8Array(n);
  for (let i = 0; i < n; i++) keep[i] = rank[i]! < cut ? 1 : 0;
  // A blank line stays when the lines on both sides of it stay.
  let before = 1;
  for (let i = 0; i < n; ) {
    if (parsed.role[i] !== Role.blank) {
      before = keep[i]!;
      i++;
      continue;
    }
    let j = i;
    while (j < n && parsed.role[j] === Role.blank) j++;
    const after = j < n ? keep[j]! : 1;
    if (before && after) for (let t = i; t < j; t++) keep[t] = 1;
    i = j;
  }
  keepAlignable(lines, keep);
  return keep;
}

/** What a run of dropped lines held, for its marker. */
function describe(inp: RenderInput, from: number, to: number): Elision {
  const { parsed, lines } = inp;
  let commits = 0;
  let adds = 0;
  let dels = 0;
  let changed = 0;
  let context = 0;
  let body = 0;
  let stats = 0;
  let nonBlank = 0;
  let headers = 0;
  let generated = '';
  let plainChanges = 0;
  const files = new Set<number>();
  for (let i = from; i < to; i++) {
    const r = parsed.role[i]!;
    if (r !== Role.blank) nonBlank++;
    if (r === Role.commit) commits++;
    else if (r === Role.file) files.add(parsed.file[i]!);
    else if (r === Role.stat) stats++;
    else if (r === Role.body) body++;
    else if (r === Role.context) context++;
    else if (r === Role.meta || r === Role.fileInfo || r === Role.redundant) headers++;
    else if (r === Role.add || r === Role.del || r === Role.change) {
      if (r === Role.add) adds++;
      else if (r === Role.del) dels++;
      else changed++;
      const f = parsed.file[i]!;
      const kind = f >= 0 ? parsed.files[f]!.kind : '';
      if (kind) generated ||= kind;
      else plainChanges++;
    }
  }
  const count = to - from;
  if (inp.oneline && commits === nonBlank) return { count: commits, unit: 'commits', what: describeCommits(lines, from, to) };
  const parts: string[] = [];
  if (commits) parts.push(`${commits} ${commits === 1 ? 'commit' : 'commits'}`);
  if (files.size) parts.push(`${files.size} ${files.size === 1 ? 'file' : 'files'}`);
  if (adds || dels) parts.push(`+${adds} -${dels}`);
  if (changed) parts.push(`${changed} changed`);
  if (stats && !files.size) parts.push(`${stats} ${stats === 1 ? 'file' : 'files'}`);
  if (parts.length === 0) {
    if (context) parts.push('context');
    else if (body) parts.push('message body');
    else if (headers === nonBlank) parts.push('headers');
  } else if (generated && plainChanges === 0 && !files.size && !commits) parts.unshift(generated);
  return { count, unit: 'lines', what: parts.join(', ') };
}

/** Renders the lines ranked below `cut`. */
export function renderCut(inp: RenderInput, cut: number): Rendered {
  const { lines, parsed, cost } = inp;
  const n = lines.length;
  const keep = keepMask(inp, cut);
  const out: string[] = [];
  const el = new Elisions();
  let tokens = 0;
  for (let i = 0; i < n; ) {
    if (keep[i]) {
      out.push(lines[i]!);
      tokens += cost[i]!;
      i++;
      continue;
    }
    let j = i;
    let runCost = 0;
    let onlyBody = true;
    while (j < n && !keep[j]) {
      runCost += cost[j]!;
      const r = parsed.role[j]!;
      if (r !== Role.body && r !== Role.blank) onlyBody = false;
      j++;
    }
    const e = describe(inp, i, j);
    const marker = formatMarker(e);
    const markerCost = inp.estimateTokens(marker) + 1;
    // A marker must pay for itself: a run worth less than two markers is shown.
    if (runCost <= 2 * markerCost) {
      for (let t = i; t < j; t++) out.push(lines[t]!);
      tokens += runCost;
    } else {
      // A message body's marker sits at the body's indentation.
      let indent = '';
      if (onlyBody) for (let t = i; t < j && !indent; t++) if (parsed.role[t] === Role.body) indent = indentOf(lines[t]!);
      out.push(indent + el.omit(e.count, e.unit, e.what));
      tokens += markerCost;
    }
    i = j;
  }
  return { lines: out, elisions: el.list, tokens };
}
