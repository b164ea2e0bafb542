import { Diagnostic, DiagnosticCode, DiagnosticSeverity, RelatedLocation } from '../diagnostic';
import type {
  BoundaryDeclaration,
  DataDeclaration,
  Declaration,
  ElementDeclaration,
  ElementKind,
  FlowDeclaration,
  MoatFile,
  ModelDeclaration,
  Name,
  NameValue,
  Property,
  ResponseDeclaration,
  RuleDeclaration,
  StringValue,
  ThreatDeclaration,
  Value,
} from '../syntax/ast';
import { elementKinds } from '../syntax/ast';
import { movedDeclaration, settleMove } from '../syntax/reparse';
import { formatPosition, movedLines, movedRange, Range } from '../text/range';
import { didYouMean, suggestNames } from '../text/suggest';
import { CheckedProperties, CollectedModel, LinkMemo, LinkReferences, LinkStage, linkStages, LinkTrace, MovedRun, noteMovedPart, noteReferences, StageMarks } from './link-memo';
import { inferEncryption } from './protocols';
import { PropertyOwner, propertiesOf, PropertySpec, propertySpec, propertySpecs, PropertyType } from './property-schema';
import {
  Classification,
  CustomRule,
  DataAsset,
  DataFlow,
  DirectedFlow,
  Element,
  ManualThreat,
  MitigationStatus,
  ModelInfo,
  ModelSymbol,
  PropertyValue,
  RiskResponse,
  Severity,
  SourceLocation,
  StrideCategory,
  SymbolKind,
  SymbolReference,
  TargetKind,
  ThreatModel,
  Trust,
  TrustBoundary,
} from './threat-model';
import { quote } from '../text/quote';

/** A linked model and what linking found wrong with it. */
export interface LinkResult {
  readonly model: ThreatModel;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Links the parsed files of one model (root first, then what it imports) into a `ThreatModel`.
 * Never throws: unresolved names are reported and left out, so the model is always usable.
 * With a `memo` of the model's last link, what unchanged declarations gave is reused (and the
 * memo then holds this link): the result is the same, its objects shared where alike.
 */
export function linkModel(rootUri: string, files: readonly MoatFile[], memo?: LinkMemo): LinkResult {
  const kept = memo ?? new LinkMemo();
  const previous = kept.trace;
  return (previous && new Linker(rootUri, files, kept).link(previous)) || new Linker(rootUri, files, kept).link(undefined)!;
}

/** A name as written in a list value: a bare name, or a string where one is allowed. */
type NameItem = NameValue | StringValue;

/** A declaration's checked properties. */
interface Properties {
  /** Each checked value by name, in written order: what the model shows as the declaration's `properties`. */
  readonly values: Map<string, PropertyValue>;
  /**
   * The properties as written, kept or not. Where a value came from (for a reference list's names and ranges, a rule's
   * `when`) is looked up here when needed rather than recorded for every property.
   */
  readonly written: readonly Property[];
}

interface Context {
  readonly uri: string;
  readonly boundaryPath: readonly string[];
  readonly parent: 'top' | 'boundary' | 'element' | 'flow';
  /** The element or flow a nested threat/mitigate/accept is about; none when that declaration's ID was taken before it. */
  readonly parentTarget: Name | undefined;
}

interface Collected<D> {
  readonly decl: D;
  readonly ctx: Context;
  readonly props: Properties;
  /** The top-level declaration it is, or is written in. */
  readonly top: number;
}

const elementKindSet = new Set<string>(elementKinds);

/** What each kind of reference may name; shared so the linker can keep one list of suggestions per kind of reference. */
const dataKinds: readonly SymbolKind[] = ['data'];
const flowEndKinds: readonly SymbolKind[] = [...elementKinds];
const targetKinds: readonly SymbolKind[] = [...elementKinds, 'flow', 'boundary'];

/** Per kind of declaration, the properties it takes by name: one lookup per written property instead of a lookup and a scan of `on`. */
const specsByOwner = new Map<PropertyOwner, Map<string, PropertySpec>>();
for (const spec of propertySpecs) {
  for (const owner of spec.on) {
    let specs = specsByOwner.get(owner);
    if (!specs) specsByOwner.set(owner, (specs = new Map()));
    specs.set(spec.name, spec);
  }
}
const noSpecs: ReadonlyMap<string, PropertySpec> = new Map();

function specsOn(owner: PropertyOwner): ReadonlyMap<string, PropertySpec> {
  return specsByOwner.get(owner) ?? noSpecs;
}
const articles: Record<string, string> = { actor: 'an actor', external: 'an external', process: 'a process', store: 'a store', data: 'a data asset', boundary: 'a boundary', flow: 'a flow', threat: 'a threat', rule: 'a rule' };

function describeKind(kind: string): string {
  return articles[kind] ?? kind;
}

function location(uri: string, range: Range, nameRange: Range | undefined): SourceLocation {
  return { uri, range, nameRange: nameRange ?? range };
}

class Linker {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly symbols = new Map<string, ModelSymbol>();
  private readonly references = new LinkReferences();
  private readonly reportedFirstDuplicate = new Set<string>();

  private modelDecl: Collected<ModelDeclaration> | undefined;
  private readonly dataDecls: Array<Collected<DataDeclaration>> = [];
  private readonly elementDecls: Array<Collected<ElementDeclaration>> = [];
  private readonly boundaryDecls: Array<Collected<BoundaryDeclaration>> = [];
  private readonly flowDecls: Array<Collected<FlowDeclaration> & { id: string; generated: boolean }> = [];
  private readonly threatDecls: Array<Collected<ThreatDeclaration>> = [];
  private readonly responseDecls: Array<Collected<ResponseDeclaration>> = [];
  private readonly ruleDecls: Array<Collected<RuleDeclaration>> = [];
  private readonly generatedFlowCounts = new Map<string, number>();
  /** Boundaries with an element or boundary written inside (duplicates included: such a boundary is not empty). */
  private readonly occupiedBoundaries = new Set<string>();
  /** Flows declared but left out of the model (an end did not resolve, or a self-flow): not usable as targets. */
  private readonly droppedFlows = new Set<string>();
  private readonly candidatesByKinds = new Map<readonly SymbolKind[], string[]>();
  /** Properties whose value was refused: not the source of their declaration's value, nor what a later one replaces. */
  private readonly refusedProperties = new Set<Property>();
  /** Name lists kept with some items left out; every other name list keeps its items as written. */
  private readonly keptNames = new Map<Property, readonly NameItem[]>();

  /** Every top-level declaration of every file, in order. */
  private readonly tops: Array<{ readonly uri: string; readonly decl: Declaration }> = [];
  /** The top-level declaration being collected. */
  private top = 0;
  private stage: LinkStage = 'collect';
  private readonly marks = {} as Record<LinkStage, StageMarks>;
  private readonly symbolList: ModelSymbol[] = [];
  private readonly droppedList: Array<readonly [number, string]> = [];
  private readonly generatedKeys: Array<readonly [number, string]> = [];
  /** The top-level declarations after the edit whose part of the last link is moved rather than linked again. */
  private tail: Tail | undefined;
  /** Where the tail's elements, flows and boundaries are, for the early cut-off. */
  private readonly movedRuns: { elements?: MovedRun; flows?: MovedRun; boundaries?: MovedRun } = {};

  constructor(
    private readonly rootUri: string,
    private readonly files: readonly MoatFile[],
    /** What earlier links made; this link is noted in it for the next. */
    private readonly memo: LinkMemo,
  ) {}

  /**
   * Links the model. With the trace of the last link, the top-level declarations the two share
   * from the start (the same syntax in the same file) keep their part of it, and only the rest is
   * linked; undefined when that part may have changed (see `stillValid`): then link without one.
   */
  link(previous: LinkTrace | undefined): LinkResult | undefined {
    for (const file of this.files) for (const decl of file.declarations) this.tops.push({ uri: file.uri, decl });
    const n = this.tops.length;
    let k = 0;
    while (previous && k < n && k < previous.tops.length && previous.tops[k].decl === this.tops[k].decl && previous.tops[k].uri === this.tops[k].uri) k++;
    const before = k > 0 ? previous : undefined;
    if (before && !selfContained(before, k)) return undefined;
    const tail = previous && tailOf(previous, this.tops, k);
    this.tail = tail;

    this.beginStage('collect', before, k);
    if (before) this.preload(before, k);
    const topContexts = new Map<string, Context>();
    for (let t = k; t < (tail?.now ?? n); t++) {
      const { uri, decl } = this.tops[t];
      let ctx = topContexts.get(uri);
      if (!ctx) topContexts.set(uri, (ctx = { uri, boundaryPath: [], parent: 'top', parentTarget: undefined }));
      this.top = t;
      this.mark(t, this.symbolList.length);
      // A declaration the reparse moved down is copied when first read: here, where it is linked again.
      this.collectOne(settleMove(decl), ctx);
    }
    if (tail && !this.moveSymbols(tail)) return undefined;
    this.mark(n, this.symbolList.length);
    const data = this.linkData(before, k);
    const boundaries = this.linkBoundaries(before, k);
    const elements = this.linkElements(boundaries, before, k);
    const flows = this.linkFlows(before, k);
    const threats = this.linkThreats(before, k);
    const rules = this.linkRules(before, k);
    const responses = this.linkResponses(before, k);
    if (previous && (before || tail) && !this.stillValid(previous, k, tail)) return undefined;
    const directedFlows: DirectedFlow[] = [];
    for (const flow of flows.values()) {
      directedFlows.push({ flow, source: flow.source, target: flow.target, reversed: false });
      if (flow.twoWay) directedFlows.push({ flow, source: flow.target, target: flow.source, reversed: true });
    }
    const references = this.references;
    const model: ThreatModel = {
      rootUri: this.rootUri,
      files: this.files.map((f) => f.uri),
      info: this.linkInfo(),
      data,
      elements,
      boundaries,
      flows,
      directedFlows,
      threats,
      responses,
      rules,
      symbols: this.symbols,
      // The references the link moved down are copied when a feature first reads them: the analysis does not.
      get references() {
        return references.settled();
      },
    };
    noteReferences(model, references);
    const { elements: movedElements, flows: movedFlows, boundaries: movedBoundaries } = this.movedRuns;
    if (tail && movedElements && movedFlows && movedBoundaries) noteMovedPart(model, { from: tail.trace.model, elements: movedElements, flows: movedFlows, boundaries: movedBoundaries });
    this.memo.trace = {
      model,
      diagnostics: this.diagnostics,
      references,
      tops: this.tops,
      marks: this.marks,
      symbols: this.symbolList,
      dropped: this.droppedList,
      generated: this.generatedKeys,
      modelDecl: this.modelDecl as CollectedModel | undefined,
    };
    return { model, diagnostics: this.diagnostics };
  }

  // ---- reuse of the last link for the top-level declarations before an edit ----

  /** Starts a stage with the part the first `k` top-level declarations made of it in the last link. */
  private beginStage(stage: LinkStage, before: LinkTrace | undefined, k: number): void {
    this.stage = stage;
    const marks: StageMarks = { diagnostics: [], references: [], objects: [] };
    this.marks[stage] = marks;
    if (!before) return;
    const last = before.marks[stage];
    const diagnosticsFrom = this.diagnostics.length;
    const referencesFrom = this.references.length;
    for (let j = 0; j <= k; j++) {
      marks.diagnostics.push(diagnosticsFrom + last.diagnostics[j] - last.diagnostics[0]);
      marks.references.push(referencesFrom + last.references[j] - last.references[0]);
      marks.objects.push(last.objects[j]);
    }
    for (let i = last.diagnostics[0]; i < last.diagnostics[k]; i++) this.diagnostics.push(before.diagnostics[i]);
    for (let i = last.references[0]; i < last.references[k]; i++) this.references.pushFrom(before.references, i, 0);
  }

  /** Notes that the current stage's part of every top-level declaration before `top` is made, and `top`'s begins. */
  private mark(top: number, objects: number): void {
    const marks = this.marks[this.stage];
    while (marks.diagnostics.length <= top) {
      marks.diagnostics.push(this.diagnostics.length);
      marks.references.push(this.references.length);
      marks.objects.push(objects);
    }
  }

  /** What collecting the first `k` top-level declarations left for the ones after them. */
  private preload(before: LinkTrace, k: number): void {
    for (let i = 0; i < before.marks.collect.objects[k]; i++) {
      const symbol = before.symbols[i];
      this.symbols.set(symbol.id, symbol);
      this.symbolList.push(symbol);
    }
    for (const entry of before.generated) {
      if (entry[0] >= k) continue;
      this.generatedFlowCounts.set(entry[1], (this.generatedFlowCounts.get(entry[1]) ?? 0) + 1);
      this.generatedKeys.push(entry);
    }
    for (const entry of before.dropped) {
      if (entry[0] >= k) continue;
      this.droppedFlows.add(entry[1]);
      this.droppedList.push(entry);
    }
    if (before.modelDecl && before.modelDecl.top < k) this.modelDecl = before.modelDecl as Collected<ModelDeclaration>;
  }

  /**
   * Whether the parts of the last link kept for the first `k` top-level declarations and moved for
   * the `tail` are what linking them again would give. What they read of the declarations linked
   * again between them is the symbols: a name they refer to must be declared there as before (same
   * kind, a flow left out or not as before), a name they do not know is given suggestions from every
   * symbol, in order, and a flow of the tail with no ID is numbered after the flows between the same
   * two elements before it. (The tail's symbols are checked against those before them as they are moved.)
   */
  private stillValid(before: LinkTrace, k: number, tail: Tail | undefined): boolean {
    // The tail's symbols are the same in both links, so comparing the declarations between prefix and tail is enough.
    const oldEnd = tail?.old ?? before.tops.length;
    const newEnd = tail?.now ?? this.tops.length;
    const removed = before.symbols.slice(before.marks.collect.objects[k], before.marks.collect.objects[oldEnd]);
    const added = this.symbolList.slice(this.marks.collect.objects[k], this.marks.collect.objects[newEnd]);
    const droppedBefore = new Set<string>();
    for (const [top, id] of before.dropped) if (top >= k && top < oldEnd) droppedBefore.add(id);
    const droppedNow = new Set<string>();
    for (const [top, id] of this.droppedList) if (top >= k && top < newEnd) droppedNow.add(id);
    const kindsNow = new Map<string, SymbolKind>();
    for (const symbol of added) kindsNow.set(symbol.id, symbol.kind);
    const changed = new Set<string>();
    const removedIds = new Set<string>();
    for (const symbol of removed) {
      removedIds.add(symbol.id);
      if (kindsNow.get(symbol.id) !== symbol.kind || droppedBefore.has(symbol.id) !== droppedNow.has(symbol.id)) changed.add(symbol.id);
    }
    for (const symbol of added) if (!removedIds.has(symbol.id)) changed.add(symbol.id);
    const sameSymbols = removed.length === added.length && removed.every((s, i) => s.id === added[i].id && s.kind === added[i].kind);
    const kept: Array<readonly [number, number]> = [[0, k]];
    if (tail) kept.push([tail.old, before.tops.length]);
    for (const stage of linkStages) {
      const marks = before.marks[stage];
      for (const [from, to] of kept) {
        if (changed.size > 0) {
          for (let i = marks.references[from]; i < marks.references[to]; i++) if (changed.has(before.references.nameAt(i))) return false;
        }
        if (!sameSymbols) {
          for (let i = marks.diagnostics[from]; i < marks.diagnostics[to]; i++) if (before.diagnostics[i].code === DiagnosticCode.unknownReference) return false;
        }
      }
    }
    return !tail || sameNumbering(before, k, tail, this.generatedKeys);
  }

  // ---- moving the part of the last link made by the declarations after an edit ----

  /**
   * The current stage's part of the tail's declarations, from the last link, moved down as the
   * reparse moved their syntax: diagnostics and references, and each object (`objects` are the
   * stage's objects of the last link, in order) handed to `add` after `move`. Objects of a
   * declaration that did not move are taken as they are.
   */
  private moveStage<T>(tail: Tail, objects: readonly T[], size: number, move: (object: T, delta: number) => T, add: (object: T) => void): void {
    const { trace } = tail;
    const last = trace.marks[this.stage];
    let count = size;
    for (let j = 0; j < tail.deltas.length; j++) {
      const was = tail.old + j;
      const delta = tail.deltas[j];
      this.mark(tail.now + j, count);
      for (let i = last.diagnostics[was]; i < last.diagnostics[was + 1]; i++) {
        const d = trace.diagnostics[i];
        this.diagnostics.push(delta === 0 ? d : { ...d, range: movedRange(d.range, delta) });
      }
      for (let i = last.references[was]; i < last.references[was + 1]; i++) this.references.pushFrom(trace.references, i, delta);
      for (let i = last.objects[was]; i < last.objects[was + 1]; i++, count++) add(delta === 0 ? objects[i] : move(objects[i], delta));
    }
  }

  /** Moves the tail's symbols (and its flows without an ID); false when one of their IDs is now declared before them. */
  private moveSymbols(tail: Tail): boolean {
    let clash = false;
    this.moveStage(tail, tail.trace.symbols, this.symbolList.length, movedSymbol, (symbol) => {
      if (this.symbols.has(symbol.id)) clash = true;
      this.symbols.set(symbol.id, symbol);
      this.symbolList.push(symbol);
    });
    for (const [top, key] of tail.trace.generated) {
      if (top < tail.old) continue;
      this.generatedFlowCounts.set(key, (this.generatedFlowCounts.get(key) ?? 0) + 1);
      this.generatedKeys.push([top - tail.old + tail.now, key]);
    }
    return !clash;
  }

  /** Moves the tail's objects of the current stage (`part` of the last model) into a map by ID; where they are in it, when there is a tail. */
  private moveInto<T extends { readonly id: string }>(map: Map<string, T>, part: (model: ThreatModel) => ReadonlyMap<string, T>, move: (object: T, delta: number) => T): MovedRun | undefined {
    if (!this.tail) return undefined;
    const run = { start: map.size, fromStart: this.tail.trace.marks[this.stage].objects[this.tail.old] };
    this.moveStage(this.tail, [...part(this.tail.trace.model).values()], map.size, move, (object) => map.set(object.id, object));
    return run;
  }

  // ---- collection: walk every file, declare IDs, check placement and properties ----

  private collect(declarations: readonly Declaration[], ctx: Context): void {
    for (const decl of declarations) this.collectOne(decl, ctx);
  }

  private collectOne(decl: Declaration, ctx: Context): void {
    if (decl.type === 'import') {
      if (ctx.parent !== 'top') this.misplaced('import', decl.range, ctx);
      return;
    }
    const owner: PropertyOwner = decl.type === 'element' ? decl.kind : decl.type;
    const allowed = placementAllowed(owner, ctx.parent);
    if (!allowed) {
      this.misplaced(owner, decl.range, ctx);
      return;
    }
    const props = this.checkProperties(owner, decl.properties, ctx.uri);
    if ((decl.type === 'element' || decl.type === 'boundary') && ctx.boundaryPath.length) this.occupiedBoundaries.add(ctx.boundaryPath[ctx.boundaryPath.length - 1]);
    switch (decl.type) {
      case 'model':
        if (this.modelDecl) {
          const first = this.modelDecl;
          this.report(ctx.uri, decl.range, 'error', DiagnosticCode.secondModel, `a model has one \`model\` block; the first is at ${this.where(first.ctx.uri, first.decl.range, ctx.uri)}`, [
            { uri: first.ctx.uri, range: first.decl.range, message: 'the first `model` block' },
          ]);
        } else {
          this.modelDecl = { decl, ctx, props, top: this.top };
        }
        this.collectNested(decl.children, ctx, 'model');
        break;
      case 'data':
        if (this.declare(decl.id, 'data', ctx.uri, decl.range)) this.dataDecls.push({ decl, ctx, props, top: this.top });
        this.collectNested(decl.children, ctx, 'data');
        break;
      case 'element': {
        const declared = this.declare(decl.id, decl.kind, ctx.uri, decl.range);
        if (declared) this.elementDecls.push({ decl, ctx, props, top: this.top });
        if (decl.children.length) this.collect(decl.children, { uri: ctx.uri, boundaryPath: ctx.boundaryPath, parent: 'element', parentTarget: declared ? decl.id : undefined });
        break;
      }
      case 'boundary': {
        const declared = this.declare(decl.id, 'boundary', ctx.uri, decl.range);
        if (declared) this.boundaryDecls.push({ decl, ctx, props, top: this.top });
        const path = declared && decl.id ? [...ctx.boundaryPath, decl.id.text] : ctx.boundaryPath;
        this.collect(decl.children, { uri: ctx.uri, boundaryPath: path, parent: 'boundary', parentTarget: undefined });
        break;
      }
      case 'flow': {
        if (!decl.source || !decl.target) break; // still being typed; the parser reported it
        let id = decl.id?.text;
        let generated = false;
        if (!id) {
          const key = `${decl.source.text}->${decl.target.text}`;
          const n = (this.generatedFlowCounts.get(key) ?? 0) + 1;
          this.generatedFlowCounts.set(key, n);
          this.generatedKeys.push([this.top, key]);
          id = n === 1 ? key : `${key}#${n}`;
          generated = true;
        }
        const idName: Name = decl.id ?? { text: id, range: decl.arrowRange ?? decl.range };
        const declared = this.declare(idName, 'flow', ctx.uri, decl.range);
        if (declared) this.flowDecls.push({ decl, ctx, props, top: this.top, id, generated });
        if (decl.children.length) this.collect(decl.children, { uri: ctx.uri, boundaryPath: ctx.boundaryPath, parent: 'flow', parentTarget: declared ? idName : undefined });
        break;
      }
      case 'threat':
        if (this.declare(decl.id, 'threat', ctx.uri, decl.range)) this.threatDecls.push({ decl, ctx, props, top: this.top });
        this.collectNested(decl.children, ctx, 'threat');
        break;
      case 'mitigate':
      case 'accept':
        if (decl.ruleOrThreat) this.responseDecls.push({ decl, ctx, props, top: this.top });
        this.collectNested(decl.children, ctx, decl.type);
        break;
      case 'rule':
        if (this.declare(decl.id, 'rule', ctx.uri, decl.range)) this.ruleDecls.push({ decl, ctx, props, top: this.top });
        this.collectNested(decl.children, ctx, 'rule');
        break;
    }
  }

  /** Declarations nested where none belong (inside `data`, `threat`, ...) are reported, not dropped silently. */
  private collectNested(children: readonly Declaration[], ctx: Context, inside: string): void {
    for (const child of children) {
      const kind = child.type === 'element' ? child.kind : child.type;
      this.report(ctx.uri, child.range, 'error', DiagnosticCode.misplacedDeclaration, `${quote(kind)} cannot be declared inside ${describeKind(inside)}`);
    }
  }

  private misplaced(kind: string, range: Range, ctx: Context): void {
    const where = ctx.parent === 'top' ? 'at the top level' : `inside ${ctx.parent === 'element' ? 'an element' : describeKind(ctx.parent)}`;
    const hint =
      kind === 'threat' || kind === 'mitigate' || kind === 'accept'
        ? ''
        : elementKindSet.has(kind) || kind === 'boundary' || kind === 'flow'
          ? '; declare it at the top level or inside a boundary'
          : '; declare it at the top level';
    this.report(ctx.uri, range, 'error', DiagnosticCode.misplacedDeclaration, `${quote(kind)} cannot be declared ${where}${hint}`);
  }

  /** Adds an ID to the one namespace; a duplicate is reported at both places and the later one is left out. */
  private declare(id: Name | undefined, kind: SymbolKind, uri: string, range: Range): boolean {
    if (!id) return false;
    const existing = this.symbols.get(id.text);
    if (existing) {
      this.report(uri, id.range, 'error', DiagnosticCode.duplicateId, `duplicate ID ${quote(id.text)}: already declared as ${describeKind(existing.kind)} at ${this.where(existing.location.uri, existing.location.nameRange, uri)}`, [
        { uri: existing.location.uri, range: existing.location.nameRange, message: `first declaration of ${quote(id.text)}` },
      ]);
      if (!this.reportedFirstDuplicate.has(id.text)) {
        this.reportedFirstDuplicate.add(id.text);
        this.report(existing.location.uri, existing.location.nameRange, 'error', DiagnosticCode.duplicateId, `ID ${quote(id.text)} is declared again at ${this.where(uri, id.range, existing.location.uri)}`, [
          { uri, range: id.range, message: `another declaration of ${quote(id.text)}` },
        ]);
      }
      return false;
    }
    const symbol = keep(this.memo.symbols, range, { id: id.text, kind, location: location(uri, range, id.range) });
    this.symbols.set(id.text, symbol);
    this.symbolList.push(symbol);
    return true;
  }

  // ---- properties ----

  /**
   * A declaration's checked properties, with their problems reported. A list the last link checked
   * (a declaration the edit did not touch) gives what it gave then, problems included: checking
   * reads nothing but the list, the kind of declaration and the file.
   */
  private checkProperties(owner: PropertyOwner, properties: readonly Property[], uri: string): Properties {
    const before = this.memo.properties.get(properties);
    let checked: CheckedProperties;
    if (before && before.owner === owner && before.uri === uri) {
      checked = before;
      for (const d of before.diagnostics) this.diagnostics.push(d);
      for (const prop of before.refused) this.refusedProperties.add(prop);
      for (const [prop, kept] of before.keptNames) this.keptNames.set(prop, kept);
    } else {
      const start = this.diagnostics.length;
      const values = this.checkWrittenProperties(owner, properties, uri);
      const refused = properties.filter((prop) => this.refusedProperties.has(prop));
      const keptNames: Array<readonly [Property, readonly NameItem[]]> = [];
      for (const prop of properties) {
        const kept = this.keptNames.get(prop);
        if (kept) keptNames.push([prop, kept]);
      }
      checked = { owner, uri, values, diagnostics: this.diagnostics.slice(start), refused, keptNames };
      this.memo.properties.set(properties, checked);
    }
    return { values: checked.values, written: properties };
  }

  private checkWrittenProperties(owner: PropertyOwner, properties: readonly Property[], uri: string): Map<string, PropertyValue> {
    const values = new Map<string, PropertyValue>();
    const allowed = specsOn(owner);
    for (let i = 0; i < properties.length; i++) {
      const prop = properties[i];
      const value = prop.value;
      if (!value) continue; // the parser already reported the missing value
      const name = prop.key.text;
      const spec = allowed.get(name);
      if (!spec) {
        this.reportBadProperty(owner, name, prop.key.range, uri);
        continue;
      }
      const previous = values.has(name) ? this.keptProperty(properties, i, name) : undefined;
      if (previous) {
        this.report(uri, prop.key.range, 'warning', DiagnosticCode.duplicateProperty, `${quote(name)} is set twice; this value replaces the one at ${this.where(uri, previous.range, uri)}`, [
          { uri, range: previous.range, message: 'the earlier value' },
        ]);
      }
      const checked = this.checkValue(name, spec.type, value, prop, uri);
      if (checked === undefined) this.refusedProperties.add(prop);
      // Keyed by the schema's own string, not the slice of the source: rules ask for properties by the
      // same literal names, and a key that is the very string answers without comparing characters.
      else values.set(spec.name, checked);
    }
    return values;
  }

  /** The last property called `name` before `end` whose value was kept. Only asked about names the declaration takes. */
  private keptProperty(written: readonly Property[], end: number, name: string): Property | undefined {
    for (let i = end - 1; i >= 0; i--) {
      const prop = written[i];
      if (prop.key.text === name && prop.value && !this.refusedProperties.has(prop)) return prop;
    }
    return undefined;
  }

  /** The property a declaration's value of `key` was read from. */
  private writtenProperty(props: Properties, key: string): Property | undefined {
    return props.values.has(key) ? this.keptProperty(props.written, props.written.length, key) : undefined;
  }

  /** The names of a kept name list, with their ranges. */
  private namesOf(prop: Property): readonly NameItem[] {
    const kept = this.keptNames.get(prop);
    if (kept) return kept;
    const value = prop.value!;
    return (value.type === 'list' ? value.items : [value]) as NameItem[];
  }

  /** A property this kind of declaration does not take: unknown everywhere, or meant for other kinds. */
  private reportBadProperty(owner: PropertyOwner, name: string, range: Range, uri: string): void {
    const spec = propertySpec(name);
    const suggestions = suggestNames(name, propertiesOf(owner).map((s) => s.name));
    if (!spec) {
      this.report(uri, range, 'warning', DiagnosticCode.unknownProperty, `unknown property ${quote(name)} on ${describeKind(owner)}${didYouMean(suggestions)}`, undefined, suggestions);
      return;
    }
    this.report(
      uri,
      range,
      'warning',
      DiagnosticCode.propertyNotAllowed,
      `${quote(name)} does not apply to ${describeKind(owner)} (it applies to ${spec.on.join(', ')})${didYouMean(suggestions)}`,
      undefined,
      suggestions,
    );
  }

  private wrongType(name: string, value: Value, uri: string, expected: string): undefined {
    this.report(uri, value.range, 'error', DiagnosticCode.wrongValueType, `${quote(name)} expects ${expected}, not ${describeValue(value)}`);
    return undefined;
  }

  private checkValue(name: string, type: PropertyType, value: Value, node: Property, uri: string): PropertyValue | undefined {
    switch (type.kind) {
      case 'string':
        return value.type === 'string' ? value.value : this.wrongType(name, value, uri, `a string, e.g. \`${name}: "..."\``);
      case 'boolean':
        return value.type === 'boolean' ? value.value : this.wrongType(name, value, uri, '`true` or `false`');
      case 'date': {
        if (value.type !== 'string') return this.wrongType(name, value, uri, 'a date string, e.g. `"2027-06-30"`');
        if (!isIsoDate(value.value)) {
          this.report(uri, value.range, 'error', DiagnosticCode.wrongValueType, `${quote(name)} expects a date written YYYY-MM-DD, not ${quote(value.value)}`);
          return undefined;
        }
        return value.value;
      }
      case 'enum': {
        if (value.type !== 'name' && value.type !== 'string') return this.wrongType(name, value, uri, `one of ${type.values.join(', ')}`);
        return this.checkEnum(name, type.values, value.value, value.range, uri) ? value.value : undefined;
      }
      case 'enum-list':
      case 'names':
      case 'refs': {
        const items = value.type === 'list' ? value.items : [value];
        // Most lists are kept whole: the written items are used as they are, and copied only from the first one left out.
        let kept: NameItem[] | undefined;
        for (let i = 0; i < items.length; i++) {
          const item = items[i];
          if (this.checkListItem(name, type, item, uri)) kept?.push(item);
          else kept ??= items.slice(0, i) as NameItem[];
        }
        if (kept) this.keptNames.set(node, kept);
        return (kept ?? (items as readonly NameItem[])).map((item) => item.value);
      }
      case 'strings': {
        const items = value.type === 'list' ? value.items : [value];
        const strings: string[] = [];
        for (const item of items) {
          if (item.type === 'string') strings.push(item.value);
          else this.report(uri, item.range, 'error', DiagnosticCode.wrongValueType, `${quote(name)} expects strings, not ${describeValue(item)}`);
        }
        return strings;
      }
      case 'numbers': {
        const items = value.type === 'list' ? value.items : [value];
        const numbers: string[] = [];
        for (const item of items) {
          if (item.type === 'number' && Number.isInteger(item.value) && item.value > 0) numbers.push(String(item.value));
          else this.report(uri, item.range, 'error', DiagnosticCode.wrongValueType, `${quote(name)} expects a positive whole number (or a list of them), not ${describeValue(item)}`);
        }
        return numbers;
      }
      case 'expression':
        return value.type === 'expression' ? '' : this.wrongType(name, value, uri, 'an expression');
    }
  }

  /** Whether an item of a list of names is kept; what is wrong with it is reported. */
  private checkListItem(name: string, type: PropertyType & { kind: 'enum-list' | 'names' | 'refs' }, item: Value, uri: string): item is NameItem {
    const stringAllowed = type.kind !== 'refs' || type.to === 'target';
    if (item.type !== 'name' && !(item.type === 'string' && stringAllowed)) {
      this.report(uri, item.range, 'error', DiagnosticCode.wrongValueType, `${quote(name)} expects ${type.kind === 'refs' ? 'IDs' : 'names'} (\`${name}: [a, b]\`), not ${describeValue(item)}`);
      return false;
    }
    if (type.kind === 'enum-list' && !this.checkEnum(name, type.values, item.value, item.range, uri)) return false;
    if (type.kind === 'names' && type.known && !type.known.includes(item.value)) {
      const suggestions = suggestNames(item.value, type.known);
      this.report(uri, item.range, 'warning', DiagnosticCode.badEnumValue, `${quote(item.value)} is not a ${name} framework Moat knows${didYouMean(suggestions)}; known: ${type.known.join(', ')}`, undefined, suggestions);
    }
    return true;
  }

  private checkEnum(name: string, values: readonly string[], written: string, range: Range, uri: string): boolean {
    if (values.includes(written)) return true;
    const suggestions = suggestNames(written, values);
    this.report(uri, range, 'error', DiagnosticCode.badEnumValue, `${quote(written)} is not a valid ${name}${didYouMean(suggestions)}; allowed: ${values.join(', ')}`, undefined, suggestions);
    return false;
  }

  // ---- resolution ----

  /** Resolves a name to a symbol of one of the wanted kinds, reporting unknown names and wrong kinds. */
  private resolve(text: string, range: Range, uri: string, wanted: readonly SymbolKind[], role: SymbolReference['role'], what: string): string | undefined {
    const symbol = this.symbols.get(text);
    if (symbol && wanted.includes(symbol.kind)) {
      this.references.push({ name: text, uri, range, target: symbol.id, role });
      return symbol.id;
    }
    this.references.push({ name: text, uri, range, target: undefined, role });
    if (symbol) {
      this.report(uri, range, 'error', DiagnosticCode.wrongReferenceKind, `${quote(text)} is ${describeKind(symbol.kind)}; ${what}`, [
        { uri: symbol.location.uri, range: symbol.location.nameRange, message: `${quote(text)} is declared here` },
      ]);
      return undefined;
    }
    const suggestions = suggestNames(text, this.candidates(wanted));
    this.report(uri, range, 'error', DiagnosticCode.unknownReference, `unknown ${wantedNoun(wanted)} ${quote(text)}${didYouMean(suggestions)}`, undefined, suggestions);
    return undefined;
  }

  /**
   * The IDs of the wanted kinds, in declaration order, to suggest for an unknown name. Computed once per kind of
   * reference: every declaration is collected before names are resolved, and a model mid-edit can have many unknown names.
   */
  private candidates(wanted: readonly SymbolKind[]): readonly string[] {
    let ids = this.candidatesByKinds.get(wanted);
    if (!ids) {
      ids = [];
      for (const symbol of this.symbols.values()) if (wanted.includes(symbol.kind)) ids.push(symbol.id);
      this.candidatesByKinds.set(wanted, ids);
    }
    return ids;
  }

  /** The IDs a reference list resolves to, in written order, each once; unresolved names are reported and left out. */
  private resolveList(props: Properties, key: string, uri: string, wanted: readonly SymbolKind[], role: SymbolReference['role'], what: string): string[] {
    const prop = this.writtenProperty(props, key);
    if (!prop) return [];
    const ids = this.namesOf(prop).map((name) => this.resolve(name.value, name.range, uri, wanted, role, what));
    return ids.every(isFirstDefined) ? (ids as string[]) : ids.filter(isFirstDefined) as string[];
  }

  private linkInfo(): ModelInfo | undefined {
    const m = this.modelDecl;
    if (!m) return undefined;
    // Built-in rule IDs are checked by the rule stage, which knows the catalogue.
    const rulesOff = this.writtenProperty(m.props, 'rules_off');
    for (const name of rulesOff ? this.namesOf(rulesOff) : []) {
      this.references.push({ name: name.value, uri: m.ctx.uri, range: name.range, target: this.symbols.get(name.value)?.kind === 'rule' ? name.value : undefined, role: 'rule-id' });
    }
    return keep(this.memo.info, m.decl, {
      title: m.decl.label?.value ?? 'Untitled model',
      version: str(m.props, 'version'),
      owner: str(m.props, 'owner'),
      description: str(m.props, 'description'),
      compliance: list(m.props, 'compliance'),
      rulesOff: list(m.props, 'rules_off'),
      checklist: m.props.values.get('checklist') === true,
      location: location(m.ctx.uri, m.decl.range, m.decl.label?.range),
    });
  }

  private linkData(before: LinkTrace | undefined, k: number): Map<string, DataAsset> {
    this.beginStage('data', before, k);
    const data = before ? firstEntries(before.model.data, before.marks.data.objects[k]) : new Map<string, DataAsset>();
    for (const { decl, ctx, props, top } of this.dataDecls) {
      this.mark(top, data.size);
      const id = decl.id!.text;
      data.set(
        id,
        keep(this.memo.data, decl, {
          id,
          label: decl.label?.value ?? id,
          classification: (str(props, 'classification') as Classification | undefined) ?? 'internal',
          tags: list(props, 'tags'),
          description: str(props, 'description'),
          location: location(ctx.uri, decl.range, decl.id!.range),
        }),
      );
    }
    this.moveInto(data, (m) => m.data, movedData);
    this.mark(this.tops.length, data.size);
    return data;
  }

  private linkBoundaries(before: LinkTrace | undefined, k: number): Map<string, TrustBoundary> {
    this.beginStage('boundaries', before, k);
    const boundaries = before ? firstEntries(before.model.boundaries, before.marks.boundaries.objects[k]) : new Map<string, TrustBoundary>();
    const elementsIn = new Map<string, string[]>();
    const boundariesIn = new Map<string, string[]>();
    for (const { decl, ctx } of this.elementDecls) {
      const parent = ctx.boundaryPath[ctx.boundaryPath.length - 1];
      if (parent !== undefined) pushTo(elementsIn, parent, decl.id!.text);
    }
    for (const { decl, ctx } of this.boundaryDecls) {
      const parent = ctx.boundaryPath[ctx.boundaryPath.length - 1];
      if (parent !== undefined) pushTo(boundariesIn, parent, decl.id!.text);
    }
    // Parents are collected before their children, so a parent's trust is known when its child inherits it.
    for (const { decl, ctx, props, top } of this.boundaryDecls) {
      this.mark(top, boundaries.size);
      const id = decl.id!.text;
      const parent = ctx.boundaryPath[ctx.boundaryPath.length - 1];
      const declared = str(props, 'trust') as Trust | undefined;
      const trust = declared ?? (parent !== undefined ? boundaries.get(parent)?.trust : undefined) ?? 'medium';
      const elements = elementsIn.get(id) ?? [];
      const nested = boundariesIn.get(id) ?? [];
      if (!this.occupiedBoundaries.has(id)) {
        this.report(ctx.uri, decl.id!.range, 'information', DiagnosticCode.emptyBoundary, `boundary ${quote(id)} is empty: declare the elements that sit in this zone inside it`);
      }
      boundaries.set(id, keep(this.memo.boundaries, decl, {
        id,
        label: decl.label?.value ?? id,
        parent,
        boundaryPath: ctx.boundaryPath,
        trust,
        trustDeclared: declared !== undefined,
        elements,
        boundaries: nested,
        properties: props.values,
        location: location(ctx.uri, decl.range, decl.id!.range),
      }));
    }
    this.movedRuns.boundaries = this.moveInto(boundaries, (m) => m.boundaries, movedBoundary);
    this.mark(this.tops.length, boundaries.size);
    return boundaries;
  }

  private linkElements(boundaries: ReadonlyMap<string, TrustBoundary>, before: LinkTrace | undefined, k: number): Map<string, Element> {
    this.beginStage('elements', before, k);
    const elements = before ? firstEntries(before.model.elements, before.marks.elements.objects[k]) : new Map<string, Element>();
    for (const { decl, ctx, props, top } of this.elementDecls) {
      this.mark(top, elements.size);
      const id = decl.id!.text;
      const boundary = ctx.boundaryPath[ctx.boundaryPath.length - 1];
      const what = 'expected a data asset (declared with `data`)';
      elements.set(id, keep(this.memo.elements, decl, {
        id,
        kind: decl.kind,
        label: decl.label?.value ?? id,
        boundary,
        boundaryPath: ctx.boundaryPath,
        trust: boundary !== undefined ? (boundaries.get(boundary)?.trust ?? 'medium') : 'untrusted',
        properties: props.values,
        tags: list(props, 'tags'),
        tech: str(props, 'tech'),
        description: str(props, 'description'),
        code: list(props, 'code'),
        holds: this.resolveList(props, 'holds', ctx.uri, dataKinds, 'data', what),
        handles: this.resolveList(props, 'handles', ctx.uri, dataKinds, 'data', what),
        location: location(ctx.uri, decl.range, decl.id!.range),
      }));
    }
    this.movedRuns.elements = this.moveInto(elements, (m) => m.elements, movedElement);
    this.mark(this.tops.length, elements.size);
    return elements;
  }

  private linkFlows(before: LinkTrace | undefined, k: number): Map<string, DataFlow> {
    this.beginStage('flows', before, k);
    const flows = before ? firstEntries(before.model.flows, before.marks.flows.objects[k]) : new Map<string, DataFlow>();
    const what = 'a flow connects actors, externals, processes and stores';
    for (const { decl, ctx, props, id, generated, top } of this.flowDecls) {
      this.mark(top, flows.size);
      const source = this.resolve(decl.source!.text, decl.source!.range, ctx.uri, flowEndKinds, 'flow-end', what);
      const target = this.resolve(decl.target!.text, decl.target!.range, ctx.uri, flowEndKinds, 'flow-end', what);
      const data = this.resolveList(props, 'data', ctx.uri, dataKinds, 'data', 'expected a data asset (declared with `data`)');
      if (source === undefined || target === undefined) {
        this.droppedFlows.add(id);
        this.droppedList.push([top, id]);
        continue;
      }
      if (source === target) {
        this.report(ctx.uri, { start: decl.source!.range.start, end: decl.target!.range.end }, 'error', DiagnosticCode.selfFlow, `flow from ${quote(source)} to itself: a data flow connects two different elements`);
        this.droppedFlows.add(id);
        this.droppedList.push([top, id]);
        continue;
      }
      const protocol = str(props, 'protocol');
      const declaredEncryption = props.values.get('encrypted') as boolean | undefined;
      const inferred = declaredEncryption === undefined ? inferEncryption(protocol) : undefined;
      flows.set(id, keep(this.memo.flows, decl, {
        id,
        generatedId: generated,
        source,
        target,
        twoWay: decl.twoWay,
        label: decl.label?.value ?? id,
        protocol,
        encrypted: declaredEncryption ?? inferred,
        encryptionInferred: declaredEncryption === undefined && inferred !== undefined,
        authenticated: props.values.get('authenticated') as boolean | undefined,
        data,
        properties: props.values,
        location: location(ctx.uri, decl.range, decl.id?.range ?? decl.arrowRange),
      }));
    }
    this.movedRuns.flows = this.moveInto(flows, (m) => m.flows, movedFlow);
    if (this.tail) {
      const { trace, old, now } = this.tail;
      for (const [top, id] of trace.dropped) {
        if (top < old) continue;
        this.droppedFlows.add(id);
        this.droppedList.push([top - old + now, id]);
      }
    }
    this.mark(this.tops.length, flows.size);
    return flows;
  }

  /** The targets of a threat or response: its `on:` list, else the element or flow it is written in. */
  private targetsOf(props: Properties, ctx: Context, declRange: Range, what: string): string[] {
    const explain = `${what} can be about an element, a flow or a boundary`;
    // A dropped flow's own error is reported already; leaving it out keeps every target in the model.
    if (props.values.has('on')) return this.resolveList(props, 'on', ctx.uri, targetKinds, 'target', explain).filter((id) => !this.droppedFlows.has(id));
    if (ctx.parent === 'element' || ctx.parent === 'flow') {
      // No target inside a declaration that lost to an earlier one of its ID: the ID names that other one, and the duplicate is reported.
      const id = ctx.parentTarget?.text;
      return id !== undefined && !this.droppedFlows.has(id) ? [id] : [];
    }
    this.report(ctx.uri, declRange, 'error', DiagnosticCode.missingTarget, `${what} needs a target: write it inside the element or flow it is about, or add \`on: ID\``);
    return [];
  }

  private linkThreats(before: LinkTrace | undefined, k: number): Map<string, ManualThreat> {
    this.beginStage('threats', before, k);
    const threats = before ? firstEntries(before.model.threats, before.marks.threats.objects[k]) : new Map<string, ManualThreat>();
    for (const { decl, ctx, props, top } of this.threatDecls) {
      this.mark(top, threats.size);
      const id = decl.id!.text;
      threats.set(id, keep(this.memo.threats, decl, {
        id,
        title: decl.label?.value ?? id,
        category: str(props, 'category') as StrideCategory | undefined,
        severity: (str(props, 'severity') as Severity | undefined) ?? 'medium',
        targets: this.targetsOf(props, ctx, decl.id!.range, 'a threat'),
        cwe: list(props, 'cwe').map(Number),
        capec: list(props, 'capec').map(Number),
        description: str(props, 'description'),
        location: location(ctx.uri, decl.range, decl.id!.range),
      }));
    }
    this.moveInto(threats, (m) => m.threats, movedThreat);
    this.mark(this.tops.length, threats.size);
    return threats;
  }

  private linkRules(before: LinkTrace | undefined, k: number): Map<string, CustomRule> {
    this.beginStage('rules', before, k);
    const rules = before ? firstEntries(before.model.rules, before.marks.rules.objects[k]) : new Map<string, CustomRule>();
    for (const { decl, ctx, props, top } of this.ruleDecls) {
      this.mark(top, rules.size);
      const id = decl.id!.text;
      const when = this.writtenProperty(props, 'when')?.value;
      rules.set(id, keep(this.memo.rules, decl, {
        id,
        title: decl.label?.value ?? id,
        category: str(props, 'category') as StrideCategory | undefined,
        severity: (str(props, 'severity') as Severity | undefined) ?? 'medium',
        applies: list(props, 'applies') as TargetKind[],
        when: when?.type === 'expression' ? when.expression : undefined,
        description: str(props, 'description'),
        mitigation: str(props, 'mitigation'),
        cwe: list(props, 'cwe').map(Number),
        capec: list(props, 'capec').map(Number),
        location: location(ctx.uri, decl.range, decl.id!.range),
      }));
    }
    this.moveInto(rules, (m) => m.rules, movedRule);
    this.mark(this.tops.length, rules.size);
    return rules;
  }

  private linkResponses(before: LinkTrace | undefined, k: number): RiskResponse[] {
    this.beginStage('responses', before, k);
    const responses = before ? before.model.responses.slice(0, before.marks.responses.objects[k]) : [];
    for (const { decl, ctx, props, top } of this.responseDecls) {
      this.mark(top, responses.length);
      const name = decl.ruleOrThreat!;
      const symbol = this.symbols.get(name.text);
      const isThreat = symbol?.kind === 'threat';
      if (symbol && symbol.kind !== 'threat' && symbol.kind !== 'rule') {
        this.report(ctx.uri, name.range, 'error', DiagnosticCode.wrongReferenceKind, `${quote(name.text)} is ${describeKind(symbol.kind)}; ${quote(decl.type)} names a threat or a rule`);
      }
      // Built-in rule IDs are not symbols of the model: the rule stage checks them.
      this.references.push({ name: name.text, uri: ctx.uri, range: name.range, target: isThreat || symbol?.kind === 'rule' ? name.text : undefined, role: 'rule-or-threat' });
      responses.push(keep(this.memo.responses, decl, {
        kind: decl.type,
        ruleOrThreat: name.text,
        isThreat,
        targets: this.targetsOf(props, ctx, name.range, quote(`${decl.type} ${name.text}`)),
        text: decl.label?.value ?? '',
        status: (str(props, 'status') as MitigationStatus | undefined) ?? 'planned',
        ref: str(props, 'ref'),
        code: list(props, 'code'),
        acceptedBy: str(props, 'by'),
        expires: str(props, 'expires'),
        location: location(ctx.uri, decl.range, name.range),
      }));
    }
    if (this.tail) this.moveStage(this.tail, this.tail.trace.model.responses, responses.length, movedResponse, (response) => responses.push(response));
    this.mark(this.tops.length, responses.length);
    return responses;
  }

  // ---- reporting ----

  /** `line:col` of a place, prefixed with its file name when the message is shown in another file (`from`). */
  private where(uri: string, range: Range, from: string): string {
    const file = uri === from ? '' : `${shortName(uri)}:`;
    return `${file}${formatPosition(range.start)}`;
  }

  private report(uri: string, range: Range, severity: DiagnosticSeverity, code: string, message: string, related?: RelatedLocation[], suggestions?: string[]): void {
    this.diagnostics.push({ uri, range, severity, code, message, ...(related ? { related } : {}), ...(suggestions && suggestions.length ? { suggestions } : {}) });
  }
}

/**
 * Whether the first `k` top-level declarations' part of the last link stands on its own: no
 * duplicate ID among them (which one is first, and the report at the first, depend on order) and
 * no reference to a symbol of the wrong kind (the report points at the symbol, which may move).
 */
function selfContained(before: LinkTrace, k: number): boolean {
  for (const stage of linkStages) {
    const marks = before.marks[stage];
    for (let i = marks.diagnostics[0]; i < marks.diagnostics[k]; i++) {
      const code = before.diagnostics[i].code;
      if (code === DiagnosticCode.duplicateId || code === DiagnosticCode.wrongReferenceKind) return false;
    }
  }
  return true;
}

/**
 * The top-level declarations after an edit, in old and new order: those at the end of the model
 * that are the same syntax as at the end of the last link, or the reparse's moved copies of it.
 */
interface Tail {
  readonly trace: LinkTrace;
  /** Where the tail begins among the last link's top-level declarations. */
  readonly old: number;
  /** Where it begins among this link's. */
  readonly now: number;
  /** How many lines down each of its declarations moved. */
  readonly deltas: readonly number[];
}

/**
 * The declarations after the first `k` whose part of the last link can be moved down with them,
 * or undefined. Not when the part holds the model's `model` block (what it says is linked last),
 * or a diagnostic that points elsewhere (a duplicate ID, a reference of the wrong kind, a second
 * `model`, a property set twice: the other place may move differently, and the message says where).
 */
function tailOf(previous: LinkTrace, tops: LinkTrace['tops'], k: number): Tail | undefined {
  const m = previous.tops.length;
  const n = tops.length;
  const deltas: number[] = [];
  while (deltas.length < n - k && deltas.length < m - k) {
    const now = tops[n - 1 - deltas.length];
    const was = previous.tops[m - 1 - deltas.length];
    if (now.uri !== was.uri) break;
    if (now.decl === was.decl) {
      deltas.push(0);
      continue;
    }
    const moved = movedDeclaration(now.decl);
    if (moved?.original !== was.decl) break;
    deltas.push(moved.lineDelta);
  }
  if (deltas.length === 0) return undefined;
  const old = m - deltas.length;
  if (previous.modelDecl && previous.modelDecl.top >= old) return undefined;
  for (const stage of linkStages) {
    const marks = previous.marks[stage];
    for (let i = marks.diagnostics[old]; i < marks.diagnostics[m]; i++) if (previous.diagnostics[i].related) return undefined;
  }
  return { trace: previous, old, now: n - deltas.length, deltas: deltas.reverse() };
}

/** Whether each flow of the tail with no ID is numbered as before: as many flows between the same two elements come before it. */
function sameNumbering(before: LinkTrace, k: number, tail: Tail, generated: LinkTrace['generated']): boolean {
  const keys = new Set<string>();
  for (const [top, key] of before.generated) if (top >= tail.old) keys.add(key);
  if (keys.size === 0) return true;
  const counts = new Map<string, number>();
  for (const [top, key] of before.generated) if (top >= k && top < tail.old && keys.has(key)) counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const [top, key] of generated) if (top >= k && top < tail.now && keys.has(key)) counts.set(key, (counts.get(key) ?? 0) - 1);
  for (const count of counts.values()) if (count !== 0) return false;
  return true;
}

// Linked objects `delta` lines further down. Written out
// per kind, fields in the order the stages make them: a literal of one shape copies thousands of
// objects several times faster than a spread (and a field added to a kind is a type error here until copied).

function movedSymbol(s: ModelSymbol, delta: number): ModelSymbol {
  return { id: s.id, kind: s.kind, location: movedLocation(s.location, delta) };
}

function movedData(d: DataAsset, delta: number): DataAsset {
  return { id: d.id, label: d.label, classification: d.classification, tags: d.tags, description: d.description, location: movedLocation(d.location, delta) };
}

function movedBoundary(b: TrustBoundary, delta: number): TrustBoundary {
  return {
    id: b.id,
    label: b.label,
    parent: b.parent,
    boundaryPath: b.boundaryPath,
    trust: b.trust,
    trustDeclared: b.trustDeclared,
    elements: b.elements,
    boundaries: b.boundaries,
    properties: b.properties,
    location: movedLocation(b.location, delta),
  };
}

function movedElement(e: Element, delta: number): Element {
  return {
    id: e.id,
    kind: e.kind,
    label: e.label,
    boundary: e.boundary,
    boundaryPath: e.boundaryPath,
    trust: e.trust,
    properties: e.properties,
    tags: e.tags,
    tech: e.tech,
    description: e.description,
    code: e.code,
    holds: e.holds,
    handles: e.handles,
    location: movedLocation(e.location, delta),
  };
}

function movedFlow(f: DataFlow, delta: number): DataFlow {
  return {
    id: f.id,
    generatedId: f.generatedId,
    source: f.source,
    target: f.target,
    twoWay: f.twoWay,
    label: f.label,
    protocol: f.protocol,
    encrypted: f.encrypted,
    encryptionInferred: f.encryptionInferred,
    authenticated: f.authenticated,
    data: f.data,
    properties: f.properties,
    location: movedLocation(f.location, delta),
  };
}

function movedThreat(t: ManualThreat, delta: number): ManualThreat {
  return { id: t.id, title: t.title, category: t.category, severity: t.severity, targets: t.targets, cwe: t.cwe, capec: t.capec, description: t.description, location: movedLocation(t.location, delta) };
}

function movedRule(r: CustomRule, delta: number): CustomRule {
  return {
    id: r.id,
    title: r.title,
    category: r.category,
    severity: r.severity,
    applies: r.applies,
    // The condition is syntax, with positions of its own.
    when: r.when && movedLines(r.when, delta),
    description: r.description,
    mitigation: r.mitigation,
    cwe: r.cwe,
    capec: r.capec,
    location: movedLocation(r.location, delta),
  };
}

function movedResponse(r: RiskResponse, delta: number): RiskResponse {
  return {
    kind: r.kind,
    ruleOrThreat: r.ruleOrThreat,
    isThreat: r.isThreat,
    targets: r.targets,
    text: r.text,
    status: r.status,
    ref: r.ref,
    code: r.code,
    acceptedBy: r.acceptedBy,
    expires: r.expires,
    location: movedLocation(r.location, delta),
  };
}

function movedLocation(location: SourceLocation, delta: number): SourceLocation {
  const range = movedRange(location.range, delta);
  return { uri: location.uri, range, nameRange: location.nameRange === location.range ? range : movedRange(location.nameRange, delta) };
}

/** The first `count` entries of a map, as a new map. */
function firstEntries<V>(map: ReadonlyMap<string, V>, count: number): Map<string, V> {
  const out = new Map<string, V>();
  if (count === 0) return out;
  for (const [key, value] of map) {
    out.set(key, value);
    if (out.size === count) break;
  }
  return out;
}

/**
 * The last link's object for the same syntax when the new one says the same (fields equal, lists
 * item by item, locations of the same ranges), else the new one; noted for the next link either way.
 */
function keep<K extends object, T extends object>(memo: WeakMap<K, T>, key: K, fresh: T): T {
  const previous = memo.get(key);
  if (previous !== undefined && alike(fresh, previous)) return previous;
  memo.set(key, fresh);
  return fresh;
}

/**
 * Whether two linked objects made by the same code say the same. Fields that are other objects
 * (property maps, `when` expressions) are alike only when they are the same object.
 */
function alike(fresh: object, previous: object): boolean {
  const a = fresh as Record<string, unknown>;
  const b = previous as Record<string, unknown>;
  for (const key in a) {
    const x = a[key];
    const y = b[key];
    if (x === y) continue;
    if (Array.isArray(x)) {
      if (!Array.isArray(y) || x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
      continue;
    }
    if (!isLocation(x) || !isLocation(y) || x.uri !== y.uri || x.range !== y.range || x.nameRange !== y.nameRange) return false;
  }
  return true;
}

function isLocation(value: unknown): value is SourceLocation {
  return typeof value === 'object' && value !== null && 'nameRange' in value;
}

function placementAllowed(owner: PropertyOwner, parent: Context['parent']): boolean {
  switch (owner) {
    case 'model':
    case 'data':
    case 'rule':
      return parent === 'top';
    case 'actor':
    case 'external':
    case 'process':
    case 'store':
    case 'boundary':
    case 'flow':
      return parent === 'top' || parent === 'boundary';
    case 'threat':
    case 'mitigate':
    case 'accept':
      return true;
  }
}

function wantedNoun(wanted: readonly SymbolKind[]): string {
  if (wanted.length === 1 && wanted[0] === 'data') return 'data asset';
  if (wanted.every((k) => elementKindSet.has(k))) return 'element';
  return 'element or flow';
}

function describeValue(value: Value): string {
  switch (value.type) {
    case 'string':
      return 'a string';
    case 'number':
      return `the number ${value.text}`;
    case 'boolean':
      return `\`${value.value}\``;
    case 'name':
      return `the name ${quote(value.value)}`;
    case 'list':
      return 'a list';
    case 'expression':
      return 'an expression';
  }
}

function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** Whether an ID resolved and is the first of its value in the list (a list names each ID once). */
function isFirstDefined(id: string | undefined, index: number, ids: ReadonlyArray<string | undefined>): boolean {
  return id !== undefined && ids.indexOf(id) === index;
}

function str(props: Properties, key: string): string | undefined {
  const value = props.values.get(key);
  return typeof value === 'string' ? value : undefined;
}

function list(props: Properties, key: string): string[] {
  const value = props.values.get(key);
  if (value === undefined) return [];
  return Array.isArray(value) ? [...value] : [String(value)];
}

function pushTo(lists: Map<string, string[]>, key: string, item: string): void {
  const list = lists.get(key);
  if (list) list.push(item);
  else lists.set(key, [item]);
}

function shortName(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1);
}

export type { ElementKind };
