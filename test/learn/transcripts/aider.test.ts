import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { aiderTranscripts } from '../../../src/learn/transcripts/aider.js';
import { AGENT_FIXTURES, findCall, foreignTo, transcriptContract } from './format-contract.js';
import { tempDir } from '../../helpers/temp-dir.js';

const fixture = AGENT_FIXTURES.aider;

transcriptContract(aiderTranscripts, {
  fixtures: [fixture],
  expect: { failing: { command: 'python ARC-problem.py', output: "UnicodeDecodeError: 'utf-8' codec can't decode byte 0x98" } },
  foreign: foreignTo('aider'),
  placement: {
    home: (home) => path.join(home, 'project', '.aider.chat.history.md'),
    override: { variable: 'AIDER_CHAT_HISTORY_FILE', value: (dir) => path.join(dir, 'history.md'), place: (dir) => path.join(dir, 'history.md') },
  },
  skip: {
    'garbage-line': 'markdown has no malformed line: appended text is read as the model’s reply',
    'truncated-last-line': 'a cut markdown line is still a line of text',
    'huge-line': 'a long markdown line is a long reply, not a record to skip',
  },
});

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A history file from lines in aider's own shapes (each logged line ends with two spaces). */
function history(text: string): string {
  const dir = tempDir('hr-aider-');
  dirs.push(dir);
  const file = path.join(dir, '.aider.chat.history.md');
  fs.writeFileSync(file, text);
  return file;
}

describe('aider transcripts', () => {
  test('0.59 /run: the output logged as "> " lines carries the traceback; ^C is an interruption', async () => {
    const [s] = await aiderTranscripts.read(fixture);
    expect(s).toMatchObject({ id: '2024-10-15 05:11:06', model: 'openrouter/liquid/lfm-40b', cwd: path.dirname(fixture), skipped: 0 });
    const runs = s!.steps.filter((st) => st.kind === 'call');
    expect(runs.map((c) => c.kind === 'call' && [c.tool, c.command])).toEqual([
      ['run', 'python ARC-problem.py'],
      ['run', 'python ARC-problem.py'],
      ['run', 'python ARC-problem.py'],
    ]);
    const first = findCall([s!], 'python ARC-problem.py')!;
    expect(first.result!.output).toMatch(/^reading file\.\.\./);
    expect(first.result!.output).not.toMatch(/Add the output to the chat/);
    expect(s!.steps.filter((st) => st.kind === 'user' && st.interrupted)).toHaveLength(2);
    expect(s!.steps.some((st) => st.kind === 'user' && st.text === '/undo')).toBe(true);
  });

  test('0.8x: /run followed by aider’s "What’s wrong? Fix" failed; a proposed command run or declined; /test that added output failed', async () => {
    const file = history(
      [
        '',
        '# aider chat started at 2025-06-11 15:37:15',
        '',
        '> Aider v0.84.0  ',
        '> Model: ollama_chat/devstral:latest with whole edit format  ',
        '',
        '#### /run uv run main.py  ',
        '> Add 1.1k tokens of command output to the chat? (Y)es/(N)o [Yes]: y  ',
        '> Added 58 lines of output to the chat.  ',
        '',
        "#### What's wrong? Fix  ",
        '',
        'The `protobuf` library is missing from your environment.',
        '',
        '```bash',
        'pip install protobuf',
        '```',
        '',
        '> Tokens: 1.7k sent, 308 received.  ',
        '> pip install protobuf  ',
        "> Run shell command? (Y)es/(N)o/(D)on't ask again [Yes]: y  ",
        '> Running pip install protobuf  ',
        "> Add command output to the chat? (Y)es/(N)o/(D)on't ask again [Yes]: y  ",
        '> Added 2 lines of output to the chat.  ',
        '> rm -rf .venv  ',
        "> Run shell command? (Y)es/(N)o/(S)kip all/(D)on't ask again [Yes]: n  ",
        '',
        '#### /test pytest -q  ',
        '> Added 12 lines of output to the chat.  ',
        '',
        '# aider chat started at 2025-06-11 16:00:00',
        '',
        '#### /run ls  ',
        '> Add 0.0k tokens of command output to the chat? (Y)es/(N)o [Yes]: n  ',
        '',
      ].join('\n'),
    );
    const sessions = await aiderTranscripts.read(file);
    expect(sessions.map((s) => s.id)).toEqual(['2025-06-11 15:37:15', '2025-06-11 16:00:00']);
    const [first, second] = sessions;
    expect(first!.model).toBe('ollama_chat/devstral:latest');
    expect(findCall(sessions, 'uv run main.py')!.result).toMatchObject({ isError: true });
    expect(findCall(sessions, 'pip install protobuf')).toMatchObject({ call: { tool: 'shell' }, result: { isError: false } });
    expect(findCall(sessions, 'rm -rf .venv')!.result).toMatchObject({ isError: true });
    expect(first!.steps.some((st) => st.kind === 'user' && st.refused && st.text === 'Declined: rm -rf .venv')).toBe(true);
    expect(findCall(sessions, 'pytest -q')).toMatchObject({ call: { tool: 'test' }, result: { isError: true } });
    expect(findCall([second!], 'ls')!.result).toMatchObject({ isError: false });
  });

  test('locates histories in HOME and in project folders one or two levels down', () => {
    const home = tempDir('hr-aider-home-');
    dirs.push(home);
    const places = ['.aider.chat.history.md', 'app/.aider.chat.history.md', 'src/api/.aider.chat.history.md'].map((p) => path.join(home, p));
    for (const p of [...places, path.join(home, 'a/b/c/.aider.chat.history.md'), path.join(home, '.cache/x/.aider.chat.history.md')]) {
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.copyFileSync(fixture, p);
    }
    expect(aiderTranscripts.locate(home, {}).sort()).toEqual(places.sort());
  });
});
