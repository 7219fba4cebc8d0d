import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type JsonObject as Json, isJsonObject as isObject } from '../../json-object.js';
import { writableParent } from '../session-dir.js';
import type { AgentProfile, Env } from '../types.js';

// Gemini CLI reads GOOGLE_GEMINI_BASE_URL when it authenticates with an API
// key. The auth choice and MCP servers live in settings files; the system
// settings file has the last word and its path can be set per process
// (GEMINI_CLI_SYSTEM_SETTINGS_PATH), so the session gets its own copy of it
// with our keys merged in, and the user's files stay as they are.

function merge(base: Json, over: Json): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isObject(v) && isObject(out[k]) ? merge(out[k] as Json, v) : v;
  return out;
}

function systemSettings(env: Env): Json {
  const file = env.GEMINI_CLI_SYSTEM_SETTINGS_PATH || '/etc/gemini-cli/settings.json';
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return isObject(parsed) ? parsed : {};
  } catch {
    return {}; // none, or unreadable: Gemini would ignore it too
  }
}

/** Which folder kept Gemini from reading our settings, and the command that fixes it. */
function noPrivateFolder(sessionDir: string): string {
  const open = writableParent(sessionDir) ?? path.dirname(sessionDir);
  const fix =
    open === os.tmpdir() || open === path.dirname(os.tmpdir())
      ? `set XDG_RUNTIME_DIR to a folder only you can write to (mkdir -m 700 -p ~/.cache/run && export XDG_RUNTIME_DIR=~/.cache/run)`
      : `run: chmod go-w ${open}`;
  return `gemini: headroom_retrieve is off this session: Gemini CLI ignores settings under ${open}, which others can write to. To fix it, ${fix}`;
}

export const gemini: AgentProfile = {
  name: 'gemini',
  binary: 'gemini',
  install: 'npm install -g @google/gemini-cli',
  retrieval: 'mcp',
  intercept: 'base-url',
  userUpstreams: (env) => (env.GOOGLE_GEMINI_BASE_URL ? { gemini: env.GOOGLE_GEMINI_BASE_URL } : {}),
  launch(ctx) {
    const hasKey = Boolean(ctx.env.GEMINI_API_KEY || ctx.env.GOOGLE_API_KEY);
    const notes = hasKey ? [] : ['gemini: no GEMINI_API_KEY in the environment; a Google sign-in bypasses the base URL, so this session may not be compressed.'];
    const env = { GOOGLE_GEMINI_BASE_URL: ctx.endpoint };
    // Gemini CLI skips (with a warning on its screen) a settings file in a folder others could write to.
    if (!ctx.sessionDirPrivate) {
      return {
        args: [...ctx.args],
        env,
        notes: [...notes, noPrivateFolder(ctx.sessionDir)],
      };
    }
    const ours: Json = {
      mcpServers: { headroom: { command: ctx.mcp.command, args: ctx.mcp.args } },
      // Only an API key goes through the base URL; a Google sign-in talks to Code Assist instead.
      ...(hasKey ? { security: { auth: { selectedType: 'gemini-api-key' } } } : {}),
      // --memory: a GEMINI.md in a folder of the session's own, which Gemini loads into its context as memory.
      ...(ctx.memory ? { context: { includeDirectories: [`${ctx.sessionDir}/memory`], loadMemoryFromIncludeDirectories: true } } : {}),
    };
    const name = 'gemini-system-settings.json';
    return {
      args: [...ctx.args],
      env: { ...env, GEMINI_CLI_SYSTEM_SETTINGS_PATH: `${ctx.sessionDir}/${name}` },
      files: [{ name, content: `${JSON.stringify(merge(systemSettings(ctx.env), ours), null, 2)}\n` }, ...(ctx.memory ? [{ name: 'memory/GEMINI.md', content: ctx.memory }] : [])],
      notes,
    };
  },
};
