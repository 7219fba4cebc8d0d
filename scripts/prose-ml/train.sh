#!/usr/bin/env bash
# Trains prose-ml's model from scratch and writes models/prose-ml/ (model.onnx,
# model.json, training-sources.txt) and bench/prose-ml/*/teacher.txt.
# Needs root on Debian 12 for apt; takes a few minutes on 2 cores. Not run by CI.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! /usr/bin/python3 -c 'import torch, onnx' 2>/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch python3-onnx >/dev/null
fi
npm run build >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
node scripts/prose-ml/dump-units.mjs train > "$work/train.jsonl"
node scripts/prose-ml/dump-units.mjs eval > "$work/eval.jsonl"
mkdir -p models/prose-ml
node -e '
  import("./scripts/prose-ml/sources.mjs").then(({ trainingSources }) => {
    const lines = trainingSources(process.cwd()).map((s) => `${s.name}@${s.version} ${s.file} MIT`);
    require("fs").writeFileSync("models/prose-ml/training-sources.txt", lines.join("\n") + "\n");
  });'
/usr/bin/python3 scripts/prose-ml/train.py "$work/train.jsonl" "$work/eval.jsonl"
