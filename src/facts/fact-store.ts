import type { FactBackend, StoredFact } from './backend.js';
import { factId } from './ids.js';
import { textKey, tidy } from './normalize.js';
import { rank, strip, weight } from './rank.js';
import { findSecret } from './secrets.js';
import { type Relation, note, relate } from './similarity.js';
import { type Fact, type FactStore, GLOBAL, type Provenance, type SaveInput, type SaveResult, type Scope, SecretRefused } from './types.js';

// The fact store every caller uses (CLI, MCP server, wrap), on any backend:
// refuse secrets, fold equal and near-duplicate notes into one entry that
// lists every agent that saved it, keep updates apart and linked, rank.

/** Longer than any note an agent should keep: facts are one-liners, not documents. */
export const MAX_TEXT = 1000;
/** Provenance entries kept per fact; the counts stay exact beyond it. */
const MAX_PROVENANCE = 50;

const scopesFor = (project: Scope | undefined): Scope[] => (project && project !== GLOBAL ? [project, GLOBAL] : [GLOBAL]);

/** `f` saved again with `p`; savings it already lists (an export imported twice) change nothing. */
function withSaving(f: StoredFact, p: readonly Provenance[], saved: number, found: number): StoredFact {
  const seen = new Set(f.provenance.map((x) => `${x.agent}\0${x.session}\0${x.at}`));
  const fresh = p.filter((x) => !seen.has(`${x.agent}\0${x.session}\0${x.at}`));
  if (fresh.length === 0) return f;
  const provenance = [...f.provenance, ...fresh].sort((a, b) => a.at - b.at).slice(-MAX_PROVENANCE);
  const updated = Math.max(f.updated, ...fresh.map((x) => x.at));
  return { ...f, provenance, saved: f.saved + saved, found: f.found + found, updated };
}

/** The closest stored fact and how the new text relates to it ('same' wins over 'update'). */
function closest(text: string, candidates: readonly StoredFact[]): { fact: StoredFact; relation: Relation } | undefined {
  let update: StoredFact | undefined;
  const mine = note(text);
  for (const c of candidates) {
    const r = relate(mine, c.text);
    if (r === 'same') return { fact: c, relation: r };
    if (r === 'update' && (!update || c.updated > update.updated)) update = c;
  }
  return update && { fact: update, relation: 'update' };
}

export function createFactStore(backend: FactBackend, now: () => number = Date.now): FactStore {
  /** Stores `incoming` (a new note or an imported fact) against what is there; one code path for save and import. */
  const absorb = async (incoming: StoredFact): Promise<SaveResult> => {
    const secret = findSecret(incoming.text);
    if (secret) throw new SecretRefused(secret);
    const equal = await backend.byKey(incoming.scope, incoming.key);
    if (equal) {
      const merged = withSaving(equal, incoming.provenance, incoming.saved, incoming.found);
      await backend.put(merged);
      return { outcome: 'same', fact: strip(merged) };
    }
    const near = closest(incoming.text, await backend.candidates(incoming.scope, incoming.text));
    if (near?.relation === 'same') {
      const merged = withSaving(near.fact, incoming.provenance, incoming.saved, incoming.found);
      await backend.put(merged);
      return { outcome: 'merged', fact: strip(merged) };
    }
    if (near?.relation === 'update' && near.fact.updated <= incoming.updated) {
      const fact: StoredFact = { ...incoming, replaces: near.fact.id };
      await backend.put(fact);
      const older = { ...near.fact, replacedBy: fact.id };
      await backend.put(older);
      return { outcome: 'update', fact: strip(fact), older: strip(older) };
    }
    await backend.put(incoming);
    return { outcome: 'new', fact: strip(incoming) };
  };

  return {
    kind: backend.kind,
    location: backend.location,

    async save(input: SaveInput): Promise<SaveResult> {
      const text = tidy(input.text);
      const at = input.at ?? now();
      const key = textKey(text);
      const provenance = [{ agent: input.agent, session: input.session, at }];
      return absorb({ id: factId(input.scope, key), key, text, scope: input.scope, created: at, updated: at, saved: 1, found: 0, provenance });
    },

    async search(query, options) {
      const limit = options.limit ?? 10;
      // Candidates beyond the limit, so recency can lift a slightly less relevant fact.
      const matches = await backend.match(query, scopesFor(options.project), Math.max(50, limit * 5));
      const hits = rank(matches, now(), limit);
      await backend.markFound(hits.map((h) => h.fact.id));
      return hits.map((h) => ({ ...h, fact: { ...h.fact, found: h.fact.found + 1 } }));
    },

    async list(options) {
      const facts = await backend.all(options.all ? undefined : scopesFor(options.project));
      return facts
        .sort((a, b) => b.updated - a.updated || a.id.localeCompare(b.id))
        .slice(0, options.limit ?? Number.POSITIVE_INFINITY)
        .map(strip);
    },

    async top(project, limit) {
      const at = now();
      const facts = (await backend.all(scopesFor(project))).filter((f) => !f.replacedBy);
      return facts
        .sort((a, b) => weight(b, at) - weight(a, at) || b.updated - a.updated || a.id.localeCompare(b.id))
        .slice(0, limit)
        .map(strip);
    },

    async get(id) {
      const f = await backend.get(id);
      return f && strip(f);
    },

    async remove(id) {
      const f = await backend.get(id);
      if (!f) return false;
      // Unlink both ways, so no fact points at one that is gone.
      for (const other of [f.replaces, f.replacedBy]) {
        const o = other ? await backend.get(other) : undefined;
        if (!o) continue;
        const { replaces, replacedBy, ...rest } = o;
        await backend.put({ ...rest, ...(replaces && replaces !== id && { replaces }), ...(replacedBy && replacedBy !== id && { replacedBy }) });
      }
      return backend.delete(id);
    },

    async exportAll() {
      return (await backend.all()).sort((a, b) => a.created - b.created || a.id.localeCompare(b.id)).map(strip);
    },

    async importFacts(facts: readonly Fact[]) {
      let added = 0;
      let merged = 0;
      for (const f of facts) {
        const text = tidy(f.text);
        const key = textKey(text);
        const r = await absorb({
          id: factId(f.scope, key),
          key,
          text,
          scope: f.scope,
          created: f.created,
          updated: f.updated,
          saved: f.saved,
          found: f.found,
          provenance: f.provenance,
        });
        if (r.outcome === 'same' || r.outcome === 'merged') merged++;
        else added++;
      }
      return { added, merged };
    },

    async count() {
      return { total: await backend.count() };
    },

    close: () => backend.close(),
  };
}
