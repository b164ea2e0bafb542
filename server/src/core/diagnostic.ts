import { Range } from './text/range';

export type DiagnosticSeverity = 'error' | 'warning' | 'information' | 'hint';

/** Another place that explains a diagnostic (the first declaration of a duplicate, the boundary crossed). */
export interface RelatedLocation {
  readonly uri: string;
  readonly range: Range;
  readonly message: string;
}

/** A problem in a model file, found by any stage; the shells only render these. */
export interface Diagnostic {
  readonly uri: string;
  readonly range: Range;
  readonly severity: DiagnosticSeverity;
  /** Stable machine-readable id: `syntax`, `unknown-reference`, a rule id, ... */
  readonly code: string;
  readonly message: string;
  readonly related?: readonly RelatedLocation[];
  /** Replacement texts a quick fix may offer ("did you mean"). */
  readonly suggestions?: readonly string[];
  /** For a finding shown as a diagnostic: its `RULE-ID@TARGET-ID`. */
  readonly findingId?: string;
}

/** Diagnostic codes of the language itself (rules add their own ids). */
export const DiagnosticCode = {
  syntax: 'syntax',
  invalidText: 'invalid-text',
  tooLarge: 'file-too-large',
  tooDeep: 'nesting-too-deep',
  unknownReference: 'unknown-reference',
  wrongReferenceKind: 'wrong-reference-kind',
  duplicateId: 'duplicate-id',
  selfFlow: 'self-flow',
  unknownProperty: 'unknown-property',
  propertyNotAllowed: 'property-not-allowed',
  badEnumValue: 'bad-enum-value',
  wrongValueType: 'wrong-value-type',
  duplicateProperty: 'duplicate-property',
  secondModel: 'second-model',
  emptyBoundary: 'empty-boundary',
  misplacedDeclaration: 'misplaced-declaration',
  importMissing: 'import-missing',
  importCycle: 'import-cycle',
  importOutside: 'import-outside-workspace',
  missingTarget: 'missing-target',
  unknownRule: 'unknown-rule',
  nothingToMitigate: 'nothing-to-mitigate',
  ruleOff: 'rule-off',
  expiredAcceptance: 'expired-acceptance',
  expressionError: 'expression-error',
} as const;

const severityOrder: Record<DiagnosticSeverity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/** Orders diagnostics by file, then position, then severity, so every shell prints them alike. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.uri !== b.uri) return a.uri < b.uri ? -1 : 1;
  if (a.range.start.line !== b.range.start.line) return a.range.start.line - b.range.start.line;
  if (a.range.start.character !== b.range.start.character) return a.range.start.character - b.range.start.character;
  return severityOrder[a.severity] - severityOrder[b.severity];
}
