import { expect, test } from 'vitest';
import { priceExchange, sniffModel } from '../../src/intercept/dollars.js';
import { priceFor } from '../../src/savings/pricing.js';

// One exchange in dollars, under the price table of `headroom savings`.

const usage = { input: 1_000, cacheWrite: 9_000, cacheRead: 90_000, output: 700 };

test('the bill is the usage priced for the model; a saving is priced at the rate this prompt was billed at', () => {
  const { price } = priceFor('claude-sonnet-4-5', 'claude');
  const prompt = (usage.input + usage.cacheWrite * price.cacheWrite + usage.cacheRead * price.cacheRead) * price.input * 1e-6;
  const d = priceExchange(usage, { model: 'claude-sonnet-4-5', savedTokens: 10_000 });
  expect(d.spent).toBeCloseTo(prompt + usage.output * price.output * 1e-6, 12);
  expect(d.saved).toBeCloseTo((10_000 * prompt) / 100_000, 12);
  expect(d).toMatchObject({ retrievals: 0, extraTurn: false });
  // The same tokens cost more on an uncached prompt, and on a dearer model.
  expect(priceExchange({ ...usage, cacheRead: 0, input: 91_000 }, { model: 'claude-sonnet-4-5', savedTokens: 10_000 }).saved).toBeGreaterThan(d.saved);
  expect(priceExchange(usage, { model: 'claude-opus-4-1', savedTokens: 10_000 }).saved).toBeGreaterThan(d.saved);
});

test('a turn that only answers retrievals is all cost; otherwise their tokens are', () => {
  const only = priceExchange(usage, { model: 'gpt-5-codex', savedTokens: 0, retrievals: { calls: 1, tokens: 2_000, only: true } });
  expect(only).toMatchObject({ extraTurn: true });
  expect(only.retrievals).toBe(only.spent);
  const mixed = priceExchange(usage, { model: 'gpt-5-codex', savedTokens: 0, retrievals: { calls: 1, tokens: 2_000, only: false } });
  expect(mixed.extraTurn).toBe(false);
  expect(mixed.retrievals).toBeGreaterThan(0);
  expect(mixed.retrievals).toBeLessThan(mixed.spent);
  expect(priceExchange(usage, { savedTokens: 0, followUp: true }).extraTurn).toBe(true);
});

test('the model is read from a Gemini path or the body, and nothing odd throws', () => {
  expect(sniffModel('/v1beta/models/gemini-2.5-flash:streamGenerateContent', undefined)).toBe('gemini-2.5-flash');
  expect(sniffModel('/v1/messages', Buffer.from('{"model":"claude-opus-4-5","messages":[]}'))).toBe('claude-opus-4-5');
  expect(sniffModel('/models/%E0%A4%A:generateContent', undefined)).toBe('%E0%A4%A');
  expect(sniffModel('/v1/messages', Buffer.from('{"messages":[]}'))).toBeUndefined();
});
