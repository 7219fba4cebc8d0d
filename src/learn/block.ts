// The one part of an instructions file headroom writes: a block between two
// markers, holding the learned rules as a list. Everything outside it is the
// user's and is kept byte for byte; rules already in the block stay, in order,
// and new ones are added after them.

export const START = '<!-- headroom:learn:start -->';
export const END = '<!-- headroom:learn:end -->';
const TITLE = '## Learned from past sessions (headroom learn)';
const NOTE = '<!-- Rules proposed by `headroom learn` and approved by you. Edit or delete them freely. -->';

export interface Parsed {
  /** Text before and after the block (the whole file when there is none). */
  readonly before: string;
  readonly after: string;
  readonly rules: readonly string[];
  readonly hasBlock: boolean;
}

const eol = (text: string) => (text.includes('\r\n') ? '\r\n' : '\n');

export function parseBlock(text: string): Parsed {
  const s = text.indexOf(START);
  const e = s < 0 ? -1 : text.indexOf(END, s);
  if (s < 0 || e < 0) return { before: text, after: '', rules: [], hasBlock: false };
  const inner = text.slice(s + START.length, e);
  const rules = inner
    .split(/\r?\n/)
    .map((l) => /^\s*[-*]\s+(.*\S)\s*$/.exec(l)?.[1])
    .filter((r): r is string => r !== undefined);
  return { before: text.slice(0, s), after: text.slice(e + END.length), rules, hasBlock: true };
}

/** A rule's identity for merging: case, punctuation and spacing do not make a new rule. */
export function ruleKey(rule: string): string {
  return rule.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/** The file with `add` merged into its block (created at the end when missing). Same input, same bytes. */
export function withRules(text: string, add: readonly string[]): string {
  const p = parseBlock(text);
  const known = new Set(p.rules.map(ruleKey));
  const rules = [...p.rules];
  for (const r of add) {
    const k = ruleKey(r);
    if (k && !known.has(k)) {
      known.add(k);
      rules.push(r.replace(/\s+/g, ' ').trim());
    }
  }
  if (rules.length === p.rules.length) return text;
  const nl = eol(text);
  const block = [START, TITLE, NOTE, '', ...rules.map((r) => `- ${r}`), END].join(nl);
  if (p.hasBlock) return `${p.before}${block}${p.after}`;
  if (text === '') return `${block}${nl}`;
  const sep = text.endsWith(`${nl}${nl}`) ? '' : text.endsWith(nl) ? nl : `${nl}${nl}`;
  return `${text}${sep}${block}${nl}`;
}

/** The rules `after` has that `before` did not: what a person accepted, edits included. */
export function addedRules(before: string, after: string): string[] {
  const known = new Set(parseBlock(before).rules.map(ruleKey));
  return parseBlock(after).rules.filter((r) => !known.has(ruleKey(r)));
}
