import type { Upstream } from './route.js';

// When the proxy answers in the provider's place, the agent gets the error
// shape its SDK parses, so it shows our message (and may retry, as it would
// after the same failure talking to the provider directly) instead of a
// parse failure. Messages name the upstream origin and the network error
// code, never the path or query (Gemini keys can sit in `?key=`) or a header.

export type ProxyFailure =
  | 'unreachable' // no byte of the request reached the provider
  | 'lost-after-send' // the connection broke once the request was on its way: it may have been read, so it is not sent again
  | 'bad-path'; // the request's path leaves the upstream's base path

const STATUS: Record<ProxyFailure, number> = { unreachable: 502, 'lost-after-send': 502, 'bad-path': 400 };
const OPENAI_CODE: Record<ProxyFailure, string> = { unreachable: 'upstream_unreachable', 'lost-after-send': 'upstream_connection_lost', 'bad-path': 'invalid_path' };

export interface ProxyErrorAnswer {
  readonly status: number;
  readonly body: string;
}

export function proxyErrorAnswer(upstream: Upstream, failure: ProxyFailure, message: string): ProxyErrorAnswer {
  const status = STATUS[failure];
  const theirs = status === 400; // the request's fault, not the provider's
  switch (upstream) {
    case 'anthropic':
      return { status, body: JSON.stringify({ type: 'error', error: { type: theirs ? 'invalid_request_error' : 'api_error', message } }) };
    case 'openai':
      return { status, body: JSON.stringify({ error: { message, type: theirs ? 'invalid_request_error' : 'server_error', param: null, code: OPENAI_CODE[failure] } }) };
    case 'gemini':
      return { status, body: JSON.stringify({ error: { code: status, message, status: theirs ? 'INVALID_ARGUMENT' : 'UNAVAILABLE' } }) };
  }
}
