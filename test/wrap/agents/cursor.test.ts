import { expect, test } from 'vitest';
import { cursor } from '../../../src/wrap/agents/cursor.js';
import { context, profileContract } from './profile-contract.js';

profileContract(cursor);

test('cursor: HTTPS through the session proxy; our CA is trusted by this child only, next to the system CAs', () => {
  const plan = cursor.launch(context());
  expect(plan.env.HTTPS_PROXY).toBe('http://127.0.0.1:40999');
  expect(plan.env.NODE_EXTRA_CA_CERTS).toBe('/data/ca.pem');
  expect(plan.env.SSL_CERT_FILE).toBe('/run/ca-bundle.pem');
  expect(() => cursor.launch(context({ mitm: undefined }))).toThrow();
});
