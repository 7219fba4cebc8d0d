import type { Lesson } from './types.js';

// `--llm`: one request to the user's own provider (their key, their base URL)
// asking for better wording of the rules mining found. Only the wording may
// change: the same number of rules, each one short line; anything else, or
// any error, keeps the rules as mined. Nothing here is needed for learn to work.

export interface LlmOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
}

export interface Refined {
  readonly lessons: readonly Lesson[];
  /** Why the wording was kept as mined, when it was. */
  readonly kept?: string;
}

const MAX_RULE = 200;

function prompt(lessons: readonly Lesson[]): string {
  const items = lessons.map((l, i) => {
    const e = l.evidence[0];
    return `${i + 1}. ${l.rule}\n   evidence: ${e ? `${e.failed} -> ${e.error}${e.fixed ? ` ; fixed by ${e.fixed}` : ''}` : 'said by the user'}`;
  });
  return [
    'These rules were mined from a coding agent\'s failed tool calls, for its instructions file (CLAUDE.md / AGENTS.md).',
    'Rewrite each as one short, specific imperative line ("Use X, not Y."), keeping every command, flag and file name exact.',
    'Do not add rules, merge them, or state the obvious. Answer with only a JSON array of strings, one per rule, in the same order.',
    '',
    ...items,
  ].join('\n');
}

/** The rules out of the model's answer, when it is exactly what was asked for. */
export function parseRules(text: string, count: number): string[] | undefined {
  const start = text.indexOf('[');
  const end = text.lastIndexOf(']');
  if (start < 0 || end <= start) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text.slice(start, end + 1));
  } catch {
    return undefined;
  }
  if (!Array.isArray(value) || value.length !== count) return undefined;
  const rules = value.map((r) => (typeof r === 'string' ? r.replace(/\s+/g, ' ').trim() : ''));
  return rules.every((r) => r.length > 0 && r.length <= MAX_RULE) ? rules : undefined;
}

export async function refineWording(lessons: readonly Lesson[], o: LlmOptions): Promise<Refined> {
  if (lessons.length === 0) return { lessons };
  const { env } = o;
  const doFetch = o.fetch ?? fetch;
  const signal = AbortSignal.timeout(o.timeoutMs ?? 60_000);
  let answer: string;
  try {
    if (env.ANTHROPIC_API_KEY) {
      const base = (env.ANTHROPIC_BASE_URL || 'https://api.anthropic.com').replace(/\/+$/, '');
      const res = await doFetch(`${base}/v1/messages`, {
        method: 'POST',
        signal,
        headers: { 'content-type': 'application/json', 'x-api-key': env.ANTHROPIC_API_KEY, 'anthropic-version': '2023-06-01' },
        body: JSON.stringify({ model: env.HEADROOM_LEARN_MODEL || 'claude-haiku-4-5', max_tokens: 2000, messages: [{ role: 'user', content: prompt(lessons) }] }),
      });
      if (!res.ok) return { lessons, kept: `the provider answered ${res.status}` };
      const body = (await res.json()) as { content?: Array<{ type?: string; text?: string }> };
      answer = (body.content ?? []).map((b) => (b.type === 'text' ? (b.text ?? '') : '')).join('');
    } else if (env.OPENAI_API_KEY) {
      const base = (env.OPENAI_BASE_URL || 'https://api.openai.com/v1').replace(/\/+$/, '');
      const res = await doFetch(`${base}/chat/completions`, {
        method: 'POST',
        signal,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${env.OPENAI_API_KEY}` },
        body: JSON.stringify({ model: env.HEADROOM_LEARN_MODEL || 'gpt-5-mini', messages: [{ role: 'user', content: prompt(lessons) }] }),
      });
      if (!res.ok) return { lessons, kept: `the provider answered ${res.status}` };
      const body = (await res.json()) as { choices?: Array<{ message?: { content?: string | null } }> };
      answer = body.choices?.[0]?.message?.content ?? '';
    } else {
      return { lessons, kept: 'no ANTHROPIC_API_KEY or OPENAI_API_KEY in the environment' };
    }
  } catch (err) {
    return { lessons, kept: `the provider could not be reached (${err instanceof Error ? err.name : 'error'})` };
  }
  const rules = parseRules(answer, lessons.length);
  if (!rules) return { lessons, kept: 'the answer was not one short rule per lesson' };
  return { lessons: lessons.map((l, i) => ({ ...l, rule: rules[i]! })) };
}
