import { type Upkeep, clearStore, pruneStore, storeTarget } from '../../memory/index.js';
import { StoreError } from '../../memory/types.js';
import { humanBytes } from '../bytes.js';
import { confirm } from '../confirm.js';
import { EXIT, ExitError, UsageError } from '../errors.js';
import { configuredOrExplain } from '../open-store.js';
import { writeOut } from '../write-out.js';

// `headroom store prune` and `headroom store clear`: upkeep by hand of the
// store every headroom process shares.

export interface PruneFlags {
  readonly olderThan?: string;
  readonly json?: boolean;
}

export interface ClearFlags {
  readonly yes?: boolean;
  readonly json?: boolean;
}

function days(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`--older-than must be a number of days (0 or more), got ${JSON.stringify(value)}`);
  return n;
}

async function run<T>(what: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    if (err instanceof StoreError) throw new ExitError(`cannot ${what} the store: ${err.message}`, EXIT.failure, { cause: err });
    throw err;
  }
}

function report(verb: string, u: Upkeep): string {
  const disk = u.fileBytesBefore !== undefined && u.fileBytesAfter !== undefined ? `; file ${humanBytes(u.fileBytesBefore)} -> ${humanBytes(u.fileBytesAfter)}` : '';
  const kept = u.removedBytes > 0 ? ` (${humanBytes(u.removedBytes)} stored)` : '';
  return `headroom store: ${verb} ${u.removed.toLocaleString('en-US')} original${u.removed === 1 ? '' : 's'}${kept} from ${u.location}, ${u.entries.toLocaleString('en-US')} left${disk}${u.note ? `\n  ${u.note}` : ''}\n`;
}

export async function runStorePrune(flags: PruneFlags): Promise<void> {
  const olderThan = days(flags.olderThan);
  const config = configuredOrExplain();
  const u = await run('prune', () => pruneStore(config, olderThan !== undefined ? { days: olderThan } : {}));
  await writeOut(flags.json ? `${JSON.stringify(u)}\n` : report('removed', u));
}

export async function runStoreClear(flags: ClearFlags): Promise<void> {
  const config = configuredOrExplain();
  const location = await run('read', async () => {
    const t = storeTarget(config);
    if (t.kind !== 'redis') return t.location;
    const { redactRedisUrl } = await import('../../memory/redis-store.js');
    return redactRedisUrl(t.url);
  });
  if (!flags.yes) {
    if (!process.stdin.isTTY) throw new UsageError(`store clear removes every original in ${location}: confirm in a terminal, or add --yes`);
    const ok = await confirm(`Remove every original and the recorded stats from ${location}? Markers already sent will answer "no longer available".`);
    if (!ok) throw new ExitError('nothing removed', EXIT.failure);
  }
  const u = await run('clear', () => clearStore(config));
  await writeOut(flags.json ? `${JSON.stringify(u)}\n` : report('removed', u));
}
