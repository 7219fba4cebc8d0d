#!/usr/bin/env node
// `npm test` needs a real redis-server (the store's Redis tests start one) and
// Debian's chromium (the savings page's browser test opens the page in it).
// On a fresh Debian machine as root this installs what is missing from apt, so
// README's test command is all the set-up there is; elsewhere it says what to run.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

const needs = [
  { pkg: 'redis-server', present: () => has('redis-server'), why: 'the Redis store tests' },
  // HEADROOM_CHROMIUM points the browser test at another Chromium binary.
  { pkg: 'chromium', present: () => fs.existsSync(process.env.HEADROOM_CHROMIUM ?? '/usr/bin/chromium'), why: "the savings page's browser test" },
];
const missing = needs.filter((n) => !n.present());

if (missing.length > 0) {
  const pkgs = missing.map((n) => n.pkg);
  if (process.getuid?.() === 0 && has('apt-get')) {
    console.error(`test set-up: installing ${pkgs.join(' and ')} from apt (needed by ${missing.map((n) => n.why).join(' and ')})`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', ...pkgs], { stdio: 'inherit', env });
  } else {
    console.error(`The tests need ${pkgs.join(' and ')}: install ${pkgs.length > 1 ? 'them' : 'it'} (for example \`sudo apt-get install ${pkgs.join(' ')}\`) and run npm test again.`);
    process.exit(1);
  }
}
