#!/usr/bin/env bash
# Agent-wrapper cases: what Claude Code 2.1.330 (headroom's dev dependency) sent upstream as the
# tool_result of its Bash tool, for commands with large output (<persisted-output> preview) or a
# non-zero exit (Exit code header, middle truncation). Claude Code runs against a fake Anthropic
# provider on 127.0.0.1 (dl-claude-persisted.mjs); the command runs for real on this machine.
source "$(dirname "$0")/dl-lib.sh"
HR=/work/main
TOOLS=$(cd "$(dirname "$0")" && pwd)
CC="Claude Code $(node -p "require('$HR/node_modules/@anthropic-ai/claude-code/package.json').version")"
NPM=$SCRATCH/npm
for p in minimist-1.2.7 minimist-1.2.8 date-fns-3.6.0; do
  [ -f $NPM/$p.tgz ] || (cd $NPM && npm pack "${p%-*}@${p##*-}" --silent >/dev/null)
  [ -d $NPM/$p ] || { mkdir -p $NPM/$p; tar xzf $NPM/$p.tgz -C $NPM/$p --strip-components=1; }
done
HOW="the tool_result text $CC sent upstream for its Bash tool call, captured at a fake Anthropic provider on 127.0.0.1 (tools/dl-claude-persisted.mjs; temporary HOME, ANTHROPIC_BASE_URL); the command itself ran for real on this machine"

# wcase TYPE SLUG PROJECT FORMAT SOURCE LICENSE NOTES CWD COMMAND
wcase() {
  local d; d=$(newcase "$1" "$2")
  node "$TOOLS/dl-claude-persisted.mjs" "$d/input.txt" "$8" "$9" >&2
  rm -f "$d/input.txt.raw.json"
  meta "$d" "$1" "$3" "$4" "$5" "$9" "$6" "$7 $HOW"
}
wcase diff claude-code-persisted-gitlog-p-headroom headroom 'claude-code persisted-output (git log -p)' "headroom git repository, git log -p -8 65831a1 (87.9 KB of output)" "MIT (headroom's own repository)" "" $HR 'git log -p -8 65831a106ed1afcb38ff1ec945fb479091285134'
wcase diff claude-code-persisted-diff-ru-minimist npm:minimist 'claude-code persisted-output (diff -ru)' "npm minimist@1.2.7 and minimist@1.2.8 unpacked side by side (70.8 KB diff)" "$(npm_license $NPM/minimist-1.2.8)" "diff exits 1 (files differ); Claude Code does not report that as an error." $NPM 'diff -ru minimist-1.2.7 minimist-1.2.8'
wcase listing claude-code-persisted-tar-tvzf-date-fns npm:date-fns 'claude-code persisted-output (tar tvzf)' "npm date-fns@3.6.0 tarball (378 KB listing)" "$(npm_license $NPM/date-fns-3.6.0)" "" $NPM 'tar tvzf date-fns-3.6.0.tgz'
wcase binary claude-code-persisted-xxd-usr-bin-false debian:coreutils 'claude-code persisted-output (xxd)' "Debian package coreutils $(dpkg-query -W -f='${Version}' coreutils): /usr/bin/false (148 KB dump)" "GPL-3+ (GNU coreutils)" "binary has no written rule in README; the dump rule of the other dl binary cases is applied to the preview." $SCRATCH 'xxd /usr/bin/false'
wcase listing claude-code-exit2-truncated-ls-laR-typescript npm:typescript 'claude-code Exit code + truncation (ls -laR)' "npm typescript@$(node -p "require('$HR/node_modules/typescript/package.json').version") as installed in headroom's node_modules (one folder named does not exist)" "$(npm_license $HR/node_modules/typescript)" "ls exits 2 for the missing folder; Claude Code puts an Exit code header first and cuts the middle of the output." $HR 'ls -laR node_modules/typescript node_modules/@typescript'
wcase listing claude-code-exit2-ls-la-headroom headroom 'claude-code Exit code (ls -la several folders)' "headroom working tree (src/, test/; docs/ does not exist)" "MIT (headroom's own repository)" "ls exits 2 for the missing folder; Claude Code puts an Exit code header first." $HR 'ls -la src test docs'
ps -eo pid,cmd | grep -c '[c]laude' >&2 || true
echo done
