import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOT_AVAILABLE } from '../../src/memory/types.js';
import { headroom, inPool, isolatedEnv } from '../helpers/cli.js';
import { CORPUS_ROOT, corpusCase, corpusCases } from '../helpers/corpus.js';

// Compress in one set of processes, retrieve in others: the store is the only
// thing they share. Four at a time, so writers also overlap on one SQLite file.
const GROUPS = ['logs', 'json', 'grep', 'code', 'html', 'diffs', 'listings', 'transcripts/claude-code'];

describe('round trip through the store, across processes', () => {
  it('gives back every corpus original byte for byte', { timeout: 300_000 }, async () => {
    const env = isolatedEnv();
    const cases = GROUPS.flatMap((g) => corpusCases(g));
    const compressed = await inPool(cases, 4, async (k) => {
      const r = await headroom(['compress', '--json', path.join(CORPUS_ROOT, k.id, 'input.txt')], { env });
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout.toString('utf8')) as { text: string; ids: string[]; passthrough?: string };
      return { k, report };
    });
    const withIds = compressed.filter((c) => c.report.ids.length > 0);
    // Everything that elided something kept its original, and its markers say so.
    for (const { k, report } of compressed) {
      if (report.passthrough) expect(report.text).toBe(k.input);
      else {
        expect(report.ids).toHaveLength(1);
        expect(report.text).toContain(`; retrieve id=${report.ids[0]}]`);
      }
    }
    // Outputs under about 2,000 tokens lose only noise, so some pass through whole.
    expect(withIds.length).toBeGreaterThan(cases.length * 0.7);
    await inPool(withIds, 4, async ({ k, report }) => {
      const r = await headroom(['retrieve', report.ids[0]!], { env });
      expect(r.code).toBe(0);
      expect(r.stdout.equals(fs.readFileSync(path.join(CORPUS_ROOT, k.id, 'input.txt')))).toBe(true);
    });
    // The store is owner-only.
    const db = path.join(env.XDG_DATA_HOME!, 'headroom', 'store.db');
    expect(fs.statSync(db).mode & 0o777).toBe(0o600);
  });

  it('retrieves ranges and matching lines, and says a missing id is gone for good', async () => {
    const env = isolatedEnv();
    const k = corpusCase('logs/loghub-zookeeper');
    const c = await headroom(['compress', '--json'], { input: k.input, env });
    const id = (JSON.parse(c.stdout.toString('utf8')) as { ids: string[] }).ids[0]!;
    const lines = await headroom(['retrieve', id, '--lines', '10-12'], { env });
    expect(lines.stdout.toString('utf8')).toBe(`${k.input.split('\n').slice(9, 12).join('\n')}\n`);
    const grep = await headroom(['retrieve', id, '--grep', 'ERROR'], { env });
    expect(grep.stdout.toString('utf8').split('\n')[0]).toMatch(/^\d+:.*ERROR/);

    const gone = await headroom(['retrieve', 'hr_aaaaaaaaaaaa'], { env });
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain(NOT_AVAILABLE);
    const bad = await headroom(['retrieve', 'nonsense'], { env });
    expect(bad.code).toBe(2);
  });

  it('records compressions and retrievals for stats', async () => {
    const env = isolatedEnv();
    const k = corpusCase('logs/loghub-hdfs');
    const c = await headroom(['compress', '--json', '--tool', 'Bash'], { input: k.input, env });
    const id = (JSON.parse(c.stdout.toString('utf8')) as { ids: string[] }).ids[0]!;
    await headroom(['retrieve', id], { env });
    await headroom(['retrieve', 'hr_aaaaaaaaaaaa'], { env });
    const s = await headroom(['stats', '--json'], { env });
    const report = JSON.parse(s.stdout.toString('utf8')) as { rows: Array<Record<string, unknown>>; misses: number; entries: number };
    expect(report.rows).toEqual([
      expect.objectContaining({ type: 'log', compressor: 'log-template-dedup', compressions: 1, stored: 1, retrieved: 1, retrievals: 1 }),
    ]);
    expect(report.misses).toBe(1);
    expect(report.entries).toBe(1);
    const human = await headroom(['stats'], { env });
    expect(human.stdout.toString('utf8')).toMatch(/log-template-dedup\s+1\s+1\s+100\.0%\s+1/);
  });

  it('passes through when the store cannot be opened, and says how to go on', async () => {
    const env = isolatedEnv('postgres://nowhere/db');
    const k = corpusCase('logs/loghub-hdfs');
    const r = await headroom(['compress'], { input: k.input, env });
    expect(r.code).toBe(0);
    expect(r.stdout.toString('utf8')).toBe(k.input);
    expect(r.stderr).toContain('--no-store');
    const lossy = await headroom(['compress', '--no-store'], { input: k.input, env });
    expect(lossy.stdout.length).toBeLessThan(k.input.length / 5);
    expect(lossy.stdout.toString('utf8')).not.toContain('retrieve id=');
  });
});
