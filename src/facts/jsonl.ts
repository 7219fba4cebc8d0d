import { isFactId } from './ids.js';
import type { Fact, Provenance } from './types.js';

// One exported fact per line (`headroom memory export`), read back by import:
// checked field by field, since the file may have been edited by hand.

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isStr = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

function provenance(v: unknown): Provenance[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: Provenance[] = [];
  for (const p of v) {
    if (!p || typeof p !== 'object') return undefined;
    const { agent, session, at } = p as Record<string, unknown>;
    if (!isStr(agent) || !isStr(session) || !isNum(at)) return undefined;
    out.push({ agent, session, at });
  }
  return out;
}

/** The fact on one line, or a sentence saying what is wrong with it. */
export function parseFactLine(line: string): Fact | string {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return 'not JSON';
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return 'not a JSON object';
  const o = v as Record<string, unknown>;
  if (!isStr(o.text)) return 'no "text"';
  if (!isStr(o.scope)) return 'no "scope"';
  const prov = provenance(o.provenance ?? []);
  if (!prov) return '"provenance" must be a list of {agent, session, at}';
  const at = isNum(o.created) ? o.created : Date.now();
  return {
    id: isStr(o.id) && isFactId(o.id) ? o.id : '',
    text: o.text,
    scope: o.scope,
    created: at,
    updated: isNum(o.updated) ? o.updated : at,
    saved: isNum(o.saved) ? Math.max(1, Math.floor(o.saved)) : Math.max(1, prov.length),
    found: isNum(o.found) ? Math.floor(o.found) : 0,
    provenance: prov.length ? prov : [{ agent: 'import', session: 'import', at }],
  };
}
