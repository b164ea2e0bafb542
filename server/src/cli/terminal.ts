import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DiagnosticSeverity } from '../core/diagnostic';
import type { Position } from '../core/text/range';

/** Where output goes and how it looks; commands write through this so tests can capture it. */
export interface Terminal {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly color: boolean;
  readonly cwd: string;
}

const codes: Record<DiagnosticSeverity, string> = { error: '31', warning: '33', information: '36', hint: '2' };

/** A severity word, coloured when the terminal wants colour. */
export function paintSeverity(term: Terminal, severity: DiagnosticSeverity): string {
  return term.color ? `\u001b[${codes[severity]}m${severity}\u001b[0m` : severity;
}

/** A file URI as a path relative to the working folder, the way problem matchers expect it. */
export function displayPath(term: Terminal, uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  // A report names a few files thousands of times: each is resolved once per working folder.
  const key = `${term.cwd}\0${uri}`;
  let shown = displayPaths.get(key);
  if (shown === undefined) {
    const path = fileURLToPath(uri);
    const rel = relative(term.cwd, path);
    displayPaths.set(key, (shown = rel.startsWith('..') ? path : rel));
  }
  return shown;
}
const displayPaths = new Map<string, string>();

/** `path:line:col`, one-based. */
export function displayLocation(term: Terminal, uri: string, pos: Position): string {
  return `${displayPath(term, uri)}:${pos.line + 1}:${pos.character + 1}`;
}
