import { countTokens } from '../compressors/tokens.js';
import { episodesOf } from './episodes.js';
import { type Finding, findingOf, userFinding } from './rules.js';
import { clip } from './signals.js';
import type { Evidence, Lesson, Session } from './types.js';

// Sessions in, lessons out: every failure and correction turned into a
// finding, findings grouped by key across sessions, ranked by how often they
// happened and the tokens they cost. Offline and deterministic.

export interface MineOptions {
  /**
   * Lessons seen fewer times than this are dropped, unless the user said them or their cause is known (Finding.strong).
   * At 1, one-off mistakes (Finding.oneOff) are proposed too. Default 2.
   */
  readonly minCount?: number;
  /** Evidence kept per lesson. */
  readonly maxEvidence?: number;
  /** Which sessions ran in this project; a lesson seen only in others is marked `elsewhere`. Default: all are. */
  readonly inProject?: (session: Session) => boolean;
}

interface Group {
  finding: Finding;
  count: number;
  sessions: Set<string>;
  here: boolean;
  wasted: number;
  evidence: Evidence[];
}

const oneLine = (call: { tool: string; command?: string; input: string }) => clip(call.command ? `${call.tool}: ${call.command}` : `${call.tool} ${call.input}`, 200);

export async function mine(sessions: readonly Session[], o: MineOptions = {}): Promise<Lesson[]> {
  const minCount = o.minCount ?? 2;
  const maxEvidence = o.maxEvidence ?? 5;
  const groups = new Map<string, Group>();
  for (const session of sessions) {
    // A loop of retries is one finding that stands for all of them: counted once per session.
    const loops = new Set<string>();
    for (const e of episodesOf(session)) {
      const finding = e.kind === 'failure' ? findingOf(e) : userFinding(e);
      if (!finding) continue;
      if (finding.times !== undefined) {
        if (loops.has(finding.key)) continue;
        loops.add(finding.key);
      }
      let g = groups.get(finding.key);
      if (!g) groups.set(finding.key, (g = { finding, count: 0, sessions: new Set(), here: false, wasted: 0, evidence: [] }));
      g.here ||= o.inProject ? o.inProject(session) : true;
      g.count += finding.times ?? 1;
      g.sessions.add(`${session.agent}:${session.id}`);
      if (e.kind === 'failure') {
        g.wasted += (await countTokens(e.attempt.call.input)) + (await countTokens(e.attempt.result?.output ?? ''));
        if (g.evidence.length < maxEvidence) {
          const fix = finding.fix;
          g.evidence.push({
            agent: session.agent,
            session: session.id,
            file: session.file,
            ...(e.attempt.call.at && { at: e.attempt.call.at }),
            failed: oneLine(e.attempt.call),
            error: e.error,
            ...(fix ? { fixed: oneLine(fix.call) } : finding.hint ? { fixed: `suggested by the error: ${clip(finding.hint, 180)}` } : {}),
          });
        }
      } else if (g.evidence.length < maxEvidence) {
        g.evidence.push({
          agent: session.agent,
          session: session.id,
          file: session.file,
          ...(e.turn.at && { at: e.turn.at }),
          failed: e.previous ? oneLine(e.previous.call) : '(no tool call)',
          error: clip(e.turn.text || (e.turn.refused ? 'refused by the user' : 'interrupted by the user'), 200),
        });
      }
    }
  }
  const lessons: Lesson[] = [];
  for (const [key, g] of groups) {
    // A path that did not exist is a guess gone wrong, not a lesson, however often it was guessed.
    if (g.finding.oneOff && minCount > 1) continue;
    if (g.count < minCount && !g.finding.fromUser && !g.finding.strong) continue;
    lessons.push({
      key,
      rule: g.finding.rule,
      count: g.count,
      sessions: g.sessions.size,
      wastedTokens: g.wasted,
      fromUser: g.finding.fromUser,
      evidence: g.evidence,
      ...(!g.here && { scope: 'elsewhere' as const }),
    });
  }
  return lessons.sort((a, b) => b.count - a.count || b.wastedTokens - a.wastedTokens || (a.key < b.key ? -1 : 1));
}
