import { readsNote, sessionName, startedAt } from './labels.js';
import type { SavingsReport } from './types.js';

const clip = (text: string, max: number): string => (Array.from(text).length <= max ? text : `${Array.from(text).slice(0, max - 1).join('')}…`);

// The report as a plain terminal table: per session, then by type and by tool,
// the largest outputs, and the totals. No colour codes: it is read, copied and piped.

const n = (x: number) => Math.round(x).toLocaleString('en-US');
const plural = (x: number, one: string) => `${n(x)} ${one}${x === 1 ? '' : 's'}`;
const usd = (x: number) => `$${x < 1 ? x.toFixed(4) : x.toFixed(2)}`;
const pct = (before: number, after: number) => (before > 0 ? `${((100 * (before - after)) / before).toFixed(1)}%` : '-');

function table(head: readonly string[], rows: ReadonlyArray<readonly string[]>, right: ReadonlySet<number>): string {
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (right.has(i) ? c.padStart(width[i]!) : c.padEnd(width[i]!))).join('  ').trimEnd();
  return [line(head), line(width.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function renderTable(r: SavingsReport): string {
  const out: string[] = [];
  // Model names whole: "claude-haiku-4-5" and "claude-haiku-4-5-20251001" are priced apart.
  out.push(
    table(
      ['started (UTC)', 'project', 'agent', 'session', 'model', 'requests', 'tool tokens', 'after', 'saved', 'cost', 'after', 'saved', 'busts', 'repacks'],
      r.sessions.map((s) => [
        startedAt(s),
        clip(s.project ?? '', 24),
        s.agent,
        sessionName(s),
        s.model,
        n(s.requests),
        n(s.outputTokensBefore),
        n(s.outputTokensAfter),
        pct(s.outputTokensBefore, s.outputTokensAfter),
        usd(s.costBefore.total),
        usd(s.costAfter.total),
        pct(s.costBefore.total, s.costAfter.total),
        n(s.cacheBusts),
        n(s.repacks),
      ]),
      new Set([5, 6, 7, 8, 9, 10, 11, 12, 13]),
    ),
  );
  const kinds = (title: string, rows: SavingsReport['byType']) =>
    table([title, 'outputs', 'compressed', 'tokens', 'after', 'saved'], rows.map((b) => [b.name, n(b.outputs), n(b.compressed), n(b.tokensBefore), n(b.tokensAfter), pct(b.tokensBefore, b.tokensAfter)]), new Set([1, 2, 3, 4, 5]));
  const reads = readsNote(r.byTool);
  out.push(kinds('content type', r.byType), kinds('tool', r.byTool) + (reads ? `\n${reads}` : ''));
  if (r.largest.length > 0) {
    out.push(
      table(
        ['largest outputs', 'type', 'tokens', 'after', 'first line'],
        r.largest.map((l) => [l.tool, l.type, n(l.tokensBefore), n(l.tokensAfter), l.preview.slice(0, 60)]),
        new Set([2, 3]),
      ),
    );
  }
  const t = r.total;
  out.push(
    [
      `total: ${n(t.sessions)} sessions, ${n(t.requests)} requests, ${n(t.outputs)} distinct tool outputs`,
      `  tool output tokens ${n(t.outputTokensBefore)} -> ${n(t.outputTokensAfter)} (${pct(t.outputTokensBefore, t.outputTokensAfter)} saved, each output counted once)`,
      `  cost ${usd(t.costBefore)} -> ${usd(t.costAfter)} (${pct(t.costBefore, t.costAfter)} saved), prompt-cache pricing of ${r.pricingDate}`,
      `  cache busts caused by compression: ${n(t.cacheBusts)}; repacks after the prompt cache lapsed (counted apart): ${n(t.repacks)}`,
      `  retrieval round trips (originals fetched back, subtracted above): ${plural(t.retrievals.calls, 'call')}, ${plural(t.retrievals.turns, 'extra turn')}, ${n(t.retrievals.tokens)} tokens, ${usd(t.retrievals.cost)}`,
      ...(r.backoffs?.length
        ? [`  backed off (left whole after ${r.backoffs.length === 1 ? 'its' : 'their'} signals): ${r.backoffs.length} command ${r.backoffs.length === 1 ? 'pattern' : 'patterns'} in ${new Set(r.backoffs.map((b) => b.project)).size} projects, e.g. ${r.backoffs.slice(0, 4).map((b) => b.pattern).join('; ')}`]
        : []),
      `  replayed in ${n(t.ms)} ms (${n(t.msPer1000Requests)} ms per 1,000 requests); tokens counted exactly by ${r.tokenizer} (the wrap summary's are an estimate)${r.skipped ? `; ${n(r.skipped)} unreadable records skipped` : ''}`,
    ].join('\n'),
  );
  return `${out.join('\n\n')}\n`;
}
