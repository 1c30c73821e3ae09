// "Did you mean ...?" for near misses: a bounded edit distance over short strings only.
// Header values can be 100,000 characters long; anything past SUGGEST_MAX_LENGTH is not a
// typo of a short vocabulary word, so it is never compared.

export const SUGGEST_MAX_LENGTH = 64;

/** Levenshtein distance between a and b, or max + 1 as soon as it must exceed max. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length] as number;
}

/** How many edits still count as a typo of a word this long: one in a short word, up to
 * three in a long phrase, never as many as the word has characters. */
export function typoBudget(length: number): number {
  if (length <= 2) return 0;
  if (length <= 5) return 1;
  if (length <= 12) return 2;
  return 3;
}

export interface Candidate<T> {
  /** Compared case-insensitively. */
  spelling: string;
  value: T;
}

/** The candidate closest to `written` within the typo budget (ties: the first listed),
 * or null. Case differences alone count as distance 0. */
export function closest<T>(written: string, candidates: readonly Candidate<T>[]): T | null {
  if (written.length === 0 || written.length > SUGGEST_MAX_LENGTH) return null;
  const w = written.toLowerCase();
  const budget = typoBudget(w.length);
  let best: T | null = null;
  let bestDistance = budget + 1;
  for (const c of candidates) {
    const d = editDistance(w, c.spelling.toLowerCase(), Math.min(budget, bestDistance - 1));
    if (d < bestDistance) {
      bestDistance = d;
      best = c.value;
      if (d === 0) break;
    }
  }
  return best;
}
