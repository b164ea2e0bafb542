import { rank, severities } from '../model/threat-model';
import type { ElementKind, Severity, ThreatModel, Trust } from '../model/threat-model';
import { Finding, isOpen } from '../rules/finding';

/**
 * The diagram as plain data: what the renderer draws, before any geometry. No ELK types here,
 * so the webview, exports and tests can read it without the layout engine.
 */

/** Finding counts shown on a node, flow or boundary. */
export interface DiagramBadge {
  /** Open findings (a planned mitigation still leaves the risk open). */
  readonly open: number;
  /** Highest severity among the open ones, undefined when none is open. */
  readonly highest: Severity | undefined;
  /** Findings closed by a mitigation or an acceptance. */
  readonly mitigated: number;
}

export interface DiagramNode {
  readonly id: string;
  readonly kind: ElementKind;
  readonly label: string;
  /** Innermost boundary, undefined outside every boundary. */
  readonly boundary: string | undefined;
  readonly badge: DiagramBadge;
}

export interface DiagramBoundary {
  readonly id: string;
  readonly label: string;
  readonly trust: Trust;
  readonly parent: string | undefined;
  /** Nested boundaries then elements, each in written order. */
  readonly children: readonly string[];
  readonly badge: DiagramBadge;
}

export interface DiagramEdge {
  /** The flow's ID. */
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly twoWay: boolean;
  readonly label: string;
  readonly data: readonly string[];
  readonly protocol: string | undefined;
  readonly encrypted: boolean | undefined;
  readonly badge: DiagramBadge;
}

export interface DiagramGraph {
  readonly title: string | undefined;
  /** Elements, in declaration order. */
  readonly nodes: readonly DiagramNode[];
  /** Boundaries, parents before their children. */
  readonly boundaries: readonly DiagramBoundary[];
  readonly edges: readonly DiagramEdge[];
}

const noBadge: DiagramBadge = { open: 0, highest: undefined, mitigated: 0 };

/** Builds the diagram graph of a linked model and its findings (checklist reminders left out, as `check` does). */
export function diagramGraph(model: ThreatModel, findings: readonly Finding[]): DiagramGraph {
  const badges = new Map<string, { open: number; highest: Severity | undefined; mitigated: number }>();
  for (const f of findings) {
    if (f.checklist) continue;
    let b = badges.get(f.target);
    if (!b) badges.set(f.target, (b = { open: 0, highest: undefined, mitigated: 0 }));
    if (isOpen(f)) {
      b.open++;
      if (b.highest === undefined || rank(severities, f.severity) > rank(severities, b.highest)) b.highest = f.severity;
    } else {
      b.mitigated++;
    }
  }
  const badge = (id: string): DiagramBadge => badges.get(id) ?? noBadge;

  const nodes: DiagramNode[] = [...model.elements.values()].map((e) => ({ id: e.id, kind: e.kind, label: e.label, boundary: e.boundary, badge: badge(e.id) }));

  // Parents first, so a consumer can build the tree in one pass.
  const boundaries: DiagramBoundary[] = [];
  const visit = (id: string): void => {
    const b = model.boundaries.get(id);
    if (!b) return;
    const elements = b.elements.filter((e) => model.elements.has(e));
    const nested = b.boundaries.filter((c) => model.boundaries.has(c));
    boundaries.push({ id: b.id, label: b.label, trust: b.trust, parent: b.parent, children: [...nested, ...elements], badge: badge(b.id) });
    for (const child of nested) visit(child);
  };
  for (const b of model.boundaries.values()) if (b.parent === undefined || !model.boundaries.has(b.parent)) visit(b.id);

  // A flow whose end did not resolve has nothing to attach to: leave it out of the picture.
  const edges: DiagramEdge[] = [...model.flows.values()]
    .filter((f) => model.elements.has(f.source) && model.elements.has(f.target))
    .map((f) => ({
      id: f.id,
      source: f.source,
      target: f.target,
      twoWay: f.twoWay,
      label: f.label,
      data: f.data,
      protocol: f.protocol,
      encrypted: f.encrypted,
      badge: badge(f.id),
    }));

  return { title: model.info?.title, nodes, boundaries, edges };
}
