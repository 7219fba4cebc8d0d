import { describe, expect, it } from 'vitest';
import { checkJson } from '../../../src/compressors/guard/index.js';
import { jsonCompressor } from '../../../src/compressors/json/json.js';
import { Kind } from '../../../src/compressors/json/node.js';
import { parseJson } from '../../../src/compressors/json/parse.js';
import { analyse } from '../../../src/compressors/json/shape.js';
import { isMarkerLine } from '../../../src/compressors/marker.js';
import { estimateTokens } from '../../../src/compressors/tokens.js';
import { corpusCase, FIXTURES_ROOT } from '../../helpers/corpus.js';

// Issue 11: an entry of a map is named by its key. Past the budget the names
// stay first (listed in a marker, with the values when they are a few short
// ones), and the entries a long list keeps are spread evenly over all of it.

const k = corpusCase('json/globals-15-globals-json', FIXTURES_ROOT);
const doc = JSON.parse(k.input) as Record<string, Record<string, boolean>>;
const browser = Object.keys(doc.browser!);

/** The quoted names a marker line lists. */
function listed(line: string): string[] {
  return [...line.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`) as string);
}

describe('a map of globals, each true or false (globals.json)', () => {
  // About two thirds of the input: every name fits, not every entry as JSON.
  const ctx = { budgetGiven: true, budgetTokens: 16000, lossy: true, estimateTokens };
  const out = jsonCompressor.compress(k.input, ctx);
  const lines = out.text.split('\n');

  it('projects the input', () => {
    expect(out.form).toBe('json');
    expect(checkJson(k.input, out.text, false)).toBeNull();
    expect(estimateTokens(out.text)).toBeLessThan(ctx.budgetTokens * 1.1);
  });

  it('keeps most names of the largest map, where whole entries kept half of them', () => {
    const kept = browser.filter((name) => out.text.includes(JSON.stringify(name)));
    expect(kept.length).toBeGreaterThan(browser.length * 0.85);
  });

  it("states each listed name's value, and each names marker is shorter than the entries it stands for", () => {
    const markers = lines.filter((l) => isMarkerLine(l) && l.includes(': "'));
    expect(markers.length).toBeGreaterThan(0);
    for (const m of markers) {
      // Values lead their group: `false: "alert", "atob", true: "onload"`.
      expect(m).toMatch(/\((?:true|false): "/);
      const names = listed(m);
      expect(names).toHaveLength(Number(/\[headroom: (\d+) entries/.exec(m)![1]));
      let shown = 0;
      for (const name of names) shown += `\t\t${JSON.stringify(name)}: false,\n`.length;
      expect(m.length).toBeLessThan(shown);
    }
    // A listed name's value is the one its group states.
    const where = lines.findIndex((l) => l.includes('"onload"') && isMarkerLine(l));
    if (where >= 0) expect(lines[where]).toMatch(/true: (?:"[^"]+", )*"onload"/);
  });
});

describe("a map of versions by name (node's process.versions)", () => {
  const v = corpusCase('json/node-process-versions', FIXTURES_ROOT);
  const names = Object.keys(JSON.parse(v.input) as Record<string, string>);

  it('names every component before it shows any version', () => {
    // A budget that holds every name and a few values: the values are one column, after the names.
    const ctx = { budgetGiven: true, budgetTokens: 120, lossy: true, estimateTokens };
    const out = jsonCompressor.compress(v.input, ctx);
    expect(checkJson(v.input, out.text, false)).toBeNull();
    expect(names.filter((name) => !out.text.includes(JSON.stringify(name)))).toEqual([]);
    expect(out.text.match(/": "/g)!.length).toBeLessThan(names.length);
  });
});

describe('a map whose values hold brackets', () => {
  it('lists every name it leaves out, and states no value a marker could not hold', () => {
    // A marker ends at its first bracket: values like "[x]" are not stated, and no name is lost.
    const map = Object.fromEntries(browser.slice(0, 600).map((name, i) => [name, i % 3 ? '[x]' : '[y]']));
    const input = JSON.stringify({ globals: map }, null, 2);
    const ctx = { budgetGiven: true, budgetTokens: Math.round(estimateTokens(input) / 2), lossy: true, estimateTokens };
    const out = jsonCompressor.compress(input, ctx);
    expect(checkJson(input, out.text, false)).toBeNull();
    const markers = out.text.split('\n').filter((l) => l.includes('[headroom: ') && l.includes('"'));
    expect(markers.length).toBeGreaterThan(0);
    for (const m of markers) {
      expect(isMarkerLine(m)).toBe(true);
      expect(m).not.toContain('[x]');
      expect(listed(m)).toHaveLength(Number(/\[headroom: (\d+) entries/.exec(m)![1]));
    }
  });
});

describe('the order in which a long list keeps its elements', () => {
  // Prefixes of the real map, of many lengths: at a share c kept, entries at evenly spaced
  // places (the fifths, sixths, ... of the list) should be kept about as often as c. Blocks
  // that grew around the same halving points at every budget kept 35% of them at c = 0.5.
  const entries = Object.entries(doc.browser!);
  const rate = (share: number): number => {
    let hit = 0;
    let all = 0;
    for (let n = 40; n <= entries.length; n = Math.ceil(n * 1.07)) {
      const { root } = parseJson(JSON.stringify(Object.fromEntries(entries.slice(0, n)), null, '\t'));
      analyse(root, estimateTokens);
      expect(root.map && root.kind === Kind.Object).toBe(true);
      const order = root.kids.map((e, i) => [e.spread, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
      const kept = new Set(order.slice(0, Math.round(share * n)).map(([, i]) => i));
      for (const parts of [5, 6, 7, 8]) {
        for (let j = 1; j < parts - 1; j++) {
          all++;
          if (kept.has(Math.round((j * (n - 1)) / (parts - 1)))) hit++;
        }
      }
    }
    return hit / all;
  };

  it.each([0.5, 0.7, 0.9])('keeps evenly spaced entries about as often as any at a share of %s', (share) => {
    expect(rate(share)).toBeGreaterThan(share - 0.1);
  });
});

describe("a map inside records: npm query's packages, each with its devDependencies by name", () => {
  // Issue 11: the names of a map inside a record ranked as a plain list's values, below every
  // column of the other records (their paths, ids and locations): a package's devDependencies
  // kept 2 to 5 of their names of 17 and 23 at budgets that held every record's other columns.
  const q = corpusCase('json/yargs-npm-query-deps', FIXTURES_ROOT);
  const pkgs = JSON.parse(q.input) as { name: string; devDependencies?: Record<string, string> }[];
  const maps = pkgs.filter((p) => Object.keys(p.devDependencies ?? {}).length >= 16);

  it.each([1600, 2000])('names most entries of each such map at a budget of %s', (budget) => {
    const out = jsonCompressor.compress(q.input, { budgetGiven: true, budgetTokens: budget, lossy: true, estimateTokens });
    expect(checkJson(q.input, out.text, false)).toBeNull();
    expect(maps.length).toBe(2);
    for (const p of maps) {
      const keys = Object.keys(p.devDependencies!);
      const named = keys.filter((key) => out.text.includes(JSON.stringify(key)));
      expect(named.length).toBeGreaterThan(keys.length * 0.7);
    }
    // Every package is still there by name.
    for (const p of pkgs) expect(out.text).toContain(`"name": ${JSON.stringify(p.name)}`);
  });
});
