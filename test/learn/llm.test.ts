import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseRules, refineWording } from '../../src/learn/llm.js';
import type { Lesson } from '../../src/learn/types.js';
import { type FakeProvider, startFakeProvider } from '../helpers/fake-provider.js';

const lesson = (rule: string): Lesson => ({
  key: rule,
  rule,
  count: 3,
  sessions: 2,
  wastedTokens: 100,
  fromUser: false,
  evidence: [{ agent: 'claude', session: 's', file: 'f', failed: 'Bash: tree lib -L 3', error: '(eval):1: command not found: tree', fixed: 'Bash: find lib -type d' }],
});
const mined = [lesson('`tree` is not installed here: use `find` instead.'), lesson('Run `git push --set-upstream`, not plain `git push`.')];

let provider: FakeProvider;
beforeAll(async () => {
  provider = await startFakeProvider();
});
afterAll(() => provider.close());

const env = () => ({ ANTHROPIC_API_KEY: 'sk-ant-test-KEY-0123456789', ANTHROPIC_BASE_URL: provider.url });

test("the user's provider rewords the rules: same count, keys kept, the key sent only as the key", async () => {
  provider.queue({ text: '["Use `find`, not `tree` (not installed).", "Push new branches with `git push --set-upstream`."]' });
  const before = provider.requests.length;
  const out = await refineWording(mined, { env: env() });
  expect(out.kept).toBeUndefined();
  expect(out.lessons.map((l) => l.rule)).toEqual(['Use `find`, not `tree` (not installed).', 'Push new branches with `git push --set-upstream`.']);
  expect(out.lessons.map((l) => l.key)).toEqual(mined.map((l) => l.key));
  const req = provider.requests[before]!;
  expect(req.url).toBe('/v1/messages');
  expect(req.headers['x-api-key']).toBe('sk-ant-test-KEY-0123456789');
  expect(req.body.toString()).toContain('command not found: tree');
  expect(req.body.toString()).not.toContain('sk-ant-test-KEY');
});

test('anything but one short rule per lesson, an error status, or no key keeps the rules as mined', async () => {
  provider.queue({ text: '["only one"]' });
  expect((await refineWording(mined, { env: env() })).kept).toMatch(/not one short rule per lesson/);
  provider.queue({ status: 500, body: '{"error":"boom"}' });
  expect(await refineWording(mined, { env: env() })).toEqual({ lessons: mined, kept: 'the provider answered 500' });
  expect((await refineWording(mined, { env: {} })).kept).toMatch(/no ANTHROPIC_API_KEY or OPENAI_API_KEY/);
  expect((await refineWording(mined, { env: { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: 'http://127.0.0.1:9' } })).kept).toMatch(/could not be reached/);
});

test('parseRules takes the JSON array out of a chatty answer, and refuses empty or overlong rules', () => {
  expect(parseRules('Sure! Here they are:\n["a", "b"]\nHope this helps.', 2)).toEqual(['a', 'b']);
  expect(parseRules('["a", ""]', 2)).toBeUndefined();
  expect(parseRules(`["${'x'.repeat(300)}", "b"]`, 2)).toBeUndefined();
  expect(parseRules('no json', 1)).toBeUndefined();
});
