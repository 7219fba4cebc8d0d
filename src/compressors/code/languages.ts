import { createRequire } from 'node:module';
import path from 'node:path';
import type * as TreeSitter from '@vscode/tree-sitter-wasm';

// Grammar loading for the code outline. The WASM runtime and grammars load
// asynchronously, so the compressor's `prepare` hook calls `loadGrammar` and
// `compress` then reads the cache synchronously through `loadedParser`.

export type TsParser = TreeSitter.Parser;
export type TsNode = TreeSitter.Node;
export type TsTree = TreeSitter.Tree;

/** Canonical language names, each with the grammar that parses it. */
const GRAMMARS: Readonly<Record<string, string>> = {
  typescript: 'typescript',
  tsx: 'tsx',
  javascript: 'javascript',
  python: 'python',
  go: 'go',
  rust: 'rust',
  java: 'java',
  csharp: 'c-sharp',
  cpp: 'cpp',
  ruby: 'ruby',
  php: 'php',
  bash: 'bash',
  css: 'css',
};

/** Hints as callers give them (file extensions, common names) mapped to canonical names. */
const ALIASES: Readonly<Record<string, string>> = {
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  typescript: 'typescript',
  tsx: 'tsx',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'javascript',
  javascript: 'javascript',
  node: 'javascript',
  py: 'python',
  pyi: 'python',
  python: 'python',
  python3: 'python',
  go: 'go',
  golang: 'go',
  rs: 'rust',
  rust: 'rust',
  java: 'java',
  cs: 'csharp',
  csharp: 'csharp',
  'c#': 'csharp',
  'c-sharp': 'csharp',
  c: 'cpp',
  h: 'cpp',
  cc: 'cpp',
  cpp: 'cpp',
  cxx: 'cpp',
  hpp: 'cpp',
  hh: 'cpp',
  'c++': 'cpp',
  rb: 'ruby',
  ruby: 'ruby',
  php: 'php',
  sh: 'bash',
  bash: 'bash',
  zsh: 'bash',
  shell: 'bash',
  css: 'css',
};

/**
 * The canonical language for a hint such as 'ts', 'Python' or 'src/main.rs',
 * or undefined when the hint names nothing we can parse.
 */
export function normalizeLanguage(hint: string | undefined): string | undefined {
  if (!hint) return undefined;
  const h = hint.trim().toLowerCase();
  const direct = ALIASES[h];
  if (direct) return direct;
  const dot = h.lastIndexOf('.');
  return dot >= 0 ? ALIASES[h.slice(dot + 1)] : undefined;
}

type TreeSitterModule = typeof TreeSitter;

const requireHere = createRequire(import.meta.url);
let runtime: Promise<TreeSitterModule> | undefined;
const pending = new Map<string, Promise<TsParser | undefined>>();
const ready = new Map<string, TsParser>();

function initRuntime(): Promise<TreeSitterModule> {
  runtime ??= (async () => {
    const mod = requireHere('@vscode/tree-sitter-wasm') as TreeSitterModule;
    await mod.Parser.init();
    return mod;
  })();
  return runtime;
}

/**
 * Loads (once per process) the grammar of a canonical language and keeps a
 * parser for it. Resolves to undefined when the grammar cannot load, so the
 * caller falls back to the line-based outline instead of failing.
 */
export function loadGrammar(language: string): Promise<TsParser | undefined> {
  const grammar = GRAMMARS[language];
  if (!grammar) return Promise.resolve(undefined);
  let p = pending.get(language);
  if (!p) {
    p = (async () => {
      try {
        const mod = await initRuntime();
        const dir = path.dirname(requireHere.resolve('@vscode/tree-sitter-wasm'));
        const lang = await mod.Language.load(path.join(dir, `tree-sitter-${grammar}.wasm`));
        const parser = new mod.Parser();
        parser.setLanguage(lang);
        ready.set(language, parser);
        return parser;
      } catch {
        return undefined;
      }
    })();
    pending.set(language, p);
  }
  return p;
}

/** The parser of a language whose grammar has already loaded, if any. */
export function loadedParser(language: string): TsParser | undefined {
  return ready.get(language);
}
