#!/bin/bash
# Rust programs' own logging: ripgrep's --trace stream (log crate) and cargo's CARGO_LOG (tracing) output.
set -u
W=/tmp/lst/rustlogs
rm -rf $W; mkdir -p $W
(cd /work/main && rg --trace -l TODO src 2> $W/rg-trace.txt >/dev/null)
cd $W && cargo new -q --vcs none demo && cd demo
cargo build -q --offline 2>/dev/null
touch src/main.rs
printf '\nfn unused() {}\n' >> src/main.rs
RUSTFLAGS=-Awarnings CARGO_LOG=debug cargo build -q --offline > /dev/null 2> $W/cargo-log.txt
source /work/main/bench/corpus/tools/lst-lib.sh
mkcase log ripgrep-trace-log-headroom-src $W/rg-trace.txt debian:ripgrep "ripgrep --trace (log crate, LEVEL|module|file:line: msg)" "Debian ripgrep $(dpkg-query -W -f='${Version}' ripgrep)" \
  "cd headroom && rg --trace -l TODO src 2> rg-trace.txt" "output of ripgrep run on this machine; file names are headroom's own" ""
mkcase log cargo-log-fingerprint-rebuild $W/cargo-log.txt host:cargo "CARGO_LOG=debug (tracing subscriber output)" "$(cargo --version)" \
  "cargo new demo; cargo build; touch + edit src/main.rs; RUSTFLAGS=-Awarnings CARGO_LOG=debug cargo build -q --offline 2> cargo-log.txt" \
  "output of cargo run on this machine; the crate is cargo new's template" ""
