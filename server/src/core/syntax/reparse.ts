import { LineIndex } from '../text/line-index';
import { Position, Range } from '../text/range';
import { Comment, Declaration } from './ast';
import { maxFileLength, parseMoat, ParseResult } from './parse';

/** A file's previous text and what parsing it gave: the starting point of a reparse. */
export interface PreviousParse {
  readonly text: string;
  readonly result: ParseResult;
}

/**
 * Parses a file's new text, reusing the top-level declarations of its previous parse that the
 * edit did not touch: only the lines between them are parsed again. The result is always the
 * one `parseMoat` gives; whenever reuse cannot be shown safe, it is `parseMoat`.
 */
export function reparseMoat(uri: string, previous: PreviousParse, text: string): ParseResult {
  return reparseChangedLines(uri, previous, text) ?? parseMoat(uri, text);
}

/**
 * The parse of the new text from the untouched declarations of the previous parse and a parse of
 * the changed lines, or undefined when that would not be exactly what a whole parse gives: syntax
 * errors on either side (recovery depends on what follows), a comment cut by the reparsed lines,
 * or an edit that joins lines at its ends.
 */
export function reparseChangedLines(uri: string, previous: PreviousParse, text: string): ParseResult | undefined {
  const old = previous.text;
  const before = previous.result;
  if (text.length > maxFileLength || old === text || text.includes('\0')) return undefined;

  // The edit is the span between the longest common prefix and the longest common suffix. Both stop
  // short of splitting a `\r\n`, so the lines around the edit are the same lines in both texts.
  const shorter = Math.min(old.length, text.length);
  const prefix = commonPrefix(old, text, shorter);
  const suffix = commonSuffix(old, text, shorter - prefix);
  const editStart = prefix > 0 && old.charCodeAt(prefix - 1) === 13 ? prefix - 1 : prefix;
  const editEnd = old.length - (suffix > 0 && old.charCodeAt(old.length - suffix) === 10 ? suffix - 1 : suffix);

  const oldLines = new LineIndex(old);
  const newLines = new LineIndex(text);
  const firstChangedLine = oldLines.positionAt(editStart).line;
  const lastChangedLine = oldLines.positionAt(editEnd).line;
  const lineDelta = newLines.lineCount - oldLines.lineCount;

  // Declarations wholly on lines before the edit, and wholly on lines after it, each alone on its first and last line.
  const declarations = before.file.declarations;
  let kept = 0;
  while (kept < declarations.length && declarations[kept].range.end.line < firstChangedLine && startsAfter(declarations, kept + 1, declarations[kept].range.end.line)) kept++;
  let tail = declarations.length;
  while (tail > kept && declarations[tail - 1].range.start.line > lastChangedLine && (tail - 1 === kept || declarations[tail - 2].range.end.line < declarations[tail - 1].range.start.line)) tail--;

  const fromLine = kept > 0 ? declarations[kept - 1].range.end.line + 1 : 0;
  const oldToLine = tail < declarations.length ? declarations[tail].range.start.line : oldLines.lineCount;
  const newToLine = oldToLine + lineDelta;
  if (newToLine < fromLine) return undefined;

  // Old problems must all lie in the lines parsed again (they are replaced); a comment must not cross the cut.
  if (before.diagnostics.some((d) => d.range.start.line < fromLine || d.range.end.line >= oldToLine)) return undefined;
  const comments = before.file.comments;
  if (comments.some((c) => crossesLine(c.range, fromLine) || crossesLine(c.range, oldToLine))) return undefined;

  // The changed lines are parsed where they stand: blank lines in front put every position right.
  const start = newLines.offsetAt({ line: fromLine, character: 0 });
  const end = newToLine < newLines.lineCount ? newLines.offsetAt({ line: newToLine, character: 0 }) : text.length;
  const middle = parseMoat(uri, '\n'.repeat(fromLine) + text.slice(start, end));
  if (middle.diagnostics.length > 0) return undefined;

  const moved = (range: Range) => range.start.line >= oldToLine;
  const after = declarations.slice(tail);
  return {
    file: {
      uri,
      declarations: [...declarations.slice(0, kept), ...middle.file.declarations, ...(lineDelta === 0 ? after : after.map((d) => shiftLines(d, lineDelta)))],
      comments: [
        ...comments.filter((c) => c.range.end.line < fromLine),
        ...middle.file.comments,
        ...comments.filter((c) => moved(c.range)).map((c): Comment => (lineDelta === 0 ? c : shiftLines(c, lineDelta))),
      ],
    },
    diagnostics: [],
    hasErrors: false,
  };
}

/** Text compared a block at a time: slices compare natively, a character loop is slow on the strings edits produce. */
const block = 1024;

/** How many leading characters two texts share, up to `limit`. */
function commonPrefix(a: string, b: string, limit: number): number {
  let n = 0;
  while (n + block <= limit && a.slice(n, n + block) === b.slice(n, n + block)) n += block;
  while (n < limit && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  return n;
}

/** How many trailing characters two texts share, up to `limit`. */
function commonSuffix(a: string, b: string, limit: number): number {
  let n = 0;
  while (n + block <= limit && a.slice(a.length - n - block, a.length - n) === b.slice(b.length - n - block, b.length - n)) n += block;
  while (n < limit && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}

/** Whether the declaration at `index` (if any) starts on a line after `line`. */
function startsAfter(declarations: readonly Declaration[], index: number, line: number): boolean {
  return index >= declarations.length || declarations[index].range.start.line > line;
}

/** Whether a range starts before a line and ends on or after it: cutting the text there would split it. */
function crossesLine(range: Range, line: number): boolean {
  return range.start.line < line && range.end.line >= line;
}

/** A copy of a syntax node with every position `delta` lines further down. */
function shiftLines<T>(node: T, delta: number): T {
  if (Array.isArray(node)) return node.map((item: unknown) => shiftLines(item, delta)) as T;
  if (node === null || typeof node !== 'object') return node;
  if (isPosition(node)) return { line: node.line + delta, character: node.character } as T;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) copy[key] = shiftLines(value, delta);
  return copy as T;
}

function isPosition(node: object): node is Position {
  return typeof (node as Position).line === 'number' && typeof (node as Position).character === 'number';
}
