import { compareDiagnostics } from '../../server/src/core/diagnostic';
import { Workspace } from '../../server/src/core/model/workspace';
import { Position, Range } from '../../server/src/core/text/range';

/** Where the workspace built by `memoryWorkspace` keeps its files. */
export const wsRoot = 'file:///ws/';

/** The URI `memoryWorkspace` gives a file name (`a.moat` -> `file:///ws/a.moat`). */
export function wsUri(name: string): string {
  return wsRoot + name;
}

/** A model text with its `⟦range⟧` and `‸` cursor markers removed, and where they were (0-based, UTF-16, like LSP). */
export interface Marked {
  readonly text: string;
  readonly ranges: Range[];
  readonly cursors: Position[];
}

/** Removes `⟦…⟧` range and `‸` cursor markers (lines split at `\n`), returning their positions in order of appearance. */
export function marked(source: string): Marked {
  let text = '';
  let line = 0;
  let character = 0;
  const starts: Position[] = [];
  const ends: Array<Position | undefined> = [];
  const open: number[] = []; // indices of ranges still waiting for their `⟧`
  const cursors: Position[] = [];
  for (const c of source) {
    if (c === '⟦') {
      open.push(starts.length);
      starts.push({ line, character });
      ends.push(undefined);
    } else if (c === '⟧') {
      const index = open.pop();
      if (index === undefined) throw new Error('marked: `⟧` without `⟦`');
      ends[index] = { line, character };
    } else if (c === '‸') {
      cursors.push({ line, character });
    } else {
      text += c;
      if (c === '\n') {
        line++;
        character = 0;
      } else {
        character += c.length; // an astral character counts two UTF-16 units
      }
    }
  }
  if (open.length) throw new Error('marked: `⟦` without `⟧`');
  return { text, ranges: starts.map((start, i) => ({ start, end: ends[i]! })), cursors };
}

/** A `Workspace` over in-memory files (`file:///ws/<name>`, root `file:///ws/`), every file added; values may be bytes. */
export function memoryWorkspace(files: Record<string, string | Uint8Array>): Workspace {
  const contents = new Map<string, string | Uint8Array>(Object.entries(files).map(([name, text]) => [wsUri(name), text]));
  const ws = new Workspace({ readFile: (uri) => contents.get(uri) }, { roots: [wsRoot] });
  for (const uri of contents.keys()) ws.addFile(uri);
  return ws;
}

/** A diagnostic reduced to what a test compares. */
export interface DiagnosticSummary {
  readonly line: number;
  readonly character: number;
  readonly severity: string;
  readonly code: string;
  readonly message: string;
}

/** Every diagnostic about the model itself (syntax, semantic, mitigation status; findings are not diagnostics of the core) of a one-file model, sorted by position. */
export function diagnosticsOf(text: string): DiagnosticSummary[] {
  const analysis = memoryWorkspace({ 'main.moat': text }).analyze();
  const all = [...analysis.diagnostics.values()]
    .flat()
    .sort(compareDiagnostics);
  return all.map((d) => ({ line: d.range.start.line, character: d.range.start.character, severity: d.severity, code: d.code, message: d.message }));
}
