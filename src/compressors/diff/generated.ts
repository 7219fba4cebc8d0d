// Lock files and generated files: their changes are churn a model does not
// read line by line, so the diff compressor summarises them before it drops
// any changed line of a file someone wrote.

const LOCK_NAMES = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lockb',
  'bun.lock',
  'deno.lock',
  'Cargo.lock',
  'go.sum',
  'go.work.sum',
  'poetry.lock',
  'Pipfile.lock',
  'pdm.lock',
  'uv.lock',
  'composer.lock',
  'Gemfile.lock',
  'Podfile.lock',
  'pubspec.lock',
  'mix.lock',
  'flake.lock',
  'packages.lock.json',
  'gradle.lockfile',
  'Package.resolved',
]);

const GENERATED_NAME = /(?:\.min\.(?:js|css|mjs)|\.map|\.pb\.go|_pb2\.pyi?|\.generated\.\w+|\.g\.dart|\.lock|\.snap)$/;
const GENERATED_DIR = /(?:^|\/)(?:dist|vendor|node_modules)\//;

/** Why a file's changes are not worth reading line by line ('lock file', 'generated file'), or ''. */
export function generatedKind(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (LOCK_NAMES.has(base)) return 'lock file';
  if (GENERATED_NAME.test(base) || GENERATED_DIR.test(path)) return 'generated file';
  return '';
}
