import { Range } from '../text/range';

/**
 * The syntax tree of one file: what was written, with a range on every node and every name.
 * Nothing here is resolved; the linker (model/) gives it meaning.
 */

/** A name as written: a declared ID or a reference to one. */
export interface Name {
  readonly text: string;
  readonly range: Range;
}

export type Value = StringValue | NumberValue | BooleanValue | NameValue | ListValue | ExpressionValue;

export interface StringValue {
  readonly type: 'string';
  readonly value: string;
  /** `"""..."""` rather than `"..."`; the formatter keeps the form. */
  readonly block: boolean;
  readonly range: Range;
}

export interface NumberValue {
  readonly type: 'number';
  readonly value: number;
  readonly text: string;
  readonly range: Range;
}

export interface BooleanValue {
  readonly type: 'boolean';
  readonly value: boolean;
  readonly range: Range;
}

/** A bare identifier: an enum value (`restricted`) or a reference (`phi`). */
export interface NameValue {
  readonly type: 'name';
  readonly value: string;
  readonly range: Range;
}

export interface ListValue {
  readonly type: 'list';
  readonly items: readonly Value[];
  readonly range: Range;
}

/** A `when:` expression of a custom rule. */
export interface ExpressionValue {
  readonly type: 'expression';
  readonly expression: Expression;
  readonly range: Range;
}

export type Expression = BinaryExpression | NotExpression | CallExpression | PathExpression | LiteralExpression;

export type BinaryOperator = 'and' | 'or' | '==' | '!=' | '<' | '>' | '<=' | '>=';

export interface BinaryExpression {
  readonly type: 'binary';
  readonly operator: BinaryOperator;
  readonly left: Expression;
  readonly right: Expression;
  readonly range: Range;
}

export interface NotExpression {
  readonly type: 'not';
  readonly operand: Expression;
  readonly range: Range;
}

/** `holds(phi)`, `crosses_boundary()`. */
export interface CallExpression {
  readonly type: 'call';
  readonly callee: Name;
  readonly args: readonly Expression[];
  readonly range: Range;
}

/** A property name or a dotted path: `tech`, `source.trust`. */
export interface PathExpression {
  readonly type: 'path';
  readonly segments: readonly Name[];
  readonly range: Range;
}

export interface LiteralExpression {
  readonly type: 'literal';
  readonly value: string | number | boolean;
  readonly range: Range;
}

export interface Property {
  readonly type: 'property';
  readonly key: Name;
  /** Absent when the parser recovered from a missing value. */
  readonly value: Value | undefined;
  readonly range: Range;
}

export type ElementKind = 'actor' | 'external' | 'process' | 'store';
export const elementKinds: readonly ElementKind[] = ['actor', 'external', 'process', 'store'];

interface DeclarationBase {
  readonly range: Range;
  /** Properties in written order (duplicates kept so they can be reported). */
  readonly properties: Property[];
  /** Declarations nested in the body. */
  readonly children: Declaration[];
  readonly label: StringValue | undefined;
  /** Where the `{ ... }` body is, when there is one (folding, formatting). */
  bodyRange: Range | undefined;
}

export interface ModelDeclaration extends DeclarationBase {
  readonly type: 'model';
}

export interface ImportDeclaration {
  readonly type: 'import';
  readonly path: StringValue | undefined;
  readonly range: Range;
}

export interface DataDeclaration extends DeclarationBase {
  readonly type: 'data';
  readonly id: Name | undefined;
}

export interface ElementDeclaration extends DeclarationBase {
  readonly type: 'element';
  readonly kind: ElementKind;
  readonly id: Name | undefined;
}

export interface BoundaryDeclaration extends DeclarationBase {
  readonly type: 'boundary';
  readonly id: Name | undefined;
}

export interface FlowDeclaration extends DeclarationBase {
  readonly type: 'flow';
  /** The written ID, absent for an anonymous flow. */
  readonly id: Name | undefined;
  readonly source: Name | undefined;
  readonly target: Name | undefined;
  readonly twoWay: boolean;
  readonly arrowRange: Range | undefined;
}

export interface ThreatDeclaration extends DeclarationBase {
  readonly type: 'threat';
  readonly id: Name | undefined;
}

/** `mitigate` or `accept`: both name a rule or threat and a target. */
export interface ResponseDeclaration extends DeclarationBase {
  readonly type: 'mitigate' | 'accept';
  readonly ruleOrThreat: Name | undefined;
}

export interface RuleDeclaration extends DeclarationBase {
  readonly type: 'rule';
  readonly id: Name | undefined;
}

export type Declaration =
  | ModelDeclaration
  | ImportDeclaration
  | DataDeclaration
  | ElementDeclaration
  | BoundaryDeclaration
  | FlowDeclaration
  | ThreatDeclaration
  | ResponseDeclaration
  | RuleDeclaration;

/** Declarations that carry an ID of their own in the model's one namespace. */
export type IdentifiedDeclaration = DataDeclaration | ElementDeclaration | BoundaryDeclaration | FlowDeclaration | ThreatDeclaration | RuleDeclaration;

/** A comment, kept for the formatter and folding. */
export interface Comment {
  readonly text: string;
  readonly block: boolean;
  readonly range: Range;
}

/** One parsed file. */
export interface MoatFile {
  readonly uri: string;
  readonly declarations: readonly Declaration[];
  readonly comments: readonly Comment[];
}
