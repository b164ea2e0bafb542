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

/** Whether two ranges start and end at the same positions. */
export function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** Whether the position lies inside the range (end inclusive, as a cursor at a word's end still touches it). */
export function rangeContains(range: Range, pos: Position): boolean {
  return comparePositions(range.start, pos) <= 0 && comparePositions(pos, range.end) <= 0;
}

/** `line:col`, one-based, the way people and problem matchers read positions. */
export function formatPosition(pos: Position): string {
  return `${pos.line + 1}:${pos.character + 1}`;
}

/** The position `lines` lines further down (up when negative); the same position when it does not move. */
export function movedPosition(position: Position, lines: number): Position {
  return lines === 0 ? position : { line: position.line + lines, character: position.character };
}

/** The range `lines` lines further down (up when negative). */
export function movedRange(range: Range, lines: number): Range {
  return { start: movedPosition(range.start, lines), end: movedPosition(range.end, lines) };
}

/**
 * A copy of plain data (objects, arrays, scalars: syntax, a `when` condition) with every position
 * in it `lines` lines further down, a position being an object with a numeric `line` and `character`.
 */
export function movedLines<T>(node: T, lines: number): T {
  if (typeof node !== 'object' || node === null) return node;
  if (Array.isArray(node)) return node.map((item: unknown) => movedLines(item, lines)) as T;
  const fields = node as Record<string, unknown>;
  if (typeof fields.line === 'number' && typeof fields.character === 'number') return { line: fields.line + lines, character: fields.character } as T;
  const copy: Record<string, unknown> = {};
  for (const key in fields) copy[key] = movedLines(fields[key], lines);
  return copy as T;
}
