import type { DoctorReport } from './run.js';
import type { Status } from './types.js';

// The report as a person reads it: one line per finding, grouped by area,
// each problem followed by its fix. Colour only on a terminal without NO_COLOR.

const LABEL: Readonly<Record<Status, string>> = { ok: 'ok', note: 'note', problem: 'PROBLEM' };
const COLOUR: Readonly<Record<Status, string>> = { ok: '\x1b[32m', note: '\x1b[33m', problem: '\x1b[1;31m' };

export function renderDoctor(r: DoctorReport, o: { color: boolean }): string {
  const paint = (s: Status, text: string) => (o.color ? `${COLOUR[s]}${text}\x1b[0m` : text);
  const lines: string[] = [];
  for (const f of r.findings) {
    lines.push(`${paint(f.status, LABEL[f.status].padEnd(7))}  ${f.area.padEnd(8)}  ${f.message}`);
    if (f.fix) lines.push(`${' '.repeat(19)}fix: ${f.fix}`);
  }
  lines.push(
    '',
    r.healthy
      ? 'Nothing to fix.'
      : `${r.problems} problem${r.problems === 1 ? '' : 's'} to fix: run the commands after "fix:", then headroom doctor again.`,
  );
  return `${lines.join('\n')}\n`;
}
