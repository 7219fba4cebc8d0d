#!/usr/bin/env node
// Picks needles for the log, search and table cases (helper prefix `lst`) by README's written rules,
// mechanically, from input.txt alone. It never looks at any compressor's output.
//   node lst-needles.mjs log    INPUT [--final] [--no-final]
//   node lst-needles.mjs search INPUT --fmt=pathline|path|context|heading|json|vimgrep|count|list|gitgrep-p
//   node lst-needles.mjs table  INPUT [--header=N] [--skip=N] [--csv] [--fail=REGEX] [--expanded]
// Prints the needles, one a line. Options after INPUT.
import fs from 'node:fs';

const [mode, file, ...opts] = process.argv.slice(2);
const opt = Object.fromEntries(opts.map((o) => { const m = /^--([^=]+)(?:=(.*))?$/s.exec(o); return [m[1], m[2] ?? true]; }));
const text = fs.readFileSync(file, 'utf8');
const lines = text.split('\n');
if (lines.at(-1) === '') lines.pop();
const MIN = 8;

/** n items evenly spaced through arr, always with the first and the last. */
function spread(arr, n) {
  if (arr.length <= n) return arr.slice();
  if (n === 1) return [arr[0]];
  const out = [];
  for (let i = 0; i < n; i++) out.push(arr[Math.round((i * (arr.length - 1)) / (n - 1))]);
  return out;
}
const out = [];
function add(s) {
  if (s == null) return false;
  s = s.trim();
  // a needle is one line of needles.txt: keep it to its first 400 characters (still an exact substring)
  if (s.length > 400) s = s.slice(0, 400);
  if (s.length < MIN || out.includes(s) || out.length >= 15) return false;
  if (!text.includes(s)) throw new Error(`not a substring: ${s}`);
  out.push(s);
  return true;
}

// ---------- log ----------
// Leading timestamps (and a syslog host) that a needle may leave out.
const TS = [
  /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}([.,]\d+)?)?(Z|[+-]\d{2}:?\d{2}| ?[A-Z]{2,5}\b)?[ \t]*/, // ISO
  /^\[\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}([.,]\d+)?(Z|[+-]\d{2}:?\d{2})?\][ \t]*/, // [ISO]
  /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}[ \t]*/, // nginx error log
  /^\d{4}-\d{2}-\d{2} +\d{1,2}:\d{2}:\d{2} /, // mariadb error log
  /^[A-Z][a-z]{2} +\d{1,2} \d{2}:\d{2}:\d{2} \S+ /, // syslog with host
  /^\[[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2}(\.\d+)? \d{4}\] /, // apache error log
  /^\d{2}:\d{2}:\d{2}(\.\d+)? /, // strace -t / ts
  /^\d{9,10}\.\d+ /, // epoch
];
function message(line) {
  for (const re of TS) {
    const m = re.exec(line);
    if (m && m[0].length < line.length) return line.slice(m[0].length);
  }
  return line;
}
// Access logs (--access): the status code is the line's level; the template is method and status
// (the request itself is a quoted string, so README's template would fold every line into one).
const ACCESS = /^\S+ \S+ \S+ \[[^\]]+\] "(\S*)[^"]*" (\d{3}) /;
// JSON-lines logs: the level is the level/severity member, the template is level + message (README's
// template would fold every JSON line into its key set, all values being quoted strings or numbers), and
// the needle is the line from its message member on.
// morgan's dev format: method url status (status coloured)
const DEV = /^(?:\x1b\[\d+m)?([A-Z]+) \S+ (?:\x1b\[\d+m)?(\d{3})\b/;
function jsonLine(line) {
  if (!line.startsWith('{')) return null;
  try {
    const o = JSON.parse(line);
    if (typeof o !== 'object' || o === null) return null;
    const level = o.level ?? o.severity ?? o.error_severity ?? o.lvl ?? o.levelname ?? '';
    const key = ['msg', 'message', 'event', 'MESSAGE'].find((k) => typeof o[k] === 'string');
    return { o, level, key, msg: key ? o[key] : '' };
  } catch { return null; }
}
const JSON_BAD = (lv) => (typeof lv === 'number' ? lv >= 40 : /^(warn|warning|error|err|fatal|crit|critical|alert|emerg|panic|severe)$/i.test(String(lv)));
function template(line) {
  const j = jsonLine(line);
  if (j && j.key) return `${j.level} ${templ(j.msg)}`;
  return templ(line);
}
function templ(line) {
  if (opt.access) { const m = ACCESS.exec(line) ?? DEV.exec(line); if (m) return `${m[1]} ${m[2]}`; }
  return message(line)
    .replace(/"(?:[^"\\\n]|\\.)*"/g, '<S>')
    .replace(/(^|[^\w])'[^'\n]*'/g, '$1<S>')
    .replace(/[0-9a-fA-F]{6,}/g, '<H>')
    .replace(/\d+/g, '<N>')
    .trim();
}
const LEVEL = /\b(ERR|CRIT|ALERT|EMERG)\b|(?<![-\w.\/])(warn|warning|error|fatal|critical|emergency|severe|panic)(?![-\w\/]|\.\w)|\[(warn|error|crit|alert|emerg)\]|\b[Ww]arning\b|"level":\s*(4|5|6)0\b|"level":\s*"(warn|warning|error|fatal|critical)"|\blevel=(warn|warning|error|fatal)\b|^\d+:[CMSX] \d\d [A-Z][a-z]{2} \d{4} [\d:.]+ # /;
// an error word standing as a word, not inside a name like pkg-errors-dev or on_error.js
const WORDS = new RegExp(
  '(?:(?<![-_.\\/\\w])(?:error|fail|fatal|exception|denied|refused|timeout|timed out|panic)' + // lower case: a word of its own
    '|(?<![-_.\\/\\w])(?:Error|Fail|Fatal|Exception|Denied|Refused|Timeout|Timed out|Panic|ERROR|FAIL|FATAL|EXCEPTION|DENIED|REFUSED|TIMEOUT|PANIC)' + // capitalised word
    '|(?<=[A-Za-z])(?:Error|Exception|Failure|Failed|REFUSED|DENIED|ERROR))' + // ending a name: TypeError, IOException, ECONNREFUSED
    '\\w*(?![-\\/.]\\w)',
);
const FINAL = /\b(exit(ed|ing)?|shut(ting)? ?down|stopp(ed|ing)|terminat(ed|ing)|finished|complete[d]?|done|result|success(ful)?|succeeded|failed|ready to accept|ready for|bye|status)\b/i;

function logNeedles() {
  const groups = new Map();
  lines.forEach((l, i) => {
    if (!l.trim()) return;
    const t = template(l);
    const g = groups.get(t) ?? { t, first: i, count: 0 };
    g.count++;
    groups.set(t, g);
  });
  const all = [...groups.values()];
  const isBad = (l) => { const j = jsonLine(l); if (j) return JSON_BAD(j.level) || WORDS.test(j.msg); return isBad2(l); };
  const isBad2 = (l) => (opt.access ? Number((ACCESS.exec(l) ?? DEV.exec(l))?.[2]) >= 400 : false) || LEVEL.test(l) || WORDS.test(message(l));
  const bad = all.filter((g) => isBad(lines[g.first]));
  bad.sort((a, b) => a.count - b.count || a.first - b.first);
  const need = (g) => {
    const l = lines[g.first];
    const j = jsonLine(l);
    if (j && j.key) { const at = l.indexOf(`"${j.key}":`); if (at >= 0) return l.slice(at); }
    return message(l);
  };
  let n = 0;
  for (const g of bad) { if (n >= 8) break; if (add(need(g))) n++; }
  if (lines.length >= 50) {
    const taken = new Set(bad.slice(0, 8).map((g) => g.t));
    const once = all.filter((g) => g.count === 1 && !taken.has(g.t)).sort((a, b) => a.first - b.first);
    let k = 0;
    for (const g of spread(once, 4)) if (k < 4 && add(need(g))) k++;
  }
  const last = lines.filter((l) => l.trim()).at(-1);
  if (opt.final || (!opt['no-final'] && FINAL.test(jsonLine(last)?.msg ?? last))) add(need({ first: lines.lastIndexOf(last) }));
}

// ---------- search ----------
// Each hit: { path, prefix (as printed, e.g. "src/a.js:12"), text (the matched line) }.
function parseSearch(fmt) {
  const hits = [];
  const files = [];
  const seen = new Set();
  const file = (p) => { if (!seen.has(p)) { seen.add(p); files.push(p); } };
  const strip = (s) => s.replace(/\x1b\[[0-9;]*[mK]/g, '');
  if (fmt === 'json') {
    for (const l of lines) {
      const o = JSON.parse(l);
      if (o.type === 'begin') file(o.data.path.text);
      if (o.type === 'match') hits.push({ path: o.data.path.text, text: JSON.stringify(o.data.lines.text.replace(/\n$/, '')).slice(1, -1), raw: l });
    }
    return { hits, files };
  }
  if (fmt === 'heading') {
    let cur = null;
    for (const raw of lines) {
      const l = strip(raw);
      if (!l.trim()) { cur = null; continue; }
      const m = /^(\d+)([:-])(.*)$/.exec(l);
      if (cur && m) { if (m[2] === ':') hits.push({ path: cur, text: m[3], raw }); continue; }
      if (cur && /^\d+:\d+:/.test(l)) continue;
      if (l === '--') continue;
      cur = l; file(l);
    }
    return { hits, files };
  }
  for (const raw of lines) {
    const l = strip(raw);
    if (l === '--' || !l) continue;
    let m;
    if (fmt === 'list') { file(l); continue; }
    if (fmt === 'count') { m = /^(.*):(\d+)$/.exec(l); if (m) file(m[1]); continue; }
    if (fmt === 'vimgrep') { m = /^(.+?):(\d+):(\d+):(.*)$/.exec(l); if (m) { file(m[1]); hits.push({ path: m[1], prefix: `${m[1]}:${m[2]}`, text: m[4], raw }); } continue; }
    if (fmt === 'pathline' || fmt === 'context' || fmt === 'gitgrep-p') {
      m = /^(.+?):(\d+):(.*)$/.exec(l);
      if (m) { file(m[1]); hits.push({ path: m[1], prefix: `${m[1]}:${m[2]}`, text: m[3], raw }); continue; }
      m = /^(.+?)[-=](\d+)[-=](.*)$/.exec(l);
      if (m) file(m[1]);
      continue;
    }
    if (fmt === 'path') {
      m = /^(.+?):(.*)$/.exec(l);
      if (m) { file(m[1]); hits.push({ path: m[1], text: m[2], raw }); }
      continue;
    }
    throw new Error(`unknown search format ${fmt}`);
  }
  return { hits, files };
}
function searchNeedles() {
  const { hits, files } = parseSearch(opt.fmt);
  for (const p of spread(files, 12)) add(text.includes(p) ? p : null);
  if (files.length <= 5 && hits.length && hits[0].prefix) {
    const mid = hits[Math.floor((hits.length - 1) / 2)];
    for (const h of [hits[0], mid, hits.at(-1)]) add(h.prefix);
  }
  // the matched text of the first and last hit: the hit's line as printed after its prefix; when that is
  // under 8 characters (or coloured, so not a plain substring), the whole printed line
  if (hits.length) {
    for (const h of [hits[0], hits.at(-1)]) {
      const t = h.text.trim();
      if (t.length >= MIN && text.includes(t)) add(t);
      else add(h.raw);
    }
  }
}

// ---------- table ----------
// The first column's value of a row; when it is under 8 characters or already a needle (a value repeated
// down the column), the row from its start, whole cells at a time, until it is neither.
function firstCell(row) {
  const ok = (c) => c.trim().length >= MIN && !out.includes(c.trim());
  if (opt.csv || opt.sep) {
    const sep = opt.sep === 'tab' ? '\t' : (opt.sep ?? ',');
    const cell = row.startsWith('"') ? /^"(?:[^"]|"")*"/.exec(row)[0] : row.split(sep)[0];
    if (ok(cell)) return cell.trim();
    const parts = row.split(sep);
    let s = '';
    for (const p of parts) { s = s ? s + sep + p : p; if (ok(s)) break; }
    return s;
  }
  // aligned columns: drop a leading table border (| or │) and indentation
  const t = row.replace(/^[\s|│║]+/, '');
  const bars = /\s[|│║]\s/.test(t); // psql, mariadb -t, box tables: cells end at a bar
  const cells = (bars ? t.match(/[^|│║]+[|│║]?/g) : t.match(/\S+\s*/g)) ?? [t];
  const clean = (x) => x.replace(/[\s|│║]+$/, '').trim();
  let s = '';
  for (const c of cells) { s += c; if (ok(clean(s))) break; }
  return clean(s);
}
function tableNeedles() {
  const h = opt['header-re'] ? lines.findIndex((l) => new RegExp(opt['header-re']).test(l)) : Number(opt.header ?? 0);
  add(lines[h]);
  const skip = opt['header-re'] ? h + 1 : Number(opt.skip ?? h + 1);
  let rows = lines.slice(skip).map((l, i) => ({ l, i: i + skip })).filter((r) => r.l.trim() && !/^[-=+|:─│┌┐└┘├┤┬┴┼═║╔╗╚╝╠╣╦╩╬ ]+$/.test(r.l));
  if (opt.until) rows = rows.filter((r) => !new RegExp(opt.until).test(r.l));
  if (opt.rows) rows = rows.filter((r) => new RegExp(opt.rows).test(r.l));
  for (const r of spread(rows, 6)) add(firstCell(r.l));
  if (opt.fail) {
    const re = new RegExp(opt.fail);
    let k = 0;
    for (const r of rows) if (k < 4 && re.test(r.l) && add(r.l)) k++;
  }
}

if (mode === 'bad') { for (const l of lines) console.log(WORDS.test(l) || LEVEL.test(l) ? 'BAD ' : 'ok  ', l); process.exit(0); }
if (mode === 'log') logNeedles();
else if (mode === 'search') searchNeedles();
else if (mode === 'table') tableNeedles();
else throw new Error(`mode? ${mode}`);
if (out.length < 3) console.error(`WARNING: only ${out.length} needles`);
process.stdout.write(out.map((s) => s + '\n').join(''));
