import { drawDiagram } from '../../server/src/core/diagram/svg';
import { Workspace } from '../../server/src/core/model/workspace';
import { diagramResult } from '../../server/src/lsp/diagram';
import type { DiagramResult } from '../../server/src/protocol';
import { testToday } from './rules';

/** The `moat/diagram` answer the language server would give for a one-file model: analysed by the core, drawn with the `vscode` theme. */
export async function diagramOf(modelText: string, uri = 'file:///w/model.moat'): Promise<DiagramResult> {
  const ws = new Workspace({ readFile: () => undefined }, { today: testToday });
  ws.setDocument(uri, modelText);
  const analysis = ws.analyze().models.find((m) => m.rootUri === uri);
  if (!analysis) throw new Error(`diagramOf: ${uri} is in no model`);
  return diagramResult(analysis, (graph) => drawDiagram(graph, { theme: 'vscode' }));
}
