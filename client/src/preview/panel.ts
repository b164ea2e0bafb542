import { randomBytes } from 'node:crypto';
import { realpathSync } from 'node:fs';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { diagramRequest, type DiagramParams, type DiagramResult, type DidChangeModelParams, type WireRange } from '../../../server/src/protocol';
import { resolveCodeLink } from './code-link';
import type { FromWebview, PreviewState, ToWebview } from './messages';
import { previewHtml } from './preview-html';
import { StalePreviews } from './stale-previews';

/**
 * The diagram preview: one webview panel per model, fed by the server's `moat/diagram`. The
 * page (webview/, bundled as dist/preview.js) does the drawing and the interaction; this side
 * asks the server, follows edits and the cursor, and does what a page cannot (open editors,
 * save files).
 */

export const previewViewType = 'moat.diagramPreview';

type ClientSource = () => LanguageClient | undefined;

/** Every open preview; restores them after a reload (`WebviewPanelSerializer`). */
export class DiagramPreviews implements vscode.WebviewPanelSerializer<PreviewState> {
  private readonly previews = new Set<DiagramPreview>();
  private readonly stale = new StalePreviews<DiagramPreview>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly client: ClientSource,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Opens (or reveals) the preview of the model a document belongs to, with an element highlighted when one is given. */
  open(document: vscode.TextDocument, toSide: boolean, elementId?: string): void {
    const uri = document.uri.toString();
    const existing = [...this.previews].find((p) => p.covers(uri));
    const column = toSide ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    if (existing) {
      existing.panel.reveal(column, toSide);
      for (const p of this.stale.due([existing])) p.refresh();
      if (elementId) existing.highlight(elementId);
      return;
    }
    const panel = vscode.window.createWebviewPanel(previewViewType, `Diagram: ${fileName(uri)}`, { viewColumn: column, preserveFocus: toSide }, this.webviewOptions());
    const preview = this.adopt(panel, uri);
    if (elementId) preview.highlight(elementId);
  }

  /** Restores a preview VS Code kept across a reload, from the state the page saved. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: PreviewState | undefined): Promise<void> {
    if (!state?.rootUri) {
      panel.dispose();
      return;
    }
    panel.webview.options = this.webviewOptions();
    this.adopt(panel, state.rootUri);
  }

  /** The server re-analysed a model: previews of it redraw, or with auto-refresh off wait for a save. */
  modelChanged(params: DidChangeModelParams): void {
    const autoRefresh = vscode.workspace.getConfiguration('moat').get<boolean>('preview.autoRefresh', true);
    for (const p of this.stale.changed(this.covering([params.rootUri, ...params.uris]), autoRefresh)) p.refresh();
  }

  /** A file was saved: previews of its model that auto-refresh left behind redraw. */
  saved(document: vscode.TextDocument): void {
    for (const p of this.stale.due(this.covering([document.uri.toString()]))) p.refresh();
  }

  /** The previews whose model holds any of these files. */
  private covering(uris: readonly string[]): DiagramPreview[] {
    return [...this.previews].filter((preview) => uris.some((uri) => preview.covers(uri)));
  }

  /** The cursor moved in a Moat editor: previews of that model highlight the element under it. */
  cursorMoved(editor: vscode.TextEditor): void {
    const uri = editor.document.uri.toString();
    for (const p of this.previews) if (p.covers(uri)) p.highlightAt(uri, editor.selection.active);
  }

  /** Asks the active (or only) preview to export what it shows; opens one first when there is none. */
  async export(document: vscode.TextDocument | undefined): Promise<void> {
    let preview = [...this.previews].find((p) => p.panel.active) ?? (document ? [...this.previews].find((p) => p.covers(document.uri.toString())) : undefined);
    if (!preview && document) {
      this.open(document, true);
      preview = [...this.previews].find((p) => p.covers(document.uri.toString()));
    }
    if (!preview) {
      void vscode.window.showInformationMessage('Moat: open a .moat file to export its diagram.');
      return;
    }
    const format = await vscode.window.showQuickPick(['SVG', 'PNG'], { title: 'Export the diagram as' });
    if (format) preview.requestExport(format === 'PNG' ? 'png' : 'svg');
  }

  /** Redraws every preview (after the server restarted). */
  refreshAll(): void {
    for (const p of this.previews) {
      this.stale.forget(p);
      p.refresh();
    }
  }

  dispose(): void {
    for (const p of [...this.previews]) p.panel.dispose();
  }

  private adopt(panel: vscode.WebviewPanel, uri: string): DiagramPreview {
    const preview = new DiagramPreview(panel, uri, this.extensionUri, this.client, this.log);
    this.previews.add(preview);
    panel.onDidDispose(() => {
      this.previews.delete(preview);
      this.stale.forget(preview);
    });
    return preview;
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableFindWidget: true,
      // Only the bundled page script and stylesheet; the page restores itself from its saved state.
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
  }
}

/** One preview panel: the model it shows and the last picture it got. */
class DiagramPreview {
  private diagram: DiagramResult | undefined;
  private inFlight = false;
  private again = false;
  private ready = false;
  private highlighted: string | null = null;

  constructor(
    readonly panel: vscode.WebviewPanel,
    /** A file of the model; the root once the first diagram arrives. */
    private uri: string,
    extensionUri: vscode.Uri,
    private readonly client: ClientSource,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const webview = panel.webview;
    webview.html = previewHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'preview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'preview.css')).toString(),
      title: `Diagram: ${fileName(uri)}`,
    });
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    webview.onDidReceiveMessage((message: FromWebview) => void this.receive(message));
  }

  /** Whether a file is part of the model shown. */
  covers(uri: string): boolean {
    if (uri === this.uri) return true;
    const d = this.diagram;
    return !!d && (d.rootUri === uri || Object.values(d.elements).some((e) => e.uri === uri));
  }

  /** Asks the server for a new picture; edits arriving meanwhile cause one more request, not one each. */
  refresh(): void {
    if (!this.ready) return;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.inFlight = true;
    void this.fetch().finally(() => {
      this.inFlight = false;
      if (this.again) {
        this.again = false;
        this.refresh();
      }
    });
  }

  /** Highlights the innermost drawn element whose declaration holds the position. */
  highlightAt(uri: string, position: vscode.Position): void {
    const d = this.diagram;
    if (!d) return;
    let best: string | null = null;
    let bestSize = Infinity;
    for (const [id, e] of Object.entries(d.elements)) {
      if (e.uri !== uri || !contains(e.range, position)) continue;
      const size = (e.range.end.line - e.range.start.line) * 10000 + (e.range.end.character - e.range.start.character);
      if (size < bestSize) {
        best = id;
        bestSize = size;
      }
    }
    if (best === this.highlighted) return;
    this.highlighted = best;
    this.post({ type: 'highlight', id: best });
  }

  /** Highlights an element now, or once the first picture arrives. */
  highlight(id: string): void {
    this.highlighted = id;
    if (this.diagram) this.post({ type: 'highlight', id });
  }

  /** Has the page export what it shows (the page knows the filters and the current picture). */
  requestExport(format: 'svg' | 'png'): void {
    this.post({ type: 'requestExport', format });
  }

  private async fetch(): Promise<void> {
    const client = this.client();
    if (!client?.isRunning()) {
      this.post({ type: 'problem', message: 'The Moat language server is not running.' });
      return;
    }
    try {
      const params: DiagramParams = { uri: this.uri };
      const diagram = await client.sendRequest<DiagramResult | null>(diagramRequest, params);
      if (!diagram) {
        this.post({ type: 'problem', message: `${fileName(this.uri)} is not part of a Moat model any more.` });
        return;
      }
      this.diagram = diagram;
      this.uri = diagram.rootUri;
      this.panel.title = `Diagram: ${diagram.title ?? fileName(diagram.rootUri)}`;
      this.post({ type: 'diagram', diagram });
      if (this.highlighted) this.post({ type: 'highlight', id: this.highlighted });
    } catch (error) {
      this.log.error(`moat/diagram failed: ${String(error)}`);
      this.post({ type: 'problem', message: `The diagram could not be drawn: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  private async receive(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.refresh();
        return;
      case 'reveal':
        await this.reveal(message.uri, message.range);
        return;
      case 'goToCode':
        await this.goToCode(message.id, message.link);
        return;
      case 'export':
        await this.save(message);
        return;
    }
  }

  /** Shows a declaration in an editor beside the preview, never in the preview's own column. */
  private async reveal(uri: string, range: WireRange): Promise<void> {
    const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri && e.viewColumn !== this.panel.viewColumn);
    const viewColumn = visible?.viewColumn ?? this.besidePreview();
    const editor = await vscode.window.showTextDocument(vscode.Uri.parse(uri), { viewColumn, selection, preserveFocus: false });
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /** Opens the code an element links to: the file, at the symbol when the language knows it. */
  private async goToCode(id: string, link: string): Promise<void> {
    const element = this.diagram?.elements[id];
    if (!element) return;
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('Moat: code links are not followed in an untrusted workspace.');
      return;
    }
    const model = vscode.Uri.parse(element.uri);
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
    const target = resolveCodeLink(model.fsPath, link, folders.length ? folders : [vscode.Uri.joinPath(model, '..').fsPath], realPathOf);
    if ('refused' in target) {
      void vscode.window.showWarningMessage(`Moat: ${target.refused}.`);
      return;
    }
    const file = vscode.Uri.file(target.path);
    let document: vscode.TextDocument;
    try {
      document = await vscode.workspace.openTextDocument(file);
    } catch {
      void vscode.window.showWarningMessage(`Moat: ${link} — no such file in the workspace.`);
      return;
    }
    const symbols = target.symbol ? await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', file) : undefined;
    const found = target.symbol && symbols ? findSymbol(symbols, target.symbol.split('.')) : undefined;
    await vscode.window.showTextDocument(document, { viewColumn: this.besidePreview(), selection: found?.selectionRange });
    if (target.symbol && !found) void vscode.window.showInformationMessage(`Moat: ${target.symbol} was not found in ${vscode.workspace.asRelativePath(file)}.`);
  }

  /** Saves an export from the page where the user chooses, next to the model by default. */
  private async save(message: Extract<FromWebview, { type: 'export' }>): Promise<void> {
    const base = (this.diagram?.rootUri ?? this.uri).replace(/\.moat$/, '');
    const target = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.parse(`${base}.${message.format}`),
      filters: message.format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
      title: 'Export the diagram',
    });
    if (!target) return;
    const bytes = message.format === 'svg' ? new TextEncoder().encode(message.svg) : Buffer.from(message.base64, 'base64');
    await vscode.workspace.fs.writeFile(target, bytes);
    void vscode.window.showInformationMessage(`Moat: diagram saved to ${vscode.workspace.asRelativePath(target)}.`);
  }

  /** An editor column that is not the preview's, so what a click opens never replaces the diagram. */
  private besidePreview(): vscode.ViewColumn {
    return this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
  }

  private post(message: ToWebview): void {
    void this.panel.webview.postMessage(message);
  }
}

function fileName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

function contains(range: WireRange, p: vscode.Position): boolean {
  const afterStart = p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character);
  const beforeEnd = p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character);
  return afterStart && beforeEnd;
}

/** `Class.member` in a document's symbol tree. */
function findSymbol(symbols: readonly vscode.DocumentSymbol[], path: readonly string[]): vscode.DocumentSymbol | undefined {
  const [head, ...rest] = path;
  const match = symbols.find((s) => s.name === head);
  if (!match) return undefined;
  return rest.length ? findSymbol(match.children, rest) : match;
}

/** Where a path really is, links followed; undefined when it does not exist. */
function realPathOf(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}
