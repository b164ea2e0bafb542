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
import { formatPosition, Range } from '../text/range';
import { didYouMean, suggestNames } from '../text/suggest';
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

/** A linked model and what linking found wrong with it. */
export interface LinkResult {
  readonly model: ThreatModel;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Links the parsed files of one model (root first, then what it imports) into a `ThreatModel`.
 * Never throws: unresolved names are reported and left out, so the model is always usable.
 */
export function linkModel(rootUri: string, files: readonly MoatFile[]): LinkResult {
  return new Linker(rootUri, files).link();
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
  private readonly references: SymbolReference[] = [];
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

  constructor(
    private readonly rootUri: string,
    private readonly files: readonly MoatFile[],
  ) {}

  link(): LinkResult {
    for (const file of this.files) {
      this.collect(file.declarations, { uri: file.uri, boundaryPath: [], parent: 'top', parentTarget: undefined });
    }
    const data = this.linkData();
    const boundaries = this.linkBoundaries();
    const elements = this.linkElements(boundaries);
    const flows = this.linkFlows();
    const threats = this.linkThreats();
    const rules = this.linkRules();
    const responses = this.linkResponses();
    const directedFlows: DirectedFlow[] = [];
    for (const flow of flows.values()) {
      directedFlows.push({ flow, source: flow.source, target: flow.target, reversed: false });
      if (flow.twoWay) directedFlows.push({ flow, source: flow.target, target: flow.source, reversed: true });
    }
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
      references: this.references,
    };
    return { model, diagnostics: this.diagnostics };
  }

  // ---- collection: walk every file, declare IDs, check placement and properties ----

  private collect(declarations: readonly Declaration[], ctx: Context): void {
    for (const decl of declarations) {
      if (decl.type === 'import') {
        if (ctx.parent !== 'top') this.misplaced('import', decl.range, ctx);
        continue;
      }
      const owner: PropertyOwner = decl.type === 'element' ? decl.kind : decl.type;
      const allowed = placementAllowed(owner, ctx.parent);
      if (!allowed) {
        this.misplaced(owner, decl.range, ctx);
        continue;
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
            this.modelDecl = { decl, ctx, props };
          }
          this.collectNested(decl.children, ctx, 'model');
          break;
        case 'data':
          if (this.declare(decl.id, 'data', ctx.uri, decl.range)) this.dataDecls.push({ decl, ctx, props });
          this.collectNested(decl.children, ctx, 'data');
          break;
        case 'element': {
          const declared = this.declare(decl.id, decl.kind, ctx.uri, decl.range);
          if (declared) this.elementDecls.push({ decl, ctx, props });
          if (decl.children.length) this.collect(decl.children, { uri: ctx.uri, boundaryPath: ctx.boundaryPath, parent: 'element', parentTarget: declared ? decl.id : undefined });
          break;
        }
        case 'boundary': {
          const declared = this.declare(decl.id, 'boundary', ctx.uri, decl.range);
          if (declared) this.boundaryDecls.push({ decl, ctx, props });
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
            id = n === 1 ? key : `${key}#${n}`;
            generated = true;
          }
          const idName: Name = decl.id ?? { text: id, range: decl.arrowRange ?? decl.range };
          const declared = this.declare(idName, 'flow', ctx.uri, decl.range);
          if (declared) this.flowDecls.push({ decl, ctx, props, id, generated });
          if (decl.children.length) this.collect(decl.children, { uri: ctx.uri, boundaryPath: ctx.boundaryPath, parent: 'flow', parentTarget: declared ? idName : undefined });
          break;
        }
        case 'threat':
          if (this.declare(decl.id, 'threat', ctx.uri, decl.range)) this.threatDecls.push({ decl, ctx, props });
          this.collectNested(decl.children, ctx, 'threat');
          break;
        case 'mitigate':
        case 'accept':
          if (decl.ruleOrThreat) this.responseDecls.push({ decl, ctx, props });
          this.collectNested(decl.children, ctx, decl.type);
          break;
        case 'rule':
          if (this.declare(decl.id, 'rule', ctx.uri, decl.range)) this.ruleDecls.push({ decl, ctx, props });
          this.collectNested(decl.children, ctx, 'rule');
          break;
      }
    }
  }

  /** Declarations nested where none belong (inside `data`, `threat`, ...) are reported, not dropped silently. */
  private collectNested(children: readonly Declaration[], ctx: Context, inside: string): void {
    for (const child of children) {
      const kind = child.type === 'element' ? child.kind : child.type;
      this.report(ctx.uri, child.range, 'error', DiagnosticCode.misplacedDeclaration, `\`${kind}\` cannot be declared inside ${describeKind(inside)}`);
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
    this.report(ctx.uri, range, 'error', DiagnosticCode.misplacedDeclaration, `\`${kind}\` cannot be declared ${where}${hint}`);
  }

  /** Adds an ID to the one namespace; a duplicate is reported at both places and the later one is left out. */
  private declare(id: Name | undefined, kind: SymbolKind, uri: string, range: Range): boolean {
    if (!id) return false;
    const existing = this.symbols.get(id.text);
    if (existing) {
      this.report(uri, id.range, 'error', DiagnosticCode.duplicateId, `duplicate ID \`${id.text}\`: already declared as ${describeKind(existing.kind)} at ${this.where(existing.location.uri, existing.location.nameRange, uri)}`, [
        { uri: existing.location.uri, range: existing.location.nameRange, message: `first declaration of \`${id.text}\`` },
      ]);
      if (!this.reportedFirstDuplicate.has(id.text)) {
        this.reportedFirstDuplicate.add(id.text);
        this.report(existing.location.uri, existing.location.nameRange, 'error', DiagnosticCode.duplicateId, `ID \`${id.text}\` is declared again at ${this.where(uri, id.range, existing.location.uri)}`, [
          { uri, range: id.range, message: `another declaration of \`${id.text}\`` },
        ]);
      }
      return false;
    }
    this.symbols.set(id.text, { id: id.text, kind, location: location(uri, range, id.range) });
    return true;
  }

  // ---- properties ----

  private checkProperties(owner: PropertyOwner, properties: readonly Property[], uri: string): Properties {
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
        this.report(uri, prop.key.range, 'warning', DiagnosticCode.duplicateProperty, `\`${name}\` is set twice; this value replaces the one at ${this.where(uri, previous.range, uri)}`, [
          { uri, range: previous.range, message: 'the earlier value' },
        ]);
      }
      const checked = this.checkValue(name, spec.type, value, prop, uri);
      if (checked === undefined) this.refusedProperties.add(prop);
      else values.set(name, checked);
    }
    return { values, written: properties };
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
      this.report(uri, range, 'warning', DiagnosticCode.unknownProperty, `unknown property \`${name}\` on ${describeKind(owner)}${didYouMean(suggestions)}`, undefined, suggestions);
      return;
    }
    this.report(
      uri,
      range,
      'warning',
      DiagnosticCode.propertyNotAllowed,
      `\`${name}\` does not apply to ${describeKind(owner)} (it applies to ${spec.on.join(', ')})${didYouMean(suggestions)}`,
      undefined,
      suggestions,
    );
  }

  private wrongType(name: string, value: Value, uri: string, expected: string): undefined {
    this.report(uri, value.range, 'error', DiagnosticCode.wrongValueType, `\`${name}\` expects ${expected}, not ${describeValue(value)}`);
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
          this.report(uri, value.range, 'error', DiagnosticCode.wrongValueType, `\`${name}\` expects a date written YYYY-MM-DD, not "${value.value}"`);
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
          else this.report(uri, item.range, 'error', DiagnosticCode.wrongValueType, `\`${name}\` expects strings, not ${describeValue(item)}`);
        }
        return strings;
      }
      case 'numbers': {
        const items = value.type === 'list' ? value.items : [value];
        const numbers: string[] = [];
        for (const item of items) {
          if (item.type === 'number' && Number.isInteger(item.value) && item.value > 0) numbers.push(String(item.value));
          else this.report(uri, item.range, 'error', DiagnosticCode.wrongValueType, `\`${name}\` expects a positive whole number (or a list of them), not ${describeValue(item)}`);
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
      this.report(uri, item.range, 'error', DiagnosticCode.wrongValueType, `\`${name}\` expects ${type.kind === 'refs' ? 'IDs' : 'names'} (\`${name}: [a, b]\`), not ${describeValue(item)}`);
      return false;
    }
    if (type.kind === 'enum-list' && !this.checkEnum(name, type.values, item.value, item.range, uri)) return false;
    if (type.kind === 'names' && type.known && !type.known.includes(item.value)) {
      const suggestions = suggestNames(item.value, type.known);
      this.report(uri, item.range, 'warning', DiagnosticCode.badEnumValue, `\`${item.value}\` is not a ${name} framework Moat knows${didYouMean(suggestions)}; known: ${type.known.join(', ')}`, undefined, suggestions);
    }
    return true;
  }

  private checkEnum(name: string, values: readonly string[], written: string, range: Range, uri: string): boolean {
    if (values.includes(written)) return true;
    const suggestions = suggestNames(written, values);
    this.report(uri, range, 'error', DiagnosticCode.badEnumValue, `\`${written}\` is not a valid ${name}${didYouMean(suggestions)}; allowed: ${values.join(', ')}`, undefined, suggestions);
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
      this.report(uri, range, 'error', DiagnosticCode.wrongReferenceKind, `\`${text}\` is ${describeKind(symbol.kind)}; ${what}`, [
        { uri: symbol.location.uri, range: symbol.location.nameRange, message: `\`${text}\` is declared here` },
      ]);
      return undefined;
    }
    const suggestions = suggestNames(text, this.candidates(wanted));
    this.report(uri, range, 'error', DiagnosticCode.unknownReference, `unknown ${wantedNoun(wanted)} \`${text}\`${didYouMean(suggestions)}`, undefined, suggestions);
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
    return {
      title: m.decl.label?.value ?? 'Untitled model',
      version: str(m.props, 'version'),
      owner: str(m.props, 'owner'),
      description: str(m.props, 'description'),
      compliance: list(m.props, 'compliance'),
      rulesOff: list(m.props, 'rules_off'),
      checklist: m.props.values.get('checklist') === true,
      location: location(m.ctx.uri, m.decl.range, m.decl.label?.range),
    };
  }

  private linkData(): Map<string, DataAsset> {
    const data = new Map<string, DataAsset>();
    for (const { decl, ctx, props } of this.dataDecls) {
      const id = decl.id!.text;
      data.set(id, {
        id,
        label: decl.label?.value ?? id,
        classification: (str(props, 'classification') as Classification | undefined) ?? 'internal',
        tags: list(props, 'tags'),
        description: str(props, 'description'),
        location: location(ctx.uri, decl.range, decl.id!.range),
      });
    }
    return data;
  }

  private linkBoundaries(): Map<string, TrustBoundary> {
    const boundaries = new Map<string, TrustBoundary>();
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
    for (const { decl, ctx, props } of this.boundaryDecls) {
      const id = decl.id!.text;
      const parent = ctx.boundaryPath[ctx.boundaryPath.length - 1];
      const declared = str(props, 'trust') as Trust | undefined;
      const trust = declared ?? (parent !== undefined ? boundaries.get(parent)?.trust : undefined) ?? 'medium';
      const elements = elementsIn.get(id) ?? [];
      const nested = boundariesIn.get(id) ?? [];
      if (!this.occupiedBoundaries.has(id)) {
        this.report(ctx.uri, decl.id!.range, 'information', DiagnosticCode.emptyBoundary, `boundary \`${id}\` is empty: declare the elements that sit in this zone inside it`);
      }
      boundaries.set(id, {
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
      });
    }
    return boundaries;
  }

  private linkElements(boundaries: ReadonlyMap<string, TrustBoundary>): Map<string, Element> {
    const elements = new Map<string, Element>();
    for (const { decl, ctx, props } of this.elementDecls) {
      const id = decl.id!.text;
      const boundary = ctx.boundaryPath[ctx.boundaryPath.length - 1];
      const what = 'expected a data asset (declared with `data`)';
      elements.set(id, {
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
      });
    }
    return elements;
  }

  private linkFlows(): Map<string, DataFlow> {
    const flows = new Map<string, DataFlow>();
    const what = 'a flow connects actors, externals, processes and stores';
    for (const { decl, ctx, props, id, generated } of this.flowDecls) {
      const source = this.resolve(decl.source!.text, decl.source!.range, ctx.uri, flowEndKinds, 'flow-end', what);
      const target = this.resolve(decl.target!.text, decl.target!.range, ctx.uri, flowEndKinds, 'flow-end', what);
      const data = this.resolveList(props, 'data', ctx.uri, dataKinds, 'data', 'expected a data asset (declared with `data`)');
      if (source === undefined || target === undefined) {
        this.droppedFlows.add(id);
        continue;
      }
      if (source === target) {
        this.report(ctx.uri, { start: decl.source!.range.start, end: decl.target!.range.end }, 'error', DiagnosticCode.selfFlow, `flow from \`${source}\` to itself: a data flow connects two different elements`);
        this.droppedFlows.add(id);
        continue;
      }
      const protocol = str(props, 'protocol');
      const declaredEncryption = props.values.get('encrypted') as boolean | undefined;
      const inferred = declaredEncryption === undefined ? inferEncryption(protocol) : undefined;
      flows.set(id, {
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
      });
    }
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

  private linkThreats(): Map<string, ManualThreat> {
    const threats = new Map<string, ManualThreat>();
    for (const { decl, ctx, props } of this.threatDecls) {
      const id = decl.id!.text;
      threats.set(id, {
        id,
        title: decl.label?.value ?? id,
        category: str(props, 'category') as StrideCategory | undefined,
        severity: (str(props, 'severity') as Severity | undefined) ?? 'medium',
        targets: this.targetsOf(props, ctx, decl.id!.range, 'a threat'),
        cwe: list(props, 'cwe').map(Number),
        capec: list(props, 'capec').map(Number),
        description: str(props, 'description'),
        location: location(ctx.uri, decl.range, decl.id!.range),
      });
    }
    return threats;
  }

  private linkRules(): Map<string, CustomRule> {
    const rules = new Map<string, CustomRule>();
    for (const { decl, ctx, props } of this.ruleDecls) {
      const id = decl.id!.text;
      const when = this.writtenProperty(props, 'when')?.value;
      rules.set(id, {
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
      });
    }
    return rules;
  }

  private linkResponses(): RiskResponse[] {
    const responses: RiskResponse[] = [];
    for (const { decl, ctx, props } of this.responseDecls) {
      const name = decl.ruleOrThreat!;
      const symbol = this.symbols.get(name.text);
      const isThreat = symbol?.kind === 'threat';
      if (symbol && symbol.kind !== 'threat' && symbol.kind !== 'rule') {
        this.report(ctx.uri, name.range, 'error', DiagnosticCode.wrongReferenceKind, `\`${name.text}\` is ${describeKind(symbol.kind)}; \`${decl.type}\` names a threat or a rule`);
      }
      // Built-in rule IDs are not symbols of the model: the rule stage checks them.
      this.references.push({ name: name.text, uri: ctx.uri, range: name.range, target: isThreat || symbol?.kind === 'rule' ? name.text : undefined, role: 'rule-or-threat' });
      responses.push({
        kind: decl.type,
        ruleOrThreat: name.text,
        isThreat,
        targets: this.targetsOf(props, ctx, name.range, `\`${decl.type} ${name.text}\``),
        text: decl.label?.value ?? '',
        status: (str(props, 'status') as MitigationStatus | undefined) ?? 'planned',
        ref: str(props, 'ref'),
        code: list(props, 'code'),
        acceptedBy: str(props, 'by'),
        expires: str(props, 'expires'),
        location: location(ctx.uri, decl.range, name.range),
      });
    }
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
      return `the name \`${value.value}\``;
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
