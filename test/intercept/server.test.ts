import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_USAGE } from '../helpers/fake-answers.js';
import { AGENT_CASES, AGENT_HEADERS, type Harness, PREFIX, agentRequest, sentBytes, startHarness } from '../helpers/proxy-harness.js';

// The proxy between the agents' real requests and a fake provider: what goes
// up arrives intact, what comes back reaches the client byte for byte.

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** Raw HTTP/1.1 exchange, for requests node:http will not send (upgrades). */
function rawExchange(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
    let out = '';
    socket.on('data', (d) => (out += d.toString('latin1')));
    socket.on('end', () => resolve(out));
    socket.on('error', reject);
  });
}

describe('listening', () => {
  it('listens on 127.0.0.1 only, under its prefix', () => {
    expect(h.proxy.url).toBe(`http://127.0.0.1:${h.proxy.port}${PREFIX}`);
  });

  it('answers 404 outside the prefix, and forwards nothing', async () => {
    const before = h.fake.requests.length;
    const body = agentRequest('claude-first');
    for (const url of ['/v1/messages', '/hr-wrong/v1/messages', `${PREFIX}x/v1/messages`]) {
      const direct = await fetch(`http://127.0.0.1:${h.proxy.port}${url}`, { method: 'POST', headers: AGENT_HEADERS.anthropic, body });
      expect(direct.status).toBe(404);
    }
    expect(h.fake.requests.length).toBe(before);
  });
});

describe('passthrough of the agents\' real requests', () => {
  for (const c of AGENT_CASES) {
    it(`${c.file}: method, path, query, headers and body arrive intact`, async () => {
      const body = agentRequest(c.file);
      const n = h.fake.requests.length;
      const r = await h.send(c.target, { headers: { ...c.headers, 'x-custom': 'kept', connection: 'keep-alive', 'keep-alive': 'timeout=5', 'proxy-authorization': 'Basic eDp5' }, body });
      expect(r.status).toBe(200);
      const got = h.fake.requests[n]!;
      expect(got.method).toBe('POST');
      expect(got.url).toBe(c.target);
      expect(got.body.equals(body)).toBe(true);
      expect(got.headers['content-length']).toBe(String(body.length));
      expect(got.headers.host).toBe(new URL(h.fake.url).host);
      expect(got.headers['x-custom']).toBe('kept');
      for (const [k, v] of Object.entries(c.headers)) expect(got.headers[k]).toBe(v);
      expect(got.headers['proxy-authorization']).toBeUndefined();
      expect(got.headers['keep-alive']).toBeUndefined();
      // The answer is exactly what the provider wrote.
      expect(r.body.equals(sentBytes(h.fake, n))).toBe(true);
    });
  }

  it('passes HEAD /api/hello (Claude Code\'s probe) and GETs with their query', async () => {
    const n = h.fake.requests.length;
    const head = await h.send('/api/hello', { method: 'HEAD', headers: AGENT_HEADERS.anthropic });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    const get = await h.send('/v1/models?limit=5&after=a%20b', { method: 'GET', headers: AGENT_HEADERS.openai });
    expect(get.status).toBe(200);
    expect(h.fake.requests.slice(n).map((q) => `${q.method} ${q.url}`)).toEqual(['HEAD /api/hello', 'GET /v1/models?limit=5&after=a%20b']);
  });

  it('passes malformed JSON on a rewritable endpoint untouched', async () => {
    const n = h.fake.requests.length;
    const body = Buffer.concat([agentRequest('claude-toolturn').subarray(0, 30_000), Buffer.from([0xff, 0xfe, 0x7b])]);
    const r = await h.send('/v1/messages?beta=true', { headers: AGENT_HEADERS.anthropic, body });
    expect(r.status).toBe(200);
    expect(h.fake.requests[n]!.body.equals(body)).toBe(true);
  });

  it('passes an empty POST body', async () => {
    const n = h.fake.requests.length;
    const r = await h.send('/v1/chat/completions', { headers: AGENT_HEADERS.openai, body: '' });
    expect(r.status).toBe(200);
    expect(h.fake.requests[n]!.body.length).toBe(0);
  });
});

describe('streamed answers', () => {
  const streams = [
    { file: 'claude-toolturn', target: '/v1/messages?beta=true', headers: AGENT_HEADERS.anthropic, shape: 'anthropic' },
    { file: 'copilot-first', target: '/v1/chat/completions', headers: AGENT_HEADERS.openai, shape: 'chat' },
    { file: 'codex-toolturn', target: '/v1/responses', headers: AGENT_HEADERS.openai, shape: 'responses' },
    { file: 'gemini-toolturn', target: '/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse', headers: AGENT_HEADERS.gemini, shape: 'gemini' },
  ] as const;

  for (const s of streams) {
    for (const tool of [false, true]) {
      it(`${s.shape}${tool ? ' tool call' : ''}: SSE reaches the client byte-identical and its usage is counted`, async () => {
        const local = await startHarness({ tool, delayMs: 1 });
        try {
          const r = await local.send(s.target, { headers: s.headers, body: agentRequest(s.file) });
          expect(r.status).toBe(200);
          expect(r.headers['content-type']).toMatch(/text\/event-stream/);
          expect(r.headers['x-fake-provider']).toBe('1');
          expect(r.body.equals(sentBytes(local.fake, 0))).toBe(true);
          const stats = local.proxy.stats();
          expect(stats.usage).toEqual(FAKE_USAGE[s.shape]);
          expect(stats.requests).toBe(1);
        } finally {
          await local.close();
        }
      });
    }
  }
});

describe('stats', () => {
  it('sums usage over every API shape, streamed or not, and serves it under the prefix', async () => {
    const local = await startHarness();
    try {
      await local.send('/v1/messages?beta=true', { headers: AGENT_HEADERS.anthropic, body: agentRequest('claude-first') });
      await local.send('/v1/chat/completions', { headers: AGENT_HEADERS.openai, body: agentRequest('copilot-first') });
      await local.send('/v1/responses', { headers: AGENT_HEADERS.openai, body: agentRequest('codex-first') });
      await local.send('/v1beta/models/gemini-2.5-flash:generateContent', { headers: AGENT_HEADERS.gemini, body: agentRequest('gemini-router') });
      const r = await local.send('/headroom/stats', { method: 'GET' });
      expect(r.status).toBe(200);
      const stats = JSON.parse(r.body.toString('utf8')) as ReturnType<typeof local.proxy.stats>;
      const sum = (k: keyof (typeof FAKE_USAGE)['chat']) => Object.values(FAKE_USAGE).reduce((a, u) => a + u[k], 0);
      expect(stats.usage).toEqual({ input: sum('input'), cacheRead: sum('cacheRead'), cacheWrite: sum('cacheWrite'), output: sum('output') });
      expect(stats.requests).toBe(4);
      expect(stats.usageAnswers).toBe(4);
      expect(stats.cacheReadShare).toBeCloseTo(sum('cacheRead') / (sum('input') + sum('cacheRead') + sum('cacheWrite')), 6);
      expect(stats).toMatchObject({ rewritten: 0, failOpen: 0, drift: 0, saved: 0 });
      expect(local.fake.requests.length).toBe(4); // the stats request never went upstream
    } finally {
      await local.close();
    }
  });
});

describe('WebSocket upgrades', () => {
  it('answers 426 to Codex\'s upgrade on /v1/responses so it falls back to HTTP', async () => {
    const n = h.fake.requests.length;
    const reply = await rawExchange(
      h.proxy.port,
      `GET ${PREFIX}/v1/responses HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
    );
    expect(reply.startsWith('HTTP/1.1 426 ')).toBe(true);
    expect(h.fake.requests.length).toBe(n);
  });

  it('answers 404 to an upgrade outside the prefix', async () => {
    const reply = await rawExchange(h.proxy.port, 'GET /v1/responses HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n');
    expect(reply.startsWith('HTTP/1.1 404 ')).toBe(true);
  });
});
