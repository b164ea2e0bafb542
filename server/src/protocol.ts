/**
 * Custom requests and notifications between the language server, the VS Code client and the
 * diagram webview. Plain JSON types only: both sides import this file, neither imports the other.
 */

/** A zero-based position and range, as in LSP. */
export interface WirePosition {
  readonly line: number;
  readonly character: number;
}
export interface WireRange {
  readonly start: WirePosition;
  readonly end: WirePosition;
}

/** `moat/locate`: where an element, flow, boundary, data asset, threat or rule is declared now. */
export const locateRequest = 'moat/locate';
export interface LocateParams {
  /** Any file of the model (the ID is looked up in the models that contain it). */
  readonly uri: string;
  readonly id: string;
}
export interface LocateResult {
  readonly uri: string;
  /** The whole declaration. */
  readonly range: WireRange;
  /** Its name. */
  readonly nameRange: WireRange;
  readonly kind: string;
}

/** `moat/findings`: the findings of the model a file belongs to, for views and exports. */
export const findingsRequest = 'moat/findings';
export interface FindingsParams {
  readonly uri: string;
}
export interface WireFinding {
  readonly id: string;
  readonly rule: string;
  readonly origin: 'built-in' | 'custom' | 'threat';
  readonly category: string | null;
  readonly severity: 'low' | 'medium' | 'high' | 'critical';
  readonly status: 'open' | 'planned' | 'mitigated' | 'accepted';
  readonly target: string;
  readonly title: string;
  readonly message: string;
  /** A question of the STRIDE-per-element checklist (`checklist: true` on `model`), not a finding with evidence. */
  readonly checklist: boolean;
  readonly uri: string;
  readonly range: WireRange;
}
export interface FindingsResult {
  /** The model's root file, or null when the file is in no model. */
  readonly rootUri: string | null;
  readonly title: string | null;
  readonly findings: readonly WireFinding[];
}

/** `moat/diagram`: the model a file belongs to, drawn as SVG, with what a view needs to make it interactive. */
export const diagramRequest = 'moat/diagram';
export interface DiagramParams {
  readonly uri: string;
}
/** One element, flow or boundary of the picture: where it is declared, and what it links to. */
export interface DiagramElementInfo {
  readonly kind: 'actor' | 'external' | 'process' | 'store' | 'flow' | 'boundary';
  readonly label: string;
  readonly uri: string;
  /** The whole declaration. */
  readonly range: WireRange;
  /** Its name (what a reveal selects). */
  readonly nameRange: WireRange;
  /** `code:` links as written (`path#Symbol`), resolved to code by the links step; empty for flows and boundaries. */
  readonly code: readonly string[];
}
export interface DiagramResult {
  readonly rootUri: string;
  readonly title: string | null;
  /** Standalone SVG with VS Code theme variables; every node and edge has `data-moat-id` and `data-moat-kind`. */
  readonly svg: string;
  /** By the `data-moat-id` of the SVG. */
  readonly elements: Readonly<Record<string, DiagramElementInfo>>;
  /** Every finding of the model (checklist reminders left out), for filters and details. */
  readonly findings: readonly WireFinding[];
  /** Files with syntax or link errors: the picture may be incomplete. */
  readonly errorCount: number;
}

/** `moat/didChangeModel` (server -> client): a model was re-analysed; views refresh. */
export const didChangeModelNotification = 'moat/didChangeModel';
export interface DidChangeModelParams {
  readonly rootUri: string;
  /** Every file of the model. */
  readonly uris: readonly string[];
  readonly openFindings: number;
}

/** Settings under `moat.*`, read with `workspace/configuration`. */
export interface MoatSettings {
  /** How an open finding of each severity shows as a diagnostic. */
  readonly findingSeverity: Readonly<Record<'critical' | 'high' | 'medium' | 'low', 'error' | 'warning' | 'information' | 'hint' | 'off'>>;
  /** Mitigated and accepted findings: not shown, or shown as hints. */
  readonly closedFindings: 'hidden' | 'hint';
  /** STRIDE letters after element names. */
  readonly inlayHints: boolean;
  /** Milliseconds to wait after a keystroke before re-analysing. */
  readonly debounceMs: number;
  /** Built-in rules switched off for the whole workspace, on top of each model's `rules_off`. */
  readonly rulesOff: readonly string[];
  /**
   * At most this many diagnostics per file, the model's threats and most severe findings kept; 0: no
   * limit. The default is as many as VS Code shows, for every client (see `diagnostics-limit.ts`).
   */
  readonly maxDiagnosticsPerFile: number;
}

export const defaultSettings: MoatSettings = {
  findingSeverity: { critical: 'warning', high: 'warning', medium: 'information', low: 'information' },
  closedFindings: 'hidden',
  inlayHints: false,
  debounceMs: 10,
  rulesOff: [],
  maxDiagnosticsPerFile: 1000,
};
