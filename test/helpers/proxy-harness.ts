import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createProxySession, type ProxySession } from '../../src/intercept/rewrite.js';
import { type ProxyOptions, type RunningProxy, startProxy } from '../../src/intercept/server.js';
import { type Behaviour, type FakeProvider, startFakeProvider } from './fake-provider.js';

// A proxy in front of a fake provider, and a raw HTTP client: node:http, not
// fetch, because fetch would decompress answers and hide the bytes under test.

export const AGENT_REQUESTS = path.resolve(import.meta.dirname, '../../../shared/agent-requests');
export const agentRequest = (name: string): Buffer => fs.readFileSync(path.join(AGENT_REQUESTS, `${name}.json`));

export const PREFIX = '/hr-test-secret';

export interface Harness {
  readonly fake: FakeProvider;
  readonly proxy: RunningProxy;
  readonly session: ProxySession;
  /** A request through the proxy; `target` is relative to the proxy's base URL. */
  send(target: string, init?: SendInit): Promise<Reply>;
  close(): Promise<void>;
}

export interface SendInit {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>> | readonly string[];
  readonly body?: Buffer | string;
  readonly signal?: AbortSignal;
  readonly agent?: http.Agent;
}

export interface Reply {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
  /** Set when the answer broke off instead of ending. */
  readonly error?: Error;
}

/** Sends one request and collects the raw answer; a broken answer resolves with `error`, never hangs. */
export function request(url: string, init: SendInit = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? 'POST', headers: init.headers as http.OutgoingHttpHeaders, signal: init.signal, agent: init.agent });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      const done = (error?: Error) =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, rawHeaders: res.rawHeaders, body: Buffer.concat(chunks), ...(error ? { error } : {}) });
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done());
      res.on('error', (err) => done(err));
      res.on('close', () => {
        if (!res.complete) done(new Error('answer ended early'));
      });
    });
    req.end(init.body);
  });
}

export async function startHarness(
  behaviour: Behaviour = {},
  options: Partial<Pick<ProxyOptions, 'maxBodyBytes' | 'maxHeldBytes' | 'pathPrefix' | 'proxyEnv' | 'upstreams'>> & { session?: ProxySession } = {},
): Promise<Harness> {
  const fake = await startFakeProvider(behaviour);
  const session = options.session ?? createProxySession();
  const proxy = await startProxy({
    pathPrefix: options.pathPrefix ?? PREFIX,
    upstreams: options.upstreams ?? { anthropic: fake.url, openai: fake.url, gemini: fake.url },
    session,
    ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
    ...(options.maxHeldBytes ? { maxHeldBytes: options.maxHeldBytes } : {}),
    ...(options.proxyEnv ? { proxyEnv: options.proxyEnv } : {}),
  });
  return {
    fake,
    proxy,
    session,
    send: (target, init) => request(`${proxy.url}${target}`, init),
    close: async () => {
      await proxy.close();
      await fake.close();
    },
  };
}

/** Headers an agent would send, with a key that must never show up in logs or errors. */
export const AGENT_HEADERS = {
  anthropic: { 'content-type': 'application/json', 'x-api-key': 'sk-ant-test-SECRET-0123456789', 'anthropic-version': '2023-06-01', 'anthropic-beta': 'claude-code-20250219,interleaved-thinking-2025-05-14' },
  openai: { 'content-type': 'application/json', authorization: 'Bearer sk-test-SECRET-0123456789' },
  gemini: { 'content-type': 'application/json', 'x-goog-api-key': 'AIzaTEST-SECRET-0123456789abcdef' },
} as const;

/** The real request files, with where each agent sends them. */
export const AGENT_CASES = [
  { file: 'claude-first', target: '/v1/messages?beta=true', headers: AGENT_HEADERS.anthropic },
  { file: 'claude-toolturn', target: '/v1/messages?beta=true', headers: AGENT_HEADERS.anthropic },
  { file: 'opencode-main', target: '/v1/messages', headers: AGENT_HEADERS.anthropic },
  { file: 'codex-first', target: '/v1/responses', headers: AGENT_HEADERS.openai },
  { file: 'codex-toolturn', target: '/v1/responses', headers: AGENT_HEADERS.openai },
  { file: 'copilot-first', target: '/v1/chat/completions', headers: AGENT_HEADERS.openai },
  { file: 'gemini-router', target: '/v1beta/models/gemini-2.5-flash:generateContent', headers: AGENT_HEADERS.gemini },
  { file: 'gemini-toolturn', target: '/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse', headers: AGENT_HEADERS.gemini },
] as const;

export const sentBytes = (fake: FakeProvider, i: number): Buffer => Buffer.concat(fake.requests[i]!.sent);
