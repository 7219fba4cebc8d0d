import { cleanup, render } from 'ink-testing-library';
import { afterEach, expect, test, vi } from 'vitest';
import { ApprovalScreen } from '../../../src/learn/approve/index.js';
import { width, wrapText } from '../../../src/learn/approve/wrap-rows.js';
import { ready } from './ink-keys.js';
import { CLAUDE_MD, proposal, rebuild } from './proposals.js';

// The approval screen wraps a long rule instead of cutting it at the
// terminal's width: every word of it is on screen.

afterEach(cleanup);

const RULE = 'The Bash tool turns `!` into `\\!` in inline scripts (`python3 -c`, `node -e`): write the script to a file and run that, and never retry the same one-liner with other quoting, because the escaping happens before bash sees it.';

test('rows never exceed the width, keep the diff marker and indentation, and lose no word', () => {
  const rows = wrapText(`+- ${RULE}`, 40);
  expect(rows.length).toBeGreaterThan(3);
  for (const r of rows) expect(width(r)).toBeLessThanOrEqual(40);
  expect(rows.slice(1).every((r) => r.startsWith('+  '))).toBe(true);
  expect(rows.map((r, i) => (i === 0 ? r.slice(3) : r.slice(3))).join(' ')).toBe(RULE);
  // Wide characters take two cells.
  for (const r of wrapText(`  • 日本語のルール ${'字'.repeat(40)}`, 20)) expect(width(r)).toBeLessThanOrEqual(20);
});

test('on screen: a rule longer than the terminal is shown whole', async () => {
  const p = proposal('p1', '/home/USER/projects/app/CLAUDE.md', CLAUDE_MD, [
    { key: 'shell:bang', rule: RULE, count: 1, sessions: 1, wastedTokens: 100, fromUser: false, evidence: [] },
  ]);
  const ui = render(<ApprovalScreen proposals={[p]} rebuild={rebuild} onDone={vi.fn()} color={false} rows={80} />);
  await ready(ui, 'a/y accept');
  const frame = ui.lastFrame()!;
  // ink-testing-library's terminal is 100 columns: the rule takes three rows of the diff.
  expect(frame.split('\n').every((l) => width(l) <= 100)).toBe(true);
  const joined = frame.replace(/\n\+?\s*/g, ' ');
  expect(joined).toContain(RULE.slice(-60));
  expect(joined).toContain('never retry the same one-liner');
});
