import { createHash } from 'node:crypto';
import { DEFAULTS } from '../../compressors/index.js';
import { countLines } from '../../compressors/lines.js';
import { attachId, formatMarker } from '../../compressors/marker.js';
import { estimateTokens } from '../../compressors/tokens.js';
import { contentId } from '../../memory/id.js';
import { compressOutput } from '../compress-output.js';
import { type Decision, leave } from '../decisions.js';
import { toJsonString } from '../json-literal.js';
import { type ToolPolicy, ruleFor } from '../policy.js';
import type { ToolOutput } from '../providers/types.js';
import { referenceTo } from '../repeats.js';
import type { ProxySession } from '../rewrite.js';
import type { Plan, Role } from './plan.js';
import type { SupersededReason } from './supersede.js';

// The decision for an output a repack plan names. Recorded like any other
// (first writer wins), so the epoch replays it byte for byte:
//   repack   compressed as a new output would be, reads included: the size
//            floor of a read is for outputs the agent may be about to edit
//            from, and these are older than the live zone. A compressor's
//            judgement of a content is reused by every later repack.
//   pointer  a short marker naming the newer call; the original is kept, so
//            the marker's id gives it back. Per call and epoch.
//   copy     a reference to the earlier call with the same bytes (repeats.ts).

export interface RoleContext {
  readonly session: ProxySession;
  readonly plan: Plan;
  /** The thread's key: epochs are per thread. */
  readonly thread: string;
  /** When a worker must have taken an output up, and the session clock's now (for the store's events). */
  readonly deadline: number;
  readonly now: number;
}

/** The policy a repack compresses older outputs with: size floors dropped (reads included), skips kept. */
export function repackPolicy(policy: ToolPolicy): ToolPolicy {
  const open = (r: ToolPolicy['default']) => (typeof r === 'object' ? 'compress' : r);
  return { tools: Object.fromEntries(Object.entries(policy.tools).map(([k, r]) => [k, open(r)])), default: open(policy.default) };
}

/** A pointer must cost at most this share of the output it replaces, or the output is compressed instead. */
const WORTH = 0.5;

const REASONS: Readonly<Record<SupersededReason, string>> = {
  'read again': 'the file was read again',
  edited: 'the file was edited',
  'run again': 'the command was run again',
};

const hash = (...parts: string[]): string => createHash('sha256').update(parts.join('\0')).digest('base64url');

export function decideRole(role: Role, o: ToolOutput, name: string, key: string, ctx: RoleContext): Promise<Decision> {
  const { decisions } = ctx.session;
  if (role.kind === 'repack') return decideRepacked(o, key, ctx);
  const perCall = hash(role.kind, ctx.thread, String(ctx.plan.epoch), name, key);
  if (role.kind === 'copy') {
    return decisions.decide(perCall, async () => referenceTo(o, { callId: role.of, tool: role.tool }) ?? decideRepacked(o, key, ctx));
  }
  return decisions.decide(perCall, async () => (await pointerTo(o, role.by, role.reason, ctx)) ?? decideRepacked(o, key, ctx));
}

/**
 * An older output compressed as a repack does: what it was given when it was
 * new, if compressed, else afresh with the repack policy. Recorded for the
 * epoch (its requests repeat it), and for the content once a compressor has
 * judged it: a later repack reuses that, and retries one no worker reached.
 */
function decideRepacked(o: ToolOutput, key: string, ctx: RoleContext): Promise<Decision> {
  const { decisions, options, runner } = ctx.session;
  const judged = hash('repack', key);
  return decisions.decide(hash('repack', ctx.thread, String(ctx.plan.epoch), key), async () => {
    const before = await decisions.recall(judged);
    if (before) return before;
    const known = await decisions.recall(key);
    if (known?.kind === 'compressed') return known;
    const { store, measureOnly } = options;
    const tokens = known?.tokensBefore ?? estimateTokens(o.text);
    if (!store || measureOnly || ruleFor(repackPolicy(options.policy), o.tool) === 'skip' || tokens < DEFAULTS.minTokens) return leave(tokens);
    let ran = true;
    const d = await compressOutput(runner, store, o.text, o.tool ?? 'unknown', tokens, ctx.deadline, () => (ran = false));
    return ran ? decisions.decide(judged, async () => d) : d;
  });
}

/** The pointer that replaces a superseded output, with its original kept; undefined when not worth it or not kept. */
async function pointerTo(o: ToolOutput, by: string, reason: SupersededReason, ctx: RoleContext): Promise<Decision | undefined> {
  const store = ctx.session.options.store;
  if (!store || ctx.session.options.measureOnly) return undefined;
  const tokensBefore = estimateTokens(o.text);
  const original = Buffer.from(o.text, 'utf8');
  const id = contentId(original);
  const marker = formatMarker({ count: countLines(o.text), unit: 'lines', what: `superseded by call ${by} below: ${REASONS[reason]}` });
  const text = attachId(marker, id);
  const tokensAfter = estimateTokens(text);
  if (tokensAfter > tokensBefore * WORTH) return undefined;
  const meta = { type: 'superseded', compressor: 'superseded-pointer', tool: o.tool ?? 'unknown', tokensBefore, tokensAfter };
  try {
    await store.put(id, original, meta);
  } catch {
    return undefined; // a marker would promise what cannot be given back
  }
  // The event's time is for stats only: a replay's unknown time falls back to the wall clock.
  await store.recordCompression({ ...meta, id, at: Number.isFinite(ctx.now) ? ctx.now : Date.now() });
  return { kind: 'compressed', literal: toJsonString(text), tokensBefore, tokensAfter };
}
