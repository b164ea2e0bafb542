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
 *
 * The findings are kept in the order their diagnostics were made, and looked for first where they
 * stood: an edit mostly leaves that order as it was (the early cut-off moves findings in place),
 * and a list read in step costs far less than a map per finding. The maps are made only for a
 * publication whose findings are not in step with this one.
 */
export class PublishedDiagnostics {
  /** The findings shown, in the order their diagnostics were made. */
  private readonly shown: Finding[] = [];
  /** Each shown finding's entry, at the same index. */
  private readonly entries: FindingEntry[] = [];
  private byFinding: Map<Finding, FindingEntry> | undefined;
  /** By rule, then target (what a finding's ID is made of): the two strings are the same each time, where the ID would be written anew. */
  private byRule: Map<string, Map<string, FindingEntry>> | undefined;
  /** Related-information entries by declaration, shared by the findings of one publication. */
  readonly related = new Map<ModelSymbol, DiagnosticRelatedInformation>();
  /** Problem diagnostics by the (immutable) diagnostic of the analysis they show. */
  readonly problems = new Map<Diagnostic, LspDiagnostic>();

  constructor(readonly support: DiagnosticSupport) {}

  /** How many findings are shown: the index the next one noted takes. */
  get findingCount(): number {
    return this.shown.length;
  }

  /**
   * The entry of this very finding, looked for first at index `at`. Undefined, with no map made,
   * when a finding of the same rule on the same target stands there: then this one is a copy of it
   * (a finding that was shown is not also shown at another place in step).
   */
  entryOf(finding: Finding, at: number): FindingEntry | undefined {
    const there = this.shown[at];
    if (there === finding) return this.entries[at];
    if (there !== undefined && there.target === finding.target && there.rule === finding.rule) return undefined;
    if (!this.byFinding) {
      this.byFinding = new Map();
      for (let i = 0; i < this.shown.length; i++) this.byFinding.set(this.shown[i], this.entries[i]);
    }
    return this.byFinding.get(finding);
  }

  /** The entry of the finding of a rule on a target, looked for first at index `at`. */
  finding(rule: string, target: string, at: number): FindingEntry | undefined {
    const there = this.shown[at];
    if (there !== undefined && there.target === target && there.rule === rule) return this.entries[at];
    if (!this.byRule) {
      this.byRule = new Map();
      for (let i = 0; i < this.shown.length; i++) {
        const { rule: r, target: t } = this.shown[i];
        let byTarget = this.byRule.get(r);
        if (!byTarget) this.byRule.set(r, (byTarget = new Map()));
        byTarget.set(t, this.entries[i]);
      }
    }
    return this.byRule.get(rule)?.get(target);
  }

  /** Notes a shown finding and its entry, after those noted before. */
  noteFinding(finding: Finding, entry: FindingEntry): void {
    this.shown.push(finding);
    this.entries.push(entry);
  }
}
