import type { Key } from 'ink';
import type { Decision, Proposal } from '../types.js';
import { editLine } from './rule-input.js';

// The approval screen's state machine, kept apart from rendering so every key
// is interpreted against the state it arrives in (keys can come faster than
// React re-renders, and a stale closure must never decide for a person).

/** What the screen hands back: decisions in the order they were made; proposals never reached are absent. */
export interface ApprovalResult {
  readonly decisions: Array<{ id: string; decision: Decision }>;
  /** The person stopped early (q, Esc or Ctrl-C): nothing after that point was decided. */
  readonly quit: boolean;
  /** Stopped with Ctrl-C: an interrupted run writes nothing, not even what was accepted before. */
  readonly interrupted: boolean;
}

/** Rebuilds a proposal from edited rule lines (the caller owns the file format). */
export type Rebuild = (p: Proposal, rules: string[]) => Proposal;

export type Mode =
  | { readonly kind: 'review' }
  /** Editing rule `at` of `draft`, one line at a time; `cursor` is in that line. */
  | { readonly kind: 'edit'; readonly draft: readonly string[]; readonly at: number; readonly cursor: number }
  | { readonly kind: 'done' };

export interface ScreenState {
  /** Index of the proposal on screen. */
  readonly at: number;
  /** That proposal, or its rebuilt version after an edit. */
  readonly current: Proposal | undefined;
  /** The rule lines of `current`, as last confirmed. */
  readonly rules: readonly string[];
  readonly edited: boolean;
  readonly decisions: ApprovalResult['decisions'];
  readonly mode: Mode;
  readonly scroll: number;
  readonly quit: boolean;
  readonly interrupted: boolean;
  /** One line of feedback (edit cancelled, rebuild failed). */
  readonly note?: string;
}

/** One key, with what the screen knew of its viewport when the key arrived. */
export interface Action {
  readonly input: string;
  readonly key: Key;
  readonly page: number;
  readonly maxScroll: number;
}

export interface Context {
  readonly proposals: readonly Proposal[];
  readonly rebuild: Rebuild;
}

const rulesOf = (p: Proposal | undefined): string[] => (p ? p.lessons.map((l) => l.rule) : []);

function show(at: number, decisions: ScreenState['decisions'], proposals: readonly Proposal[]): ScreenState {
  const current = proposals[at];
  if (!current) return { at, current: undefined, rules: [], edited: false, decisions, mode: { kind: 'done' }, scroll: 0, quit: false, interrupted: false };
  return { at, current, rules: rulesOf(current), edited: false, decisions, mode: { kind: 'review' }, scroll: 0, quit: false, interrupted: false };
}

export const initialState = (proposals: readonly Proposal[]): ScreenState => show(0, [], proposals);

function decide(s: ScreenState, decision: Decision, ctx: Context): ScreenState {
  // The id of the proposal as given, even if rebuild returned a different one.
  const id = ctx.proposals[s.at]?.id ?? s.current?.id ?? '';
  return show(s.at + 1, [...s.decisions, { id, decision }], ctx.proposals);
}

const quit = (s: ScreenState, interrupted = false): ScreenState => ({ ...s, mode: { kind: 'done' }, quit: true, interrupted, note: undefined });

const isCtrlC = (input: string, key: Key) => key.ctrl && input === 'c';

function reviewKey(s: ScreenState, a: Action, ctx: Context): ScreenState {
  const { input, key } = a;
  if (isCtrlC(input, key)) return quit(s, true);
  if (key.escape) return quit(s);
  const scrollTo = (n: number) => ({ ...s, scroll: Math.max(0, Math.min(a.maxScroll, n)) });
  if (key.upArrow) return scrollTo(s.scroll - 1);
  if (key.downArrow) return scrollTo(s.scroll + 1);
  if (key.pageUp) return scrollTo(s.scroll - a.page);
  if (key.pageDown) return scrollTo(s.scroll + a.page);
  if (key.home) return scrollTo(0);
  if (key.end) return scrollTo(a.maxScroll);
  // A paste (several characters at once) must never decide several proposals.
  if (input.length !== 1 || key.ctrl || !s.current) return s;
  switch (input.toLowerCase()) {
    case 'a':
    case 'y':
      return decide(s, { kind: 'accept', after: s.current.after }, ctx);
    case 'r':
    case 'n':
      return decide(s, { kind: 'reject' }, ctx);
    case 's':
      return decide(s, { kind: 'skip' }, ctx);
    case 'q':
      return quit(s);
    case 'e':
      if (s.rules.length === 0) return { ...s, note: 'Nothing to edit: this proposal has no rule lines.' };
      return { ...s, mode: { kind: 'edit', draft: [...s.rules], at: 0, cursor: Array.from(s.rules[0] ?? '').length }, note: undefined };
    default:
      return s;
  }
}

function submit(s: ScreenState, ctx: Context): ScreenState {
  if (s.mode.kind !== 'edit' || !s.current) return s;
  const { draft, at } = s.mode;
  if (at + 1 < draft.length) return { ...s, mode: { kind: 'edit', draft, at: at + 1, cursor: Array.from(draft[at + 1] ?? '').length } };
  // An emptied line drops that rule.
  const rules = draft.map((r) => r.trim()).filter((r) => r.length > 0);
  try {
    const rebuilt = ctx.rebuild(s.current, rules);
    return { ...s, current: rebuilt, rules, edited: true, mode: { kind: 'review' }, scroll: 0, note: undefined };
  } catch (e) {
    // Keep the proposal as it was; the person can still accept, reject or retry.
    const why = e instanceof Error ? e.message : String(e);
    return { ...s, mode: { kind: 'review' }, note: `Could not rebuild the diff: ${why}` };
  }
}

export function reduce(s: ScreenState, a: Action, ctx: Context): ScreenState {
  if (s.mode.kind === 'done') return s;
  if (s.mode.kind === 'review') return reviewKey(s, a, ctx);
  const { draft, at, cursor } = s.mode;
  if (isCtrlC(a.input, a.key)) return quit(s, true);
  if (a.key.escape) return { ...s, mode: { kind: 'review' }, note: 'Edit cancelled.' };
  if (a.key.return) return submit(s, ctx);
  const line = editLine({ text: draft[at] ?? '', cursor }, a.input, a.key);
  return { ...s, mode: { kind: 'edit', at, cursor: line.cursor, draft: draft.map((r, i) => (i === at ? line.text : r)) } };
}

export interface Counts {
  readonly accepted: number;
  readonly rejected: number;
  readonly skipped: number;
  readonly notReached: number;
}

export function countDecisions(decisions: ApprovalResult['decisions'], total: number): Counts {
  const n = (k: Decision['kind']) => decisions.filter((d) => d.decision.kind === k).length;
  return { accepted: n('accept'), rejected: n('reject'), skipped: n('skip'), notReached: total - decisions.length };
}
