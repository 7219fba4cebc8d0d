import { describe, expect, test } from 'vitest';
import { type FactStore, GLOBAL, SecretRefused } from '../../src/facts/index.js';

// One suite for every backend of the memory store (SQLite file, Redis server).

const P = '/work/project';
const DAY = 86_400_000;

export function factStoreContract(name: string, open: (now: () => number) => Promise<FactStore>): void {
  describe(`fact store contract: ${name}`, () => {
    const clock = () => {
      let t = Date.UTC(2026, 0, 1);
      return { now: () => t, advance: (ms: number) => (t += ms) };
    };

    test('the same text modulo case, punctuation and spacing is one entry listing both agents', async () => {
      const c = clock();
      const s = await open(c.now);
      try {
        const a = await s.save({ text: 'Use `pnpm`, not npm.', scope: P, agent: 'claude', session: 's1' });
        c.advance(1000);
        const b = await s.save({ text: '  use PNPM not   npm ', scope: P, agent: 'codex', session: 's2' });
        expect(a.outcome).toBe('new');
        expect(b.outcome).toBe('same');
        expect(b.fact.id).toBe(a.fact.id);
        expect(b.fact.saved).toBe(2);
        expect(b.fact.provenance.map((p) => p.agent)).toEqual(['claude', 'codex']);
        expect((await s.list({ project: P })).length).toBe(1);
      } finally {
        await s.close();
      }
    });

    test('a near-duplicate merges; an update stays apart, linked, and ranks first', async () => {
      const c = clock();
      const s = await open(c.now);
      try {
        const first = await s.save({ text: 'The e2e tests need --runInBand or they deadlock on the shared database', scope: P, agent: 'claude', session: 's1' });
        const near = await s.save({ text: 'The e2e tests always need --runInBand or they deadlock on the shared database', scope: P, agent: 'gemini', session: 's2' });
        expect(near.outcome).toBe('merged');
        expect(near.fact.id).toBe(first.fact.id);
        expect(near.fact.provenance.map((p) => p.agent)).toEqual(['claude', 'gemini']);

        const v2 = await s.save({ text: 'The billing API is v2', scope: P, agent: 'claude', session: 's1' });
        c.advance(DAY);
        const v3 = await s.save({ text: 'The billing API moved to v3', scope: P, agent: 'codex', session: 's3' });
        expect(v3.outcome).toBe('update');
        expect(v3.fact.replaces).toBe(v2.fact.id);
        const hits = await s.search('billing API', { project: P });
        expect(hits.map((h) => h.fact.text)).toEqual(['The billing API moved to v3', 'The billing API is v2']);
        expect(hits[1]!.fact.replacedBy).toBe(v3.fact.id);
        // A session starts with the newer one only.
        expect((await s.top(P, 10)).map((f) => f.id)).not.toContain(v2.fact.id);
      } finally {
        await s.close();
      }
    });

    test('search ranks by relevance, sees the project and global facts, not other projects', async () => {
      const c = clock();
      const s = await open(c.now);
      try {
        await s.save({ text: 'Run the unit tests with npm test; the e2e tests with npm run e2e', scope: P, agent: 'a', session: 's' });
        await s.save({ text: 'The staging database is read-only', scope: P, agent: 'a', session: 's' });
        await s.save({ text: 'Always use python3 for scripts', scope: GLOBAL, agent: 'a', session: 's' });
        await s.save({ text: 'Tests of the other project run with cargo test', scope: '/work/other', agent: 'a', session: 's' });
        const hits = await s.search('how to run tests', { project: P });
        expect(hits[0]!.fact.text).toMatch(/^Run the unit tests/);
        expect(hits.some((h) => h.fact.scope === '/work/other')).toBe(false);
        expect((await s.search('python3', { project: P })).map((h) => h.fact.scope)).toEqual([GLOBAL]);
        expect((await s.search('zebra quantum', { project: P })).length).toBe(0);
        // Found counts what searches gave out.
        expect((await s.list({ project: P })).find((f) => f.text.startsWith('Run'))!.found).toBe(1);
        expect((await s.list({ all: true })).length).toBe(4);
      } finally {
        await s.close();
      }
    });

    test('refuses secrets and stores nothing', async () => {
      const s = await open(clock().now);
      try {
        for (const text of [
          'the anthropic key is sk-ant-api03-abcdefghijklmnopqrstuvwx',
          'connect with postgres://app:s3cretpass@db.internal:5432/app',
          'AWS key AKIAIOSFODNN7EXAMPLE works',
          'password = hunter2hunter2',
          '-----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXk',
        ]) {
          await expect(s.save({ text, scope: P, agent: 'a', session: 's' })).rejects.toBeInstanceOf(SecretRefused);
        }
        expect((await s.count()).total).toBe(0);
        // Naming where a secret lives is fine.
        expect((await s.save({ text: 'The API key is in $STRIPE_KEY, see .env.example', scope: P, agent: 'a', session: 's' })).outcome).toBe('new');
      } finally {
        await s.close();
      }
    });

    test('export and import round-trip; importing twice changes nothing; rm unlinks', async () => {
      const c = clock();
      const s = await open(c.now);
      try {
        await s.save({ text: 'The billing API is v2', scope: P, agent: 'claude', session: 's1' });
        c.advance(DAY);
        const v3 = await s.save({ text: 'The billing API moved to v3', scope: P, agent: 'codex', session: 's2' });
        await s.save({ text: 'Prefer rg over grep', scope: GLOBAL, agent: 'gemini', session: 's3' });
        const exported = await s.exportAll();
        expect(await s.importFacts(exported)).toEqual({ added: 0, merged: 3 });
        expect(await s.exportAll()).toEqual(exported);
        expect(await s.remove(v3.fact.replaces!)).toBe(true);
        expect((await s.get(v3.fact.id))!.replaces).toBeUndefined();
        expect(await s.remove(v3.fact.replaces!)).toBe(false);
      } finally {
        await s.close();
      }
      const fresh = await open(clock().now);
      try {
        await fresh.importFacts([{ id: '', text: 'prefer RG over grep!', scope: GLOBAL, created: 1, updated: 1, saved: 2, found: 0, provenance: [{ agent: 'x', session: 'y', at: 1 }] }]);
        const [f] = await fresh.list({ all: true });
        expect(f!.saved).toBe(2);
      } finally {
        await fresh.close();
      }
    });
  });
}
