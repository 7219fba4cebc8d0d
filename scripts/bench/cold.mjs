// One cold compression: a fresh process imports headroom and times its first
// call on one input (argv[2], a file), before the JIT has seen any of the code.
// speed.mjs runs it in several fresh processes, on the inputs it times warm.
//
//   node scripts/bench/cold.mjs FILE [BYTES]   (BYTES: repeat the input to that size)
import fs from 'node:fs';
import { compress } from '../../dist/index.js';
import { sized } from './timing.mjs';

const [file, bytes] = process.argv.slice(2);
const whole = fs.readFileSync(file, 'utf8');
const text = bytes ? sized(whole, Number(bytes)) : whole;
const t0 = process.hrtime.bigint();
await compress(text, { tokens: 'estimate' });
process.stdout.write(`${Number(process.hrtime.bigint() - t0) / 1e6}\n`);
