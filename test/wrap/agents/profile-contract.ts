import { describe, expect, test } from 'vitest';
import type { AgentProfile, Env, LaunchContext, LaunchPlan } from '../../../src/wrap/types.js';

// The shared suite every agent profile runs (src/wrap/agents/<agent>.ts): a
// profile is pure, keeps the user's arguments, points the agent at the
// session's endpoint (or says why it cannot), registers headroom's MCP server
// when it claims to, and never lets the secret endpoint into a message.

export const ENDPOINT = 'http://127.0.0.1:40123/hr-SECRETsecret123';

export function context(over: Partial<LaunchContext> = {}): LaunchContext {
  return {
    endpoint: ENDPOINT,
    env: { PATH: '/usr/bin:/bin', HOME: '/home/dev' },
    args: ['-p', 'fix the failing test', '--model', 'some-model'],
    cwd: '/home/dev/project',
    mcp: { command: '/usr/bin/node', args: ['/opt/headroom/bin/headroom', 'mcp'] },
    sessionDir: '/run/user/1000/headroom/wrap-1-abc',
    sessionDirPrivate: true,
    mitm: { proxyUrl: 'http://127.0.0.1:40999', caBundleFile: '/run/ca-bundle.pem', caCertFile: '/data/ca.pem' },
    ...over,
  };
}

/** Everything the agent will see from a plan, as one string to search. */
export function visible(plan: LaunchPlan): string {
  return [...plan.args, ...Object.values(plan.env), ...(plan.files ?? []).map((f) => f.content)].join('\n');
}

function isSubsequence(sub: readonly string[], of: readonly string[]): boolean {
  let i = 0;
  for (const a of of) if (a === sub[i]) i++;
  return i === sub.length;
}

export interface ContractOptions {
  /** An environment under which the agent can be redirected (keys, BYOK settings...). */
  readonly redirectEnv?: Env;
  /** Agent arguments the profile replaces on purpose (they became the upstream). */
  readonly consumedFlags?: readonly string[];
  /** The user's own base URL for this agent, and the upstream it must become. */
  readonly userBaseUrl?: { readonly env: Env; readonly args?: readonly string[]; readonly upstream: 'anthropic' | 'openai' | 'gemini'; readonly url: string };
}

export function profileContract(profile: AgentProfile, o: ContractOptions = {}): void {
  const ctx = (over: Partial<LaunchContext> = {}) => context({ env: { ...context().env, ...o.redirectEnv }, ...over });

  describe(`agent profile contract: ${profile.name}`, () => {
    test('is pure: the same context gives the same plan, and the context is not changed', () => {
      const c = ctx();
      const before = JSON.stringify(c);
      expect(profile.launch(c)).toEqual(profile.launch(ctx()));
      expect(JSON.stringify(c)).toBe(before);
    });

    test("keeps the user's arguments, in order, a `--` and what follows it included", () => {
      for (const args of [[], ['-p', 'hello world'], ['--', '--not-ours', 'x'], ['exec', '--json', 'a "quoted" prompt']]) {
        const plan = profile.launch(ctx({ args }));
        expect(isSubsequence(args, plan.args), `${JSON.stringify(args)} in ${JSON.stringify(plan.args)}`).toBe(true);
        if (args.includes('--')) expect(plan.args.slice(plan.args.indexOf('--'))).toEqual(args.slice(args.indexOf('--')));
      }
    });

    test('points the agent at the session endpoint', () => {
      const plan = profile.launch(ctx());
      const target = profile.intercept === 'mitm' ? ctx().mitm!.proxyUrl : ENDPOINT;
      expect(visible(plan)).toContain(target);
    });

    test('never puts the secret endpoint into a message for the user', () => {
      for (const env of [{}, o.redirectEnv ?? {}]) {
        for (const note of profile.launch(context({ env })).notes ?? []) expect(note).not.toContain('SECRET');
      }
    });

    // Agents without an MCP client get the proxy-side tool instead (the rewrite tests cover it).
    if (profile.retrieval === 'mcp') {
      test('registers headroom mcp with the agent', () => {
        const text = visible(profile.launch(ctx()));
        expect(text).toContain('/opt/headroom/bin/headroom');
        expect(text).toContain('mcp');
      });
    }

    test('without base URLs of the user, the upstreams are left to the defaults', () => {
      expect(profile.userUpstreams({ PATH: '/usr/bin' }, [])).toEqual({});
    });

    const u = o.userBaseUrl;
    // cursor has no base URL to take over: its traffic is intercepted, not redirected.
    if (u) test("a base URL the user set becomes the upstream, and the agent's goes to the endpoint", () => {
      expect(profile.userUpstreams({ ...o.redirectEnv, ...u.env }, u.args ?? [])[u.upstream]).toBe(u.url);
      const plan = profile.launch(ctx({ env: { ...ctx().env, ...u.env }, args: [...(u.args ?? []), '-p', 'hi'] }));
      expect(visible(plan)).toContain(ENDPOINT);
      for (const flag of o.consumedFlags ?? []) expect(plan.args).not.toContain(flag);
    });
  });
}
