// The speed targets, in a process of their own: compression runs in the
// proxy's worker threads, whose heaps hold headroom and the request at hand,
// not the corpora, results and exact tokenizer that bench.mjs keeps (with
// those, every major GC marks 80+ MB). Each measure is timed after untimed
// calls, so the figures are the steady state a long-running proxy serves;
// the first call is timed by cold.mjs, in fresh processes on the same inputs.
// Prints one JSON object of times in ms.
//
//   node scripts/bench/speed.mjs SHARED_ROOT WIDE_ROOT [--quick]
import { compress, makeProbe, route, COMPRESSORS } from '../../dist/index.js';
import { readCorpus } from './cases.mjs';
import { percentile, sized, timeAsync, timeSync } from './timing.mjs';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [sharedRoot, wideRoot] = process.argv.slice(2);
const quick = process.argv.includes('--quick');
// The first ~15 calls on the 115 KB JSON run while the JIT is still compiling
// (10-80 ms each); with them in, a p50 of 40 calls was the p70 of warm ones.
const WARMUP = quick ? 2 : 25;

// The 100 KB log is the HDFS log repeated to size; the largest JSON case (~115 KB)
// is a whole document, since a cut one is not JSON.
const LOG = ['logs/loghub-hdfs', 100 * 1024];
const JSON_DOC = ['json/octokit-paginate-issues'];
const file = (rel) => path.join(sharedRoot, rel, 'input.txt');
const read = ([rel, bytes]) => {
  const text = fs.readFileSync(file(rel), 'utf8');
  return bytes ? sized(text, bytes) : text;
};

// First calls, each in a fresh process (the median of several).
const coldChild = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cold.mjs');
const cold = ([rel, bytes]) =>
  percentile(
    Array.from({ length: quick ? 1 : 5 }, () => Number(execFileSync(process.execPath, [coldChild, file(rel), ...(bytes ? [String(bytes)] : [])], { encoding: 'utf8' }))),
    50,
  );
const coldTimes = { log: cold(LOG), json: cold(JSON_DOC) };

const samples = [...readCorpus('shared', sharedRoot), ...readCorpus('wide', wideRoot)].map((k) => sized(k.inputBytes.toString('utf8'), 10 * 1024));
const routeOnce = (s) => route(makeProbe(s), COMPRESSORS, COMPRESSORS[COMPRESSORS.length - 1]);
for (let i = 0; i < WARMUP; i++) for (const s of samples) routeOnce(s);
const routeTimes = [];
for (const s of samples) routeTimes.push(...timeSync(() => routeOnce(s), 20));
const log = read(LOG);
const json = read(JSON_DOC);
const logTimes = await timeAsync(() => compress(log, { tokens: 'estimate' }), 40, WARMUP);
const jsonTimes = await timeAsync(() => compress(json, { tokens: 'estimate' }), 40, WARMUP);
process.stdout.write(JSON.stringify({ warmup: WARMUP, routeKinds: samples.length, route: routeTimes, log: logTimes, json: jsonTimes, jsonKb: json.length / 1024, cold: coldTimes }));
