import type { RuleSubject } from './rule';
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

/**
 * What rules ask of a model, computed once per model so that every rule runs in time linear
 * in the model: flows in and out of each element, classifications, zones and crossings.
 */
export class ModelFacts {
  private readonly incoming = new Map<string, DirectedFlow[]>();
  private readonly outgoing = new Map<string, DirectedFlow[]>();
  /** Resolved ends and zone facts of each direction: rules ask them for every direction, many times over. */
  private readonly directions = new Map<DirectedFlow, DirectionFacts>();
  /** Classification ranks by data ID, so rules compare numbers instead of searching the scale. */
  private readonly dataRank = new Map<string, number>();
  /** Per-element lists several rules filter for, built on first use. */
  private readonly untrusted = new Map<string, readonly DirectedFlow[]>();
  private readonly exposed = new Map<string, readonly DirectedFlow[]>();
  /** Lower-cased technologies, cached: many rules match on them. */
  private readonly techs = new Map<Element, string>();
  /** Rule subjects built once, so running 60-odd rules allocates no subject per rule and element. */
  private readonly subjectsByKind = new Map<string, RuleSubject[]>();
  /** Every element subject, in declaration order. */
  readonly elementSubjects: readonly RuleSubject[];
  /** Every flow-direction subject, in model order. */
  readonly flowSubjects: readonly RuleSubject[];

  constructor(readonly model: ThreatModel) {
    const elementSubjects: RuleSubject[] = [];
    for (const element of model.elements.values()) {
      this.incoming.set(element.id, []);
      this.outgoing.set(element.id, []);
      const subject: RuleSubject = { kind: 'element', element };
      elementSubjects.push(subject);
      let ofKind = this.subjectsByKind.get(element.kind);
      if (!ofKind) this.subjectsByKind.set(element.kind, (ofKind = []));
      ofKind.push(subject);
    }
    this.elementSubjects = elementSubjects;
    const flowSubjects: RuleSubject[] = [];
    for (const direction of model.directedFlows) {
      this.outgoing.get(direction.source)?.push(direction);
      this.incoming.get(direction.target)?.push(direction);
      flowSubjects.push({ kind: 'flow', flow: direction.flow, direction });
      const source = model.elements.get(direction.source)!;
      const target = model.elements.get(direction.target)!;
      this.directions.set(direction, {
        source,
        target,
        crosses: source.boundary !== target.boundary,
        fromUntrusted: source.kind === 'actor' || source.kind === 'external' || source.trust === 'untrusted',
        entersMoreTrusted: trustRank(target.trust) > trustRank(source.trust),
      });
    }
    this.flowSubjects = flowSubjects;
    for (const asset of model.data.values()) if (asset.classification) this.dataRank.set(asset.id, rank(classifications, asset.classification));
  }

  /** The element subjects of one kind, in declaration order. */
  subjectsOfKind(kind: string): readonly RuleSubject[] {
    return this.subjectsByKind.get(kind) ?? [];
  }

  /** The element with this ID (flow ends are always resolved elements). */
  element(id: string): Element {
    return this.model.elements.get(id)!;
  }

  /** The element a direction leaves. */
  sourceOf(direction: DirectedFlow): Element {
    return this.directions.get(direction)!.source;
  }

  /** The element a direction arrives at. */
  targetOf(direction: DirectedFlow): Element {
    return this.directions.get(direction)!.target;
  }

  /** Directions of flows that arrive at the element (a two-way flow counts both ways). */
  flowsInto(id: string): readonly DirectedFlow[] {
    return this.incoming.get(id) ?? [];
  }

  /** Flows into the element from an untrusted source (actor, external, untrusted zone); cached, do not change. */
  untrustedInto(id: string): readonly DirectedFlow[] {
    let flows = this.untrusted.get(id);
    if (!flows) this.untrusted.set(id, (flows = this.flowsInto(id).filter((d) => this.fromUntrusted(d))));
    return flows;
  }

  /** Flows into the element from an untrusted source or into a more trusted zone across a boundary; cached, do not change. */
  exposedInputs(id: string): readonly DirectedFlow[] {
    let flows = this.exposed.get(id);
    if (!flows) this.exposed.set(id, (flows = this.flowsInto(id).filter((d) => this.fromUntrusted(d) || (this.crossesBoundary(d) && this.entersMoreTrusted(d)))));
    return flows;
  }

  /** How many flows into the element come from an untrusted source or cross a boundary (a cheap pre-check for rules). */
  exposedOrCrossingCount(id: string): number {
    let n = 0;
    for (const d of this.flowsInto(id)) if (this.fromUntrusted(d) || this.crossesBoundary(d)) n++;
    return n;
  }

  /** Directions of flows that leave the element. */
  flowsOutOf(id: string): readonly DirectedFlow[] {
    return this.outgoing.get(id) ?? [];
  }

  /** The highest classification among data assets, or undefined for none. */
  classificationOf(dataIds: readonly string[]): Classification | undefined {
    let best = -1;
    for (const id of dataIds) {
      const r = this.dataRank.get(id);
      if (r !== undefined && r > best) best = r;
    }
    return best < 0 ? undefined : classifications[best];
  }

  /** Whether any of the data assets has at least this classification (no array built, unlike `dataAtLeast`). */
  hasDataAtLeast(dataIds: readonly string[], level: Classification): boolean {
    const min = rank(classifications, level);
    for (const id of dataIds) if ((this.dataRank.get(id) ?? -1) >= min) return true;
    return false;
  }

  /** The data assets with at least this classification. */
  dataAtLeast(dataIds: readonly string[], level: Classification): string[] {
    const min = rank(classifications, level);
    return dataIds.filter((id) => (this.dataRank.get(id) ?? -1) >= min);
  }

  /** Whether any of the data assets carries the tag (`phi`, `pci`, `secret`, ...). */
  tagged(dataIds: readonly string[], tag: string): boolean {
    return dataIds.some((id) => this.model.data.get(id)?.tags.includes(tag));
  }

  /** A flow crosses a boundary when its ends do not sit in the same innermost boundary. */
  crossesBoundary(direction: DirectedFlow): boolean {
    return this.directions.get(direction)!.crosses;
  }

  /** Whether the flow's destination zone is more trusted than its source zone. */
  entersMoreTrusted(direction: DirectedFlow): boolean {
    return this.directions.get(direction)!.entersMoreTrusted;
  }

  /** Whether the source is outside the modelled team's trust: an actor, an external, or an untrusted zone. */
  fromUntrusted(direction: DirectedFlow): boolean {
    return this.directions.get(direction)!.fromUntrusted;
  }

  /** `zoneA -> zoneB`, naming the implicit zone outside every boundary "outside". */
  describeCrossing(direction: DirectedFlow): string {
    const zone = (id: string): string => this.element(id).boundary ?? 'outside';
    return `${zone(direction.source)} -> ${zone(direction.target)}`;
  }

  /** The boundaries a flow leaves and enters (for related information). */
  boundariesCrossed(direction: DirectedFlow): string[] {
    const from = this.element(direction.source).boundaryPath;
    const to = this.element(direction.target).boundaryPath;
    let common = 0;
    while (common < from.length && common < to.length && from[common] === to[common]) common++;
    return [...from.slice(common), ...to.slice(common)];
  }

  /** A boolean property of an element or flow: true, false, or undefined when not declared. */
  flag(subject: Element | DataFlow, property: string): boolean | undefined {
    const value = subject.properties.get(property);
    return typeof value === 'boolean' ? value : undefined;
  }

  /** The technology in lower case, for matching (`postgres`, `redis`, ...). */
  tech(element: Element): string {
    let tech = this.techs.get(element);
    if (tech === undefined) this.techs.set(element, (tech = (element.tech ?? '').toLowerCase()));
    return tech;
  }

  /** Upper-cased names of data assets for messages: `PHI`, `credentials`. */
  dataNames(dataIds: readonly string[]): string {
    return dataIds.map((id) => this.model.data.get(id)?.label ?? id).join(', ');
  }
}

/** What rules ask about one direction of a flow, worked out once per model. */
interface DirectionFacts {
  readonly source: Element;
  readonly target: Element;
  readonly crosses: boolean;
  readonly fromUntrusted: boolean;
  readonly entersMoreTrusted: boolean;
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
export function severityInContext(base: Severity, context: { restrictedData?: boolean; confidentialData?: boolean; entersTrustedFromUntrusted?: boolean }): { severity: Severity; reasons: string[] } {
  let severity = base;
  const reasons: string[] = [];
  if (context.restrictedData) {
    severity = raiseSeverity(severity);
    reasons.push('restricted data');
  } else if (context.confidentialData && rank(severities, base) < rank(severities, 'high')) {
    severity = raiseSeverity(severity);
    reasons.push('confidential data');
  }
  if (context.entersTrustedFromUntrusted) {
    severity = raiseSeverity(severity);
    reasons.push('enters a more trusted zone from an untrusted source');
  }
  return { severity, reasons };
}
