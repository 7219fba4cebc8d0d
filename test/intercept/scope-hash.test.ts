import { createHash } from 'node:crypto';
import { expect, test } from 'vitest';
import { scopeHash } from '../../src/intercept/scope-hash.js';

// A scope's records keep the names stores already hold: the memo changes
// when the hash is made, never what it is.

test('the SHA-256 of the scope, base64url, the first time and from memory', () => {
  for (const scope of ['anthropic:', 'anthropic:3f2a-session', 'openai:é✓', `gemini:${'x'.repeat(5000)}`]) {
    const sha = createHash('sha256').update(scope).digest('base64url');
    expect(scopeHash(scope)).toBe(sha);
    expect(scopeHash(scope)).toBe(sha);
  }
});
