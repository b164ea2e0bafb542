import { LineIndex } from '../text/line-index';
import { movedLines, movedPosition, movedRange, Position, Range } from '../text/range';
import { Comment, Declaration, MoatFile, Name, Property, Value } from './ast';
import { maxFileLength, parseMoat, parseMoatBody, ParseResult } from './parse';

/** A file's previous text and what parsing it gave: the starting point of a reparse. */
export interface PreviousParse {
  readonly text: string;
  readonly result: ParseResult;
}

/**
 * Parses a file's new text, reusing what the edit did not touch from its previous parse: only
 * the lines between the untouched declarations (or, for an edit inside a body, between the
 * untouched properties and declarations of the innermost body holding it) are parsed again. The
 * result is always the one `parseMoat` gives; whenever reuse cannot be shown safe, it is `parseMoat`.
 */
export function reparseMoat(uri: string, previous: PreviousParse, text: string): ParseResult {
  return settled(reparseMoatLazily(uri, previous, text));
}

/**
 * `reparseMoat`, but the declarations after the edit are copied down when first read (see
 * `settleMoves`): their copies are most of a mid-file edit's cost, and the analysis of the new text
 * never reads them (the linker moves its own part of them). Whoever reads the syntax of a result
 * must settle it first; the workspace does so for every parse it hands out.
 */
export function reparseMoatLazily(uri: string, previous: PreviousParse, text: string): ParseResult {
  return reparseChanged(uri, previous, text) ?? parseMoat(uri, text);
}

/** The lines an edit changed, in the old text, and how many lines it added (negative: removed). */
interface Edit {
  readonly firstLine: number;
  readonly lastLine: number;
  readonly lineDelta: number;
}

/** Items in a sequence split around an edit: `kept` come before it, from `tail` on after it; the lines in between are parsed again. */
interface Split {
  readonly kept: number;
  readonly tail: number;
  readonly fromLine: number;
  /** In the old text. */
  readonly toLine: number;
}

/**
 * The parse of the new text from the untouched parts of the previous parse and a parse of the
 * changed lines, or undefined when that would not be exactly what a whole parse gives: syntax
 * errors on either side (recovery depends on what follows), a comment cut by the reparsed lines,
 * or a `when` expression beside the cut (an expression can run on into the next line).
 */
export function reparseChangedLines(uri: string, previous: PreviousParse, text: string): ParseResult | undefined {
  const result = reparseChanged(uri, previous, text);
  return result && settled(result);
}

/** `reparseChangedLines` with the declarations after the edit copied when first read. */
function reparseChanged(uri: string, previous: PreviousParse, text: string): ParseResult | undefined {
  const old = previous.text;
  const before = previous.result;
  if (text.length > maxFileLength || old === text || text.includes('\0')) return undefined;
  const oldLines = new LineIndex(old);
  const newLines = new LineIndex(text);
  const edit = changedLines(old, text, oldLines, newLines);

  const declarations = before.file.declarations;
  // A body left open holds what follows it, beyond the declaration's own range: no cut is safe.
  if (before.diagnostics.length > 0 && declarations.some(isUnclosed)) return undefined;
  const top = splitAround(declarations, edit, -1, oldLines.lineCount);
  if (!top) return undefined;
  const reparse: Reparse = { uri, text, newLines, edit, oldDiagnostics: before.diagnostics, oldComments: before.file.comments };

  // An edit inside one declaration's body: parse only the changed lines of the innermost body holding it.
  if (top.tail - top.kept === 1) {
    const inner = reparseInBody(reparse, settleMove(declarations[top.kept]), 1);
    if (inner) {
      return finish(reparse, { uri, declarations: [...declarations.slice(0, top.kept), inner.declaration, ...moveDeclarations(declarations.slice(top.tail), edit.lineDelta)] }, inner.split, inner.comments);
    }
  }

  const middle = parseChunk(reparse, top, parseMoat);
  if (!middle) return undefined;
  const file = { uri, declarations: [...declarations.slice(0, top.kept), ...middle.file.declarations, ...moveDeclarations(declarations.slice(top.tail), edit.lineDelta)] };
  return finish(reparse, file, top, middle.file.comments);
}

/** What every step of one reparse reads. */
interface Reparse {
  readonly uri: string;
  readonly text: string;
  readonly newLines: LineIndex;
  readonly edit: Edit;
  readonly oldDiagnostics: ParseResult['diagnostics'];
  readonly oldComments: readonly Comment[];
}

/** The result, once the old problems are known to lie in the reparsed lines and no comment crosses their edges. */
function finish(reparse: Reparse, file: { uri: string; declarations: Declaration[] }, split: Split, comments: readonly Comment[]): ParseResult | undefined {
  const { fromLine, toLine } = split;
  if (reparse.oldDiagnostics.some((d) => d.range.start.line < fromLine || d.range.end.line >= toLine)) return undefined;
  const old = reparse.oldComments;
  if (old.some((c) => crossesLine(c.range, fromLine) || crossesLine(c.range, toLine))) return undefined;
  return {
    file: {
      ...file,
      comments: [...old.filter((c) => c.range.end.line < fromLine), ...comments, ...shiftAll(old.filter((c) => c.range.start.line >= toLine), reparse.edit.lineDelta)],
    },
    diagnostics: [],
    hasErrors: false,
  };
}

/**
 * A declaration (whose body is `depth` bodies deep) whose body holds the whole edit, with only the
 * changed lines of its innermost such body parsed again; undefined when the edit touches its
 * braces or the body cannot be cut.
 */
function reparseInBody(reparse: Reparse, declaration: Declaration, depth: number): { declaration: Declaration; split: Split; comments: readonly Comment[] } | undefined {
  if (declaration.type === 'import' || !declaration.bodyRange) return undefined;
  const body = declaration.bodyRange;
  const { edit } = reparse;
  if (edit.firstLine <= body.start.line || edit.lastLine >= body.end.line) return undefined;
  if (declaration.properties.some(isExpression)) return undefined;

  const items: Array<Property | Declaration> = [...declaration.properties, ...declaration.children].sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
  const split = splitAround(items, edit, body.start.line, body.end.line);
  if (!split) return undefined;
  const tail = items.slice(split.tail);
  const kept = items.slice(0, split.kept);

  let properties: Property[] | undefined;
  let children: Declaration[] | undefined;
  let comments: readonly Comment[] | undefined;
  let at = split;
  const innerChild = split.tail - split.kept === 1 && items[split.kept].type !== 'property' ? reparseInBody(reparse, items[split.kept] as Declaration, depth + 1) : undefined;
  if (innerChild) {
    properties = [];
    children = [innerChild.declaration];
    comments = innerChild.comments;
    at = innerChild.split;
  } else {
    const chunk = parseChunk(reparse, split, (uri, text) => parseMoatBody(uri, text, depth));
    if (!chunk || chunk.properties.some(isExpression)) return undefined;
    properties = [...chunk.properties];
    children = [...chunk.children];
    comments = chunk.comments;
  }

  const moved = shiftAll(tail, edit.lineDelta);
  const end = movedPosition(body.end, edit.lineDelta);
  const rebuilt = {
    ...declaration,
    properties: [...kept.filter(isProperty), ...properties, ...moved.filter(isProperty)],
    children: [...kept.filter(isDeclaration), ...children, ...moved.filter(isDeclaration)],
    range: { start: declaration.range.start, end },
    bodyRange: { start: body.start, end },
  } as Declaration;
  return { declaration: rebuilt, split: at, comments };
}

/** Parses the new text of a split's changed lines where they stand: blank lines in front put every position right. */
function parseChunk<R extends { readonly diagnostics: readonly unknown[] }>(reparse: Reparse, split: Split, parse: (uri: string, text: string) => R): R | undefined {
  const { newLines, text, edit } = reparse;
  const toLine = split.toLine + edit.lineDelta;
  if (toLine < split.fromLine) return undefined;
  const start = newLines.offsetAt({ line: split.fromLine, character: 0 });
  const end = toLine < newLines.lineCount ? newLines.offsetAt({ line: toLine, character: 0 }) : text.length;
  const result = parse(reparse.uri, '\n'.repeat(split.fromLine) + text.slice(start, end));
  return result.diagnostics.length > 0 ? undefined : result;
}

/**
 * Splits a sequence of items (written in order, inside a body from `openLine` to `closeLine`, or
 * the whole file) around an edit: items wholly on lines before it, each alone on its last line,
 * are kept; items wholly on lines after it, each alone on its first line, are moved down. Undefined
 * when an item shares the line of the body's `{` or `}` with the lines to parse again.
 */
function splitAround(items: readonly { readonly range: Range }[], edit: Edit, openLine: number, closeLine: number): Split | undefined {
  let kept = 0;
  while (kept < items.length && items[kept].range.end.line < edit.firstLine && (kept + 1 === items.length || items[kept + 1].range.start.line > items[kept].range.end.line)) kept++;
  let tail = items.length;
  while (tail > kept && items[tail - 1].range.start.line > edit.lastLine && (tail - 1 === kept || items[tail - 2].range.end.line < items[tail - 1].range.start.line)) tail--;
  if (kept === 0 && items.length > 0 && items[0].range.start.line <= openLine) return undefined;
  if (tail === items.length && tail > kept && items[tail - 1].range.end.line >= closeLine) return undefined;
  return {
    kept,
    tail,
    fromLine: kept > 0 ? items[kept - 1].range.end.line + 1 : openLine + 1,
    toLine: tail < items.length ? items[tail].range.start.line : closeLine,
  };
}

/**
 * The lines between the longest common prefix and the longest common suffix of two texts. Both
 * stop short of splitting a `\r\n`, so the lines around the edit are the same lines in both.
 */
function changedLines(old: string, text: string, oldLines: LineIndex, newLines: LineIndex): Edit {
  const shorter = Math.min(old.length, text.length);
  const prefix = commonPrefix(old, text, shorter);
  const suffix = commonSuffix(old, text, shorter - prefix);
  const start = prefix > 0 && old.charCodeAt(prefix - 1) === 13 ? prefix - 1 : prefix;
  const end = old.length - (suffix > 0 && old.charCodeAt(old.length - suffix) === 10 ? suffix - 1 : suffix);
  return { firstLine: oldLines.positionAt(start).line, lastLine: oldLines.positionAt(end).line, lineDelta: newLines.lineCount - oldLines.lineCount };
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

function isProperty(item: Property | Declaration): item is Property {
  return item.type === 'property';
}

function isDeclaration(item: Property | Declaration): item is Declaration {
  return item.type !== 'property';
}

/** A declaration whose body was never closed: its range ends before what was read into its body. */
function isUnclosed(declaration: Declaration): boolean {
  if (declaration.type === 'import' || declaration.bodyRange !== undefined) return false;
  const read = settleMove(declaration) as Exclude<Declaration, { type: 'import' }>;
  return read.properties.length > 0 || read.children.length > 0;
}

/** A `when:` expression can continue on the next line (`and ...`), so a cut next to one is not safe. */
function isExpression(property: Property): boolean {
  return property.value?.type === 'expression' || property.key.text === 'when';
}

/** Whether a range starts before a line and ends on or after it: cutting the text there would split it. */
function crossesLine(range: Range, line: number): boolean {
  return range.start.line < line && range.end.line >= line;
}

/** A top-level declaration a reparse copied from the previous parse, moved down because lines were added or removed above it. */
export interface MovedDeclaration {
  /** The declaration of the previous parse it is a copy of. */
  readonly original: Declaration;
  /** How many lines further down it is (negative: up). */
  readonly lineDelta: number;
}

/** Copies made by reparses, by copy: the linker moves the part of the last link the original made rather than link the copy again. */
const movedDeclarations = new WeakMap<Declaration, MovedDeclaration>();

/** What a top-level declaration is a moved copy of, when a reparse made it by moving one of the previous parse. */
export function movedDeclaration(declaration: Declaration): MovedDeclaration | undefined {
  return movedDeclarations.get(declaration);
}

/** Top-level declarations after an edit, moved `delta` lines down, each copy noted with its original and copied out when first read (imports at once: the workspace reads them). */
function moveDeclarations(declarations: readonly Declaration[], delta: number): Declaration[] {
  if (delta === 0) return [...declarations];
  return declarations.map((original) => {
    const moved = original.type === 'import' ? (shiftNode(settleMove(original), delta) as Declaration) : placeholderOf(original, delta);
    movedDeclarations.set(moved, { original, lineDelta: delta });
    // Only the last parse's originals are asked for: a chain of copies, one per edit, would keep every parse ever made.
    movedDeclarations.delete(original);
    return moved;
  });
}

/** A declaration whose copy is still to be made: the whole declaration it copies and how many lines down. */
interface PendingMove {
  readonly from: Declaration;
  readonly lineDelta: number;
}

/** Placeholders by themselves; a settled one is no longer here. */
const pendingMoves = new WeakMap<Declaration, PendingMove>();
/** What a placeholder has for lists until it is settled: nothing reads them before. */
const noItems: never[] = [];

/**
 * The copy of a top-level declaration `delta` lines down, made when first read: for now its kind
 * and its ranges (a reparse reads those of every top-level declaration), the rest to come. A
 * placeholder of a placeholder is one of the declaration it stands for, whatever the edits between.
 */
function placeholderOf(original: Declaration, delta: number): Declaration {
  const pending = pendingMoves.get(original);
  const from = pending?.from ?? original;
  const lineDelta = (pending?.lineDelta ?? 0) + delta;
  const range = movedRange(from.range, lineDelta);
  const bodyRange = from.type === 'import' ? undefined : from.bodyRange && movedRange(from.bodyRange, lineDelta);
  // The fields in the order the parser writes them, so that a settled placeholder has a parsed node's shape.
  let placeholder: Declaration;
  switch (from.type) {
    case 'import':
      throw new Error('imports are copied at once');
    case 'element':
      placeholder = { type: 'element', kind: from.kind, id: undefined, label: undefined, properties: noItems, children: noItems, range, bodyRange };
      break;
    case 'flow':
      placeholder = { type: 'flow', id: undefined, source: undefined, target: undefined, twoWay: from.twoWay, arrowRange: undefined, label: undefined, properties: noItems, children: noItems, range, bodyRange };
      break;
    case 'mitigate':
    case 'accept':
      placeholder = { type: from.type, ruleOrThreat: undefined, label: undefined, properties: noItems, children: noItems, range, bodyRange };
      break;
    case 'model':
      placeholder = { type: 'model', label: undefined, properties: noItems, children: noItems, range, bodyRange };
      break;
    default:
      placeholder = { type: from.type, id: undefined, label: undefined, properties: noItems, children: noItems, range, bodyRange };
  }
  pendingMoves.set(placeholder, { from, lineDelta });
  return placeholder;
}

/** The declaration, its copy made now if it was a placeholder: the same object, whole. */
export function settleMove<D extends Declaration>(declaration: D): D {
  const pending = pendingMoves.get(declaration);
  if (!pending) return declaration;
  pendingMoves.delete(declaration);
  Object.assign(declaration, shiftNode(pending.from, pending.lineDelta));
  return declaration;
}

/** The file with every placeholder among its declarations settled: what any reader of its syntax must see. */
export function settleMoves<F extends MoatFile>(file: F): F {
  for (const declaration of file.declarations) settleMove(declaration);
  return file;
}

function settled(result: ParseResult): ParseResult {
  settleMoves(result.file);
  return result;
}

/** Nodes moved `delta` lines down (the same nodes when nothing moved). */
function shiftAll<T extends Declaration | Property | Comment>(nodes: readonly T[], delta: number): T[] {
  return delta === 0 ? [...nodes] : nodes.map((node) => shiftNode(node, delta) as T);
}

/**
 * A copy of a declaration, property or comment `delta` lines further down. Written out per node
 * type, fields in the order the parser makes them: a large file's every declaration after an edit
 * that adds a line is copied, and a literal of one shape copies several times faster than a spread.
 * A node's range ends where its last part ends, and the parser shares that position (a property's
 * starts where its key does): the copy shares it too, so it has no more objects than a parse.
 */
function shiftNode(node: Declaration | Property | Comment, delta: number): Declaration | Property | Comment {
  if (!('type' in node)) return { text: node.text, block: node.block, range: movedRange(node.range, delta) };
  if (node.type === 'property') {
    const key = shiftName(node.key, delta);
    const value = shiftValue(node.value, delta);
    const range =
      node.range === node.key.range
        ? key.range
        : { start: node.range.start === node.key.range.start ? key.range.start : movedPosition(node.range.start, delta), end: movedEnd(node.range.end, delta, node.value?.range, value?.range) };
    return { type: 'property', key, value, range };
  }
  if (node.type === 'import') {
    const path = shiftValue(node.path, delta);
    return { type: 'import', path, range: { start: movedPosition(node.range.start, delta), end: movedEnd(node.range.end, delta, node.path?.range, path?.range) } };
  }
  const label = shiftValue(node.label, delta);
  const properties = node.properties.length === 0 ? [] : node.properties.map((p) => shiftNode(p, delta) as Property);
  const children = node.children.length === 0 ? [] : node.children.map((c) => shiftNode(c, delta) as Declaration);
  const bodyRange = node.bodyRange && movedRange(node.bodyRange, delta);
  // Its end is its body's, else its label's, else its name's.
  const lastPart = node.bodyRange ?? node.label?.range;
  const lastCopy = bodyRange ?? label?.range;
  const start = movedPosition(node.range.start, delta);
  switch (node.type) {
    case 'element': {
      const id = shiftName(node.id, delta);
      return { type: 'element', kind: node.kind, id, label, properties, children, range: { start, end: movedEnd(node.range.end, delta, lastPart ?? node.id?.range, lastCopy ?? id?.range) }, bodyRange };
    }
    case 'flow': {
      const source = shiftName(node.source, delta);
      const target = shiftName(node.target, delta);
      return {
        type: 'flow',
        id: shiftName(node.id, delta),
        source,
        target,
        twoWay: node.twoWay,
        arrowRange: node.arrowRange && movedRange(node.arrowRange, delta),
        label,
        properties,
        children,
        range: { start, end: movedEnd(node.range.end, delta, lastPart ?? node.target?.range, lastCopy ?? target?.range) },
        bodyRange,
      };
    }
    case 'mitigate':
    case 'accept': {
      const ruleOrThreat = shiftName(node.ruleOrThreat, delta);
      return { type: node.type, ruleOrThreat, label, properties, children, range: { start, end: movedEnd(node.range.end, delta, lastPart ?? node.ruleOrThreat?.range, lastCopy ?? ruleOrThreat?.range) }, bodyRange };
    }
    case 'model':
      return { type: 'model', label, properties, children, range: { start, end: movedEnd(node.range.end, delta, lastPart, lastCopy) }, bodyRange };
    default: {
      const id = shiftName(node.id, delta);
      return { type: node.type, id, label, properties, children, range: { start, end: movedEnd(node.range.end, delta, lastPart ?? node.id?.range, lastCopy ?? id?.range) }, bodyRange };
    }
  }
}

/** A node's end moved: the end of its last part's copy when the parser shared it with that part, else a new position. */
function movedEnd(end: Position, delta: number, lastPart: Range | undefined, lastCopy: Range | undefined): Position {
  return lastPart !== undefined && lastPart.end === end && lastCopy !== undefined ? lastCopy.end : movedPosition(end, delta);
}

function shiftValue<V extends Value | undefined>(value: V, delta: number): V {
  return (value && shiftWritten(value, delta)) as V;
}

function shiftWritten(v: Value, delta: number): Value {
  switch (v.type) {
    case 'string':
      return { type: 'string', value: v.value, block: v.block, range: movedRange(v.range, delta) };
    case 'number':
      return { type: 'number', value: v.value, text: v.text, range: movedRange(v.range, delta) };
    case 'boolean':
      return { type: 'boolean', value: v.value, range: movedRange(v.range, delta) };
    case 'name':
      return { type: 'name', value: v.value, range: movedRange(v.range, delta) };
    case 'list':
      return { type: 'list', items: v.items.map((item) => shiftWritten(item, delta)), range: movedRange(v.range, delta) };
    case 'expression':
      // `when` expressions are rare: the generic walk does.
      return movedLines(v, delta);
  }
}

function shiftName<N extends Name | undefined>(name: N, delta: number): N {
  return (name && { text: name.text, range: movedRange(name.range, delta) }) as N;
}

