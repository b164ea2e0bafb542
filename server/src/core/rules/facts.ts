import type { RuleSubject } from './rule';
import { elementKinds } from '../syntax/ast';
import { emptyList, keptList } from './kept-list';
import {
  Classification,
  classifications,
  DataFlow,
  DirectedFlow,
  Element,
  rank,
  Severity,
  severities,
  ThreatModel,
  Trust,
  trustLevels,
} from '../model/threat-model';

/** A flow's protocol and `tech` property as one lower-case text (`amqp`, `grpc kafka`). */
function flowTechText(protocol: string | undefined, tech: unknown): string {
  return `${(protocol ?? '').toLowerCase()} ${typeof tech === 'string' ? tech.toLowerCase() : ''}`;
}

/**
 * What rules ask of a model, computed once per model so that every rule runs in time linear
 * in the model: flows in and out of each element, classifications, zones and crossings.
 */
export class ModelFacts {
  /** Everything asked by element ID, in one record, so each question costs one lookup. */
  private readonly elements = new Map<string, ElementFacts>();
  /**
   * The record of each of the model's directions, built only when asked about one that is not a
   * record: rules are handed `Direction` records (subjects, flows in and out), which carry their facts.
   */
  private directions: Map<DirectedFlow, Direction> | undefined;
  /** The record of each direction, in model order. */
  private readonly records: readonly Direction[];
  /** Classification rank (-1 for none), tags and label by data ID, so rules compare numbers instead of searching the scale. */
  private readonly dataFacts = new Map<string, DataFacts>();
  /**
   * Pattern answers by pattern and text: technology names, tags and protocols repeat across thousands
   * of elements and flows, and a long alternation costs more to run than a lookup.
   */
  private readonly answers = new Map<RegExp, Map<string, boolean>>();
  /** The model's distinct technology words (see `usesTechnology`), gathered when first asked. */
  private technologyWords: Set<string> | undefined;
  /** The element asked about last, by ID: rules ask several questions about one element in a row. */
  private lastElementId: string | undefined;
  private lastElementFacts: ElementFacts | undefined;
  /**
   * Every element subject, in declaration order. The subjects are the facts records themselves:
   * running 60-odd rules allocates no subject per rule and element, nor one per element at all.
   */
  readonly elementSubjects: readonly ElementSubject[];
  /** Every flow-direction subject, in model order: the direction records. */
  readonly flowSubjects: readonly FlowSubject[];

  constructor(readonly model: ThreatModel) {
    // Each loop is in a function of its own (see `directionsBetween`).
    const elements = elementFactsOf(model, this.elements);
    this.elementSubjects = elements;
    this.records = directionsBetween(model.directedFlows, this.elements, elements);
    this.flowSubjects = this.records;
    for (const asset of model.data.values()) {
      this.dataFacts.set(asset.id, { rank: asset.classification ? rank(classifications, asset.classification) : -1, tags: asset.tags, label: asset.label });
    }
  }

  /** The facts of one direction: the record itself when it is one of ours. */
  private direction(direction: DirectedFlow): Direction {
    if (direction instanceof Direction) return direction;
    this.directions ??= new Map(this.model.directedFlows.map((d, i) => [d, this.records[i]]));
    return this.directions.get(direction)!;
  }

  /** The facts of one element, remembering the last one asked. */
  private about(id: string): ElementFacts | undefined {
    if (id !== this.lastElementId) {
      this.lastElementId = id;
      this.lastElementFacts = this.elements.get(id);
    }
    return this.lastElementFacts;
  }

  /**
   * The highest classification rank among data assets, -1 for none. Worked out on each call: data
   * lists are short and the data facts few, which costs less than looking the list up in a cache.
   */
  private highestRank(dataIds: readonly string[]): number {
    let best = -1;
    for (const id of dataIds) {
      const r = this.dataFacts.get(id)?.rank ?? -1;
      if (r > best) best = r;
    }
    return best;
  }

  /** The element with this ID (flow ends are always resolved elements). */
  element(id: string): Element {
    return this.about(id)?.element as Element;
  }

  /** The element a direction leaves. */
  sourceOf(direction: DirectedFlow): Element {
    return this.direction(direction).sourceElement;
  }

  /** The element a direction arrives at. */
  targetOf(direction: DirectedFlow): Element {
    return this.direction(direction).targetElement;
  }

  /** Directions of flows that arrive at the element (a two-way flow counts both ways). */
  flowsInto(id: string): readonly DirectedFlow[] {
    return this.about(id)?.incoming ?? [];
  }

  /** Flows into the element from an untrusted source (actor, external, untrusted zone); cached, do not change. */
  untrustedInto(id: string): readonly DirectedFlow[] {
    const facts = this.about(id);
    if (!facts) return [];
    return (facts.untrusted ??= orEmpty(facts.incoming.filter((d) => this.fromUntrusted(d))));
  }

  /** Flows into the element from an untrusted source or into a more trusted zone across a boundary; cached, do not change. */
  exposedInputs(id: string): readonly DirectedFlow[] {
    const facts = this.about(id);
    if (!facts) return [];
    return (facts.exposed ??= orEmpty(facts.incoming.filter((d) => this.fromUntrusted(d) || (this.crossesBoundary(d) && this.entersMoreTrusted(d)))));
  }

  /** Distinct sources of the flows into the element from an untrusted source; cached, do not change. */
  untrustedSourcesInto(id: string): readonly string[] {
    const facts = this.about(id);
    if (!facts) return [];
    if (facts.untrustedSources === undefined) {
      const untrusted = this.untrustedInto(id);
      facts.untrustedSources = untrusted.length === 0 ? empty : [...new Set(untrusted.map((d) => d.source))];
    }
    return facts.untrustedSources;
  }

  /** Flows into the element that come from an untrusted source or cross a boundary; cached, do not change. */
  crossingInto(id: string): readonly DirectedFlow[] {
    const facts = this.about(id);
    if (!facts) return [];
    return (facts.crossing ??= orEmpty(facts.incoming.filter((d) => d.fromUntrusted || d.crosses)));
  }

  /** How many flows into the element come from an untrusted source or cross a boundary (a cheap pre-check for rules). */
  exposedOrCrossingCount(id: string): number {
    return this.crossingInto(id).length;
  }

  /** Whether a flow arrives at the element from an element of this kind (no list built). */
  hasFlowFrom(id: string, kind: Element['kind']): boolean {
    for (const d of this.about(id)?.incoming ?? []) if (d.sourceElement.kind === kind) return true;
    return false;
  }

  /** Whether a flow leaves the element for an element of this kind (no list built). */
  hasFlowTo(id: string, kind: Element['kind']): boolean {
    for (const d of this.about(id)?.outgoing ?? []) if (d.targetElement.kind === kind) return true;
    return false;
  }

  /** Directions of flows that leave the element. */
  flowsOutOf(id: string): readonly DirectedFlow[] {
    return this.about(id)?.outgoing ?? [];
  }

  /** The highest classification among data assets, or undefined for none. */
  classificationOf(dataIds: readonly string[]): Classification | undefined {
    const best = this.highestRank(dataIds);
    return best < 0 ? undefined : classifications[best];
  }

  /**
   * The highest classification among an element's own data assets and the data the flows carry,
   * or undefined for none: the same as `classificationOf` over both lists, without joining them.
   */
  classificationWithFlows(dataIds: readonly string[], directions: readonly DirectedFlow[]): Classification | undefined {
    let best = this.highestRank(dataIds);
    for (const d of directions) {
      const r = this.highestRank(d.flow.data);
      if (r > best) best = r;
    }
    return best < 0 ? undefined : classifications[best];
  }

  /** Whether any of the data assets has at least this classification (no array built, unlike `dataAtLeast`). */
  hasDataAtLeast(dataIds: readonly string[], level: Classification): boolean {
    return this.highestRank(dataIds) >= rank(classifications, level);
  }

  /** The data assets with at least this classification. */
  dataAtLeast(dataIds: readonly string[], level: Classification): string[] {
    const min = rank(classifications, level);
    if (this.highestRank(dataIds) < min) return [];
    return dataIds.filter((id) => (this.dataFacts.get(id)?.rank ?? -1) >= min);
  }

  /** The data assets among these that carry the tag, in their order. */
  dataWithTag(dataIds: readonly string[], tag: string): string[] {
    const tagged: string[] = [];
    for (const id of dataIds) if (this.dataTagged(id, tag)) tagged.push(id);
    return tagged;
  }

  /** The data assets among these that do not carry the tag, in their order. */
  dataWithoutTag(dataIds: readonly string[], tag: string): string[] {
    const untagged: string[] = [];
    for (const id of dataIds) if (!this.dataTagged(id, tag)) untagged.push(id);
    return untagged;
  }

  /** Whether one data asset carries the tag (`phi`, `pci`, `secret`, ...): `tagged` without a list to build. */
  dataTagged(dataId: string, tag: string): boolean {
    return this.dataFacts.get(dataId)?.tags.includes(tag) === true;
  }

  /** Whether one data asset has at least this classification: `hasDataAtLeast` without a list to build. */
  dataIsAtLeast(dataId: string, level: Classification): boolean {
    return (this.dataFacts.get(dataId)?.rank ?? -1) >= rank(classifications, level);
  }

  /** Whether any of the data assets carries the tag (`phi`, `pci`, `secret`, ...). */
  tagged(dataIds: readonly string[], tag: string): boolean {
    for (const id of dataIds) if (this.dataFacts.get(id)?.tags.includes(tag)) return true;
    return false;
  }

  /** A flow crosses a boundary when its ends do not sit in the same innermost boundary. */
  crossesBoundary(direction: DirectedFlow): boolean {
    return this.direction(direction).crosses;
  }

  /** Whether the flow's destination zone is more trusted than its source zone. */
  entersMoreTrusted(direction: DirectedFlow): boolean {
    return this.direction(direction).entersMoreTrusted;
  }

  /** Whether the source is outside the modelled team's trust: an actor, an external, or an untrusted zone. */
  fromUntrusted(direction: DirectedFlow): boolean {
    return this.direction(direction).fromUntrusted;
  }

  /**
   * `zoneA -> zoneB`, naming the implicit zone outside every boundary "outside". Worked out once
   * per direction: several rules name the same crossing, and their findings share the words.
   */
  describeCrossing(direction: DirectedFlow): string {
    const record = this.direction(direction);
    return (record.crossing ??= `${record.sourceElement.boundary ?? 'outside'} -> ${record.targetElement.boundary ?? 'outside'}`);
  }

  /** The boundaries a flow leaves and enters (for related information); shared, do not change. */
  boundariesCrossed(direction: DirectedFlow): readonly string[] {
    const record = this.direction(direction);
    return (record.boundariesCrossed ??= crossed(record, false));
  }

  /** A flow's source and target, then the boundaries it leaves and enters (for related information); shared, do not change. */
  endsAndBoundariesCrossed(direction: DirectedFlow): readonly string[] {
    const record = this.direction(direction);
    return (record.endsAndBoundariesCrossed ??= crossed(record, true));
  }

  /** A boolean property of an element or flow: true, false, or undefined when not declared. */
  flag(subject: Element | DataFlow, property: string): boolean | undefined {
    const value = subject.properties.get(property);
    return typeof value === 'boolean' ? value : undefined;
  }

  /** Whether the pattern matches the text (a technology, tag, protocol or identity), remembered for this model. */
  matches(pattern: RegExp, text: string): boolean {
    let answers = this.answers.get(pattern);
    if (!answers) this.answers.set(pattern, (answers = new Map()));
    let answer = answers.get(text);
    if (answer === undefined) answers.set(text, (answer = pattern.test(text)));
    return answer;
  }

  /**
   * Whether any element's technology or tag, or any flow's protocol or technology, matches the
   * pattern, as written or in lower case. A model names few technologies, so this is a test over a
   * handful of words: a rule that needs one the model does not use is skipped whole.
   */
  usesTechnology(pattern: RegExp): boolean {
    if (!this.technologyWords) {
      const words = new Set<string>();
      const add = (word: string): void => {
        if (words.has(word)) return;
        words.add(word);
        words.add(word.toLowerCase());
      };
      for (const element of this.model.elements.values()) {
        if (element.tech !== undefined) add(element.tech);
        for (const tag of element.tags) add(tag);
      }
      // Each distinct protocol and technology pair once, also as `flowTech` joins it: no string per flow.
      const pairs = new Map<string | undefined, Set<unknown>>();
      for (const flow of this.model.flows.values()) {
        let techs = pairs.get(flow.protocol);
        if (!techs) pairs.set(flow.protocol, (techs = new Set()));
        techs.add(flow.properties.get('tech'));
      }
      for (const [protocol, techs] of pairs) {
        if (protocol !== undefined) add(protocol);
        for (const tech of techs) {
          if (tech !== undefined) add(String(tech));
          add(flowTechText(protocol, tech));
        }
      }
      this.technologyWords = words;
    }
    for (const word of this.technologyWords) if (this.matches(pattern, word)) return true;
    return false;
  }

  /** The technology in lower case, for matching (`postgres`, `redis`, ...). */
  tech(element: Element): string {
    const facts = this.about(element.id);
    if (!facts) return (element.tech ?? '').toLowerCase();
    return (facts.tech ??= (element.tech ?? '').toLowerCase());
  }

  /** The technology, tags, ID and label in lower case, for matching an element by kind of component (`vault`, `registry`). */
  identity(element: Element): string {
    const facts = this.about(element.id);
    if (facts?.identity !== undefined) return facts.identity;
    const text = [this.tech(element), ...element.tags.map((t) => t.toLowerCase()), element.id.toLowerCase(), element.label.toLowerCase()].join(' ');
    if (facts) facts.identity = text;
    return text;
  }

  /** A flow's protocol and technology in lower case, for matching (`amqp`, `grpc kafka`). */
  flowTech(direction: DirectedFlow): string {
    const record = this.direction(direction);
    if (record.tech === undefined) {
      record.tech = flowTechText(record.flow.protocol, record.flow.properties.get('tech'));
    }
    return record.tech;
  }

  /** Upper-cased names of data assets for messages: `PHI`, `credentials`. */
  dataNames(dataIds: readonly string[]): string {
    return dataIds.map((id) => this.dataFacts.get(id)?.label ?? id).join(', ');
  }
}

/** An element as the engine hands it to rules, with its kind's position in `elementKinds` (the engine's index of rules by kind). */
export type ElementSubject = Extract<RuleSubject, { kind: 'element' }> & { readonly kindIndex: number };

/**
 * A direction of a flow as the engine hands it to rules, with the kinds of its two ends as one
 * number, `from * elementKinds.length + to` (the engine's index of flow rules by ends).
 */
export type FlowSubject = Extract<RuleSubject, { kind: 'flow' }> & { readonly ends: number };

/** What rules ask about one element, by its ID, and the element's subject; the lists are built on first use and shared, so never changed. */
interface ElementFacts {
  readonly kind: 'element';
  readonly element: Element;
  /** Its position among the model's elements. */
  readonly index: number;
  /** Its kind's position in `elementKinds`. */
  readonly kindIndex: number;
  incoming: Direction[];
  outgoing: Direction[];
  /** Flows in from an untrusted source, and their distinct sources. */
  untrusted: readonly DirectedFlow[] | undefined;
  untrustedSources: readonly string[] | undefined;
  /** Flows in from an untrusted source or across a boundary. */
  crossing: readonly Direction[] | undefined;
  /** Flows in from an untrusted source or into a more trusted zone across a boundary. */
  exposed: readonly DirectedFlow[] | undefined;
  /** The technology, lower-cased. */
  tech: string | undefined;
  /** Technology, tags, ID and label, lower-cased. */
  identity: string | undefined;
}

/** What rules ask about one data asset. */
interface DataFacts {
  /** Rank on the classification scale, -1 when unclassified. */
  readonly rank: number;
  readonly tags: readonly string[];
  readonly label: string;
}

/** The facts record of every element, in declaration order, each also indexed by ID in `byId`. */
function elementFactsOf(model: ThreatModel, byId: Map<string, ElementFacts>): ElementFacts[] {
  const all: ElementFacts[] = [];
  for (const element of model.elements.values()) {
    const facts = newElementFacts(element, all.length);
    byId.set(element.id, facts);
    all.push(facts);
  }
  return all;
}

/** The facts record of one element, its lists of flows still empty. */
function newElementFacts(element: Element, index: number): ElementFacts {
  return { kind: 'element', element, index, kindIndex: elementKinds.indexOf(element.kind), incoming: none, outgoing: none, untrusted: undefined, untrustedSources: undefined, exposed: undefined, crossing: undefined, tech: undefined, identity: undefined };
}

/**
 * The record of every direction, in model order, each also listed in its ends' flows in and out.
 * Each element's lists are made at their final length, counted first: lists grown by pushing keep
 * room for 16, and on a large model that is megabytes more for the garbage collector to copy.
 *
 * Each loop is a function of its own. A function that runs once per evaluation has its loop compiled
 * on the fly, and V8 reused that code, compiled for the first loop, on entering each later one, only
 * to throw it away there: run after run, the later loops ran unoptimised.
 */
function directionsBetween(directions: readonly DirectedFlow[], byId: ReadonlyMap<string, ElementFacts>, elements: readonly ElementFacts[]): Direction[] {
  const ends = endsOf(directions, byId);
  sizeFlowLists(elements, ends);
  return linkDirections(directions, ends);
}

/** The facts of each direction's source and target, and how many flows leave and reach each element (by element index). */
interface DirectionEnds {
  readonly sources: readonly ElementFacts[];
  readonly targets: readonly ElementFacts[];
  readonly into: Int32Array;
  readonly outOf: Int32Array;
}

/** The ends of every direction, with the counts of flows in and out of each element. */
function endsOf(directions: readonly DirectedFlow[], byId: ReadonlyMap<string, ElementFacts>): DirectionEnds {
  const sources = new Array<ElementFacts>(directions.length);
  const targets = new Array<ElementFacts>(directions.length);
  const into = new Int32Array(byId.size);
  const outOf = new Int32Array(byId.size);
  for (let i = 0; i < directions.length; i++) {
    const source = byId.get(directions[i].source)!;
    const target = byId.get(directions[i].target)!;
    sources[i] = source;
    targets[i] = target;
    outOf[source.index]++;
    into[target.index]++;
  }
  return { sources, targets, into, outOf };
}

/** Gives each element with flows in or out its lists at their final length, and zeroes the counts for `linkDirections` to fill them. */
function sizeFlowLists(elements: readonly ElementFacts[], { into, outOf }: DirectionEnds): void {
  for (const facts of elements) {
    if (into[facts.index] > 0) facts.incoming = new Array<Direction>(into[facts.index]);
    if (outOf[facts.index] > 0) facts.outgoing = new Array<Direction>(outOf[facts.index]);
  }
  into.fill(0);
  outOf.fill(0);
}

/** The record of each direction, put into its ends' lists of flows. */
function linkDirections(directions: readonly DirectedFlow[], { sources, targets, into, outOf }: DirectionEnds): Direction[] {
  const records = new Array<Direction>(directions.length);
  for (let i = 0; i < directions.length; i++) {
    const source = sources[i];
    const target = targets[i];
    const record = new Direction(directions[i], source.element, target.element, source.kindIndex * elementKinds.length + target.kindIndex);
    records[i] = record;
    source.outgoing[outOf[source.index]++] = record;
    target.incoming[into[target.index]++] = record;
  }
  return records;
}

/** The lists of an element with no flows in or out: one shared empty list, never changed. */
const none: Direction[] = [];

/** The empty list of every cached answer that is empty (most elements have no untrusted input, most flows cross nothing) and of no reasons. */
const empty = emptyList;

/** A cached list as kept for the run (`keptList`), or the shared empty one when it has nothing: a cached empty list would be kept to the end of the run for nothing. */
function orEmpty<T>(list: readonly T[]): readonly T[] {
  return list.length === 0 ? empty : keptList(list);
}

/** One direction of a flow as rules see it, with what they ask about it worked out once per model; also the direction's subject. */
class Direction implements DirectedFlow {
  readonly kind = 'flow';
  readonly flow: DataFlow;
  readonly source: string;
  readonly target: string;
  readonly reversed: boolean;
  /** A flow crosses a boundary when its ends do not sit in the same innermost boundary. */
  readonly crosses: boolean;
  /** The source is an actor, an external, or sits in an untrusted zone. */
  readonly fromUntrusted: boolean;
  /** The target's zone is more trusted than the source's. */
  readonly entersMoreTrusted: boolean;
  /** The flow's protocol and technology, lower-cased, once asked. */
  tech: string | undefined = undefined;
  /** What findings on the direction share, worked out when first asked (see `describeCrossing` and the crossed-boundary lists). */
  crossing: string | undefined = undefined;
  boundariesCrossed: readonly string[] | undefined = undefined;
  endsAndBoundariesCrossed: readonly string[] | undefined = undefined;

  constructor(
    direction: DirectedFlow,
    readonly sourceElement: Element,
    readonly targetElement: Element,
    /** The kinds of its source and target as one number (see `FlowSubject`). */
    readonly ends: number,
  ) {
    this.flow = direction.flow;
    this.source = direction.source;
    this.target = direction.target;
    this.reversed = direction.reversed;
    this.crosses = sourceElement.boundary !== targetElement.boundary;
    this.fromUntrusted = sourceElement.kind === 'actor' || sourceElement.kind === 'external' || sourceElement.trust === 'untrusted';
    this.entersMoreTrusted = trustRank(targetElement.trust) > trustRank(sourceElement.trust);
  }

  /** The direction a flow subject is about: the record itself. */
  get direction(): DirectedFlow {
    return this;
  }
}

/**
 * The direction's source and target when `withEnds`, then the boundaries it leaves and enters: one
 * list, kept as a finding's list is (`keptList`) and frozen, or the shared empty list for none.
 * Findings share it and keep it for the whole run.
 */
function crossed(direction: Direction, withEnds: boolean): readonly string[] {
  const from = direction.sourceElement.boundaryPath;
  const to = direction.targetElement.boundaryPath;
  let common = 0;
  while (common < from.length && common < to.length && from[common] === to[common]) common++;
  const ends = withEnds ? 2 : 0;
  const length = ends + from.length + to.length - 2 * common;
  if (length === 0) return empty;
  const out = new Array<string>(length);
  let n = 0;
  if (withEnds) {
    out[n++] = direction.source;
    out[n++] = direction.target;
  }
  for (let i = common; i < from.length; i++) out[n++] = from[i];
  for (let i = common; i < to.length; i++) out[n++] = to[i];
  return Object.freeze(keptList(out));
}

/** The rank of a trust level: untrusted 0 < low < medium < high 3. */
export function trustRank(trust: Trust): number {
  return rank(trustLevels, trust);
}

/** The higher of two severities. */
export function maxSeverity(a: Severity, b: Severity): Severity {
  return rank(severities, a) >= rank(severities, b) ? a : b;
}

/** One step up the severity scale (critical stays critical). */
export function raiseSeverity(severity: Severity, steps = 1): Severity {
  return severities[Math.min(severities.length - 1, rank(severities, severity) + steps)];
}

/**
 * A rule's severity in context: one step up for restricted data (for confidential data too,
 * below high), one for entering a more trusted zone from an untrusted source. Returns the severity and the reasons, for the evidence.
 */
export function severityInContext(base: Severity, context: { restrictedData?: boolean; confidentialData?: boolean; entersTrustedFromUntrusted?: boolean }): { severity: Severity; reasons: readonly string[] } {
  let severity = base;
  let data: 'restricted' | 'confidential' | undefined;
  if (context.restrictedData) {
    severity = raiseSeverity(severity);
    data = 'restricted';
  } else if (context.confidentialData && rank(severities, base) < rank(severities, 'high')) {
    severity = raiseSeverity(severity);
    data = 'confidential';
  }
  if (context.entersTrustedFromUntrusted) {
    severity = raiseSeverity(severity);
    return { severity, reasons: data ? contextReasons[data].andZone : contextReasons.zone };
  }
  return { severity, reasons: data ? contextReasons[data].alone : empty };
}

// Every finding raised by context has one of these five lists of reasons (or `empty`): shared and frozen, they are
// not made again for each of tens of thousands of findings, nor kept once per finding.
const zoneReason = 'enters a more trusted zone from an untrusted source';
const contextReasons = {
  restricted: { alone: Object.freeze(['restricted data']), andZone: Object.freeze(['restricted data', zoneReason]) },
  confidential: { alone: Object.freeze(['confidential data']), andZone: Object.freeze(['confidential data', zoneReason]) },
  zone: Object.freeze([zoneReason]),
};

/** Whether a classification is confidential or restricted: what rules call sensitive data. */
export function isSensitive(classification: Classification | undefined): boolean {
  return classification === 'confidential' || classification === 'restricted';
}

/** The distinct sources of some flow directions, in order of first appearance. */
export function distinctSources(directions: readonly DirectedFlow[]): string[] {
  const sources: string[] = [];
  // Most elements have a few flows in: a scan of the short list costs less than a set.
  if (directions.length > 16) return [...new Set(directions.map((d) => d.source))];
  for (const d of directions) if (!sources.includes(d.source)) sources.push(d.source);
  return sources;
}
