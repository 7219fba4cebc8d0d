import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { diffOf, readOrEmpty } from './propose.js';
import type { Lesson, Proposal } from './types.js';

// Back-offs offered as settings (issue 14, lever 5): a command pattern the
// proxy stopped compressing in this project, after agents fetched originals
// back or ran the command again, is proposed as a `keepWhole` entry of the
// config file. Accepted, it holds for good: no lapse, no reset lifts it. The
// approval screen shows it like any proposal: the diff of the config file
// and why; editing the rule edits the pattern.

/** A back-off as learn offers it (from the store's back-offs of this project). */
export interface BackedOff {
  readonly project: string;
  readonly pattern: string;
  readonly signals: { readonly retrieve: number; readonly rerun: number; readonly reread: number };
  readonly sessions: number;
  readonly since: number;
}

const KEY = 'backoff:';

/** Whether a proposal is a config setting (keepWhole), not a rule in an instructions file. */
export function isKeepWhole(p: Proposal): boolean {
  return p.lessons.length === 1 && p.lessons[0]!.key.startsWith(KEY);
}

/** The config text with `pattern` kept whole in `project`: the JSON object re-printed (two spaces), or a new one. */
export function withKeepWhole(text: string, project: string, pattern: string): string {
  let config: Record<string, unknown> = {};
  if (text.trim() !== '') {
    const parsed: unknown = JSON.parse(text);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('the config file is not a JSON object');
    config = parsed as Record<string, unknown>;
  }
  const keep = { ...((config.keepWhole as Record<string, string[]> | undefined) ?? {}) };
  const list = keep[project] ?? [];
  if (!list.includes(pattern)) keep[project] = [...list, pattern];
  return `${JSON.stringify({ ...config, keepWhole: keep }, null, 2)}\n`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function lessonOf(b: BackedOff, pattern: string): Lesson {
  const why = [
    b.signals.retrieve > 0 && `${plural(b.signals.retrieve, 'original')} fetched back`,
    b.signals.rerun > 0 && `${plural(b.signals.rerun, 're-run')}`,
    b.signals.reread > 0 && `${plural(b.signals.reread, 're-read')}`,
  ].filter(Boolean);
  const count = b.signals.retrieve + b.signals.rerun + b.signals.reread;
  return {
    key: `${KEY}${b.project}\n${b.pattern}`,
    rule: pattern,
    count,
    sessions: b.sessions,
    wastedTokens: 0,
    fromUser: false,
    evidence: [],
    summary: `headroom stopped compressing it here on ${new Date(b.since).toISOString().slice(0, 16).replace('T', ' ')} UTC after ${why.join(', ')} right after compressed outputs, in ${plural(b.sessions, 'session')}; accepted, it stays whole for good`,
  };
}

/** The proposal for one back-off (or the pattern a person edited it to), against the config file as it is now. */
export function keepWholeProposal(configFile: string, b: BackedOff, cwd: string, pattern = b.pattern, before = readOrEmpty(configFile)): Proposal {
  const after = withKeepWhole(before, b.project, pattern);
  const id = createHash('sha256').update(`${configFile}\n${b.project}\n${pattern}`).digest('base64url').slice(0, 12);
  return { id, file: configFile, before, after, diff: diffOf(configFile, before, after, cwd), lessons: [lessonOf(b, pattern)] };
}

/** Proposals for this project's back-offs not yet in the config, nor rejected before. */
export function keepWholeProposals(
  backoffs: readonly BackedOff[],
  o: { readonly configFile: string; readonly project: string; readonly keep: readonly string[]; readonly rejected: ReadonlySet<string>; readonly cwd: string },
): Proposal[] {
  const before = readOrEmpty(o.configFile);
  return backoffs
    .filter((b) => b.project === o.project && !o.keep.includes(b.pattern) && !o.rejected.has(`${KEY}${b.project}\n${b.pattern}`))
    .map((b) => keepWholeProposal(o.configFile, b, o.cwd, b.pattern, before));
}

/**
 * Writes the accepted settings: each pattern merged into the config file as
 * it is at write time, through a temporary file and a rename, after a backup.
 * Returns the patterns written.
 */
export function writeKeepWhole(configFile: string, accepted: ReadonlyArray<{ project: string; pattern: string }>, now = new Date()): { written: string[]; backup?: string } {
  if (accepted.length === 0) return { written: [] };
  const current = readOrEmpty(configFile);
  let next = current;
  for (const a of accepted) next = withKeepWhole(next, a.project, a.pattern);
  if (next === current) return { written: [] };
  fs.mkdirSync(path.dirname(configFile), { recursive: true, mode: 0o700 });
  let backup: string | undefined;
  if (fs.existsSync(configFile)) {
    backup = `${configFile}.${now.toISOString().replace(/[:.]/g, '-')}.bak`;
    fs.copyFileSync(configFile, backup);
    fs.chmodSync(backup, 0o600);
  }
  const tmp = path.join(path.dirname(configFile), `.${path.basename(configFile)}.headroom-${process.pid}.tmp`);
  fs.writeFileSync(tmp, next, { mode: 0o600 });
  fs.renameSync(tmp, configFile);
  return { written: accepted.map((a) => a.pattern), ...(backup && { backup }) };
}

/** The project of a keepWhole proposal, and the patterns its accepted text adds (the pattern as edited). */
export function acceptedKeepWhole(p: Proposal, after: string): Array<{ project: string; pattern: string }> {
  const project = p.lessons[0]!.key.slice(KEY.length).split('\n')[0] ?? '';
  const listed = (text: string): string[] => {
    try {
      const keep = (JSON.parse(text) as { keepWhole?: Record<string, unknown> }).keepWhole?.[project];
      return Array.isArray(keep) ? keep.filter((x): x is string => typeof x === 'string') : [];
    } catch {
      return [];
    }
  };
  const before = new Set(listed(p.before));
  return listed(after)
    .filter((pattern) => !before.has(pattern))
    .map((pattern) => ({ project, pattern }));
}
