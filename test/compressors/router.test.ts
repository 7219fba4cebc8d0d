import { describe, expect, it } from 'vitest';
import { makeProbe } from '../../src/compressors/probe.js';
import { COMPRESSORS, FALLBACK } from '../../src/compressors/registry.js';
import { route } from '../../src/compressors/router.js';
import type { Compressor, ContentType } from '../../src/compressors/types.js';
import { CORPUS_ROOT, FIXTURES_ROOT, WIDE_ROOT, allCases, corpusCase, corpusCases, tuningCases } from '../helpers/corpus.js';

/** Share of the wide corpus's tuning half routed to its label (the bench prints the exact figure). */
const ROUTER_FLOOR = 0.93;

// Each real sample must reach the compressor that understands it.
const EXPECTED: Array<[string, (name: string) => ContentType]> = [
  ['logs', (n) => (/^(pytest|gotest)/.test(n) ? 'test' : /^(cargo|tsc|npm)/.test(n) ? 'build' : 'log')],
  ['json', () => 'json'],
  ['transcripts/claude-code', () => 'json'],
  ['grep', () => 'search'],
  ['code', () => 'code'],
  ['html', () => 'html'],
  ['diffs', () => 'diff'],
  ['listings', () => 'listing'],
];

describe('router on the corpus', () => {
  for (const [group, expected] of EXPECTED) {
    for (const k of corpusCases(group)) {
      it(`${k.id} -> ${expected(k.name)}`, () => {
        expect(route(makeProbe(k.input), COMPRESSORS, FALLBACK).compressor.type).toBe(expected(k.name));
      });
    }
  }
});

// The wide corpus labels each case with the kind a router should give it.
// Its tuning half's routing is held to a floor; the bench reports both halves.
describe('router on the wide corpus', () => {
  const labelled = (['test', 'build', 'log', 'search', 'json', 'code', 'html', 'diff', 'listing', 'table', 'prose', 'binary'] as const).flatMap((t) =>
    tuningCases(t).map((k) => ({ k, label: t })),
  );

  it('routes at least 93% of the tuning half to its labelled kind', () => {
    const wrong = labelled.filter(({ k, label }) => route(makeProbe(k.input), COMPRESSORS, FALLBACK).compressor.type !== label);
    expect(labelled.length).toBeGreaterThan(150);
    expect(1 - wrong.length / labelled.length).toBeGreaterThanOrEqual(ROUTER_FLOOR);
  });

  // Misroutings issue 11 found, each on the real output that showed it.
  it.each([
    ['log/strace-f-curl-http-request', 'log'], // strace was taken for source code
    ['log/fastify-pino-json-request-log', 'log'], // JSON-lines logs are logs, read line by line
    ['log/nginx-access-combined-local-traffic', 'log'],
    ['log/apt-term-log-tail-1500', 'log'], // dpkg's progress lines: no timestamp, no level, a few verbs
    ['log/memcached-vv-ascii-protocol', 'log'],
    ['log/gunicorn-error-log-debug', 'log'], // 10 KB whose first 8 KB are a config dump
    ['build/tsc-pretty-zod-renamed-util', 'build'], // coloured tsc output
    ['build/mypy-strict-lazr-uri', 'build'],
    ['test/unittest-verbose-pyflakes-integration-failures', 'test'],
  ])('%s -> %s', (id, type) => {
    expect(route(makeProbe(corpusCase(id, WIDE_ROOT).input), COMPRESSORS, FALLBACK).compressor.type).toBe(type);
  });

  // Logs with no timestamp and no level word open their lines with a few heads (a tag, a [pid:level]).
  it.each(['ngircd-no-timestamps', 'node-debug-net-http'])('logs/%s (a run here) -> log', (name) => {
    expect(route(makeProbe(corpusCase(`logs/${name}`, FIXTURES_ROOT).input), COMPRESSORS, FALLBACK).compressor.type).toBe('log');
  });

  it('a C header whose lines repeat a macro is no log', () => {
    expect(route(makeProbe(corpusCase('code/openssl-ocsp-h', FIXTURES_ROOT).input), COMPRESSORS, FALLBACK).compressor.type).not.toBe('log');
  });

  it('documents whose lines repeat a head are still prose: go doc, a changelog', () => {
    for (const id of ['prose/go-doc-all-strings', 'prose/mime-db-history']) {
      expect(route(makeProbe(corpusCase(id, WIDE_ROOT).input), COMPRESSORS, FALLBACK).compressor.type).toBe('prose');
    }
  });

  it('a Markdown page opening with a heading is prose, not a Go build header', () => {
    const readme = corpusCase('prose/pino-docs-api', WIDE_ROOT).input;
    expect(route(makeProbe(readme), COMPRESSORS, FALLBACK).compressor.type).not.toBe('build');
  });
});

describe('router', () => {
  const fixed = (name: string, score: number | (() => number)): Compressor => ({
    name,
    type: 'prose',
    score: typeof score === 'number' ? () => score : score,
    compress: (text) => ({ text, elisions: [] }),
  });

  it('picks the highest score, earlier on ties, and skips scorers that throw', () => {
    const probe = makeProbe('text');
    const boom = fixed('boom', () => {
      throw new Error('scorer bug');
    });
    const a = fixed('a', 0.5);
    const b = fixed('b', 0.5);
    const fb = fixed('fallback', 0.01);
    expect(route(probe, [boom, a, b], fb).compressor.name).toBe('a');
    expect(route(probe, [boom, fixed('neg', -1)], fb).compressor.name).toBe('fallback');
  });

  it('routes plain prose to the fallback', () => {
    const text = 'This is a paragraph of ordinary prose.\nIt has two sentences on two lines.\n';
    expect(route(makeProbe(text), COMPRESSORS, FALLBACK).compressor.type).toBe('prose');
  });
});

// The router skips a scorer once the best score so far reaches its declared
// maximum: that is only sound if no input scores above it. Checked on every
// real input of both corpora, whole and cut to the sizes routing sees most.
describe('declared maximum scores', () => {
  const bounded = COMPRESSORS.filter((c) => c.maxScore !== undefined);
  const texts = [...allCases(CORPUS_ROOT), ...allCases(WIDE_ROOT)].flatMap((k) => [k.input, k.input.slice(0, 10 * 1024), k.input.slice(0, 2 * 1024)]);

  it('some scorers declare one, each below certainty', () => {
    expect(bounded.map((c) => c.type).sort()).toEqual(['code', 'json', 'listing', 'table']);
    for (const c of bounded) expect(c.maxScore).toBeLessThan(0.95);
  });

  it('no scorer goes above its maximum, and skipping gives the route asking every scorer gives', () => {
    const unbounded = COMPRESSORS.map((c) => ({ ...c, maxScore: undefined }) as Compressor);
    const fallback = unbounded[unbounded.length - 1]!;
    for (const text of texts) {
      const probe = makeProbe(text);
      for (const c of bounded) expect(c.score(probe, 0)).toBeLessThanOrEqual(c.maxScore!);
      expect(route(probe, COMPRESSORS, FALLBACK).compressor.name).toBe(route(probe, unbounded, fallback).compressor.name);
    }
  });
});
