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

  constructor(readonly model: ThreatModel) {
    for (const id of model.elements.keys()) {
      this.incoming.set(id, []);
      this.outgoing.set(id, []);
    }
    for (const direction of model.directedFlows) {
      this.outgoing.get(direction.source)?.push(direction);
      this.incoming.get(direction.target)?.push(direction);
    }
  }

  /** The element with this ID (flow ends are always resolved elements). */
  element(id: string): Element {
    return this.model.elements.get(id)!;
  }

  /** Directions of flows that arrive at the element (a two-way flow counts both ways). */
  flowsInto(id: string): readonly DirectedFlow[] {
    return this.incoming.get(id) ?? [];
  }

  /** Directions of flows that leave the element. */
  flowsOutOf(id: string): readonly DirectedFlow[] {
    return this.outgoing.get(id) ?? [];
  }

  /** The highest classification among data assets, or undefined for none. */
  classificationOf(dataIds: readonly string[]): Classification | undefined {
    let best: Classification | undefined;
    for (const id of dataIds) {
      const c = this.model.data.get(id)?.classification;
      if (c && (best === undefined || rank(classifications, c) > rank(classifications, best))) best = c;
    }
    return best;
  }

  /** The data assets with at least this classification. */
  dataAtLeast(dataIds: readonly string[], level: Classification): string[] {
    return dataIds.filter((id) => {
      const c = this.model.data.get(id)?.classification;
      return c !== undefined && rank(classifications, c) >= rank(classifications, level);
    });
  }

  /** Whether any of the data assets carries the tag (`phi`, `pci`, `secret`, ...). */
  tagged(dataIds: readonly string[], tag: string): boolean {
    return dataIds.some((id) => this.model.data.get(id)?.tags.includes(tag));
  }

  /** A flow crosses a boundary when its ends do not sit in the same innermost boundary. */
  crossesBoundary(direction: DirectedFlow): boolean {
    return this.element(direction.source).boundary !== this.element(direction.target).boundary;
  }

  /** Whether the flow's destination zone is more trusted than its source zone. */
  entersMoreTrusted(direction: DirectedFlow): boolean {
    return trustRank(this.element(direction.target).trust) > trustRank(this.element(direction.source).trust);
  }

  /** Whether the source is outside the modelled team's trust: an actor, an external, or an untrusted zone. */
  fromUntrusted(direction: DirectedFlow): boolean {
    const source = this.element(direction.source);
    return source.kind === 'actor' || source.kind === 'external' || source.trust === 'untrusted';
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
    return (element.tech ?? '').toLowerCase();
  }

  /** Upper-cased names of data assets for messages: `PHI`, `credentials`. */
  dataNames(dataIds: readonly string[]): string {
    return dataIds.map((id) => this.model.data.get(id)?.label ?? id).join(', ');
  }
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
