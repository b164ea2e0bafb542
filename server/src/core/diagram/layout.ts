import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { DiagramBoundary, DiagramEdge, DiagramGraph, DiagramNode } from './graph';
import { fontSize, smallFontSize, textWidth, wrapText } from './text-width';

/**
 * Places the diagram graph with ELK (layered, left to right, across boundaries) and returns
 * absolute coordinates, so the SVG writer only draws. Pure and async: the same graph always
 * gives the same geometry, and it can move to a worker thread unchanged.
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

const rootOptions: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
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
  'elk.padding': `[top=${metrics.margin},left=${metrics.margin},bottom=${metrics.margin},right=${metrics.margin}]`,
};

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

/** Lays out the diagram graph (extra ELK options override the defaults, for experiments); resolves to absolute coordinates. */
export async function layoutDiagram(graph: DiagramGraph, extraOptions: Readonly<Record<string, string>> = {}): Promise<LaidOutDiagram> {
  const sizes = new Map(graph.nodes.map((n) => [n.id, nodeSize(n)]));
  const elkNodes = new Map<string, ElkNode>();
  const root: ElkNode = { id: '__moat_root__', layoutOptions: { ...rootOptions, ...extraOptions }, children: [], edges: [] };

  for (const b of graph.boundaries) {
    const titleWidth = Math.ceil(textWidth(b.label || b.id) + 2 * metrics.boundaryPadding + 24);
    elkNodes.set(b.id, {
      id: b.id,
      children: [],
      layoutOptions: {
        'elk.padding': `[top=${metrics.boundaryTitle + metrics.boundaryPadding / 2},left=${metrics.boundaryPadding},bottom=${metrics.boundaryPadding},right=${metrics.boundaryPadding}]`,
        'elk.nodeSize.constraints': 'MINIMUM_SIZE',
        'elk.nodeSize.minimum': `(${titleWidth}, ${metrics.boundaryTitle + 2 * metrics.boundaryPadding})`,
      },
    });
  }
  for (const n of graph.nodes) {
    const { width, height } = sizes.get(n.id)!;
    elkNodes.set(n.id, { id: n.id, width, height });
  }
  const parentOf = (id: string | undefined): ElkNode => (id !== undefined && elkNodes.has(id) ? elkNodes.get(id)! : root);
  for (const b of graph.boundaries) parentOf(b.parent).children!.push(elkNodes.get(b.id)!);
  for (const n of graph.nodes) parentOf(n.boundary).children!.push(elkNodes.get(n.id)!);

  const labelLines = new Map<string, string[]>();
  for (const e of graph.edges) {
    const lines = edgeLabelLines(e);
    labelLines.set(e.id, lines);
    // All edges live on the root: ELK moves them to their container and says so in `container`.
    const edge: ElkExtendedEdge = { id: e.id, sources: [e.source], targets: [e.target] };
    if (lines.length) {
      const width = Math.ceil(Math.max(...lines.map((l, i) => textWidth(l, i === 0 && e.label ? fontSize : smallFontSize))) + 8);
      edge.labels = [{ id: `${e.id}__label`, text: lines.join('\n'), width, height: lines.length * metrics.smallLineHeight + 4 }];
    }
    root.edges!.push(edge);
  }

  const result = await engine().layout(root);

  // Absolute offsets of every node, so coordinates relative to a container can be made absolute.
  const absolute = new Map<string, Point>();
  const depthOf = new Map<string, number>();
  const walk = (node: ElkNode, ox: number, oy: number, depth: number): void => {
    for (const child of node.children ?? []) {
      const x = ox + (child.x ?? 0);
      const y = oy + (child.y ?? 0);
      absolute.set(child.id, { x, y });
      depthOf.set(child.id, depth);
      walk(child, x, y, depth + 1);
    }
  };
  absolute.set(root.id, { x: 0, y: 0 });
  walk(result, 0, 0, 0);
  const laidOut = new Map<string, ElkNode>();
  const collect = (node: ElkNode): void => {
    for (const child of node.children ?? []) {
      laidOut.set(child.id, child);
      collect(child);
    }
  };
  collect(result);

  const boxOf = (id: string): Box => {
    const p = absolute.get(id) ?? { x: 0, y: 0 };
    const n = laidOut.get(id);
    return { x: p.x, y: p.y, width: n?.width ?? 0, height: n?.height ?? 0 };
  };

  const nodes: LaidOutNode[] = graph.nodes.map((n) => ({ ...n, ...boxOf(n.id), lines: sizes.get(n.id)!.lines }));
  const boundaries: LaidOutBoundary[] = graph.boundaries.map((b) => ({ ...b, ...boxOf(b.id), depth: depthOf.get(b.id) ?? 0 }));

  const resultEdges = new Map<string, ElkExtendedEdge>();
  const gatherEdges = (node: ElkNode): void => {
    for (const e of node.edges ?? []) resultEdges.set(e.id, e);
    for (const child of node.children ?? []) gatherEdges(child);
  };
  gatherEdges(result);

  const edges: LaidOutEdge[] = graph.edges.map((e) => {
    const r = resultEdges.get(e.id);
    const offset = absolute.get(r?.container ?? root.id) ?? { x: 0, y: 0 };
    const shift = (p: Point): Point => ({ x: p.x + offset.x, y: p.y + offset.y });
    const points: Point[] = [];
    for (const s of r?.sections ?? []) {
      for (const p of [s.startPoint, ...(s.bendPoints ?? []), s.endPoint]) {
        const q = shift(p);
        const last = points[points.length - 1];
        if (!last || last.x !== q.x || last.y !== q.y) points.push(q);
      }
    }
    const label = r?.labels?.[0];
    const labelBox = label ? { ...shift({ x: label.x ?? 0, y: label.y ?? 0 }), width: label.width ?? 0, height: label.height ?? 0 } : undefined;
    return { ...e, points, lines: labelLines.get(e.id)!, labelBox };
  });

  return { title: graph.title, width: result.width ?? 0, height: result.height ?? 0, nodes, boundaries, edges };
}
