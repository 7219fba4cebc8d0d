#!/usr/bin/env node
// Runs the real Claude Code CLI (headroom's dev dependency) against a local fake Anthropic
// provider on 127.0.0.1, makes it run one Bash command whose output is large, and writes the
// tool_result text Claude Code sent upstream (its <persisted-output> preview) to OUT.
//   node dl-claude-persisted.mjs OUT CWD 'COMMAND'
// Same approach as test/helpers/agent-provider.ts and agents.ts (temporary HOME, ANTHROPIC_BASE_URL).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

const [out, cwd, command] = process.argv.slice(2);
if (!out || !cwd || !command) throw new Error('usage: dl-claude-persisted.mjs OUT CWD COMMAND');
const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
const BIN = path.join(REPO, 'node_modules', '.bin', 'claude');
const API_KEY = 'sk-fake-agent-harness-0123456789abcdef';

const sse = (event, data) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
function stream(blocks, stop) {
  const usage = { input_tokens: 12, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 1 };
  const o = [sse('message_start', { type: 'message_start', message: { id: 'msg_01Fake', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [], stop_reason: null, stop_sequence: null, usage } })];
  blocks.forEach((b, index) => {
    if (b.type === 'text') {
      o.push(sse('content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } }));
      o.push(sse('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text: b.text } }));
    } else {
      o.push(sse('content_block_start', { type: 'content_block_start', index, content_block: { type: 'tool_use', id: 'toolu_01Fake', name: b.name, input: {} } }));
      o.push(sse('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: JSON.stringify(b.input) } }));
    }
    o.push(sse('content_block_stop', { type: 'content_block_stop', index }));
  });
  o.push(sse('message_delta', { type: 'message_delta', delta: { stop_reason: stop, stop_sequence: null }, usage: { output_tokens: 20 } }));
  o.push(sse('message_stop', { type: 'message_stop' }));
  return o;
}

let captured = null;
const trace = [];
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const raw = Buffer.concat(chunks).toString('utf8');
    const pathname = (req.url ?? '/').split('?')[0];
    let body = {};
    try { body = JSON.parse(raw); } catch {}
    trace.push(`${req.method} ${pathname}`);
    if (req.method === 'POST' && pathname.endsWith('/count_tokens')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ input_tokens: Math.ceil(raw.length / 4) }));
    }
    if (req.method !== 'POST' || !pathname.endsWith('/v1/messages')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end('{}');
    }
    const results = (body.messages ?? []).flatMap((m) => (Array.isArray(m.content) ? m.content : [])).filter((b) => b?.type === 'tool_result');
    const hasBash = (body.tools ?? []).some((t) => t?.name === 'Bash');
    let blocks, stop;
    if (results.length) {
      captured ??= results[0];
      blocks = [{ type: 'text', text: 'ALL DONE' }];
      stop = 'end_turn';
    } else if (hasBash) {
      blocks = [{ type: 'tool_use', name: 'Bash', input: { command, description: 'Run the command' } }];
      stop = 'tool_use';
    } else {
      blocks = [{ type: 'text', text: 'Command output check' }];
      stop = 'end_turn';
    }
    if (body.stream === true) {
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
      for (const f of stream(blocks, stop)) res.write(f);
      return res.end();
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: 'msg_01Fake', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: blocks.map((b) => (b.type === 'text' ? b : { type: 'tool_use', id: 'toolu_01Fake', name: b.name, input: b.input })), stop_reason: stop, stop_sequence: null, usage: { input_tokens: 12, output_tokens: 20 } }));
  });
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}`;

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dl-claude-'));
const home = path.join(root, 'home');
fs.mkdirSync(path.join(home, 'tmp'), { recursive: true });
fs.writeFileSync(path.join(home, '.claude.json'), JSON.stringify({ hasCompletedOnboarding: true, customApiKeyResponses: { approved: [API_KEY.slice(-20)], rejected: [] }, projects: { [cwd]: { hasTrustDialogAccepted: true } } }));
const env = {
  PATH: process.env.PATH, HOME: home, TERM: 'dumb',
  XDG_CONFIG_HOME: path.join(home, '.config'), XDG_DATA_HOME: path.join(home, '.local/share'), XDG_STATE_HOME: path.join(home, '.local/state'), XDG_CACHE_HOME: path.join(home, '.cache'),
  TMPDIR: path.join(home, 'tmp'), ANTHROPIC_BASE_URL: url, ANTHROPIC_API_KEY: API_KEY,
};
const child = spawn(BIN, ['-p', 'Run the command with your Bash tool, then say ALL DONE.', '--allowedTools', 'Bash'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
let stdout = '', stderr = '';
child.stdout.on('data', (d) => (stdout += d));
child.stderr.on('data', (d) => (stderr += d));
const timer = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch {} }, 180_000);
const code = await new Promise((r) => child.on('exit', (c) => r(c)));
clearTimeout(timer);
try { process.kill(-child.pid, 'SIGKILL'); } catch {}
server.close();
server.closeAllConnections();
if (!captured) {
  console.error(`no tool_result reached the provider (exit ${code})\n${trace.join('\n')}\nstdout: ${stdout}\nstderr: ${stderr}`);
  process.exit(1);
}
const content = captured.content;
const text = typeof content === 'string' ? content : content.filter((b) => b.type === 'text').map((b) => b.text).join('\n');
fs.writeFileSync(out, text);
fs.writeFileSync(`${out}.raw.json`, JSON.stringify(captured, null, 2));
console.log(`exit ${code}; tool_result ${text.length} chars; is_error=${captured.is_error ?? false}; ${trace.length} requests`);
fs.rmSync(root, { recursive: true, force: true });
