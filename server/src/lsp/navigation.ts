import { DocumentHighlight, DocumentHighlightKind, Location, ReferenceParams, TextDocumentPositionParams } from 'vscode-languageserver';
import { occurrenceAt, occurrencesOf } from './occurrences';
import type { Session } from './session';

/** The ID under the cursor, resolved in the model of the file. */
function idAt(session: Session, { textDocument, position }: TextDocumentPositionParams) {
  for (const m of session.modelsOf(textDocument.uri)) {
    const occurrence = occurrenceAt(m.model, textDocument.uri, position);
    if (occurrence) return { model: m.model, occurrence };
  }
  return undefined;
}

/** `textDocument/definition`: from a reference (or a declaration) to where the ID is declared, in any file of the model. */
export function definition(session: Session, params: TextDocumentPositionParams): Location | null {
  const at = idAt(session, params);
  const symbol = at && at.occurrence.resolved ? at.model.symbols.get(at.occurrence.id) : undefined;
  return symbol ? Location.create(symbol.location.uri, symbol.location.nameRange) : null;
}

/** `textDocument/references`: every place the ID is written across the model's files. */
export function references(session: Session, params: ReferenceParams): Location[] {
  const at = idAt(session, params);
  if (!at) return [];
  return occurrencesOf(at.model, at.occurrence.id)
    .filter((o) => params.context.includeDeclaration || !o.declaration)
    .map((o) => Location.create(o.uri, o.range));
}

/** `textDocument/documentHighlight`: the ID's occurrences in this file; the declaration is the "write". */
export function documentHighlights(session: Session, params: TextDocumentPositionParams): DocumentHighlight[] {
  const at = idAt(session, params);
  if (!at) return [];
  return occurrencesOf(at.model, at.occurrence.id)
    .filter((o) => o.uri === params.textDocument.uri)
    .map((o) => DocumentHighlight.create(o.range, o.declaration ? DocumentHighlightKind.Write : DocumentHighlightKind.Read));
}
