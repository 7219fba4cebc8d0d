import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { headroom, isolatedEnv } from '../helpers/cli.js';

// Honest accounting (issue 14): a real Claude Code session excerpt in which
// the agent fetched a compressed output's original back through headroom's
// MCP tool (test/fixtures/savings/claude-retrieval, see its meta.json). The
// savings must be net of that round trip: "before" is the session without
// it, "after" the session as it ran.

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/savings/claude-retrieval');
const CALL = 'toolu_01HeadroomRetrieve00001';

type Report = {
  total: { requests: number; costBefore: number; costAfter: number; outputTokensBefore: number; outputTokensAfter: number; retrievals: { calls: number; turns: number; tokens: number; cost: number } };
  byTool: Array<{ name: string; tokensBefore: number; tokensAfter: number }>;
};

async function savings(file: string, env: Record<string, string>, json = true): Promise<string> {
  const r = await headroom(['savings', '--from', file, ...(json ? ['--json'] : [])], { env, cwd: env.HOME! });
  expect(r.code).toBe(0);
  return r.stdout.toString('utf8');
}

test('savings subtract the retrieval round trips: their tokens, the extra turn and its cost', async () => {
  const env = isolatedEnv();
  const withRetrieval = path.join(FIXTURE, 'input.jsonl');
  // The same session as it would have run without headroom: the retrieval's two records dropped.
  const without = path.join(env.HOME!, 'without.jsonl');
  const lines = fs.readFileSync(withRetrieval, 'utf8').split('\n');
  fs.writeFileSync(without, lines.filter((l) => !l.includes(CALL)).join('\n'));
  expect(lines.length - fs.readFileSync(without, 'utf8').split('\n').length).toBe(2);

  const ran = JSON.parse(await savings(withRetrieval, env)) as Report;
  const bare = JSON.parse(await savings(without, env)) as Report;
  const r = ran.total.retrievals;
  expect(r).toMatchObject({ calls: 1, turns: 1 });
  expect(r.tokens).toBeGreaterThan(100);
  expect(r.cost).toBeGreaterThan(0);
  expect(ran.total.requests).toBe(bare.total.requests + 1);
  // Before: the session without the round trip. After: with it, so the saving shrinks by its cost.
  expect(ran.total.costBefore).toBeCloseTo(bare.total.costBefore, 10);
  expect(ran.total.costAfter).toBeCloseTo(bare.total.costAfter + r.cost, 10);
  expect(ran.total.costAfter).toBeLessThan(ran.total.costBefore); // still a saving here, a smaller one
  expect(ran.total.outputTokensBefore).toBe(bare.total.outputTokensBefore);
  const answer = ran.byTool.find((t) => t.name === 'mcp__headroom__headroom_retrieve')!;
  expect(answer.tokensBefore).toBe(0);
  expect(ran.total.outputTokensAfter).toBe(bare.total.outputTokensAfter + answer.tokensAfter);

  const table = await savings(withRetrieval, env, false);
  expect(table).toMatch(/retrieval round trips \(originals fetched back, subtracted above\): 1 call, 1 extra turn, [\d,]+ tokens, \$0\.\d{4}/);
});
