import type { DiagramGraph } from './graph';

/**
 * The most elements a diagram is laid out for. ELK's time and memory grow faster than the model:
 * on the reference machine 1,000 elements take 4 s, 2,000 take 17 s and 640 MB, 3,000 take 30 s
 * and 1 GB, and 10,000 ran out of memory after a minute.
 */
export const maxDiagramElements = 3_000;

/** A diagram too large to lay out; its message is for the user as it stands. */
export class DiagramTooLarge extends Error {
  override readonly name = 'DiagramTooLarge';
}

/** Refuses, with a message that says what to do, a diagram larger than `maxDiagramElements`. */
export function checkDiagramSize(graph: DiagramGraph): void {
  if (graph.nodes.length <= maxDiagramElements) return;
  const count = (n: number) => n.toLocaleString('en-US');
  throw new DiagramTooLarge(
    `cannot draw ${count(graph.nodes.length)} elements: a diagram is laid out for at most ${count(maxDiagramElements)} (layout time and memory grow faster than the model); draw a model that imports part of it`,
  );
}
