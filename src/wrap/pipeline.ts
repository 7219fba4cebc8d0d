import type { Config } from '../config/index.js';
import type { ProxyStats } from '../intercept/stats.js';
import type { Store } from '../memory/types.js';
import type { EarlyEndpoint } from './early-endpoint.js';
import type { Env, Upstreams } from './types.js';

// The compression pipeline of a session, loaded and attached to the endpoint
// while the agent starts. If the store cannot be opened the session still
// relays and measures: the agent must never be stopped by headroom's storage.

export interface Pipeline {
  stats(): ProxyStats;
  /** Originals fetched back so far (from the store's own count). */
  retrievals(): Promise<number>;
  /** Why nothing was compressed, when the store could not be opened. */
  readonly storeError?: string;
  close(): Promise<void>;
}

export interface PipelineOptions {
  readonly compress: boolean;
  readonly openStore: (onWarning: (message: string) => void) => Promise<Store>;
  readonly config: Config;
  readonly retrievalTool: boolean;
  readonly upstreams: Upstreams;
  readonly env: Env;
  readonly log: (line: string) => void;
}

async function retrievalsIn(store: Store | undefined): Promise<number> {
  if (!store) return 0;
  try {
    return (await store.stats()).rows.reduce((sum, r) => sum + r.retrievals, 0);
  } catch {
    return 0; // a count is a nicety; the session does not depend on it
  }
}

export async function attachPipeline(endpoint: EarlyEndpoint, o: PipelineOptions): Promise<Pipeline> {
  const [{ createProxyHandlers }, { createProxySession }, { DEFAULT_POLICY, withRules }, { proxyEnvFrom }] = await Promise.all([
    import('../intercept/server.js'),
    import('../intercept/rewrite.js'),
    import('../intercept/policy.js'),
    import('../intercept/proxy-env.js'),
  ]);
  let store: Store | undefined;
  let storeError: string | undefined;
  if (o.compress) {
    try {
      store = await o.openStore((message) => o.log(`store: ${message}`));
    } catch (err) {
      storeError = err instanceof Error ? err.message : String(err);
      o.log(`store not opened, relaying only: ${storeError}`);
    }
  }
  const before = await retrievalsIn(store);
  const policy = withRules(DEFAULT_POLICY, o.config.tools);
  const session = createProxySession(store ? { store, policy, retrievalTool: o.retrievalTool } : { measureOnly: true, policy });
  const handlers = createProxyHandlers({ pathPrefix: endpoint.pathPrefix, upstreams: o.upstreams, session, proxyEnv: proxyEnvFrom(o.env), log: o.log });
  endpoint.attach(handlers);
  return {
    stats: handlers.stats,
    retrievals: async () => Math.max(0, (await retrievalsIn(store)) - before),
    ...(storeError !== undefined && { storeError }),
    async close() {
      handlers.close();
      await store?.close();
    },
  };
}
