import { compareDiagnostics, Diagnostic, DiagnosticCode } from '../diagnostic';
import { parseMoat, ParseResult } from '../syntax/parse';
import { reparseMoatLazily, settleMoves } from '../syntax/reparse';
import { decodeUtf8 } from '../text/decode';
import { formatPosition } from '../text/range';
import { RealLocations, resolveImports, ResolvedImport } from './imports';
import { linkModel } from './link';
import { LinkMemo } from './link-memo';
import { ThreatModel } from './threat-model';
import { Evaluation, evaluateInStages, RuleOptions, todayIso } from '../rules/engine';
import { reuseEvaluation } from '../rules/early-cutoff';
import type { Finding } from '../rules/finding';
import { quote, shorten } from '../text/quote';

/** How the core reaches files: the CLI reads the disk, the language server its documents and the disk. */
export interface FileSystem {
  /** The file's bytes (or text), or undefined when it does not exist or cannot be read. */
  readFile(uri: string): Uint8Array | string | undefined;
  /**
   * Where a file or folder really is, links followed (a folder's URI ends in `/`); undefined when it
   * does not exist. Without it (files in memory) nothing is a link.
   */
  realUri?(uri: string): string | undefined;
}

export interface WorkspaceOptions {
  /** Folder URIs the models live in; imports may not reach outside them. Empty: no limit. */
  readonly roots?: readonly string[];
  /** Today as `YYYY-MM-DD` for acceptance expiry, or what gives it (default: the real date, asked at each analysis). */
  readonly today?: string | (() => string);
}

/** One model: a root file, what it imports, and the linked result. */
export interface ModelAnalysis {
  readonly rootUri: string;
  readonly model: ThreatModel;
  /** What the rules found, with each finding's status. */
  readonly findings: readonly Finding[];
  /**
   * Syntax, import, semantic and rule-status diagnostics of every file of this model. Findings are
   * not among them: each shell shows `findings` its own way (the CLI's lines, the editor's settings).
   */
  readonly diagnostics: readonly Diagnostic[];
}

/** Every model of the workspace, and the diagnostics of every file, deduplicated and sorted. */
export interface WorkspaceAnalysis {
  readonly models: readonly ModelAnalysis[];
  readonly diagnostics: ReadonlyMap<string, readonly Diagnostic[]>;
}

interface SourceEntry {
  readonly text: string;
  readonly version: number | undefined;
  readonly decodeProblem: Diagnostic | undefined;
}

interface ParsedEntry {
  readonly source: SourceEntry;
  readonly parse: ParseResult;
  readonly imports: readonly ResolvedImport[];
}

/**
 * Owns the documents of a workspace and caches each stage: text by URI -> parse by text ->
 * linked model per root. An edit re-parses one file and re-links only the models that contain it.
 */
export class Workspace {
  private readonly files = new Set<string>();
  private readonly documents = new Map<string, SourceEntry>();
  private readonly diskCache = new Map<string, SourceEntry | null>();
  private readonly parsed = new Map<string, ParsedEntry>();
  /** Each root's last analysis, with what it was made from: the parses, and the options the rules ran with; and what its link made, for the next. */
  private readonly linked = new Map<string, { inputs: readonly ParsedEntry[]; analysis: ModelAnalysis; evaluation: Evaluation; options: RuleOptions; memo: LinkMemo }>();
  /** Each model's diagnostics by file, sorted: computed once per linked model. */
  private readonly diagnosticsByFile = new WeakMap<ModelAnalysis, Map<string, Diagnostic[]>>();
  private readonly roots: readonly string[];
  /** The roots and, when the file system knows links, where each really is: an import must really be inside one. */
  private realRootCache: RealLocations | undefined;
  /** Asked at each analysis: a language server runs past midnight, and acceptances expire. */
  private readonly today: () => string;
  /** Built-in rules the editor's settings switch off in every model, sorted; a new array whenever it changes. */
  private rulesOff: readonly string[] = [];

  constructor(
    private readonly fs: FileSystem,
    options: WorkspaceOptions = {},
  ) {
    this.roots = options.roots ?? [];
    const today = options.today ?? todayIso;
    this.today = typeof today === 'string' ? () => today : today;
  }

  /** Switches built-in rules off in every model (the editor's `moat.rulesOff`); returns whether that changed anything. */
  setRulesOff(ids: readonly string[]): boolean {
    const next = [...new Set(ids)].sort();
    if (next.length === this.rulesOff.length && next.every((id, i) => id === this.rulesOff[i])) return false;
    this.rulesOff = next;
    return true;
  }

  /** Adds a file on disk to the workspace (found by a folder scan or a file watcher). */
  addFile(uri: string): void {
    this.files.add(uri);
    this.diskCache.delete(uri);
  }

  /** Forgets a file that was deleted from disk. */
  removeFile(uri: string): void {
    this.files.delete(uri);
    this.diskCache.delete(uri);
  }

  /** Drops what was read of a file from disk, after it changed there. */
  fileChanged(uri: string): void {
    this.diskCache.delete(uri);
  }

  /** Sets the text of an open document; it wins over the disk until closed. */
  setDocument(uri: string, text: string, version?: number): void {
    this.documents.set(uri, { text, version, decodeProblem: undefined });
    this.files.add(uri);
  }

  /** Closes a document: the disk version counts again. */
  closeDocument(uri: string): void {
    this.documents.delete(uri);
    this.diskCache.delete(uri);
  }

  /** The URIs the workspace knows (added files and open documents). */
  knownFiles(): string[] {
    return [...this.files].sort();
  }

  /** The current text of a file, or undefined when it cannot be read. */
  text(uri: string): string | undefined {
    return this.source(uri)?.text;
  }

  /** Parses a file (cached by its text). */
  parse(uri: string): ParseResult | undefined {
    const parse = this.parsedEntry(uri)?.parse;
    // The analysis reads no syntax the reparse moved down, so it is copied out only for readers of the syntax.
    if (parse) settleMoves(parse.file);
    return parse;
  }

  /** Analyses every model of the workspace. Unchanged files and models come from the caches. */
  analyze(): WorkspaceAnalysis {
    const graph = new Map<string, ParsedEntry | undefined>();
    // A work list, not recursion: a chain of imports may be longer than the call stack is deep.
    const pending = [...this.files];
    while (pending.length > 0) {
      const uri = pending.pop()!;
      if (graph.has(uri)) continue;
      const entry = this.parsedEntry(uri);
      graph.set(uri, entry);
      for (const imp of entry?.imports ?? []) if (imp.uri && !graph.has(imp.uri)) pending.push(imp.uri);
    }

    const imported = new Set<string>();
    for (const entry of graph.values()) for (const imp of entry?.imports ?? []) if (imp.uri) imported.add(imp.uri);
    const roots = [...this.files].filter((uri) => !imported.has(uri) && graph.get(uri)).sort();
    const covered = new Set<string>();
    const models: ModelAnalysis[] = [];
    const analyzeRoot = (root: string): void => {
      const analysis = this.analyzeModel(root, graph);
      for (const uri of analysis.model.files) covered.add(uri);
      models.push(analysis);
    };
    for (const root of roots) analyzeRoot(root);
    // Files that only import each other in a cycle have no root; each such group still gets checked.
    for (const uri of [...this.files].sort()) if (!covered.has(uri) && graph.get(uri)) analyzeRoot(uri);

    const byFile = new Map<string, Diagnostic[]>();
    for (const uri of this.files) byFile.set(uri, []);
    for (const model of models) {
      for (const [uri, list] of this.diagnosticsByFile.get(model) ?? []) {
        const existing = byFile.get(uri);
        // A file in one model shares that model's (cached, sorted) list; a file in several gets them merged once.
        if (!existing || existing.length === 0) byFile.set(uri, list);
        else byFile.set(uri, mergeDiagnostics(existing, list));
      }
    }
    return { models, diagnostics: byFile };
  }

  private analyzeModel(rootUri: string, graph: ReadonlyMap<string, ParsedEntry | undefined>): ModelAnalysis {
    const order: ParsedEntry[] = [];
    const orderUris: string[] = [];
    const diagnostics: Diagnostic[] = [];
    const state = new Map<string, 'active' | 'done'>();
    // Depth first, imports in written order, each file listed when first reached; kept on an explicit
    // stack rather than the call stack, which a long chain of imports would overflow.
    const frames: Array<{ uri: string; entry: ParsedEntry; next: number }> = [];
    const enter = (uri: string, entry: ParsedEntry): void => {
      state.set(uri, 'active');
      frames.push({ uri, entry, next: 0 });
      order.push(entry);
      orderUris.push(uri);
      if (entry.source.decodeProblem) diagnostics.push(entry.source.decodeProblem);
      diagnostics.push(...entry.parse.diagnostics);
    };
    const rootEntry = graph.get(rootUri);
    if (rootEntry) enter(rootUri, rootEntry);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      const { uri } = frame;
      if (frame.next === frame.entry.imports.length) {
        frames.pop();
        state.set(uri, 'done');
        continue;
      }
      const imp = frame.entry.imports[frame.next++];
      const range = imp.declaration.path?.range ?? imp.declaration.range;
      if (!imp.uri) {
        diagnostics.push({ uri, range, severity: 'error', code: DiagnosticCode.importOutside, message: imp.problem ?? 'unusable import' });
        continue;
      }
      const seenState = state.get(imp.uri);
      if (seenState === 'active') {
        const cycle = [...frames.slice(frames.findIndex((f) => f.uri === imp.uri)).map((f) => f.uri), imp.uri].map(fileName).join(' -> ');
        diagnostics.push({ uri, range, severity: 'error', code: DiagnosticCode.importCycle, message: `import cycle: ${cycle}` });
        continue;
      }
      if (seenState === 'done') continue;
      const imported = graph.get(imp.uri);
      if (!imported) {
        diagnostics.push({
          uri,
          range,
          severity: 'error',
          code: DiagnosticCode.importMissing,
          message: `cannot find ${quote(imp.declaration.path?.value ?? '')} (looked for ${shorten(decodeURIComponent(new URL(imp.uri).pathname), 120)})`,
        });
        continue;
      }
      enter(imp.uri, imported);
    }

    // Same files with the same parses, and the rules run the same way (same day, same rules off): the analysis is the same too.
    const options: RuleOptions = { today: this.today(), rulesOff: this.rulesOff };
    const cached = this.linked.get(rootUri);
    const sameRules = cached?.options.today === options.today && cached.options.rulesOff === options.rulesOff;
    if (cached && sameRules && cached.inputs.length === order.length && cached.inputs.every((e, i) => e === order[i])) return cached.analysis;
    // The declarations an edit left alone keep their linked objects, which the early cut-off then tells apart by identity.
    const memo = cached?.memo ?? new LinkMemo();
    const result = linkModel(
      rootUri,
      order.map((e) => e.parse.file),
      memo,
    );
    // Early cut-off: an edit that leaves everything the rules read as it was, but for positions, keeps the findings they raised (moved).
    const evaluation = (cached && sameRules && reuseEvaluation(cached.analysis.model, cached.evaluation, result.model, options)) || evaluateInStages(result.model, options);
    const rules = evaluation.result;
    const analysis: ModelAnalysis = {
      rootUri,
      model: result.model,
      findings: rules.findings,
      diagnostics: [...diagnostics, ...result.diagnostics, ...rules.diagnostics],
    };
    const byFile = new Map<string, Diagnostic[]>();
    for (const d of analysis.diagnostics) {
      const list = byFile.get(d.uri);
      if (list) list.push(d);
      else byFile.set(d.uri, [d]);
    }
    for (const list of byFile.values()) list.sort(compareDiagnostics);
    this.diagnosticsByFile.set(analysis, byFile);
    this.linked.set(rootUri, { inputs: order, analysis, evaluation, options, memo });
    return analysis;
  }

  private realRoots(): RealLocations | undefined {
    const realUri = this.fs.realUri?.bind(this.fs);
    if (!realUri) return undefined;
    this.realRootCache ??= { roots: [...new Set([...this.roots, ...this.roots.map((root) => realUri(root) ?? root)])], real: realUri };
    return this.realRootCache;
  }

  private source(uri: string): SourceEntry | undefined {
    const open = this.documents.get(uri);
    if (open) return open;
    const cached = this.diskCache.get(uri);
    if (cached !== undefined) return cached ?? undefined;
    const raw = this.fs.readFile(uri);
    let entry: SourceEntry | null = null;
    if (typeof raw === 'string') entry = { text: raw, version: undefined, decodeProblem: undefined };
    else if (raw) {
      const decoded = decodeUtf8(raw);
      const at = decoded.invalidAt;
      entry = {
        text: decoded.text,
        version: undefined,
        decodeProblem: at
          ? {
              uri,
              range: { start: at, end: { line: at.line, character: at.character + 1 } },
              severity: 'error',
              code: DiagnosticCode.invalidText,
              message: `the file is not valid UTF-8 at ${formatPosition(at)}; save it as UTF-8 (invalid bytes are read as U+FFFD)`,
            }
          : undefined,
      };
    }
    this.diskCache.set(uri, entry);
    return entry ?? undefined;
  }

  private parsedEntry(uri: string): ParsedEntry | undefined {
    const source = this.source(uri);
    if (!source) {
      this.parsed.delete(uri);
      return undefined;
    }
    const cached = this.parsed.get(uri);
    // Same text (a new version number, or the file re-read): the parse, and the models built on it, stay valid.
    if (cached && cached.source.text === source.text) return cached;
    // An edited file: the declarations the edit did not touch are reused rather than parsed again.
    const parse = cached ? reparseMoatLazily(uri, { text: cached.source.text, result: cached.parse }, source.text) : parseMoat(uri, source.text);
    const entry = { source, parse, imports: resolveImports(parse.file, this.roots, this.realRoots()) };
    this.parsed.set(uri, entry);
    return entry;
  }
}

function fileName(uri: string): string {
  return decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
}

/** Two sorted lists of one file's diagnostics as one, the same problem (seen from two models) once. */
function mergeDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const d of [...a, ...b]) {
    const key = `${d.range.start.line}:${d.range.start.character}|${d.code}|${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out.sort(compareDiagnostics);
}
