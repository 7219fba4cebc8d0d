import type { Evidence, Lesson } from '../types.js';

// A proposal as the lines the screen scrolls through: the diff, then why each
// rule is proposed. The screen wraps them to its width (wrap-rows.ts) and
// scrolls by the rows that gives.

export type Tone = 'add' | 'del' | 'hunk' | 'head' | 'title' | 'dim' | 'plain';

export interface Line {
  readonly text: string;
  readonly tone: Tone;
}

/** Evidence shown per lesson; the rest is counted, not listed. */
const MAX_EVIDENCE = 3;

// Transcript text can carry terminal escapes (coloured tool output, or worse);
// they must not reach the person's terminal as commands.
const ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-_]?/g;
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function clean(text: string): string {
  return text.replace(ESCAPES, '').replace(/\t/g, '  ').replace(CONTROLS, '?');
}

function toneOf(line: string): Tone {
  if (line.startsWith('+++') || line.startsWith('---')) return 'head';
  if (line.startsWith('@@')) return 'hunk';
  if (line.startsWith('+')) return 'add';
  if (line.startsWith('-')) return 'del';
  if (line.startsWith('\\')) return 'dim';
  return 'plain';
}

export function diffLines(diff: string): Line[] {
  const lines = diff.replace(/\r\n/g, '\n').split('\n');
  if (lines.at(-1) === '') lines.pop();
  // createTwoFilesPatch's "Index:" and "====" lines repeat the header's file name: two rows better spent on the change.
  const body = lines.filter((l) => !l.startsWith('Index: ') && !/^={8,}$/.test(l));
  return body.map((l) => ({ text: clean(l), tone: toneOf(l) }));
}

const thousands = (n: number) => n.toLocaleString('en-US');

/** ISO time as "2026-02-12 15:41" (UTC, as written in the transcript, so it reads the same everywhere). */
function when(at: string | undefined): string | undefined {
  if (!at) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(at);
  return m ? `${m[1]} ${m[2]}` : clean(at);
}

function evidenceRows(e: Evidence): Line[] {
  const where = [e.agent, `session ${clean(e.session)}`, when(e.at)].filter((x): x is string => Boolean(x)).join(' · ');
  const rows: Line[] = [
    { text: `    ${where}`, tone: 'dim' },
    { text: `      failed: ${clean(e.failed)}`, tone: 'plain' },
    { text: `      error:  ${clean(e.error)}`, tone: 'del' },
  ];
  if (e.fixed) rows.push({ text: `      fixed:  ${clean(e.fixed)}`, tone: 'add' });
  return rows;
}

export function evidenceLines(lessons: readonly Lesson[]): Line[] {
  if (lessons.length === 0) return [];
  const out: Line[] = [{ text: ' ', tone: 'plain' }, { text: 'Why:', tone: 'title' }];
  for (const l of lessons) {
    const stats = `${l.count}× in ${l.sessions} session${l.sessions === 1 ? '' : 's'}, ~${thousands(l.wastedTokens)} tokens wasted`;
    out.push({ text: `  • ${clean(l.rule)}`, tone: 'title' });
    out.push({ text: `    ${l.summary !== undefined ? clean(l.summary) : stats}${l.fromUser ? ' · you said so' : ''}`, tone: 'dim' });
    for (const e of l.evidence.slice(0, MAX_EVIDENCE)) out.push(...evidenceRows(e));
    const more = l.evidence.length - MAX_EVIDENCE;
    if (more > 0) out.push({ text: `    … and ${more} more`, tone: 'dim' });
  }
  return out;
}
