import { describe, expect, it } from 'vitest';
import { checkJson } from '../../../src/compressors/guard/json-check.js';

// The guard's JSON check names where an output stops being a projection of its
// input; paths are built only for the problem it reports.
describe('checkJson problem paths', () => {
  const input = JSON.stringify({ items: [{ id: 1, b: 'x' }, { id: 2, b: 'y' }], meta: { a: [1, 2] } });

  it.each([
    ['{"items":[{"id":1,"b":"z"}]}', '$.items[0]', 'an element is not one of the input elements, in order'],
    ['{"items":[{"b":"x"}]}', '$.items[0]', 'an element is not one of the input elements, in order'],
    ['{"meta":{"a":[3]}}', '$.meta.a[0]', 'an element is not one of the input elements, in order'],
    ['{"meta":{"c":1}}', '$.meta.c', 'a member the input does not have'],
    ['{"meta":{"a":{}}}', '$.meta.a', 'an object stands where the input has no object'],
  ])('%s -> %s', (output, path, detail) => {
    expect(checkJson(input, output, false)).toEqual({ path, detail });
  });

  it('a projection has no problem, and a record without its id is one only inside an array', () => {
    expect(checkJson(input, '{"items":[{"id":2}],"meta":{"a":[2]}}', false)).toBeNull();
    expect(checkJson('{"id":1,"b":2}', '{"b":2}', false)).toBeNull();
  });

  it('JSON lines: an output record matches a later input record, or the line is named', () => {
    expect(checkJson('{"a":1}\n{"a":2}', '{"a":2}', true)).toBeNull();
    expect(checkJson('{"a":1}\n{"a":2}', '{"a":3}', true)).toEqual({ path: 'line 1', detail: 'an output record is not one of the input records, in order' });
  });
});
