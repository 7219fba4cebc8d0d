import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/index.js';
import { DEFAULT_POLICY, mayCompress, withRules } from '../../src/intercept/policy.js';
import { tempDir } from '../helpers/temp-dir.js';

function withFile(json: unknown) {
  const home = tempDir('headroom-config-');
  const dir = path.join(home, '.config', 'headroom');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'config.json'), typeof json === 'string' ? json : JSON.stringify(json));
  return { HOME: home };
}

describe('config', () => {
  it('has defaults under XDG folders, and HEADROOM_* variables win over the file', () => {
    const env = withFile({ store: 'memory', storeTtlDays: 7 });
    const c = loadConfig(env);
    expect(c).toMatchObject({ store: 'memory', storeTtlDays: 7, storeMaxMb: 1024, tools: {} });
    expect(c.dataDir).toBe(path.join(env.HOME, '.local/share/headroom'));
    expect(loadConfig({ ...env, HEADROOM_STORE: 'redis://h:6379/0', HEADROOM_STORE_TTL_DAYS: '2' })).toMatchObject({ store: 'redis://h:6379/0', storeTtlDays: 2 });
    expect(loadConfig({ ...env, XDG_DATA_HOME: '/srv/data' }).dataDir).toBe('/srv/data/headroom');
  });

  it('reads per-tool proxy rules, which override the default policy', () => {
    const c = loadConfig(withFile({ tools: { Read: 'compress', Bash: 'skip', Grep: 3000 } }));
    const policy = withRules(DEFAULT_POLICY, c.tools);
    expect(mayCompress(policy, 'Read', 10)).toBe(true);
    expect(mayCompress(policy, 'Bash', 1e6)).toBe(false);
    expect(mayCompress(policy, 'Grep', 2999)).toBe(false);
    expect(mayCompress(policy, 'Grep', 3000)).toBe(true);
    expect(mayCompress(DEFAULT_POLICY, 'Read', 10)).toBe(false);
  });

  it('reads the back-off threshold (0 turns it off) and the patterns kept whole per project', () => {
    expect(loadConfig(withFile({})).backoffAfter).toBe(3);
    const env = withFile({ backoffAfter: 5, keepWhole: { '/home/me/app': ['Bash: git diff'] } });
    expect(loadConfig(env)).toMatchObject({ backoffAfter: 5, keepWhole: { '/home/me/app': ['Bash: git diff'] } });
    expect(loadConfig({ ...env, HEADROOM_BACKOFF_AFTER: '0' }).backoffAfter).toBe(0);
    expect(() => loadConfig({ ...env, HEADROOM_BACKOFF_AFTER: '1.5' })).toThrow(/backoffAfter \(HEADROOM_BACKOFF_AFTER\) must be a whole number/);
    expect(() => loadConfig(withFile({ keepWhole: { '/home/me/app': 'Bash: git diff' } }))).toThrow(/"keepWhole" .* must map project folders to lists/);
  });

  it('says what is wrong with a bad file or value', () => {
    expect(() => loadConfig(withFile('{not json'))).toThrow(ConfigError);
    expect(() => loadConfig(withFile({ tools: { Read: 'sometimes' } }))).toThrow(/"tools"."Read"/);
    expect(() => loadConfig({ ...withFile({}), HEADROOM_STORE_MAX_MB: '-1' })).toThrow(/positive/);
  });
});
