# Shared helpers of the jph-gen-*.sh scripts (source it). Scratch work goes to /tmp/jph.
set -euo pipefail
T=/work/main/bench/corpus/tools
S=/tmp/jph
mkdir -p $S/pk $S/in $S/run
# pk NAME@VERSION -> prints the folder holding the unpacked package (npm pack, cached)
pk() {
  local spec=$1 dir=$S/pk/$(echo "$1" | tr '/@' '__')
  if [ ! -d "$dir/package" ]; then
    mkdir -p "$dir"
    (cd "$dir" && npm pack "$spec" --silent >/dev/null 2>&1 && mkdir -p package && tar xzf ./*.tgz -C package --strip-components=1 --no-same-owner && rm -f ./*.tgz)
  fi
  echo "$dir/package"
}
mk() { node $T/jph-case.mjs "$@"; }
