// Timing helpers the benchmarks share.

/** The p-th percentile (0-100) of a list of numbers. */
export function percentile(values, p) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

/** Milliseconds of each of `reps` calls of fn, after `warmup` untimed ones. */
export async function timeAsync(fn, reps, warmup = 0) {
  for (let i = 0; i < warmup; i++) await fn();
  const times = [];
  for (let i = 0; i < reps; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return times;
}

/** The same for a synchronous fn, with no await between calls (routing takes a tenth of a millisecond). */
export function timeSync(fn, reps) {
  const times = [];
  for (let i = 0; i < reps; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return times;
}

/** A real input repeated to a size: whole copies joined by newlines, cut at a line end. */
export function sized(text, bytes) {
  let s = text;
  while (s.length < bytes) s += `\n${text}`;
  const cut = s.lastIndexOf('\n', bytes);
  return s.slice(0, cut > 0 ? cut : bytes);
}
