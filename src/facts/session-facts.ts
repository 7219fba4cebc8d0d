import type { Fact } from './types.js';

// The block an agent starts a session with (`headroom wrap --memory`). It is
// made once, before the agent starts, and handed over through the agent's own
// setting for extra instructions, so it is byte-for-byte the same in every
// request of the session and the provider's prompt cache holds.

/** Caps the block whatever the facts: about 500 tokens. */
const MAX_CHARS = 2000;

/** The block, or undefined when there is nothing to say. */
export function renderSessionFacts(facts: readonly Fact[]): string | undefined {
  if (facts.length === 0) return undefined;
  const head =
    'Facts about this project that you or other coding agents saved earlier (headroom memory). ' +
    'Follow them unless the user says otherwise; save new ones with headroom_memory_save, look for more with headroom_memory_search.';
  let out = head;
  for (const f of facts) {
    const line = `\n- ${f.text}`;
    if (out.length + line.length > MAX_CHARS) break;
    out += line;
  }
  return `${out}\n`;
}
