import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { redactUrl } from './url-userinfo.js';

// Which upstream a request goes to, decided from its pathname (never the query
// string, which varies: `?beta=true`, `?alt=sse`, `?key=`) and, for paths
// that several providers share, its auth headers. First match wins:
//   1. Gemini paths: `/v1beta/...`, `/v1alpha/...`, or `/models/<name>:<method>`
//      with one of Gemini's methods (OpenAI's fine-tuned model ids contain ":"
//      too, hence the fixed method list).
//   2. Anthropic paths: `/v1/messages...`, `/v1/complete`, `/api/...` (Claude
//      Code's `HEAD /api/hello`).
//   3. OpenAI-only paths: `/v1/chat/...`, `/v1/responses...`, `/v1/completions`, `/v1/embeddings`.
//   4. Shared paths (`/v1/models`, `/v1/files`...) by header: `x-goog-api-key`
//      is Gemini; `anthropic-version` or `x-api-key` is Anthropic.
//   5. Any other `/v1/...` path: OpenAI.
//   6. Anything else: Anthropic, whose clients use a base URL without `/v1`.

export type Upstream = 'anthropic' | 'openai' | 'gemini';

/** The public APIs, where requests go unless the user named another upstream. */
export const DEFAULT_UPSTREAMS: Readonly<Record<Upstream, string>> = {
  anthropic: 'https://api.anthropic.com',
  openai: 'https://api.openai.com',
  gemini: 'https://generativelanguage.googleapis.com',
};

/** Why `value` cannot be an upstream base URL (not a URL, not http or https), or undefined when it can. */
export function upstreamProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `must be a URL, got ${JSON.stringify(redactUrl(value))}`;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? undefined : `must be http:// or https://, got ${url.protocol}`;
}

/** A secret path prefix: other local users and web pages cannot reach the proxy without it. */
export function randomPathPrefix(): string {
  return `/hr-${randomBytes(9).toString('base64url')}`;
}

const GEMINI_METHODS =
  /\/models\/[^/:]+:(generateContent|streamGenerateContent|countTokens|embedContent|batchEmbedContents|batchGenerateContent|asyncBatchEmbedContent|predict|predictLongRunning)$/;

const OPENAI_ONLY = /^\/v1\/(chat\/|responses(\/|$)|completions$|embeddings$)/;

export function routeFor(pathname: string, headers: IncomingHttpHeaders): Upstream {
  if (pathname.startsWith('/v1beta/') || pathname.startsWith('/v1alpha/') || GEMINI_METHODS.test(pathname)) return 'gemini';
  if (pathname === '/v1/messages' || pathname.startsWith('/v1/messages/') || pathname === '/v1/complete') return 'anthropic';
  if (pathname.startsWith('/api/')) return 'anthropic';
  if (OPENAI_ONLY.test(pathname)) return 'openai';
  if (headers['x-goog-api-key'] !== undefined) return 'gemini';
  if (headers['anthropic-version'] !== undefined || headers['x-api-key'] !== undefined) return 'anthropic';
  return pathname.startsWith('/v1/') ? 'openai' : 'anthropic';
}

/**
 * Splits the secret prefix off a request target. Undefined when the target
 * does not start with it: such requests get a 404 and reach no upstream.
 */
export function stripPrefix(target: string, prefix: string): string | undefined {
  if (!target.startsWith(prefix)) return undefined;
  const rest = target.slice(prefix.length);
  if (rest === '' || rest.startsWith('?')) return `/${rest}`;
  // "/hr-abcdef" must not accept "/hr-abcdefXYZ/...": the prefix ends at a "/".
  return rest.startsWith('/') ? rest : undefined;
}

/** Pathname and search of an origin-form target, without URL normalisation (bytes go upstream as sent). */
export function splitTarget(target: string): { pathname: string; search: string } {
  const q = target.indexOf('?');
  return q < 0 ? { pathname: target, search: '' } : { pathname: target.slice(0, q), search: target.slice(q) };
}
