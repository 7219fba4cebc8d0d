#!/usr/bin/env bash
# Generates the dl diff cases: headroom's own history, diffs between real npm releases,
# npm lock-file churn, git histories rebuilt from npm releases, and Debian patches.
# Needles are picked afterwards by dl-needles.mjs (README's diff rule).
source "$(dirname "$0")/dl-lib.sh"
HR=/work/main
PIN=65831a106ed1afcb38ff1ec945fb479091285134   # headroom HEAD when the cases were made
G="git -c color.ui=never -c core.pager=cat -c diff.noprefix=false"
HRLIC="MIT (headroom's own repository)"

hr() { # hr SLUG FORMAT COMMAND-SHOWN NOTES -- git args...
  local slug=$1 format=$2 shown=$3 notes=$4; shift 5
  local d; d=$(newcase diff "$slug")
  (cd "$HR" && $G "$@") > "$d/input.txt"
  meta "$d" diff headroom "$format" "headroom git repository at $PIN" "$shown" "$HRLIC" "$notes"
}

deb_fetch_all

# ---- headroom's own history -------------------------------------------------------------
hr gitlog-p-5-headroom 'git log -p' "git log -p -5 $PIN" "defect input (a): git log -p -5 of a real repository" -- log -p -5 $PIN
hr gitlog-stat-headroom 'git log --stat' "git log --stat -n 25 $PIN" "" -- log --stat -n 25 $PIN
hr gitlog-name-status-headroom 'git log --name-status' "git log --name-status -M -n 12 $PIN" "" -- log --name-status -M -n 12 $PIN
hr gitlog-oneline-graph-headroom 'git log --oneline --graph' "git log --oneline --graph --decorate $PIN" "small: the whole history of the repository, one line per commit" -- log --oneline --graph --decorate $PIN
hr gitshow-headroom-small-fix 'git show' "git show 22ea0a4" "small single-file commit" -- show 22ea0a4
hr gitdiff-headroom-rename-binary 'git diff -M' "git diff -M 1067d03 $PIN -- src/compressors test/fixtures/learn/opencode" "a range diff holding many renames (similarity index) and a binary file (Binary files differ)" -- diff -M 1067d03 $PIN -- src/compressors test/fixtures/learn/opencode
hr format-patch-headroom 'git format-patch --stdout' "git format-patch -3 --stdout 0cb92b1" "three commits as mbox patches" -- format-patch -3 --stdout 0cb92b1
hr gitshow-word-diff-headroom 'git show --word-diff' "git show --word-diff 94d1385" "word diff: changed words are marked [-removed-]{+added+} inside lines; rule 3 takes the first line holding [- and the first holding {+" -- show --word-diff 94d1385
hr gitlog-follow-one-file-headroom 'git log -p --follow' "git log -p --follow $PIN -- src/compressors/code/code.ts" "history of one file across a rename" -- log -p --follow $PIN -- src/compressors/code/code.ts
hr gitlog-raw-headroom 'git log --raw' "git log --raw -n 15 $PIN" "raw diff records (:mode mode sha sha status path)" -- log --raw -n 15 $PIN
hr gitlog-numstat-headroom 'git log --numstat' "git log --numstat --format='%h %an %ad %s' --date=short -n 20 $PIN" "custom --format header line per commit" -- log --numstat "--format=%h %an %ad %s" --date=short -n 20 $PIN
hr gitdiff-large-range-headroom 'git diff' "git diff 1e65e4d 077bd9a -- src" "large diff (many new files) across eight commits" -- diff 1e65e4d 077bd9a -- src
hr gitshow-stat-summary-headroom 'git show --stat --summary' "git show --stat --summary 2cfbe5e" "a commit creating 111 files: stat and create-mode summary, no patch" -- show --stat --summary 2cfbe5e

# ---- diffs between two real npm releases ------------------------------------------------
rel() { # rel SLUG NAME A B FORMAT SHOWN NOTES -- command...
  local slug=$1 name=$2 a=$3 b=$4 format=$5 shown=$6 notes=$7; shift 8
  local da db d; da=$(npm_unpack "$name" "$a"); db=$(npm_unpack "$name" "$b")
  d=$(newcase diff "$slug")
  (cd "$SCRATCH/npm" && "$@" || [ $? -eq 1 ]) > "$d/input.txt"
  meta "$d" diff "npm:$name" "$format" "npm $name@$a and $name@$b (npm pack tarballs unpacked side by side as $(basename "$da")/ and $(basename "$db")/)" "$shown" "$(npm_license "$db")" "$notes"
}
rel commander-12.0-12.1-git-diff-no-index commander 12.0.0 12.1.0 'git diff --no-index' "git diff --no-index commander-12.0.0 commander-12.1.0" "" -- $G diff --no-index commander-12.0.0 commander-12.1.0
rel chalk-5.3-5.4-diff-ruN chalk 5.3.0 5.4.0 'diff -ruN' "diff -ruN chalk-5.3.0 chalk-5.4.0" "small" -- diff -ruN chalk-5.3.0 chalk-5.4.0
rel semver-7.6.0-7.6.3-diff-ru semver 7.6.0 7.6.3 'diff -ru' "diff -ru semver-7.6.0 semver-7.6.3" "" -- diff -ru semver-7.6.0 semver-7.6.3
rel ky-1.2-1.3-context-diff ky 1.2.0 1.3.0 'diff -rc' "diff -rc ky-1.2.0 ky-1.3.0" "context diff: removed lines are '- ' or '! ' in the *** part, added lines '+ ' or '! ' in the --- part; rule 3 keeps those lines with their marker" -- diff -rc ky-1.2.0 ky-1.3.0
rel minimist-1.2.7-1.2.8-diff-ruN minimist 1.2.7 1.2.8 'diff -ruN' "diff -ruN minimist-1.2.7 minimist-1.2.8" "" -- diff -ruN minimist-1.2.7 minimist-1.2.8
rel js-yaml-4.0-4.1-minified js-yaml 4.0.0 4.1.0 'git diff --no-index' "git diff --no-index js-yaml-4.0.0 js-yaml-4.1.0" "holds dist/js-yaml.min.js: a minified file in a diff (generated, so skipped by rule 3)" -- $G diff --no-index js-yaml-4.0.0 js-yaml-4.1.0
rel undici-6.19.0-6.19.8-diff-u undici 6.19.0 6.19.8 'diff -ru' "diff -ru undici-6.19.0 undici-6.19.8" "" -- diff -ru undici-6.19.0 undici-6.19.8
rel uuid-9.0.0-9.0.1-diff-brief uuid 9.0.0 9.0.1 'diff -rq' "diff -rq uuid-9.0.0 uuid-9.0.1" "brief diff: one line per differing file, no changed lines" -- diff -rq uuid-9.0.0 uuid-9.0.1
rel dotenv-16.3-16.4-word-diff dotenv 16.3.1 16.4.0 'git diff --no-index --word-diff' "git diff --no-index --word-diff dotenv-16.3.1 dotenv-16.4.0" "word diff: rule 3 takes the first line holding [- and the first holding {+" -- $G diff --no-index --word-diff dotenv-16.3.1 dotenv-16.4.0
rel marked-12.0.0-12.0.1-diffstat marked 12.0.0 12.0.1 'diffstat' "diff -ruN marked-12.0.0 marked-12.0.1 | diffstat -w 100" "diffstat summary of a 1.1 MB recursive diff" -- bash -c 'diff -ruN marked-12.0.0 marked-12.0.1 | diffstat -w 100'
rel zod-3.22-3.23-git-diff-large zod 3.22.4 3.23.0 'git diff --no-index' "git diff --no-index zod-3.22.4 zod-3.23.0" "large diff of compiled library code (lib/ and ESM build)" -- $G diff --no-index zod-3.22.4 zod-3.23.0
rel yargs-parser-21.0-21.1-normal-diff yargs-parser 21.0.0 21.1.1 'diff -r (normal format)' "diff -r yargs-parser-21.0.0 yargs-parser-21.1.1" "normal diff format: removed lines '< ', added lines '> '; rule 3 keeps those with their marker" -- diff -r yargs-parser-21.0.0 yargs-parser-21.1.1
rel glob-10.3-10.4-stat-summary glob 10.3.10 10.4.1 'git diff --no-index --stat --summary' "git diff --no-index --stat=120 --summary glob-10.3.10 glob-10.4.1" "" -- $G diff --no-index --stat=120 --summary glob-10.3.10 glob-10.4.1
rel commander-12.0-12.1-side-by-side commander 12.0.0 12.1.0 'diff -ry (side by side)' "diff -ry -W 160 --suppress-common-lines commander-12.0.0/lib commander-12.1.0/lib" "side-by-side diff: changed rows carry | < or > between the columns; rule 3 takes the left column of the first row marked | or < (removed) and the right column of the first marked | or > (added), without a + or - since none is printed" -- diff -ry -W 160 --suppress-common-lines commander-12.0.0/lib commander-12.1.0/lib

# ---- lock-file churn ----------------------------------------------------------------------
lockdir() { # lockdir DIR SPEC -> package-lock.json of a fresh project depending on SPEC
  rm -rf "$1"; mkdir -p "$1"
  (cd "$1" && echo '{"name":"lock-scratch","version":"1.0.0","private":true}' > package.json &&
   npm install --package-lock-only --ignore-scripts --no-audit --no-fund "$2" >/dev/null 2>&1)
}
L=$SCRATCH/lock; mkdir -p $L
lockdir $L/express-4.18.2 express@4.18.2; lockdir $L/express-4.19.2 express@4.19.2
d=$(newcase diff express-lockfile-diff-u)
(cd $L && diff -u express-4.18.2/package-lock.json express-4.19.2/package-lock.json || true) > $d/input.txt
meta $d diff npm:express 'diff -u (package-lock.json)' "package-lock.json written by npm $(npm --version) (npm install --package-lock-only) for a project depending on express@4.18.2, then on express@4.19.2" "diff -u express-4.18.2/package-lock.json express-4.19.2/package-lock.json" "MIT (express and its dependencies' metadata)" "lock-file churn: every changed file is a lock file, so rule 3 has nothing to take"

# axios: a git project whose dependency is bumped (package.json and the lock change together)
A=$SCRATCH/axios-bump; rm -rf $A; mkdir -p $A
(cd $A && git init -q && echo '{"name":"axios-scratch","version":"1.0.0","private":true}' > package.json &&
 npm install --package-lock-only --ignore-scripts --no-audit --no-fund axios@1.6.0 >/dev/null 2>&1 &&
 git add -A && git -c user.name=dl -c user.email=dl@localhost commit -qm 'add axios 1.6.0' &&
 npm install --package-lock-only --ignore-scripts --no-audit --no-fund axios@1.7.2 >/dev/null 2>&1)
d=$(newcase diff axios-bump-git-diff-lock)
(cd $A && $G diff) > $d/input.txt
meta $d diff npm:axios 'git diff (package.json + package-lock.json)' "a scratch git project: npm install axios@1.6.0 committed, then npm install axios@1.7.2 (npm $(npm --version), --package-lock-only)" "git diff" "MIT (axios and its dependencies' metadata)" ""

# ---- git histories rebuilt from successive npm releases -----------------------------------
history_repo() { # history_repo NAME VERSIONS... -> repo at $SCRATCH/hist/NAME, one commit per release
  local name=$1; shift; local r=$SCRATCH/hist/$name
  rm -rf "$r"; mkdir -p "$r"; (cd "$r" && git init -q)
  local times; times=$(npm view "$name" time --json)
  for v in "$@"; do
    local src; src=$(npm_unpack "$name" "$v")
    local when; when=$(echo "$times" | jq -r --arg v "$v" '.[$v]')
    (cd "$r" && git rm -rq --ignore-unmatch . && cp -a "$src/." . && git add -A &&
     GIT_AUTHOR_DATE="$when" GIT_COMMITTER_DATE="$when" git -c user.name="npm registry" -c user.email="releases@npm.invalid" \
       commit -qm "Release $name $v" --allow-empty)
  done
  echo "$r"
}
r=$(history_repo picocolors 1.0.0 1.0.1 1.1.0 1.1.1)
d=$(newcase diff picocolors-release-history-log-p)
(cd $r && $G log -p) > $d/input.txt
meta $d diff npm:picocolors 'git log -p' "npm picocolors 1.0.0, 1.0.1, 1.1.0, 1.1.1 committed in order into a scratch git repository" "git log -p" "ISC" "history rebuilt from npm releases: one commit per published version, dated by the registry's publish time"
r=$(history_repo debug 4.3.0 4.3.1 4.3.2 4.3.3 4.3.4 4.3.5 4.3.6 4.3.7)
d=$(newcase diff debug-release-history-log-stat)
(cd $r && $G log --stat --summary) > $d/input.txt
meta $d diff npm:debug 'git log --stat --summary' "npm debug 4.3.0 to 4.3.7 committed in order into a scratch git repository" "git log --stat --summary" "MIT" "history rebuilt from npm releases: one commit per published version, dated by the registry's publish time"
r=$(history_repo nanoid 5.0.0 5.0.2 5.0.4 5.0.6 5.0.7 5.0.9)
d=$(newcase diff nanoid-release-history-one-file)
(cd $r && $G log -p -- index.js) > $d/input.txt
meta $d diff npm:nanoid 'git log -p -- <file>' "npm nanoid 5.0.0 to 5.0.9 (six releases) committed in order into a scratch git repository" "git log -p -- index.js" "MIT" "history rebuilt from npm releases: one commit per published version, dated by the registry's publish time"

# ---- Debian patches and Debian packaging diffs --------------------------------------------
debpatch() { # debpatch SLUG SRCPKG PATCH-PATH FORMAT LICENSE NOTES
  local slug=$1 pkg=$2 file=$3 format=$4 lic=$5 notes=$6 d
  d=$(newcase diff "$slug")
  cp "$file" "$d/input.txt"
  local ver; ver=$(cd "$(dirname "$file")/../.." && dpkg-parsechangelog -S Version 2>/dev/null || echo '?')
  meta "$d" diff "debian:$pkg" "$format" "Debian source package $pkg $ver (bookworm), file debian/patches/$(basename "$file")" "" "$lic" "$notes"
}
DEB=$SCRATCH/deb
debpatch openssl-debian-patch-pkcs7-uaf openssl "$(ls $DEB/openssl_3.0.20*/openssl-3.0.20/debian/patches/Fix-possible-use-after-free-in-OpenSSL-PKCS7_verify.patch)" 'git format-patch (Debian quilt patch)' 'Apache-2.0 (OpenSSL)' ""
debpatch grep-debian-patch-backref grep "$(ls $DEB/grep/grep-3.8/debian/patches/1029235-grep-bug-backref-in-last-of-multiple-patterns.patch)" 'git format-patch (Debian quilt patch)' 'GPL-3+ (GNU grep)' ""
debpatch tmux-debian-upstream-diff tmux "$(ls $DEB/tmux/tmux-3.3a/debian/patches/upstream-0f6227f46b.diff)" 'Debian quilt patch (DEP-3 + git diff)' 'ISC (tmux)' ""
debpatch sqlite3-debian-cve-patch sqlite3 "$(ls $DEB/sqlite3/sqlite3-3.40.1/debian/patches/42-CVE-2025-6965.patch)" 'Debian quilt patch' 'public-domain (SQLite)' ""
debpatch tree-debian-speling-patch tree "$(ls $DEB/tree/tree-2.1.0/debian/patches/speling)" 'Debian quilt patch (DEP-3 + diff -u)' 'GPL-2+ (tree)' ""
debpatch coreutils-debian-whoips-patch coreutils "$(ls $DEB/coreutils/coreutils-9.1/debian/patches/61_whoips.patch)" 'Debian quilt patch' 'GPL-3+ (GNU coreutils)' ""
debpatch curl-debian-cve-2023-38545 curl "$(ls $DEB/curl_7.88.1-10_deb12u15/curl-7.88.1/debian/patches/CVE-2023-38545.patch)" 'git format-patch (Debian quilt patch)' 'curl (MIT-style)' ""
debpatch sed-debian-cve-patch sed "$(ls $DEB/sed/sed-4.9/debian/patches/sed-i-follow-symlinks-fix-TOCTOU-race-CVE-2026-5958.patch)" 'git format-patch (Debian quilt patch)' 'GPL-3+ (GNU sed)' ""
debpatch less-debian-shell-quote-patch less "$(ls $DEB/less/less-590/debian/patches/Shell-quote-filenames-when-invoking-LESSCLOSE.patch)" 'git format-patch (Debian quilt patch)' 'GPL-3+ or BSD-2-clause (less)' ""
d=$(newcase diff requests-debian-patch-remove-ads)
cp $DEB/x/requests/debian/patches/0001-Remove-remote-images-traking-code-and-ads.patch $d/input.txt
meta $d diff debian:requests 'git format-patch (Debian quilt patch)' "Debian source package requests 2.28.1+dfsg-1 (bookworm), file debian/patches/0001-Remove-remote-images-traking-code-and-ads.patch" "" "Apache-2.0 (python-requests)" ""

# two Debian revisions of openssl: what changed in the packaging (patches added: a diff of diffs)
d=$(newcase diff openssl-debian-dir-3.0.17-3.0.20-stat)
(cd $DEB && $G diff --no-index --stat=120 openssl_3.0.17-1_deb12u2/openssl-3.0.17/debian openssl_3.0.20-1_deb12u2/openssl-3.0.20/debian || true) > $d/input.txt
meta $d diff debian:openssl 'git diff --no-index --stat' "Debian source packages openssl 3.0.17-1~deb12u2 and 3.0.20-1~deb12u2 (bookworm-security), their debian/ folders" "git diff --no-index --stat=120 openssl_3.0.17-1_deb12u2/openssl-3.0.17/debian openssl_3.0.20-1_deb12u2/openssl-3.0.20/debian" "Apache-2.0 (OpenSSL) and the Debian packaging's licence" ""
d=$(newcase diff curl-debian-series-and-changelog-diff)
(cd $DEB && diff -u x/curl5/debian/patches/series curl_7.88.1-10_deb12u15/curl-7.88.1/debian/patches/series; diff -u x/curl5/debian/changelog curl_7.88.1-10_deb12u15/curl-7.88.1/debian/changelog) > $d/input.txt || true
meta $d diff debian:curl 'diff -u' "Debian source packages curl 7.88.1-10+deb12u5 and 7.88.1-10+deb12u15 (bookworm-security): debian/patches/series and debian/changelog" "diff -u x/curl5/debian/patches/series curl_7.88.1-10_deb12u15/curl-7.88.1/debian/patches/series; diff -u x/curl5/debian/changelog curl_7.88.1-10_deb12u15/curl-7.88.1/debian/changelog" "curl (MIT-style) and the Debian packaging's licence" "two diff -u runs printed one after the other"
echo done
