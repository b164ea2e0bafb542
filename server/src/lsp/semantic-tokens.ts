import { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver';
import type { SymbolKind } from '../core/model/threat-model';
import { builtInRules } from '../core/rules/catalogue';
import { occurrencesByFile } from './occurrences';
import type { Session } from './session';

/** The standard token type each kind of ID is coloured as, so any editor theme colours it. */
export const tokenTypeOf: Record<SymbolKind, string> = {
  actor: 'class',
  external: 'interface',
  process: 'function',
  store: 'struct',
  boundary: 'namespace',
  data: 'variable',
  flow: 'event',
  threat: 'type',
  rule: 'macro',
};

const tokenTypes = [...new Set(Object.values(tokenTypeOf))];
const tokenModifiers = ['declaration', 'defaultLibrary'];

export const semanticTokensLegend: SemanticTokensLegend = { tokenTypes, tokenModifiers };

const builtIn = new Set(builtInRules.map((r) => r.id));

/** `textDocument/semanticTokens/full`: every declared or referenced ID, typed by what it names, relative-encoded. */
export function semanticTokens(session: Session, uri: string): SemanticTokens {
  const model = session.modelOf(uri)?.model;
  if (!model) return { data: [] };
  const tokens: Array<{ line: number; char: number; length: number; type: number; modifiers: number }> = [];
  for (const o of occurrencesByFile(model).get(uri) ?? []) {
    const { start, end } = o.range;
    if (start.line !== end.line || end.character <= start.character) continue;
    let kind = o.resolved ? model.symbols.get(o.id)?.kind : undefined;
    let modifiers = o.declaration ? 1 : 0;
    if (!kind && (o.role === 'rule-or-threat' || o.role === 'rule-id') && builtIn.has(o.id)) {
      kind = 'rule';
      modifiers |= 2;
    }
    if (!kind) continue;
    tokens.push({ line: start.line, char: start.character, length: end.character - start.character, type: tokenTypes.indexOf(tokenTypeOf[kind]), modifiers });
  }
  tokens.sort((a, b) => a.line - b.line || a.char - b.char);
  const data: number[] = [];
  let line = 0;
  let char = 0;
  let lastEnd = -1;
  let lastLine = -1;
  for (const t of tokens) {
    // Tokens may not overlap: keep the first of any that do.
    if (t.line === lastLine && t.char < lastEnd) continue;
    data.push(t.line - line, t.line === line ? t.char - char : t.char, t.length, t.type, t.modifiers);
    line = t.line;
    char = t.char;
    lastLine = t.line;
    lastEnd = t.char + t.length;
  }
  return { data };
}
