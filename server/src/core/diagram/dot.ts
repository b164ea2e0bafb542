import type { DiagramGraph } from './graph';

/**
 * The diagram graph as Graphviz DOT, for people who already have a Graphviz pipeline: one
 * `subgraph cluster_*` per boundary, nested as the boundaries nest.
 */

/** Quotes a string as a DOT ID: backslashes, quotes and line breaks escaped. */
export function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r\n|\r|\n/g, '\\n')}"`;
}

const shapes = { actor: 'box', external: 'box', process: 'ellipse', store: 'cylinder' } as const;
const trustColors = { untrusted: '#d32f2f', low: '#ef6c00', medium: '#f9a825', high: '#2e7d32' } as const;

/** Writes the diagram graph as a Graphviz digraph (deterministic: model order throughout). */
export function renderDot(graph: DiagramGraph): string {
  const lines: string[] = [];
  lines.push(`digraph ${dotString(graph.title ?? 'moat')} {`);
  lines.push('  rankdir=LR;');
  lines.push('  node [fontname="Helvetica", fontsize=11];');
  lines.push('  edge [fontname="Helvetica", fontsize=9];');
  const nodeLine = (indent: string, id: string): string | undefined => {
    const n = graph.nodes.find((x) => x.id === id);
    if (!n) return undefined;
    const extra = n.kind === 'external' ? ', peripheries=2' : n.kind === 'process' ? ', style=rounded' : '';
    const badge = n.badge.open ? `\\n(${n.badge.open} open, ${n.badge.highest})` : '';
    return `${indent}${dotString(n.id)} [label=${dotString(n.label || n.id).slice(0, -1)}${badge}", shape=${shapes[n.kind]}${extra}];`;
  };
  const byId = new Map(graph.boundaries.map((b) => [b.id, b]));
  let cluster = 0;
  const emit = (id: string, depth: number): void => {
    const b = byId.get(id)!;
    const indent = '  '.repeat(depth);
    lines.push(`${indent}subgraph ${dotString(`cluster_${cluster++}_${b.id}`)} {`);
    lines.push(`${indent}  label=${dotString(`${b.label || b.id} (${b.trust})`)};`);
    lines.push(`${indent}  style=dashed; color=${dotString(trustColors[b.trust])};`);
    for (const child of b.children) {
      if (byId.has(child)) emit(child, depth + 1);
      else {
        const line = nodeLine(`${indent}  `, child);
        if (line) lines.push(line);
      }
    }
    lines.push(`${indent}}`);
  };
  for (const b of graph.boundaries) if (b.parent === undefined || !byId.has(b.parent)) emit(b.id, 1);
  for (const n of graph.nodes) if (n.boundary === undefined || !byId.has(n.boundary)) lines.push(nodeLine('  ', n.id)!);
  for (const e of graph.edges) {
    const label = [e.label, [e.protocol, e.data.length ? `[${e.data.join(', ')}]` : ''].filter((s) => s).join(' ')].filter((s) => s).join('\n');
    const attrs = [`id=${dotString(e.id)}`, ...(label ? [`label=${dotString(label)}`] : []), ...(e.twoWay ? ['dir=both'] : []), ...(e.encrypted === false ? ['style=dashed'] : [])];
    lines.push(`  ${dotString(e.source)} -> ${dotString(e.target)} [${attrs.join(', ')}];`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}
