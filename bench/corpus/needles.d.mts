/** A function telling which needles `text` keeps, matched as a terminal shows them (ANSI escapes aside). */
export function needleMatcher(text: string): (needle: string) => boolean;
