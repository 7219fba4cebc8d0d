#!/bin/bash
# tb: regenerates the raw outputs of the test-type cases into /tmp/tb/out (run tb-setup.sh first).
# Each block copies the real package files to scratch, injects the fault named in the case's meta.json
# notes (sed / python edits shown here), and runs the real test runner. Timings and temp names differ run to run.
set -u
O=/tmp/tb/out; T=/tmp/tb/tools/node_modules/.bin; PY=/usr/bin/python3
export GOPATH=/tmp/tb/go GO111MODULE=off
fresh() { rm -rf "$1"; mkdir -p "$1"; }

# --- Python (Debian packages, Debian pytest 7.2.1 unless noted) ---
fresh /tmp/tb/py/toolz && cp -r /usr/lib/python3/dist-packages/toolz /tmp/tb/py/toolz/ && cd /tmp/tb/py/toolz
sed -i 's|yield prev\[:len(seq) % n\]|yield prev[:len(seq) // n]|; s|return tuple(heapq.nlargest(k, seq, key=key))|return tuple(heapq.nsmallest(k, seq, key=key))|' toolz/itertoolz.py
$PY -m pytest -q -p no:cacheprovider toolz/tests > $O/pytest-q-toolz.txt 2>&1
$PY -m pytest --doctest-modules -p no:cacheprovider toolz/itertoolz.py toolz/dicttoolz.py toolz/functoolz.py > $O/pytest-doctest-toolz.txt 2>&1

fresh /tmp/tb/py/nx && cp -r /usr/lib/python3/dist-packages/networkx /tmp/tb/py/nx/ && cd /tmp/tb/py/nx
sed -i 's/^def dag_longest_path_length(G, weight="weight", default_weight=1):/def dag_longest_path_length(G, weight="weight", default_weight=2):/' networkx/algorithms/dag.py
$PY -m pytest -v -p no:cacheprovider networkx/algorithms/tests/test_dag.py networkx/algorithms/tests/test_cycles.py \
  networkx/algorithms/tests/test_simple_paths.py networkx/algorithms/tests/test_clique.py networkx/algorithms/tests/test_cluster.py \
  networkx/algorithms/tests/test_matching.py networkx/algorithms/tests/test_core.py > $O/pytest-v-networkx.txt 2>&1
sed -i '854s/paths\[u\] = paths\[v\] + \[u\]/paths[u] = paths[v] + [v]/' networkx/algorithms/shortest_paths/weighted.py
$PY -m pytest --tb=long -p no:cacheprovider networkx/algorithms/shortest_paths > $O/pytest-tblong-networkx.txt 2>&1
fresh /tmp/tb/py/nx-clean && cd /tmp/tb/py/nx-clean
$PY -m pytest -q -rsx -p no:cacheprovider /usr/lib/python3/dist-packages/networkx/readwrite /usr/lib/python3/dist-packages/networkx/linalg > $O/pytest-q-rsx-pass-networkx.txt 2>&1

fresh /tmp/tb/py/bs4 && cp -r /usr/lib/python3/dist-packages/bs4 /tmp/tb/py/bs4/ && cd /tmp/tb/py/bs4
$PY - <<'PYEOF'
p='bs4/element.py'; s=open(p).read()
old="""            if strip:
                descendant = descendant.strip()
                if len(descendant) == 0:
                    continue
            yield descendant
    strings = property(_all_strings)
"""
assert s.count(old)==1; open(p,'w').write(s.replace(old, old.replace('descendant.strip()','descendant.lstrip()')))
PYEOF
$PY -m pytest -rA --tb=short -p no:cacheprovider bs4/tests > $O/pytest-rA-bs4.txt 2>&1

fresh /tmp/tb/py/pyflakes && cp -r /usr/lib/python3/dist-packages/pyflakes /tmp/tb/py/pyflakes/ && cd /tmp/tb/py/pyflakes
$PY -m unittest discover -v -s pyflakes/test -t . > $O/unittest-v-pyflakes.txt 2>&1

cd /tmp/tb/py && $PY -m pytest -rs --tb=short -p no:cacheprovider /usr/lib/python3/dist-packages/psutil/tests/test_linux.py \
  /usr/lib/python3/dist-packages/psutil/tests/test_system.py > $O/pytest-rs-psutil.txt 2>&1

fresh /tmp/tb/py/lazr && cp -r /usr/lib/python3/dist-packages/lazr /tmp/tb/py/lazr/ && cd /tmp/tb/py/lazr
sed -i 's|        return otherpath.startswith(basepath)|        return basepath.startswith(otherpath)|' lazr/uri/_uri.py
$PY -m unittest lazr.uri.tests.test_uri lazr.uri.tests.test_docs > $O/unittest-lazr-uri.txt 2>&1

fresh /tmp/tb/py/dill && cp -r /usr/lib/python3/dist-packages/dill /tmp/tb/py/dill/ && cd /tmp/tb/py/dill
python3 -m pytest --tb=line -p no:cacheprovider dill/tests > $O/pytest-tbline-dill.txt 2>&1   # pyenv Python 3.11.7, pytest 9.0.3

# Claude Code wrapper (defect input a): a real Bash tool_result through tb-claude-exit.mjs
fresh /tmp/tb/py/toolz-ce && cp -r /usr/lib/python3/dist-packages/toolz /tmp/tb/py/toolz-ce/ && cd /tmp/tb/py/toolz-ce
sed -i 's/partition_all/partition_every/g' toolz/itertoolz.py toolz/curried/__init__.py
node /work/main/bench/corpus/tools/tb-claude-exit.mjs /tmp/tb/py/toolz-ce $O/claude-exit2-pytest-toolz.txt python3 -m pytest -q toolz/tests

# --- Ruby (libruby3.1 bundled gems) ---
fresh /tmp/tb/rb && cp -r /usr/lib/ruby/gems/3.1.0/gems/minitest-5.15.0 /tmp/tb/rb/minitest && cp -r /usr/lib/ruby/gems/3.1.0/gems/rss-0.2.9 /tmp/tb/rb/rss
cd /tmp/tb/rb/minitest && sed -i '245s/assert delta >= n, msg/assert delta > n, msg/' lib/minitest/assertions.rb
ruby -Ilib -Itest -e 'Dir["test/minitest/test_*.rb"].sort.each { |f| require "./#{f}" }' -- --seed 4242 > $O/minitest-self.txt 2>&1
ruby -Ilib -Itest -e 'Dir["test/minitest/test_*.rb"].sort.each { |f| require "./#{f}" }' -- --verbose --seed 1717 > $O/minitest-verbose.txt 2>&1
cd /tmp/tb/rb/rss && sed -i '25s/usec = \$7.to_f \* 1000000 if \$7/usec = $7.to_f * 1000 if $7/' lib/rss/rss.rb
ruby -Ilib test/run-test.rb > $O/testunit-rss.txt 2>&1

# --- Go (Debian /usr/share/gocode in GOPATH mode, go 1.19) ---
G=/tmp/tb/go/src/github.com
cd $G/google/go-cmp && sed -i '70s/<= math.Max(a.marg, relMarg)/< math.Max(a.marg, relMarg)/' cmp/cmpopts/equate.go && go test -count=1 ./... > $O/gotest-gocmp.txt 2>&1
cd $G/spf13/pflag && sed -i '16s/\*i + 1/*i + 2/' count.go && go test -v -vet=off -count=1 . > $O/gotest-v-pflag.txt 2>&1
cd $G/BurntSushi/toml && sed -i '273s/if numHasLeadingZero(it.val) {/if false \&\& numHasLeadingZero(it.val) {/' parse.go && go test -json -count=1 -run 'TestToml/decode/invalid/integer' . > $O/gotest-json-toml.txt 2>&1
cd $G/stretchr/testify && sed -i '1330s|return math.Abs(af-bf) / math.Abs(af), nil|return math.Abs(af-bf) / math.Abs(bf), nil|' assert/assertions.go && go test -vet=off -count=1 ./... > $O/gotest-testify.txt 2>&1
cd $G/sirupsen/logrus && sed -i '64s/data := make(Fields, len(entry.Data)+4)/var data Fields/' json_formatter.go && go test -vet=off -count=1 . > $O/gotest-panic-logrus.txt 2>&1
cp /usr/share/gocode/src/github.com/sirupsen/logrus/json_formatter.go json_formatter.go && sed -i '287,288d' entry.go
go test -race -v -vet=off -count=1 -run 'TestEntry' . > $O/gotest-race-logrus.txt 2>&1
cd $G/spf13/cast && sed -i '1463s/for i := len(s); i > 0; i-- {/for i := len(s); i > 0; {/' caste.go && go test -vet=off -count=1 -timeout 10s . > $O/gotest-timeout-cast.txt 2>&1
cd $G/spf13/afero && sed -i '217s/bufflen := largestSlice \* 4/bufflen := largestSlice * 2/; 230s|copy(buff\[:\], buff\[halflen:\])|copy(buff[:], buff[halflen+1:])|' util.go && go test -vet=off -cover -count=1 ./... > $O/gotest-cover-afero.txt 2>&1
cd /tmp/tb/go/src/golang.org/x/text && go test -v -short -cover -count=1 ./message/... > $O/gotest-v-pass-xtext-message.txt 2>&1

# --- Rust (Debian crates, cargo/rustc 1.95 offline; RUST_BACKTRACE=1 was set in the environment) ---
export CARGO_HOME=/tmp/tb/cargo-home
fresh /tmp/tb/rs; cd /tmp/tb/rs
for c in semver-1.0.14 strsim-0.10.0 unicode-width-0.1.10 either-1.6.1 itoa-1.0.1; do cp -r /usr/share/cargo/registry/$c ${c%-*}; done
cd /tmp/tb/rs/semver && sed -i '129s/return ver.patch > patch;/return ver.patch >= patch;/; 122s/if ver.minor != minor {/if ver.minor < minor {/' src/eval.rs && cargo test > $O/cargo-test-semver.txt 2>&1
cd /tmp/tb/rs/strsim && sed -i '82s|let search_range = (max(a_len, b_len) / 2) - 1;|let search_range = (max(a_len, b_len) / 2) - 2;|' src/lib.rs && cargo test > $O/cargo-test-strsim.txt 2>&1
cd /tmp/tb/rs/unicode-width && cargo test > $O/cargo-test-pass-unicode-width.txt 2>&1
cd /tmp/tb/rs/either && sed -i '422s/Either::Left(l) => l,/Either::Left(_l) => other,/' src/lib.rs && cargo test -q > $O/cargo-test-q-either.txt 2>&1
cd /tmp/tb/rs/itoa && sed -i '165s/if n < 10 {/if n < 1 {/' src/lib.rs
node /work/main/bench/corpus/tools/tb-claude-exit.mjs /tmp/tb/rs/itoa $O/claude-exit101-cargo-itoa.txt env RUSTUP_HOME=/root/.rustup CARGO_HOME=/tmp/tb/cargo-home cargo test

# --- JavaScript / TypeScript (npm tarballs) ---
unpack() { fresh "$2"; tar xzf /tmp/tb/pack/$1 -C "$2" --strip-components=1; }
unpack zod-4.6.7.tgz /tmp/tb/js/zod && cd /tmp/tb/js/zod && mkdir -p node_modules && ln -sfn /tmp/tb/tools/node_modules/vitest node_modules/vitest && ln -sfn /tmp/tb/js/zod node_modules/zod
echo "export default { resolve: { conditions: ['@zod/source'] }, ssr: { resolve: { conditions: ['@zod/source'] } } };" > vitest.config.mjs
sed -i '622s/if (length >= def.minimum) return;/if (length > def.minimum) return;/' src/v4/core/checks.ts
$T/vitest run src/v4/classic/tests > $O/vitest-zod.txt 2>&1
sed -i '1415s/const tooBig = check.inclusive ? input.data > check.value : input.data >= check.value;/const tooBig = check.inclusive ? input.data >= check.value : input.data > check.value;/' src/v3/types.ts
$T/vitest run --reporter=verbose src/v3/tests > $O/vitest-verbose-zod-v3.txt 2>&1

# headroom itself (a copy beside a link to ../shared, as its tests expect)
fresh /tmp/tb/hrw && mkdir /tmp/tb/hrw/main && (cd /work/main && tar cf - --exclude=./node_modules --exclude=./bench --exclude=./.git .) | (cd /tmp/tb/hrw/main && tar xf -)
ln -sfn /work/main/node_modules /tmp/tb/hrw/main/node_modules && ln -sfn /work/shared /tmp/tb/hrw/shared && cd /tmp/tb/hrw/main
sed -i "s/const anthropic = { provider: 'anthropic' as const, cacheWrite: 1.25, cacheRead: 0.1 };/const anthropic = { provider: 'anthropic' as const, cacheWrite: 1.25, cacheRead: 0.01 };/" src/savings/pricing.ts
./node_modules/.bin/vitest run test/savings/replay.test.ts test/savings/agree.test.ts test/config test/learn > $O/vitest-headroom.txt 2>&1

unpack numeral-2.0.6.tgz /tmp/tb/js/numeral && cd /tmp/tb/js/numeral && npm install --no-audit --no-fund --no-save chai@3.5.0 >/dev/null 2>&1
sed -i '400s/if (optionals > maxDecimals - boundedPrecision) {/if (optionals >= maxDecimals - boundedPrecision) {/' numeral.js
$T/jest --ci --testMatch '**/tests/**/*.js' > $O/jest-numeral.txt 2>&1
$T/mocha 'tests/**/*.js' > $O/mocha-spec-numeral.txt 2>&1

unpack lunr-2.3.9.tgz /tmp/tb/js/lunr && cd /tmp/tb/js/lunr && mkdir -p node_modules && ln -sfn /tmp/tb/js/numeral/node_modules/chai node_modules/chai
sed -i "1339s|return s.replace(/^\\\\W+/, '').replace(/\\\\W+\$/, '')|return s.replace(/^\\\\W+/, '')|" lunr.js
$T/mocha --require test/test_helper.js --ui tdd --reporter dot test/*_test.js > $O/mocha-dot-lunr.txt 2>&1

unpack jsonpath-1.3.0.tgz /tmp/tb/js/jsonpath && cd /tmp/tb/js/jsonpath && ln -sfn /tmp/tb/js/deps-jp/node_modules node_modules
sed -i '22s/end = step > 0 ? Math.min(end, len) : Math.max(-1, end);/end = step > 0 ? Math.min(end, len - 1) : Math.max(-1, end);/' lib/slice.js
$T/mocha -u tdd --reporter tap test > $O/mocha-tap-jsonpath.txt 2>&1

unpack fast-json-stringify-7.3.11.tgz /tmp/tb/js/fjs && cd /tmp/tb/js/fjs && npm install --no-audit --no-fund --ignore-scripts >/dev/null 2>&1
sed -i '137s/} else if (num === Infinity || num === -Infinity) {/} else if (num === Infinity) {/' lib/serializer.js
node --test --test-reporter=spec test/*.test.js > $O/node-test-spec-fjs.txt 2>&1

unpack avvio-9.3.1.tgz /tmp/tb/js/avvio && cd /tmp/tb/js/avvio && npm install --no-audit --no-fund --omit=dev --ignore-scripts >/dev/null 2>&1
sed -i "s/return plugin.toString().split('\\\\n').slice(0, 2).map(s => s.trim()).join(' -- ')/return plugin.toString().split('\\\\n').slice(0, 1).map(s => s.trim()).join(' -- ')/" lib/get-plugin-name.js
node --test test/ > $O/node-test-tap-avvio.txt 2>&1

unpack find-my-way-9.10.2.tgz /tmp/tb/js/fmw && cd /tmp/tb/js/fmw && npm install --no-audit --no-fund --omit=dev --ignore-scripts >/dev/null 2>&1
sed -i "s/  \['%3D', '='\], \['%3d', '='\], \['%3F', '?'\], \['%3f', '?'\],/  ['%3D', '='], ['%3d', '='], ['%3F', '?'],/" lib/url-sanitizer.js
node --test --test-reporter=dot test/*.test.js > $O/node-test-dot-find-my-way.txt 2>&1

unpack qs-6.17.1.tgz /tmp/tb/js/qs && cd /tmp/tb/js/qs && ln -sfn /tmp/tb/js/deps-qs/node_modules node_modules
sed -i '279s/} else if (isValidArrayIndex \&\& index < options.arrayLimit) {/} else if (isValidArrayIndex \&\& index <= options.arrayLimit) {/' lib/parse.js
node_modules/.bin/tape 'test/**/*.js' > $O/tape-qs.txt 2>&1

unpack minimist-1.2.8.tgz /tmp/tb/js/minimist && cd /tmp/tb/js/minimist && ln -sfn /tmp/tb/js/deps-qs/node_modules node_modules
sed -i '16s|(e\[-+\]?\\d+)?\$/)|$/)|' index.js
prove --exec node test/*.js > $O/prove-exec-node-minimist.txt 2>&1

unpack chance-1.1.13.tgz /tmp/tb/js/chance && cd /tmp/tb/js/chance && mkdir -p node_modules && ln -sfn /tmp/tb/js/deps/node_modules/lodash node_modules/lodash && ln -sfn /tmp/tb/tools/node_modules/ava node_modules/ava
echo "export default { files: ['test/test.*.js'], nodeArguments: ['--experimental-detect-module'] };" > ava.config.mjs
$T/ava > $O/ava-chance.txt 2>&1

# --- C / C++ ---
fresh /tmp/tb/c/googletest && cp -r /usr/src/googletest/. /tmp/tb/c/googletest/ && cd /tmp/tb/c/googletest/googletest
sed -i 's|  if (n % 2 == 0) return n == 2;|  if (n % 2 == 0) return n <= 4;|' samples/sample1.cc
mkdir -p build && cd build && cmake -Dgtest_build_tests=ON -Dgtest_build_samples=ON .. > $O/cmake-configure-gtest.txt 2>&1 && make -j2 > $O/make-gtest.txt 2>&1
ctest > $O/ctest-googletest.txt 2>&1
./sample1_unittest > $O/gtest-sample1.txt 2>&1
sed -i '2135s/return (str_len >= suffix_len) \&\&/return (str_len > suffix_len) \&\&/' ../src/gtest.cc && make gtest_unittest >/dev/null 2>&1
./gtest_unittest > $O/gtest-unittest-one-failure.txt 2>&1

fresh /tmp/tb/c/expat && tar xzf /tmp/tb/pack/node-expat-2.4.1.tgz -C /tmp/tb/c/expat --strip-components=1 && cd /tmp/tb/c/expat/deps/libexpat
mkdir -p build && cd build && cmake -DBUILD_doc=OFF -DCMAKE_C_FLAGS="-Wall -Wextra" .. > $O/cmake-configure-expat.txt 2>&1
make -j2 > $O/make-wextra-expat.txt 2>&1
sed -i '2195s/return position.columnNumber;/return position.columnNumber + 1;/' ../lib/xmlparse.c && make -j2 >/dev/null 2>&1
ctest --output-on-failure > $O/ctest-expat.txt 2>&1
