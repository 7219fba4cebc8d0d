import { describe, expect, it } from 'vitest';
import { MAX_CHART_ROWS, renderHtml } from '../../src/savings/html/index.js';
import { change, esc, int, money, moneyShort } from '../../src/savings/html/format.js';
import { ticks } from '../../src/savings/html/charts.js';
import type { SavingsReport } from '../../src/savings/types.js';
import { countIn as count, parsePage as dom } from '../helpers/dom.js';
import { BY_TOOL, emptyReport, realisticReport, report, session, SESSIONS } from '../helpers/savings-report.js';


/** Anything that would make a browser fetch: the page must need nothing but itself. */
function loads(html: string): string[] {
  const patterns = [/https?:\/\//gi, /<script\b/gi, /<link\b/gi, /<iframe\b/gi, /<img\b/gi, /\bsrc\s*=/gi, /\bhref\s*=/gi, /url\s*\(/gi, /@import/gi, /@font-face/gi];
  return patterns.flatMap((p) => html.match(p) ?? []);
}

describe('renderHtml: a realistic report', () => {
  const html = renderHtml(realisticReport());
  const doc = dom(html);

  it('is one HTML document that loads nothing from anywhere', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(loads(html)).toEqual([]);
    const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content');
    expect(csp).toContain("default-src 'none'");
    expect(count(doc, 'style')).toBe(1);
  });

  it('heads the page with the totals', () => {
    const header = doc.querySelector('header')?.textContent ?? '';
    expect(header).toContain('$17.14→$10.22');
    expect(header).toContain('40.4% saved');
    expect(header).toContain('712,350 → 189,230');
    expect(header).toContain('73.4% smaller');
    expect(header).toContain('364 requests');
    expect(header).toContain('LiteLLM model_prices_and_context_window.json, 2026-11-01');
    expect(header).toContain('gpt-tokenizer o200k_base');
    expect(header).toContain('3 unreadable records');
    expect(doc.querySelector('.kpi.busts')?.className).toContain('good');
    expect(doc.querySelector('.kpi.busts .v')?.textContent).toBe('0');
  });

  it('draws the three charts with a bar pair per session and type and a point per session', () => {
    expect(count(doc, 'svg.chart')).toBe(3);
    expect(count(doc, '#chart-sessions rect.bar')).toBe(2 * SESSIONS.length);
    expect(count(doc, '#chart-types rect.bar')).toBe(2 * realisticReport().byType.length);
    expect(count(doc, '#chart-cumulative circle.point')).toBe(2 * SESSIONS.length);
    expect(count(doc, '#chart-cumulative path.line')).toBe(2);
    for (const id of ['chart-sessions', 'chart-types', 'chart-cumulative']) {
      const svg = doc.getElementById(id);
      expect(svg?.getAttribute('role')).toBe('img');
      expect(svg?.getAttribute('aria-labelledby')).toBe(`${id}-title ${id}-desc`);
      expect(doc.getElementById(`${id}-title`)?.textContent).not.toBe('');
    }
    // Largest session first, with its before and after bars in proportion.
    const [before, after] = Array.from(doc.querySelectorAll('#chart-sessions rect.bar')).map((r) => Number(r.getAttribute('width')));
    expect(after! / before!).toBeCloseTo(7.5088 / 11.9457, 2);
    expect(doc.querySelector('#chart-sessions text.label')?.textContent).toBe('#1 claude-code · 5f1c2a9e…7d1e88');
  });

  it('tabulates sessions, tools and the largest outputs', () => {
    expect(count(doc, '#table-sessions tbody tr')).toBe(SESSIONS.length);
    expect(doc.querySelector('#table-sessions tfoot')?.textContent).toContain('$17.14');
    expect(count(doc, '#table-tools tbody tr')).toBe(BY_TOOL.length);
    expect(count(doc, '#table-largest tbody tr')).toBe(5);
    const first = doc.querySelector('#table-sessions tbody tr')?.textContent ?? '';
    for (const cell of ['claude-code', '5f1c2a9e-8d4b-4e47-9a31-0c6f2b7d1e88', 'claude-sonnet-4-5', '184', '412,380', '96,240', '$11.95', '$7.51', '37.2%']) expect(first).toContain(cell);
    expect(doc.querySelector('#table-tools tbody tr')?.textContent).toContain('63 of 71');
    expect(doc.querySelector('#table-largest tbody tr pre.became')?.textContent).toContain('38 kept');
  });

  it('gives the same bytes for the same report', () => {
    expect(renderHtml(realisticReport())).toBe(html);
    expect(renderHtml(structuredClone(realisticReport()))).toBe(html);
  });
});

describe('renderHtml: hostile strings from transcripts', () => {
  const evil = `"><script>alert('id')</script></style>`;
  const hostile = report(
    [{ ...session({ agent: '</style><img src=x onerror=alert(1)>', id: evil, model: 'claude-sonnet-4-5', requests: 3, outputs: 1, outputTokens: [10, 5], before: { input: 10, cacheWrite: 0, cacheRead: 0, output: 1 }, after: { input: 5, cacheWrite: 0, cacheRead: 0, output: 1 } }), file: `/tmp/"a" & <b>.jsonl`, pricing: '<b>', model: `o'brien"<b>` }],
    {
      byType: [{ name: '</svg><script>alert("type")</script>', outputs: 1, compressed: 1, tokensBefore: 10, tokensAfter: 5 }],
      byTool: [{ name: `<script>alert('tool')</script>`, outputs: 1, compressed: 1, tokensBefore: 10, tokensAfter: 5 }],
      largest: [{ session: evil, tool: '<iframe src=javascript:1>', type: 'logs', tokensBefore: 10, tokensAfter: 5, preview: `</style><script>alert("p")</script> & 'quotes' \u0000\u001b[31m`, became: `" onmouseover="alert(1)` }],
    },
  );
  const withEvilMeta: SavingsReport = { ...hostile, pricingDate: '</title><script>1</script>', tokenizer: '<style>body{display:none}</style>', generatedAt: '"><x>' };
  const html = renderHtml(withEvilMeta);
  const doc = dom(html);

  it('escapes every string, in text and in attributes', () => {
    expect(html).not.toMatch(/<script|<img|<iframe|<x>/i);
    expect(html).toContain('o&#39;brien&quot;&lt;b&gt;');
    expect(html.match(/<\/style>/g)).toHaveLength(1);
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html.match(/<\/svg>/g)).toHaveLength(4); // the three charts and the cost meter
    expect(html.match(/<\/title>/g)?.length).toBe(count(doc, 'title'));
    expect(html).toContain('&quot;&gt;&lt;script&gt;alert(&#39;id&#39;)&lt;/script&gt;&lt;/style&gt;');
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toContain('\u0000');
    expect(html).not.toContain('\u001b');
  });

  it('shows the strings as they were', () => {
    expect(count(doc, 'script, img, iframe')).toBe(0);
    expect(doc.querySelector('#table-sessions .id')?.textContent).toBe(evil);
    expect(doc.querySelector('#table-sessions .id')?.getAttribute('title')).toBe(`/tmp/"a" & <b>.jsonl`);
    expect(doc.querySelector('#table-tools code')?.textContent).toBe(`<script>alert('tool')</script>`);
    expect(doc.querySelector('#table-largest pre.became')?.textContent).toBe(`" onmouseover="alert(1)`);
    expect(doc.querySelector('#chart-types text.label')?.textContent).toBe('</svg><script>alert("type")</script>'.slice(0, 33) + '…');
    expect(doc.querySelector('title')?.textContent).toContain('headroom savings');
  });
});

describe('renderHtml: edge cases', () => {
  it('renders an empty report as a page with empty charts and no NaN or Infinity', () => {
    const html = renderHtml(emptyReport());
    const doc = dom(html);
    expect(html).not.toMatch(/NaN|Infinity|undefined|null/);
    expect(count(doc, 'svg.chart')).toBe(3);
    expect(count(doc, 'svg.chart rect.bar, svg.chart circle')).toBe(0);
    expect(doc.getElementById('chart-sessions')?.textContent).toContain('No sessions replayed.');
    expect(doc.querySelector('#table-sessions tbody')?.textContent).toContain('No sessions replayed.');
    expect(doc.querySelector('header')?.textContent).toContain('$0.00→$0.00');
    expect(doc.querySelector('.kpi.busts')?.className).toContain('good');
    expect(loads(html)).toEqual([]);
  });

  it('shows cache busts in red, a cost that went up as more, and never a NaN from a broken figure', () => {
    const worse = session({ agent: 'codex', id: 'w', model: 'gpt-5-codex', requests: 4, outputs: 2, outputTokens: [100, 90], cacheBusts: 2, before: { input: 1000, cacheWrite: 0, cacheRead: 0, output: 10 }, after: { input: 1500, cacheWrite: 0, cacheRead: 0, output: 10 } });
    const broken = { ...SESSIONS[0]!, costBefore: { ...SESSIONS[0]!.costBefore, total: Number.NaN }, costAfter: { ...SESSIONS[0]!.costAfter, total: Number.POSITIVE_INFINITY } };
    const html = renderHtml(report([worse, broken]));
    const doc = dom(html);
    expect(doc.querySelector('.kpi.busts')?.className).toContain('bad');
    expect(doc.querySelector('.kpi.busts .v')?.textContent).toBe('2');
    expect(doc.querySelector('#table-sessions tbody tr')?.textContent).toContain('46.3% more');
    expect(doc.querySelector('#chart-sessions .row')?.textContent).toContain('#1 codex · w');
    expect(doc.querySelector('#chart-sessions tspan.delta')?.getAttribute('class')).toBe('delta worse');
    expect(html).not.toMatch(/NaN|Infinity/);
    for (const rect of Array.from(doc.querySelectorAll('rect'))) expect(Number(rect.getAttribute('width'))).toBeGreaterThanOrEqual(0);
  });

  it(`charts at most ${MAX_CHART_ROWS} sessions, the costliest, and says so; the table keeps all`, () => {
    const many = Array.from({ length: 30 }, (_, i) => session({ agent: 'claude-code', id: `s-${i}`, model: 'claude-sonnet-4-5', requests: 10 + i, outputs: 3, outputTokens: [1000, 400], before: { input: 1000 * (i + 1), cacheWrite: 0, cacheRead: 0, output: 10 }, after: { input: 500 * (i + 1), cacheWrite: 0, cacheRead: 0, output: 10 } }));
    const doc = dom(renderHtml(report(many)));
    expect(count(doc, '#chart-sessions rect.bar')).toBe(2 * MAX_CHART_ROWS);
    expect(doc.querySelector('#chart-sessions text.label')?.textContent).toBe('#30 claude-code · s-29');
    expect(doc.querySelector('section.card figcaption')?.textContent).toContain('The 20 largest of 30 sessions are shown.');
    expect(count(doc, '#chart-cumulative circle.point')).toBe(60);
    expect(count(doc, '#table-sessions tbody tr')).toBe(30);
  });
});

describe('savings page formatting', () => {
  it('formats money with 2 decimals from a dollar and up to 4 below', () => {
    expect([0, 0.5, 0.0423, 0.12345, 1234.5, 0.00004, -2].map(money)).toEqual(['$0.00', '$0.50', '$0.0423', '$0.1235', '$1,234.50', '<$0.0001', '−$2.00']);
    expect([0, 5, 2.5, 1500].map(moneyShort)).toEqual(['$0', '$5', '$2.50', '$1.5K']);
    expect([Number.NaN, Number.POSITIVE_INFINITY].map(money)).toEqual(['—', '—']);
  });

  it('formats counts and changes', () => {
    expect(int(1234567.4)).toBe('1,234,567');
    expect(change(100, 26)).toBe('74.0% saved');
    expect(change(100, 103, 'less')).toBe('3.0% more');
    expect(change(5, 5)).toBe('unchanged');
    expect(change(0, 0)).toBe('—');
  });

  it('escapes the five HTML specials and drops control characters', () => {
    expect(esc(`<a href="x">'&'</a>\u0007`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;\uFFFD');
  });

  it('picks round axis ticks', () => {
    expect(ticks(17.14)).toEqual([0, 5, 10, 15, 20]);
    expect(ticks(0)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(ticks(0.042)).toEqual([0, 0.02, 0.04, 0.06]);
  });
});
