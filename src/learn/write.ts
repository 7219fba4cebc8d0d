import fs from 'node:fs';
import path from 'node:path';
import { addedRules, withRules } from './block.js';
import type { Decision, Proposal } from './types.js';

// Only accepted changes are written: per file, every accepted rule merged into
// the file as it is at write time (so the person's own edits since the scan are
// kept), through a temporary file and a rename, after a backup of the old file.

export interface Written {
  readonly file: string;
  readonly backup?: string;
  readonly rules: readonly string[];
}

export function applyDecisions(proposals: readonly Proposal[], decisions: ReadonlyArray<{ id: string; decision: Decision }>, now = new Date()): Written[] {
  const byId = new Map(proposals.map((p) => [p.id, p]));
  const perFile = new Map<string, string[]>();
  for (const { id, decision } of decisions) {
    const p = byId.get(id);
    if (!p || decision.kind !== 'accept') continue;
    const rules = addedRules(p.before, decision.after);
    perFile.set(p.file, [...(perFile.get(p.file) ?? []), ...rules]);
  }
  const written: Written[] = [];
  for (const [file, rules] of perFile) {
    let current = '';
    let exists = true;
    try {
      current = fs.readFileSync(file, 'utf8');
    } catch {
      exists = false;
    }
    const next = withRules(current, rules);
    if (next === current) continue;
    let backup: string | undefined;
    if (exists) {
      backup = `${file}.${now.toISOString().replace(/[:.]/g, '-')}.bak`;
      fs.copyFileSync(file, backup);
    }
    const tmp = path.join(path.dirname(file), `.${path.basename(file)}.headroom-${process.pid}.tmp`);
    const mode = exists ? fs.statSync(file).mode & 0o777 : 0o644;
    fs.writeFileSync(tmp, next, { mode });
    fs.renameSync(tmp, file);
    written.push({ file, rules, ...(backup && { backup }) });
  }
  return written;
}
