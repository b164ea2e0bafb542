import type { Diagnostic, DiagnosticSeverity } from '../diagnostic';
import type { RiskResponse, Severity, SourceLocation, StrideCategory, TargetKind } from '../model/threat-model';
import { FindingText, messageText } from './message';
import type { BuiltInRule } from './rule';
import { plural } from '../text/plural';

export type FindingStatus = 'open' | 'planned' | 'mitigated' | 'accepted';

/** What a finding carries of the record that raised it (a rule's, or a `threat`'s): its reference text and mappings. */
type RecordText = Pick<BuiltInRule, 'title' | 'description' | 'mitigation' | 'cwe' | 'capec' | 'references' | 'compliance'>;

/** The rule or threat that raised a finding, as the finding reads it: shared by all its findings. */
export interface FindingSource extends RecordText {
  readonly id: string;
  readonly category: StrideCategory | undefined;
  readonly checklist?: boolean;
}

/**
 * A threat found on one target: by a built-in rule, a custom `rule`, or a hand-written `threat`.
 *
 * A finding holds its own facts and reads its rule's text through the rule (one reference, not ten
 * copied fields); its ID is written when asked.
 *
 * Made with `new`. They were object literals given this prototype, so that V8 would allocate them
 * straight into long-lived memory, but a literal with a prototype is made by a call into the
 * runtime: six times slower to make than by a constructor, which cost more than the copying saved.
 */
export class Finding {
  constructor(
    /** The rule or threat that raised it. */
    readonly source: FindingSource,
    readonly origin: 'built-in' | 'custom' | 'threat',
    readonly severity: Severity,
    /** Why the severity is above the rule's default. */
    readonly reasons: readonly string[],
    readonly target: string,
    readonly targetKind: TargetKind,
    /** The message as the rule gave it; the sentence once read (see `message`). */
    private text: FindingText,
    readonly related: readonly string[],
    /** The target's declaration: where the finding is shown. */
    readonly location: SourceLocation,
    readonly status: FindingStatus = 'open',
    /** The `mitigate` or `accept` that decided the status, if any. */
    readonly response: RiskResponse | undefined = undefined,
  ) {}

  /**
   * The concrete sentence naming the elements involved. Written from the rule's template when first
   * read and kept: the editor reads the messages it shows, on every publication.
   */
  get message(): string {
    if (typeof this.text === 'string') return this.text;
    return (this.text = messageText(this.text));
  }

  /** `RULE-ID@TARGET-ID`: stable across runs and across edits that do not touch it. */
  get id(): string {
    return `${this.source.id}@${this.target}`;
  }

  get rule(): string {
    return this.source.id;
  }

  get category(): StrideCategory | undefined {
    return this.source.category;
  }

  get title(): string {
    return this.source.title;
  }

  get description(): string {
    return this.source.description;
  }

  get mitigation(): string {
    return this.source.mitigation;
  }

  get cwe(): readonly number[] {
    return this.source.cwe;
  }

  get capec(): readonly number[] {
    return this.source.capec;
  }

  get references(): readonly string[] {
    return this.source.references;
  }

  get compliance(): RecordText['compliance'] {
    return this.source.compliance;
  }

  get checklist(): boolean {
    return this.source.checklist === true;
  }

  /** The same finding with the status a response gave it. */
  answered(status: FindingStatus, response: RiskResponse | undefined): Finding {
    return this.copy(this.location, status, response);
  }

  /** The same finding at its target's new place, answered by the response there (an edit moved both). */
  movedTo(location: SourceLocation, response: RiskResponse | undefined): Finding {
    return this.copy(location, this.status, response);
  }

  private copy(location: SourceLocation, status: FindingStatus, response: RiskResponse | undefined): Finding {
    return new Finding(this.source, this.origin, this.severity, this.reasons, this.target, this.targetKind, this.text, this.related, location, status, response);
  }

  /** Every field, flat, in the order the engine has always written them: what `JSON.stringify` writes of a finding. */
  toJSON(): object {
    return {
      id: this.id,
      rule: this.rule,
      origin: this.origin,
      category: this.category,
      severity: this.severity,
      reasons: this.reasons,
      target: this.target,
      targetKind: this.targetKind,
      title: this.title,
      message: this.message,
      description: this.description,
      mitigation: this.mitigation,
      cwe: this.cwe,
      capec: this.capec,
      references: this.references,
      compliance: this.compliance,
      related: this.related,
      checklist: this.checklist,
      location: this.location,
      status: this.status,
      response: this.response,
    };
  }
}

/** Whether a finding still needs doing: open, or with its mitigation only planned. */
export function isOpen(finding: Finding): boolean {
  return finding.status === 'open' || finding.status === 'planned';
}

/** `2 open questions, 1 answered`: where the checklist's questions stand, as `moat check` and the hover say it. */
export function checklistStanding(questions: readonly Finding[]): string {
  const open = questions.filter(isOpen).length;
  const answered = questions.length - open;
  return `${plural(open, 'open question')}${answered ? `, ${answered} answered` : ''}`;
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
