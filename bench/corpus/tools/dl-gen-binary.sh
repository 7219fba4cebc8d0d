#!/usr/bin/env bash
# Generates the dl binary cases: hex/octal dumps of real binaries, files shipped with embedded
# base64 blobs, and PEM certificate bundles. Needles by dl-needles.mjs (binary rule in its notes).
source "$(dirname "$0")/dl-lib.sh"
NPM=$SCRATCH/npm
HR=/work/main
for p in leaflet-1.9.4 video.js-8.12.0 hash-wasm-4.11.0 certifi-14.5.15; do
  [ -f $NPM/$p.tgz ] || (cd $NPM && npm pack "${p%-*}@${p##*-}" --silent >/dev/null)
  [ -d $NPM/$p ] || { mkdir -p $NPM/$p; tar xzf $NPM/$p.tgz -C $NPM/$p --strip-components=1; }
done
dv() { dpkg-query -W -f='${Version}' "$1"; }
RULE_DUMP="binary has no written rule in README; by its intent (say what the blob is and how big, keep its readable strings): the dump's first line (offset 0, the magic bytes), its last line (the final offset), and up to 8 dump lines, evenly spaced, whose text column holds a readable run of 6 or more letters or digits"

d=$(newcase binary xxd-usr-bin-true)
xxd /usr/bin/true > $d/input.txt
meta $d binary debian:coreutils 'xxd' "Debian package coreutils $(dv coreutils): /usr/bin/true (ELF x86-64 executable, 35664 bytes)" "xxd /usr/bin/true" "GPL-3+ (GNU coreutils)" "$RULE_DUMP"

d=$(newcase binary hexdump-C-leaflet-png)
(cd $NPM/leaflet-1.9.4 && hexdump -C dist/images/marker-icon-2x.png) > $d/input.txt
meta $d binary npm:leaflet 'hexdump -C' "npm leaflet@1.9.4: dist/images/marker-icon-2x.png (PNG, 2464 bytes)" "hexdump -C dist/images/marker-icon-2x.png" "BSD-2-Clause" "$RULE_DUMP"

PYC=/usr/lib/python3.11/__pycache__/__future__.cpython-311.pyc
d=$(newcase binary od-c-python-pyc)
od -c $PYC > $d/input.txt
meta $d binary debian:python3.11 'od -c' "Debian package libpython3.11-stdlib $(dv libpython3.11-stdlib): $PYC (byte-compiled Python, $(stat -c %s $PYC) bytes, compiled on this machine at install)" "od -c $PYC" "PSF-2.0 (CPython)" "$RULE_DUMP; for od -c the text is the run of single printable characters along a line"

W=$HR/node_modules/@vscode/tree-sitter-wasm
d=$(newcase binary od-x1z-tree-sitter-wasm)
(cd $W && od -A x -t x1z -v wasm/tree-sitter-ini.wasm) > $d/input.txt
meta $d binary npm:@vscode/tree-sitter-wasm 'od -A x -t x1z' "npm @vscode/tree-sitter-wasm@$(node -p "require('$W/package.json').version") as installed in headroom's node_modules: wasm/tree-sitter-ini.wasm (WebAssembly, 4716 bytes)" "od -A x -t x1z -v wasm/tree-sitter-ini.wasm" "MIT" "$RULE_DUMP"

d=$(newcase binary videojs-css-base64-font)
cp $NPM/video.js-8.12.0/dist/video-js.css $d/input.txt
meta $d binary npm:video.js 'CSS with a base64 data: URI' "npm video.js@8.12.0: dist/video-js.css as shipped (its icon font embedded as a base64 data: URI)" "" "$(npm_license $NPM/video.js-8.12.0)" "binary has no written rule in README; by its intent (the text around a blob matters, the blob's bytes do not): the media type prefix of each embedded blob (data:...;base64,), and up to 10 lines of the text outside the blobs that occur once in the file, evenly spaced, first and last included. A router may fairly call this file css/code; it is filed as binary because most of its bytes are one base64 blob"

d=$(newcase binary hash-wasm-md5-inline-wasm)
cp $NPM/hash-wasm-4.11.0/dist/md5.umd.min.js $d/input.txt
meta $d binary npm:hash-wasm 'minified JS with an inline base64 wasm module' "npm hash-wasm@4.11.0: dist/md5.umd.min.js as shipped (a WebAssembly module inlined as a base64 string)" "" "$(npm_license $NPM/hash-wasm-4.11.0)" "binary has no written rule in README; by its intent: the licence header lines, and up to 10 statements of the code outside the base64 string (split at ;), 12 to 80 characters, evenly spaced. Filed as binary because most of its bytes are the base64 string"

d=$(newcase binary certifi-cacert-pem-head)
(cd $NPM/certifi-14.5.15 && head -n 3800 cacert.pem) > $d/input.txt
meta $d binary npm:certifi 'head -n (PEM bundle with labels)' "npm certifi@14.5.15: cacert.pem (Mozilla CA bundle with # Issuer/# Label comments)" "head -n 3800 cacert.pem" "MPL-2.0" "the whole file is 315 KB, over the 300 KB limit, so the case is what head -n 3800 printed. binary has no written rule in README; by its intent: the # Label: lines of the first, the last and evenly spaced certificates, up to 12"

d=$(newcase binary ca-certificates-bundle-pem)
cp /etc/ssl/certs/ca-certificates.crt $d/input.txt
meta $d binary debian:ca-certificates 'PEM bundle' "Debian package ca-certificates $(dv ca-certificates): /etc/ssl/certs/ca-certificates.crt as update-ca-certificates wrote it on this machine from the package's certificates" "" "MPL-2.0 (Mozilla CA list)" "binary has no written rule in README; by its intent (which certificates the bundle holds, with no labels printed): the first base64 line after the BEGIN marker of the first, the last and evenly spaced certificates, up to 12"
echo done
