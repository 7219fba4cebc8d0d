#!/usr/bin/env bash
# json cases that are files shipped in npm packages (or values extracted from them exactly).
source "$(dirname "$0")/jph-lib.sh"

F=$(pk @octokit/fixtures@23.1.2)/scenarios/api.github.com
for sc in create-status:raw git-refs:normalized rename-repository:raw lock-issue:raw; do
  n=${sc%%:*}; k=${sc#*:}
  mk json octokit-fixture-$n-$k $F/$n/$k-fixture.json project=npm:@octokit/fixtures \
    format="recorded HTTP exchanges (nock fixture, pretty-printed)" \
    source="@octokit/fixtures@23.1.2 scenarios/api.github.com/$n/$k-fixture.json" license=MIT
done

O=$(pk @octokit/openapi@23.0.2)/generated/api.github.com.json
for e in code-scanning-organization-alert-items dependabot-alerts-for-organization pull-request-simple-items; do
  node $T/jph-extract-example.mjs openapi $O $e > $S/in/openapi-$e.json
  mk json github-api-$e $S/in/openapi-$e.json project=npm:@octokit/openapi \
    format="GitHub REST API response (JSON.stringify 2 spaces)" \
    source="@octokit/openapi@23.0.2 generated/api.github.com.json components.examples[\"$e\"].value" \
    command="node tools/jph-extract-example.mjs openapi generated/api.github.com.json $e" license=MIT \
    notes="the example response shipped in GitHub's OpenAPI description, written out exactly as JSON.stringify(value, null, 2), the way the API returns it pretty-printed"
done

W=$(pk @octokit/webhooks-examples@7.6.1)/api.github.com/index.json
for e in workflow_job:1 pull_request:0; do
  n=${e%%:*}; i=${e#*:}
  node $T/jph-extract-example.mjs webhook $W $n $i > $S/in/webhook-$n-$i.json
  mk json github-webhook-${n//_/-}-$i $S/in/webhook-$n-$i.json project=npm:@octokit/webhooks-examples \
    format="GitHub webhook payload (JSON.stringify 2 spaces)" \
    source="@octokit/webhooks-examples@7.6.1 api.github.com/index.json, event $n, examples[$i]" \
    command="node tools/jph-extract-example.mjs webhook api.github.com/index.json $n $i" license=MIT \
    notes="one example payload shipped in the package, written out exactly as JSON.stringify(value, null, 2)"
done

M=$(pk mime-db@1.54.0)
mk json mime-db-db $M/db.json project=npm:mime-db format="JSON map of named entries (pretty-printed)" \
  source="mime-db@1.54.0 db.json" license=MIT

WA=$(pk world-atlas@2.0.2)
mk json world-atlas-countries-110m-topojson $WA/countries-110m.json project=npm:world-atlas format="TopoJSON (minified, one line)" \
  source="world-atlas@2.0.2 countries-110m.json" license=ISC \
  notes="geometry from Natural Earth (public domain); package licence ISC"
UA=$(pk us-atlas@3.0.1)
mk json us-atlas-states-albers-10m-topojson $UA/states-albers-10m.json project=npm:us-atlas format="TopoJSON (minified, one line)" \
  source="us-atlas@3.0.1 states-albers-10m.json" license=ISC \
  notes="geometry from the U.S. Census Bureau (public domain); package licence ISC"

MD=$(pk mdn-data@2.37.2)
mk json mdn-data-css-at-rules $MD/css/at-rules.json project=npm:mdn-data format="JSON map of named entries (pretty-printed)" \
  source="mdn-data@2.37.2 css/at-rules.json" license=CC0-1.0
