import { describe, expect, it } from 'vitest';
import { spliceBody, toJsonString } from '../../src/intercept/json-literal.js';

describe('toJsonString', () => {
  it('round-trips any text, lone surrogates written as escapes', () => {
    for (const text of ['', 'plain', 'q"b\\s/\n\t\r\u0000\u001f', '😀 中', '\ud800 lone', 'end \udc00']) {
      const lit = toJsonString(text);
      expect(lit.startsWith('"') && lit.endsWith('"')).toBe(true);
      expect(JSON.parse(lit)).toBe(text);
    }
    expect(toJsonString('\ud800')).toBe('"\\ud800"');
  });
});

describe('spliceBody', () => {
  const body = '{"a": "one", "b": ["two", 3], "c": "three"}';
  const at = (lit: string) => ({ start: body.indexOf(lit), end: body.indexOf(lit) + lit.length });

  it('applies edits given in any order and copies everything else', () => {
    const out = spliceBody(body, [
      { ...at('"three"'), literal: '"3"' },
      { ...at('"one"'), literal: toJsonString('uno "1"') },
      { ...at('"two"'), literal: '""' },
    ]);
    expect(out).toBe('{"a": "uno \\"1\\"", "b": ["", 3], "c": "3"}');
  });

  it('returns the body itself with no edits, and handles edits touching the ends', () => {
    expect(spliceBody(body, [])).toBe(body);
    expect(spliceBody('"x"', [{ start: 0, end: 3, literal: '"y"' }])).toBe('"y"');
    expect(spliceBody('ab', [{ start: 0, end: 0, literal: '<' }, { start: 2, end: 2, literal: '>' }])).toBe('<ab>');
  });

  it('refuses overlapping or out-of-range edits', () => {
    expect(() => spliceBody(body, [{ start: 5, end: 10, literal: '' }, { start: 9, end: 12, literal: '' }])).toThrow(RangeError);
    expect(() => spliceBody(body, [{ start: -1, end: 2, literal: '' }])).toThrow(RangeError);
    expect(() => spliceBody(body, [{ start: 3, end: body.length + 1, literal: '' }])).toThrow(RangeError);
    expect(() => spliceBody(body, [{ start: 4, end: 3, literal: '' }])).toThrow(RangeError);
  });
});
