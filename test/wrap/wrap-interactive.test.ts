import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { BIN, isolatedEnv } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/corpus.js';
import { type FakeProvider, startFakeProvider } from '../helpers/fake-provider.js';
import { spawnTerm } from '../helpers/term.js';
import { tempDir } from '../helpers/temp-dir.js';

// `headroom wrap claude` as a person uses it: the real Claude Code in a real
// terminal, a prompt typed, the answer read off the screen, the window
// resized, Ctrl-C twice to quit. Only the model provider is fake.

let provider: FakeProvider;
beforeAll(async () => {
  provider = await startFakeProvider({ text: 'PONG reply from the fake model.' });
});
afterAll(() => provider.close());

const KEY = 'sk-ant-test-0123456789abcdefghijklmnop';

/** The widest run of box-drawing rule on the screen: Claude draws its input box across the whole window. */
const ruleWidth = (screen: string) => Math.max(...screen.split('\n').map((l) => /─+/.exec(l)?.[0].length ?? 0));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test('interactive claude under headroom wrap: prompt, answer, resize, Ctrl-C, exit status and summary', async () => {
  // isolatedEnv keeps Claude Code's own temp and socket folders in the test's home.
  const env = isolatedEnv();
  const cwd = tempDir('wrap-project-');
  // What a user who has used Claude Code with an API key already has: onboarding done, key approved, folder trusted.
  fs.writeFileSync(
    path.join(env.HOME!, '.claude.json'),
    JSON.stringify({ hasCompletedOnboarding: true, customApiKeyResponses: { approved: [KEY.slice(-20)], rejected: [] }, projects: { [cwd]: { hasTrustDialogAccepted: true } } }),
  );
  const before = provider.requests.length;
  const t = spawnTerm(process.execPath, [BIN, 'wrap', 'claude'], {
    cwd,
    cols: 100,
    env: {
      ...env,
      PATH: `${REPO_ROOT}/node_modules/.bin:/usr/bin:/bin`,
      TERM: 'xterm-256color',
      ANTHROPIC_BASE_URL: provider.url,
      ANTHROPIC_API_KEY: KEY,
    },
  });
  try {
    const ready = await t.waitFor(/shift\+tab to cycle/, 45_000);
    expect(ruleWidth(ready)).toBe(100);

    t.write('say hello');
    await t.waitFor(/say hello/);
    t.write('\r');
    await t.waitFor(/PONG reply from the fake model/);
    const asked = provider.requests.slice(before).find((r) => r.method === 'POST' && r.body.includes('say hello'));
    expect(asked, 'the prompt reached the provider through the endpoint').toBeDefined();

    t.resize(70, 30);
    const narrow = await t.waitFor((s) => ruleWidth(s) === 70);
    expect(narrow).toContain('PONG reply');

    t.write('\x03');
    await t.waitFor(/Press Ctrl-C again to exit/);
    t.write('\x03');
    const exit = await t.exited;
    expect(exit.exitCode).toBe(0);

    const raw = t.raw();
    const summaryAt = raw.indexOf('headroom: claude, ');
    expect(summaryAt, 'one summary line after the agent is done').toBeGreaterThan(raw.indexOf('PONG reply'));
    expect(raw.slice(0, summaryAt)).not.toContain('headroom');
    const secret = /hr-[A-Za-z0-9_-]{12}|127\.0\.0\.1:\d+/.exec(raw);
    expect(secret?.[0], `shown: ${raw.slice(Math.max(0, (secret?.index ?? 0) - 80), (secret?.index ?? 0) + 40)}`).toBeUndefined(); // the secret prefix is never shown

    const log = fs.readdirSync(path.join(env.XDG_STATE_HOME!, 'headroom', 'wrap'));
    const text = fs.readFileSync(path.join(env.XDG_STATE_HOME!, 'headroom', 'wrap', log[0]!), 'utf8');
    const pid = Number(/claude started, pid (\d+), pty/.exec(text)?.[1]);
    expect(pid).toBeGreaterThan(0);
    expect(alive(pid)).toBe(false);
  } finally {
    t.kill();
    fs.rmSync(cwd, { recursive: true, force: true });
    fs.rmSync(env.HOME!, { recursive: true, force: true });
  }
}, 90_000);
