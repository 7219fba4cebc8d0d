import path from 'node:path';
import { expect, test } from 'vitest';
import { Decisions } from '../../../src/intercept/decisions.js';
import { anthropicAdapter } from '../../../src/intercept/providers/anthropic.js';
import { decodePlan, encodePlan, planRepack, roleKeys } from '../../../src/intercept/repack/plan.js';
import { supersededBy } from '../../../src/intercept/repack/supersede.js';
import { CORPUS_ROOT } from '../../helpers/corpus.js';
import { anthropicBody, requestsOf } from '../../helpers/transcript-session.js';

// The plan of a repack on the last request of a real session: every output
// older than the live zone has a role, none in the live zone does, and the
// record round-trips.

const raw = (() => {
  const requests = requestsOf(path.join(CORPUS_ROOT, 'transcripts', 'claude-code', 'spotter-session-fa812bfe', 'input.txt'));
  return Buffer.from(anthropicBody(requests.at(-1)!));
})();
const parsed = anthropicAdapter.parse(raw.toString('utf8'), '/v1/messages');
const keys = parsed.outputs.map((o) => Decisions.key('anthropic:s', o.tool, raw.subarray(o.start, o.end)));

test('older outputs get a role (pointer when superseded), the live zone none; the record round-trips', () => {
  const plan = planRepack(parsed.outputs, keys, parsed.liveFrom, 3, parsed.turns)!;
  expect(plan).toMatchObject({ epoch: 3, turns: parsed.turns, anchor: parsed.outputs.at(-1)!.callId });
  const names = roleKeys(parsed.outputs);
  const stale = supersededBy(parsed.outputs);
  parsed.outputs.forEach((o, i) => {
    const role = plan.roles.get(names[i]!);
    if (o.turn >= parsed.liveFrom) expect(role).toBeUndefined();
    else expect(role?.kind).toBe(stale[i] ? 'pointer' : role?.kind === 'copy' ? 'copy' : 'repack');
  });
  expect([...plan.roles.values()].some((r) => r.kind === 'pointer')).toBe(true);
  expect(decodePlan(encodePlan(plan))).toEqual(plan);
});

test('nothing older than the live zone, or no call ids: no plan; an unreadable record is no plan', () => {
  expect(planRepack(parsed.outputs, keys, 0, 1, parsed.turns)).toBeUndefined();
  expect(planRepack(parsed.outputs.map(({ callId: _, ...o }) => o as typeof o & { text: string }), keys, parsed.liveFrom, 1, parsed.turns)).toBeUndefined();
  expect(decodePlan(Buffer.from('1 4\tx\nQ\tnope\t0'))).toBeUndefined();
  expect(decodePlan(Buffer.from('not a plan'))).toBeUndefined();
});
