// Inline SVG charts for the savings page: pure functions of their data, no
// script, same input gives the same bytes. Colours come from the page's CSS
// classes (.before, .after, .gap), so light, dark and print all follow it.
import { clip, esc, finite } from './format.js';

export interface ChartText {
  /** Element id prefix: `${id}-title` and `${id}-desc` label the chart. */
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** Shown in place of the chart when there is nothing to draw. */
  readonly empty: string;
}

export interface BarPair {
  readonly label: string;
  /** Tooltip for the whole row. */
  readonly title: string;
  readonly before: number;
  readonly after: number;
}

export interface LineSeries {
  readonly name: string;
  /** CSS class of the line and its points: before or after. */
  readonly className: string;
  readonly values: readonly number[];
}

const WIDTH = 1040;
const fix = (n: number): string => String(Math.round(finite(n) * 10) / 10);

function open(text: ChartText, height: number, className: string): string {
  return (
    `<svg id="${text.id}" class="chart ${className}" viewBox="0 0 ${WIDTH} ${fix(height)}" width="${WIDTH}" height="${fix(height)}" ` +
    `role="img" aria-labelledby="${text.id}-title ${text.id}-desc" preserveAspectRatio="xMinYMin meet">` +
    `<title id="${text.id}-title">${esc(text.title)}</title><desc id="${text.id}-desc">${esc(text.description)}</desc>`
  );
}

function emptyChart(text: ChartText, className: string): string {
  return `${open(text, 64, className)}<text class="empty" x="${WIDTH / 2}" y="38" text-anchor="middle">${esc(text.empty)}</text></svg>`;
}

/** A horizontal bar `value / max` of `width`, at least a hairline when value > 0. */
export function bar(className: string, x: number, y: number, value: number, max: number, width: number, height: number): string {
  const v = Math.max(0, finite(value));
  const w = max > 0 ? Math.max(v > 0 ? 1.5 : 0, (v / max) * width) : 0;
  return `<rect class="bar ${className}" x="${fix(x)}" y="${fix(y)}" width="${fix(w)}" height="${fix(height)}" rx="2"/>`;
}

const trend = (r: BarPair): string => (finite(r.after) > finite(r.before) ? 'worse' : finite(r.after) < finite(r.before) ? 'better' : 'same');

/** Two bars per row (before above after), each with its value; after also shows the change. */
export function pairedBars(text: ChartText, rows: readonly BarPair[], format: (n: number) => string, delta: (b: number, a: number) => string): string {
  if (rows.length === 0) return emptyChart(text, 'pairs');
  const labelW = 260;
  const valueW = 190;
  const barH = 15;
  const rowH = 2 * barH + 3 + 16;
  const x0 = labelW + 12;
  const span = WIDTH - x0 - valueW;
  const max = Math.max(0, ...rows.flatMap((r) => [finite(r.before), finite(r.after)]));
  const body = rows.map((r, i) => {
    const y = 8 + i * rowH;
    const end = (v: number): number => x0 + (max > 0 ? (Math.max(0, finite(v)) / max) * span : 0) + 6;
    return (
      `<g class="row"><title>${esc(r.title)}</title>` +
      `<text class="label" x="${labelW}" y="${fix(y + barH + 6)}" text-anchor="end">${esc(clip(r.label, 34))}</text>` +
      bar('before', x0, y, r.before, max, span, barH) +
      bar('after', x0, y + barH + 3, r.after, max, span, barH) +
      `<text class="value" x="${fix(end(r.before))}" y="${fix(y + barH - 3)}">${esc(format(r.before))}</text>` +
      `<text class="value" x="${fix(end(r.after))}" y="${fix(y + 2 * barH)}">${esc(format(r.after))} <tspan class="delta ${trend(r)}">${esc(delta(r.before, r.after))}</tspan></text>` +
      `</g>`
    );
  });
  const height = rows.length * rowH;
  return `${open(text, height, 'pairs')}<line class="axis" x1="${x0}" y1="2" x2="${x0}" y2="${fix(height - 2)}"/>${body.join('')}</svg>`;
}

/** Round tick values from 0 to at least `max`. */
export function ticks(max: number, count = 4): number[] {
  const m = finite(max) > 0 ? max : 1;
  const raw = m / count;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((k) => k * pow >= raw) ?? 10) * pow;
  const out: number[] = [];
  for (let i = 0; out.length === 0 || (out[out.length - 1] ?? 0) < m - 1e-12; i++) out.push(Number((i * step).toPrecision(12)));
  return out;
}

export interface LineChart {
  /** One per point, in order: the x axis numbers them 1..n and the points' tooltips name them. */
  readonly xLabels: readonly string[];
  readonly xAxis: string;
  readonly series: readonly LineSeries[];
  /** For tooltips and end labels, and for the y axis ticks. */
  readonly format: (n: number) => string;
  readonly axisFormat: (n: number) => string;
}

type Point = readonly [number, number];
const path = (pts: readonly Point[]): string => pts.map(([px, py], i) => `${i === 0 ? 'M' : 'L'}${fix(px)} ${fix(py)}`).join(' ');

/** End labels at the last point of each series, pushed apart when they would overlap. */
function endLabels(series: readonly LineSeries[], at: number, y: (v: number) => number, format: (n: number) => string): string {
  const last = (s: LineSeries): number => s.values[s.values.length - 1] ?? 0;
  const ends = series.map((s) => ({ s, y: y(last(s)) }));
  const byHeight = [...ends].sort((a, b) => a.y - b.y);
  for (let i = 1; i < byHeight.length; i++) {
    const [prev, cur] = [byHeight[i - 1], byHeight[i]];
    if (prev && cur && cur.y - prev.y < 30) cur.y = prev.y + 30;
  }
  return ends
    .map(({ s, y: ly }) => `<text class="end ${s.className}" x="${fix(at)}" y="${fix(ly - 2)}"><tspan x="${fix(at)}">${esc(s.name)}</tspan><tspan class="endvalue" x="${fix(at)}" dy="15">${esc(format(last(s)))}</tspan></text>`)
    .join('');
}

/** Lines from the origin through one point per x label; shades the gap between the first two series. */
export function lineChart(text: ChartText, chart: LineChart): string {
  const { xLabels, series, format } = chart;
  const n = xLabels.length;
  if (n === 0 || series.length === 0) return emptyChart(text, 'lines');
  const [left, right, top, height] = [78, 190, 16, 360];
  const plotW = WIDTH - left - right;
  const plotH = height - top - 46;
  const yTicks = ticks(Math.max(0, ...series.flatMap((s) => s.values.map(finite))));
  const yMax = yTicks[yTicks.length - 1] ?? 1;
  const x = (i: number): number => left + (i / n) * plotW;
  const y = (v: number): number => top + plotH - (Math.max(0, finite(v)) / yMax) * plotH;
  const coords = (s: LineSeries): Point[] => [[x(0), y(0)], ...xLabels.map((_, i): Point => [x(i + 1), y(s.values[i] ?? 0)])];

  const grid = yTicks.map((t) => `<line class="grid" x1="${left}" y1="${fix(y(t))}" x2="${left + plotW}" y2="${fix(y(t))}"/><text class="tick" x="${left - 8}" y="${fix(y(t) + 4)}" text-anchor="end">${esc(chart.axisFormat(t))}</text>`);
  // Every `every`th point and the last, leaving out the one before the last when they would touch.
  const every = Math.max(1, Math.ceil(n / 12));
  const numbered = xLabels.map((_, i) => i + 1).filter((k) => k === n || (k % every === 0 && n - k >= every / 2));
  const xTicks = numbered.map((k) => `<text class="tick" x="${fix(x(k))}" y="${top + plotH + 18}" text-anchor="middle">${k}</text>`);
  const axes = `<line class="axis" x1="${left}" y1="${top + plotH}" x2="${left + plotW}" y2="${top + plotH}"/><text class="axislabel" x="${left + plotW / 2}" y="${height - 6}" text-anchor="middle">${esc(chart.xAxis)}</text>`;
  const [first, second] = series;
  const gap = first && second ? `<path class="gap" d="${path([...coords(first), ...coords(second).reverse()])} Z"/>` : '';
  const r = n > 60 ? 1.5 : n > 24 ? 2.5 : 4;
  const lines = series.map((s) => {
    const points = xLabels.map((label, i) => `<circle class="point ${s.className}" cx="${fix(x(i + 1))}" cy="${fix(y(s.values[i] ?? 0))}" r="${r}"><title>${esc(`${label}: ${s.name} ${format(s.values[i] ?? 0)}`)}</title></circle>`);
    return `<g class="series ${s.className}"><path class="line ${s.className}" d="${path(coords(s))}"/>${points.join('')}</g>`;
  });
  return `${open(text, height, 'lines')}${grid.join('')}${axes}${xTicks.join('')}${gap}${lines.join('')}${endLabels(series, x(n) + 10, y, format)}</svg>`;
}

/** A thin bar split into the saved share (green) and the rest: decoration beside a figure that says it. */
export function meter(savedShare: number): string {
  const w = Math.min(100, Math.max(0, finite(savedShare) * 100));
  return `<svg class="meter" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true"><rect class="rest" width="100" height="8"/><rect class="saved" width="${fix(w)}" height="8"/></svg>`;
}
