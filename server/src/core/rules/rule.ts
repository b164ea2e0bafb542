import type { DataFlow, DirectedFlow, Element, ElementKind, Severity, StrideCategory } from '../model/threat-model';
import type { ModelFacts } from './facts';
import type { FindingText } from './message';

/** What a built-in rule looks at: one element, or one direction of a flow. */
export type RuleSubject = { readonly kind: 'element'; readonly element: Element } | { readonly kind: 'flow'; readonly flow: DataFlow; readonly direction: DirectedFlow };

/** What a rule found on one subject: the concrete sentence, and why the severity is what it is. */
export interface Evidence {
  /** Names the concrete elements involved: "PHI crosses dmz -> cloud over http" (a `say` template for a built-in rule). */
  readonly message: FindingText;
  /** Raised (never lowered) from the rule's default by context; absent keeps the default. */
  readonly severity?: Severity;
  /** Why the severity was raised ("restricted data", "enters a more trusted zone"). */
  readonly reasons?: readonly string[];
  /** Other elements or flows the finding involves (the source of a flow, the boundary crossed). */
  readonly related?: readonly string[];
}

/** A compliance mapping: the framework's own section numbers. */
export interface ComplianceRefs {
  readonly hipaa?: readonly string[];
  readonly 'pci-dss'?: readonly string[];
  readonly gdpr?: readonly string[];
}

/** A property assignment that makes a rule's finding go away. */
export interface PropertyFix {
  readonly property: string;
  readonly value: boolean;
  /** Where it is written when not on the finding's own declaration. */
  readonly on?: 'flow-target';
}

/**
 * A built-in STRIDE rule. Rules are data: a record with one `check` function over the linked
 * model's facts. Adding a rule is adding a record to its category's file and two tests.
 */
export interface BuiltInRule {
  /** kebab-case, stable: it is part of finding IDs (`rule@target`) and of `mitigate`/`accept`. */
  readonly id: string;
  readonly category: StrideCategory;
  readonly appliesTo: readonly (ElementKind | 'flow')[];
  /**
   * For a flow rule, the kinds of element a direction must leave (`from`) and reach (`to`) for the
   * rule to look at it; absent, any kind. The engine skips other directions without calling `check`.
   */
  readonly from?: readonly ElementKind[];
  readonly to?: readonly ElementKind[];
  /**
   * The technology the rule looks for, when it can fire only on an element or flow that names it
   * (in `tech`, a tag, or a flow's `protocol`). The engine skips the rule on a model that names none:
   * most models use a few technologies, and most technology rules are about others.
   */
  readonly technology?: RegExp;
  /** The severity with no aggravating context. */
  readonly severity: Severity;
  /** How context raises the severity, in words, for the catalogue. */
  readonly escalation: string;
  readonly title: string;
  readonly description: string;
  readonly mitigation: string;
  readonly cwe: readonly number[];
  readonly capec: readonly number[];
  /** OWASP, NIST 800-53, ASVS references. */
  readonly references: readonly string[];
  readonly compliance: ComplianceRefs;
  /**
   * The property assignment that fixes the finding, when there is one (offered as a quick fix): on
   * the finding's own declaration, or with `on: 'flow-target'` on the element a flow delivers to.
   */
  readonly fix?: PropertyFix;
  /** A generic STRIDE-per-element reminder without evidence: only reported in checklist mode. */
  readonly checklist?: boolean;
  /** Returns evidence when the rule fires on the subject, undefined otherwise. */
  readonly check: (subject: RuleSubject, facts: ModelFacts) => Evidence | undefined;
}

/** What the engine needs to run a rule: a built-in record, or a custom `rule` compiled to the same shape. */
export type RunnableRule = Pick<BuiltInRule, 'id' | 'appliesTo' | 'from' | 'to' | 'technology' | 'severity' | 'title' | 'description' | 'mitigation' | 'cwe' | 'capec' | 'references' | 'compliance' | 'checklist' | 'check'> & {
  readonly category: StrideCategory | undefined;
};
