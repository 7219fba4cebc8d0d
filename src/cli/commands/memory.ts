import { createHash } from 'node:crypto';
import { type Fact, type FactStore, GLOBAL, MAX_TEXT, type SaveResult, SecretRefused, isFactId, openFactStore, parseFactLine, projectScope } from '../../facts/index.js';
import { EXIT, ExitError, UsageError } from '../errors.js';
import { configuredOrExplain } from '../open-store.js';
import { readInput } from '../read-input.js';
import { writeOut } from '../write-out.js';

// `headroom memory add|search|list|rm|export|import`: the facts every wrapped
// agent shares, from the command line. The project is the git root of the
// current folder; --global facts hold everywhere.

export interface MemoryFlags {
  readonly json?: boolean;
  readonly agent?: string;
  readonly global?: boolean;
  readonly limit?: string;
  readonly all?: boolean;
}

/** The session a CLI run belongs to: the wrap session it runs under (hashed, the marker is not ours to print), else the CLI itself. */
export function cliSession(env: NodeJS.ProcessEnv = process.env): string {
  const marker = env.HEADROOM_WRAP_SESSION;
  return marker ? createHash('sha256').update(marker).digest('hex').slice(0, 12) : 'cli';
}

export function checkAgentName(name: string): string {
  if (!/^[A-Za-z0-9][\w.-]{0,39}$/.test(name)) throw new UsageError(`--agent ${JSON.stringify(name)}: use a short name of letters, digits, '.', '-' or '_' (like claude or codex)`);
  return name;
}

function limitOf(flags: MemoryFlags, fallback: number): number {
  if (flags.limit === undefined) return fallback;
  const n = Number(flags.limit);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--limit must be a whole number of at least 1, got ${JSON.stringify(flags.limit)}`);
  return n;
}

async function withStore<T>(fn: (store: FactStore) => Promise<T>): Promise<T> {
  const config = configuredOrExplain();
  let store: FactStore;
  try {
    store = await openFactStore({ store: config.store, dataDir: config.dataDir });
  } catch (err) {
    throw new ExitError(`cannot open the memory store (${config.store}): ${err instanceof Error ? err.message : String(err)}`, EXIT.failure, { cause: err });
  }
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const agents = (f: Fact) => [...new Set(f.provenance.map((p) => p.agent))].join(', ');

/** One fact as a person reads it: id, text, and where it holds, who saved it, when. */
export function factLine(f: Fact): string {
  const where = f.scope === GLOBAL ? 'global' : 'project';
  const note = f.replacedBy ? `; updated by ${f.replacedBy}` : f.replaces ? `; updates ${f.replaces}` : '';
  return `${f.id}  ${f.text}\n    ${where}; saved ${f.saved}x by ${agents(f)}; found ${f.found}x; last ${day(f.updated)}${note}\n`;
}

export function describeSave(r: SaveResult): string {
  switch (r.outcome) {
    case 'new':
      return `saved ${r.fact.id}\n`;
    case 'same':
      return `already known as ${r.fact.id} (saved ${r.fact.saved}x by ${agents(r.fact)})\n`;
    case 'merged':
      return `merged into ${r.fact.id}, a near-duplicate: "${r.fact.text}" (saved ${r.fact.saved}x by ${agents(r.fact)})\n`;
    case 'update':
      return `saved ${r.fact.id}; it updates ${r.older!.id} ("${r.older!.text}"), which now ranks below it\n`;
  }
}

const json = (v: unknown) => `${JSON.stringify(v)}\n`;

export async function runMemoryAdd(text: string, flags: MemoryFlags): Promise<void> {
  if (!text.trim()) throw new UsageError('nothing to save: give the fact as one argument, in quotes');
  if (text.length > MAX_TEXT) throw new UsageError(`a fact is a short note (at most ${MAX_TEXT} characters; this is ${text.length}): save the rule, not the document`);
  const agent = checkAgentName(flags.agent ?? 'cli');
  const scope = flags.global ? GLOBAL : projectScope(process.cwd());
  await withStore(async (store) => {
    let r: SaveResult;
    try {
      r = await store.save({ text, scope, agent, session: cliSession() });
    } catch (err) {
      if (err instanceof SecretRefused) throw new ExitError(err.message, EXIT.failure, { cause: err });
      throw err;
    }
    await writeOut(flags.json ? json(r) : describeSave(r));
  });
}

export async function runMemorySearch(query: string, flags: MemoryFlags): Promise<void> {
  if (!query.trim()) throw new UsageError('empty query: give a few words to look for');
  const limit = limitOf(flags, 10);
  await withStore(async (store) => {
    const hits = await store.search(query, { project: flags.global ? GLOBAL : projectScope(process.cwd()), limit });
    if (flags.json) return writeOut(json({ query, hits }));
    return writeOut(hits.length ? hits.map((h) => factLine(h.fact)).join('') : `no fact matches ${JSON.stringify(query)}\n`);
  });
}

export async function runMemoryList(flags: MemoryFlags): Promise<void> {
  const limit = limitOf(flags, Number.MAX_SAFE_INTEGER);
  await withStore(async (store) => {
    const facts = await store.list({ project: flags.global ? GLOBAL : projectScope(process.cwd()), all: flags.all === true, limit });
    if (flags.json) return writeOut(json({ facts }));
    return writeOut(facts.length ? facts.map(factLine).join('') : 'no facts saved yet for this project: headroom memory add "..." saves one\n');
  });
}

export async function runMemoryRm(id: string, flags: MemoryFlags): Promise<void> {
  if (!isFactId(id)) throw new UsageError(`${JSON.stringify(id)} is not a fact id: ids look like mem_ab12cd34ef (headroom memory list shows them)`);
  await withStore(async (store) => {
    const removed = await store.remove(id);
    if (flags.json) return writeOut(json({ id, removed }));
    if (!removed) throw new ExitError(`no fact ${id}: headroom memory list --all shows every fact`, EXIT.failure);
    return writeOut(`removed ${id}\n`);
  });
}

export async function runMemoryExport(): Promise<void> {
  await withStore(async (store) => writeOut((await store.exportAll()).map(json).join('')));
}

export async function runMemoryImport(file: string | undefined, flags: MemoryFlags): Promise<void> {
  const { text } = await readInput(file);
  const facts: Fact[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const f = parseFactLine(line);
    if (typeof f === 'string') throw new UsageError(`${file ?? 'standard input'} line ${i + 1}: ${f}; nothing was imported (one fact a line, as headroom memory export writes them)`);
    facts.push(f);
  }
  await withStore(async (store) => {
    let r: { added: number; merged: number };
    try {
      r = await store.importFacts(facts);
    } catch (err) {
      if (err instanceof SecretRefused) throw new ExitError(`${err.message} (import stopped at that fact; those before it were imported)`, EXIT.failure, { cause: err });
      throw err;
    }
    await writeOut(flags.json ? json(r) : `imported ${facts.length} facts: ${r.added} added, ${r.merged} merged into facts already there\n`);
  });
}
