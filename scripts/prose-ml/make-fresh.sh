#!/usr/bin/env bash
# Builds bench/prose-ml/fresh/: a second, frozen set of documents prose-ml is
# judged on, built after prose-ml had been tuned on bench/prose-ml's first 9 and
# never tuned on itself (issue 17's "documents nobody tuned for"). Every
# document is public documentation shipped by a Debian package that is
# - not training text (scripts/prose-ml/sources.mjs reads only npm READMEs),
# - not a project of the wide corpus (bench/corpus, either half),
# - in the wide corpus's tuning half by project hash (bench/corpus/split.mjs),
#   so no checking-half project is read,
# - not a package of the first set (etcd, logrus, gorilla-mux, redis, zstd, libffi),
# - not a source of ../shared/RESERVED.md (lnav, a first pick, was taken out: it is tstack/lnav).
# Needles are chosen by the wide corpus's written prose rule
# (bench/corpus/tools/jph-needles.mjs) before any output is looked at. Run once;
# rerunning on another Debian release would change the set, which is then no
# longer the frozen one the README's figures are for.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=bench/prose-ml/fresh
export DEBIAN_FRONTEND=noninteractive
# package | file under /usr/share/doc/<package> | format | licence | case name
cases='
btop|README.md.gz|Markdown|Apache-2.0|btop-readme
micro|README.md.gz|Markdown|MIT (Expat)|micro-readme
sysstat|FAQ.md.gz|Markdown|GPL-2.0-or-later|sysstat-faq
libjpeg62-turbo-dev|README.md.gz|Markdown|IJG and BSD-3-Clause|libjpeg-turbo-readme
libjpeg62-turbo-dev|usage.txt.gz|plain text|IJG|libjpeg-usage
debian-reference-common|README.md.gz|Markdown|GPL-2.0-or-later|debian-reference-readme
python3-pip|html/user_guide.rst.gz|reStructuredText|MIT (Expat)|pip-user-guide
fontconfig|fontconfig-user.txt.gz|plain text|MIT (fontconfig)|fontconfig-user
python3|python-policy.txt.gz|plain text|GPL-2.0-or-later|python-policy
'
echo "$cases" | while IFS='|' read -r pkg file format licence name; do
  [ -n "$pkg" ] || continue
  half=$(node -e "import('./bench/corpus/split.mjs').then((m) => console.log(m.half('debian:$pkg')))")
  [ "$half" = tuning ] || { echo "$pkg is in the $half half: not used" >&2; exit 1; }
  src="/usr/share/doc/$pkg/$file"
  [ -f "$src" ] || apt-get install -y -qq --no-install-recommends "$pkg" >/dev/null
  mkdir -p "$out/$name"
  gzip -dc "$src" > "$out/$name/input.txt"
  node bench/corpus/tools/jph-needles.mjs prose "$out/$name/input.txt" > "$out/$name/needles.txt" 2> "$out/$name/.notes"
  version=$(dpkg-query -W -f='${Version}' "$pkg")
  node -e '
    const [out, name, pkg, version, file, format, licence, notesFile] = process.argv.slice(1);
    const notes = require("fs").readFileSync(notesFile, "utf8").trim();
    const meta = { type: "prose", project: `debian:${pkg}`, format, source: `${pkg} ${version} /usr/share/doc/${pkg}/${file}`, license: licence, notes: `needles by bench/corpus/tools/jph-needles.mjs (prose rule): ${notes}` };
    require("fs").writeFileSync(`${out}/${name}/meta.json`, JSON.stringify(meta, null, 2) + "\n");
  ' "$out" "$name" "$pkg" "$version" "$file" "$format" "$licence" "$out/$name/.notes"
  rm "$out/$name/.notes"
  echo "$name: $(wc -c < "$out/$name/input.txt") bytes, $(wc -l < "$out/$name/needles.txt") needles"
done
