import type { Upstream } from './route.js';

// When the proxy cannot reach the provider, the agent gets a 502 in the error
// shape its SDK parses, so it shows our message (and may retry) instead of a
// parse failure. The message names the upstream origin and the network error
// code, never the path or query (Gemini keys can sit in `?key=`) or a header.

export function upstreamErrorBody(upstream: Upstream, origin: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const message = `headroom proxy could not reach ${origin}${code ? ` (${code})` : ''}`;
  switch (upstream) {
    case 'anthropic':
      return JSON.stringify({ type: 'error', error: { type: 'api_error', message } });
    case 'openai':
      return JSON.stringify({ error: { message, type: 'server_error', param: null, code: 'upstream_unreachable' } });
    case 'gemini':
      return JSON.stringify({ error: { code: 502, message, status: 'UNAVAILABLE' } });
  }
}
