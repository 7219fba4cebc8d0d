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
  /** Originals this session's proxy fetched back (headroom_retrieve answered in the stream). */
  retrievals(): number;
  /** Why nothing was compressed, when the store could not be opened. */
  readonly storeError?: string;
  close(): Promise<void>;
}

export interface PipelineOptions {
  readonly compress: boolean;
  readonly openStore: (onWarning: (message: string) => void) => Promise<Store>;
  readonly config: Config;
  readonly retrievalTool: boolean;
  /** Where the agent works: its project (git root) is what back-offs are kept per. */
  readonly cwd: string;
  readonly upstreams: Upstreams;
  readonly env: Env;
  readonly log: (line: string) => void;
}

/** The store, counting the originals found through it: the store's own totals include other processes. */
function counting(store: Store): { store: Store; found: () => number } {
  let found = 0;
  const counted: Store = {
    ...store,
    recordRetrieval(event) {
      if (event.found) found++;
      return store.recordRetrieval(event);
    },
  };
  return { store: counted, found: () => found };
}

export async function attachPipeline(endpoint: EarlyEndpoint, o: PipelineOptions): Promise<Pipeline> {
  const [{ createProxyHandlers }, { createProxySession }, { DEFAULT_POLICY, withRules }, { proxyEnvFrom }, { projectScope }] = await Promise.all([
    import('../intercept/server.js'),
    import('../intercept/rewrite.js'),
    import('../intercept/policy.js'),
    import('../intercept/proxy-env.js'),
    import('../facts/index.js'),
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
  const count = store ? counting(store) : undefined;
  if (count) store = count.store;
  const policy = withRules(DEFAULT_POLICY, o.config.tools);
  const project = projectScope(o.cwd);
  const backoff = { project, after: o.config.backoffAfter, keep: o.config.keepWhole[project] ?? [] };
  const session = createProxySession(store ? { store, policy, retrievalTool: o.retrievalTool, backoff } : { measureOnly: true, policy });
  const handlers = createProxyHandlers({ pathPrefix: endpoint.pathPrefix, upstreams: o.upstreams, session, proxyEnv: proxyEnvFrom(o.env), log: o.log });
  endpoint.attach(handlers);
  return {
    stats: handlers.stats,
    retrievals: () => count?.found() ?? 0,
    ...(storeError !== undefined && { storeError }),
    async close() {
      handlers.close();
      await store?.close();
    },
  };
}
