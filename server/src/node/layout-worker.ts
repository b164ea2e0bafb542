// The diagram layout thread: ELK takes from milliseconds to seconds on big models, and the
// language server's thread must keep answering keystrokes meanwhile. It receives diagram
// graphs (plain data) and answers SVG strings.
import { parentPort } from 'node:worker_threads';
import { drawDiagram } from '../core/diagram/svg';
import type { LayoutReply, LayoutRequest } from './layout-thread';

parentPort?.on('message', (request: LayoutRequest) => {
  drawDiagram(request.graph, { theme: request.theme })
    .then(
      (svg): LayoutReply => ({ id: request.id, svg }),
      (error: unknown): LayoutReply => ({ id: request.id, error: error instanceof Error ? error.message.slice(0, 500) : String(error) }),
    )
    .then((reply) => parentPort?.postMessage(reply));
});
