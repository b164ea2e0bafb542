import type { Diagnostic } from '../diagnostic';
import type {
  BoundaryDeclaration,
  DataDeclaration,
  Declaration,
  ElementDeclaration,
  FlowDeclaration,
  ModelDeclaration,
  NameValue,
  Property,
  ResponseDeclaration,
  RuleDeclaration,
  StringValue,
  ThreatDeclaration,
} from '../syntax/ast';
import { movedRange, Range } from '../text/range';
import type { CustomRule, DataAsset, DataFlow, Element, ManualThreat, ModelInfo, ModelSymbol, PropertyValue, RiskResponse, SymbolReference, ThreatModel, TrustBoundary } from './threat-model';

/** What checking a declaration's written properties gave: a function of the properties, the kind of declaration and the file alone. */
export interface CheckedProperties {
  readonly owner: string;
  readonly uri: string;
  readonly values: Map<string, PropertyValue>;
  readonly diagnostics: readonly Diagnostic[];
  /** The properties whose value was refused. */
  readonly refused: readonly Property[];
  /** Name lists kept with some items left out. */
  readonly keptNames: ReadonlyArray<readonly [Property, readonly (NameValue | StringValue)[]]>;
}

/** The stages of a link, in order; each handles the top-level declarations in written order. */
export const linkStages = ['collect', 'data', 'boundaries', 'elements', 'flows', 'threats', 'rules', 'responses'] as const;
export type LinkStage = (typeof linkStages)[number];

/**
 * Where each top-level declaration's part of one stage begins, for i from 0 to the number of
 * top-level declarations (the last: where the stage ends): how many diagnostics and references
 * the link had made, and how many objects the stage had (symbols for `collect`).
 */
export interface StageMarks {
  readonly diagnostics: number[];
  readonly references: number[];
  readonly objects: number[];
}

/** A model declaration as the linker collected it, with the top-level declaration it is. */
export interface CollectedModel {
  readonly top: number;
  readonly decl: ModelDeclaration;
  readonly ctx: { readonly uri: string; readonly boundaryPath: readonly string[]; readonly parent: 'top'; readonly parentTarget: undefined };
  readonly props: { readonly values: Map<string, PropertyValue>; readonly written: readonly Property[] };
}

/**
 * A link's references in order, the ones it moved down with their declarations (lines added or
 * removed above) copied when first read: a mid-file edit moves thousands of them, and the analysis
 * reads none of their places (the next link reads their names, the early cut-off its `rules_off`
 * entries). A moved reference is held as the reference it copies and how many lines down it is;
 * its name, file, target and role are the copy's. A feature reading the model's references gets
 * them all copied (`settled`).
 */
export class LinkReferences {
  /** Each reference, or the reference its copy is still to be made from. */
  private readonly items: SymbolReference[] = [];
  /** How many lines down from its item each reference is: 0 once copied, or when it did not move. */
  private readonly deltas: number[] = [];
  /** Whether some reference is still to be copied. */
  private pending = false;

  /** How many references there are. */
  get length(): number {
    return this.items.length;
  }

  /** Adds a reference as it is. */
  push(reference: SymbolReference): void {
    this.items.push(reference);
    this.deltas.push(0);
  }

  /** Adds the `i`-th reference of another link, `delta` lines further down, copied when first read. */
  pushFrom(from: LinkReferences, i: number, delta: number): void {
    const lines = from.deltas[i] + delta;
    this.items.push(from.items[i]);
    this.deltas.push(lines);
    if (lines !== 0) this.pending = true;
  }

  /** The name the `i`-th reference is written with (a copy's is its original's). */
  nameAt(i: number): string {
    return this.items[i].name;
  }

  /** The `i`-th reference, copied now if it was still to be copied. */
  at(i: number): SymbolReference {
    const delta = this.deltas[i];
    if (delta === 0) return this.items[i];
    const r = this.items[i];
    const moved: SymbolReference = { name: r.name, uri: r.uri, range: movedRange(r.range, delta), target: r.target, role: r.role };
    this.items[i] = moved;
    this.deltas[i] = 0;
    return moved;
  }

  /** The references of a role, each copied out (the rest are left as they are). */
  withRole(role: SymbolReference['role']): SymbolReference[] {
    const out: SymbolReference[] = [];
    for (let i = 0; i < this.items.length; i++) if (this.items[i].role === role) out.push(this.at(i));
    return out;
  }

  /** Every reference, each copied out: what the model hands to readers of its references. */
  settled(): readonly SymbolReference[] {
    if (this.pending) {
      for (let i = 0; i < this.items.length; i++) if (this.deltas[i] !== 0) this.at(i);
      this.pending = false;
    }
    return this.items;
  }
}

const linkReferences = new WeakMap<ThreatModel, LinkReferences>();

/** Notes a linked model's references, for `referencesWithRole`. */
export function noteReferences(model: ThreatModel, references: LinkReferences): void {
  linkReferences.set(model, references);
}

/** A model's references of one role, in order, without copying out the other references a link moved. */
export function referencesWithRole(model: ThreatModel, role: SymbolReference['role']): SymbolReference[] {
  return linkReferences.get(model)?.withRole(role) ?? model.references.filter((r) => r.role === role);
}

/** How one link went, top-level declaration by declaration: what the next link can take for the declarations before an edit, or move for those after it. */
export interface LinkTrace {
  readonly model: ThreatModel;
  readonly diagnostics: readonly Diagnostic[];
  /** The model's references, the moved ones not yet copied. */
  readonly references: LinkReferences;
  readonly tops: ReadonlyArray<{ readonly uri: string; readonly decl: Declaration }>;
  readonly marks: Readonly<Record<LinkStage, StageMarks>>;
  /** Declared symbols in order. */
  readonly symbols: readonly ModelSymbol[];
  /** Flows left out of the model, each with its top-level declaration. */
  readonly dropped: ReadonlyArray<readonly [number, string]>;
  /** Each generated flow ID's key (`src->dst`), with its top-level declaration. */
  readonly generated: ReadonlyArray<readonly [number, string]>;
  readonly modelDecl: CollectedModel | undefined;
}

/**
 * What the links of a model made, for the next link of the same model. The reparse keeps the
 * syntax nodes of the declarations an edit did not touch. The next link takes the part of the
 * last one that the top-level declarations before the edit made, and moves down the part of those
 * after it (the reparse's moved copies), when nothing between can have changed them (`trace`); of
 * the declarations it links again, it takes the checked properties
 * of an untouched one as they were, and keeps its linked object (element, flow, symbol...) when
 * everything else it is made from is alike too. The model is the one a fresh link gives, its
 * unchanged declarations' objects shared with the model before, which the early cut-off and the
 * editor's diagnostics tell apart by identity. Weak maps: an entry lives as long as its syntax.
 */
export class LinkMemo {
  trace: LinkTrace | undefined;
  readonly properties = new WeakMap<readonly Property[], CheckedProperties>();
  /** Symbols by the range of their declaration (a generated flow ID has no syntax node of its own). */
  readonly symbols = new WeakMap<Range, ModelSymbol>();
  readonly info = new WeakMap<ModelDeclaration, ModelInfo>();
  readonly data = new WeakMap<DataDeclaration, DataAsset>();
  readonly elements = new WeakMap<ElementDeclaration, Element>();
  readonly boundaries = new WeakMap<BoundaryDeclaration, TrustBoundary>();
  readonly flows = new WeakMap<FlowDeclaration, DataFlow>();
  readonly threats = new WeakMap<ThreatDeclaration, ManualThreat>();
  readonly rules = new WeakMap<RuleDeclaration, CustomRule>();
  readonly responses = new WeakMap<ResponseDeclaration, RiskResponse>();
}

/** Where a map of a model holds the tail's objects: from `start` on in the new map, from `fromStart` on in the last link's. */
export interface MovedRun {
  readonly start: number;
  readonly fromStart: number;
}

/**
 * The objects a link moved down with their declarations (lines added or removed above) from the
 * last link's model: each is the object at the same place in the tail of the last model's map, or
 * a copy of it alike in everything but its location.
 */
export interface MovedPart {
  readonly from: ThreatModel;
  readonly elements: MovedRun;
  readonly flows: MovedRun;
  readonly boundaries: MovedRun;
}

const movedParts = new WeakMap<ThreatModel, MovedPart>();

/** Notes the part of a model its link moved from the last one. */
export function noteMovedPart(model: ThreatModel, part: MovedPart): void {
  movedParts.set(model, part);
  // Only the last link's part is asked for: a chain of parts, one per edit, would keep every model ever linked.
  movedParts.delete(part.from);
}

/** The part of a model its link moved from the last one, if any. */
export function movedPart(model: ThreatModel): MovedPart | undefined {
  return movedParts.get(model);
}
