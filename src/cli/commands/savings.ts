import fs from 'node:fs';
import os from 'node:os';
import { LEARN_AGENTS, agentOption, findSources, readSources } from '../../learn/discover.js';
import { withOutputLimit } from '../../learn/transcripts/transcript-io.js';
import { UsageError } from '../errors.js';
import { checkFromPath } from '../from-path.js';
import { configuredOrExplain } from '../open-store.js';
import { writeOut } from '../write-out.js';

// `headroom savings`: past sessions replayed through the proxy's own path,
// reported per session and in total, in tokens and in dollars.

export interface SavingsFlags {
  readonly agent?: string;
  readonly all?: boolean;
  readonly from?: string;
  readonly json?: boolean;
  readonly html?: string;
  readonly top?: string;
}

export async function runSavings(flags: SavingsFlags, env = process.env): Promise<void> {
  const agent = agentOption(flags.agent);
  if (!agent) throw new UsageError(`--agent must be auto or one of ${LEARN_AGENTS.join(', ')}, got ${JSON.stringify(flags.agent)}`);
  const top = flags.top === undefined ? 10 : Number(flags.top);
  if (!Number.isInteger(top) || top < 0) throw new UsageError(`--top must be a whole number, got ${JSON.stringify(flags.top)}`);
  const cwd = process.cwd();
  checkFromPath(flags.from, cwd);
  const all = flags.all === true || flags.from !== undefined;
  const sources = findSources({ agent, all: flags.all === true, ...(flags.from && { from: flags.from }), cwd, home: env.HOME || os.homedir(), env });
  const color = !env.NO_COLOR && Boolean(process.stderr.isTTY);
  const { startProgress } = await import('../../learn/approve/index.js');
  const { replaySession } = await import('../../savings/replay.js');
  const { replayAccounted } = await import('../../savings/retrievals.js');
  // The proxy's own per-tool rules, as `headroom wrap` and `headroom proxy` would apply them.
  const { DEFAULT_POLICY, withRules } = await import('../../intercept/policy.js');
  const config = configuredOrExplain();
  const policy = withRules(DEFAULT_POLICY, config.tools);
  // Back-offs as a proxy would keep them: per project, across the sessions replayed (in the order found).
  const { createMemoryStore } = await import('../../memory/index.js');
  const backoff = { store: createMemoryStore({ ttlDays: 3650, maxBytes: 1 << 28 }), after: config.backoffAfter };
  const replay = (s: Parameters<typeof replaySession>[0], p?: Parameters<typeof replaySession>[1]) => replaySession(s, p, backoff);
  const { buildReport } = await import('../../savings/report.js');

  const started = performance.now();
  // Every byte the model saw is replayed: outputs are read whole, not clipped for mining.
  const scan = await withOutputLimit(Number.MAX_SAFE_INTEGER, () => readSources(sources, { cwd, all }));
  const progress = startProgress({ total: scan.sessions.length, label: 'replaying sessions', stream: process.stderr, color, isTTY: Boolean(process.stderr.isTTY) });
  const replayed = [];
  for (const session of scan.sessions) {
    replayed.push(await replayAccounted(session, replay, policy));
    progress.tick();
  }
  progress.done();
  const { listBackoffs } = await import('../../intercept/backoff/index.js');
  const backoffs = (await listBackoffs(backoff.store))
    .filter((e) => e.since !== undefined)
    .map((e) => ({ project: e.project, pattern: e.pattern, signals: e.signals.retrieve + e.signals.rerun + e.signals.reread }));
  await backoff.store.close();
  const report = { ...buildReport(replayed, { skipped: scan.skipped, ms: performance.now() - started, top }), backoffs };

  if (flags.html) {
    const { renderHtml } = await import('../../savings/html/index.js');
    fs.writeFileSync(flags.html, renderHtml(report));
    process.stderr.write(`headroom savings: wrote ${flags.html}\n`);
  }
  if (flags.json) {
    await writeOut(`${JSON.stringify(report)}\n`);
    return;
  }
  if (report.sessions.length === 0) {
    process.stderr.write(`headroom savings: no sessions found${flags.from ? ` in ${flags.from}` : ' for this folder (--all for every project, --from PATH for a file or folder)'}.\n`);
    return;
  }
  const { renderTable } = await import('../../savings/table.js');
  await writeOut(renderTable(report));
}
