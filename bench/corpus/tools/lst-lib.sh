# Shared helpers for the lst-* generation scripts (log, search and table cases).
# mkcase TYPE SLUG INPUTFILE PROJECT FORMAT SOURCE COMMAND LICENSE NOTES [needle options...]
#   copies INPUTFILE byte for byte to bench/corpus/TYPE/SLUG/input.txt, writes meta.json and picks
#   needles with lst-needles.mjs (mode = TYPE, options passed through).
CORPUS=/work/main/bench/corpus
LSTTOOLS=$CORPUS/tools
mkcase() {
  local type=$1 slug=$2 in=$3 project=$4 format=$5 source=$6 command=$7 license=$8 notes=$9
  shift 9
  local dir=$CORPUS/$type/$slug
  mkdir -p "$dir"
  cp "$in" "$dir/input.txt"
  TYPE="$type" PROJECT="$project" FORMAT="$format" SOURCE="$source" COMMAND="$command" LICENSE="$license" NOTES="$notes" PICK="tools/lst-needles.mjs $type input.txt$([ $# -gt 0 ] && printf ' %q' "$@")" \
    node -e 'const e=process.env;const m={type:e.TYPE,project:e.PROJECT,format:e.FORMAT,source:e.SOURCE,command:e.COMMAND,license:e.LICENSE};if(e.NOTES)m.notes=e.NOTES;m.needles_by=e.PICK;process.stdout.write(JSON.stringify(m,null,2)+"\n")' > "$dir/meta.json"
  node "$LSTTOOLS/lst-needles.mjs" "$type" "$dir/input.txt" "$@" > "$dir/needles.txt"
  echo "== $type/$slug $(wc -c < "$dir/input.txt")B $(wc -l < "$dir/input.txt")L needles=$(wc -l < "$dir/needles.txt")"
}
