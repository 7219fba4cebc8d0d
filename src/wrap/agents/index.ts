import type { AgentName, AgentProfile } from '../types.js';
import { aider } from './aider.js';
import { claude } from './claude.js';
import { codex } from './codex.js';
import { copilot } from './copilot.js';
import { cursor } from './cursor.js';
import { gemini } from './gemini.js';
import { opencode } from './opencode.js';

export const AGENTS: Readonly<Record<AgentName, AgentProfile>> = { claude, codex, gemini, copilot, opencode, aider, cursor };

export const AGENT_NAMES = Object.keys(AGENTS) as AgentName[];

export function profileFor(name: string): AgentProfile | undefined {
  return Object.hasOwn(AGENTS, name) ? AGENTS[name as AgentName] : undefined;
}
