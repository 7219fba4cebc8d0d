#!/bin/bash
# search cases: grep / ripgrep / git grep / ag / ack over real codebases (npm packages, Debian's Go, Rust,
# Python, C header and Perl trees, headroom's own repository). Queries are the kind an agent runs.
set -u
source /work/main/bench/corpus/tools/lst-lib.sh
P=/tmp/lst/pkgs
if [ ! -d $P/node_modules/typescript ]; then
  mkdir -p $P && cd $P && npm init -y >/dev/null
  npm install --no-audit --no-fund --ignore-scripts typescript@5 webpack@5 lodash express@4 react-dom@18 eslint@9 axios vue@3 moment rxjs@7 @babel/core prettier@3 >/dev/null 2>&1
fi
OUT=/tmp/lst/search; mkdir -p $OUT
NM=$P/node_modules
GO=/usr/share/gocode/src
RS=/usr/share/cargo/registry
PY=/usr/lib/python3/dist-packages
src_of() { # project -> "what, version"
  case $1 in
    npm:*) local n=${1#npm:}; echo "npm $n@$(node -p "require('$NM/$n/package.json').version")" ;;
    debian:*) local n=${1#debian:}; echo "Debian $n $(dpkg-query -W -f='${Version}' $n)" ;;
    headroom) echo "headroom git repository at $(git -C /work/main rev-parse --short HEAD)" ;;
  esac
}
lic_of() {
  case $1 in
    npm:*) local n=${1#npm:}; echo "$(node -p "require('$NM/$n/package.json').license") (npm package $n)" ;;
    debian:libc6-dev) echo "LGPL-2.1+ (GNU C Library headers; Debian package libc6-dev, see /usr/share/doc/libc6-dev/copyright)" ;;
    debian:libpython3.11-stdlib) echo "PSF-2.0 (Python standard library; Debian package libpython3.11-stdlib, see /usr/share/doc/libpython3.11-stdlib/copyright)" ;;
    debian:python3-numpy) echo "BSD-3-Clause (NumPy; Debian package python3-numpy, see /usr/share/doc/python3-numpy/copyright)" ;;
    debian:python3-matplotlib) echo "Matplotlib license (PSF-based, BSD-compatible; Debian package python3-matplotlib, see /usr/share/doc/python3-matplotlib/copyright)" ;;
    debian:*) local n=${1#debian:}; echo "$(grep -m1 '^License:' /usr/share/doc/$n/copyright 2>/dev/null | sed 's/License: *//') (Debian package $n, see /usr/share/doc/$n/copyright)" ;;
    headroom) echo "MIT (headroom's package.json)" ;;
  esac
}
# S SLUG PROJECT CWD FORMAT PARSE COMMAND [NOTES]
S() {
  local slug=$1 project=$2 cwd=$3 format=$4 parse=$5 cmd=$6 notes=${7:-}
  case $parse in
    heading|json) notes="${notes:+$notes }This format prints no path:line prefix, so rule 2 has nothing to take; paths and hit lines are needled." ;;
    count|list) notes="${notes:+$notes }This format prints no hit lines: the needles are its paths (rule 1)." ;;
  esac
  (cd "$cwd" && bash -c "$cmd") > $OUT/$slug.txt 2>/dev/null
  mkcase search "$slug" $OUT/$slug.txt "$project" "$format" "$(src_of $project)" "cd $cwd && $cmd" "$(lic_of $project)" "$notes" --fmt=$parse
}
export NO_COLOR=1
# --- npm packages
S grep-rn-typescript-createprogram npm:typescript $NM/typescript "grep -rn" pathline 'grep -rn "function createProgram\|createProgram(" lib --include=*.d.ts'
S rg-n-typescript-diagnostic-code npm:typescript $NM/typescript "rg -n" pathline 'rg -n "Diagnostics\.Cannot_find_module_0" lib/typescript.js lib/tsc.js'
S grep-r-no-lineno-express-req-res npm:express $NM/express "grep -r" path 'grep -r "res\.\|req\." lib'
S grep-rn-context3-axios-err-codes npm:axios $NM/axios "grep -rn -C 3" context 'grep -rn -C 3 "AxiosError.ERR_BAD_" lib'
S rg-heading-webpack-compilation-hooks-tap npm:webpack $NM/webpack "rg --heading -n" heading 'rg --heading -n "compilation\.hooks\.[a-zA-Z]+\.tap" lib'
S rg-l-eslint-rules-fixable npm:eslint $NM/eslint "rg -l" list 'rg -l "fixable: \"(code|whitespace)\"" lib/rules'
S rg-vimgrep-eslint-context-report npm:eslint $NM/eslint "rg --vimgrep" vimgrep 'rg --vimgrep "context\.report\(" lib/rules'
S grep-c-lodash-function-counts npm:lodash $NM/lodash "grep -c" count 'grep -c "function" *.js'
S rg-json-react-dom-dangerously npm:react-dom $NM/react-dom "rg --json" json 'rg --json "dangerouslySetInnerHTML" cjs/react-dom-server.node.development.js cjs/react-dom.development.js'
S ag-moment-isvalid npm:moment $NM/moment "ag (non-tty: path:line:text)" pathline 'ag "isValid\(\)" src'
S ack-rxjs-export-function npm:rxjs $NM/rxjs "ack (non-tty: path:line:text)" pathline 'ack "^export function" src/internal/operators --ts'
S rg-c-rxjs-operate-counts npm:rxjs $NM/rxjs "rg -c" count 'rg -c "operate\(|createOperatorSubscriber\(" src/internal/operators'
S grep-rnw-vue-runtime-warn npm:@vue/runtime-core $NM/@vue/runtime-core "grep -rnw" pathline 'grep -rnw "warn" dist/'
S rg-C2-babel-core-loadconfig npm:@babel/core $NM/@babel/core "rg -C 2 -n" context 'rg -n -C 2 "loadPartialConfig" lib'
S grep-rn-webpack-require-parent npm:webpack $NM/webpack "grep -rn" pathline 'grep -rn "require(\"\.\./" lib'
S rg-heading-eslint-messageid npm:eslint $NM/eslint "rg --heading -n" heading 'rg --heading -n "messageId" lib/rules'
S grep-rl-webpack-require-util npm:webpack $NM/webpack "grep -rl" list 'grep -rl "require(\"../util/" lib'
# --- headroom's own repository
S git-grep-n-headroom-exports headroom /work/main "git grep -n" pathline 'git grep -n "export " -- src'
S git-grep-p-headroom-export-function headroom /work/main "git grep -n -p" gitgrep-p 'git grep -n -p "throw new Error" -- src'
S git-grep-count-headroom-todo headroom /work/main "git grep --count" count 'git grep --count -e "TODO" -e "FIXME" -e "XXX"'
S git-grep-W-headroom-detect headroom /work/main "git grep -W" gitgrep-p 'git grep -n -W "function detect" -- src'
# --- C headers (Debian libc6-dev / linux-libc-dev)
S grep-rn-include-eagain debian:linux-libc-dev /usr/include "grep -rn" pathline 'grep -rn "define\s*E\(AGAIN\|WOULDBLOCK\|INPROGRESS\)\b" .'
S grep-A5-libc-sockaddr-in debian:libc6-dev /usr/include "grep -n -A 5" context 'grep -rn -A 5 "^struct sockaddr_in6\? *$" netinet'
# --- Go (Debian golang-*-dev sources)
S grep-rn-cobra-command-methods debian:golang-github-spf13-cobra-dev $GO/github.com/spf13/cobra "grep -rn" pathline 'grep -rn "^func (c \*Command)" .'
S rg-n-x-net-http2-context debian:golang-golang-x-net-dev $GO/golang.org/x/net "rg -n --type go" pathline 'rg -n --type go "ctx\.Done\(\)" http2 context trace'
S ag-l-logrus-withfield debian:golang-github-sirupsen-logrus-dev $GO/github.com/sirupsen/logrus "ag -l" list 'ag -l "WithField\("'
S grep-B2-x-sys-unix-errno debian:golang-golang-x-sys-dev $GO/golang.org/x/sys/unix "grep -n -B 2" context 'grep -n -B 2 "ENOTSUP *= *syscall" zerrors_linux*.go'
# --- Rust (Debian librust-*-dev crate sources)
S rg-n-regex-crate-pub-fn debian:librust-regex-dev $RS/regex-1.7.1 "rg -n" pathline 'rg -n "pub fn" src'
S grep-rn-serde-impl-generic debian:librust-serde-dev $RS/serde-1.0.152 "grep -rn" pathline 'grep -rn "impl<" src'
S rg-heading-rayon-core-join debian:librust-rayon-core-dev $RS/rayon-core-1.10.1 "rg --heading -n -C 1" heading 'rg --heading -n -C 1 "fn join" src'
S rg-o-syn-punctuated debian:librust-syn-dev $RS/syn-1.0.107 "rg -o -n" pathline 'rg -o -n "Punctuated<[A-Za-z]+, Token!\[[^]]+\]>" src'
# --- Python (Debian python3-* and the stdlib)
S grep-rn-sympy-def-simplify debian:python3-sympy $PY/sympy "grep -rn" pathline 'grep -rn "def simplify\|def nsimplify" --include=*.py .'
S rg-n-numpy-imports-no-tests debian:python3-numpy $PY/numpy "rg -n --type py -g" pathline "rg -n --type py -g '!tests' '^(from|import) '"
S grep-rn-sympy-todo-xxx debian:python3-sympy $PY/sympy "grep -rn --include" pathline 'grep -rn "TODO\|XXX" --include=*.py .'
S rg-n-x-text-todo debian:golang-golang-x-text-dev $GO/golang.org/x/text "rg -n" pathline 'rg -n TODO'
S grep-rn-asyncio-raise debian:libpython3.11-stdlib /usr/lib/python3.11 "grep -rn" pathline 'grep -rn "raise " asyncio'
S rg-n-stdlib-todo-fixme debian:libpython3.11-stdlib /usr/lib/python3.11 "rg -n --type py" pathline 'rg -n "TODO|FIXME|XXX" --type py'
S ack-matplotlib-rcparams debian:python3-matplotlib $PY/matplotlib "ack (non-tty: path:line:text)" pathline 'ack "rcParams\[" axes'
S rg-color-pytest-fixture-heading debian:python3-pytest $PY/_pytest "rg --color=always --heading -n" heading 'rg --color=always --heading -n "def getfixturevalue|def _get_active_fixturedef" .' \
  "Output kept with its ANSI colour codes, as rg prints them with --color=always."
S grep-rn-networkx-defs-classes debian:python3-networkx $PY/networkx "grep -rn --include" pathline 'grep -rn "^def \|^class " --include=*.py .'
S rg-json-x-sys-getset-linux debian:golang-golang-x-sys-dev $GO/golang.org/x/sys/unix "rg --json" json 'rg --json "func (Get|Set)[a-z]*\(" --type go -g "!*_test.go" -g "*linux*"'
S grep-E-networkx-raise-networkxerror debian:python3-networkx $PY/networkx "grep -rnE" pathline 'grep -rnE "raise nx\.(NetworkXError|NetworkXUnfeasible)" algorithms/shortest_paths algorithms/flow'
# --- Perl (debconf)
S ack-debconf-subs debian:debconf /usr/share/perl5/Debconf "ack (non-tty: path:line:text)" pathline 'ack "^sub "'
