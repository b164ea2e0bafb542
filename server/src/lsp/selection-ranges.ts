import { Position, SelectionRange } from 'vscode-languageserver';
import type { Declaration, Expression, Name, Value } from '../core/syntax/ast';
import { comparePositions, Range, rangeContains } from '../core/text/range';
import type { Session } from './session';

const same = (a: Range, b: Range): boolean => comparePositions(a.start, b.start) === 0 && comparePositions(a.end, b.end) === 0;

/** The ranges around a position inside an expression, outermost first. */
function inExpression(e: Expression | undefined, pos: Position, out: Range[]): void {
  if (!e?.range || !rangeContains(e.range, pos)) return;
  out.push(e.range);
  switch (e.type) {
    case 'binary':
      inExpression(e.left, pos, out);
      inExpression(e.right, pos, out);
      return;
    case 'not':
      inExpression(e.operand, pos, out);
      return;
    case 'call':
      if (rangeContains(e.callee.range, pos)) out.push(e.callee.range);
      for (const a of e.args) inExpression(a, pos, out);
      return;
    case 'path':
      for (const s of e.segments) if (rangeContains(s.range, pos)) out.push(s.range);
      return;
    default:
  }
}

/** The ranges around a position inside a value, outermost first. */
function inValue(v: Value | undefined, pos: Position, out: Range[]): void {
  if (!v?.range || !rangeContains(v.range, pos)) return;
  out.push(v.range);
  if (v.type === 'list') {
    const item = v.items.find((i) => i.range && rangeContains(i.range, pos));
    inValue(item, pos, out);
  } else if (v.type === 'expression') inExpression(v.expression, pos, out);
}

/** The ranges around a position inside a declaration and what it nests, outermost first. */
function inDeclaration(d: Declaration, pos: Position, out: Range[]): boolean {
  if (!rangeContains(d.range, pos)) return false;
  out.push(d.range);
  if (d.type === 'import') {
    inValue(d.path, pos, out);
    return true;
  }
  for (const child of d.children) if (inDeclaration(child, pos, out)) return true;
  const names: Array<Name | undefined> = [];
  if (d.type === 'flow') names.push(d.id, d.source, d.target);
  else if ('ruleOrThreat' in d) names.push(d.ruleOrThreat);
  else if ('id' in d) names.push(d.id);
  const name = names.find((n) => n && rangeContains(n.range, pos));
  if (name) {
    out.push(name.range);
    return true;
  }
  if (d.label && rangeContains(d.label.range, pos)) {
    out.push(d.label.range);
    return true;
  }
  const property = d.properties.find((p) => rangeContains(p.range, pos));
  if (property) {
    out.push(property.range);
    if (rangeContains(property.key.range, pos)) out.push(property.key.range);
    else inValue(property.value, pos, out);
    return true;
  }
  if (d.bodyRange && rangeContains(d.bodyRange, pos)) out.push(d.bodyRange);
  return true;
}

/** `textDocument/selectionRange`: for each position, the chain from the innermost node out to the whole file. */
export function selectionRanges(session: Session, uri: string, positions: Position[]): SelectionRange[] {
  const parsed = session.workspace.parse(uri);
  const index = session.lineIndex(uri);
  const text = session.text(uri) ?? '';
  const fileRange: Range = { start: { line: 0, character: 0 }, end: index ? index.positionAt(text.length) : { line: 0, character: 0 } };
  return positions.map((pos) => {
    const chain: Range[] = [fileRange];
    const comment = parsed?.file.comments.find((c) => rangeContains(c.range, pos));
    if (comment) chain.push(comment.range);
    else for (const d of parsed?.file.declarations ?? []) if (inDeclaration(d, pos, chain)) break;
    let result: SelectionRange | undefined;
    for (const range of chain) {
      if (result && same(result.range, range)) continue;
      result = { range, parent: result };
    }
    return result ?? { range: { start: pos, end: pos } };
  });
}
