import type { Probe } from '../types.js';

// HTML and XML announce themselves (doctype, <html>, <?xml); fragments are told
// by how much of each line is tags. Code that contains markup (JSX, templates)
// starts with code, so it is left to the code scorer.

const TAG = /<\/?[a-zA-Z][\w:.-]*(?=[\s>/])/g;
const HTML_TAG = /<\/?(?:div|p|span|a|li|ul|ol|td|tr|th|table|h[1-6]|img|br|meta|link|script|section|article|nav|head|body|form|input|button|label)[\s>/]/i;

export function htmlScore(p: Probe): number {
  const start = p.head.slice(0, 400).trimStart().toLowerCase();
  if (start.startsWith('<!doctype html') || start.startsWith('<html')) return 0.95;
  if (start.startsWith('<?xml')) return 0.9;
  let tagLines = 0;
  let nonBlank = 0;
  let tags = 0;
  let htmlish = false;
  for (const l of p.lines) {
    if (!l.trim()) continue;
    nonBlank++;
    const k = l.match(TAG)?.length ?? 0;
    if (k > 0) tagLines++;
    tags += k;
    if (!htmlish && HTML_TAG.test(l)) htmlish = true;
  }
  if (nonBlank === 0 || tags === 0) return -1;
  const lineShare = tagLines / nonBlank;
  const perLine = tags / nonBlank;
  // A page behind HTTP headers or a banner still carries its doctype early.
  if (/<!doctype html|<html[\s>]/i.test(p.head.slice(0, 2048)) && lineShare >= 0.3) return 0.8;
  if (p.firstChar !== '<') return lineShare >= 0.8 && perLine >= 2 ? 0.3 : -1;
  if (lineShare >= 0.5 && perLine >= 1) return htmlish ? 0.75 : 0.6;
  if (lineShare >= 0.3) return 0.35;
  return 0.1;
}
