import type { Entry } from './parse.js';

// Which files of a listing a model needs by name: manifests and configs (they
// say what the project is and how it builds), dotfiles, files whose extension
// occurs once (the odd one out is usually the interesting one), and the deepest
// path (how deep the tree goes). Everything else can be counted by extension.

const MANIFEST_NAMES = new Set(
  [
    'package.json', 'package-lock.json', 'yarn.lock', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', 'bun.lockb', 'deno.json',
    'tsconfig.json', 'jsconfig.json', 'go.mod', 'go.sum', 'go.work', 'cargo.toml', 'cargo.lock', 'pyproject.toml',
    'setup.py', 'setup.cfg', 'pipfile', 'pipfile.lock', 'poetry.lock', 'uv.lock', 'tox.ini', 'noxfile.py', 'manifest.in',
    '__init__.py', '__main__.py', 'makefile', 'gnumakefile', 'cmakelists.txt', 'meson.build', 'build', 'build.bazel',
    'workspace', 'module.bazel', 'build.gradle', 'build.gradle.kts', 'settings.gradle', 'settings.gradle.kts', 'pom.xml',
    'build.xml', 'build.sbt', 'gemfile', 'gemfile.lock', 'rakefile', 'composer.json', 'mix.exs', 'dockerfile',
    'containerfile', 'procfile', 'vagrantfile', 'jenkinsfile', 'justfile', 'flake.nix', 'default.nix', 'codeowners',
    'package.swift', 'pubspec.yaml', 'stack.yaml', 'dune-project',
  ],
);
const DOC_PREFIXES = ['readme', 'license', 'licence', 'copying', 'notice'];
const CONFIG_EXTS = new Set(['yml', 'yaml', 'toml']);

/** Lower-case extension of a file name, or '' (dotfiles and names without a dot). */
export function extOf(name: string): string {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return '';
  const ext = name.slice(dot + 1).toLowerCase();
  return /^[a-z0-9_+-]{1,12}$/.test(ext) ? ext : '';
}

/** Manifest, build file, top-level doc, or dotfile: always worth its name. */
export function isManifest(name: string): boolean {
  if (name.startsWith('.') && name !== '.' && name !== '..') return true;
  const lower = name.toLowerCase();
  if (MANIFEST_NAMES.has(lower)) return true;
  if (lower.startsWith('dockerfile') || lower.startsWith('docker-compose') || lower.startsWith('requirements')) return true;
  if (lower.startsWith('tsconfig.') && lower.endsWith('.json')) return true;
  for (const p of DOC_PREFIXES) if (lower.startsWith(p)) return true;
  return false;
}

export const isConfigExt = (ext: string): boolean => CONFIG_EXTS.has(ext);

export interface Importance {
  /** Always kept. */
  readonly must: boolean[];
  /** Kept until the tightest level (yml/yaml/toml configs). */
  readonly config: boolean[];
}

/** Marks the entries no level may fold. */
export function importance(entries: readonly (Entry | undefined)[]): Importance {
  const extCount = new Map<string, number>();
  let deepest = -1;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (!e || e.isDir) continue;
    const ext = extOf(e.name);
    if (ext) extCount.set(ext, (extCount.get(ext) ?? 0) + 1);
    if (deepest < 0 || e.depth > entries[deepest]!.depth) deepest = i;
  }
  const must = new Array<boolean>(entries.length).fill(false);
  const config = new Array<boolean>(entries.length).fill(false);
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (!e || e.isDir) continue;
    const ext = extOf(e.name);
    must[i] = i === deepest || isManifest(e.name) || (ext !== '' && extCount.get(ext) === 1);
    config[i] = isConfigExt(ext);
  }
  return { must, config };
}
