#!/usr/bin/env node
// Needle picker for the json, prose, html and code cases built by the `jph` helper.
// It applies bench/corpus/README.md's written rule of each type mechanically to input.txt
// and never looks at any compressor's output.
//   node jph-needles.mjs <type> <input.txt> [--lang=ext] [--map=path] [--array=path]
// prints one needle a line (3-15), and on stderr a line of notes about the choices made.
import fs from 'node:fs';

const MIN = 8;
const CAP = 15;

/** k indices evenly spaced over 0..n-1, always the first and the last. */
export function spaced(n, k) {
  if (n <= k) return [...Array(n).keys()];
  if (k <= 1) return [0];
  const out = new Set();
  for (let i = 0; i < k; i++) out.add(Math.round((i * (n - 1)) / (k - 1)));
  return [...out];
}
const pick = (arr, k) => spaced(arr.length, k).map((i) => arr[i]);
const uniq = (arr) => [...new Set(arr)];

// ---------------------------------------------------------------- json
// A JSON parser that keeps where each value sits in the text, so that needles are the exact
// printed text of a member ("key": value), whatever the spacing.
function parseJsonStream(text) {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n\ufeff'.includes(text[i])) i++;
  };
  const fail = (m) => {
    throw new Error(`${m} at ${i}`);
  };
  function str() {
    const s = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return { value: JSON.parse(text.slice(s, i)), start: s, end: i };
  }
  function val(depth) {
    ws();
    const s = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const members = [];
      ws();
      if (text[i] === '}') {
        i++;
        return { t: 'o', members, start: s, end: i, depth };
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('key expected');
        const k = str();
        ws();
        if (text[i] !== ':') fail(': expected');
        i++;
        const v = val(depth + 1);
        members.push({ key: k.value, keyStart: k.start, keyEnd: k.end, v });
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return { t: 'o', members, start: s, end: i, depth };
        }
        fail(', or } expected');
      }
    }
    if (c === '[') {
      i++;
      const items = [];
      ws();
      if (text[i] === ']') {
        i++;
        return { t: 'a', items, start: s, end: i, depth };
      }
      for (;;) {
        items.push(val(depth + 1));
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return { t: 'a', items, start: s, end: i, depth };
        }
        fail(', or ] expected');
      }
    }
    if (c === '"') {
      const r = str();
      return { t: 's', value: r.value, start: r.start, end: r.end, depth };
    }
    const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) fail('value expected');
    i += m[0].length;
    return { t: 's', value: JSON.parse(m[0]), start: s, end: i, depth };
  }
  const docs = [];
  ws();
  while (i < text.length) {
    docs.push(val(0));
    ws();
  }
  return docs;
}

function walk(node, fn, parent = null) {
  fn(node, parent);
  if (node.t === 'o') for (const m of node.members) walk(m.v, fn, node);
  if (node.t === 'a') for (const it of node.items) walk(it, fn, node);
}

function jsonNeedles(text, opts = {}) {
  const notes = [];
  const docs = parseJsonStream(text);
  const stream = docs.length > 1;
  const root = stream ? { t: 'a', items: docs, start: 0, end: text.length, depth: -1, stream: true } : docs[0];
  // the printed text of a member, made at least MIN long with its trailing comma when that helps
  const memberText = (m) => {
    if (m.v.t !== 's') return null;
    let s = text.slice(m.keyStart, m.v.end);
    if (s.includes('\n')) return null;
    if (s.length < MIN && text[m.v.end] === ',') s += ',';
    if (s.length < MIN) return null;
    return s;
  };
  const get = (o, k) => (o && o.t === 'o' ? o.members.find((m) => m.key === k) : undefined);
  const isRecords = (a) => a.t === 'a' && a.items.length >= 2 && a.items.filter((x) => x.t === 'o').length >= 0.8 * a.items.length;

  // rule 1: the array of records: the document itself when it is one, else the largest one
  let records = null;
  if (opts.array) {
    records = resolvePath(root, opts.array);
  } else {
    // the document itself when it is an array of records of 3 or more; else the largest nested
    // array of 5 or more records; else a top-level array of 1 or 2 records
    const top = root.t === 'a' && root.items.length >= 1 && root.items.filter((x) => x.t === 'o').length >= 0.8 * root.items.length;
    if (top && root.items.length >= 3) records = root;
    else {
      walk(root, (n) => {
        if (n !== root && isRecords(n) && n.items.length >= 5 && (!records || n.items.length > records.items.length)) records = n;
      });
      if (!records && top) records = root;
    }
  }
  const ID_KEYS = ['number', 'id', 'name', 'key', 'title', 'sha', 'path', 'login', 'url'];
  const r1 = [];
  if (records) {
    const idOf = (rec) => {
      for (const k of ID_KEYS) {
        const m = get(rec, k);
        if (m && m.v.t === 's') return memberText(m);
      }
      return null;
    };
    let cands = records.items.map(idOf);
    if (!cands.some(Boolean)) {
      // no record has a listed identifying member: by the rule's intent, the scalar member present
      // in 80% of the records that tells most of them apart (at least 30%)
      const objs = records.items.filter((x) => x.t === 'o');
      let best = null;
      for (const m0 of objs[0]?.members ?? []) {
        if (m0.v.t !== 's') continue;
        const vals = objs.map((o) => get(o, m0.key)).filter((m) => m && m.v.t === 's');
        const distinct = new Set(vals.map((m) => JSON.stringify(m.v.value))).size;
        if (vals.length >= 0.8 * objs.length && distinct >= 0.3 * objs.length && (!best || distinct > best.distinct)) best = { key: m0.key, distinct };
      }
      if (best) {
        {
          const m0 = { key: best.key };
          cands = records.items.map((o) => {
            const m = get(o, m0.key);
            return m && m.v.t === 's' ? memberText(m) : null;
          });
          notes.push(`no listed identifying member: ${JSON.stringify(m0.key)} used`);
        }
      }
    }
    const withId = records.items.map((_, i) => i).filter((i) => cands[i]);
    notes.push(`records: ${records.stream ? 'the stream of top-level values' : `array at offset ${records.start}`} (${records.items.length} items, ${withId.length} with an identifying member)`);
    records.r1 = withId.map((i) => cands[i]);
    if (withId.length < 3) {
      // fewer than 3 records: by the rule's intent (identify every record) each record's next
      // identifying member is added too
      for (const rec of records.items) {
        let seen = 0;
        for (const k of ID_KEYS) {
          const m = get(rec, k);
          if (m && m.v.t === 's' && memberText(m) && ++seen === 2) records.r1.push(memberText(m));
        }
      }
      notes.push('under 3 records: the second identifying member of each record added');
    }
  }

  // rule 2: failures
  const failures = [];
  walk(root, (n) => {
    if (n.t !== 'o') return;
    const st = get(n, 'status');
    const sev = get(n, 'severity');
    const lvl = get(n, 'level') ?? get(n, 'kind');
    const failed =
      (st && st.v.t === 's' && ((typeof st.v.value === 'number' && st.v.value >= 400) || /^(fail|failed|failure|error|errored)$/i.test(String(st.v.value)))) ||
      (sev && sev.v.t === 's' && (sev.v.value === 2 || /^(error|fatal|critical)$/i.test(String(sev.v.value)))) ||
      (lvl && lvl.v.t === 's' && /^(error|fatal)$/i.test(String(lvl.v.value)));
    if (!failed) return;
    const out = [];
    if (st) out.push(memberText(st));
    const resp = get(n, 'response')?.v;
    const msgs = ['message', 'msg', 'error', 'rendered'];
    let msg = null;
    for (const o of [n, resp]) for (const k of msgs) if (!msg) {
      const m = get(o, k);
      if (m && m.v.t === 's' && typeof m.v.value === 'string') msg = m;
    }
    if (msg) out.push(memberText(msg));
    let code = null;
    for (const o of [n, resp]) for (const k of ['code', 'ruleId', 'errorCode', 'error_code', 'option']) if (!code) {
      const m = get(o, k);
      if (m && m.v.t === 's' && m.v.value !== null) code = m;
      else if (m && m.v.t === 'o') code = get(m.v, 'code') ?? null;
    }
    if (code) out.push(memberText(code));
    const got = out.filter(Boolean);
    // failures that print the same needles as an earlier one add nothing
    if (got.length && !failures.some((f) => f.join('\n') === got.join('\n'))) failures.push(got);
  });
  const r2 = uniq(failures.slice(0, 4).flat());
  if (failures.length) notes.push(`failures: ${failures.length} failed objects, first ${Math.min(4, failures.length)} used`);

  // rule 4: the largest object of named entries (every member's value an object)
  let map = null;
  if (opts.map) map = resolvePath(root, opts.map);
  else
    // objects of 5+ members that are all objects, or of 20+ members that are all scalars;
    // the shallowest, then the largest
    walk(root, (n) => {
      const isMap = n.t === 'o' && ((n.members.length >= 5 && n.members.every((m) => m.v.t === 'o')) || (n.members.length >= 20 && n.members.every((m) => m.v.t === 's')));
      if (isMap && (!map || n.depth < map.depth || (n.depth === map.depth && n.members.length > map.members.length))) map = n;
    });
  const r4 = [];
  if (map) {
    const keyText = (m) => text.slice(m.keyStart, m.keyEnd);
    const keys = map.members.filter((m) => keyText(m).length >= MIN);
    if (keys.length < map.members.length) notes.push(`map: ${map.members.length - keys.length} entries with keys under ${MIN} characters passed over`);
    r4.keys = keys.map(keyText);
    const first = map.members[0];
    const ver = first.v.t === 'o' ? get(first.v, 'version') : null;
    r4.version = ver ? memberText(ver) : null;
    notes.push(`map of named entries at offset ${map.start} (${map.members.length} entries)`);
  }

  // rule 3: outliers among the records (or the map's entries)
  const r3 = [];
  const recs = records ? records.items.filter((x) => x.t === 'o') : map && map.members.every((m) => m.v.t === 'o') ? map.members.map((m) => m.v) : [];
  if (recs.length >= 4) {
    const fields = new Map();
    for (const r of recs)
      for (const m of r.members)
        if (m.v.t === 's') {
          if (!fields.has(m.key)) fields.set(m.key, []);
          fields.get(m.key).push(m);
        }
    for (const [k, ms] of fields) {
      if (r3.length >= 3) break;
      if (ms.length < 0.8 * recs.length) continue;
      const counts = new Map();
      for (const m of ms) counts.set(JSON.stringify(m.v.value), (counts.get(JSON.stringify(m.v.value)) ?? 0) + 1);
      const singles = [...counts].filter(([, c]) => c === 1);
      if (counts.size >= 2 && singles.length === 1) {
        const m = ms.find((x) => JSON.stringify(x.v.value) === singles[0][0]);
        const t = memberText(m);
        if (t) r3.push(t);
        if (t) notes.push(`outlier in field ${JSON.stringify(k)}`);
      }
    }
  }

  // rule 5: top-level scalar members, first three in order
  const r5 = [];
  if (root.t === 'o' && map !== root)
    for (const m of root.members) {
      if (r5.length >= 3) break;
      const t = memberText(m);
      if (t && t.length <= 300) r5.push(t);
    }

  // budget: rules 2, 3 and 5 as found; the rest shared by rules 1 (up to 8) and 4 (up to 7)
  const fixed = r2.length + r3.length + r5.length;
  let budget = Math.max(0, CAP - fixed);
  const n1 = records?.r1?.length ?? 0;
  const n4 = (r4.keys?.length ?? 0) + (r4.version ? 1 : 0);
  let k1 = Math.min(8, n1);
  let k4 = Math.min(7, n4);
  while (k1 + k4 > budget) {
    if (k4 > k1 || (k4 > 0 && k1 <= 3)) k4--;
    else k1--;
  }
  const out = [];
  if (k1) out.push(...pick(records.r1, k1));
  if (k4) {
    const kk = r4.version ? k4 - 1 : k4;
    out.push(...pick(r4.keys, Math.min(kk, 6)));
    if (r4.version) out.push(r4.version);
  }
  out.push(...r2, ...r3, ...r5);
  return { needles: uniq(out.filter((n) => n && n.length >= MIN)).slice(0, CAP), notes };
}

function resolvePath(root, p) {
  let n = root;
  for (const part of p.split('.').filter(Boolean)) {
    if (n.t === 'a') n = n.items[Number(part)];
    else n = n.members.find((m) => m.key === part).v;
  }
  return n;
}

// ---------------------------------------------------------------- prose
function firstSentence(line) {
  const t = line.trim();
  const m = /^(.*?[.!?])(\s|$)/.exec(t);
  return m ? m[1] : t;
}
const isProseLine = (l) =>
  l.trim().length > 0 &&
  !/^\s*([-*+]\s|\d+[.)]\s|[|<>#=~`]|!\[|\[!\[|\.\.\s|:\w+:)/.test(l) &&
  !/^( {4}|\t)/.test(l) &&
  /[a-zA-Z]{3}/.test(l);

function proseNeedles(text, opts = {}) {
  const notes = [];
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const md = opts.markdown ?? (/^#{1,6}\s+\S/m.test(text) || /^```/m.test(text));
  const headings = []; // {line index, needle}
  const inCode = new Array(lines.length).fill(false);
  if (md) {
    let fence = null;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i];
      const f = /^\s*(```+|~~~+)/.exec(l);
      if (fence) {
        inCode[i] = true;
        if (f && f[1][0] === fence[0] && f[1].length >= fence.length && l.trim() === f[1].trim().replace(/\s.*/, '')) fence = null;
        else if (f && l.trim().startsWith(fence) && l.trim().replace(/[`~]/g, '') === '') fence = null;
        continue;
      }
      if (f) {
        fence = f[1];
        inCode[i] = true;
        continue;
      }
      if (/^#{1,6}\s+\S/.test(l)) headings.push({ i, text: l.trim() });
      else if (i + 1 < lines.length && l.trim() && !/^\s/.test(l) && /^(=+|-+)\s*$/.test(lines[i + 1]) && lines[i + 1].trim().length >= 3 && isProseLine(l) && (i === 0 || !lines[i - 1].trim()))
        headings.push({ i, text: l.trim(), setext: true });
    }
  } else {
    // plain text (man pages, --help, changelogs): a heading is a line at column 0 after a blank
    // line (or first), followed by an indented non-blank line
    // (plain text: a line at column 0 after a blank line, followed by an indented line, by an
    // underline, or by a blank line when it is short and does not end like a sentence)
    for (let i = 0; i < lines.length - 1; i++) {
      const l = lines[i];
      if (!l.trim() || /^\s/.test(l) || l.length > 80) continue;
      if (i > 0 && lines[i - 1].trim() && !/^[=-]{3,}\s*$/.test(lines[i - 1])) continue;
      if (/^[=-]{3,}\s*$/.test(l)) continue;
      const next = lines[i + 1];
      if (/^\s+\S/.test(next)) headings.push({ i, text: l.trim() });
      else if (/^[=-]{3,}\s*$/.test(next)) headings.push({ i, text: l.trim(), setext: true });
      else if (!next.trim() && l.trim().length <= 60 && !/[.,;]$/.test(l.trim()) && (lines[i + 2] ?? '').trim()) headings.push({ i, text: l.trim() });
    }
  }
  const hNeedles = headings.map((h) => h.text).filter((t) => t.length >= MIN);
  if (hNeedles.length < headings.length) notes.push(`${headings.length - hNeedles.length} headings under ${MIN} characters passed over`);
  const allHeads = uniq(hNeedles);

  // inline code spans, outside fenced blocks
  const spans = [];
  for (let i = 0; i < lines.length; i++) {
    if (inCode[i]) continue;
    for (const m of lines[i].matchAll(/(?<!`)`([^`\n]{3,})`(?!`)/g)) {
      // in plain text, `quote' pairs (GNU style) are not code spans
      if (!md && (/'/.test(m[1]) || /^\s|\s$/.test(m[1]))) continue;
      spans.push(m[0]);
    }
  }
  const spanNeedles = uniq(spans).filter((s) => s.length >= MIN);
  const r2 = pick(spanNeedles, 5);
  notes.push(`${spans.length} inline code spans (${uniq(spans).length} distinct)`);

  // first sentence of sections (the text under a heading; one section before the first heading)
  const bounds = headings.map((h) => h.i);
  const sections = [];
  const starts = [0, ...bounds.map((b, k) => b + (headings[k].setext ? 2 : 1))];
  const ends = [...bounds, lines.length];
  // in plain text the lines before the first heading are a running header, not a section
  for (let s = !md && headings.length ? 1 : 0; s < starts.length; s++) {
    for (let i = starts[s]; i < ends[s]; i++) {
      if (inCode[i]) continue;
      if (isProseLine(lines[i]) || (!md && lines[i].trim() && /[a-z]{3}/.test(lines[i]))) {
        const sent = firstSentence(lines[i].replace(/^\s*([-*+]|\d+[.)])\s+/, ''));
        if (sent.length >= 20) sections.push(sent);
        break;
      }
    }
  }
  const r3 = pick(sections, 3);
  notes.push(`${headings.length} headings, ${sections.length} sections with a first sentence (within its first line)`);
  // headings get what the cap leaves after the code spans and sentences (at most 8)
  const r1 = pick(allHeads, Math.min(8, CAP - r2.length - r3.length));
  return { needles: uniq([...r1, ...r2, ...r3]).slice(0, CAP), notes };
}

// ---------------------------------------------------------------- html
function htmlNeedles(text) {
  const notes = [];
  const textNodes = (inner) =>
    inner
      .replace(/<!--[\s\S]*?-->/g, '<>')
      .split(/<[^>]*>/)
      .flatMap((s) => s.split('\n'))
      .map((s) => s.trim())
      .filter(Boolean);
  const longest = (arr) => arr.reduce((a, b) => (b.length > a.length ? b : a), '');
  const out = [];
  const t = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text);
  if (t) {
    const s = longest(textNodes(t[1]));
    if (s.length >= MIN) out.push(s);
  }
  // the article: <main>, <article>, role=main or a Sphinx/docs body, else <body>
  let region = text;
  let where = 'whole page';
  for (const re of [/<article[\s>]/i, /<main[\s>]/i, /role="main"/i, /<div[^>]+id="(apicontent|content|main-content|main)"/i, /<div[^>]+class="[^"]*\b(body|content|document|devsite-article-body)\b/i, /<body[\s>]/i]) {
    const m = re.exec(text);
    if (m) {
      region = text.slice(m.index);
      where = m[0];
      break;
    }
  }
  // ... up to the first footer, sidebar or end of the article/main element after it
  const endRe = /<\/article>|<\/main>|<footer[\s>]|class="(sphinxsidebar|footer|related)"|id="(footer|sidebar)"/i;
  const e = endRe.exec(region.slice(1));
  if (e) {
    region = region.slice(0, e.index + 1);
    where += ` to ${JSON.stringify(e[0])}`;
  }
  notes.push(`article region starts at ${JSON.stringify(where)}`);
  region = region.replace(/<script[\s\S]*?<\/script>/gi, '').replace(/<style[\s\S]*?<\/style>/gi, '');
  const heads = [];
  for (const m of region.matchAll(/<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1>/gi)) {
    const s = longest(textNodes(m[2]));
    if (s.length >= MIN) heads.push(s);
  }
  const sentences = [];
  let blocks = [...region.matchAll(/<p\b[^>]*>([\s\S]*?)<\/p>/gi)].map((m) => m[1]);
  const fromBlocks = (bs) => {
    const before = sentences.length;
    collect(bs);
    return sentences.length - before;
  };
  if (fromBlocks(blocks) < 3) {
    // pages that keep their text outside <p> (javadoc's div.block, dd, li, td): every block of the
    // article except pre, headings and tables of contents
    notes.push('under 3 sentences in <p>: other text blocks used');
    sentences.length = 0;
    blocks = [region.replace(/<pre\b[\s\S]*?<\/pre>/gi, '<>').replace(/<h([1-6])\b[\s\S]*?<\/h\1>/gi, '<>')];
    fromBlocks(blocks);
  }
  function collect(bs) {
  for (const b of bs) {
    const inner = b.replace(/<!--[\s\S]*?-->/g, '<>');
    for (const node of inner.split(/<[^>]*>/)) {
      for (const line of node.split('\n')) {
        const parts = line.trim().split(/(?<=[.!?])\s+(?=[A-Z])/);
        for (const [k, s] of parts.entries()) {
          // a whole sentence: it starts the text node (or follows another sentence), starts upper-case and ends with . ! ?
          if (k === 0 && line.trim() !== node.trim().split('\n')[0].trim() && !/^\s*$/.test(node.split('\n')[0])) continue;
          const balanced = (s.match(/\(/g) ?? []).length === (s.match(/\)/g) ?? []).length;
          if (/^[A-Z]/.test(s) && /[.!?]$/.test(s) && !/\b(e\.g|i\.e|etc|vs|cf)\.$/.test(s) && balanced && s.length >= 30 && s.length <= 300 && /\s/.test(s)) sentences.push(s);
        }
      }
    }
  }
  }
  const nh = Math.min(heads.length, CAP - out.length - Math.min(5, sentences.length));
  out.push(...pick(uniq(heads), Math.min(nh, 9)));
  const ns = Math.min(5, CAP - out.length);
  out.push(...pick(uniq(sentences), ns));
  notes.push(`${heads.length} headings, ${sentences.length} whole one-line sentences in <p>`);
  return { needles: uniq(out).slice(0, CAP), notes };
}

// ---------------------------------------------------------------- code
const CODE_RULES = {
  // ESM / TS exports, CommonJS exports; declaration files' declare forms
  // ESM/TS exports, CommonJS exports, methods set on an exported object or prototype, and the
  // public methods of top-level classes (two-space indent, no _ or # prefix)
  js: [/^export\s+(default\s+)?(async\s+)?(function\*?|class|const|let|var|interface|type|enum|abstract\s+class|declare|namespace)\b/, /^(module\.)?exports\.\w+\s*=/, /^module\.exports\s*=/, /^declare\s+(function|class|const|let|var|namespace|module|interface|type|enum)\b/, /^[A-Za-z$][\w$]*(\.prototype)?\.[A-Za-z]\w*\s*=\s*(async\s+)?function\b/, /^class\s+[A-Za-z]\w*/, /^  (static\s+|async\s+|get\s+|set\s+|public\s+|readonly\s+|abstract\s+)*(?!(if|for|while|switch|catch|return|function|constructor)\b)[A-Za-z]\w*\s*(<[^>]*>)?\s*\([^;]*$/],
  dts: [/^\s*export\s+(default\s+)?(declare\s+)?(function|class|const|let|var|interface|type|enum|abstract\s+class|namespace)\b/, /^\s*(declare\s+)(function|class|const|let|var|namespace|module|interface|type|enum)\b/, /^\s{0,8}(function|interface|class|type|const|namespace)\s+[A-Za-z]\w*/],
  py: [/^(async\s+)?def\s+[A-Za-z]\w*\s*\(/, /^class\s+[A-Za-z]\w*/, /^    (async\s+)?def\s+(?!_)\w+\s*\(/, /^    def\s+__init__\s*\(/],
  go: [/^func\s+(\([^)]*\)\s*)?[A-Z]\w*\s*[[(]/, /^type\s+[A-Z]\w*\s/, /^(var|const)\s+[A-Z]\w*/],
  rs: [/^\s*pub\s+(const\s+|async\s+|unsafe\s+|extern\s+"C"\s+)*(fn|struct|enum|trait|type|const|static|mod|union|macro)\b/, /^macro_rules!\s*\w+/],
  c: [/^(extern\s+)?[A-Za-z_][\w\s\*]*?\b[A-Za-z_]\w*\s*\((?!\*)[^;]*$|^(extern\s+)?[A-Za-z_][\w\s\*]*?\b[A-Za-z_]\w*\s*\([^)]*\)[^;{]*;/, /^typedef\s+/, /^(struct|union|enum)\s+\w+\s*\{?\s*$/, /^#\s*define\s+[A-Za-z_]\w*/],
  java: [/^\s*public\s+(?!.*=)/, /^\s*protected\s+(?!.*=)[\w<>,\[\]\s]+\(/],
  rb: [/^\s*(class|module)\s+[A-Z]/, /^\s*def\s+(self\.)?[a-z_]\w*[?!=]?/],
  php: [/^\s*(final\s+|abstract\s+)*(class|interface|trait|enum)\s+\w+/, /^\s*(public\s+)?(static\s+)?function\s+(?!_)\w+\s*\(/, /^\s*public\s+(static\s+)?(readonly\s+)?[\w?|\\]*\s*\$/],
  sh: [/^(function\s+)?[A-Za-z][\w:-]*\s*\(\)\s*\{?/, /^function\s+[A-Za-z][\w:-]*/],
  lua: [/^function\s+[A-Za-z][\w.:]*\s*\(/, /^[A-Za-z][\w]*\.[A-Za-z_]\w*\s*=\s*function/],
  pl: [/^sub\s+(?!_)\w+/, /^package\s+[\w:]+/],
};
function codeNeedles(text, lang) {
  const notes = [];
  const rules = CODE_RULES[lang];
  if (!rules) throw new Error(`no code rule for ${lang}`);
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const sigs = [];
  let rubyPrivate = false;
  let jsClass = false;
  let pyClassPublic = true;
  let inComment = false;
  for (const l of lines) {
    if (lang === 'c' || lang === 'java' || lang === 'js' || lang === 'dts' || lang === 'php' || lang === 'go' || lang === 'rs') {
      const t = l.trim();
      if (inComment) {
        if (t.includes('*/')) inComment = false;
        continue;
      }
      if (t.startsWith('/*') && !t.includes('*/')) {
        inComment = true;
        continue;
      }
      if (t.startsWith('//') || t.startsWith('*') || t.startsWith('/*')) continue;
    }
    if (lang === 'py') {
      if (/^class\s/.test(l)) pyClassPublic = !/^class\s+_/.test(l);
      else if (/^\S/.test(l) && !/^(@|#)/.test(l)) pyClassPublic = true;
      if (/^    /.test(l) && !pyClassPublic) continue;
      if (/^\s*def\s+_/.test(l) && !/__init__/.test(l)) continue;
    }
    if (lang === 'rb') {
      if (/^\s*(class|module)\s/.test(l)) rubyPrivate = false;
      if (/^\s*(private|protected)\s*$/.test(l)) rubyPrivate = true;
      if (rubyPrivate && /^\s*def\s/.test(l)) continue;
    }
    if (lang === 'sh' && /^(function\s+)?_/.test(l)) continue;
    if (lang === 'c' && /^(static|local)\s/.test(l)) continue; // file-local, not public
    if (lang === 'js') {
      if (/^(export\s+(default\s+)?)?(abstract\s+)?class\s/.test(l)) jsClass = true;
      else if (/^(export\s+)?(declare\s+)?(interface|namespace)\b.*\{\s*$/.test(l)) jsClass = true;
      else if (/^}/.test(l)) jsClass = false;
      if (/^  \S/.test(l) && !jsClass && !rules.slice(0, -1).some((r) => r.test(l))) continue;
    }
    if (rules.some((r) => r.test(l))) sigs.push(l.trim().replace(/\s*\{\s*$/, (m) => (l.trim().length - m.length >= MIN ? '' : m)));
  }
  const ok = uniq(sigs.filter((s) => s.length >= MIN));
  notes.push(`${ok.length} public/exported declaration lines found (${lang})`);
  return { needles: pick(ok, CAP), notes };
}

export function needlesFor(type, text, opts = {}) {
  if (type === 'json') return jsonNeedles(text, opts);
  if (type === 'prose') return proseNeedles(text, opts);
  if (type === 'html') return htmlNeedles(text, opts);
  if (type === 'code') return codeNeedles(text, opts.lang);
  throw new Error(`jph-needles does not handle type ${type}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [type, file, ...rest] = process.argv.slice(2);
  const opts = {};
  for (const r of rest) {
    const m = /^--(\w+)=(.*)$/.exec(r);
    if (m) opts[m[1]] = m[2] === 'true' ? true : m[2] === 'false' ? false : m[2];
  }
  const { needles, notes } = needlesFor(type, fs.readFileSync(file, 'utf8'), opts);
  process.stdout.write(needles.map((n) => `${n}\n`).join(''));
  process.stderr.write(`${notes.join('; ')}\n`);
}
