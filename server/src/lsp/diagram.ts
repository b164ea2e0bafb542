import type { DiagramGraph } from '../core/diagram/graph';
import { diagramGraph } from '../core/diagram/graph';
import type { ModelAnalysis } from '../core/model/workspace';
import type { DiagramElementInfo, DiagramResult } from '../protocol';
import { wireFinding } from './wire-finding';

/** Draws a diagram graph as SVG; in the server a worker thread does it, so requests never wait on ELK. */
export type DiagramRenderer = (graph: DiagramGraph) => Promise<string>;

/** The `moat/diagram` answer for one model: its SVG and, per drawn ID, where it is declared. */
export async function diagramResult(analysis: ModelAnalysis, render: DiagramRenderer): Promise<DiagramResult> {
  const { model } = analysis;
  const findings = analysis.findings.filter((f) => !f.checklist);
  const graph = diagramGraph(model, findings);
  const elements: Record<string, DiagramElementInfo> = {};
  for (const n of graph.nodes) {
    const e = model.elements.get(n.id)!;
    elements[n.id] = { kind: n.kind, label: n.label, uri: e.location.uri, range: e.location.range, nameRange: e.location.nameRange, code: e.code };
  }
  for (const b of graph.boundaries) {
    const { location } = model.boundaries.get(b.id)!;
    elements[b.id] = { kind: 'boundary', label: b.label, uri: location.uri, range: location.range, nameRange: location.nameRange, code: [] };
  }
  for (const edge of graph.edges) {
    const { location } = model.flows.get(edge.id)!;
    elements[edge.id] = { kind: 'flow', label: edge.label, uri: location.uri, range: location.range, nameRange: location.nameRange, code: [] };
  }
  const svg = await render(graph);
  return {
    rootUri: analysis.rootUri,
    title: model.info?.title ?? null,
    svg,
    elements,
    findings: findings.map(wireFinding),
    errorCount: analysis.diagnostics.filter((d) => d.severity === 'error').length,
  };
}
