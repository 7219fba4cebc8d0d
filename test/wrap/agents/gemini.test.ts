import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { gemini } from '../../../src/wrap/agents/gemini.js';
import { ENDPOINT, context, profileContract } from './profile-contract.js';
import { tempDir } from '../../helpers/temp-dir.js';

profileContract(gemini, {
  redirectEnv: { GEMINI_API_KEY: 'AIza-test' },
  userBaseUrl: { env: { GOOGLE_GEMINI_BASE_URL: 'https://gw.example.com/gemini' }, upstream: 'gemini', url: 'https://gw.example.com/gemini' },
});

test("gemini: a session copy of the system settings carries auth and MCP; the user's own system settings are kept", () => {
  const dir = tempDir('hr-gemini-');
  const system = path.join(dir, 'system.json');
  fs.writeFileSync(system, JSON.stringify({ general: { vimMode: true }, mcpServers: { theirs: { command: 'x' } }, security: { folderTrust: { enabled: true } } }));
  const plan = gemini.launch(context({ env: { GEMINI_API_KEY: 'k', GEMINI_CLI_SYSTEM_SETTINGS_PATH: system } }));
  expect(plan.env.GOOGLE_GEMINI_BASE_URL).toBe(ENDPOINT);
  expect(plan.env.GEMINI_CLI_SYSTEM_SETTINGS_PATH).toBe(`${context().sessionDir}/${plan.files![0]!.name}`);
  const settings = JSON.parse(plan.files![0]!.content);
  expect(settings.general.vimMode).toBe(true);
  expect(Object.keys(settings.mcpServers).sort()).toEqual(['headroom', 'theirs']);
  expect(settings.security).toEqual({ folderTrust: { enabled: true }, auth: { selectedType: 'gemini-api-key' } });
  fs.rmSync(dir, { recursive: true });
});

test('gemini: without an API key the auth choice is left alone and the user is told', () => {
  const plan = gemini.launch(context({ env: {} }));
  expect(JSON.parse(plan.files![0]!.content).security).toBeUndefined();
  expect(plan.notes?.join(' ')).toMatch(/GEMINI_API_KEY/);
});

test('gemini: without a private session folder no settings file is written (Gemini would refuse it on screen), and the user is told', () => {
  const plan = gemini.launch(context({ env: { GEMINI_API_KEY: 'k' }, sessionDirPrivate: false }));
  expect(plan.env).toEqual({ GOOGLE_GEMINI_BASE_URL: ENDPOINT });
  expect(plan.files ?? []).toEqual([]);
  // It names the folder Gemini objects to and what to run about it.
  expect(plan.notes?.join(' ')).toMatch(/headroom_retrieve is off this session: Gemini CLI ignores settings under \/\S*, which others can write to\. To fix it, (run: chmod go-w \/|set XDG_RUNTIME_DIR)/);
});
