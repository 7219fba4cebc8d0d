import { expect, test } from 'vitest';
import { CacheLedger } from '../../src/savings/cache-ledger.js';

const send = (ledger: CacheLedger, warm: boolean, repacked: boolean, messages: string[]) => {
  ledger.request(warm, repacked);
  messages.forEach((m, i) => ledger.message(i, m));
};

test('a changed earlier message is one bust per request; a repack after a lapse is counted apart and sets what later requests must repeat', () => {
  const l = new CacheLedger();
  send(l, false, false, ['a', 'b']);
  send(l, true, false, ['a', 'b', 'c']);
  expect([l.busts, l.repacks]).toEqual([0, 0]);
  send(l, true, false, ['A', 'B', 'c', 'd']);
  expect([l.busts, l.repacks]).toEqual([1, 0]);
  send(l, false, true, ['a*', 'b*', 'c', 'd', 'e']);
  expect([l.busts, l.repacks]).toEqual([1, 1]);
  send(l, true, false, ['a*', 'b*', 'c', 'd', 'e', 'f']);
  expect([l.busts, l.repacks]).toEqual([1, 1]);
});

test('a repack inside a warm window is a bust, not a repack', () => {
  const l = new CacheLedger();
  send(l, false, false, ['a', 'b']);
  send(l, true, true, ['a*', 'b', 'c']);
  expect([l.busts, l.repacks]).toEqual([1, 0]);
});
