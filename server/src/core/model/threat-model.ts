import type { ElementKind, Expression } from '../syntax/ast';
import type { Range } from '../text/range';

/**
 * The linked model: every name resolved, the boundary tree built, two-way flows expanded.
 * Every later stage (rules, diagram, exports) reads this and nothing before it. Immutable:
 * an edit builds a new one.
 */

export type { ElementKind };

export const trustLevels = ['untrusted', 'low', 'medium', 'high'] as const;
export type Trust = (typeof trustLevels)[number];

export const classifications = ['public', 'internal', 'confidential', 'restricted'] as const;
export type Classification = (typeof classifications)[number];

export const severities = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof severities)[number];

export const strideCategories = ['spoofing', 'tampering', 'repudiation', 'information_disclosure', 'denial_of_service', 'elevation_of_privilege'] as const;
export type StrideCategory = (typeof strideCategories)[number];

export const mitigationStatuses = ['planned', 'implemented', 'verified'] as const;
export type MitigationStatus = (typeof mitigationStatuses)[number];

/** What a rule or threat can be about. */
export type TargetKind = ElementKind | 'flow' | 'boundary' | 'data';

/** Where a declaration is written. */
export interface SourceLocation {
  readonly uri: string;
  /** The whole declaration. */
  readonly range: Range;
  /** The declared name (or, for an anonymous flow, its arrow). */
  readonly nameRange: Range;
}

/** A property value after type checking, as rules and custom `when` expressions see it. */
export type PropertyValue = string | number | boolean | readonly string[];

export interface ModelInfo {
  readonly title: string;
  readonly version: string | undefined;
  readonly owner: string | undefined;
  readonly description: string | undefined;
  readonly compliance: readonly string[];
  /** Built-in rules switched off for this model (`rules_off: [...]`), so the CLI and the editor agree. */
  readonly rulesOff: readonly string[];
  /** Also report generic STRIDE-per-element reminders (`checklist: true`), at information level. */
  readonly checklist: boolean;
  readonly location: SourceLocation;
}

export interface DataAsset {
  readonly id: string;
  readonly label: string;
  readonly classification: Classification;
  readonly tags: readonly string[];
  readonly description: string | undefined;
  readonly location: SourceLocation;
}

/** An actor, external, process or store: a node of the data-flow diagram. */
export interface Element {
  readonly id: string;
  readonly kind: ElementKind;
  readonly label: string;
  /** Innermost boundary, or undefined in the implicit untrusted zone outside every boundary. */
  readonly boundary: string | undefined;
  /** Boundary IDs from the outermost to the innermost. */
  readonly boundaryPath: readonly string[];
  /** Trust of the zone the element sits in (`untrusted` outside every boundary). */
  readonly trust: Trust;
  /** Every declared property, type-checked (unknown ones left out). */
  readonly properties: ReadonlyMap<string, PropertyValue>;
  readonly tags: readonly string[];
  readonly tech: string | undefined;
  readonly description: string | undefined;
  /** `code:` links as written (`path#Symbol`). */
  readonly code: readonly string[];
  /** Data assets stored (stores) or processed (processes). */
  readonly holds: readonly string[];
  readonly handles: readonly string[];
  readonly location: SourceLocation;
}

export interface TrustBoundary {
  readonly id: string;
  readonly label: string;
  readonly parent: string | undefined;
  readonly boundaryPath: readonly string[];
  /** Declared trust, or the parent's when not declared (top level: `medium`). */
  readonly trust: Trust;
  readonly trustDeclared: boolean;
  /** Elements and boundaries directly inside, in written order. */
  readonly elements: readonly string[];
  readonly boundaries: readonly string[];
  readonly properties: ReadonlyMap<string, PropertyValue>;
  readonly location: SourceLocation;
}

export interface DataFlow {
  /** The written ID, or a generated stable one: `src->dst`, `src->dst#2`. */
  readonly id: string;
  readonly generatedId: boolean;
  readonly source: string;
  readonly target: string;
  readonly twoWay: boolean;
  readonly label: string;
  readonly protocol: string | undefined;
  /** In transit: declared, else inferred from the protocol, else unknown. */
  readonly encrypted: boolean | undefined;
  readonly encryptionInferred: boolean;
  readonly authenticated: boolean | undefined;
  readonly data: readonly string[];
  readonly properties: ReadonlyMap<string, PropertyValue>;
  readonly location: SourceLocation;
}

/** One direction of a flow: a two-way flow gives two, so rules check both. */
export interface DirectedFlow {
  readonly flow: DataFlow;
  readonly source: string;
  readonly target: string;
  readonly reversed: boolean;
}

/** A threat written by hand with `threat`. */
export interface ManualThreat {
  readonly id: string;
  readonly title: string;
  readonly category: StrideCategory | undefined;
  readonly severity: Severity;
  readonly targets: readonly string[];
  readonly cwe: readonly number[];
  readonly capec: readonly number[];
  readonly description: string | undefined;
  readonly location: SourceLocation;
}

/** A `mitigate` or `accept`: a response to a rule's or threat's finding on some targets. */
export interface RiskResponse {
  readonly kind: 'mitigate' | 'accept';
  /** The rule or threat ID it answers. */
  readonly ruleOrThreat: string;
  /** Whether `ruleOrThreat` names a manual threat (else it should name a rule). */
  readonly isThreat: boolean;
  readonly targets: readonly string[];
  /** The label: how it is mitigated, or why it is accepted. */
  readonly text: string;
  readonly status: MitigationStatus;
  readonly ref: string | undefined;
  readonly code: readonly string[];
  readonly acceptedBy: string | undefined;
  /** `YYYY-MM-DD` as written, for `accept`. */
  readonly expires: string | undefined;
  readonly location: SourceLocation;
}

/** A `rule` written in the model, evaluated like the built-in ones. */
export interface CustomRule {
  readonly id: string;
  readonly title: string;
  readonly category: StrideCategory | undefined;
  readonly severity: Severity;
  readonly applies: readonly TargetKind[];
  readonly when: Expression | undefined;
  readonly description: string | undefined;
  readonly mitigation: string | undefined;
  readonly cwe: readonly number[];
  readonly capec: readonly number[];
  readonly location: SourceLocation;
}

export type SymbolKind = ElementKind | 'data' | 'boundary' | 'flow' | 'threat' | 'rule';

/** A declared ID of the model's one namespace. */
export interface ModelSymbol {
  readonly id: string;
  readonly kind: SymbolKind;
  readonly location: SourceLocation;
}

/** A name written where a declaration is meant; `target` is undefined when it did not resolve. */
export interface SymbolReference {
  readonly name: string;
  readonly uri: string;
  readonly range: Range;
  readonly target: string | undefined;
  /** What the reference is for: a flow end, a data list, an `on:` target, a mitigation's rule or threat. */
  readonly role: 'flow-end' | 'data' | 'target' | 'rule-or-threat' | 'rule-id';
}

export interface ThreatModel {
  /** The file the model starts from; the others are reached through `import`. */
  readonly rootUri: string;
  readonly files: readonly string[];
  readonly info: ModelInfo | undefined;
  readonly data: ReadonlyMap<string, DataAsset>;
  readonly elements: ReadonlyMap<string, Element>;
  readonly boundaries: ReadonlyMap<string, TrustBoundary>;
  readonly flows: ReadonlyMap<string, DataFlow>;
  readonly directedFlows: readonly DirectedFlow[];
  readonly threats: ReadonlyMap<string, ManualThreat>;
  readonly responses: readonly RiskResponse[];
  readonly rules: ReadonlyMap<string, CustomRule>;
  readonly symbols: ReadonlyMap<string, ModelSymbol>;
  readonly references: readonly SymbolReference[];
}

/** Compares two values of an ordered scale (trust, classification, severity). */
export function rank<T extends string>(scale: readonly T[], value: T): number {
  return scale.indexOf(value);
}
