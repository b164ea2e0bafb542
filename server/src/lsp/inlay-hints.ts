import { InlayHint, InlayHintKind, Range } from 'vscode-languageserver';
import { comparePositions } from '../core/text/range';
import type { Session } from './session';

/** STRIDE per element: which threat categories apply to each kind of DFD node. */
const strideLetters: Record<string, string> = {
  actor: 'SR',
  external: 'SR',
  process: 'STRIDE',
  store: 'TRID',
  flow: 'TID',
};

/** `textDocument/inlayHint`: when enabled, the STRIDE letters that apply after each element's and flow's name. */
export function inlayHints(session: Session, uri: string, range: Range): InlayHint[] {
  if (!session.settings.inlayHints) return [];
  const hints = new Map<string, InlayHint>();
  const add = (id: string, kind: string, at: { line: number; character: number }): void => {
    if (hints.has(id) || comparePositions(at, range.start) < 0 || comparePositions(at, range.end) > 0) return;
    hints.set(id, {
      position: at,
      label: strideLetters[kind],
      kind: InlayHintKind.Type,
      paddingLeft: true,
      tooltip: `STRIDE categories that apply to a ${kind}`,
    });
  };
  for (const { model } of session.modelsOf(uri)) {
    for (const e of model.elements.values()) if (e.location.uri === uri) add(e.id, e.kind, e.location.nameRange.end);
    for (const f of model.flows.values()) if (f.location.uri === uri) add(f.id, 'flow', f.location.nameRange.end);
  }
  return [...hints.values()].sort((a, b) => comparePositions(a.position, b.position));
}
