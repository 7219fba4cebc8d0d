import type { ToolOutput } from '../providers/types.js';
import { earlierCopies } from '../repeats.js';
import { type SupersededReason, supersededBy } from './supersede.js';

// A repack's plan: what becomes of every output older than the live zone when
// a thread's cache has lapsed. It is made once, from the request that found
// the lapse, recorded (first writer wins) and replayed by every later request
// of the thread, so the epoch it opens repeats the same bytes until the next
// lapse. Outputs are named by call id (and the literal's place within the
// call): the history before them never changes, so neither does their role.

export type Role =
  /** Compressed as a repack compresses: reads included. */
  | { readonly kind: 'repack' }
  /** A short pointer to the newer call that superseded it. */
  | { readonly kind: 'pointer'; readonly by: string; readonly reason: SupersededReason }
  /** A reference to the earlier call that returned the same bytes. */
  | { readonly kind: 'copy'; readonly of: string; readonly tool: string };

export interface Plan {
  /** 1 for the thread's first repack, then 2, ... (0, no plan, is the thread as first sent). */
  readonly epoch: number;
  /** Turns of the request that opened it: it applies to requests at least this long... */
  readonly turns: number;
  /** ...that hold this call (the newest then): a branch rewound past it is not its continuation. */
  readonly anchor: string;
  readonly roles: ReadonlyMap<string, Role>;
}

/** An id may not hold the separators of the record. */
const plain = (s: string): boolean => !/[\t\n\0]/.test(s);

/** Each output's name in a plan: its call id and its place among that call's literals; undefined without a call id. */
export function roleKeys(outputs: readonly ToolOutput[]): Array<string | undefined> {
  const seen = new Map<string, number>();
  return outputs.map((o) => {
    if (o.callId === undefined || !plain(o.callId)) return undefined;
    const n = seen.get(o.callId) ?? 0;
    seen.set(o.callId, n + 1);
    return `${o.callId}\0${n}`;
  });
}

/**
 * The plan for a request whose cache has lapsed; undefined when it would
 * change nothing (no output older than the live zone). `keys`: the outputs'
 * decision keys (undefined for one too large to key).
 */
export function planRepack(
  outputs: readonly ToolOutput[],
  keys: ReadonlyArray<string | undefined>,
  liveFrom: number,
  epoch: number,
  turns: number,
): Plan | undefined {
  const names = roleKeys(outputs);
  const anchor = [...outputs].reverse().find((o) => o.callId !== undefined && plain(o.callId))?.callId;
  if (anchor === undefined) return undefined;
  const stale = supersededBy(outputs);
  // A superseded output is neither a copy nor what a copy points to: it is about to become a pointer itself.
  const copyOf = earlierCopies(outputs, keys.map((k, i) => (stale[i] ? undefined : k)));
  const roles = new Map<string, Role>();
  outputs.forEach((o, i) => {
    const name = names[i];
    if (name === undefined || o.turn >= liveFrom || keys[i] === undefined) return;
    const s = stale[i];
    const j = copyOf[i]!;
    const of = j >= 0 ? outputs[j]! : undefined;
    if (s && plain(s.by)) roles.set(name, { kind: 'pointer', by: s.by, reason: s.reason });
    else if (of && plain(of.tool ?? '')) roles.set(name, { kind: 'copy', of: of.callId!, tool: of.tool ?? '' });
    else roles.set(name, { kind: 'repack' });
  });
  return roles.size > 0 ? { epoch, turns, anchor, roles } : undefined;
}

/** Lines: "<epoch> <turns>\t<anchor>", then "R\t<name>", "P\t<name>\t<by>\t<reason>" or "C\t<name>\t<of>\t<tool>". */
export function encodePlan(p: Plan): Buffer {
  const lines = [`${p.epoch} ${p.turns}\t${p.anchor}`];
  for (const [name, r] of p.roles) {
    const n = name.replace('\0', '\t');
    if (r.kind === 'repack') lines.push(`R\t${n}`);
    else if (r.kind === 'pointer') lines.push(`P\t${n}\t${r.by}\t${r.reason}`);
    else lines.push(`C\t${n}\t${r.of}\t${r.tool}`);
  }
  return Buffer.from(lines.join('\n'), 'utf8');
}

const REASONS: ReadonlySet<string> = new Set<SupersededReason>(['read again', 'edited', 'run again']);

/** Undefined for a record this version cannot read. */
export function decodePlan(bytes: Uint8Array): Plan | undefined {
  const [head, ...lines] = Buffer.from(bytes).toString('utf8').split('\n');
  const m = /^(\d+) (\d+)\t(.+)$/.exec(head ?? '');
  if (!m) return undefined;
  const roles = new Map<string, Role>();
  for (const line of lines) {
    const [kind, call, n, a, b] = line.split('\t');
    if (call === undefined || n === undefined || !/^\d+$/.test(n)) return undefined;
    const name = `${call}\0${n}`;
    if (kind === 'R') roles.set(name, { kind: 'repack' });
    else if (kind === 'P' && a && b && REASONS.has(b)) roles.set(name, { kind: 'pointer', by: a, reason: b as SupersededReason });
    else if (kind === 'C' && a && b !== undefined) roles.set(name, { kind: 'copy', of: a, tool: b });
    else return undefined;
  }
  return { epoch: Number(m[1]), turns: Number(m[2]), anchor: m[3]!, roles };
}
