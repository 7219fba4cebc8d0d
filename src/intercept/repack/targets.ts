import type { CallInput } from '../providers/types.js';

// What a tool call acted on, from its name and input: a file it read, a file
// it changed, or a command it ran. The names are those of Claude Code,
// opencode, Gemini CLI, Copilot and Codex; a call that fits none (a search, a
// listing) has no target and is never superseded.

export type CallTarget =
  | { readonly kind: 'read'; readonly file: string; readonly range?: string }
  | { readonly kind: 'edit'; readonly file: string }
  | { readonly kind: 'run'; readonly command: string };

const READ = /^(?:read|notebookread|read_file|view)$/i;
const EDIT = /edit|write|replace|patch|create/i;

export function callTarget(tool: string | undefined, input: CallInput | undefined): CallTarget | undefined {
  if (tool === undefined || input === undefined) return undefined;
  const command = input.command ?? input.cmd;
  if (typeof command === 'string' && command.trim() !== '') return { kind: 'run', command: command.trim() };
  const file = input.file_path ?? input.filePath ?? input.notebook_path ?? input.path;
  if (typeof file !== 'string' || file === '') return undefined;
  if (EDIT.test(tool)) return { kind: 'edit', file };
  if (!READ.test(tool)) return undefined;
  // A read of part of a file: only a later read of the whole file, or of the same part, stands in for it.
  const part = input.offset !== undefined || input.limit !== undefined;
  return part ? { kind: 'read', file, range: `${input.offset ?? ''}:${input.limit ?? ''}` } : { kind: 'read', file };
}
