import { Range as LspRange, RenameParams, ResponseError, ErrorCodes, TextDocumentPositionParams, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { quote } from '../core/text/quote';
import { occurrenceAt, occurrencesOf } from './occurrences';
import type { Session } from './session';

const identifier = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** What may be renamed at a position: a declared ID of the model (not a built-in rule, not a generated flow ID). */
function target(session: Session, params: TextDocumentPositionParams) {
  for (const m of session.modelsOf(params.textDocument.uri)) {
    const occurrence = occurrenceAt(m.model, params.textDocument.uri, params.position);
    if (!occurrence?.resolved || !m.model.symbols.has(occurrence.id)) continue;
    // A generated flow ID (`a->b`) is not written anywhere as a name: renaming it would mean declaring one.
    if (m.model.flows.get(occurrence.id)?.generatedId) return undefined;
    return { model: m.model, occurrence };
  }
  return undefined;
}

/** `textDocument/prepareRename`: the range of the ID under the cursor and its text, or null where nothing can be renamed. */
export function prepareRename(session: Session, params: TextDocumentPositionParams): { range: LspRange; placeholder: string } | null {
  const at = target(session, params);
  return at ? { range: at.occurrence.range, placeholder: at.occurrence.id } : null;
}

/** `textDocument/rename`: the declaration and every reference in every file of the model, `on:` lists and mitigations included. */
export function rename(session: Session, params: RenameParams): WorkspaceEdit | null {
  const at = target(session, params);
  if (!at) return null;
  if (!identifier.test(params.newName)) throw new ResponseError(ErrorCodes.InvalidParams, `${quote(params.newName)} is not a valid ID: use letters, digits, \`_\` and \`-\`, starting with a letter`);
  const clash = at.model.symbols.get(params.newName);
  if (clash && params.newName !== at.occurrence.id) throw new ResponseError(ErrorCodes.InvalidParams, `${quote(params.newName)} is already the ID of a ${clash.kind}`);
  const changes: Record<string, TextEdit[]> = {};
  for (const o of occurrencesOf(at.model, at.occurrence.id)) {
    if (!o.resolved) continue;
    (changes[o.uri] ??= []).push(TextEdit.replace(o.range, params.newName));
  }
  return { changes };
}
