import { describe, expect, it } from 'vitest';
import { JsonSpanError, type JsonNode, arrayItems, getMember, getString, readJson } from '../../src/intercept/json-spans.js';
import { corpusCase } from '../helpers/corpus.js';

const span = (src: string, n: JsonNode | undefined): string => (n ? src.slice(n.start, n.end) : '<none>');

describe('readJson', () => {
  it('records [start, end) of nested values and keys in source order', () => {
    const src = ' {"b": [1, {"c": "x\\ny"}, true], "a" :null , "n":-1.5e3 } ';
    const root = readJson(src);
    expect(root.kind).toBe('object');
    expect(span(src, root)).toBe('{"b": [1, {"c": "x\\ny"}, true], "a" :null , "n":-1.5e3 }');
    if (root.kind !== 'object') return;
    expect(root.keys).toEqual(['b', 'a', 'n']);
    expect(root.keyStarts.map((k) => src.slice(k, k + 3))).toEqual(['"b"', '"a"', '"n"']);
    const b = getMember(root, 'b');
    expect(span(src, b)).toBe('[1, {"c": "x\\ny"}, true]');
    const c = getMember(arrayItems(b)[1], 'c');
    expect(span(src, c)).toBe('"x\\ny"');
    expect(getString(arrayItems(b)[1], 'c')).toBe('x\ny');
    expect(span(src, arrayItems(b)[2])).toBe('true');
    expect(span(src, getMember(root, 'a'))).toBe('null');
    expect(getMember(root, 'n')).toMatchObject({ kind: 'number', value: -1500 });
    expect(span(src, getMember(root, 'n'))).toBe('-1.5e3');
  });

  it('keeps duplicate keys as found; lookups take the last, like JSON.parse', () => {
    const src = '{"k":1,"k":2,"j":{},"k":3}';
    const root = readJson(src);
    expect(root.kind === 'object' && root.keys).toEqual(['k', 'k', 'j', 'k']);
    expect(getMember(root, 'k')).toMatchObject({ value: 3 });
    expect(getMember(root, 'missing')).toBeUndefined();
  });

  it('handles empty containers and nested objects sharing depth', () => {
    const src = '{"a":{"x":{},"y":[]},"b":{"z":[{},[[]],{"q":"r"}]},"c":"d"}';
    const root = readJson(src);
    expect(root.kind === 'object' && root.keys).toEqual(['a', 'b', 'c']);
    expect(span(src, getMember(getMember(root, 'a'), 'y'))).toBe('[]');
    const z = arrayItems(getMember(getMember(root, 'b'), 'z'));
    expect(z.map((n) => span(src, n))).toEqual(['{}', '[[]]', '{"q":"r"}']);
    expect(getString(root, 'c')).toBe('d');
  });

  it('decodes every escape, surrogate pairs included, as JSON.parse does', () => {
    const cases = [
      '"\\" \\\\ \\/ \\b \\f \\n \\r \\t"',
      '"\\u0041\\u00e9\\u4e2d"',
      '"pair \\ud83d\\ude00 raw 😀"',
      '"ends with backslash \\\\"',
      '"\\\\\\"quoted\\\\\\""',
      `"${'long '.repeat(1000)}\\n${'tail '.repeat(1000)}"`,
    ];
    for (const src of cases) {
      const n = readJson(src);
      expect(n.kind === 'string' && n.value, src.slice(0, 40)).toBe(JSON.parse(src));
      expect([n.start, n.end]).toEqual([0, src.length]);
    }
  });

  it('keeps lone surrogates escaped in the source as lone UTF-16 units', () => {
    for (const src of ['"\\ud800"', '"a\\udc00b"', '"\\ude00\\ud83d"', '["\\ud83d", "x"]']) {
      expect(JSON.stringify(nodeValue(readJson(src)))).toBe(JSON.stringify(JSON.parse(src)));
    }
    const lone = readJson('"\\ud800"');
    expect(lone.kind === 'string' && lone.value.charCodeAt(0)).toBe(0xd800);
  });

  it('rejects malformed JSON with an offset', () => {
    const bad = ['', ' ', '{', '{"a"}', '{"a":}', '{"a":1,}', '[1,]', '[1 2]', '{a:1}', "{'a':1}", '"abc', '"a\\x"', '"\\u12"', '"a\tb"',
      '01', '1.', '-', '+1', 'tru', 'nulls', '{} {}', '\uFEFF{}', 'NaN', '[1]]', '{"a":1}}', '"\\'];
    for (const src of bad) {
      expect(() => JSON.parse(src), `JSON.parse ${src}`).toThrow();
      let err: unknown;
      try {
        readJson(src);
      } catch (e) {
        err = e;
      }
      expect(err, src).toBeInstanceOf(JsonSpanError);
      expect((err as JsonSpanError).offset).toBeGreaterThanOrEqual(0);
    }
  });

  it('refuses 100k-deep nesting with an error instead of overflowing the stack', () => {
    for (const src of ['['.repeat(100_000) + ']'.repeat(100_000), '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000)]) {
      expect(() => readJson(src)).toThrow(/Nesting deeper than 512/);
    }
    expect(() => readJson('['.repeat(512) + ']'.repeat(512))).not.toThrow();
    expect(() => readJson('[[[]]]', { maxDepth: 2 })).toThrow(JsonSpanError);
  });

  it('reads a 50 MB body, long plain and escaped strings alike', () => {
    const out = 'line of tool output\twith tabs\n'.repeat(50_000);
    const big = JSON.stringify({ messages: Array.from({ length: 30 }, (_, k) => ({ role: 'user', content: [{ type: 'text', text: `${k}${out}` }] })), raw: 'x'.repeat(5_000_000) });
    expect(big.length).toBeGreaterThan(50_000_000);
    const root = readJson(big);
    const last = arrayItems(getMember(root, 'messages'))[29];
    const text = getMember(arrayItems(getMember(last, 'content'))[0], 'text');
    expect(text?.kind === 'string' && text.value).toBe(`29${out}`);
    expect(JSON.parse(big.slice(text?.start, text?.end))).toBe(`29${out}`);
    expect(getString(root, 'raw')?.length).toBe(5_000_000);
  });
});

function nodeValue(n: JsonNode): unknown {
  if (n.kind === 'array') return n.items.map(nodeValue);
  if (n.kind === 'object') return Object.fromEntries(n.keys.map((k, j) => [k, nodeValue(n.values[j] ?? { kind: 'null', start: 0, end: 0 })]));
  return n.kind === 'null' ? null : n.value;
}

describe('long escaped strings', () => {
  const log = corpusCase('logs/loghub-hdfs').input.repeat(5); // ~1.4 MB, a newline escape per line
  it('decode on first read to what JSON.parse gives', () => {
    const src = JSON.stringify({ a: log, b: `${log}\\ "\u00e9\ud83d\ude00` });
    const node = readJson(src);
    expect(node.kind === 'object' && node.values.map((v) => (v.kind === 'string' ? v.value : null))).toEqual([log, `${log}\\ "\u00e9\ud83d\ude00`]);
  });
  it('with a bad escape fail when read, with JsonSpanError', () => {
    const src = JSON.stringify(log).replace('\\n', '\\x');
    const node = readJson(src);
    expect(() => node.kind === 'string' && node.value).toThrow(JsonSpanError);
  });
});
