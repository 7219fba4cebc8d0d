import { splitTarget } from './route.js';

// A request's path as it goes upstream, where it is appended to the
// upstream's base path (`https://gw/anthropic` + `/v1/messages`). A dot
// segment steps out of that base (`/../../admin/keys` reaches
// `https://gw/admin/keys`), and so do its disguises, which servers undo
// before they resolve the path: percent-encoded dots (`%2e%2e`), an encoded
// slash or a backslash inside a segment (`..%2fadmin`, `..\admin`), a
// `;param` suffix (`..;`). Dot segments are resolved here (RFC 3986 5.2.4);
// a path that climbs above its root, or hides a dot segment, is refused.
// Every other byte goes on as the client sent it.

const isDot = (s: string) => /^(?:\.|%2e)$/i.test(s);
const isDotDot = (s: string) => /^(?:\.|%2e){2}$/i.test(s);

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a stray `%` is not ours to fix: the dots are still spotted below
  }
}

/** A segment that some server would read as a dot segment, or as several segments one of which is. */
function hidesDotSegment(segment: string): boolean {
  return decoded(segment)
    .split(/[/\\]/)
    .some((part) => {
      const bare = part.split(';')[0]!;
      return isDot(bare) || isDotDot(bare);
    });
}

/** The target with its dot segments resolved, or undefined when its path would leave the base it is appended to. */
export function normalizeTarget(target: string): string | undefined {
  const { pathname, search } = splitTarget(target);
  if (!pathname.startsWith('/')) return undefined;
  // Every request passes here: a path with no dot, '%' or backslash has no dot segment, plain or hidden, and goes as it is.
  if (!/[.%\\]/.test(pathname)) return target;
  const input = pathname.slice(1).split('/');
  const out: string[] = [];
  for (let i = 0; i < input.length; i++) {
    const segment = input[i]!;
    const last = i === input.length - 1;
    if (isDot(segment) || isDotDot(segment)) {
      if (isDotDot(segment) && out.pop() === undefined) return undefined;
      // `/a/b/..` is `/a/`: a trailing dot segment leaves a directory.
      if (last) out.push('');
      continue;
    }
    if (hidesDotSegment(segment)) return undefined;
    out.push(segment);
  }
  return `/${out.join('/')}${search}`;
}
