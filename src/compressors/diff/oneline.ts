import { clip } from '../lines.js';
import { templateOf } from '../template.js';

// `git log --oneline`: what a run of folded commits was about, from the
// commonest kinds of subject in it ("12x Bump <path> from … to …").

function subjectOf(line: string): string {
  const m = /^[*|\\/ ]{0,12}[0-9a-f]{7,40} (?:\([^)]{0,300}\) )?/.exec(clip(line, 400));
  return m ? line.slice(m[0].length) : line;
}

/** The kind of a routine commit: its first words with variable parts normalised. */
function kindOf(subject: string): string {
  const t = templateOf(subject)
    .replace(/#<n>/g, '#N')
    .replace(/\bfrom \S+/g, 'from …')
    .replace(/\bto \S+/g, 'to …');
  return t.split(' ').slice(0, 5).join(' ');
}

/** The two commonest kinds among some oneline entries, when any kind repeats; else ''. */
export function describeCommits(lines: readonly string[], from: number, to: number): string {
  const counts = new Map<string, number>();
  for (let i = from; i < to; i++) {
    const k = kindOf(subjectOf(lines[i]!));
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const top = [...counts].filter(([, n]) => n > 1).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return top
    .slice(0, 2)
    .map(([k, n]) => `${n}x ${k}`)
    .join('; ');
}
