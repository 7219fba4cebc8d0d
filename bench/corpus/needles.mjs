// Whether an output keeps a needle, for the bench and the tests alike. A
// needle is matched as a terminal shows it: ANSI escape sequences (colours,
// cursor moves) in the output or in the needle do not count, since headroom
// drops them from every output as what a reader never saw.
const ANSI = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])/g;

const visible = (s) => (s.includes('\x1b') ? s.replace(ANSI, '') : s);

/** A function telling which needles `text` keeps (the text's visible form is computed once). */
export function needleMatcher(text) {
  let shown;
  return (needle) => {
    if (text.includes(needle)) return true;
    shown ??= visible(text);
    return shown.includes(visible(needle));
  };
}
