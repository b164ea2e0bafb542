import { Range as LspRange, RenameParams, ResponseError, ErrorCodes, TextDocumentPositionParams, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { ThreatModel } from '../core/model/threat-model';
import { quote } from '../core/text/quote';
import { occurrenceAt, occurrencesByFile, occurrencesOf } from './occurrences';
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
  // An anonymous flow's ID is made of its ends (`a->p`, `a->p#2`): where it is named (`on: "a->p"`),
  // it is renamed with the element, or the mitigation would no longer find its flow.
  const flows = generatedFlowIds(at.model, at.occurrence.id, params.newName);
  if (flows.size === 0) return { changes };
  // One pass over the model's references, however many anonymous flows the element has.
  for (const o of [...occurrencesByFile(at.model).values()].flat()) {
    const renamed = o.resolved && !o.declaration ? flows.get(o.id) : undefined;
    if (renamed === undefined) continue;
    const quoted = o.range.start.line === o.range.end.line && o.range.end.character - o.range.start.character === o.id.length + 2;
    (changes[o.uri] ??= []).push(TextEdit.replace(o.range, quoted ? `"${renamed}"` : renamed));
  }
  return { changes };
}

/** The generated IDs of the anonymous flows that start or end at an element, each with what it becomes when the element is renamed. */
function generatedFlowIds(model: ThreatModel, element: string, newName: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const flow of model.flows.values()) {
    if (!flow.generatedId || (flow.source !== element && flow.target !== element)) continue;
    const number = flow.id.slice(`${flow.source}->${flow.target}`.length);
    const end = (id: string): string => (id === element ? newName : id);
    out.set(flow.id, `${end(flow.source)}->${end(flow.target)}${number}`);
  }
  return out;
}
