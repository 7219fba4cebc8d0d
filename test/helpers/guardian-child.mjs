// A stand-in for `headroom wrap`, for test/wrap/guardian/start.test.ts: the
// guardian from the build, guarding a listening socket and one marked
// process (that ignores SIGTERM), as wrap sets them up, without an agent CLI.
//
//   node guardian-child.mjs <sessionDir> <logFile> [--stand-down]
//     prints "READY <port> <guardianPid> <markedPid>", then waits to be killed;
//     --stand-down: stands the guardian down instead, prints "STOOD-DOWN" and exits.

import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const g = await import(path.join(repo, 'dist/wrap/guardian/index.js'));

const [sessionDir, logFile, mode] = process.argv.slice(2);
const server = net.createServer((s) => s.destroy());
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const marker = 'guardian-test-marker';
const guardian = g.startGuardian({ sessionDir, marker, logFile, hold: [g.listeningFd(server)] });
// Deaf to SIGTERM: the guardian must wait out its grace and SIGKILL it, so the port stays held a while.
const marked = spawn('/bin/sh', ['-c', "trap '' TERM; exec /bin/sleep 60"], { env: { [g.SESSION_VAR]: marker }, stdio: 'ignore', detached: true });
g.writeRecord(sessionDir, { marker, wrap: g.selfId(), guardian: guardian.id, agent: g.selfId(marked.pid) });
marked.unref();
process.stdout.write(`READY ${server.address().port} ${guardian.id.pid} ${marked.pid}\n`);
if (mode === '--stand-down') {
  await guardian.standDown();
  server.close();
  process.stdout.write('STOOD-DOWN\n');
} else {
  setInterval(() => {}, 1_000);
}
