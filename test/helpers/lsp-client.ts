import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  Diagnostic,
  InitializeParams,
  ProtocolConnection,
  PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { tempProject } from './run-moat';


/** What VS Code declares it shows of a diagnostic: the default, so tests see what its users see. */
export const vscodeDiagnosticCapabilities = {
  relatedInformation: true,
  tagSupport: { valueSet: [1, 2] },
  versionSupport: false,
  codeDescriptionSupport: true,
  dataSupport: true,
};

/** A language-server session over stdio with the built server, on a temporary workspace of files. */
export class LspClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  /** How many times each file's diagnostics were published. */
  readonly publishes = new Map<string, number>();
  readonly notifications: Array<{ method: string; params: unknown }> = [];
  readonly logs: string[] = [];
  private readonly versions = new Map<string, number>();
  private readonly waiters: Array<() => void> = [];

  private constructor(
    readonly dir: string,
    readonly connection: ProtocolConnection,
    private readonly child: ChildProcess,
  ) {
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      this.publishes.set(p.uri, (this.publishes.get(p.uri) ?? 0) + 1);
      this.notify();
    });
    connection.onUnhandledNotification(({ method, params }) => {
      this.notifications.push({ method, params });
      if (method === 'window/logMessage') this.logs.push((params as { message: string }).message);
      this.notify();
    });
    // The server asks for settings and registers file watchers: answer like a plain client.
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => this.settings));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
  }

  /** Settings the client answers `workspace/configuration` with. */
  settings: unknown = {};

  /**
   * Starts the built server (`dist/server.js --stdio`) on a temp folder holding the files, and initializes it.
   * `publishDiagnostics` is the client's capability for diagnostics (`null`: declares none, like a lean client).
   * With `folderOpen` false the client names no folder, as VS Code does for a file opened alone.
   * `launch` is how the server is started: the editor's bundle, or `['dist/cli.js', 'lsp']` as
   * other editors start it.
   */
  static async start(
    files: Record<string, string>,
    settings: unknown = {},
    publishDiagnostics: object | null = vscodeDiagnosticCapabilities,
    folderOpen = true,
    launch: readonly string[] = [process.env.MOAT_SERVER_BUNDLE ?? 'dist/server.js'],
  ): Promise<LspClient> {
    const dir = tempProject(files);
    // MOAT_SERVER_BUNDLE runs another build (an A/B benchmark against a saved bundle).
    const [script, ...args] = launch;
    const child = spawn(process.execPath, [...(process.env.MOAT_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []), resolve(script), ...args, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(dir, connection, child);
    client.settings = settings;
    connection.listen();
    const root = pathToFileURL(dir).href;
    const params: InitializeParams = {
      processId: process.pid,
      rootUri: folderOpen ? root : null,
      workspaceFolders: folderOpen ? [{ uri: root, name: 'ws' }] : null,
      capabilities: {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceEdit: { documentChanges: false } },
        textDocument: { rename: { prepareSupport: true }, hover: { contentFormat: ['markdown', 'plaintext'] }, completion: { completionItem: { snippetSupport: true } }, ...(publishDiagnostics ? { publishDiagnostics } : {}) },
        window: { workDoneProgress: true },
      },
    };
    await connection.sendRequest('initialize', params);
    await connection.sendNotification('initialized', {});
    return client;
  }

  /** The URI of a file of the workspace. */
  uri(name: string): string {
    return pathToFileURL(join(this.dir, name)).href;
  }

  /** Opens a file of the workspace in the editor (its text from disk unless given). */
  async open(name: string, text?: string): Promise<string> {
    const uri = this.uri(name);
    const content = text ?? readFileSync(join(this.dir, name), 'utf8');
    this.versions.set(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'moat', version: 1, text: content } });
    return uri;
  }

  /** Replaces the whole text of an open document (a full-content change). */
  async change(name: string, text: string): Promise<void> {
    const uri = this.uri(name);
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** Sends an incremental change: replaces `range` with `text`. */
  async edit(name: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }, text: string): Promise<void> {
    const uri = this.uri(name);
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }

  /** A request to the server. */
  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  /** Resolves once `ready()` holds (checked on every message from the server); fails after `ms`. */
  async waitFor<T>(ready: () => T | undefined | false, what: string, ms = 5000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = ready();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((done) => {
        const timer = setTimeout(done, 50);
        this.waiters.push(() => {
          clearTimeout(timer);
          done();
        });
      });
    }
  }

  /** The diagnostics of a file once they satisfy `predicate` (default: any were published). */
  diagnosticsOf(name: string, predicate: (d: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
    const uri = this.uri(name);
    return this.waitFor(() => {
      const d = this.diagnostics.get(uri);
      return d && predicate(d) ? d : undefined;
    }, `diagnostics of ${name}`);
  }

  /** Shuts the server down and ends its process. */
  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 1000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // Already gone.
    }
    // A server that honours `exit` ends by itself (and writes its --cpu-prof); one that does not is killed.
    if (this.child.exitCode === null) await new Promise((done) => setTimeout(done, 1000).unref() && this.child.once('exit', done));
    this.connection.dispose();
    this.child.kill();
  }

  private notify(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}

/** Applies LSP text edits to a text (edits do not overlap, as the protocol requires). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }): number => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

/** The edits of a workspace edit for one URI. */
export function editsFor(edit: WorkspaceEdit | null, uri: string): TextEdit[] {
  return edit?.changes?.[uri] ?? [];
}
