// Facts are shown to every agent of a project and may sit in a team's Redis:
// a credential must never get in. The patterns are the well-known shapes of
// keys and tokens, plus a password inside a URL and private key blocks; what
// looks like one is refused whole (never stored, never logged).

interface Pattern {
  readonly what: string;
  readonly re: RegExp;
}

const PATTERNS: readonly Pattern[] = [
  { what: 'a private key', re: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----/ },
  { what: 'an Anthropic or OpenAI API key', re: /\bsk-(?:ant-|proj-|svcacct-|admin-)?[A-Za-z0-9_-]{16,}/ },
  { what: 'a Google API key', re: /\bAIza[0-9A-Za-z_-]{30,}/ },
  { what: 'a GitHub token', re: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,})/ },
  { what: 'a GitLab token', re: /\bglpat-[A-Za-z0-9_-]{20,}/ },
  { what: 'a Slack token', re: /\bxox[abposr]-[A-Za-z0-9-]{10,}/ },
  { what: 'an AWS access key', re: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { what: 'a Stripe key', re: /\b[rs]k_(?:live|test)_[A-Za-z0-9]{16,}/ },
  { what: 'an npm token', re: /\bnpm_[A-Za-z0-9]{30,}/ },
  { what: 'a Hugging Face token', re: /\bhf_[A-Za-z0-9]{30,}/ },
  { what: 'a JSON Web Token', re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/ },
  { what: 'a password in a URL', re: /\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:[^\s/@]+@/i },
  { what: 'a bearer token', re: /\bbearer\s+[A-Za-z0-9._~+/-]{20,}=*/i },
  // `password = hunter2`, `API_KEY: abc...`: an assignment of a value to a secret-named key.
  {
    what: 'a secret assigned to a variable',
    re: /\b(?:password|passwd|pwd|secret|api[_-]?key|access[_-]?key|auth[_-]?token|token|client[_-]?secret)\b["']?\s*[:=]\s*["']?(?!<|\$\{?|%|\{\{|\*{3})[^\s"'<>]{6,}/i,
  },
];

/** What kind of secret the text seems to hold, or undefined when none. */
export function findSecret(text: string): string | undefined {
  for (const p of PATTERNS) if (p.re.test(text)) return p.what;
  return undefined;
}
