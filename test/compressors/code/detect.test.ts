import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../src/compressors/code/detect.js';
import { scoreCode } from '../../../src/compressors/code/score.js';
import { normalizeLanguage } from '../../../src/compressors/code/languages.js';
import { makeProbe } from '../../../src/compressors/probe.js';
import { FIXTURES_ROOT, corpusCase, corpusCases } from '../../helpers/corpus.js';

// Routing evidence for source code, and the language guess used when no file
// name came with the text.

const LANGUAGE_OF_CASE: Readonly<Record<string, string>> = {
  'anyhow-error-rs': 'rust',
  'anyhow-lib-rs': 'rust',
  'cobra-args-go': 'go',
  'cobra-command-go': 'go',
  'ky-Ky-ts': 'typescript',
  'ky-options-ts': 'typescript',
  'readability-Readability-readerable-js': 'javascript',
  'requests-models-py': 'python',
  'requests-sessions-py': 'python',
};

describe('detectLanguage', () => {
  for (const k of corpusCases('code')) {
    it(`${k.id} is ${LANGUAGE_OF_CASE[k.name]}`, () => {
      expect(detectLanguage(k.input)).toBe(LANGUAGE_OF_CASE[k.name]);
    });
  }

  it('recognises Java', () => {
    expect(detectLanguage(corpusCase('code/java-plugin-manager', FIXTURES_ROOT).input)).toBe('java');
  });

  it('recognises other grammars from a few lines', () => {
    const samples: Array<[string, string]> = [
      ['csharp', 'using System;\nusing System.Linq;\n\nnamespace Demo\n{\n    public class Point { public int X { get; set; } }\n}\n'],
      ['cpp', '#include <vector>\n#include "point.h"\n\nint main() {\n    std::vector<int> v;\n    return 0;\n}\n'],
      ['ruby', "require 'json'\n\nmodule Shop\n  class Cart\n    attr_reader :items\n\n    def total\n      items.sum(&:price)\n    end\n  end\nend\n"],
      ['php', '<?php\nnamespace App\\Http;\n\nclass Kernel {\n    public function handle($request) {\n        return $request;\n    }\n}\n'],
      ['bash', '#!/usr/bin/env bash\nset -euo pipefail\nif [ -z "$1" ]; then\n  echo "usage"\nfi\n'],
      ['python', '#!/usr/bin/env python3\nprint("hi")\n'],
      ['typescript', "import type {A} from './a.js';\n\nexport interface B extends A {\n  name: string;\n}\n"],
    ];
    for (const [language, text] of samples) expect(detectLanguage(text), language).toBe(language);
  });

  it('reads a declaration file as TypeScript, not CSS or shell (members look like CSS declarations, `export` like a shell export)', () => {
    expect(detectLanguage(corpusCase('code/jose-errors-dts', FIXTURES_ROOT).input)).toBe('typescript');
    expect(detectLanguage('export PATH=/usr/bin\nexport LANG=C\nif [ -n "$x" ]; then\n  echo hi\nfi\n')).toBe('bash');
  });

  it('reads C structs and enums as C, not CSS rule sets', () => {
    expect(detectLanguage(corpusCase('code/glibc-locale-h', FIXTURES_ROOT).input)).toBe('cpp');
    const structs = Array.from({ length: 12 }, (_, i) => `struct s${i} {\n\tint a${i};\n};\n`).join('\n');
    expect(detectLanguage(`#include <stdint.h>\n\n${structs}`)).toBe('cpp');
  });

  it('gives up on prose', () => {
    expect(detectLanguage('The quick brown fox jumps over the lazy dog.\nIt was a sunny day.\n')).toBeUndefined();
  });
});

describe('normalizeLanguage', () => {
  it('maps names, extensions and paths to grammars', () => {
    expect(normalizeLanguage('ts')).toBe('typescript');
    expect(normalizeLanguage('Python')).toBe('python');
    expect(normalizeLanguage('src/main.rs')).toBe('rust');
    expect(normalizeLanguage('c-sharp')).toBe('csharp');
    expect(normalizeLanguage('lua')).toBeUndefined();
    expect(normalizeLanguage(undefined)).toBeUndefined();
  });
});

describe('scoreCode', () => {
  it('scores real source files as strong structural evidence', () => {
    for (const k of [...corpusCases('code'), corpusCase('code/java-plugin-manager', FIXTURES_ROOT)]) {
      expect(scoreCode(makeProbe(k.input)), k.id).toBeGreaterThanOrEqual(0.5);
    }
  });

  it('stays weak on every other kind of corpus sample', () => {
    for (const group of ['logs', 'json', 'grep', 'html', 'diffs', 'listings', 'transcripts/claude-code']) {
      for (const k of corpusCases(group)) expect(scoreCode(makeProbe(k.input)), k.id).toBeLessThanOrEqual(0.2);
    }
  });

  it('does not claim a diff or grep hits of code', () => {
    const source = corpusCase('code/cobra-args-go').input.split('\n').slice(20, 60);
    const diff = ['diff --git a/args.go b/args.go', '--- a/args.go', '+++ b/args.go', '@@ -20,40 +20,40 @@', ...source.map((l) => `+${l}`)].join('\n');
    expect(scoreCode(makeProbe(diff))).toBeLessThan(0);
    const grep = source.map((l, i) => `args.go:${i + 20}:${l}`).join('\n');
    expect(scoreCode(makeProbe(grep))).toBeLessThan(0);
  });

  it('does not claim JSON or markup', () => {
    expect(scoreCode(makeProbe('{"function": "x", "return": 1}'))).toBeLessThan(0);
    expect(scoreCode(makeProbe('<html><body><script>function f() {}</script></body></html>'))).toBeLessThan(0);
  });

  it('does not claim strace output (issue 11: it was taken for source code)', () => {
    expect(scoreCode(makeProbe(corpusCase('code/strace-ls-not-code', FIXTURES_ROOT).input))).toBeLessThanOrEqual(0);
  });

  it('does not claim diffs of source: side by side, range-diff, normal format', () => {
    for (const name of ['side-by-side-headroom', 'range-diff-headroom', 'normal-diff-r-headroom']) {
      expect(scoreCode(makeProbe(corpusCase(`diff/${name}`, FIXTURES_ROOT).input)), name).toBeLessThan(0.8);
    }
    expect(scoreCode(makeProbe(corpusCase('diff/side-by-side-headroom', FIXTURES_ROOT).input))).toBeLessThan(0);
  });

  it('reads past a licence header or package doc that fills the probe; PHP opens with <?php', () => {
    for (const name of ['pflag-flag-go', 'symfony-console-application-php', 'python-stdlib-string-py']) {
      expect(scoreCode(makeProbe(corpusCase(`code/${name}`, FIXTURES_ROOT).input)), name).toBeGreaterThanOrEqual(0.5);
    }
  });

  it('does not claim a Markdown README for lines that start "interface to" or table rows (libffi: its History section was dropped)', () => {
    const readme = corpusCase('prose/libffi-readme-md', FIXTURES_ROOT).input;
    expect(scoreCode(makeProbe(readme))).toBeLessThanOrEqual(0.15);
    // Each shape alone: a sentence wrapped at "interface", a table row.
    expect(scoreCode(makeProbe('interface to various calling conventions. This allows a programmer to\n'.repeat(6)))).toBeLessThanOrEqual(0.15);
  });

  it('reads Perl POD (=head1 ... =cut) as documentation, not as lines of code that are not code', () => {
    expect(scoreCode(makeProbe(corpusCase('code/perl-getopt-std-pm', FIXTURES_ROOT).input))).toBeGreaterThanOrEqual(0.5);
  });

  it('claims C and C++ headers whose licence, comments and preprocessor lines fill the probe', () => {
    for (const name of ['glibc-locale-h', 'boost-asio-ts-netfwd-hpp', 'boost-wave-has-include-grammar-hpp']) {
      expect(scoreCode(makeProbe(corpusCase(`code/${name}`, FIXTURES_ROOT).input)), name).toBeGreaterThanOrEqual(0.5);
    }
  });

  it('scores prose as prose', () => {
    const prose = 'This is a paragraph of ordinary prose.\nIt has three sentences on three lines.\nNothing here is code.\n';
    expect(scoreCode(makeProbe(prose))).toBeLessThanOrEqual(0.05);
  });
});
