import type { StatsReport } from '../../memory/types.js';
import { openConfiguredStore } from '../open-store.js';
import { writeOut } from '../write-out.js';

export interface StatsFlags {
  readonly json?: boolean;
}

const num = (n: number) => n.toLocaleString('en-US');
const pct = (part: number, whole: number) => (whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : '-');

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n');
}

/** The report a person reads: savings by type, then how often each compressor's elisions were fetched back. */
export function renderStats(s: StatsReport, location: string): string {
  if (s.rows.length === 0) return `Nothing compressed yet (store: ${location}).\n`;
  const byType = new Map<string, { n: number; before: number; after: number }>();
  for (const r of s.rows) {
    const t = byType.get(r.type) ?? { n: 0, before: 0, after: 0 };
    byType.set(r.type, { n: t.n + r.compressions, before: t.before + r.tokensBefore, after: t.after + r.tokensAfter });
  }
  const types = [...byType].sort((a, b) => b[1].before - b[1].after - (a[1].before - a[1].after));
  const total = types.reduce((a, [, t]) => ({ n: a.n + t.n, before: a.before + t.before, after: a.after + t.after }), { n: 0, before: 0, after: 0 });
  const savings = table([
    ['type', 'compressions', 'tokens before', 'after', 'saved'],
    ...types.map(([type, t]) => [type, num(t.n), num(t.before), num(t.after), pct(t.before - t.after, t.before)]),
    ['all', num(total.n), num(total.before), num(total.after), pct(total.before - total.after, total.before)],
  ]);
  const compressors = table([
    ['compressor', 'originals kept', 'later retrieved', 'retrieval rate', 'retrievals'],
    ...[...s.rows]
      .sort((a, b) => a.compressor.localeCompare(b.compressor) || a.type.localeCompare(b.type))
      .map((r) => [r.compressor, num(r.stored), num(r.retrieved), pct(r.retrieved, r.stored), num(r.retrievals)]),
  ]);
  return (
    `Tokens saved (o200k_base: exact where counted with gpt-tokenizer, as --json runs do; the proxy and plain runs record headroom's linear estimate)\n${savings}\n\n` +
    `Retrievals by compressor (a high rate means it drops what agents need)\n${compressors}\n\n` +
    `Store: ${location}: ${num(s.entries)} originals, ${num(s.bytes)} bytes; ${num(s.misses)} retrievals of ids no longer available\n`
  );
}

/** `headroom stats`: what the store recorded, for people or (--json) scripts. */
export async function runStats(flags: StatsFlags): Promise<void> {
  const store = await openConfiguredStore();
  try {
    const report = await store.stats();
    await writeOut(flags.json ? `${JSON.stringify({ store: store.location, ...report })}\n` : renderStats(report, store.location));
  } finally {
    await store.close();
  }
}
