// Scores `headroom learn`'s rules against the written annotations of the wide
// transcript set (README.md here): coverage of annotated failures and the
// share of rules that cover none. Pure: people and lessons in, figures out.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.dirname(fileURLToPath(import.meta.url));

/** Every person's meta.json with the session files that were built (none when not built yet). */
export function people(root = ROOT) {
  const dir = path.join(root, 'people');
  return fs
    .readdirSync(dir)
    .sort()
    .map((person) => {
      const meta = JSON.parse(fs.readFileSync(path.join(dir, person, 'meta.json'), 'utf8'));
      const sessions = path.join(dir, person, 'sessions');
      const files = fs.existsSync(sessions) ? fs.readdirSync(sessions).sort().map((f) => path.join(sessions, f)) : [];
      return { ...meta, files };
    });
}

/** The annotated failures of some people, each with the regexes a covering rule must match. */
export function annotations(list) {
  return list.flatMap((p) =>
    Object.entries(p.sessions).flatMap(([session, s]) => s.failures.map((f) => ({ person: p.person, session, ...f, res: f.match.map((m) => new RegExp(m, 'i')) }))),
  );
}

/** Does `lesson` cover `a`: its rule matches every expression, and its evidence includes that session. */
export function covers(lesson, a) {
  return a.res.every((re) => re.test(lesson.rule)) && lesson.evidence.some((e) => e.session === a.session || e.session.startsWith(`${a.session}/`));
}

export function score(lessons, notes) {
  const covered = notes.filter((a) => lessons.some((l) => covers(l, a)));
  const noise = lessons.filter((l) => !notes.some((a) => covers(l, a)));
  return {
    annotated: notes.length,
    covered: covered.length,
    coverage: notes.length ? covered.length / notes.length : 0,
    rules: lessons.length,
    noise: noise.length,
    noiseShare: lessons.length ? noise.length / lessons.length : 0,
    missed: notes.filter((a) => !covered.includes(a)),
    noisy: noise,
  };
}
