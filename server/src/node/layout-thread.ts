import { Worker } from 'node:worker_threads';
import { shippedFile } from './shipped-file';
import type { DiagramGraph } from '../core/diagram/graph';
import type { DiagramTheme } from '../core/diagram/svg';

/**
 * Lays diagrams out on a worker thread (`layout-worker.ts`, bundled as `dist/layout-worker.js`),
 * so the language server keeps answering while ELK works. When the bundle is not there (tests
 * running the sources) it lays out in-thread, which gives the same SVG.
 */

export interface LayoutRequest {
  readonly id: number;
  readonly graph: DiagramGraph;
  readonly theme: DiagramTheme;
}
export type LayoutReply = { readonly id: number; readonly svg: string } | { readonly id: number; readonly error: string };

/** The bundled worker next to this bundle (the server) or one folder up (the CLI's chunks). */
function workerFile(): URL | undefined {
  return shippedFile(import.meta.url, ['./layout-worker.js', '../layout-worker.js']);
}

/** One layout worker, started on first use, and the requests waiting on it (see the top of this file). */
export class LayoutThread {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (svg: string) => void; reject: (e: Error) => void }>();

  /** Lays the graph out and renders it as SVG, off this thread when the worker bundle exists. */
  async render(graph: DiagramGraph, theme: DiagramTheme): Promise<string> {
    const worker = this.start();
    if (!worker) {
      const { drawDiagram } = await import('../core/diagram/svg');
      return drawDiagram(graph, { theme });
    }
    const id = this.nextId++;
    return new Promise<string>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, graph, theme } satisfies LayoutRequest);
    });
  }

  /** Ends the worker; pending layouts fail. */
  async dispose(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.failAll('the layout thread was stopped');
    await worker?.terminate();
  }

  private start(): Worker | undefined {
    if (this.worker) return this.worker;
    const file = workerFile();
    if (!file) return undefined;
    const worker = new Worker(file);
    // An idle worker must not keep the process (the CLI, a test) alive.
    worker.unref();
    worker.on('message', (reply: LayoutReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if ('svg' in reply) waiting.resolve(reply.svg);
      else waiting.reject(new Error(reply.error));
    });
    // A crashed worker fails what it had and is replaced on the next request.
    worker.on('error', (e) => {
      this.worker = undefined;
      this.failAll(`the layout thread failed: ${e.message}`);
    });
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll('the layout thread stopped');
    });
    this.worker = worker;
    return worker;
  }

  private failAll(message: string): void {
    for (const { reject } of this.pending.values()) reject(new Error(message));
    this.pending.clear();
  }
}
