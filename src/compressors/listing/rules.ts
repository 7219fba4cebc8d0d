// Names that say what a project is and how it builds (manifests, build files,
// top-level docs, dotfiles): among entries of one depth they come back first.

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

/** Lower-case extension of a file name, or '' (dotfiles and names without a dot). */
export function extOf(name: string): string {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return '';
  const ext = name.slice(dot + 1).toLowerCase();
  // Extensions start with a letter and are short (`.ts`, `.json`, `.defaults`); `lib.so.6` and `which.debianutils` have none.
  return /^[a-z][a-z0-9_+-]{0,9}$/.test(ext) ? ext : '';
}

/** A dotfile: configuration (`.gitignore`, `.eslintrc.json`) or tool state (`.git`, `.cache`). */
export function isDotfile(name: string): boolean {
  return name.startsWith('.') && name !== '.' && name !== '..';
}

/** Manifest, build file or doc: says what a project is and how it builds. */
export function isManifest(name: string): boolean {
  const lower = name.toLowerCase();
  if (MANIFEST_NAMES.has(lower)) return true;
  if (lower.startsWith('dockerfile') || lower.startsWith('docker-compose') || lower.startsWith('requirements')) return true;
  if (lower.startsWith('tsconfig.') && lower.endsWith('.json')) return true;
  for (const p of DOC_PREFIXES) if (lower.startsWith(p)) return true;
  return false;
}
