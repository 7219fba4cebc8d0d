#!/usr/bin/env node
// `npm test` needs a real redis-server (the store's Redis tests start one).
// On a fresh Debian machine as root this installs it from apt, so README's test
// command is all the set-up there is; elsewhere it says what to run.
import { execFileSync, spawnSync } from 'node:child_process';

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

if (!has('redis-server')) {
  if (process.getuid?.() === 0 && has('apt-get')) {
    console.error('test set-up: installing redis-server from apt (needed by the Redis store tests)');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'redis-server'], { stdio: 'inherit', env });
  } else {
    console.error('The tests need redis-server: install it (for example `sudo apt-get install redis-server`) and run npm test again.');
    process.exit(1);
  }
}
