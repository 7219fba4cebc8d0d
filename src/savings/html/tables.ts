// The savings page's tables: every session, each tool and content type, and the
// largest tool outputs with what they became. Every report string is escaped.
import { parentId, startedAt } from '../labels.js';
import type { Breakdown, Cost, LargestOutput, SavingsReport, SessionSavings } from '../types.js';
import { change, esc, finite, int, money, shortId, tone } from './format.js';

/** A right-aligned number cell; `text` is escaped here. */
function num(text: string, cls = '', title = ''): string {
  return `<td class="n${cls ? ` ${cls}` : ''}"${title ? ` title="${esc(title)}"` : ''}>${esc(text)}</td>`;
}

const tr = (cells: readonly string[]): string => `<tr>${cells.join('')}</tr>`;
const saved = (before: number, after: number, less = ''): string => num(change(before, after, less), tone(before, after));
const busts = (n: number): string => num(int(n), n === 0 ? 'good' : 'bad');
const costParts = (c: Cost): string => `input ${money(c.input)}, cache write ${money(c.cacheWrite)}, cache read ${money(c.cacheRead)}, output ${money(c.output)}`;

/** Column names; a leading # marks a numeric (right-aligned) column. */
function head(names: readonly string[]): string {
  const th = (n: string): string => (n.length > 1 && n.startsWith('#') ? `<th class="n" scope="col">${esc(n.slice(1))}</th>` : `<th scope="col">${esc(n)}</th>`);
  return `<thead><tr>${names.map(th).join('')}</tr></thead>`;
}

interface Table {
  readonly id: string;
  readonly heading: string;
  readonly note: string;
  readonly columns: readonly string[];
  readonly rows: readonly string[];
  readonly empty: string;
  readonly foot?: string;
}

function card(t: Table): string {
  const rows = t.rows.length > 0 ? t.rows.join('\n') : `<tr><td colspan="${t.columns.length}" class="blank">${esc(t.empty)}</td></tr>`;
  return (
    `<section class="card"><h2>${esc(t.heading)}</h2><p class="note">${esc(t.note)}</p>` +
    `<div class="tablewrap"><table id="${t.id}">${head(t.columns)}<tbody>\n${rows}\n</tbody>${t.foot ?? ''}</table></div></section>`
  );
}

/** Agent and short id (the whole one on hover), a subagent named as one, then project and start. */
function sessionCell(s: SessionSavings, i: number): string {
  return (
    `<td class="session"><span class="muted">#${i + 1}</span> <span class="agent">${esc(s.agent)}</span>` +
    `<br><span class="id" title="${esc(s.file)}">${esc(parentId(s))}</span>` +
    (s.subagent ? `<br><span class="sub">subagent ${esc(s.subagent)}</span>` : '') +
    (s.project ? `<br><span class="muted when">${esc(s.project)}</span>` : '') +
    (s.started ? `<br><span class="muted when date">${esc(startedAt(s))} UTC</span>` : '') +
    '</td>'
  );
}

/** One row per session, in replay order (#n as in the charts), and the totals. */
export function sessionTable(report: SavingsReport): string {
  const rows = report.sessions.map((s, i) =>
    tr([
      sessionCell(s, i),
      `<td class="model"><span class="name">${esc(s.model)}</span><br><span class="muted">${esc(s.pricing)}</span></td>`,
      num(int(s.requests)),
      num(int(s.outputs)),
      num(int(s.outputTokensBefore)),
      num(int(s.outputTokensAfter)),
      num(money(s.costBefore.total), '', costParts(s.costBefore)),
      num(money(s.costAfter.total), '', costParts(s.costAfter)),
      saved(s.costBefore.total, s.costAfter.total),
      busts(s.cacheBusts),
    ]),
  );
  const t = report.total;
  const total = tr([
    '<td>Total</td><td></td>',
    num(int(t.requests)),
    num(int(t.outputs)),
    num(int(t.outputTokensBefore)),
    num(int(t.outputTokensAfter)),
    num(money(t.costBefore)),
    num(money(t.costAfter)),
    saved(t.costBefore, t.costAfter),
    busts(t.cacheBusts),
  ]);
  return card({
    id: 'table-sessions',
    heading: 'Sessions',
    note: 'Tool-output tokens before and after compression; cost of every request as billed. Hover a cost for its parts.',
    columns: ['Session', 'Model', '#Requests', '#Outputs', '#Tokens before', '#Tokens after', '#Cost before', '#Cost after', '#Saved', '#Busts'],
    rows,
    empty: 'No sessions replayed.',
    foot: rows.length > 0 ? `<tfoot>${total}</tfoot>` : '',
  });
}

/** By tool or by content type, most tokens first. */
export function breakdownTable(id: string, heading: string, what: 'tool' | 'type', breakdown: readonly Breakdown[], why?: string): string {
  const rows = [...breakdown]
    .sort((a, b) => finite(b.tokensBefore) - finite(a.tokensBefore))
    .map((b) => tr([`<td><code>${esc(b.name)}</code></td>`, num(`${int(b.compressed)} of ${int(b.outputs)}`), num(int(b.tokensBefore)), num(int(b.tokensAfter)), saved(b.tokensBefore, b.tokensAfter)]));
  return card({
    id,
    heading,
    note: `Distinct tool outputs per ${what}: how many were compressed, tokens before and after.${why ? ` ${why}` : ''}`,
    columns: [what === 'tool' ? 'Tool' : 'Type', '#Compressed', '#Before', '#After', '#Saved'],
    rows,
    empty: 'No tool outputs.',
  });
}

/** The largest outputs in the report's order, each first line before and after. */
export function largestTable(largest: readonly LargestOutput[]): string {
  const rows = largest.map((l, i) =>
    tr([
      num(String(i + 1)),
      `<td><code>${esc(l.tool)}</code><br><span class="muted">${esc(l.type)} · </span><span class="id short" title="${esc(l.session)}">${esc(shortId(l.session))}</span></td>`,
      `<td class="n">${esc(int(l.tokensBefore))} → ${esc(int(l.tokensAfter))}<br><span class="${tone(l.tokensBefore, l.tokensAfter)}">${esc(change(l.tokensBefore, l.tokensAfter, 'less'))}</span></td>`,
      `<td><pre>${esc(l.preview)}</pre></td>`,
      `<td>${l.became === '' ? '<span class="blank">(nothing)</span>' : `<pre class="became">${esc(l.became)}</pre>`}</td>`,
    ]),
  );
  return card({
    id: 'table-largest',
    heading: 'Largest tool outputs',
    note: 'The biggest outputs in the replay, their first line before and after compression.',
    columns: ['#', 'Tool', '#Tokens', 'Was', 'Became'],
    rows,
    empty: 'No tool outputs.',
  });
}
