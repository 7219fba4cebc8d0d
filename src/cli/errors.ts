import { redactUserinfo } from '../intercept/url-userinfo.js';

// The few error classes the CLI branches on. Modules throw these; only the
// entry point (main.ts) turns them into an exit status.

/** Exit statuses with a meaning scripts can rely on. */
export const EXIT = {
  ok: 0,
  failure: 1, // the command ran and failed (unreadable file, unknown id...)
  usage: 2, // the command line was wrong
  internal: 70, // a bug in headroom (EX_SOFTWARE)
} as const;

/** The user asked for something impossible: bad flag value, missing file. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A command that must end with a specific status and message. */
export class ExitError extends Error {
  override readonly name = 'ExitError';
  constructor(
    message: string,
    readonly code: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Removes things that must never reach a terminal or a log: API keys, URL credentials, home paths. */
export function redact(text: string): string {
  return redactUserinfo(text)
    .replace(/\b(sk-[A-Za-z0-9_-]{8,}|sk-ant-[A-Za-z0-9_-]{8,}|AIza[0-9A-Za-z_-]{20,})\b/g, '[redacted-key]')
    .replace(/(authorization|x-api-key|x-goog-api-key)(["']?\s*[:=]\s*["']?)[^\s"',]+/gi, '$1$2[redacted]')
    .replace(process.env.HOME && process.env.HOME.length > 1 ? new RegExp(escapeRegExp(process.env.HOME), 'g') : /$^/, '~');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The wrapped agent's own exit status, passed on without a message of ours. */
export class AgentExit extends Error {
  override readonly name = 'AgentExit';
  constructor(readonly code: number) {
    super(`agent exited with ${code}`);
  }
}
