import { CONTEXT, EXCEPTION_ALONE, FAILURE_HEADER, JUNIT_CASE, JUNIT_END, JUNIT_FAILED, KEY, NOISE, SEPARATOR, TEST_FILE, YAML_MESSAGE } from './rules.js';

// The parts of a failure that a line-by-line kind cannot see: the first lines
// of its message under its header, and the frame of a stack trace that lies
// in the test's own file. Both are promoted to key lines, so no budget cuts them.

/** Lines after a failure header that may hold the start of its message. */
const MESSAGE_WINDOW = 10;
/** Lines of a message kept with its header (a matcher hint, then the message). */
const MESSAGE_LINES = 2;

/** Marks the first lines of each failure's message as key. */
export function markMessages(views: readonly string[], kind: Uint8Array, depth: Uint16Array): void {
  const n = views.length;
  for (let i = 0; i < n; i++) {
    if (kind[i] === NOISE) continue;
    const v = views[i]!;
    if (kind[i] === KEY && (YAML_MESSAGE.test(v) || EXCEPTION_ALONE.test(v))) {
      let j = i + 1;
      while (j < n && views[j]!.trim() === '') j++;
      if (j < n && kind[j] === CONTEXT) kind[j] = KEY;
      continue;
    }
    if (!FAILURE_HEADER.test(v)) continue;
    let taken = 0;
    for (let j = i + 1; j < n && j <= i + MESSAGE_WINDOW && taken < MESSAGE_LINES; j++) {
      const w = views[j]!;
      if (FAILURE_HEADER.test(w)) break;
      if (w.trim() === '' || SEPARATOR.test(w) || depth[j]! > 0 || kind[j] === NOISE) continue;
      if (kind[j] === CONTEXT) kind[j] = KEY;
      taken++;
    }
  }
}

/**
 * Marks, in each stack trace, the first frame in a test file (with Go's call
 * line above its file:line): where the failing test stood, however deep the
 * runtime and library frames above it go.
 */
export function markTestFrames(views: readonly string[], kind: Uint8Array, depth: Uint16Array): void {
  let found = false;
  for (let i = 0; i < views.length; i++) {
    const d = depth[i]!;
    if (d === 0) continue;
    if (d === 1) found = false;
    if (found || kind[i] === NOISE || !TEST_FILE.test(views[i]!)) continue;
    found = true;
    kind[i] = KEY;
    if (views[i]!.startsWith('\t') && i > 0 && depth[i - 1]! > 0 && kind[i - 1] !== NOISE) kind[i - 1] = KEY;
  }
}

/** A Python traceback's frame line: `  File "x.py", line 12, in f`. */
const PY_FRAME = /^(\s*)File "[^"]*", line \d+/;
/** Lines a Python frame may print under its File line (source, carets). */
const PY_FRAME_LINES = 4;

/**
 * Marks the innermost frame of each Python traceback, the File line just above
 * the exception: where it was raised. Python prints frames outermost first, so
 * depth alone would keep the outer frames and cut this one.
 */
export function markRaiseFrames(views: readonly string[], kind: Uint8Array): void {
  for (let i = 1; i < views.length; i++) {
    if (kind[i] !== KEY) continue;
    const v = views[i]!;
    const indent = v.length - v.trimStart().length;
    for (let j = i - 1; j >= 0 && j >= i - PY_FRAME_LINES; j--) {
      const m = PY_FRAME.exec(views[j]!);
      if (!m) continue;
      if (m[1]!.length === indent + 2 && kind[j] !== NOISE) kind[j] = KEY;
      break;
    }
  }
}

/** Lines read past a JUnit test case's opening tag for its failure (its system-out may come first). */
const JUNIT_LOOKAHEAD = 200;

/**
 * JUnit XML, one element a line: a case whose next line closes it passed
 * (noise); a case with a failure or error before its end is where the failing
 * test's name is (key).
 */
export function markJUnitCases(views: readonly string[], kind: Uint8Array): void {
  for (let i = 0; i + 1 < views.length; i++) {
    if (!JUNIT_CASE.test(views[i]!)) continue;
    if (JUNIT_END.test(views[i + 1]!)) {
      kind[i] = NOISE;
      continue;
    }
    for (let j = i + 1; j < views.length && j <= i + JUNIT_LOOKAHEAD; j++) {
      const v = views[j]!;
      if (JUNIT_END.test(v) || JUNIT_CASE.test(v)) break;
      if (JUNIT_FAILED.test(v)) {
        kind[i] = KEY;
        break;
      }
    }
  }
}
