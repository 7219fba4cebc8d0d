import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { Session, Step, ToolCall, ToolResult, TranscriptFormat } from '../../../src/learn/types.js';
import { CORPUS_ROOT, FIXTURES_ROOT } from '../../helpers/corpus.js';
import { head } from '../../../src/learn/transcripts/transcript-io.js';

// The contract every transcript parser meets, run against the agent's real
// fixtures: read without throwing, steps in order with every result answering
// an earlier call, the fixture's failing call found as a failure with its
// command, malformed input skipped and counted (never thrown), its own files
// recognised and other agents' refused, and files found where the agent keeps
// them under a temporary HOME. An agent may skip a malformed case only by
// naming it with a reason, as hono's routers skip shared cases.

/** Damage done to a copy of a line-based fixture (JSONL or markdown). */
export type LinesCase = 'garbage-line' | 'truncated-last-line' | 'invalid-utf8' | 'empty-file' | 'binary-noise' | 'huge-line';
/** Damage done to a copy of a database fixture. */
export type DatabaseCase = 'empty-file' | 'truncated-file' | 'header-garbage';

export interface Expectation {
  /** The call that failed: its command, and (when the transcript has one) its exit code and a piece of its output. */
  readonly failing: { readonly command: string | RegExp; readonly exitCode?: number; readonly output?: string | RegExp };
  /** A later call that worked. */
  readonly fixed?: { readonly command: string | RegExp };
  readonly cwd?: string;
}

export interface ContractOptions {
  /** Real transcripts of this agent; `expect` describes the first. */
  readonly fixtures: readonly string[];
  readonly expect: Expectation;
  /** Other agents' transcripts, which `recognizes` must refuse. */
  readonly foreign: readonly string[];
  readonly storage?: 'lines' | 'database';
  /** Where the agent keeps a transcript: under HOME, and under the folder an environment variable names. */
  readonly placement: {
    home(home: string, fixture: string): string;
    override?: { readonly variable: string; value(dir: string): string; place(dir: string, fixture: string): string };
  };
  readonly skip?: Partial<Record<LinesCase | DatabaseCase, string>>;
  /** Steps follow the file, not the clock: Claude Code logs parallel tool results seconds out of time order. */
  readonly fileOrder?: boolean;
}

const OUTPUT_MAX = 4096 + 64;

const matches = (text: string | undefined, want: string | RegExp): boolean =>
  text !== undefined && (typeof want === 'string' ? text === want : want.test(text));


/** The failing call (and its result) the expectation names, searched across sessions. */
export function findCall(sessions: readonly Session[], command: string | RegExp): { call: ToolCall; result?: ToolResult; after: Step[] } | undefined {
  for (const s of sessions) {
    const i = s.steps.findIndex((st) => st.kind === 'call' && matches(st.command, command));
    if (i === -1) continue;
    const call = s.steps[i] as ToolCall;
    const result = s.steps.find((st, j) => j > i && st.kind === 'result' && st.id === call.id) as ToolResult | undefined;
    return { call, result, after: s.steps.slice(i + 1) };
  }
  return undefined;
}

/** Deterministic noise: the same bytes every run. */
function noise(n: number): Buffer {
  const out = Buffer.alloc(n);
  let x = 0x2545f491;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const LINE_CASES: Record<LinesCase, (bytes: Buffer) => Buffer> = {
  'garbage-line': (b) => Buffer.concat([b, Buffer.from('this is not a record {"\n')]),
  'truncated-last-line': (b) => {
    const body = b.subarray(0, b.length - (b[b.length - 1] === 0x0a ? 1 : 0));
    const start = body.lastIndexOf(0x0a) + 1;
    return body.subarray(0, start + Math.floor((body.length - start) / 2));
  },
  'invalid-utf8': (b) => {
    const nl = b.indexOf(0x0a) + 1;
    return Buffer.concat([b.subarray(0, nl), Buffer.from([0x7b, 0x22, 0x78, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x7d, 0x0a]), b.subarray(nl)]);
  },
  'empty-file': () => Buffer.alloc(0),
  'binary-noise': () => noise(8192),
  'huge-line': (b) => Buffer.concat([b, Buffer.from(`${'x'.repeat(5 * 1024 * 1024)}\n`)]),
};

const DATABASE_CASES: Record<DatabaseCase, (bytes: Buffer) => Buffer> = {
  'empty-file': () => Buffer.alloc(0),
  'truncated-file': (b) => b.subarray(0, Math.floor(b.length / 2)),
  'header-garbage': (b) => Buffer.concat([noise(100), b.subarray(100)]),
};

const total = (sessions: readonly Session[], key: 'skipped' | 'steps') =>
  sessions.reduce((n, s) => n + (key === 'skipped' ? s.skipped : s.steps.length), 0);

export function transcriptContract(format: TranscriptFormat, opts: ContractOptions): void {
  const temp: string[] = [];
  const tempDir = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), `hr-learn-${format.agent}-`));
    temp.push(d);
    return d;
  };
  afterAll(() => {
    for (const d of temp) fs.rmSync(d, { recursive: true, force: true });
  });
  /** A damaged copy under the fixture's own name (parsers read ids and layout from names). */
  const damaged = (fixture: string, bytes: Buffer) => {
    const file = path.join(tempDir(), path.basename(fixture));
    fs.writeFileSync(file, bytes);
    return file;
  };

  describe(`${format.agent} transcripts: shared contract`, () => {
    test.each(opts.fixtures)('reads %s into ordered steps, each result answering an earlier call', async (fixture) => {
      const sessions = await format.read(fixture);
      expect(sessions.length).toBeGreaterThan(0);
      expect(total(sessions, 'steps')).toBeGreaterThan(0);
      for (const s of sessions) {
        expect(s.agent).toBe(format.agent);
        expect(s.file).toBe(fixture);
        const calls = new Set<string>();
        let last = '';
        for (const st of s.steps) {
          if (st.kind === 'call') calls.add(st.id);
          if (st.kind === 'result') {
            expect(calls.has(st.id), `result ${st.id} without an earlier call`).toBe(true);
            expect(st.output.length).toBeLessThanOrEqual(OUTPUT_MAX);
          }
          if (st.at) {
            if (!opts.fileOrder) expect(Date.parse(st.at) >= Date.parse(last || st.at), `${st.at} after ${last}`).toBe(true);
            last = st.at;
          }
        }
      }
      // Same bytes in, same sessions out.
      expect(await format.read(fixture)).toEqual(sessions);
    });

    test('finds the failing call with its command, then the call that worked', async () => {
      const sessions = await format.read(opts.fixtures[0]!);
      const { failing, fixed, cwd } = opts.expect;
      const found = findCall(sessions, failing.command);
      expect(found, `no call matching ${failing.command}`).toBeDefined();
      expect(found!.result?.isError).toBe(true);
      if (failing.exitCode !== undefined) expect(found!.result?.exitCode).toBe(failing.exitCode);
      if (failing.output !== undefined) expect(matches(found!.result?.output, failing.output instanceof RegExp ? failing.output : new RegExp(failing.output.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))).toBe(true);
      if (fixed) {
        const later = findCall([{ ...sessions[0]!, steps: found!.after }], fixed.command);
        expect(later, `no later call matching ${fixed.command}`).toBeDefined();
        expect(later!.result?.isError).toBe(false);
      }
      if (cwd !== undefined) expect(sessions.map((s) => s.cwd)).toContain(cwd);
    });

    const storage = opts.storage ?? 'lines';
    const cases: Array<[string, (b: Buffer) => Buffer]> = Object.entries(storage === 'lines' ? LINE_CASES : DATABASE_CASES);
    for (const [name, damage] of cases) {
      const reason = opts.skip?.[name as LinesCase | DatabaseCase];
      // A named reason leaves the case out (markdown has no records for a cut line to break).
      if (reason) continue;
      test(`malformed input: ${name} is skipped and counted, never thrown`, async () => {
        for (const fixture of opts.fixtures) {
          const before = await format.read(fixture);
          const file = damaged(fixture, damage(fs.readFileSync(fixture)));
          const after = await format.read(file);
          if (name === 'empty-file') {
            expect(total(after, 'steps')).toBe(0);
            if (storage === 'database') expect(total(after, 'skipped')).toBeGreaterThan(0);
          } else if (name === 'binary-noise' || storage === 'database') {
            expect(total(after, 'skipped')).toBeGreaterThan(0);
          } else {
            // One damaged line: counted once, and everything else still read.
            expect(total(after, 'skipped')).toBe(total(before, 'skipped') + 1);
            if (name !== 'truncated-last-line') expect(total(after, 'steps')).toBe(total(before, 'steps'));
          }
        }
      }, 30_000);
    }

    test('recognizes its own transcripts and refuses other agents’', () => {
      for (const f of opts.fixtures) expect(format.recognizes(f, head(f)), f).toBe(true);
      for (const f of opts.foreign) expect(format.recognizes(f, head(f)), f).toBe(false);
    });

    test('locates a transcript where the agent keeps it under HOME, and where its environment variable points', () => {
      const fixture = opts.fixtures[0]!;
      const home = tempDir();
      expect(format.locate(home, {})).toEqual([]);
      const placed = opts.placement.home(home, fixture);
      fs.mkdirSync(path.dirname(placed), { recursive: true });
      fs.copyFileSync(fixture, placed);
      expect(format.locate(home, {})).toContain(placed);
      const override = opts.placement.override;
      if (override) {
        const dir = tempDir();
        const moved = override.place(dir, fixture);
        fs.mkdirSync(path.dirname(moved), { recursive: true });
        fs.copyFileSync(fixture, moved);
        expect(format.locate(tempDir(), { [override.variable]: override.value(dir) })).toContain(moved);
      }
    });
  });
}

/** The real transcripts under test/fixtures/learn, one per agent (see each folder's meta.json). */
export const FIXTURES = path.join(FIXTURES_ROOT, 'learn');
export const AGENT_FIXTURES = {
  codex: path.join(FIXTURES, 'codex', 'ls-fails', 'rollout-2026-11-22T00-53-43-01a200be-a420-7102-830b-a7769a8fe67b.jsonl'),
  gemini: path.join(FIXTURES, 'gemini', 'ls-fails', 'session-2026-11-22T00-53-cb301597.jsonl'),
  copilot: path.join(FIXTURES, 'copilot', 'ls-fails', 'events.jsonl'),
  opencode: path.join(FIXTURES, 'opencode', 'ls-fails', 'opencode.db'),
  aider: path.join(FIXTURES, 'aider', 'chessencryption-run-traceback', '.aider.chat.history.md'),
  claude: path.join(CORPUS_ROOT, 'transcripts', 'claude-code', 'spotter-session-8463c716', 'input.txt'),
} as const;

/** Every other agent's transcript, for `foreign`. */
export const foreignTo = (agent: keyof typeof AGENT_FIXTURES): string[] =>
  Object.entries(AGENT_FIXTURES)
    .filter(([a, f]) => a !== agent && fs.existsSync(f))
    .map(([, f]) => f);
