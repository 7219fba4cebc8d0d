import { describe, expect, it } from 'vitest';
import { codeCompressor } from '../../../src/compressors/code/code.js';
import type { CompressContext, Compressed } from '../../../src/compressors/types.js';
import { FIXTURES_ROOT, corpusCase, corpusCases, missingNeedles } from '../../helpers/corpus.js';
import { contextFor, guardProblem, runCompressorContract } from '../contract.js';
import { estimateTokens } from '../../../src/compressors/tokens.js';
import { compress } from '../../../src/compressors/engine.js';

// The code outline on real files of each language: signatures stay verbatim,
// bodies collapse into markers that name their original line ranges.

const javaCase = corpusCase('code/java-plugin-manager', FIXTURES_ROOT);
const fixture = (name: string) => corpusCase(`code/${name}`, FIXTURES_ROOT);
const sources = ['java-plugin-manager', 'python-stdlib-string-py', 'pflag-flag-go', 'symfony-console-application-php'].map(fixture);
const cases = [...corpusCases('code'), ...sources];

runCompressorContract(codeCompressor, { cases });

async function outline(text: string, over: Partial<CompressContext> = {}): Promise<Compressed> {
  const ctx = contextFor(text, over);
  await codeCompressor.prepare?.(text, ctx);
  return codeCompressor.compress(text, ctx);
}

const MARKER = /^(\s*)\[headroom: (\d+) lines omitted \(([^)]*), lines? (\d+)(?:-(\d+))?\)\]$/;

/**
 * Checks that the output is the input with runs of whole lines replaced by one
 * marker each, and that every marker names exactly the lines it replaced.
 */
function expectFaithfulOutline(input: string, output: string): void {
  const src = input.split('\n');
  const out = output.split('\n');
  let i = 0;
  for (const line of out) {
    const m = MARKER.exec(line);
    if (m && src[i] !== line) {
      const count = Number(m[2]);
      const first = Number(m[4]);
      const last = m[5] ? Number(m[5]) : first;
      expect(first).toBe(i + 1);
      expect(last - first + 1).toBe(count);
      i += count;
    } else {
      expect(line).toBe(src[i]);
      i++;
    }
  }
  expect(i).toBe(src.length);
}

describe('code outline on real files', () => {
  for (const k of cases) {
    it(`${k.id}: drops only whole lines, each run behind one marker naming its range`, async () => {
      // Lossy whatever the size, to exercise the outline on small files too.
      const out = await outline(k.input, { lossy: true });
      expect(out.elisions.length).toBeGreaterThan(0);
      expectFaithfulOutline(k.input, out.text);
    });
  }

  it('TypeScript: keeps class members and collapses method bodies', async () => {
    const k = corpusCase('code/ky-Ky-ts');
    const out = await outline(k.input);
    expect(out.language).toBe('typescript');
    const lines = out.text.split('\n');
    const create = lines.findIndex((l) => l.includes('static create(input: Input, options: Options): ResponsePromise {'));
    expect(create).toBeGreaterThan(0);
    expect(lines[create + 1]).toMatch(/^\t\t\[headroom: \d+ lines omitted \(function body, lines \d+-\d+\)\]$/);
    expect(lines[create + 2]).toBe('\t}');
    expect(out.text).toContain('\tpublic request: Request;');
  });

  it('Go: keeps receivers and one-line methods whole', async () => {
    const k = corpusCase('code/cobra-command-go');
    const out = await outline(k.input);
    expect(out.language).toBe('go');
    expect(out.text).toContain('func (c commandSorterByName) Less(i, j int) bool { return c[i].Name() < c[j].Name() }\n');
    expect(out.text).toContain('type Command struct {\n');
    expect(out.text).toMatch(/func \(c \*Command\) Find\(args \[\]string\) \(\*Command, \[\]string, error\) \{\n\t\[headroom: \d+ lines omitted \(function body, lines \d+-\d+\)\]\n\}/);
  });

  it('Rust: keeps multi-line signatures with their where clauses', async () => {
    const k = corpusCase('code/anyhow-error-rs');
    const out = await outline(k.input);
    expect(out.language).toBe('rust');
    expect(out.text).toContain(
      '    pub fn reallocate_into_boxed_dyn_error_without_backtrace(\n        self,\n    ) -> Box<dyn StdError + Send + Sync + \'static> {\n',
    );
    expect(out.text).toContain('impl<E> From<E> for Error\nwhere\n    E: StdError + Send + Sync + \'static,\n{');
    // Doc comments keep their first line while the budget allows it.
    const loose = await outline(k.input, { budgetTokens: 6000 });
    expect(loose.text).toContain('    /// Wrap the error value with additional context.\n');
  });

  it('Python: keeps decorators, signatures and the first docstring line', async () => {
    const k = corpusCase('code/requests-sessions-py');
    const out = await outline(k.input, { budgetTokens: 2500 });
    expect(out.language).toBe('python');
    expect(out.text).toMatch(
      /    def get_adapter\(self, url: str\) -> BaseAdapter:\n        """\s*\S[^\n]*\n        \[headroom: \d+ lines omitted \((docstring, )?function body, lines \d+-\d+\)\]/,
    );
    expect(out.text).toContain('class Session(SessionRedirectMixin):\n');
  });

  it('JavaScript: a small file keeps the statements of its functions', async () => {
    const k = corpusCase('code/readability-Readability-readerable-js');
    const out = await outline(k.input, { lossy: true });
    expect(out.language).toBe('javascript');
    expect(missingNeedles(out.text, k.needles)).toEqual([]);
    expect(out.text).toMatch(/return \[\]\.some\.call\(nodes, function \(node\) \{\n {4}\[headroom: \d+ lines omitted \(block, lines \d+-\d+\)\]\n {2}\}\);/);
  });

  it('Java: keeps the package, imports and public signatures; Javadoc keeps its summary', async () => {
    const out = await outline(javaCase.input);
    expect(out.language).toBe('java');
    expect(out.text).toContain('package org.apache.cordova;\n');
    expect(out.text).toContain('import java.util.ArrayList;\n');
    expect(out.text).toMatch(
      /public boolean shouldAllowNavigation\(String url\) \{\n {8}\[headroom: \d+ lines omitted \(function body, lines \d+-\d+\)\]\n {4}\}/,
    );
    expect(missingNeedles(out.text, javaCase.needles)).toEqual([]);
  });

  it('uses the language hint over content sniffing', async () => {
    const k = corpusCase('code/ky-Ky-ts');
    expect((await outline(k.input, { language: 'src/core/Ky.ts' })).language).toBe('typescript');
  });

  it('leaves a file within budget untouched', async () => {
    const k = corpusCase('code/cobra-args-go');
    const out = await outline(k.input, { budgetTokens: 100_000 });
    expect(out.text).toBe(k.input);
    expect(out.elisions).toEqual([]);
  });

  it('collapses the largest bodies first and stops at the budget', async () => {
    const k = corpusCase('code/cobra-command-go');
    const loose = await outline(k.input, { budgetTokens: 12_000 });
    const tight = await outline(k.input);
    expect(loose.text.length).toBeGreaterThan(tight.text.length);
    // The 139-line execute() body is among the first to go; small setters stay whole.
    expect(loose.text).toMatch(/func \(c \*Command\) execute\(a \[\]string\) \(err error\) \{\n\t\[headroom: 139 lines omitted/);
    expect(loose.text).toContain('func (c *Command) SetOut(newOut io.Writer) {\n\tc.outWriter = newOut\n}');
  });

  it('drops the docs of fields and unexported functions before those of the public API', async () => {
    const k = corpusCase('code/cobra-command-go');
    const out = await outline(k.input, { budgetTokens: 9000 });
    expect(out.text).toContain('// UsageFunc returns either the function set by SetUsageFunc for this command\n');
    expect(out.text).not.toContain('// getUsageTemplateFunc returns the usage template function');
    expect(out.text).not.toContain('\t// lflags contains local flags.\n');
    expect(out.text).toContain('\tlflags *flag.FlagSet\n');
    expectFaithfulOutline(k.input, out.text);
  });

  it('at a budget well under the file, whole doc comments go too, signatures stay', async () => {
    const k = corpusCase('code/ky-options-ts');
    const out = await outline(k.input, { budgetTokens: 900 });
    expect(out.text).not.toContain('Shortcut for sending JSON.');
    expect(out.text).toContain('\tjson?: unknown;\n');
    expect(missingNeedles(out.text, k.needles)).toEqual([]);
  });

  it('below the lossy size, a source file is shown whole: every line of it is unique', async () => {
    const k = corpusCase('code/ky-options-ts');
    const out = await outline(k.input, { lossy: false, budgetTokens: 400 });
    expect(out.text).toBe(k.input);
    expect(out.elisions).toEqual([]);
  });

  it('drops docstrings and module comments behind markers the guard accepts (issue 11: they vanished with no marker)', async () => {
    const k = fixture('python-stdlib-string-py');
    const ctx = contextFor(k.input);
    await codeCompressor.prepare?.(k.input, ctx);
    const out = codeCompressor.compress(k.input, ctx);
    expect(out.text).toMatch(/\[headroom: \d+ lines omitted \((?:comment, )?docstring/);
    expect(guardProblem(codeCompressor, k.input, out, ctx)).toBeNull();
    expect(missingNeedles(out.text, k.needles)).toEqual([]);
  });

  it('a bigger budget keeps more', async () => {
    for (const k of [corpusCase('code/ky-Ky-ts'), fixture('python-stdlib-string-py')]) {
      const sizes: number[] = [];
      for (const budgetTokens of [500, 2000, 8000]) {
        const ctx = contextFor(k.input, { budgetTokens });
        await codeCompressor.prepare?.(k.input, ctx);
        const out = codeCompressor.compress(k.input, ctx);
        expect(guardProblem(codeCompressor, k.input, out, ctx), `${k.id} at ${budgetTokens}`).toBeNull();
        sizes.push(estimateTokens(out.text));
      }
      expect(sizes[1], k.id).toBeGreaterThan(sizes[0]!);
      expect(sizes[2], k.id).toBeGreaterThan(sizes[1]!);
    }
  });

  it('under a tight budget private declarations go whole, public signatures stay', async () => {
    const k = fixture('python-stdlib-string-py');
    const out = await outline(k.input, { budgetTokens: 300 });
    expect(missingNeedles(out.text, k.needles)).toEqual([]);
    expect(out.text).toMatch(/private function/);
    expect(out.text).not.toMatch(/^\s*def _[a-z]/m);
  });

  it('a static TypeScript method is public (the Rust `static` item rule is Rust only)', async () => {
    const out = await outline(corpusCase('code/ky-Ky-ts').input, { budgetTokens: 300 });
    expect(out.text).toContain('static create(input: Input, options: Options): ResponsePromise');
  });

  it('falls back to a line outline when no grammar fits', async () => {
    const body = Array.from({ length: 40 }, (_, i) => `    local v${i} = compute(v${i - 1}, "some argument text", ${i})`).join('\n');
    const lua = `function alpha(a, b)\n${body}\nend\n\nfunction beta(c)\n${body}\nend\n`;
    const out = await outline(lua, { language: 'lua', budgetTokens: 100, lossy: true });
    expect(out.text).toContain('function alpha(a, b)\n    [headroom: 40 lines omitted (indented lines, lines 2-41)]\nend');
    expect(out.text).toContain('function beta(c)\n');
    expectFaithfulOutline(lua, out.text);
  });
});

describe('C and C++ headers (issue 11: their declarations were lost)', () => {
  // locale.h: routed as prose, then the line outline took `#define` for comments.
  // netfwd.hpp: one parse error inside the include guard condemned the tree.
  // cpp_has_include_grammar.hpp: a template's members folded into a block.
  for (const name of ['glibc-locale-h', 'boost-asio-ts-netfwd-hpp', 'boost-wave-has-include-grammar-hpp']) {
    it(`${name}: every public declaration and #define stays`, async () => {
      const k = fixture(name);
      const out = await compress(k.input);
      expect(out.type).toBe('code');
      expect(missingNeedles(out.text, k.needles)).toEqual([]);
      expect(out.tokensAfter).toBeLessThan(out.tokensBefore);
    });
  }

  it('keeps the tree when a parse error sits inside an include guard, and never folds an unparsed span', async () => {
    const k = fixture('boost-asio-ts-netfwd-hpp');
    const out = await outline(k.input, { language: 'cpp', budgetTokens: 600, lossy: true });
    expect(out.language).toBe('cpp');
    expect(missingNeedles(out.text, k.needles)).toEqual([]);
    expectFaithfulOutline(k.input, out.text);
  });

  it('a class\'s static members are public: only a file-level static function is local (odeint: 1 of 15 kept)', async () => {
    const k = fixture('boost-odeint-vector-space-algebra-hpp');
    const out = await compress(k.input);
    expect(missingNeedles(out.text, k.needles)).toEqual([]);
  });

  it('static inline functions of a header are its API, not private helpers', async () => {
    const { isPrivateDeclaration } = await import('../../../src/compressors/code/visibility.js');
    expect(isPrivateDeclaration('static __always_inline __u16 __swab16p(const __u16 *p)', 'cpp')).toBe(false);
    expect(isPrivateDeclaration('static inline int f(void)', 'cpp')).toBe(false);
    expect(isPrivateDeclaration('static Py_ALWAYS_INLINE int f(void)', 'cpp')).toBe(false);
    expect(isPrivateDeclaration('static int helper(int x)', 'cpp')).toBe(true);
  });
});

describe('TypeScript declaration files (issue 11: their declarations were lost)', () => {
  // ansi-styles: interfaces of a `declare namespace` were dropped as private types.
  // type-fest: a namespace nested in a namespace was folded as one block.
  for (const name of ['ansi-styles-index-dts', 'type-fest-tsconfig-json-dts', 'jose-errors-dts']) {
    it(`${name}: every declaration stays`, async () => {
      const k = fixture(name);
      const out = await compress(k.input);
      expect(out.type).toBe('code');
      expect(missingNeedles(out.text, k.needles)).toEqual([]);
    });
  }
});

describe('the outline without a grammar', () => {
  it('keeps typed member signatures when the tree is refused (Eigen Map.h: 1 of 6 public members kept)', async () => {
    const k = fixture('eigen-core-map-h');
    const out = await compress(k.input);
    expect(out.type).toBe('code');
    expect(missingNeedles(out.text, k.needles)).toEqual([]);
    expect(out.tokensAfter).toBeLessThan(out.tokensBefore * 0.5);
  });

  it('takes declarations by their shape, and expressions of SQL or calls for what they are', async () => {
    const { lineRegions } = await import('../../../src/compressors/code/fallback.js');
    const kept = (member: string) => {
      const lines = ['class A {', member, '    body line one();', '    body line two();', '}'];
      return !lineRegions(lines).some((r) => r.start <= 1 && r.end >= 1);
    };
    for (const decl of ['  void addFlag(String name,', '  Future<T?> run(Iterable<String> args) =>', '  open fun d(message: String?) {', '  CommandRunner(this.name, this.description,', '  defmacro forward(path, options) do']) {
      expect(kept(decl), decl).toBe(true);
    }
    for (const expr of ['  CAST(a.attname AS sql_identifier) AS column_name,', '  AND (pg_has_role(c.relowner, \'USAGE\')', '  foo.bar(baz);', '  return build(x) {']) {
      expect(kept(expr), expr).toBe(false);
    }
  });

  it('keeps the outermost lines of text indented throughout (a dump printed with a margin), instead of dropping it all', async () => {
    const { lineRegions } = await import('../../../src/compressors/code/fallback.js');
    // The shape of a `mix.lock` printed by a tool: every entry indented by two spaces.
    const lines = Array.from({ length: 40 }, (_, i) => `  "dep${i}": {:hex, :dep${i}, "1.${i}.0", "${'ab'.repeat(32)}", [:mix], [], "hexpm"},`);
    expect(lineRegions(lines)).toEqual([]);
    // Below the margin, bodies are still bodies.
    const nested = ['  def a do', '    x = 1', '    y = 2', '  end', '  def b do', '    z = 3', '    w = 4', '  end'];
    expect(lineRegions(nested).map((r) => [r.start, r.end, r.kind])).toEqual([[1, 2, 'indented lines'], [5, 6, 'indented lines']]);
  });
});
