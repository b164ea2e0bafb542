import type { Diagnostic, DiagnosticSeverity } from '../diagnostic';
import type { RiskResponse, Severity, SourceLocation, StrideCategory, TargetKind } from '../model/threat-model';
import type { BuiltInRule } from './rule';

export type FindingStatus = 'open' | 'planned' | 'mitigated' | 'accepted';

/** What a finding carries of the record that raised it (a rule's, or a `threat`'s): its reference text and mappings. */
type RecordText = Pick<BuiltInRule, 'title' | 'description' | 'mitigation' | 'cwe' | 'capec' | 'references' | 'compliance'>;

/** A threat found on one target: by a built-in rule, a custom `rule`, or a hand-written `threat`. */
export interface Finding extends RecordText {
  /** `RULE-ID@TARGET-ID`: stable across runs and across edits that do not touch it. */
  readonly id: string;
  readonly rule: string;
  readonly origin: 'built-in' | 'custom' | 'threat';
  readonly category: StrideCategory | undefined;
  readonly severity: Severity;
  /** Why the severity is above the rule's default. */
  readonly reasons: readonly string[];
  readonly target: string;
  readonly targetKind: TargetKind;
  /** The concrete sentence naming the elements involved. */
  readonly message: string;
  readonly related: readonly string[];
  readonly checklist: boolean;
  readonly status: FindingStatus;
  /** The `mitigate` or `accept` that decided the status, if any. */
  readonly response: RiskResponse | undefined;
  /** The target's declaration: where the finding is shown. */
  readonly location: SourceLocation;
}

/** How a finding shows in an editor or the CLI: open high/critical warn, the rest inform; closed ones are silent. */
export function findingDiagnostic(finding: Finding): Diagnostic | undefined {
  if (finding.status === 'mitigated' || finding.status === 'accepted') return undefined;
  const severity: DiagnosticSeverity =
    finding.status === 'planned' || finding.checklist ? 'information' : finding.severity === 'critical' || finding.severity === 'high' ? 'warning' : 'information';
  const planned = finding.status === 'planned' ? ' (mitigation planned)' : '';
  return {
    uri: finding.location.uri,
    range: finding.location.nameRange,
    severity,
    code: finding.rule,
    findingId: finding.id,
    message: `${finding.severity}: ${finding.message}${planned}`,
  };
}
