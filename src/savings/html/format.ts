// Text and number formatting for the savings page. Every string that came from a
// transcript goes through `esc`; every number through a formatter that turns
// NaN and Infinity into a dash, so a broken figure never reaches the page.

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

// C0 controls (but tab, LF, CR), DEL and lone surrogates are not allowed in HTML text.
const INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Safe in element text and in quoted attribute values. */
export function esc(text: string): string {
  return String(text)
    .replace(INVALID, '\uFFFD')
    .replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Shortens to `max` characters with an ellipsis. */
export function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}

export const finite = (n: number): number => (Number.isFinite(n) ? n : 0);

const DASH = '—';
const intFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const dollars2 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const dollars4 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 4 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** 1,234,567 */
export function int(n: number): string {
  return Number.isFinite(n) ? intFormat.format(Math.round(n)) : DASH;
}

/** $1,234.56 at a dollar and above; up to 4 decimals below ($0.0423). */
export function money(n: number): string {
  if (!Number.isFinite(n)) return DASH;
  const sign = n < 0 ? '−' : '';
  const abs = Math.abs(n);
  if (abs > 0 && abs < 0.0001) return `${sign}<$0.0001`;
  return `${sign}$${(abs >= 1 ? dollars2 : dollars4).format(abs)}`;
}

/** $1.2K, $35, $0.50: for chart axes. */
export function moneyShort(n: number): string {
  if (!Number.isFinite(n)) return DASH;
  if (Math.abs(n) >= 1000) return `$${compact.format(n)}`;
  return Number.isInteger(n) ? `$${intFormat.format(n)}` : `$${dollars2.format(n)}`;
}

/** 1.2M, 340K: for tight labels. */
export function tokensShort(n: number): string {
  return Number.isFinite(n) ? compact.format(Math.round(n)) : DASH;
}

/** Fraction saved going from `before` to `after`; null when there was nothing before. */
export function savedFraction(before: number, after: number): number | null {
  if (!Number.isFinite(before) || !Number.isFinite(after) || before <= 0) return null;
  return (before - after) / before;
}

/** 74.2% (of the magnitude: the caller says more or less). */
export function percent(fraction: number | null): string {
  if (fraction === null || !Number.isFinite(fraction)) return DASH;
  const p = Math.abs(fraction * 100);
  return p === 0 ? '0%' : `${p.toFixed(1)}%`;
}

/** "74.2% saved", "3.1% more" or "unchanged", for a saving that may be negative. */
export function change(before: number, after: number, less = 'saved'): string {
  const f = savedFraction(before, after);
  if (f === null) return DASH;
  if (f === 0) return 'unchanged';
  return [percent(f), f < 0 ? 'more' : less].filter((w) => w !== '').join(' ');
}

/** 850 ms, 12.4 s, 3 min 05 s */
export function duration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return DASH;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/** "1 session", "4 sessions" */
export function plural(n: number, word: string): string {
  return `${int(n)} ${word}${n === 1 ? '' : 's'}`;
}

/** 5f1c2a9e…7d1e88: both ends of a long id, which is where ids differ. */
export function shortId(id: string): string {
  const chars = Array.from(id);
  return chars.length <= 16 ? id : `${chars.slice(0, 8).join('')}…${chars.slice(-6).join('')}`;
}

/** The page's CSS class for a change: a saving is good, an increase bad, none neither. */
export function tone(before: number, after: number): 'good' | 'bad' | 'same' {
  const f = savedFraction(before, after) ?? 0;
  return f < 0 ? 'bad' : f > 0 ? 'good' : 'same';
}
