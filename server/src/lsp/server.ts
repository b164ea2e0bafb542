import {
  CancellationToken,
  Connection,
  ErrorCodes,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  createConnection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Workspace } from '../core/model/workspace';
import { isOpen } from '../core/rules/finding';
import { diskFileSystem, findModelFiles, toUri } from '../node/disk';
import {
  defaultSettings,
  DidChangeModelParams,
  didChangeModelNotification,
  findingsRequest,
  FindingsParams,
  FindingsResult,
  locateRequest,
  LocateParams,
  LocateResult,
  diagramRequest,
  DiagramParams,
  DiagramResult,
  MoatSettings,
} from '../protocol';
import { LayoutThread } from '../node/layout-thread';
import { codeActions } from './code-actions';
import { codeLenses } from './code-lens';
import { completion } from './completion';
import { diagnosticsOf, diagnosticSupportOf } from './diagnostics';
import { foldingRanges } from './folding';
import { formatDocument } from './formatting';
import { hover } from './hover';
import { inlayHints } from './inlay-hints';
import { diagramResult } from './diagram';
import { definition, documentHighlights, references } from './navigation';
import { prepareRename, rename } from './rename';
import { selectionRanges } from './selection-ranges';
import { semanticTokens, semanticTokensLegend } from './semantic-tokens';
import { Session } from './session';
import { stdioConnection } from './stdio-connection';
import { documentSymbols, workspaceSymbols } from './symbols';
import { wireFinding } from './wire-finding';

declare const MOAT_VERSION: string | undefined;

/** Starts the language server on stdio (`moat lsp --stdio`, VS Code) or on another transport given in argv (`--node-ipc`, `--socket`, `--pipe`). */
export function startLanguageServer(): void {
  const connection = process.argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all);
  serve(connection);
  connection.listen();
}

/** Wires every feature of the editor spec onto a connection; each handler reads the shared `Session`. */
export function serve(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let session = new Session(new Workspace(diskFileSystem));
  let watchDynamically = false;
  let configurationPull = false;
  let cancelPending: (() => void) | undefined;
  let lastEdit = -Infinity;
  const published = new Map<string, readonly unknown[]>();
  // The last model object told to the client per root: the workspace re-links only on change, so identity says "changed".
  const notifiedModels = new Map<string, unknown>();
  const layoutThread = new LayoutThread();
  connection.onExit(() => void layoutThread.dispose());

  /** An exception in one feature becomes a logged error and an empty answer; the server lives on. */
  const guard =
    <P, R>(feature: string, handler: (params: P, token: CancellationToken) => R, empty: R) =>
    (params: P, token: CancellationToken): R => {
      try {
        return handler(params, token);
      } catch (error) {
        // A refusal meant for the user (an invalid new name) goes back to the client as it is.
        if (error instanceof ResponseError) throw error;
        connection.console.error(`moat: ${feature} failed: ${(error as Error).stack ?? error}`);
        return empty;
      }
    };

  const publish = (): void => {
    cancelPending = undefined;
    try {
      const analysis = session.analysis();
      const known = new Set(session.workspace.knownFiles());
      for (const uri of new Set([...known, ...published.keys()])) {
        // The inputs of a file's diagnostics: its own list (cached by the workspace) and its models. Same inputs, same output.
        const inputs = known.has(uri) ? [analysis.diagnostics.get(uri), ...session.modelsOf(uri).map((m) => m.model), session.settings] : [];
        const last = published.get(uri);
        if (last && last.length === inputs.length && last.every((x, i) => x === inputs[i])) continue;
        published.set(uri, inputs);
        if (!known.has(uri)) published.delete(uri);
        void connection.sendDiagnostics({ uri, diagnostics: known.has(uri) ? diagnosticsOf(session, uri) : [] });
      }
      for (const m of analysis.models) {
        if (notifiedModels.get(m.rootUri) === m) continue;
        notifiedModels.set(m.rootUri, m);
        const open = m.findings.filter((f) => !f.checklist && isOpen(f)).length;
        const params: DidChangeModelParams = { rootUri: m.rootUri, uris: m.model.files, openFindings: open };
        void connection.sendNotification(didChangeModelNotification, params);
      }
    } catch (error) {
      connection.console.error(`moat: analysis failed: ${(error as Error).stack ?? error}`);
    }
  };

  /**
   * Re-analyses after an edit; a newer edit cancels the pending run. An edit after a quiet moment
   * is analysed as soon as the messages already received are handled (two turns of the event loop:
   * the connection handles one message per turn), so edits that queued up behind a long analysis
   * are taken together without a fixed delay. Edits closer than `debounceMs` are a burst of typing:
   * the analysis waits for it to pause.
   */
  const schedule = (): void => {
    session.invalidate();
    cancelPending?.();
    const now = performance.now();
    const burst = now - lastEdit < session.settings.debounceMs;
    lastEdit = now;
    if (burst) {
      const timer = setTimeout(publish, session.settings.debounceMs);
      cancelPending = () => clearTimeout(timer);
      return;
    }
    let turn = setImmediate(() => (turn = setImmediate(publish)));
    cancelPending = () => clearImmediate(turn);
  };

  const pullSettings = async (): Promise<void> => {
    if (!configurationPull) return;
    const value = (await connection.workspace.getConfiguration('moat')) as Partial<MoatSettings> | null;
    session.applySettings(mergeSettings(value));
    published.clear();
    schedule();
  };

  connection.onInitialize((params) => {
    const roots = (params.workspaceFolders ?? []).map((f) => (f.uri.endsWith('/') ? f.uri : `${f.uri}/`));
    if (!roots.length && params.rootUri) roots.push(params.rootUri.endsWith('/') ? params.rootUri : `${params.rootUri}/`);
    session = new Session(new Workspace(diskFileSystem, { roots }));
    session.applySettings(mergeSettings(params.initializationOptions?.settings));
    session.diagnosticSupport = diagnosticSupportOf(params.capabilities);
    watchDynamically = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    configurationPull = params.capabilities.workspace?.configuration === true;
    indexFolders(roots);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        completionProvider: { triggerCharacters: [':', '[', ',', ' ', '.', '@'], resolveProvider: false },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: { label: 'Moat' },
        workspaceSymbolProvider: true,
        semanticTokensProvider: { legend: semanticTokensLegend, full: true, range: false },
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        documentFormattingProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        codeLensProvider: { resolveProvider: false },
        inlayHintProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: false } },
      },
      serverInfo: { name: 'moat', version: typeof MOAT_VERSION === 'string' ? MOAT_VERSION : '0.0.0-dev' },
    };
  });

  /** Adds every `.moat` file under the workspace folders, so closed files take part in models and rename. */
  const indexFolders = (roots: readonly string[]): void => {
    for (const root of roots) {
      if (!root.startsWith('file:')) continue;
      try {
        for (const file of findModelFiles([fileURLToPath(root)])) session.workspace.addFile(toUri(file));
      } catch {
        // A folder that vanished or cannot be read contributes nothing.
      }
    }
  };

  connection.onInitialized(async () => {
    if (watchDynamically) {
      await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.moat' }] });
    }
    await pullSettings().catch(() => undefined);
    const files = session.workspace.knownFiles().length;
    if (files > 50) {
      const progress = await connection.window.createWorkDoneProgress();
      progress.begin('Moat: indexing threat models', 0, `${files} files`);
      publish();
      progress.done();
    } else {
      publish();
    }
  });

  connection.onDidChangeConfiguration(() => void pullSettings().catch(() => undefined));

  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const change of changes) {
      if (!change.uri.endsWith('.moat')) continue;
      if (change.type === FileChangeType.Deleted) session.workspace.removeFile(change.uri);
      else if (change.type === FileChangeType.Created) session.workspace.addFile(change.uri);
      else session.workspace.fileChanged(change.uri);
    }
    schedule();
  });

  documents.onDidOpen(({ document }) => {
    session.workspace.setDocument(document.uri, document.getText(), document.version);
    schedule();
  });
  documents.onDidChangeContent(({ document }) => {
    session.workspace.setDocument(document.uri, document.getText(), document.version);
    schedule();
  });
  documents.onDidClose(({ document }) => {
    session.workspace.closeDocument(document.uri);
    schedule();
  });

  connection.onCompletion(guard('completion', (p) => completion(session, p), []));
  connection.onHover(guard('hover', (p) => hover(session, p), null));
  connection.onDefinition(guard('definition', (p) => definition(session, p), null));
  connection.onReferences(guard('references', (p) => references(session, p), []));
  connection.onDocumentHighlight(guard('documentHighlight', (p) => documentHighlights(session, p), []));
  connection.onPrepareRename(guard('prepareRename', (p) => prepareRename(session, p), null));
  connection.onRenameRequest(guard('rename', (p) => rename(session, p), null));
  connection.onDocumentSymbol(guard('documentSymbol', (p) => documentSymbols(session, p.textDocument.uri), []));
  connection.onWorkspaceSymbol(guard('workspaceSymbol', (p) => workspaceSymbols(session, p.query), []));
  connection.languages.semanticTokens.on(guard('semanticTokens', (p) => semanticTokens(session, p.textDocument.uri), { data: [] }));
  connection.onFoldingRanges(guard('foldingRange', (p) => foldingRanges(session, p.textDocument.uri), []));
  connection.onSelectionRanges(guard('selectionRange', (p) => selectionRanges(session, p.textDocument.uri, p.positions), []));
  connection.onDocumentFormatting(guard('formatting', (p) => formatDocument(session, p.textDocument.uri), []));
  connection.onCodeAction(guard('codeAction', (p) => codeActions(session, p), []));
  connection.onCodeLens(guard('codeLens', (p) => codeLenses(session, p.textDocument.uri), []));
  connection.languages.inlayHint.on(guard('inlayHint', (p) => inlayHints(session, p.textDocument.uri, p.range), []));

  connection.onRequest(
    locateRequest,
    guard('locate', (p: LocateParams): LocateResult | null => {
      const found = session.symbol(p.uri, p.id);
      if (!found) return null;
      const { symbol } = found;
      return { uri: symbol.location.uri, range: symbol.location.range, nameRange: symbol.location.nameRange, kind: symbol.kind };
    }, null),
  );
  connection.onRequest(
    findingsRequest,
    guard('findings', (p: FindingsParams): FindingsResult => {
      const m = session.modelOf(p.uri);
      if (!m) return { rootUri: null, title: null, findings: [] };
      return { rootUri: m.rootUri, title: m.model.info?.title ?? null, findings: m.findings.map(wireFinding) };
    }, { rootUri: null, title: null, findings: [] }),
  );
  connection.onRequest(diagramRequest, async (p: DiagramParams): Promise<DiagramResult | null> => {
    const m = session.modelOf(p.uri);
    if (!m) return null;
    try {
      return await diagramResult(m, (graph) => layoutThread.render(graph, 'vscode'));
    } catch (error) {
      connection.console.error(`moat: diagram failed: ${(error as Error).message}`);
      throw new ResponseError(ErrorCodes.InternalError, `The diagram could not be drawn: ${(error as Error).message}`);
    }
  });

  documents.listen(connection);
}

/** Settings from the client over the defaults; anything malformed keeps its default. */
export function mergeSettings(value: unknown): MoatSettings {
  if (!value || typeof value !== 'object') return defaultSettings;
  const v = value as Partial<MoatSettings>;
  const levels = ['error', 'warning', 'information', 'hint', 'off'];
  const findingSeverity = { ...defaultSettings.findingSeverity };
  for (const key of Object.keys(findingSeverity) as (keyof typeof findingSeverity)[]) {
    const level = v.findingSeverity?.[key];
    if (typeof level === 'string' && levels.includes(level)) findingSeverity[key] = level;
  }
  return {
    findingSeverity,
    closedFindings: v.closedFindings === 'hint' ? 'hint' : 'hidden',
    inlayHints: typeof v.inlayHints === 'boolean' ? v.inlayHints : defaultSettings.inlayHints,
    debounceMs: typeof v.debounceMs === 'number' && v.debounceMs >= 0 && v.debounceMs <= 5000 ? v.debounceMs : defaultSettings.debounceMs,
    rulesOff: Array.isArray(v.rulesOff) ? v.rulesOff.filter((id): id is string => typeof id === 'string') : defaultSettings.rulesOff,
    maxDiagnosticsPerFile: Number.isInteger(v.maxDiagnosticsPerFile) && v.maxDiagnosticsPerFile! >= 0 ? v.maxDiagnosticsPerFile! : defaultSettings.maxDiagnosticsPerFile,
  };
}
