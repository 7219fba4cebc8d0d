// The memory of facts shared by every wrapped agent: short notes ("use
// python3", "the e2e tests need --runInBand") with where they hold (a project's
// git root, or everywhere) and who said them. Distinct from src/memory, which
// keeps the originals that compression left out.

/** `global`, or the absolute path of a project's git root (of the folder, outside git). */
export type Scope = string;
export const GLOBAL: Scope = 'global';

/** One saving of a fact: which agent, in which session, when. */
export interface Provenance {
  readonly agent: string;
  readonly session: string;
  /** Milliseconds since the epoch. */
  readonly at: number;
}

export interface Fact {
  /** `mem_` and 10 characters: stable for the same text in the same scope, on any machine. */
  readonly id: string;
  readonly text: string;
  readonly scope: Scope;
  readonly created: number;
  /** The last time it was saved again (or merged with a near-duplicate). */
  readonly updated: number;
  /** How often it was saved, near-duplicates merged into it included. */
  readonly saved: number;
  /** How often a search or a session start gave it to an agent. */
  readonly found: number;
  /** Every saving, oldest first (capped; the counts stay exact). */
  readonly provenance: readonly Provenance[];
  /** The older fact this one updates ("the API moved to v3" for "the API is v2"). */
  readonly replaces?: string;
  /** The newer fact that updates this one: this one ranks below it. */
  readonly replacedBy?: string;
}

export interface SaveInput {
  readonly text: string;
  readonly scope: Scope;
  readonly agent: string;
  readonly session: string;
  /** Defaults to the store's clock. */
  readonly at?: number;
}

/** `new`: stored; `same`: the same text was there (modulo case, punctuation, spacing); `merged`: a near-duplicate was; `update`: stored, and linked to the older fact it updates. */
export type SaveOutcome = 'new' | 'same' | 'merged' | 'update';

export interface SaveResult {
  readonly outcome: SaveOutcome;
  readonly fact: Fact;
  /** For `update`: the older fact. */
  readonly older?: Fact;
}

export interface SearchOptions {
  /** The project whose facts count (with the global ones); none: global facts only. */
  readonly project?: Scope;
  readonly limit?: number;
}

export interface SearchHit {
  readonly fact: Fact;
  /** Relevance (BM25) weighed by recency; higher first. Comparable within one answer only. */
  readonly score: number;
}

export interface ListOptions {
  /** As for search; `all` lists every scope. */
  readonly project?: Scope;
  readonly all?: boolean;
  readonly limit?: number;
}

export interface FactStore {
  readonly kind: 'sqlite' | 'redis';
  /** Safe to print: a file path, or a Redis URL without its password. */
  readonly location: string;
  /** Throws SecretRefused for text that looks like a credential; nothing is stored then. */
  save(input: SaveInput): Promise<SaveResult>;
  /** Ranked; counts each returned fact as found. */
  search(query: string, options: SearchOptions): Promise<SearchHit[]>;
  /** Newest first. */
  list(options: ListOptions): Promise<Fact[]>;
  /** The facts a session starts with: the most saved and found, newest first among equals, no superseded ones. */
  top(project: Scope, limit: number): Promise<Fact[]>;
  get(id: string): Promise<Fact | undefined>;
  remove(id: string): Promise<boolean>;
  /** Every fact of every scope, oldest first. */
  exportAll(): Promise<Fact[]>;
  /** Facts from an export, deduplicated against what is stored, with their provenance kept. */
  importFacts(facts: readonly Fact[]): Promise<{ readonly added: number; readonly merged: number }>;
  count(): Promise<{ readonly total: number }>;
  close(): Promise<void>;
}

/** The text looks like a credential: refused whole, never stored or logged. */
export class SecretRefused extends Error {
  override readonly name = 'SecretRefused';
  constructor(readonly what: string) {
    super(
      `not saved: the text looks like it holds ${what}. Facts are shown to every agent and may be shared with a team, ` +
        'so secrets are never stored. Say where the secret lives instead (for example "the API key is in $STRIPE_KEY") and save that.',
    );
  }
}

