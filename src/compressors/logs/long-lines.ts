// A long log line says what it is in its first few hundred characters: the
// timestamp and host, the level, the message. What follows (a package list of
// apt's history, a JSON record's payload, a stack trace written into one line,
// a rustc unit dump) is detail. Under budget pressure a long line keeps its
// head, cut with an inline marker, before whole lines go.

/** Columns a line's prefix may take before its message starts (timestamp, host, level, tag). */
const PREFIX_COLUMNS = 80;
/** Characters of a message that name it (the length of a needle, of a probe's line). */
const MESSAGE_CHARS = 400;
/** Characters a cut line keeps. */
export const CUT_KEEP = PREFIX_COLUMNS + MESSAGE_CHARS;
/** Only lines this long are cut: a shorter one would save less than its marker costs and a word. */
export const CUT_FROM = CUT_KEEP + 120;
/** The message member of a JSON log record (as template.ts's groupingView reads it). */
const MESSAGE_MEMBER = /"(?:msg|message|event)"\s*:\s*"/;
/** How far past CUT_KEEP a cut may move to end at a word's end. */
const WORD_SLACK = 40;

/**
 * Where to cut a line longer than CUT_FROM: after CUT_KEEP characters, moved on
 * to the end of the word it falls in (when one ends soon), never between the
 * two halves of a surrogate pair.
 */
export function cutPoint(line: string): number {
  // A JSON record's message may stand after its time, level and caller members.
  const msg = line.charCodeAt(0) === 123 ? MESSAGE_MEMBER.exec(line.slice(0, CUT_KEEP)) : null;
  let at = msg ? Math.max(CUT_KEEP, msg.index + MESSAGE_CHARS + msg[0].length) : CUT_KEEP;
  const limit = Math.min(line.length, at + WORD_SLACK);
  let k = at;
  while (k < limit && /\w/.test(line[k]!)) k++;
  if (k < limit) at = k;
  const c = line.charCodeAt(at - 1);
  if (c >= 0xd800 && c <= 0xdbff) at++;
  return at;
}
