import { type Key, Text } from 'ink';

// A one-line editor for a rule. Not ink-text-input: that component sets state
// from an effect on every keystroke, which React 19's development build (what
// a CLI runs without NODE_ENV=production) reports on stderr as "Maximum update
// depth exceeded" every ~50 keys, over the screen. Here the line is plain
// state, edited by a pure function the screen's reducer calls.

export interface LineState {
  readonly text: string;
  /** In code points, so an emoji is one step. */
  readonly cursor: number;
}

const chars = (s: string) => Array.from(s);

/** Applies one key to the line; keys it does not know leave it unchanged. */
export function editLine(line: LineState, input: string, key: Key): LineState {
  const cs = chars(line.text);
  const at = Math.max(0, Math.min(cs.length, line.cursor));
  const put = (text: string[], cursor: number): LineState => ({ text: text.join(''), cursor: Math.max(0, Math.min(text.length, cursor)) });
  if (key.leftArrow) return put(cs, at - 1);
  if (key.rightArrow) return put(cs, at + 1);
  if (key.home || (key.ctrl && input === 'a')) return put(cs, 0);
  if (key.end || (key.ctrl && input === 'e')) return put(cs, cs.length);
  if (key.ctrl && input === 'u') return put([], 0);
  // Terminals send DEL (ink's `delete`) for the Backspace key: both erase leftwards.
  if (key.backspace || key.delete) return at > 0 ? put([...cs.slice(0, at - 1), ...cs.slice(at)], at - 1) : line;
  if (key.ctrl || key.meta || key.upArrow || key.downArrow || key.pageUp || key.pageDown) return line;
  // A rule is one line: pasted newlines and tabs become spaces, other controls go.
  const typed = chars(input.replace(/[\t\r\n]+/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, ''));
  if (typed.length === 0) return line;
  return put([...cs.slice(0, at), ...typed, ...cs.slice(at)], at + typed.length);
}

/** The line with an inverse-video cell as its cursor (not a colour, so kept under NO_COLOR). */
export function RuleInput({ line }: { line: LineState }) {
  const cs = chars(line.text);
  const at = Math.max(0, Math.min(cs.length, line.cursor));
  return (
    <Text>
      {'> '}
      {cs.slice(0, at).join('')}
      <Text inverse>{cs[at] ?? ' '}</Text>
      {cs.slice(at + 1).join('')}
    </Text>
  );
}
