// tb helper: obtains a real Claude Code Bash tool result for a failing command.
// Runs the real `claude` CLI (headroom's devDependency @anthropic-ai/claude-code) in print mode
// against a scripted provider on loopback: the provider's first answer asks for one Bash call
// (the command given here); Claude Code runs it and sends back its tool_result, which this
// script writes out byte for byte (the text block of that tool_result). Nothing is added by hand.
//   node tb-claude-exit.mjs <cwd> <out-file> <command...>
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';

const [cwd, outFile, ...cmdParts] = process.argv.slice(2);
const command = cmdParts.join(' ');
const CLAUDE = '/work/main/node_modules/.bin/claude';
const KEY = 'sk-ant-tb-0123456789abcdefghijklmnopqrst';
let captured = null;
const log = [];

function reply(res, stream, blocks, stop) {
  const message = { id: 'msg_tb' + Date.now(), type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: blocks, stop_reason: stop, stop_sequence: null, usage: { input_tokens: 10, output_tokens: 10 } };
  if (!stream) {
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end(JSON.stringify(message));
  }
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  const ev = (type, data) => res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
  ev('message_start', { message: { ...message, content: [], stop_reason: null } });
  blocks.forEach((b, index) => {
    if (b.type === 'text') {
      ev('content_block_start', { index, content_block: { type: 'text', text: '' } });
      ev('content_block_delta', { index, delta: { type: 'text_delta', text: b.text } });
    } else {
      ev('content_block_start', { index, content_block: { type: 'tool_use', id: b.id, name: b.name, input: {} } });
      ev('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: JSON.stringify(b.input) } });
    }
    ev('content_block_stop', { index });
  });
  ev('message_delta', { delta: { stop_reason: stop, stop_sequence: null }, usage: { output_tokens: 10 } });
  ev('message_stop', {});
  res.end();
}

const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    log.push(`${req.method} ${req.url}`);
    if (req.method !== 'POST' || !req.url.startsWith('/v1/messages') || req.url.includes('count_tokens')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(req.url.includes('count_tokens') ? '{"input_tokens":10}' : '{}');
    }
    const b = JSON.parse(body);
    const tools = (b.tools ?? []).map((t) => t.name);
    const last = b.messages[b.messages.length - 1];
    const results = Array.isArray(last.content) ? last.content.filter((c) => c.type === 'tool_result') : [];
    if (results.length) {
      captured = results[0];
      return reply(res, b.stream, [{ type: 'text', text: 'The command failed.' }], 'end_turn');
    }
    if (tools.includes('Bash')) {
      return reply(res, b.stream, [{ type: 'tool_use', id: 'toolu_tb01', name: 'Bash', input: { command, description: 'Run the tests' } }], 'tool_use');
    }
    return reply(res, b.stream, [{ type: 'text', text: 'ok' }], 'end_turn');
  });
});

server.listen(0, '127.0.0.1', () => {
  const url = `http://127.0.0.1:${server.address().port}`;
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-claude-home-'));
  fs.writeFileSync(path.join(home, '.claude.json'), JSON.stringify({ hasCompletedOnboarding: true, customApiKeyResponses: { approved: [KEY.slice(-20)], rejected: [] }, projects: { [cwd]: { hasTrustDialogAccepted: true } } }));
  const env = { HOME: home, PATH: process.env.PATH, TERM: 'dumb', ANTHROPIC_BASE_URL: url, ANTHROPIC_API_KEY: KEY, CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1', DISABLE_TELEMETRY: '1', DISABLE_ERROR_REPORTING: '1', DISABLE_AUTOUPDATER: '1' };
  const p = spawn(CLAUDE, ['-p', 'Run the test suite.', '--allowedTools', 'Bash', '--output-format', 'json'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  p.stdout.on('data', (d) => (out += d));
  p.stderr.on('data', (d) => (err += d));
  const timer = setTimeout(() => p.kill('SIGTERM'), 300_000);
  p.on('exit', (code) => {
    clearTimeout(timer);
    server.close();
    fs.rmSync(home, { recursive: true, force: true });
    if (!captured) {
      console.error('no tool_result captured; claude exit', code, '\n', log.join('\n'), '\n', out.slice(0, 2000), err.slice(0, 2000));
      process.exit(1);
    }
    const content = captured.content;
    const text = typeof content === 'string' ? content : content.filter((c) => c.type === 'text').map((c) => c.text).join('');
    fs.writeFileSync(outFile, text);
    fs.writeFileSync(outFile + '.json', JSON.stringify(captured, null, 1));
    console.log('captured tool_result, is_error =', captured.is_error, 'bytes =', Buffer.byteLength(text));
  });
});
