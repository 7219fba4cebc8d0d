#!/bin/bash
# Re-picks the needles of every lst case from its input.txt with the command recorded in meta.json needles_by.
cd /work/main/bench/corpus
for m in log/*/meta.json search/*/meta.json table/*/meta.json; do
  [ -f "$m" ] || continue
  by=$(node -e 'const m=require(process.argv[1]);if(m.needles_by)console.log(m.needles_by)' "$PWD/$m")
  [ -n "$by" ] || continue
  d=$(dirname $m)
  (cd $d && eval "node ../../$by") > $d/needles.txt || echo "FAILED $d"
done
