import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closestName } from './closest.js';

/** Signals that back a command pattern off when the config does not say (the proxy's own default). */
export const DEFAULT_BACKOFF_AFTER = 3;

// One config file ($XDG_CONFIG_HOME/headroom/config.json) plus HEADROOM_*
// environment variables, which win. Read once, where a command starts, and
// passed down: nothing below the CLI reads the environment.

export interface Config {
  /** 'sqlite' (default, in dataDir), a file path, 'memory', or a redis:// URL. */
  readonly store: string;
  readonly storeTtlDays: number;
  readonly storeMaxMb: number;
  /** $XDG_DATA_HOME/headroom: the SQLite store. */
  readonly dataDir: string;
  /** $XDG_STATE_HOME/headroom: logs. */
  readonly stateDir: string;
  readonly configFile: string;
  /**
   * Per-tool proxy rules from the config file's "tools" object: "compress",
   * "skip", or a number (compress only from that many estimated tokens up);
   * "*" sets the rule for every other tool.
   */
  readonly tools: Readonly<Record<string, 'compress' | 'skip' | { readonly minTokens: number }>>;
  /**
   * Signals (a retrieval, a re-run, a re-read right after a compressed
   * output) after which the proxy stops compressing a command pattern in a
   * project; 0 never backs off.
   */
  readonly backoffAfter: number;
  /**
   * Command patterns left whole for good, per project (its git root): what
   * `headroom learn` writes when a back-off is accepted. Unlike a back-off,
   * it never lapses and no reset lifts it.
   */
  readonly keepWhole: Readonly<Record<string, readonly string[]>>;
  /** Keys of the config file headroom does not read (typos, mostly), each with the closest known key. */
  readonly unknownKeys?: readonly UnknownKey[];
}

export interface UnknownKey {
  readonly key: string;
  readonly closest?: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

function xdg(env: Env, name: string, fallback: string): string {
  const v = env[name];
  // The spec says relative values are invalid and must be ignored.
  return v && path.isAbsolute(v) ? v : path.join(env.HOME || os.homedir(), fallback);
}

function positive(value: unknown, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new ConfigError(`${name} must be a positive number, got ${JSON.stringify(value)}`);
  return n;
}

function count(value: unknown, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${name} must be a whole number, 0 or more, got ${JSON.stringify(value)}`);
  return n;
}

function readFile(file: string): Record<string, unknown> {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch {
    return {}; // no config file is the normal case
  }
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through to the error below
  }
  throw new ConfigError(`${file} is not a JSON object: fix it or remove it`);
}

function toolRules(value: unknown, file: string): Config['tools'] {
  if (value === undefined) return {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ConfigError(`"tools" in ${file} must be an object of tool names`);
  const out: Record<string, 'compress' | 'skip' | { minTokens: number }> = {};
  for (const [tool, rule] of Object.entries(value)) {
    if (rule === 'compress' || rule === 'skip') out[tool] = rule;
    else if (typeof rule === 'number' && Number.isFinite(rule) && rule >= 0) out[tool] = { minTokens: rule };
    else throw new ConfigError(`"tools"."${tool}" in ${file} must be "compress", "skip" or a number of tokens`);
  }
  return out;
}

function keepWholeOf(value: unknown, file: string): Config['keepWhole'] {
  if (value === undefined) return {};
  const bad = () => new ConfigError(`"keepWhole" in ${file} must map project folders to lists of command patterns, e.g. {"/home/me/app": ["Bash: git diff"]}`);
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw bad();
  const out: Record<string, readonly string[]> = {};
  for (const [project, patterns] of Object.entries(value)) {
    if (!Array.isArray(patterns) || !patterns.every((p) => typeof p === 'string' && p !== '')) throw bad();
    out[project] = patterns as string[];
  }
  return out;
}

/** The HEADROOM_* variables something reads: the rest are typos `headroom doctor` names. */
export const HEADROOM_VARIABLES = [
  'HEADROOM_CONFIG',
  'HEADROOM_STORE',
  'HEADROOM_STORE_TTL_DAYS',
  'HEADROOM_STORE_MAX_MB',
  'HEADROOM_BACKOFF_AFTER',
  'HEADROOM_ANTHROPIC_UPSTREAM',
  'HEADROOM_OPENAI_UPSTREAM',
  'HEADROOM_GEMINI_UPSTREAM',
  'HEADROOM_LEARN_MODEL',
  // prose-ml off (=0), and its model folder instead of the one headroom ships
  'HEADROOM_PROSE_ML',
  'HEADROOM_PROSE_ML_MODEL',
  // set by headroom wrap for the agent's processes
  'HEADROOM_WRAPPED',
  // headroom's own tests and benchmarks
  'HEADROOM_CHROMIUM',
  'HEADROOM_CORPUS',
  'HEADROOM_TRACE_IMPORTS',
  'HEADROOM_AGENT_REQUESTS',
] as const;

/** Every key the config file may have; anything else is named on stderr and by `headroom doctor`. */
export const CONFIG_KEYS = ['store', 'storeTtlDays', 'storeMaxMb', 'tools', 'backoffAfter', 'keepWhole'] as const;

/** Keys nobody reads; `$schema` and `//` comments are a config file's own. */
function unknownKeysOf(file: Record<string, unknown>): UnknownKey[] {
  const known: readonly string[] = CONFIG_KEYS;
  return Object.keys(file)
    .filter((key) => !known.includes(key) && !key.startsWith('$') && !key.startsWith('//'))
    .map((key) => {
      const near = closestName(key, known);
      return near ? { key, closest: near } : { key };
    });
}

/** The effective configuration. */
export function loadConfig(env: Env = process.env): Config {
  const configDir = path.join(xdg(env, 'XDG_CONFIG_HOME', '.config'), 'headroom');
  const configFile = env.HEADROOM_CONFIG || path.join(configDir, 'config.json');
  const file = readFile(configFile);
  const str = (key: string, envName: string): string | undefined => {
    const v = env[envName] ?? file[key];
    if (v === undefined || v === '') return undefined;
    if (typeof v !== 'string') throw new ConfigError(`"${key}" in ${configFile} must be a string`);
    return v;
  };
  return {
    store: str('store', 'HEADROOM_STORE') ?? 'sqlite',
    storeTtlDays: positive(env.HEADROOM_STORE_TTL_DAYS ?? file.storeTtlDays, 'storeTtlDays (HEADROOM_STORE_TTL_DAYS)') ?? 30,
    storeMaxMb: positive(env.HEADROOM_STORE_MAX_MB ?? file.storeMaxMb, 'storeMaxMb (HEADROOM_STORE_MAX_MB)') ?? 1024,
    dataDir: path.join(xdg(env, 'XDG_DATA_HOME', '.local/share'), 'headroom'),
    stateDir: path.join(xdg(env, 'XDG_STATE_HOME', '.local/state'), 'headroom'),
    configFile,
    tools: toolRules(file.tools, configFile),
    keepWhole: keepWholeOf(file.keepWhole, configFile),
    backoffAfter: count(env.HEADROOM_BACKOFF_AFTER ?? file.backoffAfter, 'backoffAfter (HEADROOM_BACKOFF_AFTER)') ?? DEFAULT_BACKOFF_AFTER,
    unknownKeys: unknownKeysOf(file),
  };
}
