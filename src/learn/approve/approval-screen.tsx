import { Box, Text, useInput, useStdout } from 'ink';
import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { Proposal } from '../types.js';
import { type Action, type ApprovalResult, type Context, countDecisions, initialState, type Rebuild, reduce, type ScreenState } from './approval-state.js';
import { diffLines, evidenceLines, type Line, type Tone } from './proposal-lines.js';
import { RuleInput } from './rule-input.js';
import { wrapRows } from './wrap-rows.js';

// One proposal at a time, decided by a person. Props in, callbacks out: the
// caller renders it (runApproval, or a test's fake terminal) and writes files.

export interface ApprovalScreenProps {
  readonly proposals: readonly Proposal[];
  readonly rebuild: Rebuild;
  /** Called once, after the summary is on screen. */
  readonly onDone: (result: ApprovalResult) => void;
  /** false for NO_COLOR: no colour or other styling at all. */
  readonly color: boolean;
  /** Terminal height; defaults to the stdout's rows (tests without a real terminal pass it). */
  readonly rows?: number;
}

const STYLE: Record<Tone, { color?: string; bold?: boolean; dimColor?: boolean }> = {
  add: { color: 'green' },
  del: { color: 'red' },
  hunk: { color: 'cyan' },
  head: { bold: true },
  title: { bold: true },
  dim: { dimColor: true },
  plain: {},
};

const LEGEND = 'a/y accept · r/n reject · e edit · s skip · q quit · ↑↓ PgUp PgDn scroll';

/** Follows the terminal's size as it is resized. */
function useSize(rowsOverride: number | undefined): { rows: number; columns: number } {
  const { stdout } = useStdout();
  const read = () => ({ rows: stdout.rows || 24, columns: stdout.columns || 80 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const resized = () => setSize(read());
    stdout.on('resize', resized);
    return () => {
      stdout.off('resize', resized);
    };
  }, [stdout]);
  return rowsOverride ? { ...size, rows: rowsOverride } : size;
}

function Row({ line, color }: { line: Line; color: boolean }) {
  return (
    <Text wrap="truncate-end" {...(color ? STYLE[line.tone] : {})}>
      {line.text || ' '}
    </Text>
  );
}

export function ApprovalScreen({ proposals, rebuild, onDone, color, rows }: ApprovalScreenProps) {
  const ctx = useRef<Context>({ proposals, rebuild });
  ctx.current = { proposals, rebuild };
  const [state, dispatch] = useReducer((s: ScreenState, a: Action) => reduce(s, a, ctx.current), proposals, initialState);
  const size = useSize(rows);

  const { current, mode, note } = state;
  // Wrapped to the terminal's width here, so a long rule is read whole and scrolling counts real rows.
  const body = useMemo(() => (current ? wrapRows([...diffLines(current.diff), ...evidenceLines(current.lessons)], size.columns) : []), [current, size.columns]);
  // A rule being edited wraps rather than hides its end: it may take several rows.
  const editRows = mode.kind === 'edit' ? 1 + Math.ceil((3 + Array.from(mode.draft[mode.at] ?? '').length) / size.columns) : 1;
  // Rows around the body: header, position, legend or editor, a note; one spare so ink never clears the screen.
  const fixed = 3 + editRows + (note ? 1 : 0);
  const page = Math.max(3, size.rows - fixed);
  const maxScroll = Math.max(0, body.length - page);
  const top = Math.min(state.scroll, maxScroll);

  useInput((input, key) => dispatch({ input, key, page, maxScroll }));
  // Runs after useInput's effect has put stdin in raw mode: the legend appears
  // only once keys work, so a person (or a test) never types into a dead screen.
  const [live, setLive] = useState(false);
  useEffect(() => setLive(true), []);

  const reported = useRef(false);
  useEffect(() => {
    if (mode.kind !== 'done' || reported.current) return;
    reported.current = true;
    onDone({ decisions: [...state.decisions], quit: state.quit, interrupted: state.interrupted });
  }, [mode.kind, state.decisions, state.quit, state.interrupted, onDone]);

  if (mode.kind === 'done' || !current) return <Summary state={state} total={proposals.length} color={color} />;

  const visible = body.slice(top, top + page);
  const bold = color ? { bold: true } : {};
  return (
    <Box flexDirection="column">
      <Text wrap="truncate-end" {...bold}>
        {`${state.at + 1} of ${proposals.length}: ${current.file}${state.edited ? ' (edited)' : ''}`}
      </Text>
      {visible.map((line, i) => (
        <Row key={top + i} line={line} color={color} />
      ))}
      <Text dimColor={color}>{body.length > page ? `lines ${top + 1}-${top + visible.length} of ${body.length}` : ' '}</Text>
      {note ? <Text {...(color ? { color: 'yellow' } : {})}>{note}</Text> : null}
      {mode.kind === 'edit' ? (
        <Box flexDirection="column">
          <Text wrap="truncate-end">{`Rule ${mode.at + 1} of ${mode.draft.length}: Enter to confirm (empty drops it), Esc to cancel, Ctrl-U to clear`}</Text>
          <RuleInput line={{ text: mode.draft[mode.at] ?? '', cursor: mode.cursor }} />
        </Box>
      ) : (
        <Text wrap="truncate-end" dimColor={color}>
          {live ? LEGEND : ' '}
        </Text>
      )}
    </Box>
  );
}

function Summary({ state, total, color }: { state: ScreenState; total: number; color: boolean }) {
  const c = countDecisions(state.decisions, total);
  const title = total === 0 ? 'Nothing to review.' : state.interrupted ? 'Interrupted: nothing will be written.' : state.quit ? 'Stopped: nothing more was decided.' : 'All proposals reviewed.';
  const rows: Array<[string, number, string | undefined]> = [
    ['accepted', c.accepted, 'green'],
    ['rejected', c.rejected, 'red'],
    ['skipped', c.skipped, undefined],
    ['not reached', c.notReached, undefined],
  ];
  return (
    <Box flexDirection="column">
      <Text {...(color ? { bold: true } : {})}>{title}</Text>
      {rows.map(([label, n, hue]) => (
        <Text key={label} {...(color && hue && n > 0 ? { color: hue } : {})}>
          {`  ${label.padEnd(12)}${n}`}
        </Text>
      ))}
    </Box>
  );
}
