import { expect, test } from 'vitest';
import { mine } from '../../src/learn/mine.js';
import type { Session, Step } from '../../src/learn/types.js';

// A guessed path that did not exist is a one-off mistake, however often it
// was guessed: no rule by default, and proposed when every sighting is asked
// for (--min-count 1). The shape is the wide set's: an agent reads a file a
// command told it about, in two sessions, and it is not there.

let n = 0;
const read = (file: string, output: string, isError: boolean): Step[] => {
  const id = `r${++n}`;
  return [
    { kind: 'call', id, tool: 'Read', path: file, input: JSON.stringify({ file_path: file }) },
    { kind: 'result', id, isError, output },
  ];
};
const session = (): Session => ({
  agent: 'claude',
  id: `s${++n}`,
  file: 'x.jsonl',
  cwd: '/Users/dev/app',
  skipped: 0,
  steps: [{ kind: 'user', text: 'prime yourself on the project' }, ...read('/Users/dev/app/docs/agent_context.json', 'File does not exist.', true), ...read('/Users/dev/app/README.md', '# app', false)],
});

test('a path guessed wrong in two sessions is still a guess: no rule by default', async () => {
  expect(await mine([session(), session()])).toEqual([]);
  const all = await mine([session(), session()], { minCount: 1 });
  expect(all.map((l) => l.rule)).toEqual(['Look a guessed path up (glob or `ls`) before `Read`: `agent_context.json` did not exist.']);
});

test("a tool's input error is stated without the harness's tags", async () => {
  const id = 'v1';
  const s: Session = {
    agent: 'claude',
    id: 'sv',
    file: 'x.jsonl',
    skipped: 0,
    steps: [
      { kind: 'user', text: 'update the head tags' },
      { kind: 'call', id, tool: 'MultiEdit', path: '/Users/dev/app/src/SEOHead.tsx', input: '{"file_path":"/Users/dev/app/src/SEOHead.tsx","edits":"[]"}' },
      { kind: 'result', id, isError: true, output: '<tool_use_error>InputValidationError: MultiEdit failed due to the following issue:\nThe parameter `edits` type is expected as `array` but provided as `string`</tool_use_error>' },
    ],
  };
  expect((await mine([s], { minCount: 1 })).map((l) => l.rule)).toEqual(['`MultiEdit` rejected its input: The parameter `edits` type is expected as `array` but provided as `string`.']);
});
