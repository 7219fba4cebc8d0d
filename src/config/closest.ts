import { closest, distance } from 'fastest-levenshtein';

/**
 * The known name a typo most likely meant ("stroe" -> "store"), or undefined
 * when none is near: a suggestion that is far off misleads more than none.
 * Case is ignored ("storettldays" -> "storeTtlDays").
 */
export function closestName(name: string, known: readonly string[]): string | undefined {
  if (known.length === 0) return undefined;
  const lower = known.map((k) => k.toLowerCase());
  // A name cut short ("HEADROOM_STORE_TTL") meant the known one it begins, however far in edits.
  const begun = lower.filter((k) => k.startsWith(name.toLowerCase())).sort((a, b) => a.length - b.length)[0];
  if (begun !== undefined && name.length >= 4) return known[lower.indexOf(begun)];
  const best = closest(name.toLowerCase(), lower);
  const d = distance(name.toLowerCase(), best);
  return d <= Math.max(2, Math.floor(best.length / 3)) ? known[lower.indexOf(best)] : undefined;
}
