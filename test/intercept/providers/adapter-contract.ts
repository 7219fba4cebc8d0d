import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type JsonNode, getMember, readJson } from '../../../src/intercept/json-spans.js';
import { spliceBody, toJsonString } from '../../../src/intercept/json-literal.js';
import type { ParsedRequest, ProviderAdapter } from '../../../src/intercept/providers/types.js';
import { REPO_ROOT } from '../../helpers/corpus.js';

// The shared contract every provider adapter passes (STYLE.md §6): each
// adapter's test file calls runAdapterContract with the real request bodies
// of its agents (../shared/agent-requests) plus bodies derived from them.

export const REQUESTS_ROOT = process.env.HEADROOM_AGENT_REQUESTS ?? path.resolve(REPO_ROOT, '..', 'shared', 'agent-requests');

/** A recorded request body, exactly as the agent sent it. */
export function realBody(file: string): string {
  return fs.readFileSync(path.join(REQUESTS_ROOT, file), 'utf8');
}

/**
 * A real body with extra turns appended to its turn list, written in the
 * body's own one-space indentation so the result still looks like the agent's.
 */
export function appendTurns(body: string, listKey: string, turns: readonly unknown[]): string {
  const list = getMember(readJson(body), listKey);
  if (list?.kind !== 'array') throw new Error(`no ${listKey} list`);
  const close = list.end - 1;
  const head = body.slice(0, close).trimEnd();
  const text = turns.map((t) => JSON.stringify(t, null, 1).replace(/\n/g, '\n ')).join(',\n  ');
  return `${head}${list.items.length > 0 ? ',' : ''}\n  ${text}\n ${body.slice(close)}`;
}

export interface ExpectedOutput {
  readonly tool?: string;
  readonly callId?: string;
  readonly turn: number;
  readonly isError?: boolean;
  readonly text?: string;
}

export interface BodyCase {
  readonly name: string;
  readonly body: string;
  readonly pathname: string;
  readonly outputs: readonly ExpectedOutput[];
  readonly turns: number;
  readonly liveFrom: number;
  readonly stream: boolean;
  readonly model?: string;
}

export interface AdapterContractOptions {
  readonly cases: readonly BodyCase[];
  /** The top-level member holding the turns: messages, input or contents. */
  readonly listKey: string;
  /** Paths this adapter must take (POST). */
  readonly accepts: readonly string[];
  /** [method, path] pairs it must leave alone. */
  readonly declines: ReadonlyArray<readonly [string, string]>;
  /** What a string in place of the turn list means: an error, or (Responses' `input`) one prompt. */
  readonly stringTurnList?: 'throws' | 'one-turn';
}

// JSON.parse's value for a node, except literals starting at a key of `swap`.
function valueOf(node: JsonNode, swap: ReadonlyMap<number, string>): unknown {
  switch (node.kind) {
    case 'object': {
      const o: Record<string, unknown> = {};
      // defineProperty, so a "__proto__" key stays an own property as in JSON.parse.
      node.keys.forEach((k, j) => {
        const v = node.values[j];
        if (v) Object.defineProperty(o, k, { value: valueOf(v, swap), enumerable: true, writable: true, configurable: true });
      });
      return o;
    }
    case 'array':
      return node.items.map((n) => valueOf(n, swap));
    case 'null':
      return null;
    case 'string':
      return swap.get(node.start) ?? node.value;
    default:
      return node.value;
  }
}

// Finds the end of the value starting at `from` by trying each closing brace.
function valueAt(body: string, from: number): unknown {
  for (let e = body.indexOf('}', from); e >= 0; e = body.indexOf('}', e + 1)) {
    try {
      return JSON.parse(body.slice(from, e + 1));
    } catch {
      // not yet the end of this object
    }
  }
  throw new Error(`no JSON object at ${from}`);
}

function checkCase(adapter: ProviderAdapter, c: BodyCase, listKey: string): void {
  const parse = (): ParsedRequest => adapter.parse(c.body, c.pathname);

  it('finds the expected outputs, turns, live zone, stream flag and model', () => {
    const r = parse();
    expect(r.provider).toBe(adapter.name);
    expect(r.outputs.map(({ tool, callId, turn, isError }) => ({ tool, callId, turn, isError }))).toEqual(
      c.outputs.map(({ tool, callId, turn, isError }) => ({ tool, callId, turn, isError })),
    );
    c.outputs.forEach((o, k) => {
      if (o.text !== undefined) expect(r.outputs[k]?.text).toBe(o.text);
    });
    expect({ turns: r.turns, liveFrom: r.liveFrom, stream: r.stream, model: r.model }).toEqual({
      turns: c.turns,
      liveFrom: c.liveFrom,
      stream: c.stream,
      model: c.model,
    });
    expect(parse()).toEqual(r);
  });

  it('gives spans whose literal decodes to exactly the text, inside the right turn', () => {
    const r = parse();
    const list = (JSON.parse(c.body) as Record<string, unknown[]>)[listKey] ?? [];
    let last = -1;
    for (const o of r.outputs) {
      expect(o.start).toBeGreaterThanOrEqual(last);
      last = o.end;
      expect(c.body[o.start]).toBe('"');
      expect(c.body[o.end - 1]).toBe('"');
      expect(JSON.parse(c.body.slice(o.start, o.end))).toBe(o.text);
      expect(JSON.stringify(list[o.turn])).toContain(JSON.stringify(o.text));
    }
  });

  it('lets every output be replaced without touching any other byte', () => {
    const r = parse();
    const out = spliceBody(c.body, r.outputs.map((o) => ({ start: o.start, end: o.end, literal: toJsonString('X') })));
    let at = 0;
    let pos = 0;
    for (const o of r.outputs) {
      const gap = c.body.slice(at, o.start);
      expect(out.slice(pos, pos + gap.length)).toBe(gap);
      expect(out.slice(pos + gap.length, pos + gap.length + 3)).toBe('"X"');
      pos += gap.length + 3;
      at = o.end;
    }
    expect(out.slice(pos)).toBe(c.body.slice(at));

    const tree = readJson(c.body);
    expect(valueOf(tree, new Map())).toEqual(JSON.parse(c.body));
    expect(JSON.parse(out)).toEqual(valueOf(tree, new Map(r.outputs.map((o) => [o.start, 'X']))));
  });

  it('gives each turn its span, in order', () => {
    const r = parse();
    const list = (JSON.parse(c.body) as Record<string, unknown[]>)[listKey] ?? [];
    expect(r.turnSpans?.length).toBe(r.turns);
    r.turnSpans?.forEach((s, k) => expect(JSON.parse(c.body.slice(s.start, s.end))).toEqual(list[k]));
    expect(r.turnSpans?.[r.liveFrom]?.start ?? r.liveOffset).toBe(r.liveOffset);
  });

  it('puts liveOffset where turn liveFrom begins', () => {
    const r = parse();
    const list = (JSON.parse(c.body) as Record<string, unknown[]>)[listKey] ?? [];
    if (r.liveFrom === r.turns) {
      expect(c.body[r.liveOffset]).toBe(']');
      return;
    }
    expect(c.body.slice(0, r.liveOffset)).toMatch(/[[,]\s*$/);
    expect(valueAt(c.body, r.liveOffset)).toEqual(list[r.liveFrom]);
    for (const o of r.outputs) expect(o.start >= r.liveOffset).toBe(o.turn >= r.liveFrom);
  });
}

export function runAdapterContract(adapter: ProviderAdapter, opts: AdapterContractOptions): void {
  const pathname = opts.accepts[0] ?? '/';

  describe(`${adapter.name} adapter contract`, () => {
    for (const c of opts.cases) describe(c.name, () => checkCase(adapter, c, opts.listKey));

    it('takes its own paths, with or without a prefix or query string', () => {
      for (const p of opts.accepts) {
        expect(adapter.matches('POST', p), p).toBe(true);
        expect(adapter.matches('POST', `/hr-secret-prefix${p}`), p).toBe(true);
        expect(adapter.matches('POST', `${p}?beta=true&alt=sse`), p).toBe(true);
        expect(adapter.matches('GET', p), `GET ${p}`).toBe(false);
      }
    });

    it('leaves look-alike paths alone', () => {
      for (const [method, p] of opts.declines) expect(adapter.matches(method, p), `${method} ${p}`).toBe(false);
    });

    it('throws on malformed JSON', () => {
      const body = opts.cases[0]?.body ?? '{}';
      for (const bad of [body.slice(0, -2), `${body}x`, body.replace('{', '{,'), '', '{"a":1,}', '{"a":"\u0001"}']) {
        expect(() => adapter.parse(bad, pathname)).toThrow();
      }
    });

    it('throws on a body that is not an object or lacks the turn list', () => {
      const k = JSON.stringify(opts.listKey);
      for (const bad of ['[]', '"text"', 'null', '42', '{}', `{${k}:{}}`, `{${k}:42}`, `{${k}:null}`, `{${k}:[1]}`, `{${k}:["hi"]}`, `{${k}:[[]]}`]) {
        expect(() => adapter.parse(bad, pathname), bad).toThrow();
      }
    });

    const body = `{${JSON.stringify(opts.listKey)}:"hello"}`;
    if (opts.stringTurnList === 'one-turn') {
      it('reads a string turn list as one turn with nothing to rewrite (the API allows it)', () => {
        expect(adapter.parse(body, pathname)).toMatchObject({ outputs: [], turns: 1 });
      });
    } else {
      it('throws when the turn list is a string', () => {
        expect(() => adapter.parse(body, pathname)).toThrow();
      });
    }

    it('refuses a 100k-deep body with an error, not a crash', () => {
      const deep = `{${JSON.stringify(opts.listKey)}:[${'['.repeat(100_000)}${']'.repeat(100_000)}]}`;
      expect(() => adapter.parse(deep, pathname)).toThrow(/deeper/);
    });
  });
}
