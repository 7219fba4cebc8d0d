#!/usr/bin/env bash
# Builds bench/prose-ml/: documents prose-ml is judged on, none of them its
# training text. They come from Debian packages' documentation (installed with apt,
# permissive licences, named in each meta.json), none of it npm README text,
# so none of it is in the training text (scripts/prose-ml/sources.mjs reads
# only npm packages). Needles are chosen by the wide corpus's written prose
# rule (bench/corpus/tools/jph-needles.mjs), before any output is looked at.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=bench/prose-ml
export DEBIAN_FRONTEND=noninteractive
# package | file under /usr/share/doc/<package> | licence | case name
cases='
etcd-server|faq.md.gz|Apache-2.0|etcd-faq
etcd-server|op-guide/security.md.gz|Apache-2.0|etcd-security
etcd-server|learning/api.md.gz|Apache-2.0|etcd-learning-api
etcd-server|upgrades/upgrade_3_4.md.gz|Apache-2.0|etcd-upgrade-3-4
golang-github-sirupsen-logrus-dev|README.md.gz|MIT (Expat)|logrus-readme
golang-github-gorilla-mux-dev|README.md.gz|BSD-3-Clause|gorilla-mux-readme
redis-server|README.md.gz|BSD-3-Clause|redis-readme
zstd|CONTRIBUTING.md.gz|BSD-3-Clause or GPL-2.0|zstd-contributing
libffi8|README.md.gz|MIT (Expat)|libffi-readme
'
echo "$cases" | while IFS='|' read -r pkg file licence name; do
  [ -n "$pkg" ] || continue
  src="/usr/share/doc/$pkg/$file"
  [ -f "$src" ] || apt-get install -y -qq "$pkg" >/dev/null
  mkdir -p "$out/$name"
  gzip -dc "$src" > "$out/$name/input.txt"
  node bench/corpus/tools/jph-needles.mjs prose "$out/$name/input.txt" > "$out/$name/needles.txt" 2> "$out/$name/.notes"
  version=$(dpkg-query -W -f='${Version}' "$pkg")
  node -e '
    const [name, pkg, version, file, licence, notesFile] = process.argv.slice(1);
    const notes = require("fs").readFileSync(notesFile, "utf8").trim();
    const meta = { type: "prose", project: `debian:${pkg}`, format: "Markdown", source: `${pkg} ${version} /usr/share/doc/${pkg}/${file}`, license: licence, notes: `needles by bench/corpus/tools/jph-needles.mjs (prose rule): ${notes}` };
    require("fs").writeFileSync(`bench/prose-ml/${name}/meta.json`, JSON.stringify(meta, null, 2) + "\n");
  ' "$name" "$pkg" "$version" "$file" "$licence" "$out/$name/.notes"
  rm "$out/$name/.notes"
  echo "$name: $(wc -c < "$out/$name/input.txt") bytes, $(wc -l < "$out/$name/needles.txt") needles"
done
