/** Zero-based positions and ranges, shaped like LSP's so the shells convert nothing. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** A range that starts and ends at one position. */
export function emptyRange(line: number, character: number): Range {
  return { start: { line, character }, end: { line, character } };
}

/** The smallest range covering both ranges. */
export function coverRange(a: Range, b: Range): Range {
  return { start: a.start, end: comparePositions(a.end, b.end) >= 0 ? a.end : b.end };
}

/** Negative when a comes before b, zero when equal, positive after. */
export function comparePositions(a: Position, b: Position): number {
  return a.line !== b.line ? a.line - b.line : a.character - b.character;
}

/** Whether the position lies inside the range (end inclusive, as a cursor at a word's end still touches it). */
export function rangeContains(range: Range, pos: Position): boolean {
  return comparePositions(range.start, pos) <= 0 && comparePositions(pos, range.end) <= 0;
}

/** `line:col`, one-based, the way people and problem matchers read positions. */
export function formatPosition(pos: Position): string {
  return `${pos.line + 1}:${pos.character + 1}`;
}
