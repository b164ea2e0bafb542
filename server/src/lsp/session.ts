import type { ModelAnalysis, Workspace, WorkspaceAnalysis } from '../core/model/workspace';
import type { ModelSymbol, ThreatModel } from '../core/model/threat-model';
import { LineIndex } from '../core/text/line-index';
import { defaultSettings, MoatSettings } from '../protocol';
import { DiagnosticSupport, fullDiagnosticSupport } from './diagnostics';

/**
 * What every feature handler reads: the workspace, its latest analysis (recomputed on demand
 * when an edit made it stale), and the settings. Handlers never mutate it.
 */
export class Session {
  private current: WorkspaceAnalysis | undefined;
  private readonly lineIndexes = new Map<string, { text: string; index: LineIndex }>();
  settings: MoatSettings = defaultSettings;
  /** What the client shows of a diagnostic (from its capabilities). */
  diagnosticSupport: DiagnosticSupport = fullDiagnosticSupport;

  constructor(readonly workspace: Workspace) {}

  /** Takes new settings; switching rules on or off makes the analysis stale. */
  applySettings(settings: MoatSettings): void {
    this.settings = settings;
    if (this.workspace.setRulesOff(settings.rulesOff)) this.invalidate();
  }

  /** Marks the analysis stale after an edit; the next reader re-analyses (only what changed). */
  invalidate(): void {
    this.current = undefined;
  }

  /** Whether an edit has not been analysed yet. */
  get stale(): boolean {
    return this.current === undefined;
  }

  /** The analysis of the workspace as it is now. */
  analysis(): WorkspaceAnalysis {
    this.current ??= this.workspace.analyze();
    return this.current;
  }

  /** The models a file belongs to (a file imported by two roots is in both); the first is its own root's when it has one. */
  modelsOf(uri: string): ModelAnalysis[] {
    const models = this.analysis().models.filter((m) => m.model.files.includes(uri));
    return models.sort((a, b) => (a.rootUri === uri ? -1 : b.rootUri === uri ? 1 : 0));
  }

  /** The model a file is read in, for features that need one answer. */
  modelOf(uri: string): ModelAnalysis | undefined {
    return this.modelsOf(uri)[0];
  }

  /** The declaration of an ID in the model a file belongs to. */
  symbol(uri: string, id: string): { model: ThreatModel; symbol: ModelSymbol } | undefined {
    for (const { model } of this.modelsOf(uri)) {
      const symbol = model.symbols.get(id);
      if (symbol) return { model, symbol };
    }
    return undefined;
  }

  /** The current text of a file. */
  text(uri: string): string | undefined {
    return this.workspace.text(uri);
  }

  /** Offsets <-> positions for the current text of a file. */
  lineIndex(uri: string): LineIndex | undefined {
    const text = this.text(uri);
    if (text === undefined) return undefined;
    const cached = this.lineIndexes.get(uri);
    if (cached?.text === text) return cached.index;
    const index = new LineIndex(text);
    this.lineIndexes.set(uri, { text, index });
    return index;
  }
}
