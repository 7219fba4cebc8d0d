import { stripAnsi } from '../lines.js';
import type { Probe } from '../types.js';

// How sure we are a probe is build output: compiler diagnostics with a
// location are unmistakable; package-manager errors and progress lines are
// good evidence.

const SIGNATURE: readonly RegExp[] = [
  /^(?:error|warning)\[E?\w*\d+\]: /, // rustc
  /^\s+--> \S+:\d+:\d+$/,
  /^\S+\(\d+,\d+\): (?:error|warning) TS\d+: /, // tsc
  /^\S+:\d+:\d+ - (?:error|warning) TS\d+: /,
  /^[^\s:]+\.\w{1,4}:\d+:\d+: (?:fatal error|error|warning): /, // gcc / clang
  /^npm (?:ERR!|error) code [A-Z]/,
  /^error: could not compile /,
  /^Found \d+ errors?\b/,
  /^\[(?:ERROR|INFO)\] (?:BUILD (?:FAILURE|SUCCESS)|Failed to execute goal|COMPILATION ERROR)/, // maven
  /^FAILURE: Build failed/, // gradle
  /^\s+\d+:\d+\s+(?:error|warning)\s+\S.*\s[\w@/-]+$/, // eslint stylish
  /^✖ \d+ problems? \(/,
  /^\s+(?:Compiling|Checking) \S+ v\d/, // cargo
  /^(?:ERROR|WARNING) in \S/, // webpack
  /^# [a-z][\w.-]*(?:\/[\w.-]+)+$/, // go build package header (`# example.com/pkg/sub`), not a Markdown heading
  /^[^\s:]+:\d+: (?:error|note|warning): .*\[[\w-]+\]$|^[^\s:]+\.pyi?:\d+: error: /, // mypy (--pretty wraps the code onto the next line)
  /^\S+: line \d+, col \d+, (?:Error|Warning) - /, // eslint compact
  /^\s*(?:✘ \[ERROR\]|▲ \[WARNING\]) /, // esbuild
  /^\(!\) \S/, // rollup
  /^\*{5,} Module \S+/, // pylint
  /^[^\s:]+:\d+(?::\d+)?: \[?[CRWEFN]\d{3,4}\b/, // pylint (default and parseable), flake8
  /^Your code has been rated at /,
  /^-- (?:The \w+ compiler identification|Detecting \w+ compiler|Check for working|Configuring done|Generating done|Build files have been written)/, // cmake
  /^CMake (?:Error|Warning|Deprecation Warning)\b/,
  /^yarn (?:add|install|run|upgrade|remove) v\d/, // yarn classic
  /^(?:SyntaxError|TypeError): \S.*\(\d+:\d+\)$/, // babel
  /^<--- Last few GCs --->$|^FATAL ERROR: .*JavaScript heap out of memory/, // node out of memory
  /^(?:pnpm|yarn|npm) (?:ERR!|error) /,
  /^\S+\.java:\d+: (?:error|warning): /, // javac
  /^ERROR: (?:Could not|No matching distribution|Cannot|Failed building|Command errored)|^(?:Collecting|Installing collected packages|Successfully installed|Requirement already satisfied:) \S/, // pip
  /^ ?ERR_PNPM_\w+|^Progress: resolved \d+/, // pnpm
  /^\s+\S+:\d+:\d+ - (?:error|warning|information): |^\d+ errors?, \d+ warnings?, \d+ informations? ?$/, // pyright
  /^In \S+ line \d+:$|^\s+\^-+ SC\d{4}/, // shellcheck
  /^\S+:\d+:\d+: (?:error|warning|style|performance|portability|information): .*\[\w+\]$/, // cppcheck
  /^\S+: In (?:function|member function|instantiation of|constructor|static member function) |^\S+:\d+:\d+:\s+required from /, // gcc, g++
  /^\[warn\] \S|^Checking formatting\.\.\.$|^All matched files use Prettier/, // prettier
  /^npm (?:http fetch|timing|verb|sill) /,
  // Written from the tools' documented output; no run of them is in the corpus (they need a network or an engine).
  /^Terraform will perform the following actions:|^Plan: \d+ to add, \d+ to change, \d+ to destroy|^Apply complete! Resources: |^│ Error: /, // terraform
  /^✨ {2}(?:Synthesis|Deployment) time: |^❌ .*(?:failed|Error)|^ ✅ {2}\S/, // aws-cdk
  /^• (?:Packages in scope|Running \S+ in \d+ packages)|^ Tasks: +\d+ successful, \d+ total/, // turborepo
  /^ {1,2}>  NX {3}|^lerna (?:notice|info|success|ERR!) /, // nx, lerna
  /^#\d+ \[[\w-]+ +\d+\/\d+\] |^Step \d+\/\d+ : |^ERROR: failed to solve: /, // docker build
];

const EVIDENCE = /^(?:npm (?:ERR!|error|warn|WARN|http)|\[(?:INFO|ERROR|WARNING)\] |> Task :|warning: |error: |\S+:\d+:\d+: )/;

/** The top-level alternatives of a pattern's source: `^a|^b(c|d)` gives `^a` and `^b(c|d)`. */
function alternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let from = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(source.slice(from, i));
      from = i + 1;
    }
  }
  out.push(source.slice(from));
  return out;
}

// One alternation tested once per line costs far less than forty tests.
// Alternatives that open with a located name (`file:12:3: `, `file(12,3): `,
// `file: In function`) read the line's first token and back off through it:
// they can only match when that token holds a colon or a parenthesis, which
// one cheap test tells, and most lines of other kinds have none.
const LOCATED_START = /^\^(?:\\S\+|\[\^\\s:\]\+|\\s\+\\S\+)/;
const ALTERNATIVES = SIGNATURE.flatMap((re) => alternatives(re.source));
const alternation = (sources: readonly string[]): RegExp => new RegExp(sources.map((s) => `(?:${s})`).join('|'));
const LOCATED = alternation(ALTERNATIVES.filter((s) => LOCATED_START.test(s)));
const PLAIN = alternation(ALTERNATIVES.filter((s) => !LOCATED_START.test(s)));
const MAY_BE_LOCATED = /^\s*[^\s:(]*[:(]/;

/** True when the line is one of the SIGNATURE lines. */
export function isSignature(line: string): boolean {
  return PLAIN.test(line) || (MAY_BE_LOCATED.test(line) && LOCATED.test(line));
}

/** Every signature, each on its own (tests compare `isSignature` with testing them all). */
export const SIGNATURES: readonly RegExp[] = SIGNATURE;

export function scoreBuildOutput(probe: Probe): number {
  let lines = 0;
  let signatures = 0;
  let evidence = 0;
  for (const raw of probe.lines) {
    const l = stripAnsi(raw);
    if (l.trim() === '') continue;
    lines++;
    if (isSignature(l) && ++signatures >= 2) return 0.95;
    if (EVIDENCE.test(l)) evidence++;
  }
  if (lines === 0) return -1;
  if (signatures >= 2) return 0.95;
  if (signatures === 1) return 0.9;
  const share = evidence / lines;
  if (evidence >= 2 && share > 0.1) return Math.min(0.8, 0.45 + share);
  return evidence > 0 ? 0.15 : 0.01;
}
