#!/usr/bin/env bash
# json cases printed by programs run on this machine (system state, compilers, Go and Cargo).
# Needs: apt-get install jc (util-linux, iproute2, golang-go, gcc, zlib1g-dev, cargo, librust-serde-json-dev, iso-codes)
source "$(dirname "$0")/jph-lib.sh"
R=$S/run
HOSTLIC="output of %s run on this machine; no third-party content"

lsipc -J > $S/in/lsipc.json
mk json lsipc-json $S/in/lsipc.json project=host:lsipc format="lsipc -J" source="lsipc (util-linux 2.38.1) on this machine's IPC limits" \
  command="lsipc -J" license="$(printf "$HOSTLIC" lsipc)"
lscpu -J > $S/in/lscpu.json
mk json lscpu-json $S/in/lscpu.json project=host:lscpu format="lscpu -J" source="lscpu (util-linux 2.38.1) on this machine" \
  command="lscpu -J" license="$(printf "$HOSTLIC" lscpu)"
pip3 list -v --format=json > $S/in/pip-list.json
mk json pip-list-verbose-json $S/in/pip-list.json project=host:pip format="pip list --format=json" source="pip 23.2.1 (python 3.11.7, pyenv) listing its site-packages" \
  command="pip3 list -v --format=json" license="$(printf "$HOSTLIC" pip); package names and versions only"
dpkg -l 'python3*' | jc --dpkg-l -p > $S/in/jc-dpkg.json
mk json jc-dpkg-l-python3 $S/in/jc-dpkg.json project=host:dpkg format="jc --dpkg-l -p" source="dpkg -l 'python3*' on this machine, converted by jc 1.22.5 (Debian)" \
  command="dpkg -l 'python3*' | jc --dpkg-l -p" license="$(printf "$HOSTLIC" "dpkg and jc"); package names, versions and Debian's one-line descriptions"

(cd /tmp && go list -json -deps encoding/json > $S/in/go-list-deps.json)
mk json go-list-json-deps-encoding-json $S/in/go-list-deps.json project=host:go format="go list -json (stream of objects)" \
  source="go 1.19.8 (Debian golang-1.19-go) on its standard library" command="go list -json -deps encoding/json" \
  license="BSD-3-Clause (Go standard library metadata)"

# gcc diagnostics as JSON on zlib's example program (errors by -Werror)
gcc -c -Wall -Wextra -Wconversion -Werror -fdiagnostics-format=json -o /dev/null /usr/share/doc/zlib1g-dev/examples/gzlog.c 2> $S/in/gcc-gzlog.json || true
mk json gcc-diagnostics-json-zlib-gzlog $S/in/gcc-gzlog.json project=debian:zlib1g-dev format="gcc -fdiagnostics-format=json" \
  source="gcc 12.2.0 compiling /usr/share/doc/zlib1g-dev/examples/gzlog.c (zlib1g-dev 1:1.2.13.dfsg-1)" \
  command="gcc -c -Wall -Wextra -Wconversion -Werror -fdiagnostics-format=json -o /dev/null /usr/share/doc/zlib1g-dev/examples/gzlog.c" \
  license="Zlib (the compiled example); diagnostics printed by gcc"

# cargo: metadata of a Debian-packaged crate, and a build's JSON messages against Debian's vendored crates
C=$R/cargo; mkdir -p $C/.cargo
printf '[source.crates-io]\nreplace-with = "debian"\n\n[source.debian]\ndirectory = "/usr/share/cargo/registry"\n' > $C/.cargo/config.toml
rm -rf $C/serde_json-1.0.87 && cp -r /usr/share/cargo/registry/serde_json-1.0.87 $C/
(cd $C/serde_json-1.0.87 && cargo metadata --no-deps --format-version 1 --offline > $S/in/cargo-metadata.json)
mk json cargo-metadata-serde-json $S/in/cargo-metadata.json project=debian:librust-serde-json-dev format="cargo metadata --format-version 1 (one line)" \
  source="serde_json 1.0.87 as shipped in /usr/share/cargo/registry (Debian librust-serde-json-dev), copied to a scratch folder" \
  command="cargo metadata --no-deps --format-version 1 --offline" license="MIT OR Apache-2.0" \
  notes="--no-deps: Debian does not ship serde_json's dev-dependencies, so a full resolution fails"
if [ ! -d $C/jsonprobe ]; then
  (cd $C && cargo new --vcs none jsonprobe && cd jsonprobe && cargo add --offline serde_json@1.0.87 serde@1.0.152 && cargo add --offline serde --features derive) >/dev/null 2>&1
fi
(cd $C/jsonprobe && cargo clean -q && cargo build --offline --message-format=json > $S/in/cargo-build.ndjson 2>/dev/null)
mk json cargo-build-message-format-json $S/in/cargo-build.ndjson project=debian:librust-serde-json-dev format="cargo build --message-format=json (JSON lines)" \
  source="cargo 1.95.0 building an empty 'cargo new' crate that depends on serde_json 1.0.87 and serde 1.0.152 from Debian's /usr/share/cargo/registry" \
  command="cargo new --vcs none jsonprobe; cargo add --offline serde_json@1.0.87 serde@1.0.152; cargo add --offline serde --features derive; cargo build --offline --message-format=json" \
  license="MIT OR Apache-2.0 (the crates); messages printed by cargo"

mk json iso-codes-iso-4217 /usr/share/iso-codes/json/iso_4217.json project=debian:iso-codes format="JSON data file (pretty-printed)" \
  source="iso-codes 4.15.0-1 /usr/share/iso-codes/json/iso_4217.json" license=LGPL-2.1-or-later
mk json iso-codes-iso-639-2 /usr/share/iso-codes/json/iso_639-2.json project=debian:iso-codes format="JSON data file (pretty-printed)" \
  source="iso-codes 4.15.0-1 /usr/share/iso-codes/json/iso_639-2.json" license=LGPL-2.1-or-later
