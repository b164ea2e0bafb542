/** `1 file`, `2 files`: a count and its noun, in the plural unless one. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
