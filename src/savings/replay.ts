import path from 'node:path';
import { COMPRESSORS, countTokens, makeProbe, route } from '../compressors/index.js';
import { FALLBACK } from '../compressors/registry.js';
import type { ToolPolicy } from '../intercept/policy.js';
import { createInlineRunner } from '../intercept/pool/index.js';
import { createProxySession, rewriteRequest } from '../intercept/rewrite.js';
import type { Session } from '../learn/types.js';
import { createMemoryStore } from '../memory/memory-store.js';
import { CacheLedger } from './cache-ledger.js';
import type { Store } from '../memory/types.js';
import { type Message, conversationOf } from './conversation.js';
import { PROMPT_OVERHEAD, priceFor } from './pricing.js';
import type { Cost, SessionSavings, Tokens } from './types.js';

// One session replayed through exactly the proxy's path: each request the
// agent sent is rebuilt and passed to rewriteRequest with a session of its
// own (a memory store, the default policy), as `headroom wrap` would have.
// Tokens are counted with gpt-tokenizer; the bill follows the provider's cache
// rules: what the previous request sent is read from cache, the rest written.

const CACHE_TTL_MS = 5 * 60 * 1000;

export interface OutputRecord {
  readonly session: string;
  readonly tool: string;
  readonly type: string;
  readonly tokensBefore: number;
  readonly tokensAfter: number;
  readonly before: string;
  readonly after: string;
}

export interface Replayed {
  readonly savings: SessionSavings;
  readonly outputs: readonly OutputRecord[];
}

const zero = (): { input: number; cacheWrite: number; cacheRead: number; output: number } => ({ input: 0, cacheWrite: 0, cacheRead: 0, output: 0 });

function costOf(t: Tokens, price: { input: number; output: number; cacheWrite: number; cacheRead: number }): Cost {
  const m = 1e-6;
  const input = t.input * price.input * m;
  const cacheWrite = t.cacheWrite * price.input * price.cacheWrite * m;
  const cacheRead = t.cacheRead * price.input * price.cacheRead * m;
  const output = t.output * price.output * m;
  return { input, cacheWrite, cacheRead, output, total: input + cacheWrite + cacheRead + output };
}

/** Token counts of messages, memoised by their JSON (the same message recurs in every later request). */
function counter() {
  const memo = new Map<string, number>();
  return async (m: Message): Promise<{ json: string; tokens: number }> => {
    const json = JSON.stringify(m);
    let n = memo.get(json);
    if (n === undefined) memo.set(json, (n = await countTokens(json)));
    return { json, tokens: n };
  };
}

/** Who and where: a subagent apart from its parent (they share an id), the project, the start. */
function sessionLabel(session: Session): Pick<SessionSavings, 'id' | 'subagent' | 'project' | 'started'> {
  // The id stays whole ("<parent>/agent-<id>" for a subagent): unique in --json.
  const sub = /^(.+)\/agent-([^/]+)$/.exec(session.id);
  const started = session.steps.find((s) => s.at)?.at;
  return {
    id: session.id,
    ...(sub && { subagent: sub[2]! }),
    ...(session.cwd && { project: path.basename(session.cwd) }),
    ...(started && !Number.isNaN(Date.parse(started)) && { started: new Date(started).toISOString() }),
  };
}

/** Back-offs shared by the sessions of one replay, per project, as a proxy keeps them in its store. */
export interface ReplayBackoff {
  readonly store: Store;
  readonly after: number;
}

/**
 * `policy`: the per-tool rules the proxy would use (the config file's `tools`); the default otherwise.
 * `backoff`: where back-offs are kept across sessions (none: nothing backs off).
 */
export async function replaySession(session: Session, policy?: ToolPolicy, backoff?: ReplayBackoff): Promise<Replayed> {
  const started = performance.now();
  const conv = conversationOf(session);
  const { model, price } = priceFor(session.model, session.agent);
  const overhead = PROMPT_OVERHEAD[session.agent] ?? 8_000;
  const store = createMemoryStore({ ttlDays: 1, maxBytes: 1 << 30 });
  // A generous time budget: a replay must compress what the proxy would, not race a clock.
  // Inline: one request at a time, no clock to race, and no worker threads to end afterwards.
  // The transcript's own times are the proxy's clock, so its cache lapses where it really did (NaN: not known).
  let clock = Number.NaN;
  const proxy = createProxySession({
    store,
    budgetMs: 10_000,
    repackBudgetMs: 10_000,
    clock: () => clock,
    runner: createInlineRunner(),
    ...(policy && { policy }),
    ...(backoff && session.cwd && { backoff: { project: session.cwd, after: backoff.after, store: backoff.store } }),
  });
  const count = counter();
  const before = zero();
  const after = zero();
  const ledger = new CacheLedger();
  let previous = 0;
  let previousAt: number | undefined;
  const afterText = new Map<string, string>();

  for (let r = 0; r < conv.requests.length; r++) {
    const n = conv.requests[r]!;
    const messages = conv.messages.slice(0, n);
    const raw = Buffer.from(JSON.stringify({ model, max_tokens: 32_000, stream: true, messages }));
    const at = conv.times[r];
    clock = at ?? Number.NaN;
    const outcome = await rewriteRequest(raw, 'POST', '/v1/messages', proxy, `${session.agent}:${session.id}`);
    // Unchanged bodies are the messages themselves: no need to parse them back.
    const sent = outcome.changed ? (JSON.parse(outcome.body.toString('utf8')) as { messages: Message[] }).messages : messages;

    // The model's answer is the same before and after: counted once.
    const answer = await countTokens(conv.answers[r] ?? '');
    const warm = r > 0 && !(at !== undefined && previousAt !== undefined && at - previousAt > CACHE_TTL_MS);
    const cached = warm ? previous : 0;
    ledger.request(warm, outcome.repacked === true);
    for (const [side, list] of [[before, messages], [after, sent]] as const) {
      let read = warm ? overhead : 0;
      let write = warm ? 0 : overhead;
      for (let i = 0; i < list.length; i++) {
        const { json, tokens } = await count(list[i]!);
        if (i < cached) read += tokens;
        else write += tokens;
        if (side === after) ledger.message(i, json);
      }
      side.cacheRead += read;
      side.cacheWrite += write;
      side.output += answer;
    }
    // Each output as it first went up: what a repack later made of it shows in the cost, not here.
    for (const m of sent) for (const b of m.content) if (b.type === 'tool_result' && typeof b.content === 'string' && !afterText.has(String(b.tool_use_id))) afterText.set(String(b.tool_use_id), b.content);
    previous = n;
    previousAt = at ?? previousAt;
  }

  const outputs: OutputRecord[] = [];
  for (const o of conv.outputs) {
    const became = afterText.get(o.id) ?? o.text;
    const type = route(makeProbe(o.text), COMPRESSORS, FALLBACK).compressor.type;
    const tokensBefore = await countTokens(o.text);
    // Never more saved than the output's own size; never "saved" by growing.
    const tokensAfter = Math.min(tokensBefore, await countTokens(became));
    outputs.push({ session: session.id, tool: o.tool, type, tokensBefore, tokensAfter, before: o.text, after: became });
  }
  const busted = Math.max(ledger.busts, proxy.drift.drifts);
  const rows = (await store.stats()).rows;
  const recorded = {
    compressions: rows.reduce((n, x) => n + x.compressions, 0),
    tokensBefore: rows.reduce((n, x) => n + x.tokensBefore, 0),
    tokensAfter: rows.reduce((n, x) => n + x.tokensAfter, 0),
  };
  await store.close();
  return {
    savings: {
      agent: session.agent,
      ...sessionLabel(session),
      file: session.file,
      model,
      pricing: `${price.name} (${price.provider})`,
      requests: conv.requests.length,
      outputs: outputs.length,
      outputTokensBefore: outputs.reduce((s, o) => s + o.tokensBefore, 0),
      outputTokensAfter: outputs.reduce((s, o) => s + o.tokensAfter, 0),
      before,
      after,
      costBefore: costOf(before, price),
      costAfter: costOf(after, price),
      cacheBusts: busted,
      repacks: ledger.repacks,
      recorded,
      ms: Math.round(performance.now() - started),
    },
    outputs,
  };
}
