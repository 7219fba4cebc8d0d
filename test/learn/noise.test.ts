import { expect, test } from 'vitest';
import { mine } from '../../src/learn/mine.js';
import type { Session, Step } from '../../src/learn/types.js';

// The two noise rules of the issue, written from sessions of the same shape:
// with default settings a user's question and a user's remark became rules.
// Neither may; a correction in the same spot still does.

const call = (id: string, command: string): Step[] => [
  { kind: 'call', id, tool: 'Bash', command, input: JSON.stringify({ command }) },
  { kind: 'result', id, isError: false, output: 'ok' },
];
const session = (said: string): Session => ({
  agent: 'claude',
  id: 's1',
  file: 'x.jsonl',
  cwd: '/home/dev/app',
  skipped: 0,
  steps: [{ kind: 'user', text: 'set up the resolver' }, ...call('a', 'cat /etc/resolv.conf'), { kind: 'user', text: said }, ...call('b', 'systemctl status dnsmasq')],
});

test("a user's question is not a rule", async () => {
  expect(await mine([session('do I need dnsmasq if I use Tailscale and its DNS?')])).toEqual([]);
  expect(await mine([session('should we use the system resolver instead?')])).toEqual([]);
});

test("a user's remark is not a rule", async () => {
  expect(await mine([session("no it doesn't but that is fine, the old config is gone anyway")])).toEqual([]);
  expect(await mine([session("It's in the wrong spot and we still have the old icon there.")])).toEqual([]);
});

test('a correction in the same place is one, in the user\'s words', async () => {
  const lessons = await mine([session("don't touch /etc/resolv.conf, NetworkManager writes it")]);
  expect(lessons.map((l) => [l.rule, l.fromUser])).toEqual([["Don't touch /etc/resolv.conf, NetworkManager writes it.", true]]);
});

test('a refused call is a lesson; a refused plan is a step of the conversation', async () => {
  const refused = (tool: string, command?: string): Session => ({
    agent: 'claude',
    id: 's2',
    file: 'x.jsonl',
    skipped: 0,
    steps: [
      { kind: 'user', text: 'tidy up' },
      { kind: 'call', id: 'r', tool, ...(command && { command }), input: '{}' },
      { kind: 'result', id: 'r', isError: true, output: "The user doesn't want to proceed with this tool use. The tool use was rejected." },
      { kind: 'user', text: '', refused: true },
    ],
  });
  expect((await mine([refused('Bash', 'brew reinstall python@3.12')])).map((l) => l.rule)).toEqual(['Ask before running `brew reinstall`: the user refused it.']);
  expect(await mine([refused('ExitPlanMode')])).toEqual([]);
});

test('a rejected call is a lesson in any language; the words said with it are its context', async () => {
  const s: Session = {
    agent: 'claude',
    id: 's3',
    file: 'x.jsonl',
    skipped: 0,
    steps: [
      { kind: 'user', text: 'despliega la app' },
      { kind: 'call', id: 'p', tool: 'Bash', command: 'git push --force origin main', input: '{}' },
      { kind: 'result', id: 'p', isError: true, output: "The user doesn't want to proceed with this tool use. The tool use was rejected. To tell you how to proceed, the user said:\nNO HAGAS PUSH A MAIN" },
      { kind: 'user', text: 'NO HAGAS PUSH A MAIN', refused: true },
    ],
  };
  expect((await mine([s])).map((l) => [l.rule, l.fromUser])).toEqual([['Ask before running `git push`: the user refused it ("NO HAGAS PUSH A MAIN").', false]]);
});

test('shouted words in another language, not after a rejected call, are not a rule', async () => {
  expect(await mine([session('NO ESTOY VIENDO LOS ICONOS TODAVIA')])).toEqual([]);
});
