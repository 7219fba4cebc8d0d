import { describe, expect, it } from 'vitest';
import { routeFor, splitTarget, stripPrefix, upstreamProblem } from '../../src/intercept/route.js';

describe('routeFor', () => {
  const none = {};
  it.each([
    ['/v1/messages', none, 'anthropic'],
    ['/v1/messages/count_tokens', none, 'anthropic'],
    ['/api/hello', none, 'anthropic'],
    ['/v1/chat/completions', none, 'openai'],
    ['/v1/responses', none, 'openai'],
    ['/v1/responses/resp_123/cancel', none, 'openai'],
    ['/v1/models', none, 'openai'],
    ['/v1/models', { 'anthropic-version': '2023-06-01' }, 'anthropic'],
    ['/v1/models', { 'x-goog-api-key': 'k' }, 'gemini'],
    ['/v1beta/models/gemini-2.5-pro:streamGenerateContent', none, 'gemini'],
    ['/v1beta/models', none, 'gemini'],
    ['/v1/models/gemini-2.5-pro:generateContent', none, 'gemini'],
    ['/v1/models/ft:gpt-4o-mini:org:custom:abc123', none, 'openai'],
    ['/v1/chat/completions', { 'x-goog-api-key': 'k' }, 'openai'],
    ['/', none, 'anthropic'],
  ] as const)('%s %j -> %s', (path, headers, want) => {
    expect(routeFor(path, headers)).toBe(want);
  });
});

describe('stripPrefix', () => {
  it('accepts the prefix only as a whole path segment', () => {
    expect(stripPrefix('/hr-abc/v1/messages?beta=true', '/hr-abc')).toBe('/v1/messages?beta=true');
    expect(stripPrefix('/hr-abc', '/hr-abc')).toBe('/');
    expect(stripPrefix('/hr-abc?x=1', '/hr-abc')).toBe('/?x=1');
    expect(stripPrefix('/hr-abcd/v1/messages', '/hr-abc')).toBeUndefined();
    expect(stripPrefix('/v1/messages', '/hr-abc')).toBeUndefined();
    expect(stripPrefix('/v1/messages', '')).toBe('/v1/messages');
    expect(stripPrefix('*', '')).toBeUndefined();
  });
});

describe('splitTarget', () => {
  it('keeps the query for upstream and leaves it out of routing', () => {
    expect(splitTarget('/v1/messages?beta=true')).toEqual({ pathname: '/v1/messages', search: '?beta=true' });
    expect(splitTarget('/v1/messages')).toEqual({ pathname: '/v1/messages', search: '' });
  });
});

it('an upstream must be an http(s) URL, and the problem is said the same way everywhere', () => {
  expect(upstreamProblem('https://gateway.example.com/anthropic')).toBeUndefined();
  expect(upstreamProblem('http://127.0.0.1:8080')).toBeUndefined();
  expect(upstreamProblem('not a url')).toBe('must be a URL, got "not a url"');
  expect(upstreamProblem('ftp://x')).toBe('must be http:// or https://, got ftp:');
});
