import type { Diagnostic as LspDiagnostic, DiagnosticRelatedInformation } from 'vscode-languageserver';
import type { Diagnostic } from '../core/diagnostic';
import type { Finding, FindingStatus } from '../core/rules/finding';
import type { ModelSymbol, Severity, ThreatModel } from '../core/model/threat-model';
import type { DiagnosticSupport } from './diagnostics';

/** What a finding's diagnostic was made from, and the diagnostic. */
export interface FindingEntry {
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly status: FindingStatus;
  /** The severity shown (from the settings). */
  readonly shown: number;
  readonly related: readonly DiagnosticRelatedInformation[] | undefined;
  /** The model the diagnostic was last found right for. */
  model: ThreatModel;
  readonly diagnostic: LspDiagnostic;
}

/**
 * What a file's diagnostics were made from the last time they were published, so that a
 * diagnostic an edit did not change is handed out again as the same object (whose JSON the
 * stdio encoder keeps). Each publication starts a new record holding only what it used, so
 * nothing outlives the diagnostics it describes.
 */
export class PublishedDiagnostics {
  /** Finding diagnostics by finding. */
  readonly byFinding = new Map<Finding, FindingEntry>();
  /**
   * Finding diagnostics by rule and target (what a finding's ID is made of), for a finding made again
   * alike or moved: the two strings are the same each time, where the ID would be written anew.
   */
  readonly findings = new Map<string, Map<string, FindingEntry>>();
  /** Related-information entries by declaration, shared by the findings of one publication. */
  readonly related = new Map<ModelSymbol, DiagnosticRelatedInformation>();
  /** Problem diagnostics by the (immutable) diagnostic of the analysis they show. */
  readonly problems = new Map<Diagnostic, LspDiagnostic>();

  constructor(readonly support: DiagnosticSupport) {}

  /** The entry of the finding of a rule on a target. */
  finding(rule: string, target: string): FindingEntry | undefined {
    return this.findings.get(rule)?.get(target);
  }

  /** Notes the entry of the finding of a rule on a target. */
  noteFinding(rule: string, target: string, entry: FindingEntry): void {
    let byTarget = this.findings.get(rule);
    if (!byTarget) this.findings.set(rule, (byTarget = new Map()));
    byTarget.set(target, entry);
  }
}
