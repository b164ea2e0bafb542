import { DocumentSymbol, SymbolInformation, SymbolKind } from 'vscode-languageserver';
import type { Declaration, FlowDeclaration } from '../core/syntax/ast';
import type { SymbolKind as ModelSymbolKind, ThreatModel } from '../core/model/threat-model';
import type { Range } from '../core/text/range';
import type { Session } from './session';

/** The LSP symbol kind shown for each kind of declared ID. */
export const symbolKindOf: Record<ModelSymbolKind, SymbolKind> = {
  actor: SymbolKind.Interface,
  external: SymbolKind.Module,
  process: SymbolKind.Function,
  store: SymbolKind.Struct,
  boundary: SymbolKind.Namespace,
  data: SymbolKind.Variable,
  flow: SymbolKind.Event,
  threat: SymbolKind.Object,
  rule: SymbolKind.Method,
};

/** A range of `length` characters from where `range` starts (kept inside `range`). */
function head(range: Range, length: number): Range {
  const sameLine = range.start.line === range.end.line;
  const end = sameLine ? Math.min(range.end.character, range.start.character + length) : range.start.character + length;
  return { start: range.start, end: { line: range.start.line, character: end } };
}

/** The IDs of a file's flows (generated ones for anonymous flows) by where each is declared (`line:character`). */
function flowIdsOf(model: ThreatModel | undefined, uri: string): Map<string, string> {
  const ids = new Map<string, string>();
  for (const flow of model?.flows.values() ?? []) {
    const at = flow.location;
    if (at.uri === uri) ids.set(`${at.range.start.line}:${at.range.start.character}`, flow.id);
  }
  return ids;
}

/** The ID a flow has in the model, else what it would be called by its ends. */
function flowId(flowIds: Map<string, string>, decl: FlowDeclaration): string {
  if (decl.id) return decl.id.text;
  return flowIds.get(`${decl.range.start.line}:${decl.range.start.character}`) ?? `${decl.source?.text ?? '?'}->${decl.target?.text ?? '?'}`;
}

function symbolOf(decl: Declaration, flowIds: Map<string, string>): DocumentSymbol | undefined {
  if (decl.type === 'import') return undefined;
  const children = decl.children.map((c) => symbolOf(c, flowIds)).filter((s): s is DocumentSymbol => s !== undefined);
  const label = decl.label?.value;
  const make = (name: string, kind: SymbolKind, selectionRange: Range, detail?: string): DocumentSymbol => ({
    name: name || '?',
    kind,
    detail,
    range: decl.range,
    selectionRange,
    children,
  });
  switch (decl.type) {
    case 'model':
      return make(label ?? 'model', SymbolKind.File, decl.label?.range ?? head(decl.range, 'model'.length), 'model');
    case 'mitigate':
    case 'accept':
      return make(`${decl.type} ${decl.ruleOrThreat?.text ?? ''}`.trim(), SymbolKind.Key, decl.ruleOrThreat?.range ?? head(decl.range, decl.type.length), label);
    case 'flow': {
      const arrow = decl.twoWay ? '<->' : '->';
      const detail = `${decl.source?.text ?? '?'} ${arrow} ${decl.target?.text ?? '?'}${label ? ` — ${label}` : ''}`;
      return make(flowId(flowIds, decl), SymbolKind.Event, decl.id?.range ?? decl.arrowRange ?? decl.source?.range ?? head(decl.range, 'flow'.length), detail);
    }
    case 'element':
      if (!decl.id) return undefined;
      return make(decl.id.text, symbolKindOf[decl.kind], decl.id.range, label ? `${decl.kind} — ${label}` : decl.kind);
    default:
      if (!decl.id) return undefined;
      return make(decl.id.text, symbolKindOf[decl.type], decl.id.range, label);
  }
}

/** `textDocument/documentSymbol`: the file's outline, boundaries nesting what they contain. */
export function documentSymbols(session: Session, uri: string): DocumentSymbol[] {
  const parsed = session.workspace.parse(uri);
  if (!parsed) return [];
  const flowIds = flowIdsOf(session.modelOf(uri)?.model, uri);
  return parsed.file.declarations.map((d) => symbolOf(d, flowIds)).filter((s): s is DocumentSymbol => s !== undefined);
}

/** Whether every character of the query appears in the name in order, ignoring case. */
function matches(name: string, query: string): boolean {
  const n = name.toLowerCase();
  const q = query.toLowerCase();
  if (n.includes(q)) return true;
  let i = 0;
  for (const ch of n) if (ch === q[i]) i++;
  return i === q.length;
}

/** `workspace/symbol`: every declared ID of every model whose name matches the query. */
export function workspaceSymbols(session: Session, query: string): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  const seen = new Set<string>();
  const trimmed = query.trim();
  for (const { model } of session.analysis().models) {
    for (const symbol of model.symbols.values()) {
      if (trimmed && !matches(symbol.id, trimmed)) continue;
      const key = `${symbol.location.uri}#${symbol.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const container =
        symbol.kind === 'boundary'
          ? model.boundaries.get(symbol.id)?.parent
          : symbol.kind === 'actor' || symbol.kind === 'external' || symbol.kind === 'process' || symbol.kind === 'store'
            ? model.elements.get(symbol.id)?.boundary
            : undefined;
      out.push({
        name: symbol.id,
        kind: symbolKindOf[symbol.kind],
        location: { uri: symbol.location.uri, range: symbol.location.nameRange },
        ...(container ? { containerName: container } : {}),
      });
    }
  }
  return out;
}
