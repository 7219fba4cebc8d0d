#!/usr/bin/env bash
# Generates the dl listing cases: ls/find/tree/du/git ls-*/tar/unzip/npm ls/dpkg output over headroom,
# this machine, npm packages (packed or installed) and Debian packages.
# Needles are picked afterwards by dl-needles.mjs (README's listing rule).
source "$(dirname "$0")/dl-lib.sh"
HR=/work/main
PIN=65831a106ed1afcb38ff1ec945fb479091285134
G="git -c color.ui=never -c core.pager=cat"
NPM=$SCRATCH/npm
DEB=$SCRATCH/deb

# lst SLUG PROJECT FORMAT SOURCE SHOWN LICENSE NOTES CWD -- command...
lst() {
  local slug=$1 project=$2 format=$3 source=$4 shown=$5 lic=$6 notes=$7 cwd=$8; shift 9
  local d; d=$(newcase listing "$slug")
  (cd "$cwd" && "$@") > "$d/input.txt" 2>&1 || true
  meta "$d" listing "$project" "$format" "$source" "$shown" "$lic" "$notes"
}
nv() { node -p "require('$1/package.json').version"; }
nl() { npm_license "$1"; }

deb_fetch_all

# ---- headroom ---------------------------------------------------------------------------
HRLIC="MIT (headroom's own repository)"
lst ls-laR-headroom-src headroom 'ls -laR' "headroom working tree (src/) at $PIN" "ls -laR src" "$HRLIC" "defect input (c): ls -laR src of a real project; owners, sizes and times are this checkout's" $HR -- ls -laR src
lst git-ls-tree-r-l-headroom headroom 'git ls-tree -r -l' "headroom git repository, commit 1067d03 (279 paths)" "git ls-tree -r -l 1067d03" "$HRLIC" "defect input (d): the whole tree of a real repository at one commit (what git ls-tree -r -l HEAD printed when HEAD was 1067d03)" $HR -- $G ls-tree -r -l 1067d03
lst git-ls-files-headroom headroom 'git ls-files' "headroom git repository at $PIN" "git ls-files" "$HRLIC" "" $HR -- $G ls-files --with-tree=$PIN
lst tree-L2-headroom-node-modules headroom 'tree -L 2' "headroom's installed dependencies (node_modules, npm install of its package-lock.json)" "tree -L 2 node_modules" "MIT (headroom); the names are those of its npm dependencies" "deep repetitive tree: every package folder holds package.json, LICENSE, README.md" $HR -- tree -L 2 node_modules
lst npm-ls-all-headroom headroom 'npm ls --all' "headroom's installed dependencies, npm $(npm --version)" "npm ls --all" "MIT (headroom); the names are those of its npm dependencies" "" $HR -- npm ls --all

# ---- this machine -------------------------------------------------------------------------
d=$(newcase listing find-root-maxdepth-3)
(cd / && find / -maxdepth 3 -path /farm -prune -o -print 2>&1) > $SCRATCH/find-root.txt || true
if [ "$(wc -c < $SCRATCH/find-root.txt)" -gt 307200 ]; then
  # keep a prefix of whole lines under 300 KB
  head -c 307200 $SCRATCH/find-root.txt | sed '$d' > $d/input.txt; cutnote="find printed $(wc -l < $SCRATCH/find-root.txt) lines ($(wc -c < $SCRATCH/find-root.txt) bytes); input.txt is its first $(wc -l < $d/input.txt) whole lines (find cannot be asked for less without changing what it lists)"
else cp $SCRATCH/find-root.txt $d/input.txt; cutnote="the whole output"; fi
meta $d listing host:find 'find / -maxdepth 3' "this machine's file system (Debian 12 container with node, python, go, rust toolchains)" "find / -maxdepth 3 -path /farm -prune -o -print 2>&1" "$(HOST_LICENSE find)" "defect input (b); /farm (the sandbox machinery's own folder, not part of the system under study) is pruned; $cutnote"
lst ls-l-usr-bin host:ls 'ls -l' "this machine's /usr/bin" "ls -l /usr/bin" "$(HOST_LICENSE ls)" "shallow wide listing with symlinks (->)" / -- ls -l /usr/bin
lst ls-C-usr-share-doc host:ls 'ls -C' "this machine's /usr/share/doc (one folder per installed Debian package)" "ls -C -w 120 /usr/share/doc" "$(HOST_LICENSE ls)" "multi-column ls output (as in a terminal 120 columns wide)" / -- ls -C -w 120 /usr/share/doc
lst du-h-d2-usr-lib host:du 'du -h -d 2' "this machine's /usr/lib" "du -h -d 2 /usr/lib" "$(HOST_LICENSE du)" "" / -- du -h -d 2 /usr/lib
lst tree-d-L3-etc host:tree 'tree -d -L 3' "this machine's /etc" "tree -d -L 3 /etc" "$(HOST_LICENSE tree)" "directories only" / -- tree -d -L 3 /etc

# ---- npm packages -------------------------------------------------------------------------
for p in lodash-es-4.17.21 date-fns-3.6.0 rxjs-7.8.1 vue-3.4.27 svelte-4.2.17 webpack-5.91.0 leaflet-1.9.4 moment-2.30.1 eslint-9.3.0 video.js-8.12.0 hash-wasm-4.11.0; do
  [ -f $NPM/$p.tgz ] || (cd $NPM && npm pack "${p%-*}@${p##*-}" --silent >/dev/null)
  [ -d $NPM/$p ] || { mkdir -p $NPM/$p; tar xzf $NPM/$p.tgz -C $NPM/$p --strip-components=1; }
done
npmsrc() { echo "npm $1@$2 ($3)"; }
lst ls-1-lodash-es npm:lodash-es 'ls -1' "$(npmsrc lodash-es 4.17.21 'npm pack tarball unpacked')" "ls -1" "$(nl $NPM/lodash-es-4.17.21)" "shallow wide: 650 files in one folder" $NPM/lodash-es-4.17.21 -- ls -1
lst tar-tzf-date-fns npm:date-fns 'tar tzf' "$(npmsrc date-fns 3.6.0 'npm pack tarball')" "tar tzf date-fns-3.6.0.tgz" "$(nl $NPM/date-fns-3.6.0)" "large: 4782 paths" $NPM -- tar tzf date-fns-3.6.0.tgz
lst tree-d-rxjs npm:rxjs 'tree -d' "$(npmsrc rxjs 7.8.1 'npm pack tarball unpacked')" "tree -d rxjs-7.8.1" "$(nl $NPM/rxjs-7.8.1)" "directories only" $NPM -- tree -d rxjs-7.8.1
lst npm-pack-dry-run-vue npm:vue 'npm pack --dry-run' "$(npmsrc vue 3.4.27 'npm pack tarball unpacked'), npm $(npm --version)" "npm pack --dry-run" "$(nl $NPM/vue-3.4.27)" "npm prints its notices on stderr; both streams captured" $NPM/vue-3.4.27 -- npm pack --dry-run --ignore-scripts
lst find-printf-svelte npm:svelte 'find -printf' "$(npmsrc svelte 4.2.17 'npm pack tarball unpacked')" "find svelte-4.2.17 -type f -printf '%s\t%p\n'" "$(nl $NPM/svelte-4.2.17)" "" $NPM -- find svelte-4.2.17 -type f -printf '%s\t%p\n'
lst ls-R-webpack-lib npm:webpack 'ls -R' "$(npmsrc webpack 5.91.0 'npm pack tarball unpacked')" "ls -R lib" "$(nl $NPM/webpack-5.91.0)" "" $NPM/webpack-5.91.0 -- ls -R lib
lst tar-tvzf-leaflet npm:leaflet 'tar tvzf' "$(npmsrc leaflet 1.9.4 'npm pack tarball')" "tar tvzf leaflet-1.9.4.tgz" "$(nl $NPM/leaflet-1.9.4)" "small" $NPM -- tar tvzf leaflet-1.9.4.tgz
lst ls-l-moment-locale npm:moment 'ls -l' "$(npmsrc moment 2.30.1 'npm pack tarball unpacked')" "ls -l locale" "$(nl $NPM/moment-2.30.1)" "" $NPM/moment-2.30.1 -- ls -l locale
lst fdfind-eslint-lib npm:eslint 'fdfind' "$(npmsrc eslint 9.3.0 'npm pack tarball unpacked'), fd-find 8.6 (Debian)" "fdfind --type f . lib" "$(nl $NPM/eslint-9.3.0)" "fd's own order (not sorted)" $NPM/eslint-9.3.0 -- fdfind --color never --type f . lib
lst exa-tree-video-js npm:video.js 'exa -l --tree' "$(npmsrc video.js 8.12.0 'npm pack tarball unpacked'), exa 0.10 (Debian)" "exa -l --tree --level=3 --color=never" "$(nl $NPM/video.js-8.12.0)" "" $NPM/video.js-8.12.0 -- exa -l --tree --level=3 --color=never
lst ls-lS-hash-wasm-dist npm:hash-wasm 'ls -lS' "$(npmsrc hash-wasm 4.11.0 'npm pack tarball unpacked')" "ls -lS dist" "$(nl $NPM/hash-wasm-4.11.0)" "sorted by size" $NPM/hash-wasm-4.11.0 -- ls -lS dist
NM=$HR/node_modules
lst ls-lh-typescript-lib npm:typescript 'ls -lh' "npm typescript@$(nv $NM/typescript) as installed in headroom's node_modules" "ls -lh node_modules/typescript/lib" "$(nl $NM/typescript)" "" $HR -- ls -lh node_modules/typescript/lib
lst find-types-node npm:@types/node 'find <dir>' "npm @types/node@$(nv $NM/@types/node) as installed in headroom's node_modules" "find node_modules/@types/node" "$(nl $NM/@types/node)" "find's own order (not sorted)" $HR -- find node_modules/@types/node
lst rg-files-vitest npm:vitest 'rg --files' "npm vitest@$(nv $NM/vitest) as installed in headroom's node_modules, ripgrep $(rg --version | head -1 | cut -d' ' -f2)" "rg --files --no-ignore node_modules/vitest" "$(nl $NM/vitest)" "" $HR -- rg --files --no-ignore node_modules/vitest
lst ls-la-claude-code npm:@anthropic-ai/claude-code 'ls -la' "npm @anthropic-ai/claude-code@$(nv $NM/@anthropic-ai/claude-code) as installed in headroom's node_modules" "ls -la node_modules/@anthropic-ai/claude-code" "$(nl $NM/@anthropic-ai/claude-code)" "small" $HR -- ls -la node_modules/@anthropic-ai/claude-code
lst find-ls-better-sqlite3 npm:better-sqlite3 'find -ls' "npm better-sqlite3@$(nv $NM/better-sqlite3) as installed (and built) in headroom's node_modules" "find node_modules/better-sqlite3 -maxdepth 3 -ls" "$(nl $NM/better-sqlite3)" "" $HR -- find node_modules/better-sqlite3 -maxdepth 3 -ls
EX=$SCRATCH/inst/express
if [ ! -d $EX/node_modules ]; then mkdir -p $EX && (cd $EX && echo '{"name":"express-app","version":"1.0.0","private":true}' > package.json && npm install --ignore-scripts --no-audit --no-fund express@4.19.2 >/dev/null 2>&1); fi
lst npm-ls-all-express npm:express 'npm ls --all' "a scratch project with npm install express@4.19.2 (npm $(npm --version))" "npm ls --all" "MIT (express and its dependencies' names)" "" $EX -- npm ls --all
lst du-h-d1-sort-express npm:express 'du -h -d 1 | sort -h' "a scratch project with npm install express@4.19.2 (npm $(npm --version))" "du -h -d 1 node_modules | sort -h" "MIT (express and its dependencies' names)" "" $EX -- bash -c 'du -h -d 1 node_modules | sort -h'
lst npm-ls-parseable-express npm:express 'npm ls --parseable' "a scratch project with npm install express@4.19.2 (npm $(npm --version))" "npm ls --all --parseable" "MIT (express and its dependencies' names)" "absolute paths under this machine's scratch folder" $EX -- npm ls --all --parseable

# ---- Debian packages ----------------------------------------------------------------------
dv() { dpkg-query -W -f='${Version}' "$1"; }
lst dpkg-L-git debian:git 'dpkg -L' "Debian package git $(dv git) installed on this machine" "dpkg -L git" "GPL-2 (git); a list of its installed files" "" / -- dpkg -L git
lst unzip-l-pip-wheel debian:python3-pip-whl 'unzip -l' "Debian package python3-pip-whl $(dv python3-pip-whl): /usr/share/python-wheels/pip-23.0.1-py3-none-any.whl" "unzip -l /usr/share/python-wheels/pip-23.0.1-py3-none-any.whl" "MIT (pip)" "" / -- unzip -l /usr/share/python-wheels/pip-23.0.1-py3-none-any.whl
lst zipinfo-commons-lang3-jar debian:libcommons-lang3-java 'zipinfo' "Debian package libcommons-lang3-java $(dv libcommons-lang3-java): /usr/share/java/commons-lang3.jar" "zipinfo /usr/share/java/commons-lang3.jar" "Apache-2.0 (Apache Commons Lang)" "Java class files of a jar" / -- zipinfo /usr/share/java/commons-lang3.jar
lst ls-laR-cobra-gocode debian:golang-github-spf13-cobra 'ls -laR' "Debian package golang-github-spf13-cobra-dev $(dv golang-github-spf13-cobra-dev) installed on this machine" "ls -laR /usr/share/gocode/src/github.com/spf13/cobra" "Apache-2.0 (cobra)" "Go module sources" / -- ls -laR /usr/share/gocode/src/github.com/spf13/cobra
SERDE=$(ls -d /usr/share/cargo/registry/serde-1.* | head -1)
lst find-type-f-serde-crate debian:rust-serde 'find -type f' "Debian package librust-serde-dev $(dv librust-serde-dev) installed on this machine" "find $SERDE -type f" "MIT OR Apache-2.0 (serde)" "Rust crate sources" / -- find $SERDE -type f
lst ls-la-zoneinfo debian:tzdata 'ls -la' "Debian package tzdata $(dv tzdata) installed on this machine" "ls -la /usr/share/zoneinfo" "public-domain (tz database)" "" / -- ls -la /usr/share/zoneinfo
mkdir -p $SCRATCH/debs; (cd $SCRATCH/debs && ls openssh-client_*.deb >/dev/null 2>&1 || apt-get download openssh-client >/dev/null 2>&1)
OC=$(ls $SCRATCH/debs/openssh-client_*.deb | head -1)
lst dpkg-deb-c-openssh-client debian:openssh-client 'dpkg-deb -c' "Debian package file $(basename $OC) (apt-get download)" "dpkg-deb -c $(basename $OC)" "BSD-2-clause and others (OpenSSH); a list of the package's files" "" $SCRATCH/debs -- dpkg-deb -c $(basename $OC)
lst ls-l-etc-ssl-certs debian:ca-certificates 'ls -l' "Debian package ca-certificates $(dv ca-certificates) installed on this machine: /etc/ssl/certs" "ls -l /etc/ssl/certs" "MPL-2.0 (Mozilla CA list) and GPL-2+ (ca-certificates); only names are listed" "hash-named symlinks (->) beside the certificate links" / -- ls -l /etc/ssl/certs
lst tar-tvzf-tmux-orig debian:tmux 'tar tvzf' "Debian source package tmux 3.3a-3: tmux_3.3a.orig.tar.gz (apt-get source)" "tar tvzf tmux_3.3a.orig.tar.gz" "ISC (tmux)" "" $DEB/tmux -- tar tvzf tmux_3.3a.orig.tar.gz
lst ls-la-sqlite3-source debian:sqlite3 'ls -la' "Debian source package sqlite3 3.40.1-2+deb12u2 unpacked (apt-get source)" "ls -la sqlite3-3.40.1" "public-domain (SQLite)" "" $DEB/sqlite3 -- ls -la sqlite3-3.40.1
lst tree-h-L2-curl-source debian:curl 'tree -h -L 2' "Debian source package curl 7.88.1-10+deb12u15 unpacked (apt-get source)" "tree -h -L 2 curl-7.88.1" "curl (MIT-style)" "sizes in brackets" $DEB/curl_7.88.1-10_deb12u15 -- tree -h -L 2 curl-7.88.1
lst lsdiff-grep-patches debian:grep 'lsdiff' "Debian source package grep 3.8-5: debian/patches (apt-get source), patchutils $(dv patchutils)" "lsdiff -n debian/patches/*.patch" "GPL-3+ (GNU grep); file names only" "files touched by each patch, with line numbers" $DEB/grep/grep-3.8 -- bash -c 'lsdiff -n debian/patches/*.patch'
lst du-ah-python3.11-asyncio debian:python3.11 'du -ah' "Debian package libpython3.11-stdlib $(dv libpython3.11-stdlib) installed on this machine: /usr/lib/python3.11/asyncio" "du -ah /usr/lib/python3.11/asyncio" "PSF-2.0 (CPython); names and sizes only" "" / -- du -ah /usr/lib/python3.11/asyncio
lst find-type-d-perl debian:perl 'find -type d' "Debian package perl-modules-5.36 $(dv perl-modules-5.36) installed on this machine" "find /usr/share/perl/5.36.0 -maxdepth 2 -type d" "GPL-1+ or Artistic (Perl); names only" "" / -- find /usr/share/perl/5.36.0 -maxdepth 2 -type d
lst ls-lt-coreutils-source debian:coreutils 'ls -lt' "Debian source package coreutils 9.1-1 unpacked (apt-get source)" "ls -lt coreutils-9.1/src" "GPL-3+ (GNU coreutils)" "sorted by time, newest first" $DEB/coreutils -- ls -lt coreutils-9.1/src
lst git-ls-files-s-less debian:less 'git ls-files -s' "Debian source package less 590-2.1~deb12u2 unpacked (apt-get source) and added to a scratch git repository (git init; git add -A)" "git ls-files -s" "GPL-3+ or BSD-2-clause (less)" "stage format: mode, blob id, stage, path" $DEB/less/less-590 -- bash -c 'test -d .git || { git init -q && git add -A; }; git -c core.pager=cat ls-files -s'
echo done
