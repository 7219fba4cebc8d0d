import { clip } from '../learn/signals.js';
import { PRICING_DATE } from './pricing.js';
import type { OutputRecord, Replayed } from './replay.js';
import type { Breakdown, LargestOutput, SavingsReport } from './types.js';

// Sessions replayed -> one report: totals, breakdowns by content type and by
// tool (each distinct tool output counted once), the largest outputs.

function breakdown(outputs: readonly OutputRecord[], key: (o: OutputRecord) => string): Breakdown[] {
  const rows = new Map<string, { outputs: number; compressed: number; tokensBefore: number; tokensAfter: number }>();
  for (const o of outputs) {
    const k = key(o);
    const r = rows.get(k) ?? { outputs: 0, compressed: 0, tokensBefore: 0, tokensAfter: 0 };
    r.outputs++;
    if (o.tokensAfter < o.tokensBefore) r.compressed++;
    r.tokensBefore += o.tokensBefore;
    r.tokensAfter += o.tokensAfter;
    rows.set(k, r);
  }
  return [...rows].map(([name, r]) => ({ name, ...r })).sort((a, b) => b.tokensBefore - a.tokensBefore || (a.name < b.name ? -1 : 1));
}

const firstLine = (s: string) => clip(s.split('\n').find((l) => l.trim() !== '') ?? '', 140);

export function buildReport(replayed: readonly Replayed[], o: { skipped: number; ms: number; top?: number; now?: Date }): SavingsReport {
  const outputs = replayed.flatMap((r) => r.outputs);
  const sessions = replayed.map((r) => r.savings);
  const largest: LargestOutput[] = [...outputs]
    .sort((a, b) => b.tokensBefore - a.tokensBefore)
    .slice(0, o.top ?? 10)
    .map((x) => ({ session: x.session, tool: x.tool, type: x.type, tokensBefore: x.tokensBefore, tokensAfter: x.tokensAfter, preview: firstLine(x.before), became: firstLine(x.after) }));
  const requests = sessions.reduce((s, x) => s + x.requests, 0);
  return {
    generatedAt: (o.now ?? new Date()).toISOString(),
    pricingDate: PRICING_DATE,
    tokenizer: 'gpt-tokenizer (o200k_base)',
    sessions,
    byType: breakdown(outputs, (x) => x.type),
    byTool: breakdown(outputs, (x) => x.tool),
    largest,
    total: {
      sessions: sessions.length,
      requests,
      outputs: outputs.length,
      outputTokensBefore: outputs.reduce((s, x) => s + x.tokensBefore, 0),
      outputTokensAfter: outputs.reduce((s, x) => s + x.tokensAfter, 0),
      costBefore: sessions.reduce((s, x) => s + x.costBefore.total, 0),
      costAfter: sessions.reduce((s, x) => s + x.costAfter.total, 0),
      cacheBusts: sessions.reduce((s, x) => s + x.cacheBusts, 0),
      repacks: sessions.reduce((s, x) => s + x.repacks, 0),
      retrievals: {
        calls: sessions.reduce((s, x) => s + (x.retrievals?.calls ?? 0), 0),
        turns: sessions.reduce((s, x) => s + (x.retrievals?.turns ?? 0), 0),
        tokens: sessions.reduce((s, x) => s + (x.retrievals?.tokens ?? 0), 0),
        cost: sessions.reduce((s, x) => s + (x.retrievals?.cost ?? 0), 0),
      },
      ms: Math.round(o.ms),
      msPer1000Requests: requests > 0 ? Math.round((o.ms / requests) * 1000) : 0,
    },
    skipped: o.skipped,
  };
}
