#!/bin/bash
# tb: the tools and sources the tb cases (test/ and build/ types) were generated from.
# Everything comes from Debian's archive, the npm registry, or this machine. Scratch lives in /tmp/tb.
# Run once before tb-gen-test.sh and tb-gen-build.sh; then `node tb-build.mjs` writes the cases.
set -u
mkdir -p /tmp/tb/out /tmp/tb/pack /tmp/tb/py /tmp/tb/rb /tmp/tb/js /tmp/tb/c /tmp/tb/rs /tmp/tb/java /tmp/tb/npm /tmp/tb/sh

# Debian packages (bookworm)
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
  golang ruby-rspec ruby-minitest rake phpunit bats shellcheck pylint flake8 mypy clang cppcheck yamllint \
  python3-pytest python3-toolz python3-networkx python3-more-itertools python3-sortedcontainers python3-tomlkit \
  python3-hypothesis python3-parso python3-dateutil python3-sqlparse python3-markdown python3-yaml python3-pyparsing \
  golang-github-google-go-cmp-dev golang-github-stretchr-testify-dev golang-github-spf13-pflag-dev \
  golang-github-burntsushi-toml-dev golang-github-pkg-errors-dev golang-github-mattn-go-runewidth-dev \
  golang-github-sirupsen-logrus-dev golang-github-gorilla-mux-dev golang-github-spf13-cobra-dev golang-golang-x-text-dev \
  golang-github-frankban-quicktest-dev \
  librust-semver-dev librust-itoa-dev librust-hex-dev librust-unicode-width-dev librust-strsim-dev librust-either-dev \
  librust-smallvec-dev librust-bitflags-dev librust-base64-dev librust-serde-json-dev librust-fnv-dev librust-byteorder-dev \
  googletest bats-assert bats-support
# (python3-bs4, python3-pyflakes, python3-psutil, python3-lazr.uri, python3-dill, libruby3.1, golang-github-spf13-*-dev,
#  golang-github-hashicorp-hcl-dev, golang-github-pkg-sftp-dev, golang-github-pelletier-go-toml-dev came as dependencies
#  or were already on the machine.)

# npm tools
mkdir -p /tmp/tb/tools && cd /tmp/tb/tools && npm init -y >/dev/null
npm install --no-audit --no-fund typescript@5 eslint@8 prettier@3 webpack@5 webpack-cli@5 esbuild rollup@4 vite@5 \
  @babel/core @babel/cli @babel/preset-env @babel/preset-typescript @babel/preset-react jest@29 vitest@2 mocha@10 ava@6 \
  tape@5 pyright pnpm@9 yarn@1

# npm package tarballs whose shipped files are the code under test / build
cd /tmp/tb/pack
for p in zod@4.6.7 qs@6.17.1 minimist@1.2.8 jsonpath@1.3.0 numeral@2.0.6 lunr@2.3.9 chance@1.1.13 \
  fast-json-stringify@7.3.11 avvio@9.3.1 find-my-way@9.10.2 fastify@5.12.8 node-expat@2.4.1 lmdb@3.5.6 \
  cordova-android@15.1.0 react-native@0.86.3 node-gyp@12.4.0; do npm pack "$p" >/dev/null 2>&1; done

# Go: Debian's /usr/share/gocode as a GOPATH (GO111MODULE=off)
mkdir -p /tmp/tb/go && cp -rn /usr/share/gocode/src /tmp/tb/go/

# Rust: Debian's crate registry as an offline source replacement
mkdir -p /tmp/tb/cargo-home && cat > /tmp/tb/cargo-home/config.toml <<'TOML'
[source.crates-io]
replace-with = "debian"
[source.debian]
directory = "/usr/share/cargo/registry"
[net]
offline = true
TOML

# dependency folders for npm packages' tests
mkdir -p /tmp/tb/js/deps /tmp/tb/js/deps-jp /tmp/tb/js/deps-qs
(cd /tmp/tb/js/deps && npm init -y >/dev/null && npm install --no-audit --no-fund lodash@4)
(cd /tmp/tb/js/deps-jp && npm init -y >/dev/null && npm install --no-audit --no-fund esprima@1.2.5 static-eval@2.1.1 underscore@1.13.6)
(cd /tmp/tb/js/deps-qs && npm init -y >/dev/null && npm install --no-audit --no-fund --ignore-scripts side-channel tape@5 \
  es-value-fixtures for-each has-bigints has-override-mistake has-property-descriptors has-proto has-symbols iconv-lite@0.5 \
  mock-property object-inspect qs-iconv safer-buffer)

# ESLint config used by the eslint cases
cat > /tmp/tb/eslintrc.json <<'JSON'
{ "root": true, "extends": "eslint:recommended", "env": { "browser": true, "node": true, "es2017": true, "amd": true }, "parserOptions": { "ecmaVersion": 2020, "sourceType": "script" }, "rules": { "eqeqeq": "warn", "no-var": "warn", "prefer-const": "warn", "curly": "warn" } }
JSON
