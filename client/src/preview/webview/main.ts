import type { DiagramResult } from '../../../../server/src/protocol';
import type { ToWebview } from '../messages';
import { renderDetails } from './details';
import { byId } from './dom';
import { exportPng, exportSvg } from './export';
import { Filters } from './filters';
import { findingsByTarget } from './findings';
import { elementAt, Mark } from './marks';
import { showErrorCount, showProblem } from './notices';
import { PanZoom, zoomStep } from './pan-zoom';
import { applyDiagramStyle, parseDiagramSvg, type ParsedDiagram } from './svg-insert';
import { restoreState, toPreviewState, type ViewState } from './view-state';
import { vscodeApi } from './vscode-api';

// The diagram preview page: shows the SVG the extension sends, lets the user pan, zoom, filter,
// select and export, and tells the extension what was clicked. Model text only ever reaches
// the DOM as parsed-and-cleaned SVG or through textContent.

const api = vscodeApi();
const restored = restoreState(api.getState());
const view: ViewState = restored ?? { rootUri: '', zoom: 1, panX: 0, panY: 0, categories: new Set(), statuses: new Set() };

const viewport = byId('viewport');
const stage = byId('stage');
const details = byId('details');
const zoomLabel = byId('zoom-level');
const goToCodeButton = byId<HTMLButtonElement>('go-to-code');

let diagram: DiagramResult | undefined;
let shown: ParsedDiagram | undefined;
let byTarget = new Map<string, DiagramResult['findings'][number][]>();
/** A fit that waits for the webview to get a size (it has none while hidden). */
let fitPending = false;

const selection = new Mark('moat-selected');
const highlight = new Mark('moat-highlight');

function saveState(): void {
  api.setState(toPreviewState(view));
  zoomLabel.textContent = `${Math.round(view.zoom * 100)}%`;
}

const panZoom = new PanZoom(viewport, stage, view, saveState);
const filters = new Filters(byId('filters'), byId('finding-count'), view, () => {
  filters.apply(shown?.svg, diagram?.findings ?? []);
  refreshDetails();
  saveState();
});
zoomLabel.textContent = `${Math.round(view.zoom * 100)}%`;

function refreshDetails(): void {
  const id = selection.current;
  const info = id !== null ? diagram?.elements[id] : undefined;
  goToCodeButton.disabled = !info || info.code.length === 0;
  goToCodeButton.title = info && info.code.length > 0 ? `Go to code: ${info.code[0]}` : 'Select an element linked to code';
  renderDetails(details, id !== null && info ? { id, info, findings: byTarget.get(id) ?? [] } : undefined, view, {
    goToCode: (link) => id !== null && api.postMessage({ type: 'goToCode', id, link }),
    reveal: () => id !== null && reveal(id),
    close: () => select(null),
  });
}

function reveal(id: string): void {
  const info = diagram?.elements[id];
  if (info) api.postMessage({ type: 'reveal', id, uri: info.uri, range: info.nameRange });
}

function select(id: string | null): void {
  selection.set(shown?.svg, id);
  refreshDetails();
}

function showDiagram(next: DiagramResult): void {
  const parsed = parseDiagramSvg(next.svg);
  if (typeof parsed === 'string') {
    showProblem(byId('problem'), parsed);
    return;
  }
  applyDiagramStyle(parsed.styleText);
  stage.replaceChildren(parsed.svg);
  byId('placeholder').hidden = true;
  const newModel = view.rootUri !== next.rootUri;
  diagram = next;
  shown = parsed;
  byTarget = findingsByTarget(next.findings);
  view.rootUri = next.rootUri;
  panZoom.setContentSize(parsed.width, parsed.height);
  // Same model: an edit; the user keeps their place. Another model (or the first picture with no saved view): show it all.
  if (newModel) {
    fitPending = !panZoom.canFit();
    panZoom.fit();
  }
  if (selection.current !== null && !next.elements[selection.current]) selection.set(undefined, null);
  selection.reapply(parsed.svg);
  highlight.reapply(parsed.svg);
  filters.apply(parsed.svg, next.findings);
  refreshDetails();
  showErrorCount(byId('banner'), next.errorCount);
  showProblem(byId('problem'), null);
  saveState();
}

async function exportAs(format: 'svg' | 'png'): Promise<void> {
  if (!shown) {
    showProblem(byId('problem'), 'Nothing to export yet: the diagram has not loaded.');
    return;
  }
  const svg = exportSvg(shown.svg, shown.styleText);
  if (format === 'svg') {
    api.postMessage({ type: 'export', format: 'svg', svg });
    return;
  }
  try {
    api.postMessage({ type: 'export', format: 'png', base64: await exportPng(svg, shown.width, shown.height) });
  } catch (e) {
    showProblem(byId('problem'), `The PNG could not be drawn: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function onMessage(message: ToWebview): void {
  switch (message.type) {
    case 'diagram':
      showDiagram(message.diagram);
      break;
    case 'problem':
      showProblem(byId('problem'), message.message);
      break;
    case 'highlight': {
      const target = highlight.set(shown?.svg, message.id);
      if (target) panZoom.reveal(target);
      break;
    }
    case 'requestExport':
      void exportAs(message.format);
      break;
  }
}

window.addEventListener('message', (e: MessageEvent) => {
  const data: unknown = e.data;
  if (data && typeof data === 'object' && typeof (data as { type?: unknown }).type === 'string') onMessage(data as ToWebview);
});

viewport.addEventListener('click', (e) => {
  const hit = elementAt(e.target, shown?.svg);
  const id = hit?.getAttribute('data-moat-id') ?? null;
  select(id);
  if (id !== null) reveal(id);
});

const actions: Record<string, () => void> = {
  'zoom-in': () => panZoom.zoomBy(zoomStep),
  'zoom-out': () => panZoom.zoomBy(1 / zoomStep),
  fit: () => panZoom.fit(),
  reset: () => panZoom.reset(),
  'go-to-code': () => {
    const id = selection.current;
    const link = id !== null ? diagram?.elements[id]?.code[0] : undefined;
    if (id !== null && link !== undefined) api.postMessage({ type: 'goToCode', id, link });
  },
  'export-svg': () => void exportAs('svg'),
  'export-png': () => void exportAs('png'),
};
for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('button[data-action]'))) {
  const action = actions[button.dataset.action ?? ''];
  if (action) button.addEventListener('click', action);
}

document.addEventListener('keydown', (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  if (e.key === '+' || e.key === '=') panZoom.zoomBy(zoomStep);
  else if (e.key === '-' || e.key === '_') panZoom.zoomBy(1 / zoomStep);
  else if (e.key === '0') panZoom.reset();
  else if (e.key === 'f') panZoom.fit();
  else if (e.key === 'Escape') select(null);
  else return;
  e.preventDefault();
});

window.addEventListener('resize', () => {
  if (fitPending && panZoom.canFit()) {
    fitPending = false;
    panZoom.fit();
  }
});

api.postMessage({ type: 'ready' });
