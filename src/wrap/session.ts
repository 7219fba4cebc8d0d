import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Config } from '../config/index.js';
import { redactUrl } from '../intercept/url-userinfo.js';
import type { Store } from '../memory/types.js';
import { childEnv } from './child-env.js';
import { listenEarly } from './early-endpoint.js';
import { type Guardian, SESSION_VAR, type SessionRecord, endSessionProcesses, selfId, startGuardian, writeRecord } from './guardian/index.js';
import { mcpCommand } from './mcp-command.js';
import type { Pipeline } from './pipeline.js';
import type { RunResult } from './run-result.js';
import { createSessionDir } from './session-dir.js';
import { openSessionLog } from './session-log.js';
import { type WrapSummary, summarize } from './summary.js';
import type { AgentProfile, Env, LaunchContext } from './types.js';
import { resolveUpstreams } from './upstreams.js';

// One `headroom wrap` session, start to end: a private endpoint (and, for
// cursor, an HTTPS proxy) in this process, the agent launched against it, and
// everything taken down again on every way out. The endpoint listens first
// and the pipeline loads while the agent starts, so wrap adds little to the
// agent's start-up. Every process the session starts carries its mark
// (SESSION_VAR); at the end whatever still carries it is ended, and a
// guardian process does the same if wrap dies without getting there.

export interface WrapOptions {
  readonly profile: AgentProfile;
  /** The agent's executable, already found on PATH. */
  readonly binary: string;
  readonly args: readonly string[];
  readonly env: Env;
  readonly cwd: string;
  readonly config: Config;
  /** False: measure and relay only. */
  readonly compress: boolean;
  /** Opens the configured store; only called when compressing. Warnings go to the session log. */
  readonly openStore: (onWarning: (message: string) => void) => Promise<Store>;
  /** A pseudo-terminal when we have one, plain pipes otherwise. */
  readonly terminal: boolean;
  /** Lines for the user before the agent starts and after it ends (never while it runs). */
  readonly say: (line: string) => void;
  readonly verbose: boolean;
  /** `--memory`: the project's facts for the agent's extra instructions, made before the session starts. */
  readonly memory?: string;
}

function linesIn(file: string): number {
  try {
    return readFileSync(file, 'utf8').split('\n').filter(Boolean).length;
  } catch {
    return 0; // no MCP retrieval this session
  }
}

export async function runWrap(o: WrapOptions): Promise<WrapSummary> {
  const started = performance.now();
  // The runner (and node-pty) loads while the endpoint starts listening.
  const runner = o.terminal ? import('./run-pty.js').then((m) => m.runInPty) : import('./run-pipes.js').then((m) => m.runWithPipes);
  const upstreams = resolveUpstreams(o.profile, o.env, o.args);
  const dir = createSessionDir(o.env, o.config.stateDir);
  const log = openSessionLog(o.config.stateDir, o.profile.name);
  const line = (text: string) => log.line(text);
  let record: SessionRecord = { marker: randomBytes(12).toString('base64url'), wrap: selfId() };
  const saveRecord = (next: SessionRecord) => {
    record = next;
    try {
      writeRecord(dir.path, record);
    } catch (err) {
      line(`session record not written: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  // The session's parts, each closed on every way out, newest first.
  const closers: Array<() => Promise<void> | void> = [];
  let guardian: Guardian | undefined;
  let sweeping: Promise<void> | undefined;
  try {
    if (o.verbose) o.say(`headroom: session log at ${log.path}`);
    const endpoint = await listenEarly();
    closers.unshift(() => endpoint.close());
    line(`${o.profile.name}: upstreams anthropic=${redactUrl(upstreams.anthropic)} openai=${redactUrl(upstreams.openai)} gemini=${redactUrl(upstreams.gemini)}; compress=${o.compress}`);
    // Loaded once the agent is running (its own start-up takes longer than
    // this), so loading it does not delay the agent's first byte.
    let loading: Promise<Pipeline> | undefined;
    const loadPipeline = (): Promise<Pipeline> => {
      if (loading) return loading;
      loading = import('./pipeline.js').then(({ attachPipeline }) =>
        attachPipeline(endpoint, {
          compress: o.compress,
          openStore: o.openStore,
          config: o.config,
          retrievalTool: o.profile.retrieval === 'proxy',
          cwd: o.cwd,
          upstreams,
          env: o.env,
          log: line,
        }),
      );
      // Once, where the load starts: a failure is logged and answered once however often it is awaited.
      loading.catch((err: unknown) => {
        const reason = err instanceof Error ? err.message : String(err);
        line(`pipeline failed to load: ${reason}`);
        endpoint.fail(reason);
      });
      return loading;
    };
    // However the session ends, the pipeline's store is closed once it is loaded.
    closers.unshift(async () => (await loading?.catch(() => undefined))?.close());

    let mitm: LaunchContext['mitm'];
    let mitmCounts: (() => WrapSummary['mitm']) | undefined;
    const held = [endpoint.fd];
    if (o.profile.intercept === 'mitm') {
      const [{ ensureCa, startMitm }, { caBundle }, { proxyEnvFrom }, path, fs] = await Promise.all([
        import('./mitm/index.js'),
        import('./ca-bundle.js'),
        import('../intercept/proxy-env.js'),
        import('node:path'),
        import('node:fs'),
      ]);
      const caDir = path.join(o.config.dataDir, 'mitm-ca');
      const ca = await ensureCa(caDir);
      const proxy = await startMitm({
        caDir,
        forwardTo: () => endpoint.url,
        proxyEnv: proxyEnvFrom(o.env),
        log: (l: string) => line(`https: ${l}`),
        // Cursor's own protobuf cannot be read, and its agent stream is HTTP/2,
        // which the decrypting side does not speak: tunnel it untouched.
        tunnel: (host: string) => host === 'cursor.sh' || host.endsWith('.cursor.sh'),
      });
      closers.unshift(() => proxy.close());
      held.push(proxy.fd);
      mitm = { proxyUrl: proxy.proxyUrl, caCertFile: ca.caCertFile, caBundleFile: dir.write('ca-bundle.pem', caBundle(o.env, fs.readFileSync(ca.caCertFile, 'utf8'))) };
      mitmCounts = () => {
        const s = proxy.stats();
        return { decoded: s.decoded, passedThrough: s.passedThrough + s.tunnels };
      };
    }

    // Before the agent exists, so there is no moment when it runs unguarded.
    try {
      guardian = startGuardian({ sessionDir: dir.path, marker: record.marker, logFile: log.path, hold: held.filter((fd): fd is number => fd !== undefined) });
    } catch (err) {
      // The agent still runs (headroom must not stop it); a later wrap ends what this one leaves if it is killed.
      line(`no guardian: ${err instanceof Error ? err.message : String(err)}`);
    }
    saveRecord({ ...record, ...(guardian && { guardian: guardian.id }) });

    const retrievalsFile = `${dir.path}/retrievals`;
    const mcp = mcpCommand(retrievalsFile, { agent: o.profile.name, marker: record.marker });
    const plan = o.profile.launch({ endpoint: endpoint.url, env: o.env, args: o.args, cwd: o.cwd, mcp, sessionDir: dir.path, sessionDirPrivate: dir.private, ...(mitm && { mitm }), ...(o.memory && { memory: o.memory }) });
    for (const f of plan.files ?? []) dir.write(f.name, f.content);
    for (const note of plan.notes ?? []) {
      o.say(`headroom: ${note}`);
      line(note);
    }
    const env = childEnv(o.env, { ...plan.env, [SESSION_VAR]: record.marker });

    const run = await runner;
    let result: RunResult;
    try {
      result = await run(o.binary, plan.args, {
        cwd: o.cwd,
        env,
        stdin: process.stdin,
        stdout: process.stdout,
        onStart: (pid) => {
          saveRecord({ ...record, agent: selfId(pid), agentLeadsSession: o.terminal });
          void loadPipeline();
          sweeping = dir.sweepLeftovers().catch((err: unknown) => line(`leftovers of killed sessions not swept: ${err instanceof Error ? err.message : String(err)}`));
          log.pruneOld();
          line(`${o.profile.name} started, pid ${pid}, ${o.terminal ? 'pty' : 'pipes'}, ${Math.round(performance.now())} ms after headroom started`);
        },
      });
    } catch (err) {
      line(`could not start ${o.binary}: ${err instanceof Error ? err.message : String(err)}`);
      throw err;
    }
    line(`${o.profile.name} exited with ${result.exitCode}${result.signal ? ` (${result.signal})` : ''}`);

    const pipeline: Pipeline | undefined = await loadPipeline().catch(() => undefined);
    if (!pipeline) o.say(`headroom: the proxy could not start, so the agent's requests failed; the session log says why: ${log.path}`);
    else if (pipeline.storeError) o.say(`headroom: nothing was compressed: the store could not be opened (${pipeline.storeError})`);
    const counts = mitmCounts?.();
    const { StatsCounter } = await import('../intercept/stats.js');
    return summarize(o.profile.name, pipeline?.stats() ?? new StatsCounter().snapshot(0), {
      exitCode: result.exitCode,
      durationMs: performance.now() - started,
      compress: o.compress && pipeline !== undefined && !pipeline.storeError,
      // This session's own: answered by its proxy, or by the MCP server its agent started.
      retrievals: (pipeline?.retrievals() ?? 0) + linesIn(retrievalsFile),
      log: log.path,
      ...(counts && { mitm: counts }),
    });
  } finally {
    // What the agent left running (its MCP server, a background shell...) would talk to an endpoint about to close.
    let leftoversEnded = true;
    try {
      const ended = await endSessionProcesses(record);
      if (ended > 0) line(`ended ${ended} processes the agent left running`);
    } catch (err) {
      // Then the guardian, not stood down, does it when wrap exits and its pipe closes.
      leftoversEnded = false;
      line(`left to the guardian: ${err instanceof Error ? err.message : String(err)}`);
    }
    await sweeping;
    // The guardian goes after the parts: its copies of the listening sockets close with it.
    const standDown = () => (leftoversEnded ? guardian?.standDown() : undefined);
    for (const close of [...closers, standDown, () => dir.remove(), () => log.close()]) {
      try {
        await close();
      } catch {
        // closing one part must not keep the others open
      }
    }
  }
}
