#!/usr/bin/env bash
# More json cases: data files shipped in npm and Debian packages, eslint and webpack reports.
# Needs: cmake-data and proj-data (Debian); eslint, webpack from npm in a scratch folder
source "$(dirname "$0")/jph-lib.sh"
R=$S/run

TS=$(pk typescript@5.9.3)
mk json typescript-diagnostic-messages-zh-cn $TS/lib/zh-cn/diagnosticMessages.generated.json project=npm:typescript \
  format="JSON map of message ids to strings (localisation)" source="typescript@5.9.3 lib/zh-cn/diagnosticMessages.generated.json" license=Apache-2.0
ML=$(pk markdownlint@0.38.0)
mk json markdownlint-config-schema $ML/schema/markdownlint-config-schema.json project=npm:markdownlint format="JSON Schema (draft-07)" \
  source="markdownlint@0.38.0 schema/markdownlint-config-schema.json" license=MIT
SP=$(pk spdx-license-list@6.12.0)
mk json spdx-license-list-spdx $SP/spdx.json project=npm:spdx-license-list format="JSON map of named entries (pretty-printed)" \
  source="spdx-license-list@6.12.0 spdx.json" license="CC0-1.0 (SPDX data); package MIT"
EB=$(pk emojibase-data@17.0.0)
mk json emojibase-shortcodes-github $EB/en/shortcodes/github.json project=npm:emojibase-data format="JSON map (minified, one line)" \
  source="emojibase-data@17.0.0 en/shortcodes/github.json" license=MIT
mk json emojibase-messages-en $EB/en/messages.json project=npm:emojibase-data format="JSON document (minified, one line)" \
  source="emojibase-data@17.0.0 en/messages.json" license=MIT

mk json cmake-msbuild-flagtable-v142-cl /usr/share/cmake-3.25/Templates/MSBuild/FlagTables/v142_CL.json project=debian:cmake-data \
  format="JSON array of records (pretty-printed)" source="cmake-data 3.25.1-1 /usr/share/cmake-3.25/Templates/MSBuild/FlagTables/v142_CL.json" license=BSD-3-Clause
mk json proj-projjson-schema /usr/share/proj/projjson.schema.json project=debian:proj-data format="JSON Schema (draft-07)" \
  source="proj-data 9.1.1-1 /usr/share/proj/projjson.schema.json" license=MIT

# eslint's JSON report on axios's sources (eslint 9 recommended rules, a flat config written for the run)
X=$R/tools; mkdir -p $X
if [ ! -d $X/node_modules/eslint ]; then (cd $X && npm init -y >/dev/null && npm install --no-audit --no-fund eslint@9.39.5 @eslint/js@9.39.5 globals webpack@5.113.0 webpack-cli@6 >/dev/null 2>&1); fi
cat > $X/eslint.config.mjs <<'CFG'
import js from "@eslint/js";
import globals from "globals";
export default [
  js.configs.recommended,
  { languageOptions: { ecmaVersion: "latest", sourceType: "module", globals: { ...globals.node, ...globals.browser } } },
];
CFG
rm -rf $X/axios && mkdir $X/axios && (cd $X/axios && npm pack axios@1.13.2 --silent >/dev/null && tar xzf axios-1.13.2.tgz --strip-components=1 && rm axios-1.13.2.tgz)
(cd $X && npx eslint -f json axios/lib > $S/in/eslint-axios.json 2>/dev/null || true)
(cd $X && npx eslint --print-config axios/lib/axios.js > $S/in/eslint-print-config.json 2>/dev/null)
mk json eslint-print-config-axios $S/in/eslint-print-config.json project=npm:eslint format="eslint --print-config" \
  source="eslint 9.39.5 resolving the flat config above (@eslint/js recommended, globals node+browser) for axios@1.13.2 lib/axios.js" \
  command="npx eslint --print-config axios/lib/axios.js" license="MIT (eslint, @eslint/js, globals)"
mk json eslint-json-axios-lib $S/in/eslint-axios.json project=npm:axios format="eslint -f json" \
  source="eslint 9.39.5 with @eslint/js recommended rules (config: export default [js.configs.recommended, {languageOptions: {ecmaVersion: 'latest', sourceType: 'module', globals: node+browser}}]) on axios@1.13.2 lib/" \
  command="npx eslint -f json axios/lib (exit status 1)" license="MIT (axios sources embedded in the report)"

# webpack's stats JSON for a production bundle of semver
[ -d $X/node_modules/semver ] || (cd $X && npm install --no-audit --no-fund semver@7.7.3 >/dev/null 2>&1)
(cd $X && npx webpack --mode production --target node --entry ./node_modules/semver/index.js -o $X/dist --json 2>/dev/null > $S/in/webpack-stats-semver.json)
mk json webpack-stats-semver $S/in/webpack-stats-semver.json project=npm:semver format="webpack --json (stats, one line)" \
  source="webpack 5.113.0 / webpack-cli 6 bundling semver@7.7.3 (npm install semver@7.7.3) index.js" \
  command="npx webpack --mode production --target node --entry ./node_modules/semver/index.js -o dist --json" license="ISC (semver); stats printed by webpack"
