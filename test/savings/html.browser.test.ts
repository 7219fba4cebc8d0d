import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/savings/html/index.js';
import { assertChromium, type ChromiumRun, keepScreenshot, pageProblems, runChromium } from '../helpers/chromium.js';
import { countIn, parsePage } from '../helpers/dom.js';
import { colourCounts, decodePng, pixel } from '../helpers/png.js';
import { BY_TYPE, realisticReport, SESSIONS } from '../helpers/savings-report.js';
import { tempDir } from '../helpers/temp-dir.js';

// The savings page opened from disk in Debian's headless Chromium: it renders
// (a screenshot that is not one colour), the browser's DOM has the charts, and
// the browser logged nothing about the page. A canary page with a remote image
// and an inline script proves the log check sees such problems and that the
// page's CSP blocks them. Fails, not skips, without chromium: CI installs it.

const [WIDTH, HEIGHT] = [1280, 2000];

interface Runs {
  readonly screenshot: string;
  readonly shot: ChromiumRun;
  readonly dumped: ChromiumRun;
  readonly canary: ChromiumRun;
}

async function renderAndOpen(): Promise<Runs> {
  assertChromium();
  const dir = tempDir('headroom-savings-html-');
  const page = path.join(dir, 'savings.html');
  const html = renderHtml(realisticReport());
  fs.writeFileSync(page, html);
  const canaryPage = path.join(dir, 'canary.html');
  fs.writeFileSync(canaryPage, html.replace('</main>', '<img src="https://example.invalid/x.png" alt=""><script>console.error("canary")</script></main>'));
  const screenshot = path.join(dir, 'savings.png');

  const started = performance.now();
  const [shot, dumped, canary] = await Promise.all([
    runChromium(page, [`--screenshot=${screenshot}`, `--window-size=${WIDTH},${HEIGHT}`]),
    runChromium(page, ['--dump-dom']),
    runChromium(canaryPage, ['--dump-dom']),
  ]);
  const kept = keepScreenshot(screenshot, 'headroom-savings-screenshot.png');
  console.log(`savings page screenshot: ${kept ?? `${screenshot} (removed after the run; set HEADROOM_SCREENSHOTS to keep a copy)`}; chromium runs in parallel: screenshot ${shot.ms} ms, dump-dom ${dumped.ms} ms, canary ${canary.ms} ms, ${Math.round(performance.now() - started)} ms in all`);
  return { screenshot, shot, dumped, canary };
}

// Started by the first test and shared; without chromium every test fails with the same message.
let opened: Promise<Runs> | undefined;
const runs = (): Promise<Runs> => (opened ??= renderAndOpen());

describe('savings page in headless Chromium', { timeout: 90_000 }, () => {
  it('exits cleanly', async () => {
    const { shot, dumped } = await runs();
    expect(shot.code, shot.stderr).toBe(0);
    expect(dumped.code, dumped.stderr).toBe(0);
  });

  it('takes a screenshot that is the page, not a blank', async () => {
    const { screenshot, shot } = await runs();
    expect(fs.existsSync(screenshot), `no screenshot at ${screenshot}; chromium said:\n${shot.stderr}`).toBe(true);
    const png = decodePng(fs.readFileSync(screenshot));
    expect([png.width, png.height]).toEqual([WIDTH, HEIGHT]);
    const counts = colourCounts(png);
    const commonest = Math.max(...counts.values());
    expect(counts.size).toBeGreaterThan(200);
    expect(commonest / (WIDTH * HEIGHT)).toBeLessThan(0.8);
    // The light scheme's page background, and plenty of the "before" grey and "with headroom" green.
    expect(pixel(png, 4, 4)).toEqual([0xf4, 0xf5, 0xf2]);
    expect(counts.get(0x0e9f74) ?? 0).toBeGreaterThan(10_000);
    expect(counts.get(0xa3acb7) ?? 0).toBeGreaterThan(10_000);
  });

  it("has the three charts in the browser's DOM, a bar pair per session and type, a point per session", async () => {
    const doc = parsePage((await runs()).dumped.stdout);
    expect(countIn(doc, 'svg.chart')).toBe(3);
    expect(countIn(doc, '#chart-sessions rect.bar.before')).toBe(SESSIONS.length);
    expect(countIn(doc, '#chart-sessions rect.bar.after')).toBe(SESSIONS.length);
    expect(countIn(doc, '#chart-types rect.bar')).toBe(2 * BY_TYPE.length);
    expect(countIn(doc, '#chart-cumulative circle.point.before')).toBe(SESSIONS.length);
    expect(countIn(doc, '#chart-cumulative circle.point.after')).toBe(SESSIONS.length);
    // The parser kept the tables as written (no rows moved out by error recovery).
    expect(countIn(doc, '#table-sessions tbody tr')).toBe(SESSIONS.length);
    expect(countIn(doc, 'script, img, link, iframe')).toBe(0);
  });

  it('logs nothing about the page, where it does log a broken one', async () => {
    const { shot, dumped, canary } = await runs();
    expect(pageProblems(shot.stderr)).toEqual([]);
    expect(pageProblems(dumped.stderr)).toEqual([]);
    const seen = pageProblems(canary.stderr).join('\n');
    expect(seen).toMatch(/Loading the image 'https:\/\/example\.invalid\/x\.png' violates .*Content Security Policy/);
    expect(seen).toMatch(/inline script violates .*Content Security Policy/);
  });
});
