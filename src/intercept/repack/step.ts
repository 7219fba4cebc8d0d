import { threadKey } from '../drift.js';
import type { ParsedRequest, ToolOutput } from '../providers/types.js';
import type { ProxySession } from '../rewrite.js';
import type { ThreadRef } from './epochs.js';
import { type Plan, type Role, planRepack, roleKeys } from './plan.js';
import { declaredTtlMs } from './ttl.js';

// One request's part in its thread's repacks, for the rewriter: which thread,
// which plan it follows (if any), whether it opens one, and each output's
// role in that plan.

export interface RepackStep {
  readonly thread?: ThreadRef;
  readonly plan?: Plan;
  readonly repacked: boolean;
  /** The session clock's time of this request. */
  readonly now: number;
  /** Each output's role in the plan and its name there; undefined for one the plan does not name. */
  role(i: number): { readonly role: Role; readonly name: string } | undefined;
}

export async function repackStep(
  session: ProxySession,
  request: { readonly raw: Buffer; readonly scope: string; readonly parsed: ParsedRequest; readonly outputs: readonly ToolOutput[]; readonly keys: ReadonlyArray<string | undefined> },
): Promise<RepackStep> {
  const now = session.clock();
  const { raw, scope, parsed, outputs, keys } = request;
  const key = parsed.turnSpans ? threadKey(scope, { bytes: raw, spans: parsed.turnSpans }) : undefined;
  if (key === undefined) return { now, repacked: false, role: () => undefined };
  const thread = { key, provider: parsed.provider };
  const calls = new Set<string>();
  for (const o of outputs) if (o.callId !== undefined) calls.add(o.callId);
  const { store, measureOnly } = session.options;
  const opened = await session.epochs.open(thread, {
    now,
    ttlMs: declaredTtlMs(raw),
    scope,
    turns: parsed.turns,
    calls,
    allowed: store !== undefined && !measureOnly,
    make: (epoch) => planRepack(outputs, keys, parsed.liveFrom, epoch, parsed.turns),
  });
  const plan = opened.plan;
  const names = plan ? roleKeys(outputs) : [];
  return {
    thread,
    ...(plan && { plan }),
    repacked: opened.repacked,
    now,
    role: (i) => {
      const name = names[i];
      const role = name === undefined ? undefined : plan?.roles.get(name);
      return role && name !== undefined ? { role, name } : undefined;
    },
  };
}
