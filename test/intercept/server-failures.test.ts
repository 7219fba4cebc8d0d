import { createHash } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createProxySession } from '../../src/intercept/rewrite.js';
import { startProxy } from '../../src/intercept/server.js';
import { FAKE_USAGE } from '../helpers/fake-answers.js';
import { AGENT_HEADERS, agentRequest, request, sentBytes, startHarness } from '../helpers/proxy-harness.js';

// What goes wrong on real networks: provider errors, resets, clients that
// leave, huge bodies, compressed answers, many streams at once.

const claude = { target: '/v1/messages?beta=true', init: { headers: AGENT_HEADERS.anthropic, body: agentRequest('claude-toolturn') } };

describe('provider errors', () => {
  for (const status of [429, 500, 529]) {
    it(`passes a ${status} through with its headers and body`, async () => {
      const body = JSON.stringify({ type: 'error', error: { type: 'rate_limit_error', message: `status ${status}` } });
      const h = await startHarness({ status, body, headers: { 'retry-after': '17', 'anthropic-ratelimit-requests-remaining': '0' } });
      try {
        const r = await h.send(claude.target, claude.init);
        expect(r.status).toBe(status);
        expect(r.headers['retry-after']).toBe('17');
        expect(r.headers['anthropic-ratelimit-requests-remaining']).toBe('0');
        expect(r.body.toString('utf8')).toBe(body);
        expect(h.proxy.stats().usage).toEqual({ input: 0, cacheRead: 0, cacheWrite: 0, output: 0 });
      } finally {
        await h.close();
      }
    });
  }

  it('answers 502 in each provider\'s error shape when the upstream is unreachable, naming no key', async () => {
    // A port that was free a moment ago: connection refused.
    const dead = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as net.AddressInfo;
        s.close(() => resolve(port));
      });
    });
    const lines: string[] = [];
    const url = `http://127.0.0.1:${dead}`;
    const proxy = await startProxy({ upstreams: { anthropic: url, openai: url, gemini: url }, session: createProxySession(), log: (l) => lines.push(l) });
    const send = async (target: string, headers: Record<string, string>) => {
      const r = await fetch(`${proxy.url}${target}`, { method: 'POST', headers, body: '{}' });
      return { status: r.status, body: (await r.json()) as Record<string, { message?: string; type?: string; status?: string }> };
    };
    try {
      const a = await send('/v1/messages', AGENT_HEADERS.anthropic);
      expect(a.status).toBe(502);
      expect(a.body).toMatchObject({ type: 'error', error: { type: 'api_error' } });
      expect(a.body.error!.message).toContain(`127.0.0.1:${dead}`);
      const o = await send('/v1/responses', AGENT_HEADERS.openai);
      expect(o.body).toMatchObject({ error: { type: 'server_error', code: 'upstream_unreachable' } });
      const g = await send('/v1beta/models/gemini-2.5-pro:generateContent?key=AIzaSECRETSECRETSECRETSECRET', AGENT_HEADERS.gemini);
      expect(g.body).toMatchObject({ error: { code: 502, status: 'UNAVAILABLE' } });
      const seen = JSON.stringify([a, o, g]) + lines.join('\n');
      expect(seen).toContain('ECONNREFUSED');
      expect(seen).not.toMatch(/SECRET/);
      expect(proxy.stats().upstreamErrors).toBe(3);
    } finally {
      await proxy.close();
    }
  });
});

describe('kept-alive upstream connections', () => {
  /** An upstream on 127.0.0.1 that records each request it read whole, and how many connections it took. */
  async function upstreamWith(onRequest: (req: http.IncomingMessage, res: http.ServerResponse, nth: number) => void) {
    const served = new WeakMap<net.Socket, number>();
    const bodies: string[] = [];
    const sockets: net.Socket[] = [];
    const server = http.createServer((req, res) => {
      const n = (served.get(req.socket) ?? 0) + 1;
      served.set(req.socket, n);
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        bodies.push(`${req.method} ${req.url} ${Buffer.concat(chunks).length}`);
        onRequest(req, res, n);
      });
    });
    server.on('connection', (s) => sockets.push(s));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
    const proxy = await startProxy({ upstreams: { anthropic: url, openai: url, gemini: url }, session: createProxySession() });
    return {
      proxy,
      bodies,
      sockets,
      close: async () => {
        await proxy.close();
        server.closeAllConnections();
        server.close();
      },
    };
  }

  it("never sends a request twice: a reset after the provider read it is a 502 in the provider's shape", async () => {
    // Each connection's second request is read whole, then the connection is reset, as a provider's front end may do.
    const u = await upstreamWith((req, res, nth) => (nth > 1 ? req.socket.resetAndDestroy() : res.end('{}')));
    const cases = [
      { target: '/v1/messages', headers: AGENT_HEADERS.anthropic, body: agentRequest('claude-first'), shape: { type: 'error', error: { type: 'api_error' } } },
      { target: '/v1/responses', headers: AGENT_HEADERS.openai, body: agentRequest('codex-first'), shape: { error: { type: 'server_error', code: 'upstream_connection_lost' } } },
      { target: '/v1beta/models/gemini-2.5-pro:generateContent', headers: AGENT_HEADERS.gemini, body: agentRequest('gemini-first'), shape: { error: { code: 502, status: 'UNAVAILABLE' } } },
    ];
    try {
      for (const c of cases) {
        const first = await request(`${u.proxy.url}${c.target}`, { headers: c.headers, body: c.body });
        expect(first.status).toBe(200);
        const second = await request(`${u.proxy.url}${c.target}`, { headers: c.headers, body: c.body });
        expect(second.status).toBe(502);
        const answer = JSON.parse(second.body.toString('utf8')) as { error: { message: string } };
        expect(answer).toMatchObject(c.shape);
        expect(answer.error.message).toMatch(/after sending the request \(ECONNRESET\); it was not sent again/);
        expect(second.body.toString('utf8')).not.toMatch(/SECRET/);
      }
      // Two requests per case, each read once: nothing was sent again.
      expect(u.bodies).toEqual(cases.flatMap((c) => [`POST ${c.target} ${c.body.length}`, `POST ${c.target} ${c.body.length}`]));
      expect(u.proxy.stats().upstreamErrors).toBe(3);
    } finally {
      await u.close();
    }
  });

  it('a kept-alive connection the provider closed while idle is not used: the request goes on a new one, once', async () => {
    const u = await upstreamWith((_req, res) => res.end('{"data":[]}'));
    // One kept-alive connection of the client's to the proxy, written on directly so the test decides what reaches the kernel when.
    const client = net.connect(new URL(u.proxy.url).port as unknown as number, '127.0.0.1');
    await new Promise<void>((r) => client.once('connect', () => r()));
    let received = '';
    client.on('data', (d: Buffer) => (received += d.toString('latin1')));
    const get = `GET ${new URL(u.proxy.url).pathname.replace(/\/$/, "")}/v1/models HTTP/1.1\r\nHost: x\r\nx-api-key: sk-ant-test-SECRET-0123456789\r\n\r\n`;
    const answers = () => received.split('HTTP/1.1 ').slice(1).map((a) => Number(a.slice(0, 3)));
    try {
      client.write(get);
      await expect.poll(answers).toEqual([200]);
      expect(u.sockets.length).toBe(1);
      // The next request reaches the proxy, and the provider's close of the idle connection reaches it right
      // after: both are waiting when the proxy next looks, the request first, so it picks the closing connection.
      client.write(get);
      u.sockets[0]!.destroy();
      await expect.poll(answers).toEqual([200, 200]);
      expect(u.sockets.length).toBe(2);
      expect(u.bodies).toEqual(['GET /v1/models 0', 'GET /v1/models 0']);
      expect(u.proxy.stats().upstreamErrors).toBe(0);
    } finally {
      client.destroy();
      await u.close();
    }
  });
});

describe('broken streams', () => {
  it('ends the client\'s answer when the provider resets mid-stream', async () => {
    const h = await startHarness({ resetAfter: 3 });
    try {
      const r = await h.send(claude.target, claude.init);
      expect(r.status).toBe(200);
      expect(r.error).toBeDefined();
      // What did arrive is a prefix of what the provider wrote.
      expect(sentBytes(h.fake, 0).subarray(0, r.body.length).equals(r.body)).toBe(true);
    } finally {
      await h.close();
    }
  });

  it('cancels the upstream request when the client hangs up', async () => {
    const h = await startHarness({ delayMs: 50, deltas: 200 });
    try {
      const ac = new AbortController();
      const req = http.request(`${h.proxy.url}${claude.target}`, { method: 'POST', headers: claude.init.headers, signal: ac.signal });
      req.on('error', () => {});
      const firstChunk = new Promise<void>((resolve) => req.on('response', (res) => res.once('data', () => resolve())));
      req.end(claude.init.body);
      await firstChunk;
      ac.abort();
      await h.fake.requests[0]!.closed;
      expect(h.fake.requests[0]!.closedEarly).toBe(true);
    } finally {
      await h.close();
    }
  });
});

describe('backpressure', () => {
  it('holds the provider back while the client does not read, then delivers every byte', async () => {
    const h = await startHarness({ deltas: 80_000 });
    try {
      const req = http.request(`${h.proxy.url}${claude.target}`, { method: 'POST', headers: claude.init.headers });
      const chunks: Buffer[] = [];
      const done = new Promise<void>((resolve) =>
        req.on('response', (res) => {
          res.once('data', (c: Buffer) => {
            chunks.push(c);
            res.pause();
            // While paused, the proxy must not drain the provider into memory.
            setTimeout(() => {
              expect(h.fake.requests[0]!.finished).toBe(false);
              res.on('data', (d: Buffer) => chunks.push(d));
              res.on('end', () => resolve());
              res.resume();
            }, 500);
          });
        }),
      );
      req.end(claude.init.body);
      await done;
      const sent = sentBytes(h.fake, 0);
      expect(sent.length).toBeGreaterThan(8 * 1024 * 1024);
      expect(Buffer.concat(chunks).equals(sent)).toBe(true);
    } finally {
      await h.close();
    }
  });
});

describe('bodies and encodings', () => {
  it('passes a 50 MB body through', async () => {
    const h = await startHarness();
    try {
      const j = JSON.parse(agentRequest('claude-toolturn').toString('utf8')) as { messages: Array<{ content: Array<Record<string, unknown>> }> };
      const line = '2025-01-01T00:00:00Z INFO worker-7 processed batch id=0123456789 in 12ms\n';
      j.messages.at(-1)!.content.find((b) => b.type === 'tool_result')!.content = line.repeat(Math.ceil((50 * 1024 * 1024) / line.length));
      const body = Buffer.from(JSON.stringify(j));
      expect(body.length).toBeGreaterThan(50 * 1024 * 1024);
      const r = await h.send(claude.target, { headers: claude.init.headers, body });
      expect(r.status).toBe(200);
      const digest = (b: Buffer) => createHash('sha256').update(b).digest('hex');
      expect(digest(h.fake.requests[0]!.body)).toBe(digest(body));
    } finally {
      await h.close();
    }
  });

  it('streams a body over the cap upstream unread and counts it', async () => {
    const h = await startHarness({}, { maxBodyBytes: 1000 });
    try {
      const r = await h.send(claude.target, claude.init);
      expect(r.status).toBe(200);
      expect(h.fake.requests[0]!.body.equals(claude.init.body)).toBe(true);
      expect(h.proxy.stats()).toMatchObject({ oversize: 1, rewritten: 0 });
    } finally {
      await h.close();
    }
  });

  it('relays gzip answers unchanged and still reads their usage', async () => {
    const h = await startHarness({ gzip: true, delayMs: 1 });
    try {
      const r = await h.send(claude.target, { headers: { ...claude.init.headers, 'accept-encoding': 'gzip' }, body: claude.init.body });
      expect(r.headers['content-encoding']).toBe('gzip');
      expect(h.fake.requests[0]!.headers['accept-encoding']).toBe('gzip');
      expect(r.body.equals(sentBytes(h.fake, 0))).toBe(true);
      expect(zlib.gunzipSync(r.body).toString('utf8')).toContain('message_stop');
      const json = await h.send('/v1/chat/completions', { headers: AGENT_HEADERS.openai, body: JSON.stringify({ model: 'gpt-5', messages: [] }) });
      expect(json.body.equals(sentBytes(h.fake, 1))).toBe(true);
      // Inflating the tap's copy finishes a tick after the client has its answer.
      await expect.poll(() => h.proxy.stats().usageAnswers).toBe(2);
      expect(h.proxy.stats().usage).toEqual({
        input: FAKE_USAGE.anthropic.input + FAKE_USAGE.chat.input,
        cacheRead: FAKE_USAGE.anthropic.cacheRead + FAKE_USAGE.chat.cacheRead,
        cacheWrite: FAKE_USAGE.anthropic.cacheWrite,
        output: FAKE_USAGE.anthropic.output + FAKE_USAGE.chat.output,
      });
    } finally {
      await h.close();
    }
  });
});

describe('load', () => {
  it('completes 100 concurrent streams byte-identical', async () => {
    const h = await startHarness({ deltas: 100 });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 200 });
    try {
      const cases = [
        { target: claude.target, headers: AGENT_HEADERS.anthropic, body: agentRequest('claude-first') },
        { target: '/v1/responses', headers: AGENT_HEADERS.openai, body: agentRequest('codex-first') },
        { target: '/v1/chat/completions', headers: AGENT_HEADERS.openai, body: agentRequest('copilot-first') },
        { target: '/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse', headers: AGENT_HEADERS.gemini, body: agentRequest('gemini-first') },
      ];
      const replies = await Promise.all(
        Array.from({ length: 100 }, (_, i) => {
          const c = cases[i % cases.length]!;
          return h.send(c.target, { headers: { ...c.headers, 'x-request-no': String(i) }, body: c.body, agent });
        }),
      );
      expect(h.fake.requests.length).toBe(100);
      for (const rec of h.fake.requests) {
        const i = Number(rec.headers['x-request-no']);
        const reply = replies[i]!;
        expect(reply.error).toBeUndefined();
        expect(reply.body.equals(Buffer.concat(rec.sent))).toBe(true);
        expect(rec.body.equals(cases[i % cases.length]!.body)).toBe(true);
      }
      expect(h.proxy.stats().usageAnswers).toBe(100);
    } finally {
      agent.destroy();
      await h.close();
    }
  });
});
