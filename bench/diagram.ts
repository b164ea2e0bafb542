/**
 * Times the diagram pipeline (graph -> ELK layout -> SVG) on generated models: the first layout
 * of a size (what a fresh CLI pays, JIT included) and, after twice as many warm-up runs, the
 * median of the next ones (what the preview's long-lived layout thread pays while you type:
 * ELK's generated code takes a dozen layouts to reach its steady speed).
 * Run alone: `node --import tsx bench/diagram.ts [sizes...]`; `bench/run.ts` prints it as a table.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { diagramGraph } from '../server/src/core/diagram/graph';
import { drawDiagram } from '../server/src/core/diagram/svg';
import { linkModel } from '../server/src/core/model/link';
import { evaluateRules } from '../server/src/core/rules/engine';
import { parseMoat } from '../server/src/core/syntax/parse';
import { generateModel } from './generate-model';

export interface DiagramTiming {
  readonly nodes: number;
  readonly boundaries: number;
  readonly edges: number;
  /** The first layout + SVG of this size in the process. */
  readonly firstMs: number;
  /** Median of `runs` runs after `2 * runs` warm-up runs. */
  readonly medianMs: number;
  readonly kib: number;
}

/** Lays out and renders a generated model of `elements` elements: a first run, `2 * runs` warm-up runs, then `runs` timed runs. */
export async function measureDiagram(elements: number, runs: number): Promise<DiagramTiming> {
  const uri = 'file:///bench/model.moat';
  const linked = linkModel(uri, [parseMoat(uri, generateModel(elements)).file]);
  const { findings } = evaluateRules(linked.model, { today: '2026-11-23' });
  const graph = diagramGraph(linked.model, findings);
  const once = async (): Promise<{ ms: number; svg: string }> => {
    const start = performance.now();
    const svg = await drawDiagram(graph, { theme: 'vscode' });
    return { ms: performance.now() - start, svg };
  };
  const first = await once();
  for (let i = 0; i < 2 * runs; i++) await once();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await once()).ms);
  times.sort((a, b) => a - b);
  return {
    nodes: graph.nodes.length,
    boundaries: graph.boundaries.length,
    edges: graph.edges.length,
    firstMs: first.ms,
    medianMs: times[Math.floor(times.length / 2)] ?? first.ms,
    kib: first.svg.length / 1024,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  for (const n of sizes.length ? sizes : [50, 200, 1000]) {
    const t = await measureDiagram(n, n >= 1000 ? 2 : 10);
    console.log(`${n} elements: ${t.nodes} nodes, ${t.boundaries} boundaries, ${t.edges} edges | first ${t.firstMs.toFixed(0)} ms, then median ${t.medianMs.toFixed(0)} ms | ${t.kib.toFixed(0)} KiB`);
  }
}
