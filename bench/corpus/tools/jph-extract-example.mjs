#!/usr/bin/env node
// Writes out one example value shipped inside a JSON file of an npm package, exactly as
// JSON.stringify(value, null, 2) prints it (the form an API or a tool returns it in).
//   node jph-extract-example.mjs openapi <api.github.com.json> <example-name>   components.examples[name].value
//   node jph-extract-example.mjs webhook <index.json> <event-name> <n>          examples[n] of that event
import fs from 'node:fs';
const [kind, file, name, n] = process.argv.slice(2);
const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
let value;
if (kind === 'openapi') value = doc.components.examples[name].value;
else if (kind === 'webhook') value = doc.find((e) => e.name === name).examples[Number(n ?? 0)];
else throw new Error(`unknown kind ${kind}`);
process.stdout.write(JSON.stringify(value, null, 2));
