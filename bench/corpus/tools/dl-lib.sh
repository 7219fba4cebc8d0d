#!/usr/bin/env bash
# Shared helpers for the dl-* corpus generators (diff, listing, binary types).
# Scratch lives in /tmp/dl; cases are written under bench/corpus/<type>/<slug>/.
set -euo pipefail
CORPUS="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCRATCH=/tmp/dl
mkdir -p "$SCRATCH"
# tools the generators run that a fresh Debian 12 machine lacks
for pair in tree:tree diffstat:diffstat lsdiff:patchutils exa:exa fdfind:fd-find; do
  command -v "${pair%%:*}" >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${pair#*:}" >/dev/null
done

# npm_unpack NAME VERSION -> prints the folder $SCRATCH/npm/NAME-VERSION (package/ stripped)
npm_unpack() {
  local name=$1 ver=$2 base
  base=$(echo "$name" | sed 's#^@##; s#/#-#')
  local dir="$SCRATCH/npm/$base-$ver"
  if [ ! -d "$dir" ]; then
    mkdir -p "$SCRATCH/npm" "$dir"
    (cd "$SCRATCH/npm" && [ -f "$base-$ver.tgz" ] || npm pack "$name@$ver" --silent >/dev/null)
    tar xzf "$SCRATCH/npm/$base-$ver.tgz" -C "$dir" --strip-components=1
  fi
  echo "$dir"
}

# npm_license DIR -> the package.json licence
npm_license() { node -e 'const p=require(process.argv[1]+"/package.json");console.log(typeof p.license==="string"?p.license:JSON.stringify(p.license||p.licenses))' "$1"; }

# deb_source NAME [VERSION] -> prints the unpacked Debian source folder (apt-get source)
deb_source() {
  local name=$1 ver=${2:-}
  local spec=$name; [ -n "$ver" ] && spec="$name=$ver"
  local dir="$SCRATCH/deb/$name${ver:+-$ver}"
  if [ ! -d "$dir" ]; then
    mkdir -p "$dir"
    (cd "$dir" && apt-get source -q "$spec" >/dev/null 2>&1)
  fi
  find "$dir" -mindepth 1 -maxdepth 1 -type d | head -1
}

# newcase TYPE SLUG -> creates an empty case folder and prints it
newcase() {
  local d="$CORPUS/$1/$2"
  rm -rf "$d"; mkdir -p "$d"; echo "$d"
}

# meta DIR TYPE PROJECT FORMAT SOURCE COMMAND LICENSE [NOTES]
meta() {
  jq -n --arg type "$2" --arg project "$3" --arg format "$4" --arg source "$5" --arg command "$6" \
    --arg license "$7" --arg notes "${8:-}" \
    '{type:$type,project:$project,format:$format,source:$source,command:$command,license:$license} + (if $notes=="" then {} else {notes:$notes} end)' \
    > "$1/meta.json"
}

HOST_LICENSE() { echo "output of $1 run on this machine; no third-party content"; }

# deb_fetch_all: the Debian source packages the dl cases read, as $SCRATCH/deb/<folder>/ (apt-get source;
# where the archive lacks an orig tarball, only the debian.tar.xz arrives, which is all that is used)
deb_fetch_all() {
  local DEB=$SCRATCH/deb pair dir spec
  for pair in tree:tree tmux:tmux grep:grep sqlite3:sqlite3 coreutils:coreutils sed:sed less:less requests:requests \
      openssl_3.0.17-1_deb12u2:openssl=3.0.17-1~deb12u2 openssl_3.0.20-1_deb12u2:openssl=3.0.20-1~deb12u2 \
      curl_7.88.1-10_deb12u5:curl=7.88.1-10+deb12u5 curl_7.88.1-10_deb12u15:curl=7.88.1-10+deb12u15; do
    dir=${pair%%:*}; spec=${pair#*:}
    ls "$DEB/$dir"/*.debian.tar.xz >/dev/null 2>&1 && continue
    mkdir -p "$DEB/$dir"
    (cd "$DEB/$dir" && apt-get source -q "$spec" >/dev/null 2>&1 || true)
  done
  mkdir -p "$DEB/x/curl5" "$DEB/x/requests"
  [ -d "$DEB/x/curl5/debian" ] || tar xJf "$DEB"/curl_7.88.1-10_deb12u5/*.debian.tar.xz -C "$DEB/x/curl5"
  [ -d "$DEB/x/requests/debian" ] || tar xJf "$DEB"/requests/*.debian.tar.xz -C "$DEB/x/requests"
}
