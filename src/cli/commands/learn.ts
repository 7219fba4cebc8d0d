import os from 'node:os';
import { LEARN_AGENTS, agentOption, findSources, readSources } from '../../learn/discover.js';
import { loadMemory, recall, remember, saveMemory } from '../../learn/decisions.js';
import { mine } from '../../learn/mine.js';
import { proposalFor, propose } from '../../learn/propose.js';
import { loadLessons, saveLessons } from '../../learn/saved.js';
import type { LearnAgent, Lesson, Proposal } from '../../learn/types.js';
import { applyDecisions } from '../../learn/write.js';
import { type BackedOff, acceptedKeepWhole, isKeepWhole, keepWholeProposal, keepWholeProposals, writeKeepWhole } from '../../learn/keep-whole.js';
import type { Config } from '../../config/index.js';
import { EXIT, ExitError, UsageError } from '../errors.js';
import { checkFromPath } from '../from-path.js';
import { storeFileBytes } from '../../memory/index.js';
import { configuredOrExplain, openConfiguredStore } from '../open-store.js';
import { writeOut } from '../write-out.js';

// `headroom learn`: past sessions in, proposed rules out, and nothing written
// that a person did not approve, diff by diff, on the approval screen.

export interface LearnFlags {
  readonly agent?: string;
  readonly all?: boolean;
  readonly from?: string;
  readonly dryRun?: boolean;
  readonly review?: boolean;
  readonly target?: string;
  readonly minCount?: string;
  readonly json?: boolean;
  /** Reword the mined rules through the user's own provider key. */
  readonly llm?: boolean;
  /** Also save accepted rules to headroom memory, for every agent. */
  readonly memory?: boolean;
}

function agentOf(value: string | undefined): 'auto' | LearnAgent {
  const agent = agentOption(value);
  if (!agent) throw new UsageError(`--agent must be auto or one of ${LEARN_AGENTS.join(', ')}, got ${JSON.stringify(value)}`);
  return agent;
}

function countOf(value: string | undefined): number {
  if (value === undefined) return 2;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--min-count must be a whole number from 1, got ${JSON.stringify(value)}`);
  return n;
}

function describe(p: Proposal, i: number, n: number): string {
  const lines = [`# ${i + 1} of ${n}: ${p.file}`];
  for (const l of p.lessons) {
    if (l.summary !== undefined) lines.push(`# ${l.summary}`);
    else lines.push(`# ${l.count}x in ${l.sessions} session${l.sessions === 1 ? '' : 's'}, ${l.wastedTokens.toLocaleString('en-US')} tokens spent on the failures${l.fromUser ? ', said by the user' : ''}`);
    for (const e of l.evidence.slice(0, 3)) {
      lines.push(`#   ${e.agent} ${e.session}${e.at ? ` ${e.at}` : ''}`, `#     failed: ${e.failed}`, `#     error:  ${e.error}`);
      if (e.fixed) lines.push(`#     fixed:  ${e.fixed}`);
    }
  }
  return `${lines.join('\n')}\n${p.diff}\n`;
}

/**
 * This project's back-offs, from the store, as keepWhole proposals; none when
 * the store cannot be opened (learn is about transcripts: it goes on without).
 */
async function backoffOffers(config: Config, cwd: string, rejected: ReadonlySet<string>): Promise<{ proposals: Proposal[]; rebuild: (p: Proposal, rules: string[]) => Proposal }> {
  const { projectScope } = await import('../../facts/index.js');
  const { listBackoffs } = await import('../../intercept/backoff/index.js');
  const project = projectScope(cwd);
  let backoffs: BackedOff[] = [];
  try {
    // No store file yet means no back-offs: learn does not create one.
    if ((await storeFileBytes(config)) === 0) throw new Error('no store yet');
    const store = await openConfiguredStore();
    try {
      backoffs = (await listBackoffs(store)).filter((b): b is BackedOff => b.since !== undefined && b.project === project);
    } finally {
      await store.close();
    }
  } catch {
    // no store, no back-offs to offer
  }
  const byKey = new Map(backoffs.map((b) => [`backoff:${b.project}\n${b.pattern}`, b]));
  return {
    proposals: keepWholeProposals(backoffs, { configFile: config.configFile, project, keep: config.keepWhole[project] ?? [], rejected, cwd }),
    // An edited rule is the pattern to keep whole instead.
    rebuild: (p, rules) => {
      const b = byKey.get(p.lessons[0]!.key);
      const pattern = rules.map((r) => r.trim()).find((r) => r !== '');
      if (!b || !pattern) throw new Error('a pattern is needed, e.g. Bash: git diff');
      return keepWholeProposal(config.configFile, b, cwd, pattern, p.before);
    },
  };
}

export async function runLearn(flags: LearnFlags, env = process.env): Promise<void> {
  const agent = agentOf(flags.agent);
  const minCount = countOf(flags.minCount);
  const config = configuredOrExplain();
  const cwd = process.cwd();
  checkFromPath(flags.from, cwd);
  const color = !env.NO_COLOR && Boolean(process.stdout.isTTY);

  let lessons: readonly Lesson[];
  let scanned = { files: 0, sessions: 0, skipped: 0, unreadable: 0 };
  if (flags.review) {
    const saved = loadLessons(config.stateDir);
    if (!saved) throw new ExitError('no saved proposals: run `headroom learn` first (it saves what it proposes for --review)', EXIT.failure);
    lessons = saved.lessons;
  } else {
    const sources = findSources({ agent, all: flags.all === true, ...(flags.from && { from: flags.from }), cwd, home: env.HOME || os.homedir(), env });
    const { startProgress } = await import('../../learn/approve/index.js');
    const progress = startProgress({ total: sources.length, label: 'reading transcripts', stream: process.stderr, color, isTTY: Boolean(process.stderr.isTTY) });
    const scan = await readSources(sources, { cwd, all: flags.all === true || flags.from !== undefined, onFile: () => progress.tick() });
    progress.done();
    scanned = { files: scan.files, sessions: scan.sessions.length, skipped: scan.skipped, unreadable: scan.unreadable };
    lessons = await mine(scan.sessions, { minCount, inProject: (s) => scan.here.has(s) });
    if (flags.llm) {
      const { refineWording } = await import('../../learn/llm.js');
      const refined = await refineWording(lessons, { env });
      if (refined.kept) process.stderr.write(`headroom learn: --llm kept the rules as mined: ${refined.kept}.\n`);
      lessons = refined.lessons;
    }
    saveLessons(config.stateDir, cwd, lessons);
  }
  // What the person rejected stays rejected; what they edited stays in their words.
  const memory = loadMemory(config.stateDir);
  lessons = recall(lessons, memory);
  const home = env.HOME || os.homedir();
  // Back-offs of this project come after the rules, offered as settings of the config file.
  const offers = await backoffOffers(config, cwd, new Set(memory.rejected));
  const proposals = [...propose(lessons, { cwd, home, env, ...(flags.target && { target: flags.target }) }), ...offers.proposals];
  const elsewhere = lessons.filter((l) => l.scope === 'elsewhere').length;

  if (flags.json) {
    await writeOut(`${JSON.stringify({ ...scanned, lessons, proposals: proposals.map((p) => ({ id: p.id, file: p.file, rules: p.lessons.map((l) => l.rule), diff: p.diff })) })}\n`);
    return;
  }
  const where = flags.review ? 'saved lessons' : `${scanned.sessions} session${scanned.sessions === 1 ? '' : 's'} in ${scanned.files} file${scanned.files === 1 ? '' : 's'}${scanned.skipped ? ` (${scanned.skipped} unreadable records skipped)` : ''}`;
  if (proposals.length === 0) {
    process.stderr.write(`headroom learn: nothing to propose from ${where}${lessons.length > 0 ? ' (every rule is already in place)' : ''}.\n`);
    return;
  }
  process.stderr.write(`headroom learn: ${proposals.length} proposed rule${proposals.length === 1 ? '' : 's'} from ${where}.\n`);
  if (elsewhere > 0 && !flags.target) {
    process.stderr.write(`headroom learn: ${elsewhere} rule${elsewhere === 1 ? '' : 's'} came only from other projects' sessions: proposed for your own file (e.g. ~/.claude/CLAUDE.md), not this project's; --target FILE puts them elsewhere.\n`);
  }
  if (flags.dryRun) {
    await writeOut(proposals.map((p, i) => describe(p, i, proposals.length)).join('\n'));
    return;
  }
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new ExitError('nothing was written: approving changes needs a terminal. Run it in one, or add --dry-run to print the diffs (`headroom learn --review` brings these proposals back).', EXIT.failure);
  }
  const { runApproval } = await import('../../learn/approve/index.js');
  const rebuild = (p: Proposal, rules: string[]) => (isKeepWhole(p) ? offers.rebuild(p, rules) : proposalFor(p.file, p.lessons, rules, cwd, p.before));
  const result = await runApproval(proposals, rebuild, { stdin: process.stdin, stdout: process.stdout, color });
  if (result.interrupted) {
    process.stderr.write('headroom learn: interrupted, nothing written (`headroom learn --review` brings these proposals back).\n');
    return;
  }
  saveMemory(config.stateDir, remember(memory, proposals, result.decisions));
  const written = applyDecisions(
    proposals.filter((p) => !isKeepWhole(p)),
    result.decisions,
  );
  for (const w of written) process.stderr.write(`headroom learn: wrote ${w.rules.length} rule${w.rules.length === 1 ? '' : 's'} to ${w.file}${w.backup ? ` (backup: ${w.backup})` : ''}\n`);
  const byId = new Map(proposals.map((p) => [p.id, p]));
  const kept = result.decisions.flatMap(({ id, decision }) => {
    const p = byId.get(id);
    return p && isKeepWhole(p) && decision.kind === 'accept' ? acceptedKeepWhole(p, decision.after) : [];
  });
  const settings = writeKeepWhole(config.configFile, kept);
  if (settings.written.length > 0) {
    process.stderr.write(`headroom learn: kept whole for good in ${config.configFile}: ${settings.written.join(', ')}${settings.backup ? ` (backup: ${settings.backup})` : ''}\n`);
  }
  if (written.length === 0 && settings.written.length === 0) process.stderr.write('headroom learn: nothing written.\n');
  if (flags.memory && written.length > 0) await (await import('./learn-memory.js')).rulesToMemory(written);
}
