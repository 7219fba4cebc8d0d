import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

// A real redis-server for the Redis store tests: its own port, its own temp
// folder, no persistence. CI installs redis-server; when it is missing the
// tests fail with a message saying so rather than skipping.

export interface RedisServer {
  readonly port: number;
  /** redis://127.0.0.1:<port>, with the password when there is one. */
  readonly url: string;
  /** Starts it again on the same port (after stop). */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Freezes it (SIGSTOP): connections stay open but nothing answers, like a hung server. */
  pause(): void;
  resume(): void;
  /** Stops it and removes its folder: call in afterAll. */
  dispose(): Promise<void>;
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && fs.existsSync(path.join(dir, command)));
}

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** True once something on the port answers PING (NOAUTH counts: the server is up). */
function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => done(/^(\+PONG|-NOAUTH)/.test(d.toString())));
  });
}

export async function startRedisServer(options: { password?: string; args?: readonly string[] } = {}): Promise<RedisServer> {
  if (!onPath('redis-server')) {
    throw new Error('redis-server is not on PATH: install Redis 7 (e.g. apt-get install redis-server) to run the Redis store tests');
  }
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'headroom-redis-'));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir];
  if (options.password) args.push('--requirepass', options.password);
  if (options.args) args.push(...options.args);
  let child: ChildProcess | undefined;
  let log = '';

  const start = async (): Promise<void> => {
    log = '';
    child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
    child.stderr?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
    const started = child;
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (started.exitCode !== null) break;
      if (await answers(port)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    started.kill('SIGKILL');
    throw new Error(`redis-server did not answer PING on port ${port}:\n${log}`);
  };

  const stop = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    running.kill('SIGCONT'); // a paused server would not act on SIGTERM
    const exited = new Promise((r) => running.once('exit', r));
    running.kill('SIGTERM');
    const timer = setTimeout(() => running.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };

  await start();
  const auth = options.password ? `:${encodeURIComponent(options.password)}@` : '';
  return {
    port,
    url: `redis://${auth}127.0.0.1:${port}`,
    start,
    stop,
    pause: () => void child?.kill('SIGSTOP'),
    resume: () => void child?.kill('SIGCONT'),
    dispose: async () => {
      await stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
