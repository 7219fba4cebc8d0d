// tb helper: picks needles for test/build cases by README's written rules, from per-case regexes
// (tb-cases-*.mjs). Every pick is a line of input.txt with its indentation trimmed (trailing blanks
// and CR dropped) or, for a line with ANSI colour codes, its longest colour-free run.
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07/g;
const hasAnsi = (l) => /\x1b[\[\]]/.test(l);
export const plain = (l) => l.replace(ANSI, '');

/** The colour-free runs of a line that are 8 characters or longer, trimmed. */
export const runs = (line) => line.replace(/\r$/, '').split(ANSI).map((s) => s.trim()).filter((s) => s.length >= 8);

export function clean(line) {
  let l = line.replace(/\r$/, '');
  if (hasAnsi(l)) l = l.split(ANSI).map((s) => s.trim()).reduce((a, b) => (b.length > a.length ? b : a), '');
  return l.replace(/^\s+/, '').replace(/\s+$/, '');
}

/** Evenly spaced pick of n items, always the first and the last. */
export function spaced(items, n) {
  if (items.length <= n) return items;
  if (n <= 0) return [];
  if (n === 1) return items.slice(0, 1);
  const out = [];
  for (let i = 0; i < n; i++) out.push(items[Math.round((i * (items.length - 1)) / (n - 1))]);
  return [...new Set(out)];
}

const idx = (lines, re) => (re ? lines.flatMap((l, i) => (re.test(plain(l)) ? [i] : [])) : []);

function picker() {
  const picked = [];
  const add = (s) => {
    if (s && s.length >= 8 && !picked.includes(s)) picked.push(s);
  };
  return { picked, add };
}

/**
 * Test rule (README "test"): summary line(s), exit status, failing names (≤6), and per failure its
 * first message line and location (≤3 locations). Options:
 *   summary / summaries[]: RegExp, last match of each; summaryFirst: take the first match instead
 *   status: RegExp, last match
 *   names: RegExp; nameGroup: take capture 1 instead of the whole line
 *   block: RegExp starting one failure's details; msg / loc: RegExps looked for inside the block
 *   msgNext: RegExp of a location line whose next non-empty line is the message (Rust panics)
 *   go: Go's layout (message lines `x_test.go:N: ...` after `--- FAIL:` or before it under -v)
 *   extra: RegExp for warnings / skip reasons (≤5)
 *   also: literal strings to keep when present (agent wrappers)
 */
export function testNeedles(text, cfg) {
  const lines = text.split('\n');
  const { picked, add } = picker();
  for (const s of cfg.also ?? []) if (text.includes(s)) add(s);
  for (const re of cfg.summaries ?? (cfg.summary ? [cfg.summary] : [])) {
    const m = idx(lines, re);
    if (!m.length) continue;
    const line = lines[cfg.summaryFirst ? m[0] : m[m.length - 1]];
    // a coloured summary line: its colour-free runs of 8+ characters (the counts), up to 3
    if (hasAnsi(line)) for (const r of runs(line).filter((r) => /\d/.test(r)).slice(0, 3)) add(r);
    else add(clean(line));
  }
  const st = idx(lines, cfg.status);
  if (st.length) add(clean(lines[st[st.length - 1]]));
  // failing names
  const seen = new Set();
  const names = [];
  for (const i of idx(lines, cfg.names)) {
    const v = cfg.nameGroup && !hasAnsi(lines[i]) ? plain(lines[i]).match(cfg.names)[1].trim() : clean(lines[i]);
    if (!seen.has(v)) seen.add(v), names.push(v);
  }
  for (const n of spaced(names, 6)) add(n);
  // per failure: message and location
  let locs = 0;
  const takeLoc = (s) => {
    if (locs < 3 && s && s.length >= 8 && !picked.includes(s)) {
      add(s);
      locs++;
    }
  };
  if (cfg.go) {
    const fails = idx(lines, /^\s*--- FAIL: /);
    const chosen = spaced(fails, 6);
    const isMsg = (p) => /^\s+[\w.\-]+\.go:\d+: ?\S?/.test(p) || /^panic: /.test(p);
    for (const f of chosen) {
      let found = null;
      for (let j = f + 1; j < lines.length; j++) {
        const p = plain(lines[j]);
        if (/^\s*(--- (FAIL|PASS|SKIP)|=== (RUN|PAUSE|CONT))|^(FAIL|ok|PASS)\b/.test(p)) break;
        if (isMsg(p)) { found = j; break; }
      }
      if (found === null) {
        for (let j = f - 1; j >= 0; j--) {
          const p = plain(lines[j]);
          if (/^\s*(--- (FAIL|PASS|SKIP)|=== RUN)/.test(p)) {
            // under -v the messages sit between the test's === RUN and its --- FAIL
            for (let k = j + 1; k < f; k++) if (isMsg(plain(lines[k]))) { found = k; break; }
            break;
          }
        }
      }
      if (found !== null) {
        const c = clean(lines[found]);
        if (/\.go:\d+/.test(c)) takeLoc(c);
        else add(c);
      }
    }
    const panics = idx(lines, /^panic: /);
    if (panics.length) add(clean(lines[panics[0]]));
  }
  if (cfg.block) {
    const all = idx(lines, cfg.block);
    let starts = all;
    if (cfg.blockKey) {
      const keys = new Set();
      starts = starts.filter((i) => {
        const k = (plain(lines[i]).match(cfg.blockKey) || [])[1] ?? lines[i];
        if (keys.has(k)) return false;
        keys.add(k);
        return true;
      });
    }
    for (const s of spaced(starts, 6)) {
      const end = all.find((j) => j > s) ?? lines.length;
      let gotMsg = false;
      let gotLoc = false;
      let from = s + (cfg.blockSelf ? 0 : 1);
      if (cfg.nameNext) {
        // the failing test's name is the line right after the block header (minitest)
        add(clean(lines[s + 1] ?? ''));
        from = s + 2;
      }
      for (let j = from; j < end && (!gotMsg || !gotLoc); j++) {
        const p = plain(lines[j]);
        if (cfg.msgNext && !gotMsg && cfg.msgNext.test(p)) {
          takeLoc(clean(lines[j]));
          gotLoc = true;
          let k = j + 1;
          while (k < end && !plain(lines[k]).trim()) k++;
          if (k < end) add(clean(lines[k]));
          gotMsg = true;
          continue;
        }
        if (!gotMsg && cfg.msg && cfg.msg.test(p)) {
          if (cfg.nameBeforeMsg) {
            let k = j - 1;
            while (k > s && !plain(lines[k]).trim()) k--;
            if (k >= s) add(clean(lines[k]));
          }
          add(clean(lines[j]));
          gotMsg = true;
          continue;
        }
        if (!gotLoc && cfg.loc && cfg.loc.test(p)) {
          takeLoc(cfg.locGroup ? p.match(cfg.loc)[1].trim() : clean(lines[j]));
          gotLoc = true;
        }
      }
    }
  }
  if (cfg.extra) for (const i of spaced(idx(lines, cfg.extra), 5)) add(clean(lines[i]));
  return picked.slice(0, 15);
}

/**
 * Build rule (README "build"): each distinct diagnostic, errors before warnings, first occurrence,
 * up to 10 (its line, and its location line when that stands on a line of its own), the final
 * status line, and for package managers the line naming the package and version that failed.
 *   diag: RegExp of a diagnostic line; sev(line) → 'error' | 'warning'; key(line) → distinct key
 *   loc: RegExp of a location line of its own, looked for in the next `locWithin` lines (default 3)
 *   locBefore: RegExp of a location line of its own printed above the diagnostic (nearest one)
 *   final / finals[]: RegExp, last match (finalFirst: first match); pkg: RegExp, first match
 */
export function buildNeedles(text, cfg) {
  const lines = text.split('\n');
  const { picked, add } = picker();
  for (const s of cfg.also ?? []) if (text.includes(s)) add(s);
  for (const re of cfg.finals ?? (cfg.final ? [cfg.final] : [])) {
    const f = idx(lines, re);
    if (f.length) add(clean(lines[cfg.finalFirst ? f[0] : f[f.length - 1]]));
  }
  const pk = idx(lines, cfg.pkg);
  if (pk.length) add(clean(lines[pk[0]]));
  const seen = new Set();
  const errs = [];
  const warns = [];
  for (const i of idx(lines, cfg.diag)) {
    const p = plain(lines[i]);
    const k = cfg.key ? cfg.key(p) : clean(lines[i]);
    if (seen.has(k)) continue;
    seen.add(k);
    ((cfg.sev ? cfg.sev(p) : 'error') === 'error' ? errs : warns).push(i);
  }
  const cap = cfg.cap ?? 10;
  const chosen = errs.length >= cap ? spaced(errs, cap) : [...errs, ...spaced(warns, cap - errs.length)];
  const locs = [];
  for (const i of chosen) {
    add(clean(lines[i]));
    if (cfg.locBefore) {
      // a location line of its own printed above the diagnostic (a file header, `In x line N:`)
      for (let j = i - 1; j >= 0; j--) {
        if (cfg.locBefore.test(plain(lines[j]))) {
          locs.push(clean(lines[j]));
          break;
        }
      }
    }
    if (cfg.loc) {
      for (let j = i + 1; j <= i + (cfg.locWithin ?? 3) && j < lines.length; j++) {
        if (cfg.diag.test(plain(lines[j]))) break;
        if (cfg.loc.test(plain(lines[j]))) {
          locs.push(clean(lines[j]));
          break;
        }
      }
    }
  }
  for (const l of locs) add(l);
  return picked.slice(0, 15);
}
