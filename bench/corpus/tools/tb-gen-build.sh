#!/bin/bash
# tb: regenerates the raw outputs of the build-type cases into /tmp/tb/out (run tb-setup.sh and
# tb-gen-test.sh first: several builds reuse its scratch copies). Faults named in each case's notes are
# injected here; other cases run the real tool on unmodified package files.
set -u
O=/tmp/tb/out; T=/tmp/tb/tools/node_modules/.bin
export PATH=$T:$PATH GOPATH=/tmp/tb/go GO111MODULE=off CARGO_HOME=/tmp/tb/cargo-home
fresh() { rm -rf "$1"; mkdir -p "$1"; }
unpack() { fresh "$2"; tar xzf /tmp/tb/pack/$1 -C "$2" --strip-components=1; }

# --- package managers ---
fresh /tmp/tb/npm/etarget && cd /tmp/tb/npm/etarget && npm init -y >/dev/null && npm install --no-audit --no-fund express@4.99.0 > $O/npm-etarget-express.txt 2>&1
fresh /tmp/tb/npm/e404 && cd /tmp/tb/npm/e404 && npm init -y >/dev/null && npm install --no-audit --no-fund @tb-headroom/this-package-does-not-exist > $O/npm-e404.txt 2>&1
fresh /tmp/tb/npm/eresolve && cd /tmp/tb/npm/eresolve && npm init -y >/dev/null && npm install --no-audit --no-fund react@17.0.2 >/dev/null 2>&1
npm install --no-audit --no-fund react-dom@18.3.1 > $O/npm-eresolve-react.txt 2>&1
fresh /tmp/tb/npm/ci && cd /tmp/tb/npm/ci && npm init -y >/dev/null && npm install --no-audit --no-fund express@4.21.2 chalk@4.1.2 >/dev/null 2>&1
node -e 'const p=require("./package.json"); p.dependencies["commander"]="^12.1.0"; p.dependencies["chalk"]="^5.3.0"; require("fs").writeFileSync("package.json", JSON.stringify(p,null,2))'
rm -rf node_modules && npm ci --no-audit --no-fund > $O/npm-ci-lock-out-of-sync.txt 2>&1
fresh /tmp/tb/npm/pnpm && cd /tmp/tb/npm/pnpm && npm init -y >/dev/null && pnpm add express@4.21.2 axios@9.99.0 > $O/pnpm-no-matching-version.txt 2>&1
fresh /tmp/tb/npm/yarn && cd /tmp/tb/npm/yarn && npm init -y >/dev/null && yarn add --no-progress --verbose express@4.21.2 axios@9.99.0 > $O/yarn-couldnt-find-version.txt 2>&1
unpack numeral-2.0.6.tgz /tmp/tb/npm/numeral-install && cd /tmp/tb/npm/numeral-install && npm install --ignore-scripts >/dev/null 2>&1   # warms the cache
rm -rf node_modules package-lock.json && npm install --ignore-scripts --loglevel=http > $O/npm-install-loglevel-http-numeral.txt 2>&1
cd /tmp/tb && python3 -m pip install --isolated --no-cache-dir --index-url http://127.0.0.1:9/simple --retries 2 --timeout 3 'requests-toolbelt==1.0.0' > $O/pip-install-index-unreachable.txt 2>&1
unpack node-gyp-12.4.0.tgz /tmp/tb/py/nodegyp && cd /tmp/tb/py/nodegyp/gyp && python3 -m pip install --isolated --no-cache-dir --index-url http://127.0.0.1:9/simple --retries 0 --timeout 3 . > $O/pip-install-build-deps-gyp.txt 2>&1

# --- TypeScript / JavaScript ---
cd /tmp/tb/hrw/main   # headroom copy from tb-gen-test.sh (with its pricing fault)
sed -i "s/{ name: 'Claude Opus 4.5+', match: \/claude-opus-4-(\[5-9\]|\\\\d\\\\d)|claude-opus-\[5-9\]\/, input: 5,/{ name: 'Claude Opus 4.5+', match: \/claude-opus-4-([5-9]|\\\\d\\\\d)|claude-opus-[5-9]\/, input: '5',/" src/savings/pricing.ts
sed -i '75s/export function loadConfig(/export function loadConfiguration(/' src/config/index.ts
sed -i '60s/const { model, price } = priceFor(session.model, session.agent);/const { model, price } = priceFor(session.model);/' src/savings/replay.ts
./node_modules/.bin/tsc -p tsconfig.json --noEmit --pretty false > $O/tsc-noemit-headroom.txt 2>&1

cd /tmp/tb/js/zod   # zod copy from tb-gen-test.sh
cat > tsconfig.tb.json <<'JSON'
{ "compilerOptions": { "strict": true, "target": "es2022", "module": "nodenext", "moduleResolution": "nodenext", "skipLibCheck": true, "noEmit": true, "types": [] }, "files": ["src/index.ts", "src/mini/index.ts", "src/v3/index.ts"] }
JSON
sed -i '496s/export function esc(str: string): string {/export function escapeString(str: string): string {/; 327s/export function floatSafeRemainder(val: number, step: number): number {/export function floatSafeRemainder(val: number, step: number): string {/' src/v4/core/util.ts
tsc -p tsconfig.tb.json --pretty > $O/tsc-pretty-zod.txt 2>&1

unpack zod-4.6.7.tgz /tmp/tb/js/zod-clean && cd /tmp/tb/js/zod-clean && mkdir -p node_modules
ln -sfn /tmp/tb/tools/node_modules/vitest node_modules/vitest && ln -sfn /tmp/tb/js/zod-clean node_modules/zod && ln -sfn /tmp/tb/tools/node_modules/@babel node_modules/@babel
strictest() { printf '{ "compilerOptions": { "strict": true, "target": "es2022", "module": "nodenext", "moduleResolution": "nodenext", "skipLibCheck": true, "noEmit": true, "types": [], "exactOptionalPropertyTypes": true, "noUncheckedIndexedAccess": true, "noPropertyAccessFromIndexSignature": true, "noImplicitReturns": true, "noUnusedLocals": true, "noUnusedParameters": true }, "include": %s }\n' "$1" > tsconfig.tb.json; }
strictest '["src/v4/mini/**/*.ts", "src/v4/core/**/*.ts", "src/v3/**/*.ts"]' && tsc -p tsconfig.tb.json > $O/tsc-strictest-zod-many.txt 2>&1
strictest '["src/v4/classic/**/*.ts"]' && tsc -p tsconfig.tb.json > $O/tsc-strictest-zod-v4.txt 2>&1   # ends in a heap OOM after ~12 min
rollup v4/index.js v3/index.js mini/index.js --dir /tmp/tb/js/rollup-out --format es > $O/rollup-zod.txt 2>&1
babel src/v4/core --out-dir /tmp/tb/js/babel-out --extensions .ts --presets @babel/preset-env > $O/babel-ts-without-preset-zod.txt 2>&1

cd /tmp/tb/js/lunr && eslint --no-eslintrc -c /tmp/tb/eslintrc.json lunr.js > $O/eslint-stylish-lunr.txt 2>&1
cd /tmp/tb/js/chance && eslint --no-eslintrc -c /tmp/tb/eslintrc.json -f compact chance.js > $O/eslint-compact-chance.txt 2>&1
cd /tmp/tb/js/jsonpath && eslint --no-eslintrc -c /tmp/tb/eslintrc.json -f unix lib/*.js > $O/eslint-unix-jsonpath.txt 2>&1
cd /tmp/tb/js/avvio && prettier --check . > $O/prettier-check-avvio.txt 2>&1
yamllint .borp.yaml .github > $O/yamllint-avvio.txt 2>&1
unpack fast-json-stringify-7.3.11.tgz /tmp/tb/js/fjs-bundle && cd /tmp/tb/js/fjs-bundle && webpack --mode production --entry ./index.js -o /tmp/tb/js/fjs-bundle/dist > $O/webpack-module-not-found-fjs.txt 2>&1
unpack fastify-5.12.8.tgz /tmp/tb/js/fastify && cd /tmp/tb/js/fastify && esbuild fastify.js --bundle --platform=node --outfile=/tmp/tb/js/fastify-out.js > $O/esbuild-could-not-resolve-fastify.txt 2>&1

# --- C / C++ ---
cd /tmp/tb/c/expat/deps/libexpat   # expat copy and build dir from tb-gen-test.sh
sed -i '1453s/return curBase;/return currentBase;/; 1427s/handlerArg = userData = p;/handlerArg = userData = *p;/' lib/xmlparse.c
cd build && make > $O/make-gcc-errors-expat.txt 2>&1
unpack lmdb-3.5.6.tgz /tmp/tb/c/lmdb && cd /tmp/tb/c/lmdb/dependencies/lmdb/libraries/liblmdb
clang -Wall -Wextra -c mdb.c -o /tmp/tb/c/mdb.o > $O/clang-wextra-lmdb.txt 2>&1
cppcheck --enable=warning,style,performance,portability mdb.c midl.c mdb_load.c mdb_dump.c > $O/cppcheck-lmdb.txt 2>&1
cd /tmp/tb/c/googletest/googletest && sed -i '80s/EXPECT_EQ(0, strcmp(s.c_string(), kHelloString));/EXPECT_EQ(s, kHelloString);/' samples/sample2_unittest.cc
cd build && make sample2_unittest > $O/gxx-template-error-gtest.txt 2>&1

# --- Rust ---
cd /tmp/tb/rs && rm -rf semver-b either-c strsim-c fnv
cp -r /usr/share/cargo/registry/semver-1.0.14 semver-b && cp -r /usr/share/cargo/registry/either-1.6.1 either-c
cp -r /usr/share/cargo/registry/strsim-0.10.0 strsim-c && cp -r /usr/share/cargo/registry/fnv-1.0.7 fnv
cd /tmp/tb/rs/semver-b && sed -i '50s/if ver.minor != minor {/if ver.minor != cmp.minor {/' src/eval.rs && sed -i '432s/Version::from_str(text)/Version::from_string(text)/' src/lib.rs
cargo build > $O/cargo-build-errors-semver.txt 2>&1
cd /tmp/tb/rs/either-c && cargo clippy > $O/cargo-clippy-either.txt 2>&1
cd /tmp/tb/rs/strsim-c && cargo clippy -- -W clippy::pedantic > $O/cargo-clippy-pedantic-strsim.txt 2>&1
cd /tmp/tb/rs/fnv && sed -i '119s/hash = hash ^ (\*byte as u64);/hash = hash ^ byte;/; 123s/\*self = FnvHasher(hash);/*self = FnvHasher(hash, bytes.len());/' lib.rs
rustc --edition 2018 --crate-type lib lib.rs -o /tmp/tb/rs/libfnv.rlib > $O/rustc-errors-fnv.txt 2>&1

# --- Go ---
cd /tmp/tb/go/src/github.com/hashicorp/hcl && go vet ./... > $O/govet-hcl.txt 2>&1
cd /tmp/tb/go/src/github.com/pkg/sftp && go vet ./... > $O/govet-sftp.txt 2>&1
cd /tmp/tb/go/src/github.com/spf13/cobra
sed -i '618s/func stripFlags(args \[\]string, c \*Command) \[\]string {/func stripFlags(args []string, c *Command) ([]string, error) {/; 1557s/func (c \*Command) HasParent() bool {/func (c *Command) hasParent() bool {/' command.go
go build ./... > $O/go-build-errors-cobra.txt 2>&1

# --- Java ---
fresh /tmp/tb/java/rn && tar xzf /tmp/tb/pack/react-native-0.86.3.tgz -C /tmp/tb/java/rn --wildcards 'package/ReactAndroid/src/main/java/*' --strip-components=1
cd /tmp/tb/java/rn && javac -d /tmp/tb/java/rn-out $(find ReactAndroid -name "*.java" | sort) > $O/javac-react-native.txt 2>&1
fresh /tmp/tb/java/cordova && cd /tmp/tb/java/cordova && mkdir pkg && tar xzf /tmp/tb/pack/cordova-android-15.1.0.tgz -C pkg --strip-components=1
mkdir -p src/main && cp -r pkg/framework/src src/main/java
cat > pom.xml <<'XML'
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>org.apache.cordova</groupId>
  <artifactId>cordova-framework</artifactId>
  <version>15.1.0</version>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
  </properties>
  <build>
    <plugins>
      <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.11.0</version></plugin>
      <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
    </plugins>
  </build>
</project>
XML
mvn -o -B compile > $O/mvn-compile-cordova.txt 2>&1

# --- Python linters and type checkers (unmodified Debian package copies) ---
fresh /tmp/tb/py/lint && cd /tmp/tb/py/lint
for p in lazr toolz bs4 pyflakes; do cp -r /usr/lib/python3/dist-packages/$p .; done; find . -name __pycache__ -exec rm -rf {} +
mypy --strict --namespace-packages --explicit-package-bases lazr/uri > $O/mypy-strict-lazr-uri.txt 2>&1
mypy --strict --pretty bs4 > $O/mypy-strict-pretty-bs4.txt 2>&1
mypy toolz > $O/mypy-toolz.txt 2>&1
pyright toolz > $O/pyright-toolz.txt 2>&1
pylint pyflakes/checker.py pyflakes/api.py pyflakes/messages.py > $O/pylint-pyflakes.txt 2>&1
pylint bs4 > $O/pylint-bs4.txt 2>&1
flake8 /usr/lib/python3/dist-packages/networkx/algorithms/dag.py /usr/lib/python3/dist-packages/networkx/algorithms/cycles.py \
  /usr/lib/python3/dist-packages/networkx/algorithms/core.py > $O/flake8-networkx.txt 2>&1

# --- shell ---
cd /tmp/tb/tools/node_modules/ajv && shellcheck scripts/travis-gh-pages scripts/publish-built-version scripts/prepare-tests > $O/shellcheck-tty-ajv.txt 2>&1
cd /tmp/tb/js/numeral/node_modules/karma && shellcheck -f gcc scripts/karma-completion.sh scripts/validate-commit-msg.sh > $O/shellcheck-gcc-karma.txt 2>&1
