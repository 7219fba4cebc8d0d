// Helpers for adding headroom's flags to an agent's argument list without
// changing what the user's own arguments mean.

/**
 * Appends flags after the user's arguments but before a `--` of theirs, so a
 * variadic option of the agent (`--allowedTools Bash Read`) is closed by our
 * flag instead of swallowing it, and nothing lands among positional operands.
 */
export function appendFlags(args: readonly string[], flags: readonly string[]): string[] {
  const end = args.indexOf('--');
  return end < 0 ? [...args, ...flags] : [...args.slice(0, end), ...flags, ...args.slice(end)];
}

/** The value of `--name value` or `--name=value` in args (the last one wins, as in most parsers). */
export function flagValue(args: readonly string[], name: string): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') break;
    if (a === name && i + 1 < args.length) value = args[++i];
    else if (a.startsWith(`${name}=`)) value = a.slice(name.length + 1);
  }
  return value;
}

/** args without any `--name value` / `--name=value` pair (before a `--`). */
export function withoutFlag(args: readonly string[], name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') return [...out, ...args.slice(i)];
    if (a === name) i++;
    else if (!a.startsWith(`${name}=`)) out.push(a);
  }
  return out;
}

/** A base URL without a trailing `/v1` (or `/`): request paths already carry the version. */
export function stripVersion(url: string): string {
  return url.replace(/\/+$/, '').replace(/\/v1$/, '');
}
