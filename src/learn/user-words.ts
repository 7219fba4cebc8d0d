// What the user said, classified: only a correction (or a refusal) teaches a
// rule. A question, a new task, information, or an instruction for this turn
// alone does not, and neither does text the harness put in the user's place
// (slash-command bodies, hook feedback, skill files, compaction summaries).

/** `unknown`: not in English, so the keyword lists cannot tell; a lesson only when a signal without language says so (a rejected call). */
export type UserWords = 'correction' | 'question' | 'task' | 'information' | 'this-turn' | 'not-the-user' | 'unknown';


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
// Not "wrong": inside a sentence it describes a result ("output in the wrong folder"), which is feedback.
const CORRECTION_ANYWHERE = /\b(?:don'?t|do not|never|stop|instead of|should(?:n'?t| not| always| never)|must(?:n'?t| not| always| never)?|supposed to|not what I)\b/i;
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
 * that", "the tests are passing") is feedback, not a rule; one that leads with a pronoun ("they
 * should always be committed") names nothing a rule could keep without the conversation around it.
 */
const STATEMENT = /^(?:i|i'm|it|it's|its|that|that's|this|this is|there|we|they|these|those)\b/i;
/** A few words, then a form of "be": "the APNs are being returned", "output is empty". */
const STATE = /^[^,;:]{1,40}?\s(?:is|are|was|were|isn'?t|aren'?t|wasn'?t|weren'?t)\b/i;
/** What only says yes or no before the words that matter. */
const OPENER = /^(?:no|nope|wrong|stop)\b[\s,.!:;-]*/i;

/**
 * English is told by its function words. The keyword lists here are English, so in another
 * language they would only catch look-alikes (Spanish "no" before a remark); such words are
 * left to the signal that needs no language: the user rejected a tool call.
 */
const ENGLISH = new Set(
  "the to of and in is it you that this for on with not don't dont does be are was were use run should must never always please we i i'm my your it's what there instead only all any can will just from if then but when why how at by an or so".split(' '),
);
const isEnglish = (s: string) => s.toLowerCase().match(/[a-z']+/g)?.some((w) => ENGLISH.has(w)) ?? false;

/** Shouting (most letters in capitals) is emphasis: the words count as if said calmly. */
function calm(text: string): string {
  const letters = text.replace(/[^A-Za-z]/g, '');
  const upper = letters.replace(/[^A-Z]/g, '').length;
  return letters.length >= 8 && upper / letters.length > 0.7 ? text.toLowerCase() : text;
}

const withoutMarker = (raw: string) => calm(raw.replace(/\[Request interrupted by user[^\]]*\]/g, '').trim());

export function classifyUserWords(raw: string): UserWords {
  const text = withoutMarker(raw);
  if (text === '' || NOT_THE_USER.some((re) => re.test(text))) return 'not-the-user';
  // Pasted logs, specs and plans are long; a correction is a line or two.
  if (text.length > 400 || text.split('\n').length > 4) return 'task';
  const first = spoken(firstSentence(text)).trim();
  if (first.endsWith('?')) return 'question';
  const said = first.replace(OPENER, '');
  if (THIS_TURN.test(text)) return 'this-turn';
  if (QUESTION_OPENERS.test(first) && !CORRECTION_OPENERS.test(first)) return 'question';
  if (CORRECTION_OPENERS.test(first) || CORRECTION_ANYWHERE.test(first)) {
    // "No" opens a sentence in many languages: what follows it must be English for the lists to judge it.
    if (!isEnglish(text.replace(OPENER, ''))) return 'unknown';
    // A plain state after a bare "no" is feedback; "it was supposed to be X" still says what should be.
    const plainState = STATE.test(said) && !CORRECTION_OPENERS.test(said) && !CORRECTION_ANYWHERE.test(said);
    if (STATEMENT.test(said) || plainState) return 'information';
    return 'correction';
  }
  if (INFORMATION.test(first)) return 'information';
  return 'task';
}

/** A correction as a rule: its first sentence, without the "no," / "wrong," that only said it was one. */
export function correctionRule(raw: string, max = 160): string {
  let s = firstSentence(withoutMarker(raw)).replace(/^(?:no|nope|wrong|stop)\b[\s,.!:;-]+(?=\S)/i, '');
  s = s.replace(/\s+/g, ' ');
  if (s.length > max) s = `${s.slice(0, max - 1)}…`;
  s = s.charAt(0).toUpperCase() + s.slice(1);
  return /[.!]$/.test(s) ? s : `${s}.`;
}
