// The speed targets, in a process of their own: compression runs in the
// proxy's worker threads, whose heaps hold headroom and the request at hand,
// not the corpora, results and exact tokenizer that bench.mjs keeps (with
// those, every major GC marks 80+ MB). Each measure is timed after untimed
// calls, so the figures are the steady state a long-running proxy serves;
// cold.mjs measures the first call. Prints one JSON object of times in ms.
//
//   node scripts/bench/speed.mjs SHARED_ROOT WIDE_ROOT [--quick]
import { compress, makeProbe, route, COMPRESSORS } from '../../dist/index.js';
import { readCorpus } from './cases.mjs';
import { sized, timeAsync, timeSync } from './timing.mjs';
import fs from 'node:fs';
import path from 'node:path';

const [sharedRoot, wideRoot] = process.argv.slice(2);
const quick = process.argv.includes('--quick');
// The first ~15 calls on the 115 KB JSON run while the JIT is still compiling
// (10-80 ms each); with them in, a p50 of 40 calls was the p70 of warm ones.
const WARMUP = quick ? 2 : 25;

const read = (rel) => fs.readFileSync(path.join(sharedRoot, rel, 'input.txt'), 'utf8');
const samples = [...readCorpus('shared', sharedRoot), ...readCorpus('wide', wideRoot)].map((k) => sized(k.inputBytes.toString('utf8'), 10 * 1024));
const routeOnce = (s) => route(makeProbe(s), COMPRESSORS, COMPRESSORS[COMPRESSORS.length - 1]);
for (let i = 0; i < WARMUP; i++) for (const s of samples) routeOnce(s);
const routeTimes = [];
for (const s of samples) routeTimes.push(...timeSync(() => routeOnce(s), 20));
const log = sized(read('logs/loghub-hdfs'), 100 * 1024);
// The largest JSON case (~115 KB): a whole document, since a cut one is not JSON.
const json = read('json/octokit-paginate-issues');
const logTimes = await timeAsync(() => compress(log, { tokens: 'estimate' }), 40, WARMUP);
const jsonTimes = await timeAsync(() => compress(json, { tokens: 'estimate' }), 40, WARMUP);
process.stdout.write(JSON.stringify({ warmup: WARMUP, routeKinds: samples.length, route: routeTimes, log: logTimes, json: jsonTimes, jsonKb: json.length / 1024 }));
