#!/usr/bin/env bash
# json cases made by running npm's own commands on real packages (scratch folders under /tmp/jph/run).
source "$(dirname "$0")/jph-lib.sh"
R=$S/run
# unpack NAME@VER into $R/<dir>/package and install its dependencies there (no scripts)
inst() {
  local spec=$1 d=$R/$2
  if [ ! -d $d/package/node_modules ]; then
    rm -rf $d && mkdir -p $d && (cd $d && npm pack "$spec" --silent >/dev/null && tar xzf ./*.tgz && cd package && npm install --ignore-scripts --no-audit --no-fund >/dev/null 2>&1)
  fi
  echo $d/package
}
NOTE_INST="dependencies installed with: npm install --ignore-scripts --no-audit --no-fund (npm 11.19.1, node 20.20.2) in the unpacked package"

E=$(inst express@5.3.0 express)
cp $E/package-lock.json $S/in/express-package-lock.json
mk json express-5-package-lock $S/in/express-package-lock.json project=npm:express format="package-lock.json v3" \
  source="express@5.3.0 (its package.json), lock written by npm 11.19.1" command="npm install --ignore-scripts --no-audit --no-fund" \
  license="MIT (express's manifest); the lock lists the installed packages' names, versions and licences" notes="$NOTE_INST"
(cd $E && npm query ':root > .prod' > $S/in/express-query-prod.json)
mk json express-5-npm-query-prod $S/in/express-query-prod.json project=npm:express format="npm query" \
  source="express@5.3.0 with its dependencies installed" command="npm query ':root > .prod'" \
  license="MIT (express); output of npm run on its installed dependency tree" notes="$NOTE_INST"

K=$(inst koa@2.15.3 koa)
(cd $K && npm ls --all --json > $S/in/koa-npm-ls.json)
mk json koa-npm-ls-all $S/in/koa-npm-ls.json project=npm:koa format="npm ls --all --json" \
  source="koa@2.15.3 with its dependencies installed" command="npm ls --all --json" \
  license="MIT (koa); output of npm run on its installed dependency tree" notes="$NOTE_INST"
K7=$(inst koa@2.7.0 koa27)
(cd $K7 && npm outdated --json > $S/in/koa27-outdated.json || true)
mk json koa-2.7-npm-outdated $S/in/koa27-outdated.json project=npm:koa format="npm outdated --json" \
  source="koa@2.7.0 with its dependencies installed" command="npm outdated --json (exit status 1: outdated packages found)" \
  license="MIT (koa); output of npm run on its installed dependency tree" notes="$NOTE_INST; the location fields carry the scratch path /tmp/jph/run/koa27/package"

npm view webpack --json > $S/in/npm-view-webpack.json
mk json npm-view-webpack $S/in/npm-view-webpack.json project=npm:webpack format="npm view --json" \
  source="registry metadata of webpack as served by the npm registry (latest 5.x)" command="npm view webpack --json" license=MIT
npm view axios --json > $S/in/npm-view-axios.json
mk json npm-view-axios $S/in/npm-view-axios.json project=npm:axios format="npm view --json" \
  source="registry metadata of axios as served by the npm registry" command="npm view axios --json" license=MIT

L=$R/lodash/package
[ -d $L ] || (mkdir -p $R/lodash && cd $R/lodash && npm pack lodash@4.17.21 --silent >/dev/null && tar xzf lodash-4.17.21.tgz)
(cd $L && npm pack --dry-run --json 2>/dev/null > $S/in/lodash-pack-dry-run.json)
mk json lodash-npm-pack-dry-run $S/in/lodash-pack-dry-run.json project=npm:lodash format="npm pack --dry-run --json" \
  source="lodash@4.17.21 unpacked" command="npm pack --dry-run --json (stderr dropped)" license=MIT
