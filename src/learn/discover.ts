import fs from 'node:fs';
import path from 'node:path';
import { head } from './transcripts/transcript-io.js';
import { FORMATS } from './transcripts/index.js';
import { claudeProjectSlug } from './transcripts/claude.js';
import type { LearnAgent, Session, TranscriptFormat } from './types.js';

// Which transcripts to read: the current project's sessions of one agent or
// of every agent that has any (`--all`: every project), or whatever is at
// `--from PATH`, each file read by the format that recognises it.

/** The agents whose transcripts can be read, as `--agent` names them. */
export const LEARN_AGENTS: readonly LearnAgent[] = ['claude', 'codex', 'gemini', 'copilot', 'opencode', 'aider'];

/** `--agent`'s value checked, or undefined when it names no agent. */
export function agentOption(value: string | undefined): 'auto' | LearnAgent | undefined {
  if (value === undefined || value === 'auto') return 'auto';
  return (LEARN_AGENTS as readonly string[]).includes(value) ? (value as LearnAgent) : undefined;
}

export interface DiscoverOptions {
  readonly agent: 'auto' | LearnAgent;
  readonly all: boolean;
  readonly from?: string;
  readonly cwd: string;
  readonly home: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface Source {
  readonly format: TranscriptFormat;
  readonly file: string;
  /** Already known to be this project's (Claude Code keeps a folder per project). */
  readonly project?: boolean;
}

function walk(root: string, out: string[], depth = 0): void {
  let st: fs.Stats;
  try {
    st = fs.statSync(root);
  } catch {
    return;
  }
  if (st.isFile()) out.push(root);
  else if (st.isDirectory() && depth < 8) {
    for (const name of fs.readdirSync(root).sort()) walk(path.join(root, name), out, depth + 1);
  }
}

function formatsFor(agent: DiscoverOptions['agent']): readonly TranscriptFormat[] {
  return agent === 'auto' ? FORMATS : FORMATS.filter((f) => f.agent === agent);
}

export function findSources(o: DiscoverOptions): Source[] {
  const formats = formatsFor(o.agent);
  if (o.from) {
    const files: string[] = [];
    walk(path.resolve(o.cwd, o.from), files);
    const out: Source[] = [];
    for (const file of files) {
      let text: string;
      try {
        text = head(file);
      } catch {
        continue;
      }
      const format = formats.find((f) => f.recognizes(file, text));
      if (format) out.push({ format, file });
    }
    return out;
  }
  const out: Source[] = [];
  for (const format of formats) {
    let files = format.locate(o.home, o.env);
    // Claude Code keeps one folder per project: the current one is found by name, not by reading all.
    const byFolder = format.agent === 'claude' && !o.all;
    if (byFolder) files = files.filter((f) => f.split(path.sep).includes(claudeProjectSlug(o.cwd)));
    for (const file of files) out.push({ format, file, ...(byFolder && { project: true }) });
  }
  return out;
}

/** True when a session ran in the project (or below it). Sessions that do not say are kept. */
export function inProject(session: Session, cwd: string): boolean {
  if (!session.cwd) return true;
  const a = path.resolve(session.cwd);
  const b = path.resolve(cwd);
  return a === b || a.startsWith(`${b}${path.sep}`);
}

export interface Scan {
  readonly sessions: Session[];
  /** The sessions that ran in this project (all others were read for --all or --from). */
  readonly here: ReadonlySet<Session>;
  readonly files: number;
  /** Malformed or truncated records skipped, summed. */
  readonly skipped: number;
  /** Files that could not be read at all. */
  readonly unreadable: number;
}

export async function readSources(sources: readonly Source[], o: { cwd: string; all: boolean; onFile?: () => void }): Promise<Scan> {
  const sessions: Session[] = [];
  const here = new Set<Session>();
  let skipped = 0;
  let unreadable = 0;
  for (const s of sources) {
    try {
      for (const session of await s.format.read(s.file)) {
        skipped += session.skipped;
        // A session may record a subfolder or another spelling of the path (a symlink): its folder decides.
        const mine = s.project === true || inProject(session, o.cwd);
        if (mine) here.add(session);
        if (o.all || mine) sessions.push(session);
      }
    } catch {
      unreadable++;
    }
    o.onFile?.();
  }
  return { sessions, here, files: sources.length, skipped, unreadable };
}
