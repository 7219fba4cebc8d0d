import { expect, test } from 'vitest';
import { claude } from '../../src/wrap/agents/claude.js';
import { codex } from '../../src/wrap/agents/codex.js';
import { WrapSetupError } from '../../src/wrap/errors.js';
import { resolveUpstreams } from '../../src/wrap/upstreams.js';

test('defaults are the public APIs', () => {
  expect(resolveUpstreams(claude, {}, [])).toEqual({ anthropic: 'https://api.anthropic.com', openai: 'https://api.openai.com', gemini: 'https://generativelanguage.googleapis.com' });
});

test("the user's base URL becomes the upstream, without a trailing /v1; HEADROOM_*_UPSTREAM wins", () => {
  expect(resolveUpstreams(codex, { OPENAI_BASE_URL: 'https://gw.example.com/openai/v1/' }, []).openai).toBe('https://gw.example.com/openai');
  expect(resolveUpstreams(claude, { ANTHROPIC_BASE_URL: 'https://gw.example.com/a', HEADROOM_ANTHROPIC_UPSTREAM: 'http://10.0.0.2:8080' }, []).anthropic).toBe('http://10.0.0.2:8080');
});

test('a base URL that is not http(s) is the user\'s to fix, and the message names it', () => {
  expect(() => resolveUpstreams(claude, { ANTHROPIC_BASE_URL: 'not a url' }, [])).toThrow(WrapSetupError);
  expect(() => resolveUpstreams(claude, { HEADROOM_GEMINI_UPSTREAM: 'ftp://x' }, [])).toThrow(/HEADROOM_GEMINI_UPSTREAM/);
});
