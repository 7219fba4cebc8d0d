import type { CompressResult } from '../../src/compressors/engine.js';
import { align, checkJson, cleanLine, gapsOf, isMisalignment, isPruningOf } from '../../src/compressors/guard/index.js';
import { isMarkerLine } from '../../src/compressors/marker.js';
import { estimateTokens } from '../../src/compressors/tokens.js';

// The engine's guarantees checked again from the outside, on the final text a
// caller gets (ids attached, parts joined): structure, nothing dropped without
// a marker, no marker costlier than what it replaces. Null when all hold.

const ID = /; retrieve id=hr_[a-z0-9]+\]/;

function lines(text: string): string[] {
  const t = text.endsWith('\n') ? text.slice(0, -1) : text;
  return t.split('\n');
}

export function invariantProblem(input: string, r: CompressResult): string | null {
  if (r.passthrough) return r.text === input ? null : `passed through (${r.passthrough}) but changed`;
  const text = r.text.replace(ID, ']');
  const forms = new Set(r.parts.map((p) => p.form));
  if (r.parts.length <= 1 && (forms.has('json') || forms.has('jsonl'))) {
    const p = checkJson(input, text, forms.has('jsonl'));
    return p ? `json: ${p.path}: ${p.detail}` : null;
  }
  // A rendering (HTML as text) was checked against itself by the guard; the
  // input's own lines cannot be compared with it.
  if (forms.has('rendered') || forms.has('json') || forms.has('jsonl')) return null;
  const inLines = lines(input);
  let outLines = lines(text);
  if (forms.has('words')) {
    const restored = restoreWords(inLines, outLines);
    if (typeof restored === 'string') return restored;
    outLines = restored;
  }
  const a = align(inLines, outLines);
  if (isMisalignment(a)) return `structure: output line ${a.outLine + 1} is not an input line in order: ${JSON.stringify(a.text.slice(0, 100))}`;
  for (const g of gapsOf(a, inLines.length)) {
    if (g.markers.length === 0) {
      for (let i = g.from; i < g.to; i++) if (cleanLine(inLines[i]!).trim() !== '') return `silent drop of input line ${i + 1}`;
      continue;
    }
    if (g.to === g.from || g.markers.some((m) => !isMarkerLine(outLines[m]!))) continue;
    let markers = 0;
    for (const m of g.markers) markers += estimateTokens(outLines[m]!) + 1;
    let dropped = 0;
    for (let i = g.from; i < g.to; i++) dropped += estimateTokens(inLines[i]!) + 1;
    if (markers > dropped) return `a marker costs ${markers} tokens for ${dropped} tokens of lines (input lines ${g.from + 1}-${g.to})`;
  }
  return null;
}

/**
 * A 'words' output with each line that lost words put back as the input line
 * it came from (the next input line it is a pruning of), so the line checks
 * below apply to it; a line that is no input line with words removed is a problem.
 */
function restoreWords(inLines: readonly string[], outLines: readonly string[]): string[] | string {
  const out: string[] = [];
  let p = 0;
  for (const line of outLines) {
    if (isMarkerLine(line)) {
      out.push(line);
      continue;
    }
    let i = p;
    while (i < inLines.length && inLines[i] !== line && cleanLine(inLines[i]!) !== cleanLine(line)) i++;
    if (i === inLines.length) {
      i = p;
      while (i < inLines.length && !(line.trim() !== '' && isPruningOf(inLines[i]!, line))) i++;
    }
    if (i === inLines.length) return `words: output line ${JSON.stringify(line.slice(0, 100))} is no input line with words removed, in order`;
    out.push(line === inLines[i] ? line : inLines[i]!);
    p = i + 1;
  }
  return out;
}
