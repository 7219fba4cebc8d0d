// A separate process using the compiled SQLite store, so tests can check what
// several real processes sharing one file do (locking, WAL, file modes).
//
//   node store-worker.mjs stress <file> <worker> <workers> <count> <corpus-file>
//     puts <count> entries, reading each back; prints "PUT-DONE"; then waits
//     for a line on stdin and reads every worker's entries, printing a JSON summary.
//   node store-worker.mjs readonly <file> <known-id>
//     tries a put and a get, printing a JSON summary (run against a read-only file).
//
// Contents never appear in the output, only counts and error names.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { openSqliteStore } = await import(path.join(repo, 'dist/memory/sqlite-store.js'));
const { contentId } = await import(path.join(repo, 'dist/memory/id.js'));

const meta = { type: 'log', compressor: 'worker', tool: 'test', tokensBefore: 10, tokensAfter: 1 };
const options = { ttlDays: 30, maxBytes: 512 * 1024 * 1024 };

/** The same bytes in every process for (worker, index): any process can check any entry. */
function entry(corpus, worker, index) {
  const size = 1000 + ((worker * 7919 + index * 104729) % 8000);
  const offset = (worker * 31 + index * 977) % Math.max(1, corpus.length - size);
  return Buffer.concat([Buffer.from(`worker ${worker} entry ${index}\n`), corpus.subarray(offset, offset + size)]);
}

const [mode, file, ...rest] = process.argv.slice(2);

if (mode === 'stress') {
  const [worker, workers, count] = rest.slice(0, 3).map(Number);
  const corpus = fs.readFileSync(rest[3]);
  const store = openSqliteStore(file, options);
  let mismatches = 0;
  for (let i = 0; i < count; i++) {
    const bytes = entry(corpus, worker, i);
    await store.put(contentId(bytes), bytes, meta);
    await store.recordCompression({ ...meta, id: contentId(bytes), at: Date.now() });
    const back = await store.get(contentId(bytes));
    if (!back || !Buffer.from(back).equals(bytes)) mismatches++;
  }
  process.stdout.write('PUT-DONE\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  let found = 0;
  for (let w = 0; w < workers; w++) {
    for (let i = 0; i < count; i++) {
      const bytes = entry(corpus, w, i);
      const back = await store.get(contentId(bytes));
      const same = back && createHash('sha256').update(back).digest('hex') === createHash('sha256').update(bytes).digest('hex');
      if (same) found++;
      else mismatches++;
    }
  }
  await store.close();
  process.stdout.write(`${JSON.stringify({ found, mismatches })}\n`);
  process.exit(0); // stdin stays open: leave explicitly
} else if (mode === 'readonly') {
  const result = {};
  try {
    const store = openSqliteStore(file, options);
    const bytes = Buffer.from('a put into a read-only store\n');
    try {
      await store.put(contentId(bytes), bytes, meta);
      result.put = 'ok';
    } catch (err) {
      result.put = err.name;
      result.message = err.message;
    }
    result.get = (await store.get(rest[0])) ? 'found' : 'missing';
    await store.close();
  } catch (err) {
    result.open = err.name;
    result.message = err.message;
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  process.stderr.write(`unknown mode ${mode}\n`);
  process.exitCode = 2;
}
