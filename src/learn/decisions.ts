import fs from 'node:fs';
import path from 'node:path';
import { addedRules, ruleKey } from './block.js';
import type { Decision, Lesson, Proposal } from './types.js';

// What the person decided, remembered across runs: a rejected rule is not
// proposed again, and a rule they edited before accepting replaces the mined
// wording for good (so the original is not proposed again either: the edited
// one is already in their file). Owner-only, under XDG state, beside the
// lessons --review brings back.

export interface Memory {
  readonly version: 1;
  /** Lesson keys and rule keys (ruleKey) the person rejected. */
  readonly rejected: readonly string[];
  /** Lesson key -> the rule as the person edited and accepted it. */
  readonly replaced: Readonly<Record<string, string>>;
}

const EMPTY: Memory = { version: 1, rejected: [], replaced: {} };
const fileOf = (stateDir: string) => path.join(stateDir, 'learn', 'decisions.json');

export function loadMemory(stateDir: string): Memory {
  try {
    const parsed = JSON.parse(fs.readFileSync(fileOf(stateDir), 'utf8')) as Partial<Memory>;
    if (parsed.version !== 1 || !Array.isArray(parsed.rejected) || typeof parsed.replaced !== 'object' || parsed.replaced === null) return EMPTY;
    return { version: 1, rejected: parsed.rejected.filter((k): k is string => typeof k === 'string'), replaced: parsed.replaced };
  } catch {
    return EMPTY;
  }
}

export function saveMemory(stateDir: string, memory: Memory): void {
  const file = fileOf(stateDir);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(memory)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/** The memory with this run's decisions added. Pure. */
export function remember(memory: Memory, proposals: readonly Proposal[], decisions: ReadonlyArray<{ id: string; decision: Decision }>): Memory {
  const rejected = new Set(memory.rejected);
  const replaced: Record<string, string> = { ...memory.replaced };
  const byId = new Map(proposals.map((p) => [p.id, p]));
  for (const { id, decision } of decisions) {
    const p = byId.get(id);
    if (!p) continue;
    if (decision.kind === 'reject') {
      for (const l of p.lessons) {
        rejected.add(l.key);
        rejected.add(ruleKey(l.rule));
      }
    } else if (decision.kind === 'accept') {
      const written = addedRules(p.before, decision.after);
      const mined = new Set(p.lessons.map((l) => ruleKey(l.rule)));
      // One lesson per proposal: an edited rule stands for it from now on.
      const edited = written.filter((r) => !mined.has(ruleKey(r)));
      if (edited.length > 0 && p.lessons.length === 1) replaced[p.lessons[0]!.key] = edited.join(' ');
    }
  }
  return { version: 1, rejected: [...rejected].sort(), replaced };
}

/** Lessons as the person left them: rejected ones gone, edited ones in their words. */
export function recall(lessons: readonly Lesson[], memory: Memory): Lesson[] {
  const rejected = new Set(memory.rejected);
  return lessons
    .filter((l) => !rejected.has(l.key) && !rejected.has(ruleKey(l.rule)))
    .map((l) => {
      const rule = memory.replaced[l.key];
      return rule === undefined ? l : { ...l, rule };
    })
    .filter((l) => !rejected.has(ruleKey(l.rule)));
}
