import type { ThreatModel } from '../core/model/threat-model';
import { Position, Range, rangeContains } from '../core/text/range';

/** One place an ID is written: its declaration, or a reference to it. */
export interface Occurrence {
  /** The ID named (for a reference that did not resolve, the name as written). */
  readonly id: string;
  readonly uri: string;
  readonly range: Range;
  readonly declaration: boolean;
  /** Whether it names something declared in the model (built-in rule IDs in `mitigate` do not). */
  readonly resolved: boolean;
  /** For references: what the reference is for. */
  readonly role?: 'flow-end' | 'data' | 'target' | 'rule-or-threat' | 'rule-id';
}

const cache = new WeakMap<ThreatModel, Map<string, Occurrence[]>>();

/** Every declaration and reference of a model, by file, in text order: the index behind navigation and rename. */
export function occurrencesByFile(model: ThreatModel): Map<string, Occurrence[]> {
  let byFile = cache.get(model);
  if (byFile) return byFile;
  byFile = new Map();
  const add = (o: Occurrence): void => {
    const list = byFile!.get(o.uri);
    if (list) list.push(o);
    else byFile!.set(o.uri, [o]);
  };
  for (const symbol of model.symbols.values()) {
    // Anonymous flows have a generated ID and no name written: the arrow is not renameable text.
    if (symbol.kind === 'flow' && model.flows.get(symbol.id)?.generatedId) continue;
    add({ id: symbol.id, uri: symbol.location.uri, range: symbol.location.nameRange, declaration: true, resolved: true });
  }
  for (const ref of model.references) add({ id: ref.target ?? ref.name, uri: ref.uri, range: ref.range, declaration: false, resolved: ref.target !== undefined, role: ref.role });
  for (const list of byFile.values()) list.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  cache.set(model, byFile);
  return byFile;
}

/** The declaration or reference under the cursor (a cursor right after a name still counts). */
export function occurrenceAt(model: ThreatModel, uri: string, position: Position): Occurrence | undefined {
  return occurrencesByFile(model)
    .get(uri)
    ?.find((o) => rangeContains(o.range, position));
}

/** Every occurrence of an ID across the files of a model. */
export function occurrencesOf(model: ThreatModel, id: string): Occurrence[] {
  return [...occurrencesByFile(model).values()].flat().filter((o) => o.id === id && (o.resolved || o.role === 'rule-or-threat' || o.role === 'rule-id'));
}
