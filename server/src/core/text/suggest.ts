import { quote } from './quote';

/**
 * Edit distance between two words (insertions, deletions, substitutions, adjacent swaps). With a
 * `limit`, any distance above it may be given as `limit + 1`: a word that is far off is dropped
 * without working out how far.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (a === b) return 0;
  // Three rows of the table suffice: an adjacent swap looks two rows back.
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    // Row minima never decrease (a swap costs no less than the substitution one row up): once a row is past the limit, so is the distance.
    if (rowMin > limit) return limit + 1;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[b.length], limit + 1);
}

/** How far a candidate is from a misspelt word, or undefined when it is too far off to be what was meant. */
export function closeness(word: string, candidate: string): number | undefined {
  const limit = Math.max(1, Math.floor(word.length / 3));
  if (Math.abs(candidate.length - word.length) > limit) return undefined;
  const lower = word.toLowerCase();
  const other = candidate.toLowerCase();
  const distance = other === lower ? 0 : editDistance(lower, other, limit);
  return distance <= limit ? distance : undefined;
}

/**
 * The candidates close enough to a misspelt word to be what was meant, closest first (at most
 * three). `distance` may answer from a memo of `closeness` when the same pairs come up again.
 */
export function suggestNames(word: string, candidates: Iterable<string>, distance = (candidate: string) => closeness(word, candidate)): string[] {
  const scored: Array<[string, number]> = [];
  for (const candidate of candidates) {
    const d = distance(candidate);
    if (d !== undefined) scored.push([candidate, d]);
  }
  return scored
    .sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : 1))
    .slice(0, 3)
    .map(([name]) => name);
}

/** ` (did you mean `x`?)`, or nothing when there is no close candidate. */
export function didYouMean(suggestions: readonly string[]): string {
  if (suggestions.length === 0) return '';
  return ` (did you mean ${suggestions.map((s) => quote(s)).join(' or ')}?)`;
}
