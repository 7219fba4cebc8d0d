// `headroom wrap` start-up and memory, side by side with starting the agent
// directly (interleaved, so both see the same noise), in a real PTY:
//   - time from spawn to the agent's first byte on the terminal, and to its
//     ready screen (Claude Code's input box), direct vs wrapped;
//   - memory of the wrap process while the session runs (RSS, and peak).
// The provider is a small fake on loopback (there is no network).
// Runs on the compiled dist/ (`npm run bench:wrap` builds first).
//
//   node scripts/bench-wrap.mjs [--n 10]

import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pty from 'node-pty';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const n = (() => {
  const i = process.argv.indexOf('--n');
  return i > 0 ? Number(process.argv[i + 1]) : 10;
})();
const KEY = 'sk-ant-bench-0123456789abcdefghijklmnop';

function fakeProvider() {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.method === 'HEAD' || !req.url.startsWith('/v1/messages')) return res.end('{}');
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const ev = (type, data) => res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
      ev('message_start', { message: { id: 'msg_b', type: 'message', role: 'assistant', model: 'claude-x', content: [], usage: { input_tokens: 1, output_tokens: 1 } } });
      ev('content_block_start', { index: 0, content_block: { type: 'text', text: '' } });
      ev('content_block_delta', { index: 0, delta: { type: 'text_delta', text: 'ok' } });
      ev('content_block_stop', { index: 0 });
      ev('message_delta', { delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 1 } });
      ev('message_stop', {});
      res.end();
    });
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r(server)));
}

const rssOf = (pid) => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') * 1024, peak: kb('VmHWM') * 1024 };
};

async function once(wrapped, url) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-bench-home-'));
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'hr-bench-cwd-'));
  fs.writeFileSync(path.join(home, '.claude.json'), JSON.stringify({ hasCompletedOnboarding: true, customApiKeyResponses: { approved: [KEY.slice(-20)], rejected: [] }, projects: { [cwd]: { hasTrustDialogAccepted: true } } }));
  const env = { HOME: home, PATH: `${repo}/node_modules/.bin:/usr/bin:/bin`, TERM: 'xterm-256color', ANTHROPIC_BASE_URL: url, ANTHROPIC_API_KEY: KEY, XDG_STATE_HOME: path.join(home, 'state'), XDG_DATA_HOME: path.join(home, 'data') };
  const [file, args] = wrapped ? [process.execPath, [path.join(repo, 'bin/headroom'), 'wrap', 'claude']] : [path.join(repo, 'node_modules/.bin/claude'), []];
  const t0 = performance.now();
  const p = pty.spawn(file, args, { name: 'xterm-256color', cols: 100, rows: 30, cwd, env });
  let first;
  let ready;
  let out = '';
  let memory;
  const done = new Promise((resolve) => p.onExit(resolve));
  await new Promise((resolve) => {
    p.onData((d) => {
      first ??= performance.now() - t0;
      out += d;
      if (ready === undefined && out.includes('shift+tab')) {
        ready = performance.now() - t0;
        if (wrapped) memory = rssOf(p.pid);
        resolve();
      }
    });
  });
  p.write('\x03');
  await new Promise((r) => setTimeout(r, 200));
  p.write('\x03');
  await done;
  fs.rmSync(home, { recursive: true, force: true });
  fs.rmSync(cwd, { recursive: true, force: true });
  return { first, ready, memory };
}

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const server = await fakeProvider();
const url = `http://127.0.0.1:${server.address().port}`;
const direct = [];
const wrapped = [];
await once(false, url); // warm the disk cache for both
await once(true, url);
for (let i = 0; i < n; i++) {
  direct.push(await once(false, url));
  wrapped.push(await once(true, url));
}
server.close();
const row = (name, xs, key) => `| ${name} | ${pct(xs.map((x) => x[key]), 50).toFixed(0)} | ${pct(xs.map((x) => x[key]), 90).toFixed(0)} |`;
const added = (key, p) => pct(wrapped.map((x) => x[key]), p) - pct(direct.map((x) => x[key]), p);
console.log(`claude interactive in a PTY, ${n} runs each, interleaved (ms from spawn)\n`);
console.log('| run | p50 | p90 |\n|---|---:|---:|');
console.log(row('direct: first byte', direct, 'first'));
console.log(row('wrapped: first byte', wrapped, 'first'));
console.log(row('direct: ready screen', direct, 'ready'));
console.log(row('wrapped: ready screen', wrapped, 'ready'));
console.log(`\nadded by wrap: first byte p50 ${added('first', 50).toFixed(0)} ms, ready screen p50 ${added('ready', 50).toFixed(0)} ms (target: at most 150 ms)`);
const mb = (b) => (b / 1048576).toFixed(1);
console.log(`wrap process memory at the ready screen: RSS p50 ${mb(pct(wrapped.map((x) => x.memory.rss), 50))} MB, peak p90 ${mb(pct(wrapped.map((x) => x.memory.peak), 90))} MB`);
