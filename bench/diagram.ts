// Times the diagram pipeline (graph -> ELK layout -> SVG) on generated models, to see whether
// the preview can lay out large models in-process or needs the worker thread.
// Run: node --import tsx bench/diagram.ts [sizes...]
import { performance } from 'node:perf_hooks';
import { diagramGraph } from '../server/src/core/diagram/graph';
import { layoutDiagram } from '../server/src/core/diagram/layout';
import { renderSvg } from '../server/src/core/diagram/svg';
import { linkModel } from '../server/src/core/model/link';
import { evaluateRules } from '../server/src/core/rules/engine';
import { parseMoat } from '../server/src/core/syntax/parse';
import { generateModel } from './generate-model';

// The first ELK call pays for JIT warm-up of the GWT-compiled engine: time it on its own.
{
  const t = performance.now();
  await layoutDiagram({ title: undefined, nodes: [{ id: 'a', kind: 'process', label: 'A', boundary: undefined, badge: { open: 0, highest: undefined, mitigated: 0 } }], boundaries: [], edges: [] });
  console.log(`warm-up (first ELK call): ${(performance.now() - t).toFixed(1)} ms`);
}

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
for (const n of sizes.length ? sizes : [50, 200, 1000]) {
  const uri = 'file:///bench/model.moat';
  const linked = linkModel(uri, [parseMoat(uri, generateModel(n)).file]);
  const { findings } = evaluateRules(linked.model, { today: '2026-11-23' });
  const t0 = performance.now();
  const graph = diagramGraph(linked.model, findings);
  const t1 = performance.now();
  const laidOut = await layoutDiagram(graph);
  const t2 = performance.now();
  const svg = renderSvg(laidOut);
  const t3 = performance.now();
  console.log(
    `${String(n).padStart(5)} elements: ${graph.nodes.length} nodes, ${graph.boundaries.length} boundaries, ${graph.edges.length} edges | ` +
      `graph ${(t1 - t0).toFixed(1)} ms, layout ${(t2 - t1).toFixed(1)} ms, svg ${(t3 - t2).toFixed(1)} ms, total ${(t3 - t0).toFixed(1)} ms | ${(svg.length / 1024).toFixed(0)} KiB`,
  );
}
