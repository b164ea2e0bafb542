/**
 * The VS Code extension: a thin shell. It starts the Moat language server (dist/server.js,
 * over IPC), registers the commands the manifest contributes and shows the open findings of
 * the active model in the status bar. Everything that understands Moat lives in the server.
 *
 * Bundled by esbuild to dist/client.cjs (CommonJS, `vscode` external).
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import {
  defaultSettings,
  didChangeModelNotification,
  findingsRequest,
  type DidChangeModelParams,
  type FindingsParams,
  type FindingsResult,
  type MoatSettings,
} from '../../server/src/protocol';
import { DiagramPreviews, previewViewType } from './preview/panel';

/** Every command the manifest contributes (package.json `contributes.commands`). */
export const commandIds = [
  'moat.openDiagram',
  'moat.openDiagramToSide',
  'moat.exportDiagram',
  'moat.exportReport',
  'moat.showRuleCatalogue',
  'moat.restartServer',
  'moat.showFindings',
] as const;

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;
let previews: DiagramPreviews | undefined;

/** Open findings per model root, and which model each file belongs to (from `moat/didChangeModel`). */
const openByRoot = new Map<string, number>();
const rootByUri = new Map<string, string>();

/** `moat.*` settings as the server reads them (MoatSettings), sent as initialization options. */
function readSettings(): MoatSettings {
  const config = vscode.workspace.getConfiguration('moat');
  return {
    findingSeverity: { ...defaultSettings.findingSeverity, ...config.get<Partial<MoatSettings['findingSeverity']>>('findingSeverity', {}) },
    closedFindings: config.get<MoatSettings['closedFindings']>('closedFindings', defaultSettings.closedFindings),
    inlayHints: config.get<boolean>('inlayHints', defaultSettings.inlayHints),
    debounceMs: config.get<number>('debounceMs', defaultSettings.debounceMs),
    rulesOff: config.get<string[]>('rulesOff', [...defaultSettings.rulesOff]),
    maxDiagnosticsPerFile: config.get<number>('maxDiagnosticsPerFile', defaultSettings.maxDiagnosticsPerFile),
  };
}

function createClient(context: vscode.ExtensionContext, channel: vscode.LogOutputChannel): LanguageClient {
  const serverModule = context.asAbsolutePath('dist/server.js');
  // Over stdio, not IPC: the server's stdio writer keeps the JSON of each diagnostic it sent and
  // writes only what an edit changed, where Node's IPC channel would serialise every message whole.
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio },
    debug: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'moat' },
      { scheme: 'untitled', language: 'moat' },
    ],
    synchronize: { configurationSection: 'moat' },
    initializationOptions: { settings: readSettings() },
    outputChannel: channel,
    traceOutputChannel: channel,
  };
  return new LanguageClient('moat', 'Moat Language Server', serverOptions, clientOptions);
}

async function startClient(context: vscode.ExtensionContext, channel: vscode.LogOutputChannel, statusBar: vscode.StatusBarItem): Promise<void> {
  client = createClient(context, channel);
  await client.start();
  // Registered after start: the handler belongs to this client instance (restart creates a new one).
  client.onNotification(didChangeModelNotification, (params: DidChangeModelParams) => {
    openByRoot.set(params.rootUri, params.openFindings);
    for (const uri of params.uris) rootByUri.set(uri, params.rootUri);
    void updateStatusBar(statusBar);
    previews?.modelChanged(params);
  });
  void updateStatusBar(statusBar);
  previews?.refreshAll();
}

/** The status-bar item: open findings of the model the active editor belongs to. */
async function updateStatusBar(statusBar: vscode.StatusBarItem): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'moat') {
    statusBar.hide();
    return;
  }
  const uri = editor.document.uri.toString();
  let root = rootByUri.get(uri);
  let open = root !== undefined ? openByRoot.get(root) : undefined;
  if (open === undefined && client?.isRunning()) {
    try {
      const params: FindingsParams = { uri };
      const result = await client.sendRequest<FindingsResult>(findingsRequest, params);
      open = result.findings.filter((f) => !f.checklist && (f.status === 'open' || f.status === 'planned')).length;
      if (result.rootUri) {
        root = result.rootUri;
        openByRoot.set(root, open);
        rootByUri.set(uri, root);
      }
    } catch (error) {
      output?.appendLine(`moat/findings failed: ${String(error)}`);
    }
  }
  if (vscode.window.activeTextEditor !== editor) return; // the user moved on while we asked
  if (open === undefined) {
    statusBar.text = '$(shield) Moat';
    statusBar.tooltip = 'Moat: analysing…';
  } else {
    statusBar.text = open === 0 ? '$(shield) No open findings' : `$(shield) ${open} open finding${open === 1 ? '' : 's'}`;
    statusBar.tooltip = 'Moat: open (and planned) findings of this model. Click to show the Problems panel.';
  }
  statusBar.show();
}

function notYet(title: string): () => void {
  return () => {
    void vscode.window.showInformationMessage(`Moat: ${title} arrives with the report step.`);
  };
}

/**
 * The Moat document a command acts on: the one it was given (a Uri from a menu, a URI string
 * from a code lens), else the active editor's.
 */
function moatDocument(target?: vscode.Uri | string): vscode.TextDocument | undefined {
  if (target) return vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
  const editor = vscode.window.activeTextEditor;
  return editor?.document.languageId === 'moat' ? editor.document : undefined;
}

/** Opens the diagram of the given (or active) .moat file; a code lens also names the element to highlight. */
async function openDiagram(target: vscode.Uri | string | undefined, toSide: boolean, elementId?: string): Promise<void> {
  const uri = typeof target === 'string' ? vscode.Uri.parse(target) : target;
  const document = moatDocument(uri) ?? (uri ? await vscode.workspace.openTextDocument(uri) : undefined);
  if (!document) {
    void vscode.window.showInformationMessage('Moat: open a .moat file to see its diagram.');
    return;
  }
  previews?.open(document, toSide, typeof elementId === 'string' ? elementId : undefined);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const channel = vscode.window.createOutputChannel('Moat', { log: true });
  output = channel;
  context.subscriptions.push(channel);

  const statusBar = vscode.window.createStatusBarItem('moat.findings', vscode.StatusBarAlignment.Left, 100);
  statusBar.name = 'Moat findings';
  statusBar.command = 'workbench.actions.view.problems';
  context.subscriptions.push(statusBar);

  previews = new DiagramPreviews(context.extensionUri, () => client, channel);
  const diagrams = previews;
  context.subscriptions.push(
    { dispose: () => diagrams.dispose() },
    vscode.window.registerWebviewPanelSerializer(previewViewType, diagrams),
    // From a code lens ("Show in diagram") the arguments are the file's URI and the element's ID.
    vscode.commands.registerCommand('moat.openDiagram', (target?: vscode.Uri | string, elementId?: string) => openDiagram(target, typeof elementId === 'string', elementId)),
    vscode.commands.registerCommand('moat.openDiagramToSide', (uri?: vscode.Uri) => openDiagram(uri, true)),
    vscode.commands.registerCommand('moat.exportDiagram', (uri?: vscode.Uri) => diagrams.export(moatDocument(uri))),
    vscode.window.onDidChangeTextEditorSelection((event) => {
      if (event.textEditor.document.languageId === 'moat') diagrams.cursorMoved(event.textEditor);
    }),
    vscode.workspace.onDidSaveTextDocument((document) => {
      if (document.languageId === 'moat') diagrams.saved(document);
    }),
    vscode.commands.registerCommand('moat.exportReport', notYet('Export Design-Review Report (HTML)')),
    vscode.commands.registerCommand('moat.showRuleCatalogue', async () => {
      // docs/rules.md is generated (`npm run docs:rules`) and shipped in the extension.
      const catalogue = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules.md');
      try {
        await vscode.workspace.fs.stat(catalogue);
      } catch {
        void vscode.window.showErrorMessage('Moat: the rule catalogue (docs/rules.md) is missing from this installation.');
        return;
      }
      await vscode.commands.executeCommand('markdown.showPreview', catalogue);
    }),
    vscode.commands.registerCommand('moat.restartServer', async () => {
      channel.appendLine('Restarting the Moat language server…');
      openByRoot.clear();
      rootByUri.clear();
      if (client) {
        const old = client;
        client = undefined;
        try {
          await old.stop();
        } catch (error) {
          channel.appendLine(`Stopping the server failed: ${String(error)}`);
        }
        await old.dispose();
      }
      await startClient(context, channel, statusBar);
    }),
    vscode.commands.registerCommand('moat.showFindings', async () => {
      await vscode.commands.executeCommand('workbench.actions.view.problems');
    }),
    vscode.window.onDidChangeActiveTextEditor(() => void updateStatusBar(statusBar)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('moat')) channel.appendLine('Moat settings changed; the server re-reads them.');
    }),
    { dispose: () => void client?.stop() },
  );

  try {
    await startClient(context, channel, statusBar);
  } catch (error) {
    channel.appendLine(`The Moat language server failed to start: ${String(error)}`);
    void vscode.window.showErrorMessage('Moat: the language server failed to start. See the "Moat" output channel.');
  }
}

export async function deactivate(): Promise<void> {
  if (client) {
    const old = client;
    client = undefined;
    await old.stop();
  }
}
