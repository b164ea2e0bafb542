import { FoldingRange, FoldingRangeKind } from 'vscode-languageserver';
import type { Declaration, Expression, Value } from '../core/syntax/ast';
import type { Range } from '../core/text/range';
import type { Session } from './session';

/** `textDocument/foldingRange`: multi-line `{ }` bodies and `[ ]` lists, block comments, runs of line comments and `"""` strings. */
export function foldingRanges(session: Session, uri: string): FoldingRange[] {
  const parsed = session.workspace.parse(uri);
  const text = session.text(uri);
  if (!parsed || text === undefined) return [];
  const lines = text.split(/\r?\n/);
  const out: FoldingRange[] = [];
  /** Folds a bracketed span, leaving a closing bracket that starts its line visible. */
  const bracketed = (range: Range): void => {
    const closeOwnLine = (lines[range.end.line] ?? '').slice(0, Math.max(0, range.end.character - 1)).trim() === '';
    const endLine = closeOwnLine ? range.end.line - 1 : range.end.line;
    if (endLine > range.start.line) out.push({ startLine: range.start.line, endLine });
  };
  const whole = (range: Range, kind?: string): void => {
    if (range.end.line > range.start.line) out.push({ startLine: range.start.line, endLine: range.end.line, ...(kind ? { kind } : {}) });
  };
  const value = (v: Value | undefined): void => {
    if (!v) return;
    if (v.type === 'string' && v.block) whole(v.range, FoldingRangeKind.Region);
    else if (v.type === 'list') {
      bracketed(v.range);
      v.items.forEach(value);
    } else if (v.type === 'expression' && v.expression) expression(v.expression);
  };
  const expression = (e: Expression): void => {
    if (e.type === 'binary' && e.range && e.range.end.line > e.range.start.line) whole(e.range);
  };
  const declaration = (d: Declaration): void => {
    if (d.type === 'import') return;
    if (d.bodyRange) bracketed(d.bodyRange);
    value(d.label);
    for (const p of d.properties) value(p.value);
    d.children.forEach(declaration);
  };
  parsed.file.declarations.forEach(declaration);
  // Comments: block comments spanning lines, and runs of two or more `//` lines.
  let run: { start: number; end: number } | undefined;
  const flush = (): void => {
    if (run && run.end > run.start) out.push({ startLine: run.start, endLine: run.end, kind: FoldingRangeKind.Comment });
    run = undefined;
  };
  for (const c of parsed.file.comments) {
    if (c.block) {
      flush();
      whole(c.range, FoldingRangeKind.Comment);
      continue;
    }
    const line = c.range.start.line;
    const alone = (lines[line] ?? '').slice(0, c.range.start.character).trim() === '';
    if (!alone) {
      flush();
      continue;
    }
    if (run && run.end === line - 1) run.end = line;
    else {
      flush();
      run = { start: line, end: line };
    }
  }
  flush();
  // One range per start line (the outermost), in order.
  const byStart = new Map<number, FoldingRange>();
  for (const r of out) {
    const had = byStart.get(r.startLine);
    if (!had || r.endLine > had.endLine) byStart.set(r.startLine, r);
  }
  return [...byStart.values()].sort((a, b) => a.startLine - b.startLine);
}
