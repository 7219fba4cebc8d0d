// The savings page's one stylesheet: system fonts only, light and dark from
// prefers-color-scheme, and a print layout that keeps charts and rows whole.
export const STYLES = `
:root {
  color-scheme: light dark;
  --bg: #f4f5f2; --card: #ffffff; --text: #1c1f24; --muted: #5d6570; --line: #e1e3de;
  --before: #a3acb7; --after: #0e9f74; --gap: rgba(14, 159, 116, 0.13);
  --good: #0b8a63; --bad: #c62828; --good-bg: rgba(14, 159, 116, 0.1); --bad-bg: rgba(198, 40, 40, 0.09);
  --code: #f1f2ee;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0f1216; --card: #181c22; --text: #e7e9ec; --muted: #9aa3ae; --line: #2a3038;
    --before: #5e6873; --after: #34d399; --gap: rgba(52, 211, 153, 0.14);
    --good: #34d399; --bad: #f87171; --good-bg: rgba(52, 211, 153, 0.1); --bad-bg: rgba(248, 113, 113, 0.12);
    --code: #11151a;
  }
}
* { box-sizing: border-box; }
body {
  margin: 0; background: var(--bg); color: var(--text);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif;
}
main { max-width: 1120px; margin: 0 auto; padding: 28px 24px 40px; }
h1 { font-size: 22px; margin: 0; letter-spacing: -0.01em; }
h1 .brand { color: var(--after); }
h2 { font-size: 17px; margin: 0 0 2px; }
.sub, .note, figcaption p { color: var(--muted); margin: 0; font-size: 13.5px; }
.num, td.n, th.n { font-variant-numeric: tabular-nums; text-align: right; white-space: nowrap; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 20px 22px; margin-top: 18px; }
.kpis { display: grid; grid-template-columns: 1.45fr 1.45fr 0.8fr 1fr; gap: 14px; margin-top: 18px; }
.kpi { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 16px 18px; }
.kpi .k { color: var(--muted); font-size: 12.5px; text-transform: uppercase; letter-spacing: 0.06em; }
.kpi .v { font-size: 26px; font-weight: 650; line-height: 1.25; margin-top: 4px; font-variant-numeric: tabular-nums; }
.kpi .v .from { color: var(--muted); font-weight: 500; }
.kpi .v .arrow { color: var(--muted); font-weight: 400; padding: 0 4px; }
.kpi .d { margin-top: 6px; font-size: 14px; }
.kpi.hero .v { font-size: 30px; }
.pill { display: inline-block; border-radius: 999px; padding: 1px 10px; font-weight: 600; font-size: 13.5px; }
.good { color: var(--good); } .bad { color: var(--bad); } .same { color: var(--muted); }
.pill.good { background: var(--good-bg); } .pill.bad { background: var(--bad-bg); } .pill.same { background: var(--code); }
.kpi.busts.good { box-shadow: inset 4px 0 0 var(--good); } .kpi.busts.bad { box-shadow: inset 4px 0 0 var(--bad); }
.meter { display: block; width: 100%; height: 8px; margin-top: 10px; border-radius: 4px; overflow: hidden; }
.meter .saved { fill: var(--after); } .meter .rest { fill: var(--before); opacity: 0.45; }
.meta { display: flex; flex-wrap: wrap; gap: 6px 18px; margin-top: 14px; color: var(--muted); font-size: 13px; }
.meta b { color: var(--text); font-weight: 600; }
figure { margin: 0; }
figcaption { display: flex; justify-content: space-between; align-items: flex-end; gap: 16px; margin-bottom: 12px; flex-wrap: wrap; }
.legend { display: flex; gap: 16px; font-size: 13px; color: var(--muted); }
.legend i { display: inline-block; width: 12px; height: 12px; border-radius: 3px; margin-right: 6px; vertical-align: -1px; }
.legend .before { background: var(--before); } .legend .after { background: var(--after); } .legend .gap { background: var(--gap); border: 1px solid var(--after); }
svg.chart { display: block; width: 100%; height: auto; overflow: visible; }
svg.chart text { fill: var(--text); font-size: 13px; font-family: inherit; }
svg.chart .value, svg.chart .tick, svg.chart .axislabel { fill: var(--muted); font-size: 12px; font-variant-numeric: tabular-nums; }
svg.chart .delta { fill: var(--good); font-weight: 600; } svg.chart .delta.worse { fill: var(--bad); } svg.chart .delta.same { fill: var(--muted); }
svg.chart .empty { fill: var(--muted); font-size: 14px; }
svg.chart .bar.before, svg.chart .point.before { fill: var(--before); }
svg.chart .bar.after, svg.chart .point.after { fill: var(--after); }
svg.chart .row:hover .bar { opacity: 0.8; }
svg.chart .axis { stroke: var(--line); stroke-width: 1.5; }
svg.chart .grid { stroke: var(--line); stroke-dasharray: 3 4; }
svg.chart .line { fill: none; stroke-width: 2.5; stroke-linejoin: round; }
svg.chart .line.before { stroke: var(--before); } svg.chart .line.after { stroke: var(--after); }
svg.chart .gap { fill: var(--gap); }
svg.chart .point { stroke: var(--card); stroke-width: 1.5; }
svg.chart .end { font-weight: 600; } svg.chart .end.after { fill: var(--good); }
svg.chart .endvalue { font-weight: 500; font-variant-numeric: tabular-nums; }
.grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: 18px; }
.grid2 > .card { min-width: 0; }
.tablewrap { overflow-x: auto; }
table { width: 100%; border-collapse: collapse; font-size: 13.5px; margin-top: 10px; }
th { text-align: left; color: var(--muted); font-weight: 600; font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; }
th, td { padding: 7px 9px; border-bottom: 1px solid var(--line); vertical-align: top; }
tbody tr:hover { background: var(--good-bg); }
tfoot td { font-weight: 650; border-bottom: none; border-top: 2px solid var(--line); }
#table-sessions th, #table-sessions td { padding-left: 6px; padding-right: 6px; }
td.session { min-width: 10em; } td.session .sub { font-weight: 600; font-size: 12.5px; } td.session .when { font-size: 12.5px; } td.session .date { white-space: nowrap; } td .id.short { word-break: normal; white-space: nowrap; } th.n { white-space: normal; } td.model .name { white-space: nowrap; }
td .id { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 12.5px; word-break: break-all; }
td .agent { font-weight: 600; margin-right: 6px; }
td.muted, span.muted { color: var(--muted); }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 12.5px; }
pre { margin: 0; padding: 6px 8px; background: var(--code); border-radius: 6px; white-space: pre-wrap; word-break: break-word; max-width: 460px; }
pre.became { border-left: 3px solid var(--after); }
.blank { color: var(--muted); font-style: italic; }
footer { color: var(--muted); font-size: 12.5px; text-align: center; margin-top: 26px; }
@media (max-width: 860px) { .kpis { grid-template-columns: 1fr 1fr; } .grid2 { grid-template-columns: 1fr; } }
@media print {
  :root { --bg: #fff; --card: #fff; --text: #000; --muted: #444; --line: #ccc; --code: #f4f4f4; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  main { max-width: none; padding: 0; }
  .card, .kpi { break-inside: avoid; box-shadow: none; }
  tr, figure, svg { break-inside: avoid; }
  .tablewrap { overflow: visible; }
  table { font-size: 11px; } th, td { padding: 4px 6px; } pre { max-width: none; }
  tbody tr:hover { background: none; }
}
`;
