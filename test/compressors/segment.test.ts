import { describe, expect, it } from 'vitest';
import { segment } from '../../src/compressors/segment.js';
import { corpusCase } from '../helpers/corpus.js';

const join = (text: string) => segment(text).map((s) => s.text).join('');

describe('segment', () => {
  it('leaves a plain payload whole', () => {
    const log = corpusCase('logs/loghub-hdfs').input;
    expect(segment(log)).toEqual([{ text: log, kind: 'auto' }]);
  });

  it('splits fenced code out of markdown, with the fence lines verbatim', () => {
    const md = 'Intro text\n\n```python\ndef f(x):\n    return x\n```\nOutro\n';
    const parts = segment(md);
    expect(parts.map((p) => p.kind)).toEqual(['auto', 'verbatim', 'typed', 'verbatim', 'auto']);
    expect(parts[2]).toMatchObject({ type: 'code', language: 'python', text: 'def f(x):\n    return x\n' });
    expect(join(md)).toBe(md);
  });

  it('splits a JSON dump out of a command log', () => {
    const json = JSON.stringify({ a: 1, b: [1, 2, 3], c: { d: 'e' } }, null, 2);
    const text = `$ curl -s api/thing\nHTTP 200 in 12ms\n${json}\ndone in 3s\n`;
    const parts = segment(text);
    expect(parts).toHaveLength(3);
    expect(parts[1]!.text).toBe(`${json}\n`);
    expect(join(text)).toBe(text);
  });

  it('routes a trailing git diff on its own', () => {
    const diff = corpusCase('diffs/gitdiff-requests-v2.32.0-v2.32.3').input;
    const text = `$ git status\nOn branch main\n${diff}`;
    const parts = segment(text);
    expect(parts.at(-1)).toMatchObject({ kind: 'typed', type: 'diff' });
    expect(join(text)).toBe(text);
  });

  it('stays linear on JSON lines and unclosed fences', () => {
    const jsonl = '{"a":1}\n'.repeat(200_000);
    expect(segment(jsonl)).toHaveLength(1);
    const fences = '```\n'.repeat(1) + 'x\n'.repeat(100_000);
    expect(join(fences)).toBe(fences);
  });
});

describe('segment on code', () => {
  it('does not mistake a brace on its own line for a JSON dump', () => {
    const rust = corpusCase('code/anyhow-error-rs').input;
    expect(segment(rust)).toHaveLength(1);
  });
});
