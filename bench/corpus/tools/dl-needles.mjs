#!/usr/bin/env node
// Picks the needles of the dl cases (diff, listing, binary) by README's written rules, mechanically,
// from input.txt and meta.json alone. Writes needles.txt.
//   node bench/corpus/tools/dl-needles.mjs CASE_DIR...
// Decisions where a rule left room are written in each case's meta.json `needle_rule` field.
import fs from 'node:fs';
import path from 'node:path';

let MAX = 15; // lowered while an agent wrapper's own needles take part of the 15

/** `n` items evenly spaced through `list`, always the first and the last. */
export function spread(list, n) {
  if (list.length <= n) return [...list];
  if (n <= 0) return [];
  if (n === 1) return [list[0]];
  const out = [];
  for (let i = 0; i < n; i++) out.push(list[Math.round((i * (list.length - 1)) / (n - 1))]);
  return out;
}

/** Groups of candidates with their caps -> at most 15 needles; the largest group gives way first. */
function budget(groups) {
  const counts = groups.map((g) => Math.min(g.items.length, g.cap));
  while (counts.reduce((a, b) => a + b, 0) > MAX) {
    let best = 0;
    for (let i = 1; i < counts.length; i++) if (counts[i] > counts[best] || (counts[i] === counts[best] && groups[i].yieldFirst && !groups[best].yieldFirst)) best = i;
    counts[best]--;
  }
  const out = [];
  groups.forEach((g, i) => {
    for (const x of spread(g.items, counts[i])) if (!out.includes(x)) out.push(x);
  });
  return out;
}

const nonSpace = (s) => s.replace(/\s/g, '').length;
const rtrim = (s) => s.replace(/\s+$/, '');
const uniq = (a) => [...new Set(a)];

// ------------------------------------------------------------------------------------------
// diff
// ------------------------------------------------------------------------------------------
const LOCK = new Set(['package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'Cargo.lock', 'go.sum', 'poetry.lock', 'composer.lock', 'Gemfile.lock']);

function diffNeedles(text, meta) {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const format = meta.format;
  const paths = []; // {path, printed}
  const subjects = [];
  const hunks = [];
  const files = new Map(); // path -> {added, removed, generated}
  let cur = null;
  const addPath = (p, printedLine) => {
    p = p.replace(/\t.*$/, '');
    if (!p || p === '/dev/null') return null;
    const needle = p.length >= 8 ? p : printedLine.trim();
    if (!paths.some((x) => x.path === p)) paths.push({ path: p, needle });
    return p;
  };
  const fileFor = (p) => {
    if (!p) return null;
    if (!files.has(p)) files.set(p, { path: p, added: null, removed: null, generated: LOCK.has(path.basename(p)) || /\.min\.(js|css|mjs)$|\.map$/.test(p), order: files.size });
    return files.get(p);
  };
  const takeLine = (f, kind, content, needle) => {
    if (!f) return;
    if (content.length > 1000) f.generated = true; // a minified line marks a generated file
    if (f[kind] == null && nonSpace(content) >= 12) f[kind] = rtrim(needle);
  };

  const oneline = /--oneline/.test(format);
  let old = 0, neu = 0; // remaining lines of the current unified hunk
  let mode = null; // 'unified' | 'context-old' | 'context-new' | 'normal' | 'word'
  let inHeader = false; // after "commit <sha>", before the message
  let pendingMinus = null;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    // inside a unified hunk: count lines exactly
    if (mode === 'unified' && (old > 0 || neu > 0)) {
      const c = l[0];
      if (c === ' ' || l === '') { old--; neu--; continue; }
      if (c === '-') { old--; takeLine(cur, 'removed', l.slice(1), l); continue; }
      if (c === '+') { neu--; takeLine(cur, 'added', l.slice(1), l); continue; }
      if (c === '\\') continue;
      old = neu = 0; // malformed: fall through
    }
    let m;
    if ((m = /^commit ([0-9a-f]{7,40})/.exec(l))) { inHeader = true; continue; }
    if (inHeader) {
      if (l === '') continue;
      if (/^\s{4}\S/.test(l)) {
        const s = l.trim();
        subjects.push(s.length >= 8 ? s : null);
        inHeader = false;
        continue;
      }
      if (/^[A-Z][A-Za-z]*:/.test(l)) continue;
      inHeader = false;
    }
    if ((m = /^Subject: (?:\[[^\]]*\] )?(.*)$/.exec(l))) { subjects.push(m[1].trim().length >= 8 ? m[1].trim() : null); continue; }
    if ((m = /^Description: (.*)$/.exec(l)) && !lines.some((x) => x.startsWith('Subject: '))) { subjects.push(m[1].trim()); continue; }
    if (oneline && (m = /^[*|\\/ ]*[0-9a-f]{7,40} (?:\([^)]*\) )?(.*)$/.exec(l))) { subjects.push(m[1].length >= 8 ? m[1] : l.replace(/^[*|\\/ ]+/, '')); continue; }
    if (/--format=.?%h %an %ad %s/.test(meta.command ?? '') && (m = /^[0-9a-f]{7,} .* \d{4}-\d\d-\d\d (.+)$/.exec(l))) { subjects.push(m[1]); continue; }

    if ((m = /^diff --git a\/(.*) b\/(.*)$/.exec(l))) { cur = fileFor(addPath(m[2], l)); mode = null; continue; }
    if (/^diff -\S/.test(l)) { cur = fileFor(addPath(l.split(/\s+/).pop(), l)); mode = null; continue; }
    if ((m = /^Files (\S+) and (\S+) differ$/.exec(l))) { addPath(m[2], l); continue; }
    if ((m = /^Only in (.+): (.+)$/.exec(l))) { if (!paths.some((x) => x.needle === l)) paths.push({ path: `${m[1]}/${m[2]}`, needle: l }); continue; }
    if (l.startsWith('--- ') && i + 1 < lines.length && lines[i + 1].startsWith('+++ ')) {
      pendingMinus = l.slice(4).replace(/\t.*$/, '');
      continue;
    }
    if (l.startsWith('+++ ') && mode !== 'unified-hunk') {
      let p = l.slice(4).replace(/\t.*$/, '');
      if (p === '/dev/null') p = pendingMinus;
      if (/^[ab]\//.test(p)) p = p.slice(2);
      // a file announced by its own "diff" line already has its path
      if (!cur || cur.path !== p) cur = fileFor(addPath(p, l));
      continue;
    }
    if ((m = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@(.*)$/.exec(l))) {
      if (m[3].trim()) hunks.push(rtrim(l));
      if (/--word-diff/.test(format)) { mode = 'word'; continue; }
      mode = 'unified';
      old = m[1] === undefined ? 1 : +m[1];
      neu = m[2] === undefined ? 1 : +m[2];
      continue;
    }
    if (mode === 'word') {
      if (l.includes('[-')) takeLine(cur, 'removed', l.replace(/\{\+.*?\+\}/g, ''), l.trim());
      if (l.includes('{+')) takeLine(cur, 'added', l.replace(/\[-.*?-\]/g, ''), l.trim());
      continue;
    }
    // context diff
    if (/^\*{15}/.test(l)) { mode = 'context-old'; continue; }
    if (mode && mode.startsWith('context')) {
      if (/^\*\*\* \d+(,\d+)? \*\*\*\*/.test(l)) { mode = 'context-old'; continue; }
      if (/^--- \d+(,\d+)? ----/.test(l)) { mode = 'context-new'; continue; }
      if (mode === 'context-old' && /^[-!] /.test(l)) takeLine(cur, 'removed', l.slice(2), l);
      if (mode === 'context-new' && /^[+!] /.test(l)) takeLine(cur, 'added', l.slice(2), l);
      continue;
    }
    if ((m = /^\*\*\* (\S+)\t/.exec(l)) && /^--- (\S+)\t/.test(lines[i + 1] ?? '')) { continue; }
    // normal diff
    if (/^\d+(,\d+)?[acd]\d+(,\d+)?$/.test(l)) { mode = 'normal'; continue; }
    if (mode === 'normal') {
      if (l.startsWith('< ')) takeLine(cur, 'removed', l.slice(2), l);
      else if (l.startsWith('> ')) takeLine(cur, 'added', l.slice(2), l);
      continue;
    }
    // side by side (diff -y): left <tabs> marker <tab> right
    if (/diff -r?y/.test(format + ' ' + (meta.command ?? '')) && (m = /^(.*?)\s+([|<>])(?:\t(.*))?$/.exec(l))) {
      const [, left, mark, right = ''] = m;
      if (mark !== '>' ) takeLine(cur, 'removed', left, left.trim());
      if (mark !== '<') takeLine(cur, 'added', right, right.trim());
      continue;
    }
    // stat, name-status, raw, numstat, summary lines
    if ((m = /^ (\S.*?)\s+\|\s+(?:\d+|Bin)/.exec(l))) { addPath(m[1], l); continue; }
    if ((m = /^:\d{6} \d{6} [0-9a-f.]+ [0-9a-f.]+ [A-Z]\d*\t(.*)$/.exec(l))) { addPath(m[1].split('\t').pop(), l); continue; }
    if ((m = /^[AMDTRCU]\d*\t(.*)$/.exec(l))) { addPath(m[1].split('\t').pop(), l); continue; }
    if ((m = /^(?:\d+|-)\t(?:\d+|-)\t(.*)$/.exec(l))) { addPath(m[1], l); continue; }
    if ((m = /^ (?:create|delete) mode \d+ (.*)$/.exec(l))) { addPath(m[1], l); continue; }
    if ((m = /^ rename (.*) \(\d+%\)$/.exec(l))) { addPath(m[1], l); continue; }
  }

  const changed = [];
  let real = [...files.values()].filter((f) => !f.generated).slice(0, 4);
  const before = uniq(paths.map((p) => p.needle)).length + uniq(subjects.filter(Boolean)).length + uniq(hunks).length +
    real.reduce((n, f) => n + (f.added ? 1 : 0) + (f.removed ? 1 : 0), 0);
  let lockFallback = false;
  if (before < 3) {
    // Every changed file is a lock or generated file and the rest gives fewer than 3 needles:
    // by the rule's intent (keep what changed), rule 3 is applied to those files too.
    real = [...files.values()].slice(0, 4);
    lockFallback = true;
  }
  for (const f of real) {
    if (f.added) changed.push(f.added);
    if (f.removed) changed.push(f.removed);
  }
  const groups = [
    { name: 'paths', cap: 8, items: uniq(paths.map((p) => p.needle)) },
    { name: 'subjects', cap: 5, items: uniq(subjects.filter(Boolean)) },
    { name: 'changed', cap: 8, items: uniq(changed), yieldFirst: true },
    { name: 'hunks', cap: 2, items: uniq(hunks) },
  ];
  const generated = [...files.values()].filter((f) => f.generated).map((f) => f.path);
  const decisions = [];
  const asked = groups.reduce((n, g) => n + Math.min(g.items.length, g.cap), 0);
  if (asked > MAX) decisions.push(`rules 1-4 asked for ${asked} needles; the largest group gave way one needle at a time down to ${MAX}, each group keeping evenly spaced picks`);
  if (paths.some((p) => p.needle !== p.path)) decisions.push('a path shorter than 8 characters is given by the line that prints it');
  if (generated.length) decisions.push(`rule 3 skips lock and generated files (lock files, *.min.*, *.map, files with a changed line over 1000 characters): ${spread(generated, 4).join(', ')}${generated.length > 4 ? ', ...' : ''}`);
  if (lockFallback) decisions.push('every changed file is a lock or generated file and rules 1, 2 and 4 give fewer than 3 needles, so rule 3 is applied to those files');
  return { needles: budget(groups), info: { counts: Object.fromEntries(groups.map((g) => [g.name, g.items.length])), generated, lockFallback }, decisions };
}

// ------------------------------------------------------------------------------------------
// listing
// ------------------------------------------------------------------------------------------
const MANIFEST = /^(package\.json|Cargo\.toml|go\.mod|pyproject\.toml|setup\.py|pom\.xml|CMakeLists\.txt|Makefile|Dockerfile|README.*)$/i;
const LS_LONG = /^([-bcdlps][rwxsStT-]{9}[.+@]?)\s+\d+\s+\S+\s+\S+\s+(?:\d+,\s*\d+|[\d.,]+[KMGT]?)\s+(?:\w{3}\s+\d+\s+(?:\d{4}|\d\d:\d\d)|\d{4}-\d\d-\d\d(?: [\d:.]+)?(?: [+-]\d{4})?)\s(.*)$/;
const TAR_V = /^([-dlhcbp][rwxsStT-]{9})\s+\S+\s+\d+\s+\d{4}-\d\d-\d\d \d\d:\d\d(?::\d\d)?\s(.*)$/;
const FIND_LS = /^\s*\d+\s+\d+\s+([-bcdlps][rwxsStT-]{9})\s+\d+\s+\S+\s+\S+\s+\d+\s+\w{3}\s+\d+\s+(?:\d{4}|\d\d:\d\d)\s(.*)$/;
const UNZIP = /^\s*\d+\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+(.*)$/;
const ZIPINFO = /^([-dl?][rwxsStT-]{9})\s+\S+\s+\S+\s+\d+\s+\S+\s+\S+\s+\d\d-\w{3}-\d\d \d\d:\d\d\s(.*)$/;
const EXA = /^([-.dlcbps][rwxsStT-]{9}[@+]?)\s+\S+\s+\S+\s+\d+\s+\w{3}\s+(?:\d{4}|\d\d:\d\d)\s(.*)$/;
const NPM_NOTICE = /^npm notice (\d[\d.]*[kMG]?B)\s+(.+)$/;

const stripLink = (p) => p.replace(/ -> .*$/, '').replace(/ link to .*$/, '');
const baseName = (p) => p.replace(/\/+$/, '').split('/').pop();
const extOf = (name) => {
  if (name.startsWith('.') && name.indexOf('.', 1) < 0) return null;
  const m = /\.([A-Za-z0-9_]{1,10})$/.exec(name);
  return m && /[A-Za-z]/.test(m[1]) ? m[1] : null;
};

/** Entries of a listing: {path, isDir, printed, line} in output order. */
function listingEntries(text, meta) {
  const f = meta.format;
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const out = [];
  const push = (p, printed, isDir, line) => out.push({ path: p, printed, isDir, line: line ?? printed, headerPrinted: null });

  if (/^ls -(laR|R)$|several folders/.test(f)) {
    let dir = null;
    const sections = [];
    for (const l of lines) {
      let m;
      if ((m = /^(.*):$/.exec(l)) && !LS_LONG.test(l)) { dir = m[1]; sections.push({ dir, header: l }); continue; }
      if (dir == null || !l.trim() || /^total \d/.test(l)) continue;
      if ((m = LS_LONG.exec(l))) {
        const name = stripLink(m[2]);
        if (name === '.' || name === '..') continue;
        push(`${dir}/${name}`, l.trim(), m[1][0] === 'd', l);
      } else push(`${dir}/${l}`, l, false, l);
    }
    const dirs = new Set(sections.map((s) => s.dir));
    for (const e of out) if (dirs.has(e.path)) e.isDir = true;
    return { entries: out, root: sections[0]?.dir, sections };
  }
  if (/^ls -(l|la|lh|lS|lt)$/.test(f)) {
    for (const l of lines) {
      const m = LS_LONG.exec(l);
      if (!m) continue;
      const name = stripLink(m[2]);
      if (name === '.' || name === '..') continue;
      push(name, l.trim(), m[1][0] === 'd', l);
    }
    return { entries: out, root: '', flat: true };
  }
  if (f === 'ls -1') { for (const l of lines) if (l.trim()) push(l, l, false); return { entries: out, root: '', flat: true }; }
  if (f === 'ls -C') { for (const l of lines) for (const n of l.split(/\t+|\s{2,}/)) if (n.trim()) push(n.trim(), n.trim(), false, n.trim()); return { entries: out, root: '', flat: true }; }
  if (/^(tree|exa)/.test(f)) {
    const w = f.startsWith('exa') ? 3 : 4;
    let root = null;
    const stack = [];
    for (const l of lines) {
      let body = l;
      if (f.startsWith('exa')) { const m = EXA.exec(l); if (!m) continue; body = m[2]; }
      const at = body.search(/[├└]── /);
      if (at < 0) { if (root == null && body.trim() && !/^\d+ director/.test(body)) root = body.trim().replace(/^\[[^\]]*\]\s+/, ''); continue; }
      const depth = at / w + 1;
      const after = body.slice(at + 4);
      const name = stripLink(after.replace(/^\[[^\]]*\]\s+/, ''));
      stack.length = depth - 1;
      stack.push(name);
      const printed = after.length >= 8 ? stripLink(after) : body.slice(at).trim();
      push(stack.join('/'), printed, /-d\b/.test(f) || /^d/.test(l), l);
    }
    // a folder is an entry with deeper entries under it
    for (let i = 0; i + 1 < out.length; i++) if (out[i + 1].path.startsWith(out[i].path + '/')) out[i].isDir = true;
    return { entries: out, root: '' };
  }
  if (/^npm ls --all$/.test(f)) {
    for (const l of lines) {
      const m = /^([│ ]*)([├└])─([─┬]) (.*)$/.exec(l);
      if (!m) continue;
      const depth = m[1].length / 2 + 1;
      push(`${depth}:${m[4]}`, m[4], m[3] === '┬', l);
      out[out.length - 1].depth = depth;
    }
    return { entries: out, root: '', npmTree: true };
  }
  // one entry per line, the path last
  for (const l of lines) {
    let m, p = null, isDir = false, printed = null;
    if ((m = TAR_V.exec(l))) { p = stripLink(m[2]); isDir = m[1][0] === 'd'; printed = l.trim(); }
    else if ((m = FIND_LS.exec(l))) { p = stripLink(m[2]); isDir = m[1][0] === 'd'; printed = l.trim(); }
    else if ((m = ZIPINFO.exec(l))) { p = m[2]; isDir = m[1][0] === 'd'; printed = l.trim(); }
    else if (f === 'unzip -l') { if ((m = UNZIP.exec(l))) { p = m[1]; printed = l.trim(); } }
    else if (f === 'npm pack --dry-run') { if ((m = NPM_NOTICE.exec(l))) { p = m[2]; printed = l.trim(); } }
    else if (/\t/.test(l) && /^(git ls-tree|git ls-files -s|du|find -printf|lsdiff)/.test(f)) { p = l.split('\t').pop(); printed = l.trim(); if (/^\d{6} tree /.test(l)) isDir = true; }
    else if (l.trim() && !/^(npm warn|npm notice)/.test(l) && !/^(tar tv|find -ls|zipinfo|unzip|dpkg-deb|npm pack|git ls-tree|git ls-files -s|du|find -printf|lsdiff)/.test(f)) { p = l; printed = l; }
    if (p == null) continue;
    if (/-type d/.test(f)) isDir = true;
    push(p, printed, isDir || p.endsWith('/'), l);
  }
  // folders: a path with others under it
  const all = new Set(out.map((e) => e.path.replace(/\/+$/, '')));
  const prefixes = new Set();
  for (const e of out) { const parts = e.path.replace(/\/+$/, '').split('/'); for (let i = 1; i < parts.length; i++) prefixes.add(parts.slice(0, i).join('/')); }
  for (const e of out) if (prefixes.has(e.path.replace(/\/+$/, ''))) e.isDir = true;
  // root: the deepest folder every path lies in (or is)
  const split = out.map((e) => e.path.replace(/\/+$/, '').split('/'));
  let common = split[0] ?? [];
  for (const s of split) { let i = 0; while (i < common.length && i < s.length && common[i] === s[i]) i++; common = common.slice(0, i); }
  if (split.every((s) => s.length === common.length) && common.length) common = common.slice(0, -1);
  const root = common.join('/');
  void all;
  return { entries: out, root, rootParts: common.length };
}

function listingNeedles(text, meta) {
  const { entries, root, rootParts, sections, flat, npmTree } = listingEntries(text, meta);
  const ok = (s) => s && s.length >= 8;
  const printedOf = (e) => (ok(e.printed) ? e.printed : ok(e.line.trim()) ? e.line.trim() : null);
  const depthOf = (e) => {
    if (npmTree || e.depth) return e.depth;
    if (flat) return 1;
    if (sections) return e.path.split('/').length - sections[0].dir.split('/').length;
    if (rootParts !== undefined) return e.path.replace(/\/+$/, '').split('/').length - rootParts;
    return e.path.split('/').length;
  };
  const topOf = (e) => (flat ? e.path : e.path.replace(/\/+$/, '').split('/').slice(0, (rootParts ?? (sections ? sections[0].dir.split('/').length : 0)) + 1).join('/'));
  for (const e of entries) e.d = depthOf(e);
  const decisions = [];

  // 1. the root's direct children, folders first
  const firstLevel = [];
  const seenTop = new Map();
  for (const e of entries) {
    if (e.d < 1) continue;
    const top = topOf(e);
    if (seenTop.has(top)) continue;
    if (e.d === 1) { seenTop.set(top, e); firstLevel.push({ e, isDir: e.isDir }); }
    else { seenTop.set(top, e); firstLevel.push({ e, isDir: true, stand: true }); }
  }
  if (firstLevel.some((x) => x.stand)) decisions.push('folders of the first level that the output never prints on their own are stood for by the first path printed under them');
  const dirs = firstLevel.filter((x) => x.isDir).map((x) => printedOf(x.e)).filter(Boolean);
  const filesTop = firstLevel.filter((x) => !x.isDir).map((x) => printedOf(x.e)).filter(Boolean);
  const top = dirs.length >= 8 ? spread(dirs, 8) : [...dirs, ...spread(filesTop, 8 - dirs.length)];
  if (firstLevel.some((x) => !printedOf(x.e))) decisions.push('first-level entries printed in under 8 characters (even with their whole line) are left out');
  if (dirs.length > 8 || (dirs.length < 8 && filesTop.length > 8 - dirs.length)) decisions.push('over 8 first-level entries: folders first, evenly spaced');

  // 2. manifests, the deepest path, one-off extensions
  const manifests = spread(entries.filter((e) => !e.isDir && MANIFEST.test(baseName(e.path))).map(printedOf).filter(Boolean), 3);
  let deepest = [];
  const maxD = Math.max(0, ...entries.map((e) => e.d));
  if (maxD > 1) {
    const e = entries.find((x) => x.d === maxD);
    if (sections) {
      const dir = e.path.split('/').slice(0, -1).join('/');
      const s = sections.find((x) => x.dir === dir);
      if (s && ok(s.header)) { deepest = [s.header]; decisions.push('ls -R: the deepest path is the header of the deepest folder'); }
    } else if (printedOf(e)) deepest = [printedOf(e)];
  }
  const extCount = new Map();
  const files = npmTree ? [] : entries.filter((e) => !e.isDir);
  for (const e of files) { const x = extOf(baseName(e.path)); if (x) extCount.set(x, (extCount.get(x) ?? 0) + 1); }
  const oneOff = spread(files.filter((e) => extCount.get(extOf(baseName(e.path))) === 1).map(printedOf).filter(Boolean), 3);
  const needles = uniq([...top, ...manifests, ...deepest, ...oneOff]).slice(0, MAX);
  if (!npmTree) decisions.push('manifests are package.json, Cargo.toml, go.mod, pyproject.toml, setup.py, pom.xml, CMakeLists.txt, Makefile, Dockerfile, README*; an extension is what follows the last dot of a file name, 1 to 10 letters, digits or _ with at least one letter');
  else decisions.push('npm ls prints packages, not files: no manifests or extensions; depth is the tree depth');
  if (/^ls -(l|la|lh|lS|lt|laR)$|tar tv|find -ls|zipinfo|unzip|dpkg-deb|git ls-tree|git ls-files -s|du|find -printf|exa|npm pack|lsdiff/.test(meta.format)) decisions.push('an entry as printed is its whole line (trimmed), since the format prints one entry per line with columns');
  return { needles, info: { entries: entries.length, root, top: firstLevel.length, manifests: manifests.length, maxDepth: maxD, oneOff: oneOff.length }, decisions };
}

// ------------------------------------------------------------------------------------------
// binary (README has no rule; the rule used is written in each case's notes)
// ------------------------------------------------------------------------------------------
function binaryNeedles(text, meta) {
  const f = meta.format;
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const nonEmpty = lines.filter((l) => l.trim());
  if (/^(xxd|hexdump -C|od )/.test(f)) {
    const textCol = (l) => {
      let m;
      if (f === 'xxd') return (m = /^[0-9a-f]+: (?:[0-9a-f ]{39}) {1,2}(.*)$/.exec(l)) ? m[1] : '';
      if (f === 'hexdump -C') return (m = /\|(.*)\|$/.exec(l)) ? m[1] : '';
      if (/x1z/.test(f)) return (m = />(.*)<$/.exec(l)) ? m[1] : '';
      // od -c: cells of 4 characters after the offset; a one-character cell is a printable byte
      const cells = l.slice(7).match(/.{1,4}/g) ?? [];
      return cells.map((c) => (c.trim().length === 1 && c.length === 4 ? c.trim() : '\u0000')).join('');
    };
    const first = nonEmpty[0].trim();
    const last = [...nonEmpty].reverse().find((l) => l.trim().length >= 8).trim();
    const readable = nonEmpty.filter((l) => /[A-Za-z0-9_]{6,}/.test(textCol(l))).map((l) => l.trim());
    return { needles: uniq([first, ...spread(readable.filter((l) => l !== first && l !== last), 8), last]), info: { readable: readable.length } };
  }
  if (/data: URI/.test(f)) {
    const blob = /data:[^;,)'"]+(?:;[^;,)'"]+)*;base64,[A-Za-z0-9+/=]+/g;
    const prefixes = uniq([...text.matchAll(blob)].map((m) => m[0].slice(0, m[0].indexOf('base64,') + 7)));
    const seen = new Map();
    for (const l of nonEmpty) seen.set(l.trim(), (seen.get(l.trim()) ?? 0) + 1);
    const outside = nonEmpty.filter((l) => !blob.test(l) && l.trim().length >= 12 && seen.get(l.trim()) === 1).map((l) => l.trim());
    return { needles: uniq([...spread(prefixes, 3), ...spread(outside, 10)]), info: { blobs: prefixes.length, outside: outside.length } };
  }
  if (/inline base64/.test(f)) {
    const header = nonEmpty.filter((l) => /^\s*(\/\*!|\*)/.test(l) && l.trim().length >= 8).map((l) => l.trim()).slice(0, 4);
    const code = nonEmpty.filter((l) => !/^\s*(\/\*!|\*)/.test(l)).join('\n').replace(/[A-Za-z0-9+/=]{200,}/g, '\n');
    const pieces = code.split(/[;\n]/).map((x) => x.trim()).filter((x) => x.length >= 12 && x.length <= 80 && text.includes(x));
    return { needles: uniq([...header, ...spread(pieces, 10)]), info: { pieces: pieces.length } };
  }
  if (/PEM/.test(f)) {
    const labels = nonEmpty.filter((l) => l.startsWith('# Label: ')).map((l) => l.trim());
    if (labels.length) return { needles: spread(labels, 12), info: { labels: labels.length } };
    const firsts = [];
    lines.forEach((l, i) => { if (l.startsWith('-----BEGIN') && lines[i + 1]) firsts.push(lines[i + 1].trim()); });
    return { needles: spread(uniq(firsts), 12), info: { certs: firsts.length } };
  }
  throw new Error(`no binary rule for ${f}`);
}

// ------------------------------------------------------------------------------------------
export const PICKERS = { diff: diffNeedles, listing: listingNeedles, binary: binaryNeedles };

// ------------------------------------------------------------------------------------------
// agent wrappers: Claude Code's <persisted-output> preview, Exit code headers, truncation notices
// ------------------------------------------------------------------------------------------
const wrapped = (meta) => /^claude-code /.test(meta.format);

function pickWrapped(pick, text, meta) {
  const own = [];
  let content = text;
  let m;
  if ((m = /^Exit code \d+$/m.exec(text))) own.push(m[0]);
  if ((m = /Output too large \([^)]*\)\./.exec(text))) own.push(m[0]);
  if ((m = /Full output saved to: \S+/.exec(text))) own.push(m[0]);
  if ((m = /^Preview \(first [^)]*\):$/m.exec(text))) own.push(m[0]);
  for (const t of text.matchAll(/\.\.\. \[\d+ characters truncated\] \.\.\./g)) own.push(t[0]);
  const decisions = ['agent wrapper: the Exit code header, the persisted-output notice (Output too large, Full output saved to, Preview) and truncation notices are needles, verbatim; the rest of the 15 go to the content by its own type\'s rule'];
  // the tool's own error line printed with a non-zero exit
  const err = /^Exit code [1-9]/m.test(text) ? text.split('\n').filter((l) => /^[\w.-]+: (cannot|can't|error|fatal)/i.test(l)).slice(0, 2) : [];
  if (err.length) decisions.push('with a non-zero exit, the error line the command printed is a needle too (by the intent of the Exit code rule)');
  const pre = /Preview \(first [^)]*\):\n([\s\S]*?)\n(?:\.\.\.\n)?<\/persisted-output>/.exec(text);
  if (pre) content = pre[1];
  content = content.replace(/^Exit code \d+\n/, '');
  const inner = /\(([^()]*(?:\([^()]*\))?[^()]*)\)$/.exec(meta.format)?.[1] ?? meta.format;
  const saved = MAX;
  MAX = MAX - own.length - err.length;
  const r = pick(content, { ...meta, format: inner }, null);
  MAX = saved;
  return { needles: uniq([...own, ...err, ...r.needles]).slice(0, saved), info: { wrapper: own.length + err.length, ...r.info }, decisions: [...decisions, ...(r.decisions ?? [])] };
}

function main() {
  for (const dir of process.argv.slice(2)) {
    const meta = JSON.parse(fs.readFileSync(path.join(dir, 'meta.json'), 'utf8'));
    const text = fs.readFileSync(path.join(dir, 'input.txt'), 'latin1' === meta.encoding ? 'latin1' : 'utf8');
    const pick = PICKERS[meta.type];
    if (!pick) throw new Error(`${dir}: no picker for ${meta.type}`);
    let { needles, info, decisions } = wrapped(meta) ? pickWrapped(pick, text, meta) : pick(text, meta, dir);
    for (const n of needles) if (!text.includes(n) || n.length < 8 || n.includes('\n')) throw new Error(`${dir}: bad needle ${JSON.stringify(n)}`);
    fs.writeFileSync(path.join(dir, 'needles.txt'), needles.join('\n') + '\n');
    const base = (meta.notes ?? '').replace(/ ?Needles: .*$/s, '');
    const said = decisions?.length ? `Needles: ${decisions.join('; ')}.` : '';
    const notes = [base && !/[.)]$/.test(base) ? `${base}.` : base, said].filter(Boolean).join(' ');
    if (notes) meta.notes = notes; else delete meta.notes;
    fs.writeFileSync(path.join(dir, 'meta.json'), JSON.stringify(meta, null, 2) + '\n');
    console.log(`${path.basename(dir)}: ${needles.length} needles ${JSON.stringify(info)}`);
  }
}
if (import.meta.url === `file://${process.argv[1]}`) main();
