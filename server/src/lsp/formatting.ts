import { TextEdit } from 'vscode-languageserver';
import { formatMoat } from '../core/syntax/format';
import type { Session } from './session';

/** `textDocument/formatting`: the canonical format as one edit, none when already canonical or when the file does not parse. */
export function formatDocument(session: Session, uri: string): TextEdit[] {
  const text = session.text(uri);
  const index = session.lineIndex(uri);
  if (text === undefined || !index) return [];
  const result = formatMoat(text);
  if (!result.ok || result.text === text) return [];
  return [TextEdit.replace({ start: { line: 0, character: 0 }, end: index.positionAt(text.length) }, result.text)];
}
