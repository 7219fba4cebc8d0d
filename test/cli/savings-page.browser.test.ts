import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { keepScreenshot, pageProblems, runChromium } from '../helpers/chromium.js';
import { headroom, isolatedEnv } from '../helpers/cli.js';
import { CORPUS_ROOT } from '../helpers/corpus.js';
import { countIn, parsePage } from '../helpers/dom.js';
import { decodePng } from '../helpers/png.js';

// The page `headroom savings --html` writes for real Claude Code sessions (three
// of them subagents), opened in headless Chromium at 1280 px as a person would:
// nothing wider than its card, subagents named, dates and projects shown.

const WIDTH = 1280;
const FROM = path.join(CORPUS_ROOT, 'transcripts', 'claude-code');

/** Layout figures, read by a script in a copy of the page (the page itself allows no script: its CSP). */
const MEASURE = `<script>addEventListener('load', () => {
  const figures = { page: document.documentElement.scrollWidth, tables: [...document.querySelectorAll('table')].map((t) => ({ id: t.id, width: t.scrollWidth, room: t.parentElement.clientWidth })) };
  const out = document.createElement('output'); out.id = 'measured'; out.textContent = JSON.stringify(figures); document.body.append(out);
});</script>`;

test('the savings page at 1280 px: no table wider than its card, subagents, dates and projects, the read policy', async () => {
  const env = isolatedEnv();
  const page = path.join(env.HOME!, 'savings.html');
  const r = await headroom(['savings', '--from', FROM, '--html', page], { env, cwd: env.HOME });
  expect(r.code, r.stderr).toBe(0);
  const html = fs.readFileSync(page, 'utf8');
  const measuring = path.join(env.HOME!, 'measure.html');
  fs.writeFileSync(measuring, html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '').replace('</body>', `${MEASURE}</body>`));
  const shot = path.join(env.HOME!, 'savings.png');
  const [dom, screenshot] = await Promise.all([
    runChromium(measuring, ['--dump-dom', `--window-size=${WIDTH},2000`, '--virtual-time-budget=2000']),
    runChromium(page, [`--screenshot=${shot}`, `--window-size=${WIDTH},2600`]),
  ]);
  keepScreenshot(shot, 'headroom-savings-sessions-1280.png');
  expect(pageProblems(screenshot.stderr)).toEqual([]);
  expect(decodePng(fs.readFileSync(shot)).width).toBe(WIDTH);

  const doc = parsePage(dom.stdout);
  const figures = JSON.parse(doc.querySelector('#measured')!.textContent!) as { page: number; tables: Array<{ id: string; width: number; room: number }> };
  expect(figures.page).toBeLessThanOrEqual(WIDTH);
  expect(figures.tables.map((t) => t.id)).toContain('table-sessions');
  for (const t of figures.tables) expect(t.width, `${t.id} is ${t.width} px in ${t.room} px`).toBeLessThanOrEqual(t.room);

  const rows = Array.from(doc.querySelectorAll('#table-sessions tbody tr')).map((tr) => tr.textContent ?? '');
  expect(rows).toHaveLength(6);
  // fa812bfe is a main session; 4d5611e5's subagent a2898e3 is named as one.
  expect(rows.find((t) => t.includes('fa812bfe'))).toMatch(/spotter-a0y2026-02-12 15:41 UTC/);
  expect(rows.find((t) => t.includes('4d5611e5'))).toMatch(/subagent a2898e3spotter-dov2026-02-12 16:02 UTC/);
  expect(countIn(doc, '#table-sessions .sub')).toBe(3);
  expect(dom.stdout).toMatch(/<h2>By tool<\/h2><p class="note">[^<]*File reads \(Read\) saved 0% by design/);
}, 90_000);
