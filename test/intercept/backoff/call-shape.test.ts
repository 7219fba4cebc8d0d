import { describe, expect, it } from 'vitest';
import { callShape, commandPattern } from '../../../src/intercept/backoff/index.js';

// Command lines as agents sent them in real sessions (bench/transcripts), and
// the pattern a back-off would name.

describe('commandPattern', () => {
  it.each([
    ['git diff --stat HEAD~3', 'git diff'],
    ['git -C packages/core --no-pager log --oneline -20', 'git log'],
    ['cd /home/u/app && npm test -- --runInBand 2>&1 | tail -50', 'npm test'],
    ['cd frontend; pnpm run build', 'pnpm run'],
    ['NODE_ENV=test npx vitest run src/a.test.ts', 'vitest'],
    ['uv run pytest -x tests/test_api.py', 'pytest'],
    ['python3 -m pytest tests -q', 'python3 -m pytest'],
    ['sudo -u www-data ls -la /var/www', 'ls'],
    ['timeout 60 cargo test -p core', 'cargo test'],
    ['./gradlew assemble', 'gradlew assemble'],
    ['"/usr/bin/find" . -name "*.ts"', 'find'],
    ['kubectl -n prod get pods', 'kubectl get'],
    ['docker compose logs api', 'docker compose'],
    ['git "$(echo x)"', 'git'],
  ])('%s -> %s', (line, pattern) => {
    expect(commandPattern(line)).toBe(pattern);
  });

  it('gives nothing for an empty line', () => {
    expect(commandPattern('   ')).toBeUndefined();
  });
});

describe('callShape', () => {
  it('reads the command of each agent shell tool', () => {
    expect(callShape('Bash', '{"command":"git status","description":"Show status"}')).toMatchObject({ kind: 'shell', pattern: 'Bash: git status', subject: 'git status' });
    expect(callShape('shell', '{"command":["bash","-lc","cargo build --release"],"workdir":"/w"}')).toMatchObject({ kind: 'shell', pattern: 'shell: cargo build' });
    expect(callShape('exec_command', '{"cmd":"rg -n TODO src"}')).toMatchObject({ kind: 'shell', pattern: 'exec_command: rg' });
    expect(callShape('run_shell_command', '{"command":"make test"}')).toMatchObject({ pattern: 'run_shell_command: make test' });
  });

  it('names a file read by its tool and extension, and keeps the path as the subject', () => {
    expect(callShape('Read', '{"file_path":"/w/data/big.json"}')).toEqual({ kind: 'read', pattern: 'Read: *.json', subject: '/w/data/big.json' });
    expect(callShape('read_file', '{"absolute_path":"/w/Makefile"}')).toMatchObject({ kind: 'read', pattern: 'read_file' });
  });

  it('finds the ids a retrieval asks for, by the MCP tool, the proxy tool or the CLI', () => {
    expect(callShape('mcp__headroom__headroom_retrieve', '{"id":"hr_k3m9x2p7q4ab","lines":"1-40"}')).toMatchObject({ kind: 'retrieve', ids: ['hr_k3m9x2p7q4ab'] });
    expect(callShape('headroom_retrieve', '{"id":"retrieve id=hr_k3m9x2p7q4ab]"}')).toMatchObject({ kind: 'retrieve', ids: ['hr_k3m9x2p7q4ab'] });
    expect(callShape('Bash', '{"command":"headroom retrieve hr_k3m9x2p7q4ab --grep ERROR"}')).toMatchObject({ kind: 'retrieve', ids: ['hr_k3m9x2p7q4ab'] });
  });

  it('tells edits apart, and survives arguments that are not JSON', () => {
    expect(callShape('Edit', '{"file_path":"/w/a.ts","old_string":"a","new_string":"b"}').kind).toBe('edit');
    expect(callShape('apply_patch', '*** Begin Patch\n*** Update File: a.ts').kind).toBe('edit');
    expect(callShape('Bash', '{"command": "git st')).toMatchObject({ kind: 'other', pattern: 'Bash' });
    expect(callShape('WebFetch', '{"url":"https://example.com"}')).toMatchObject({ kind: 'other', pattern: 'WebFetch' });
  });
});
