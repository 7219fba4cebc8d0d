#!/usr/bin/env bash
# Regenerates every case of the jph helper (json, prose, html, code). Scratch: /tmp/jph.
set -euo pipefail
cd "$(dirname "$0")"
for s in jph-gen-json-files.sh jph-gen-json-npm.sh jph-gen-json-host.sh jph-gen-json-more.sh jph-gen-prose.sh jph-gen-html.sh jph-gen-code.sh; do
  echo "## $s"; bash $s
done
