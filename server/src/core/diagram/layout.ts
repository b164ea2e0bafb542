import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import { checkDiagramSize } from './diagram-size';
import type { DiagramBoundary, DiagramEdge, DiagramGraph, DiagramNode } from './graph';
import { fontSize, smallFontSize, textWidth, wrapText } from './text-width';

/**
 * Places the diagram graph with ELK (layered, left to right) and returns absolute coordinates,
 * so the SVG writer only draws. Pure and async: the same graph always gives the same geometry,
 * and it runs on a worker thread unchanged.
 *
 * Each boundary is laid out on its own, innermost first, then placed as one box in its parent
 * (ELK's INCLUDE_CHILDREN over the whole tree was 10x slower and drew 200 elements 17,000 px
 * wide). A flow that crosses boundaries is cut at each border it crosses into segments, one per
 * container, joined at ports on the borders: every segment is routed by ELK inside one
 * container, and the ports stay where the inner layout put them (FIXED_POS in the parent).
 */

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface LaidOutNode extends DiagramNode, Box {
  /** The label, wrapped as drawn. */
  readonly lines: readonly string[];
}

export interface LaidOutBoundary extends DiagramBoundary, Box {
  /** 0 for a top-level boundary. */
  readonly depth: number;
}

export interface LaidOutEdge extends DiagramEdge {
  /** The route from the source to the target, bends included. */
  readonly points: readonly Point[];
  /** The label lines (name, then protocol and data), empty when there is nothing to say. */
  readonly lines: readonly string[];
  readonly labelBox: Box | undefined;
}

export interface LaidOutDiagram {
  readonly title: string | undefined;
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly LaidOutNode[];
  readonly boundaries: readonly LaidOutBoundary[];
  readonly edges: readonly LaidOutEdge[];
}

/** Metrics shared with the SVG writer, so text drawn there fits the boxes sized here. */
export const metrics = {
  lineHeight: 16,
  smallLineHeight: 14,
  nodePaddingX: 14,
  nodePaddingY: 10,
  /** Room for the person glyph at the left of an actor. */
  actorGlyph: 18,
  minNodeWidth: 90,
  minNodeHeight: 40,
  maxLabelWidth: 170,
  /** Room above a boundary's contents for its title. */
  boundaryTitle: 24,
  boundaryPadding: 16,
  margin: 16,
} as const;

/** The lines under a flow: its label, then what it carries and how. */
export function edgeLabelLines(edge: DiagramEdge): string[] {
  const lines: string[] = [];
  if (edge.label) lines.push(edge.label);
  const details = [edge.protocol, edge.data.length ? `[${edge.data.join(', ')}]` : undefined].filter((s): s is string => !!s).join(' ');
  if (details) lines.push(details);
  return lines;
}

const baseOptions: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.edgeLabels.inline': 'false',
  'elk.spacing.nodeNode': '30',
  'elk.spacing.edgeNode': '16',
  'elk.spacing.edgeEdge': '12',
  'elk.spacing.edgeLabel': '4',
  'elk.layered.spacing.nodeNodeBetweenLayers': '50',
  'elk.layered.spacing.edgeNodeBetweenLayers': '20',
  // NETWORK_SIMPLEX placement recurses per node and overflows the stack near 1,000 elements.
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.randomSeed': '1',
  // A container's own ports (where flows leave and enter it) stay on the side they were put on.
  'elk.portConstraints': 'FIXED_SIDE',
};

/**
 * A busy container (many boxes and edges) trades some crossing minimisation for time: ELK's
 * default thoroughness costs about twice as much there, and the preview redraws while you type.
 */
const busyContainer = 20;
const quickerOptions: Record<string, string> = {
  'elk.layered.thoroughness': '1',
  'elk.layered.crossingMinimization.greedySwitch.type': 'OFF',
};

const rootId = '__moat_root__';
const wrapperId = '__moat_wrapper__';

let elkInstance: InstanceType<typeof ELK> | undefined;
/** One engine for the process: starting ELK's (in-thread) worker is not free, and layouts share no state. */
function engine(): InstanceType<typeof ELK> {
  return (elkInstance ??= new ELK());
}

/** Box size of an element: its wrapped label plus padding and room for kind-specific decoration. */
function nodeSize(node: DiagramNode): { width: number; height: number; lines: string[] } {
  const lines = wrapText(node.label || node.id, metrics.maxLabelWidth);
  const textW = Math.max(...lines.map((l) => textWidth(l)));
  const extra = node.kind === 'actor' ? metrics.actorGlyph : node.kind === 'process' ? 16 : node.kind === 'external' ? 6 : 0;
  const width = Math.ceil(Math.max(metrics.minNodeWidth, textW + 2 * metrics.nodePaddingX + extra));
  const height = Math.ceil(Math.max(metrics.minNodeHeight, lines.length * metrics.lineHeight + 2 * metrics.nodePaddingY));
  return { width, height, lines };
}

/** One piece of a flow, routed inside one container between a node or a port and another. */
interface Segment {
  readonly id: string;
  readonly flow: string;
  readonly from: string;
  readonly to: string;
  /** The flow's label rides on the segment at the level where its two ends meet. */
  readonly labelled: boolean;
}

/** What one container's layout gives, relative to the container's top-left corner. */
interface ContainerLayout {
  readonly width: number;
  readonly height: number;
  /** Elements and child boundaries directly inside. */
  readonly boxes: ReadonlyMap<string, Box>;
  /** The container's own ports. */
  readonly ports: ReadonlyMap<string, Point>;
  readonly routes: ReadonlyMap<string, { readonly points: readonly Point[]; readonly label: Box | undefined }>;
}

/** Where each flow is cut: segments per container, and the ports each container needs on its border. */
function cutFlows(graph: DiagramGraph): { segments: Map<string, Segment[]>; ports: Map<string, { id: string; side: 'EAST' | 'WEST' }[]> } {
  const parentOf = new Map<string, string | undefined>(graph.boundaries.map((b) => [b.id, b.parent]));
  const known = (id: string | undefined): string | undefined => (id !== undefined && parentOf.has(id) ? id : undefined);
  /** Boundaries around an element or boundary, outermost first. */
  const chain = (boundary: string | undefined): string[] => {
    const path: string[] = [];
    for (let b = known(boundary); b !== undefined; b = known(parentOf.get(b))) path.unshift(b);
    return path;
  };
  const boundaryOf = new Map(graph.nodes.map((n) => [n.id, n.boundary]));
  const segments = new Map<string, Segment[]>();
  const ports = new Map<string, { id: string; side: 'EAST' | 'WEST' }[]>();
  const add = <T>(map: Map<string, T[]>, key: string, value: T): void => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };

  // Flows leave a boundary through one gate on its east side and enter it through one on its
  // west side: a port per flow made ELK place hundreds of border dummies (seconds per layout).
  const gates = new Set<string>();
  const gate = (boundary: string, side: 'EAST' | 'WEST'): string => {
    const id = `${boundary}__${side === 'EAST' ? 'out' : 'in'}`;
    if (!gates.has(id)) {
      gates.add(id);
      add(ports, boundary, { id, side });
    }
    return id;
  };
  for (const e of graph.edges) {
    const from = chain(boundaryOf.get(e.source));
    const to = chain(boundaryOf.get(e.target));
    let common = 0;
    while (common < from.length && common < to.length && from[common] === to[common]) common++;
    const meet = common > 0 ? from[common - 1]! : rootId;
    const exits = from.slice(common).reverse();
    const entries = to.slice(common);
    let previous = e.source;
    let index = 0;
    const push = (container: string, next: string): void => {
      add(segments, container, { id: `${e.id}__${index}`, flow: e.id, from: previous, to: next, labelled: index === exits.length });
      index++;
      previous = next;
    };
    for (const b of exits) {
      const port = gate(b, 'EAST');
      push(b, port);
    }
    let container = meet;
    for (const b of entries) {
      const port = gate(b, 'WEST');
      push(container, port);
      container = b;
    }
    push(container, e.target);
  }
  return { segments, ports };
}

/** Lays out the diagram graph (extra ELK options override the defaults, for experiments); resolves to absolute coordinates. */
export async function layoutDiagram(graph: DiagramGraph, extraOptions: Readonly<Record<string, string>> = {}): Promise<LaidOutDiagram> {
  checkDiagramSize(graph);
  const sizes = new Map(graph.nodes.map((n) => [n.id, nodeSize(n)]));
  const { segments, ports } = cutFlows(graph);
  const boundaryIds = new Set(graph.boundaries.map((b) => b.id));
  const containerOf = (id: string | undefined): string => (id !== undefined && boundaryIds.has(id) ? id : rootId);
  const children = new Map<string, string[]>([[rootId, []]]);
  for (const b of graph.boundaries) children.set(b.id, []);
  for (const b of graph.boundaries) children.get(containerOf(b.parent))!.push(b.id);
  for (const n of graph.nodes) children.get(containerOf(n.boundary))!.push(n.id);
  const boundaryById = new Map(graph.boundaries.map((b) => [b.id, b]));
  const layouts = new Map<string, ContainerLayout>();

  /** Lays out one container after its child boundaries, which it then treats as fixed boxes with fixed ports. */
  const layoutContainer = async (id: string): Promise<ContainerLayout> => {
    const inside = children.get(id)!;
    for (const child of inside) if (boundaryById.has(child)) layouts.set(child, await layoutContainer(child));
    const boundary = boundaryById.get(id);
    const pad = boundary
      ? { top: metrics.boundaryTitle + metrics.boundaryPadding / 2, left: metrics.boundaryPadding, bottom: metrics.boundaryPadding, right: metrics.boundaryPadding }
      : { top: metrics.margin, left: metrics.margin, bottom: metrics.margin, right: metrics.margin };
    const elkChildren: ElkNode[] = inside.map((child) => {
      const inner = layouts.get(child);
      if (!inner) return { id: child, width: sizes.get(child)!.width, height: sizes.get(child)!.height };
      return {
        id: child,
        width: inner.width,
        height: inner.height,
        layoutOptions: { 'elk.portConstraints': 'FIXED_POS' },
        ports: [...inner.ports].map(([port, p]) => ({ id: port, x: p.x, y: p.y, width: 0, height: 0 })),
      };
    });
    // Unlabelled segments between the same two ends (flows passing through a gate) are drawn
    // once: ELK routes one edge for them all, which keeps a busy boundary's layout fast.
    const sharedRoute = new Map<string, string>();
    const representative = new Map<string, string>();
    const routed = (segments.get(id) ?? []).filter((s) => {
      if (s.labelled) return true;
      const key = `${s.from}\u0000${s.to}`;
      const first = representative.get(key);
      if (first === undefined) representative.set(key, s.id);
      else sharedRoute.set(s.id, first);
      return first === undefined;
    });
    const elkEdges: ElkExtendedEdge[] = routed.map((s) => {
      const edge: ElkExtendedEdge = { id: s.id, sources: [s.from], targets: [s.to] };
      const lines = s.labelled ? labelLines.get(s.flow)! : [];
      if (lines.length) {
        const e = edgeById.get(s.flow)!;
        const width = Math.ceil(Math.max(...lines.map((l, i) => textWidth(l, i === 0 && e.label ? fontSize : smallFontSize))) + 8);
        edge.labels = [{ id: `${s.id}__label`, text: lines.join('\n'), width, height: lines.length * metrics.smallLineHeight + 4 }];
      }
      return edge;
    });
    const minWidth = boundary ? Math.ceil(textWidth(boundary.label || boundary.id) + 2 * metrics.boundaryPadding + 24) : 0;
    const minHeight = boundary ? metrics.boundaryTitle + 2 * metrics.boundaryPadding : 0;
    const minimum = `(${minWidth}, ${minHeight})`;
    const container: ElkNode = {
      id,
      layoutOptions: {
        ...baseOptions,
        'elk.padding': `[top=${pad.top},left=${pad.left},bottom=${pad.bottom},right=${pad.right}]`,
        // A boundary is at least as wide as its title.
        'elk.nodeSize.constraints': 'MINIMUM_SIZE',
        'elk.nodeSize.minimum': minimum,
        ...(inside.length + elkEdges.length > busyContainer ? quickerOptions : {}),
        ...extraOptions,
      },
      ports: (ports.get(id) ?? []).map((p) => ({ id: p.id, width: 0, height: 0, layoutOptions: { 'elk.port.side': p.side } })),
      children: elkChildren,
      edges: elkEdges,
    };
    // elkjs fails on edges to the ports of the graph it is given, but lays out a child's edges to
    // the child's own ports: so a container with ports goes in as the one child of a fixed wrapper.
    const result = container.ports!.length
      ? (await engine().layout({ id: wrapperId, layoutOptions: { 'elk.algorithm': 'fixed' }, children: [container] })).children![0]!
      : await engine().layout(container);

    const boxes = new Map<string, Box>();
    for (const c of result.children ?? []) boxes.set(c.id, { x: c.x ?? 0, y: c.y ?? 0, width: c.width ?? 0, height: c.height ?? 0 });
    const ownPorts = new Map<string, Point>();
    for (const p of result.ports ?? []) ownPorts.set(p.id, { x: p.x ?? 0, y: p.y ?? 0 });
    const routes = new Map<string, { points: Point[]; label: Box | undefined }>();
    for (const e of result.edges ?? []) {
      const points: Point[] = [];
      for (const section of e.sections ?? []) points.push(section.startPoint, ...(section.bendPoints ?? []), section.endPoint);
      const label = e.labels?.[0];
      routes.set(e.id, { points, label: label ? { x: label.x ?? 0, y: label.y ?? 0, width: label.width ?? 0, height: label.height ?? 0 } : undefined });
    }
    for (const [segment, first] of sharedRoute) routes.set(segment, routes.get(first)!);
    // ELK leaves an empty container at size 0 whatever its minimum.
    const width = Math.max(result.width ?? 0, minWidth);
    const height = Math.max(result.height ?? 0, minHeight);
    return { width, height, boxes, ports: ownPorts, routes };
  };

  const labelLines = new Map(graph.edges.map((e) => [e.id, edgeLabelLines(e)]));
  const edgeById = new Map(graph.edges.map((e) => [e.id, e]));
  const top = await layoutContainer(rootId);
  layouts.set(rootId, top);

  // Absolute origins, top down: a container's origin plus a child's offset in it.
  const origin = new Map<string, Point>([[rootId, { x: 0, y: 0 }]]);
  const absoluteBox = new Map<string, Box>();
  const depthOf = new Map<string, number>();
  const place = (id: string, depth: number): void => {
    const o = origin.get(id)!;
    for (const [child, box] of layouts.get(id)!.boxes) {
      const abs = { x: o.x + box.x, y: o.y + box.y, width: box.width, height: box.height };
      absoluteBox.set(child, abs);
      if (layouts.has(child)) {
        origin.set(child, { x: abs.x, y: abs.y });
        depthOf.set(child, depth);
        place(child, depth + 1);
      }
    }
  };
  place(rootId, 0);

  const zero: Box = { x: 0, y: 0, width: 0, height: 0 };
  const nodes: LaidOutNode[] = graph.nodes.map((n) => ({ ...n, ...(absoluteBox.get(n.id) ?? zero), lines: sizes.get(n.id)!.lines }));
  const boundaries: LaidOutBoundary[] = graph.boundaries.map((b) => ({ ...b, ...(absoluteBox.get(b.id) ?? zero), depth: depthOf.get(b.id) ?? 0 }));

  const pieces = new Map<string, { container: string; segment: Segment }[]>();
  for (const [container, list] of segments) for (const segment of list) (pieces.get(segment.flow) ?? pieces.set(segment.flow, []).get(segment.flow)!).push({ container, segment });
  const edges: LaidOutEdge[] = graph.edges.map((e) => {
    const points: Point[] = [];
    let labelBox: Box | undefined;
    const ordered = (pieces.get(e.id) ?? []).sort((a, b) => segmentIndex(a.segment) - segmentIndex(b.segment));
    for (const { container, segment } of ordered) {
      const o = origin.get(container)!;
      const route = layouts.get(container)!.routes.get(segment.id);
      for (const p of route?.points ?? []) {
        const q = { x: o.x + p.x, y: o.y + p.y };
        const last = points[points.length - 1];
        if (!last || Math.abs(last.x - q.x) > 0.01 || Math.abs(last.y - q.y) > 0.01) points.push(q);
      }
      if (segment.labelled && route?.label) labelBox = { ...route.label, x: o.x + route.label.x, y: o.y + route.label.y };
    }
    return { ...e, points: dropCollinear(points), lines: labelLines.get(e.id)!, labelBox };
  });

  return { title: graph.title, width: top.width, height: top.height, nodes, boundaries, edges };
}

function segmentIndex(s: Segment): number {
  return Number(s.id.slice(s.id.lastIndexOf('__') + 2));
}

/** Joined segments meet in a straight line at a port: the joint is not a bend. */
function dropCollinear(points: readonly Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const a = out[out.length - 2];
    const b = out[out.length - 1];
    if (a && b && ((Math.abs(a.x - b.x) < 0.01 && Math.abs(b.x - p.x) < 0.01) || (Math.abs(a.y - b.y) < 0.01 && Math.abs(b.y - p.y) < 0.01))) out[out.length - 1] = p;
    else out.push(p);
  }
  return out;
}
