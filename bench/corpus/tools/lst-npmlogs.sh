#!/bin/bash
# npm's own logs: the debug log written after a failed install (ETARGET) and after a failed run-script,
# and the verbose (--loglevel silly / http) stream of a real install.
set -u
W=/tmp/lst/npmlogs
rm -rf $W; mkdir -p $W/logs $W/proj $W/proj2
cd $W/proj
npm init -y >/dev/null
npm install --logs-dir=$W/logs/etarget express@99.0.0 >/dev/null 2>&1
cd $W/proj2
npm init -y >/dev/null
npm install --loglevel silly --logs-dir=$W/logs/silly --no-audit --no-fund express@4.21.2 2> $W/silly-stderr.log >/dev/null
source /work/main/bench/corpus/tools/lst-lib.sh
NV="npm $(npm --version) (node $(node --version))"
L="output of npm run on this machine; no third-party content"
mkcase log npm-debug-log-etarget $(ls $W/logs/etarget/*debug*.log) npm:npm "npm debug log (~/.npm/_logs/*-debug-0.log)" "$NV" \
  "npm install --logs-dir=$W/logs/etarget express@99.0.0; cat \$(ls $W/logs/etarget/*debug*.log)" "$L" ""
mkcase log npm-install-loglevel-silly $W/silly-stderr.log npm:npm "npm install --loglevel silly (stderr)" "$NV" \
  "npm install --loglevel silly --no-audit --no-fund express@4.21.2 2> silly-stderr.log" "$L" ""
