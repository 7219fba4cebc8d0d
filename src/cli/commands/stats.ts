import { type BackoffEntry, listBackoffs, resetBackoffs } from '../../intercept/backoff/index.js';
import type { StatsReport } from '../../memory/types.js';
import { storeFileBytes } from '../../memory/index.js';
import { humanBytes } from '../bytes.js';
import { configuredOrExplain, openConfiguredStore } from '../open-store.js';
import { writeOut } from '../write-out.js';

export interface StatsFlags {
  readonly json?: boolean;
  /** true: lift every back-off; a string: that pattern's. */
  readonly resetBackoff?: boolean | string;
}

const num = (n: number) => n.toLocaleString('en-US');
const pct = (part: number, whole: number) => (whole > 0 ? `${((100 * part) / whole).toFixed(1)}%` : '-');

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n');
}

/** The store's line: what it holds, and what it takes on disk when it is a file. */
function storeLine(s: StatsReport, location: string, fileBytes: number | undefined, repacks: number): string {
  const disk = fileBytes !== undefined ? `; ${humanBytes(fileBytes)} on disk (headroom store prune shrinks it)` : '';
  const repacked = repacks > 0 ? `; ${num(repacks)} ${repacks === 1 ? 'repack' : 'repacks'} after a lapsed prompt cache (not cache busts)` : '';
  return `Store: ${location}: ${num(s.entries)} originals, ${humanBytes(s.bytes)} stored (compressed)${disk}; ${num(s.misses)} retrievals of ids no longer available${repacked}\n`;
}

/** The report a person reads: savings by type, then how often each compressor's elisions were fetched back. */
export function renderStats(s: StatsReport, location: string, fileBytes?: number, repacks = 0): string {
  if (s.rows.length === 0) return `Nothing compressed yet.\n${storeLine(s, location, fileBytes, repacks)}`;
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
    `Tokens saved (counted exactly by compress --json; the proxy and plain compress runs record a quick estimate)\n${savings}\n\n` +
    `Retrievals by compressor (a high rate means it drops what agents need)\n${compressors}\n\n` +
    storeLine(s, location, fileBytes, repacks)
  );
}

const when = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/** Patterns backed off, then those with signals under the threshold; nothing when there are none. */
export function renderBackoffs(entries: readonly BackoffEntry[], after: number): string {
  if (entries.length === 0) return '';
  const rows = entries.map((e) => [e.pattern, e.project, num(e.signals.retrieve), num(e.signals.rerun), num(e.signals.reread), e.since !== undefined ? when(e.since) : 'not yet']);
  const off = after > 0 ? `after ${after} signals` : 'never (backoffAfter is 0)';
  return (
    `Command patterns backed off: left whole by the proxy in that project ${off}\n` +
    `(an original retrieved, or the same command run or file read again, right after a compressed output;\n` +
    `headroom stats --reset-backoff [pattern] compresses them again)\n` +
    `${table([['pattern', 'project', 'retrievals', 're-runs', 're-reads', 'backed off (UTC)'], ...rows])}\n`
  );
}

/** `headroom stats`: what the store recorded, for people or (--json) scripts. */
export async function runStats(flags: StatsFlags): Promise<void> {
  const store = await openConfiguredStore();
  try {
    const config = configuredOrExplain();
    if (flags.resetBackoff !== undefined && flags.resetBackoff !== false) {
      const pattern = typeof flags.resetBackoff === 'string' ? flags.resetBackoff : undefined;
      const lifted = await resetBackoffs(store, pattern !== undefined ? { pattern } : {});
      await writeOut(
        flags.json
          ? `${JSON.stringify({ reset: pattern ?? 'all', lifted })}\n`
          : `${lifted === 0 ? 'No back-off' : lifted === 1 ? '1 back-off' : `${lifted} back-offs`} lifted${pattern !== undefined ? ` for ${pattern}` : ''}; its signals are forgotten too. Outputs already sent keep their decision.\n`,
      );
      return;
    }
    const report = await store.stats();
    const backoffs = await listBackoffs(store);
    const fileBytes = await storeFileBytes(config);
    // Each repack the proxy made after a lapsed prompt cache left one plan record (within the records' lifetime).
    const repacks = await store.countRecords('repack');
    await writeOut(
      flags.json
        ? `${JSON.stringify({ store: store.location, kind: store.kind, ...report, repacks, backoffAfter: config.backoffAfter, backoffs, ...(fileBytes !== undefined && { fileBytes }) })}\n`
        : renderStats(report, store.location, fileBytes, repacks) + (backoffs.length > 0 ? `\n${renderBackoffs(backoffs, config.backoffAfter)}` : ''),
    );
  } finally {
    await store.close();
  }
}
