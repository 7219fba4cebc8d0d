import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Debian's headless Chromium driven from its command line (no npm browser
// driver): a screenshot or the DOM of a local file. Each run gets a new empty
// profile, and the flags this machine needs: without the networking ones,
// Chromium's own connections are refused by the closed network at every start.
// CI installs chromium; when it is missing the tests fail saying so.

export const CHROMIUM = process.env.HEADROOM_CHROMIUM ?? '/usr/bin/chromium';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--hide-scrollbars',
  '--enable-logging=stderr',
  '--v=0',
];

export interface ChromiumRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number | null;
  readonly ms: number;
}

export function assertChromium(): void {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium) to run the browser tests; .ci/run and npm test's pretest install it as root`);
  }
}

/** Runs Chromium on a file:// URL with `args` added, in a fresh profile it removes afterwards. */
export async function runChromium(file: string, args: readonly string[], timeoutMs = 30_000): Promise<ChromiumRun> {
  assertChromium();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-chromium-'));
  const started = performance.now();
  try {
    return await new Promise<ChromiumRun>((resolve, reject) => {
      const child = spawn(CHROMIUM, [...FLAGS, `--user-data-dir=${profile}`, ...args, `file://${file}`], {
        stdio: ['ignore', 'pipe', 'pipe'],
        // Its own process group, so a hung run is ended with all its helper processes.
        detached: true,
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      const timer = setTimeout(() => {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        reject(new Error(`chromium ${args.join(' ')} took over ${timeoutMs} ms; stderr:\n${stderr}`));
      }, timeoutMs);
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.once('close', (code) => {
        clearTimeout(timer);
        resolve({ stdout, stderr, code, ms: Math.round(performance.now() - started) });
      });
    });
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

/** Lines of Chromium's log about the page itself: console messages, blocked or failed loads. */
export function pageProblems(stderr: string): string[] {
  return stderr.split('\n').filter((line) => /CONSOLE|Content Security Policy|net::ERR_|Failed to load|Not allowed to load|Refused to|Uncaught/i.test(line));
}

/**
 * A copy of a screenshot for a person to look at, in HEADROOM_SCREENSHOTS (a
 * folder) when that is set; else none, since nothing a test run makes may
 * outlive it. Returns where the copy went, or null.
 */
export function keepScreenshot(file: string, name: string): string | null {
  const dir = process.env.HEADROOM_SCREENSHOTS;
  if (!dir || !fs.existsSync(file)) return null;
  fs.mkdirSync(dir, { recursive: true });
  const to = path.join(dir, name);
  fs.copyFileSync(file, to);
  return to;
}
