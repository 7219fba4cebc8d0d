// What the user said, classified: only a correction (or a refusal) teaches a
// rule. A question, a new task, information, or an instruction for this turn
// alone does not, and neither does text the harness put in the user's place
// (slash-command bodies, hook feedback, skill files, compaction summaries).

export type UserWords = 'correction' | 'question' | 'task' | 'information' | 'this-turn' | 'not-the-user';

/** Text that sits in a user turn but was written by the harness, a command file or a hook. */
const NOT_THE_USER = [
  /^\s*#/, // a slash command's markdown body
  /^\s*</, // <command-name>, <local-command-stdout>, <system-reminder>...
  /^(?:Caveat:|Base directory for this skill:|This session is being continued|Implement the following plan:)/,
  /^\S+ (?:operation|hook) feedback:/i,
  /^(?:Stop|SubagentStop|PreToolUse|PostToolUse)(?::\w+)? hook/i,
  /^\[Image #\d+\]\s*$/,
];

/** Words a person corrects or stops the agent with; checked on the first sentence. */
const CORRECTION_OPENERS = /^(?:no\b|nope\b|wrong\b|stop\b|don'?t\b|do not\b|never\b|always\b|not that\b|that'?s (?:wrong|not)\b|instead\b|please don'?t\b)/i;
const CORRECTION_ANYWHERE = /\b(?:don'?t|do not|never|stop|instead of|wrong|should(?:n'?t| not| always| never)|must(?:n'?t| not| always| never)?|supposed to|not what I)\b/i;
/** "for now", "yet", "just tell me": an instruction for this turn, not a rule for the project. */
const THIS_TURN = /\b(?:yet|for now|right now|this time|just (?:tell|research|report|explain|chat|answer|reply)|in (?:the )?chat|just chat|report back|reply in chat)\b/i;
const QUESTION_OPENERS = /^(?:how|why|what|when|where|which|who|can|could|would|will|is|are|do|does|did|should|shall|may|have|has)\b/i;
/** Statements about the world or what the user did: "I have added the token to .env". */
const INFORMATION = /^(?:i(?:'ve| have| just)? (?:added|set|fixed|ran|changed|installed|updated|removed|deleted|commented|re-?loaded)|it (?:works|worked|is|was)|that (?:works|worked)|ok\b|okay\b|great\b|thanks?\b|fantastic\b|perfect\b)/i;

/** The first sentence or line: where a correction is said; the rest is usually context or the next task. */
export function firstSentence(text: string): string {
  const line = text.trim().split(/\n/)[0] ?? '';
  return (line.split(/(?<=[.!?])\s+/)[0] ?? line).trim();
}

/** Paths and quoted names are what the user talks about, not how: `stop.py` says no "stop". */
const spoken = (s: string) => s.replace(/(["'`])[^"'`]*\1/g, ' ').replace(/\S*[\\/.]\S*[\w]\S*/g, ' ');

/**
 * After "no," or "wrong,": a statement about the work ("it's in the wrong spot", "I don't like
 * that") is feedback, not a rule; one that leads with a pronoun ("they should always be
 * committed") names nothing a rule could keep without the conversation around it.
 */
const STATEMENT = /^(?:i|i'm|it|it's|its|that|that's|this|this is|there|we|they|these|those)\b/i;

export function classifyUserWords(raw: string): UserWords {
  const text = raw.replace(/\[Request interrupted by user[^\]]*\]/g, '').trim();
  if (text === '' || NOT_THE_USER.some((re) => re.test(text))) return 'not-the-user';
  // Pasted logs, specs and plans are long; a correction is a line or two.
  if (text.length > 400 || text.split('\n').length > 4) return 'task';
  const first = spoken(firstSentence(text)).trim();
  if (THIS_TURN.test(text)) return 'this-turn';
  if (first.endsWith('?') || (QUESTION_OPENERS.test(first) && !CORRECTION_OPENERS.test(first))) return 'question';
  if (CORRECTION_OPENERS.test(first) || CORRECTION_ANYWHERE.test(first)) {
    const said = first.replace(/^(?:no|nope|wrong|stop)\b[\s,.!:;-]*/i, '');
    return STATEMENT.test(said) ? 'information' : 'correction';
  }
  if (INFORMATION.test(first)) return 'information';
  return 'task';
}

/** A correction as a rule: its first sentence, without the "no," / "wrong," that only said it was one. */
export function correctionRule(raw: string, max = 160): string {
  const text = raw.replace(/\[Request interrupted by user[^\]]*\]/g, '').trim();
  let s = firstSentence(text).replace(/^(?:no|nope|wrong|stop)\b[\s,.!:;-]+(?=\S)/i, '');
  s = s.replace(/\s+/g, ' ');
  if (s.length > max) s = `${s.slice(0, max - 1)}…`;
  s = s.charAt(0).toUpperCase() + s.slice(1);
  return /[.!]$/.test(s) ? s : `${s}.`;
}
