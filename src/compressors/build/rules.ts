import { clip } from '../lines.js';
import { templateOf } from '../template.js';

// Line roles in compiler / linter / package-manager output (tsc, cargo and
// clippy, eslint, gcc/clang, go build/vet, npm/pnpm/yarn, maven/gradle,
// webpack/vite). A diagnostic is a header line plus the detail lines under it;
// the location line of a detail (` --> src/x.rs:1:2`) is kept with its header.

export const B_NOISE = 0;
export const B_OTHER = 1;
export const B_DETAIL = 2;
export const B_SNIPPET = 3;
export const B_LOCATION = 4;
export const B_WARNING = 5;
export const B_ERROR = 6;
export const B_SUMMARY = 7;

const NOISE: readonly RegExp[] = [
  /^\s*(?:Compiling|Checking|Downloading|Downloaded|Updating|Fresh|Locking|Adding|Blocking|Installing|Resolving|Fetching|Documenting|Packaging|Verifying|Unpacking|Vendoring)\s+\S/,
  /^npm (?:http|timing|sill|silly|verb|verbose)\b/,
  /^\[INFO\] (?:Download|Progress|Building |Copying|Using |Compiling \d|Nothing to compile|skip|\s*$|-{3,}|Changes detected|Recompiling|Scanning|Reactor|Installing)/,
  /^(?:Progress \(\d+\)|Downloading https?:|Download https?:)/,
  /^> Task :\S+(?: (?:UP-TO-DATE|NO-SOURCE|SKIPPED|FROM-CACHE))?\s*$/,
  /^\s*\[\s*\d+\/\d+\] /, // ninja / cmake
  /^\[\s*\d{1,3}%\] (?:Building|Linking|Generating|Scanning|Automatic)\b/, // make under cmake
  /^\s*(?:CC|CXX|LD|AR|AS|CCLD|CXXLD|GEN)\s+\S/, // kbuild / automake quiet rules
  /^\s*\d{1,3}%\s/,
  /^\s*(?:asset|cacheable modules|orphan modules|runtime modules|modules by path) /, // webpack listing
  /^\s*(?:transforming|rendering chunks|computing gzip size)/, // vite
  /^\s*✓ \d+ modules transformed/,
  /\s│ gzip: /,
  /^(?:Progress: resolved|Packages: \+|Already up to date|added \d+ packages|up to date, audited|audited \d+ packages|found 0 vulnerabilities)/,
];

const SUMMARY: readonly RegExp[] = [
  /could not compile/,
  /\bFound \d+ errors?\b/,
  /\b\d+ problems? \(\d+ errors?, \d+ warnings?\)/,
  /\bBUILD (?:SUCCESS|FAILURE|FAILED|SUCCESSFUL)\b/,
  /generated \d+ warnings?/,
  /^error: aborting/,
  /^make(?:\[\d+\])?: \*\*\*/,
  /^FAILURE: /,
  /\d+ errors? generated\./,
  /^(?:npm (?:ERR!|error) code|npm (?:ERR!|error) A complete log)/,
  /^(?:Some errors have detailed explanations|For more information about (?:this|an) error)/,
  /^\s*Finished .* target\(s\)/,
  /^ERR_PNPM_\w+|^ ERR_PNPM_/,
  /^error Command failed|^YN0000: .*Failed with errors/,
  /^\[ERROR\] (?:BUILD FAILURE|Failed to execute goal|COMPILATION ERROR)/,
  /^(?:webpack|vite) .*compiled with \d+ (?:errors?|warnings?)/,
  /^Your code has been rated at /, // pylint
  /^\*{5,} Module \S+/, // pylint's header of each module's messages
  /^-- (?:Configuring done|Generating done|Build files have been written)/, // cmake
  /^CMake (?:Error|Warning)\b/,
  /^created \S.* in [\d.]+m?s$/, // rollup
  /^\d+ (?:errors?|warnings?)(?: and \d+ warnings?)?$/, // esbuild, tsc --build
  /^FATAL ERROR: /, // node: out of memory
  /^(?:Success|Failure): no issues found|^Success: no issues found/, // mypy
];

const ERROR_HEAD: readonly RegExp[] = [
  /^(?:error|fatal error)(?:\[\w+\])?: /,
  /^\S+\(\d+,\d+\): error /, // tsc
  /^\S+:\d+:\d+ - error /, // tsc --pretty
  /^[^\s:]+:\d+(?::\d+)?: (?:fatal )?error\b/, // gcc / clang
  /^\s+\d+:\d+\s+error\s/, // eslint stylish
  /^npm (?:ERR!|error) /,
  /^\[ERROR\] /,
  /^e: /, // kotlin
  /^ERROR in /,
  /^\S+\.go:\d+:\d+: /, // go build / vet
  /^(?:Error|ERROR|error)\b.{0,80}:/,
  /^\s*(?:✘|✖|×) /,
  /^\S+: line \d+, col \d+, Error - /, // eslint compact
  /^[^\s:]+:\d+(?::\d+)?: \[?[EF]\d{3,4}\b/, // pylint E/F (parseable: `[E1101(no-member), obj]`), flake8 E/F
  /^(?:SyntaxError|TypeError|ReferenceError|Error): \S/, // babel, node
  /^error(?: |:)\S/, // yarn
  /^\S+\.java:\d+: error: /, // javac
  /^ERROR: \S/, // pip
  /^\s+\S+:\d+:\d+ - error: /, // pyright
  /^ ?ERR_PNPM_\w+/,
];

const WARNING_HEAD: readonly RegExp[] = [
  /^warning(?:\[\w+\])?: /,
  /^\S+\(\d+,\d+\): warning /,
  /^\S+:\d+:\d+ - warning /,
  /^[^\s:]+:\d+(?::\d+)?: warning\b/,
  /^\s+\d+:\d+\s+warning\s/,
  /^npm (?:WARN|warn) /,
  /^\[WARNING\] /,
  /^w: /,
  /^WARNING in /,
  /^(?:Warning|WARNING|warn)\b.{0,80}:/,
  /^\S+: line \d+, col \d+, Warning - /, // eslint compact
  /^[^\s:]+:\d+(?::\d+)?: \[?[CRWNI]\d{3,4}\b/, // pylint C/R/W/I, flake8 W/C/N
  /^\s*▲ \[WARNING\] /, // esbuild
  /^\(!\) /, // rollup
  /^warning \S/, // yarn
  /^\S+\.java:\d+: warning: /, // javac
  /^\s+\S+:\d+:\d+ - warning: /, // pyright
  /^\[warn\] \S/, // prettier
  /^WARNING: \S/, // pip
];

// A message pointed at its code by a caret line (shellcheck's default format:
// `  ^-- SC2086 (info): Double quote ...`), its level in parentheses.
const CARET_ERROR = /^\s*\^[-^~]*\s+[A-Z]{1,4}\d{3,5}\s+\((?:error|fatal)\)/;
const CARET_WARNING = /^\s*\^[-^~]*\s+[A-Z]{1,4}\d{3,5}\b/;
// Any other line that starts at a place in a file (`path:12:` or
// `path:12:5:`) and then speaks: the shape of a diagnostic in every format not
// named above. An error when it says so, else a warning.
const AT_PLACE = /^[^\s:]+\.\w{1,10}:\d+(?::\d+)?:? \S/;
const SAYS_ERROR = /\b(?:error|fatal|Error|ERROR|FATAL)\b|\b[EF]\d{3,4}\b/;

const LOCATION = /^\s*(?:-->|==>|at |In file included from |\S+:\d+:\d+: note:)|^\s+= note: |^In \S+ line \d+:$/;
const SNIPPET = /^\s*\d*\s*\|/;

/** One alternation per list: a single scan per line instead of one per rule. */
export function anyOf(rules: readonly RegExp[]): RegExp {
  return new RegExp(rules.map((r) => `(?:${r.source})`).join('|'));
}

const NOISE_ANY = anyOf(NOISE);
const SUMMARY_ANY = anyOf(SUMMARY);
const ERROR_ANY = anyOf(ERROR_HEAD);
const WARNING_ANY = anyOf(WARNING_HEAD);

export function roleOf(line: string): number {
  const s = clip(line, 400);
  if (NOISE_ANY.test(s)) return B_NOISE;
  if (SUMMARY_ANY.test(s)) return B_SUMMARY;
  if (ERROR_ANY.test(s)) return B_ERROR;
  if (WARNING_ANY.test(s)) return B_WARNING;
  if (CARET_ERROR.test(s)) return B_ERROR;
  if (CARET_WARNING.test(s)) return B_WARNING;
  if (LOCATION.test(s)) return B_LOCATION;
  if (AT_PLACE.test(s)) return SAYS_ERROR.test(s) ? B_ERROR : B_WARNING;
  if (SNIPPET.test(s)) return B_SNIPPET;
  return B_OTHER;
}

const QUOTED = /`[^`\n]{0,200}`|‘[^’\n]{0,200}’|'[^'\n]{0,200}'/g;
const FILE = /\b\w+\.(?:rs|ts|tsx|mts|cts|js|jsx|mjs|cjs|vue|svelte|c|h|cc|cpp|hpp|cxx|go|java|kt|scala|py|rb|cs|swift)\b/g;

/** What a diagnostic says, without where: warnings that share it are one kind. */
export function diagnosticKey(line: string): string {
  return templateOf(clip(line, 500).replace(QUOTED, '<q>').replace(FILE, '<file>').replace(RULE_OBJECT, '[$1]').replace(CARET, ''));
}

/** A caret line's run of carets follows the code it points at: not part of the kind. */
const CARET = /^\s*\^[-^~]*\s+/;

/** pylint's parseable format names the object after the rule (`[C0103(invalid-name), Unparser._Pass]`): not part of the kind. */
const RULE_OBJECT = /\[([A-Z]\d{3,5}\([\w-]+\)), [^\]\n]{0,200}\]/;
