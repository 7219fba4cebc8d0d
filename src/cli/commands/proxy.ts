import { DEFAULT_UPSTREAMS, randomPathPrefix, upstreamProblem } from '../../intercept/route.js';
import { redactUrl } from '../../intercept/url-userinfo.js';
import type { ProxyStats } from '../../intercept/stats.js';
import type { Store } from '../../memory/types.js';
import { UsageError } from '../errors.js';
import { configuredOrExplain, openConfiguredStore } from '../open-store.js';
import { writeOut } from '../write-out.js';

// `headroom proxy`: runs the compressing proxy in the foreground until
// SIGINT/SIGTERM, for agents pointed at it by hand (`headroom wrap` starts its
// own). The environment is read here, once; the proxy itself takes values.

export interface ProxyFlags {
  readonly port?: string;
  readonly anthropicUpstream?: string;
  readonly openaiUpstream?: string;
  readonly geminiUpstream?: string;
  /** False with --no-compress: measure and relay only. */
  readonly compress?: boolean;
  readonly json?: boolean;
  /** --retrieval-tool: declare headroom_retrieve to the model and answer it inside the stream. */
  readonly retrievalTool?: boolean;
}


type Env = Readonly<Record<string, string | undefined>>;

function parsePort(value: string | undefined): number {
  if (value === undefined) return 0;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new UsageError(`--port must be a port number (0-65535), got ${JSON.stringify(value)}`);
  return n;
}

function upstream(name: 'anthropic' | 'openai' | 'gemini', flag: string | undefined, env: Env): string {
  const envName = `HEADROOM_${name.toUpperCase()}_UPSTREAM`;
  const value = flag ?? env[envName] ?? DEFAULT_UPSTREAMS[name];
  const problem = upstreamProblem(value);
  if (problem) throw new UsageError(`--${name}-upstream (or ${envName}) ${problem}`);
  return value;
}

/** What an agent needs to be pointed at the proxy. */
function baseUrls(url: string) {
  return { anthropic: url, openai: `${url}/v1`, gemini: url };
}

/** Upstreams as printed: credentials in them are never shown. */
function shown(upstreams: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(upstreams).map(([k, v]) => [k, redactUrl(v)]));
}

function summary(s: ProxyStats): string {
  const pct = s.tokensBefore > 0 ? ` (${((100 * s.saved) / s.tokensBefore).toFixed(1)}% of tool output)` : '';
  return `headroom proxy: ${s.requests} requests, ${s.rewritten} compressed, ${s.saved} tokens saved${pct}, ${s.failOpen} failed open\n`;
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export async function runProxy(flags: ProxyFlags, env: Env = process.env): Promise<void> {
  const port = parsePort(flags.port);
  const upstreams = {
    anthropic: upstream('anthropic', flags.anthropicUpstream, env),
    openai: upstream('openai', flags.openaiUpstream, env),
    gemini: upstream('gemini', flags.geminiUpstream, env),
  };
  const compress = flags.compress !== false;
  const [{ startProxy }, { createProxySession }, { proxyEnvFrom }] = await Promise.all([
    import('../../intercept/server.js'),
    import('../../intercept/rewrite.js'),
    import('../../intercept/proxy-env.js'),
  ]);
  // Without a store nothing could be promised back, so --no-compress opens none.
  const store: Store | undefined = compress ? await openConfiguredStore() : undefined;
  try {
    // Retrieval needs the store: with --no-compress there is nothing to retrieve.
    const { DEFAULT_POLICY, withRules } = await import('../../intercept/policy.js');
    const config = configuredOrExplain();
    const policy = withRules(DEFAULT_POLICY, config.tools);
    // One proxy may serve agents in many folders; it keeps back-offs for the project it was started in.
    const { projectScope } = await import('../../facts/index.js');
    const project = projectScope(process.cwd());
    const backoff = { project, after: config.backoffAfter, keep: config.keepWhole[project] ?? [] };
    const session = createProxySession(store ? { store, policy, retrievalTool: flags.retrievalTool === true, backoff } : { measureOnly: true, policy });
    const pathPrefix = randomPathPrefix();
    const proxy = await startProxy({
      port,
      pathPrefix,
      upstreams,
      session,
      proxyEnv: proxyEnvFrom(env),
      log: (line) => process.stderr.write(`headroom proxy: ${line}\n`),
    });
    const urls = baseUrls(proxy.url);
    await writeOut(
      flags.json
        ? `${JSON.stringify({ url: proxy.url, port: proxy.port, compress, baseUrls: urls, upstreams: shown(upstreams), statsUrl: `${proxy.url}/headroom/stats` })}\n`
        : // One line a shell can run as it is: eval "$(headroom proxy | head -1)", or paste it.
          `export ANTHROPIC_BASE_URL=${urls.anthropic} OPENAI_BASE_URL=${urls.openai} GOOGLE_GEMINI_BASE_URL=${urls.gemini}\n`,
    );
    await untilSignal();
    const stats = proxy.stats();
    await proxy.close();
    process.stderr.write(summary(stats));
  } finally {
    await store?.close();
  }
}
