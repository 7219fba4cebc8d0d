import { describe, expect, it } from 'vitest';
import { createProxySession } from '../../src/intercept/rewrite.js';
import { startProxy } from '../../src/intercept/server.js';
import { upstreamProblem } from '../../src/intercept/route.js';
import { basicAuthorization, redactUrl, redactUserinfo } from '../../src/intercept/url-userinfo.js';
import { startFakeProvider } from '../helpers/fake-provider.js';
import { AGENT_HEADERS, agentRequest, request } from '../helpers/proxy-harness.js';

describe('redactUrl', () => {
  it.each([
    ['http://u:PW@gw.example.com/anthropic', 'http://***@gw.example.com/anthropic'],
    ['https://KEYONLY@gw.example.com', 'https://***@gw.example.com'],
    ['https://u:p@ss w@gw.example.com/x?y=z@w', 'https://***@gw.example.com/x?y=z@w'],
    ['https://api.anthropic.com/a@b', 'https://api.anthropic.com/a@b'],
    ['not a url', 'not a url'],
  ])('%s', (url, want) => {
    expect(redactUrl(url)).toBe(want);
  });

  it('the problem with an upstream that is not a URL is said without its credentials', () => {
    expect(upstreamProblem('http://u:PW@bad host')).toBe('must be a URL, got "http://***@bad host"');
  });
});

it('redactUserinfo finds every URL in a text', () => {
  expect(redactUserinfo('TypeError at http://a:PW1@h1/x, then https://b:PW2@h2?q=1 and a@b.c')).toBe('TypeError at http://***@h1/x, then https://***@h2?q=1 and a@b.c');
});

it('basicAuthorization decodes what the URL percent-encoded', () => {
  expect(basicAuthorization(new URL('https://u%40corp:p%3Aw%2Fd@gw'))).toBe(`Basic ${Buffer.from('u@corp:p:w/d').toString('base64')}`);
  expect(basicAuthorization(new URL('https://tok@gw'))).toBe(`Basic ${Buffer.from('tok:').toString('base64')}`);
  expect(basicAuthorization(new URL('https://gw'))).toBeUndefined();
});

it("a gateway's credentials in the upstream URL go as Basic authorization, beside the agent's key; an agent's own Authorization header wins", async () => {
  const fake = await startFakeProvider();
  const gw = fake.url.replace('http://', 'http://gw-user:gw%20PW@');
  const proxy = await startProxy({ upstreams: { anthropic: `${gw}/anthropic`, openai: gw, gemini: gw }, session: createProxySession(), log: () => {} });
  try {
    const a = await request(`${proxy.url}/v1/messages`, { headers: AGENT_HEADERS.anthropic, body: agentRequest('claude-first') });
    expect(a.status).toBe(200);
    const o = await request(`${proxy.url}/v1/chat/completions`, { headers: AGENT_HEADERS.openai, body: agentRequest('copilot-first') });
    expect(o.status).toBe(200);
    const [ra, ro] = fake.requests;
    expect(ra!.url).toBe('/anthropic/v1/messages');
    expect(ra!.headers.authorization).toBe(`Basic ${Buffer.from('gw-user:gw PW').toString('base64')}`);
    expect(ra!.headers['x-api-key']).toBe(AGENT_HEADERS.anthropic['x-api-key']);
    expect(ra!.headers.host).toBe(new URL(fake.url).host);
    expect(ro!.headers.authorization).toBe(AGENT_HEADERS.openai.authorization);
    expect(ro!.rawHeaders.filter((h) => h.toLowerCase() === 'authorization')).toHaveLength(1);
  } finally {
    await proxy.close();
    await fake.close();
  }
});
