#!/usr/bin/env bash
# Regenerates every dl case (diff, listing, binary, agent wrappers) and picks their needles.
# Inputs change where they depend on this machine or on time (ls dates, find /, temp paths).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
for g in dl-gen-diff.sh dl-gen-listing.sh dl-gen-binary.sh dl-gen-wrappers.sh; do bash "$here/$g"; done
cd "$here/.."
node tools/dl-needles.mjs $(grep -l -E '"project"' diff/*/meta.json listing/*/meta.json binary/*/meta.json | xargs -n1 dirname)
