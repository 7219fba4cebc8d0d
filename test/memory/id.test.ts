import { describe, expect, it } from 'vitest';
import { contentId, isContentId } from '../../src/memory/id.js';
import { corpusCases } from '../helpers/corpus.js';

describe('content ids', () => {
  it('are hr_ and 12 unambiguous base32 characters, derived from the bytes', () => {
    const id = contentId(Buffer.from('hello\n'));
    expect(id).toMatch(/^hr_[a-km-np-z2-9]{12}$/);
    expect(isContentId(id)).toBe(true);
    expect(contentId(Buffer.from('hello\n'))).toBe(id);
    expect(contentId(Buffer.from('hello'))).not.toBe(id);
  });

  it('differ across every corpus case', () => {
    const ids = new Set(['logs', 'json', 'code', 'html'].flatMap((t) => corpusCases(t)).map((k) => contentId(Buffer.from(k.input))));
    expect(ids.size).toBe(['logs', 'json', 'code', 'html'].flatMap((t) => corpusCases(t)).length);
  });

  it('rejects look-alikes', () => {
    for (const bad of ['hr_', 'hr_ABCDEFGHIJKL', 'hr_k3m9x2p7q4a', 'hr_k3m9x2p7q4ab1', 'xx_k3m9x2p7q4ab', 'hr_l0o1l0o1l0o1']) {
      expect(isContentId(bad)).toBe(false);
    }
  });
});
