import fs from 'node:fs';
import path from 'node:path';
import type { Lesson } from './types.js';

// The lessons of the last run, kept so `headroom learn --review` can bring
// its proposals back without scanning again. Owner-only, under XDG state.

interface SavedLessons {
  readonly version: 1;
  readonly savedAt: string;
  readonly cwd: string;
  readonly lessons: readonly Lesson[];
}

const fileOf = (stateDir: string) => path.join(stateDir, 'learn', 'lessons.json');

export function saveLessons(stateDir: string, cwd: string, lessons: readonly Lesson[], now = new Date()): string {
  const file = fileOf(stateDir);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  const body: SavedLessons = { version: 1, savedAt: now.toISOString(), cwd, lessons };
  fs.writeFileSync(tmp, `${JSON.stringify(body)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
  return file;
}

/** The saved lessons, or undefined when there are none (or the file is not ours to read). */
export function loadLessons(stateDir: string): SavedLessons | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(fileOf(stateDir), 'utf8')) as Partial<SavedLessons>;
    if (parsed.version !== 1 || !Array.isArray(parsed.lessons) || typeof parsed.cwd !== 'string') return undefined;
    return parsed as SavedLessons;
  } catch {
    return undefined;
  }
}
