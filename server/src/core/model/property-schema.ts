import { classifications, mitigationStatuses, severities, strideCategories, trustLevels } from './threat-model';

/**
 * Which properties each declaration takes and of what type: one table that drives
 * validation, completion and hover, so they can never disagree.
 */

export type PropertyOwner = 'model' | 'data' | 'actor' | 'external' | 'process' | 'store' | 'boundary' | 'flow' | 'threat' | 'mitigate' | 'accept' | 'rule';

export type PropertyType =
  | { readonly kind: 'string' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'date' }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  /** A list (a single value is accepted as a list of one) of names from an open vocabulary. */
  | { readonly kind: 'names'; readonly known?: readonly string[] }
  /** A list of enum values from a closed set. */
  | { readonly kind: 'enum-list'; readonly values: readonly string[] }
  | { readonly kind: 'strings' }
  | { readonly kind: 'numbers' }
  /** References to declarations of the model. */
  | { readonly kind: 'refs'; readonly to: 'data' | 'target' | 'rule' }
  | { readonly kind: 'expression' };

export interface PropertySpec {
  readonly name: string;
  readonly on: readonly PropertyOwner[];
  readonly type: PropertyType;
  readonly doc: string;
}

const nodes: PropertyOwner[] = ['actor', 'external', 'process', 'store'];
const described: PropertyOwner[] = ['model', 'data', ...nodes, 'boundary', 'flow', 'threat', 'mitigate', 'accept', 'rule'];
const bool = { kind: 'boolean' } as const;
const str = { kind: 'string' } as const;
const numbers = { kind: 'numbers' } as const;

/** Compliance frameworks Moat knows by name; others are accepted with a warning. */
export const knownCompliance = ['hipaa', 'pci-dss', 'gdpr', 'soc2', 'iso27001', 'nist-800-53', 'hitrust', 'fedramp', 'iec-62304', 'fda-premarket'];

/** Kinds a custom rule may apply to. */
export const ruleTargetKinds = ['actor', 'external', 'process', 'store', 'flow'];

export const propertySpecs: readonly PropertySpec[] = [
  { name: 'description', on: described, type: str, doc: 'Free text shown in hovers and reports.' },
  { name: 'owner', on: ['model', 'data', ...nodes, 'boundary', 'flow'], type: str, doc: 'Who answers for it (a team or an address).' },
  { name: 'tags', on: ['data', ...nodes, 'boundary', 'flow'], type: { kind: 'names' }, doc: 'Free labels, usable in custom rules with `tagged(TAG)`.' },
  { name: 'tech', on: [...nodes, 'flow'], type: str, doc: 'The technology: `postgres`, `nginx`, `redis`, ...' },
  { name: 'code', on: [...nodes, 'flow', 'mitigate'], type: { kind: 'strings' }, doc: 'Link(s) to code: `"path/to/file.ext#Symbol.member"`, relative to the model file.' },
  { name: 'version', on: ['model'], type: str, doc: 'The model version.' },
  { name: 'compliance', on: ['model'], type: { kind: 'names', known: knownCompliance }, doc: 'Frameworks the system answers to: hipaa, pci-dss, gdpr, soc2, ...' },
  { name: 'rules_off', on: ['model'], type: { kind: 'refs', to: 'rule' }, doc: 'Built-in rules switched off for this model.' },
  { name: 'checklist', on: ['model'], type: bool, doc: 'Also report generic STRIDE-per-element reminders (information level).' },
  { name: 'classification', on: ['data'], type: { kind: 'enum', values: classifications }, doc: 'public < internal < confidential < restricted (default internal).' },
  { name: 'authenticates', on: ['process', 'store', 'external'], type: bool, doc: 'Verifies who calls it.' },
  { name: 'authorizes', on: ['process', 'store'], type: bool, doc: 'Checks what the caller may do.' },
  { name: 'validates_input', on: ['process'], type: bool, doc: 'Validates and bounds what it receives.' },
  { name: 'sanitizes_output', on: ['process'], type: bool, doc: 'Encodes output for its consumer (HTML, SQL, shell).' },
  { name: 'logs', on: ['process', 'store'], type: bool, doc: 'Keeps an audit log of security-relevant actions.' },
  { name: 'privileged', on: ['process'], type: bool, doc: 'Runs with administrator or root rights.' },
  { name: 'rate_limited', on: ['process'], type: bool, doc: 'Limits requests per client.' },
  { name: 'encrypted', on: ['store', 'flow'], type: bool, doc: 'Stores: encrypted at rest. Flows: encrypted in transit (inferred from the protocol when absent).' },
  { name: 'backups', on: ['store'], type: bool, doc: 'Backed up.' },
  { name: 'holds', on: ['store'], type: { kind: 'refs', to: 'data' }, doc: 'Data assets stored here.' },
  { name: 'handles', on: ['process'], type: { kind: 'refs', to: 'data' }, doc: 'Data assets processed in memory.' },
  { name: 'trust', on: ['boundary'], type: { kind: 'enum', values: trustLevels }, doc: 'untrusted < low < medium < high (default: the enclosing boundary\'s, else medium).' },
  { name: 'protocol', on: ['flow'], type: str, doc: '`https`, `http`, `grpc`, `postgres`, `amqp`, `sftp`, ...' },
  { name: 'authenticated', on: ['flow'], type: bool, doc: 'The receiver verifies the sender on this flow.' },
  { name: 'data', on: ['flow'], type: { kind: 'refs', to: 'data' }, doc: 'Data assets carried.' },
  { name: 'category', on: ['threat', 'rule'], type: { kind: 'enum', values: strideCategories }, doc: 'The STRIDE category.' },
  { name: 'severity', on: ['threat', 'rule'], type: { kind: 'enum', values: severities }, doc: 'low < medium < high < critical.' },
  { name: 'on', on: ['threat', 'mitigate', 'accept'], type: { kind: 'refs', to: 'target' }, doc: 'The elements or flows it is about (default: the enclosing one).' },
  { name: 'cwe', on: ['threat', 'rule'], type: numbers, doc: 'CWE number(s).' },
  { name: 'capec', on: ['threat', 'rule'], type: numbers, doc: 'CAPEC number(s).' },
  { name: 'status', on: ['mitigate'], type: { kind: 'enum', values: mitigationStatuses }, doc: 'planned (default, the finding stays open) | implemented | verified.' },
  { name: 'ref', on: ['mitigate', 'accept'], type: str, doc: 'A ticket or document reference.' },
  { name: 'by', on: ['accept'], type: str, doc: 'Who accepted the risk.' },
  { name: 'expires', on: ['accept'], type: { kind: 'date' }, doc: '`YYYY-MM-DD`; after it the acceptance stops suppressing and is reported.' },
  { name: 'applies', on: ['rule'], type: { kind: 'enum-list', values: ruleTargetKinds }, doc: 'The kinds the rule checks: actor, external, process, store, flow (default: all of them).' },
  { name: 'when', on: ['rule'], type: { kind: 'expression' }, doc: 'The condition, e.g. `holds(phi) and tech == "redis"`.' },
  { name: 'mitigation', on: ['rule'], type: str, doc: 'Advice on how to mitigate.' },
];

const byName = new Map<string, PropertySpec>(propertySpecs.map((spec) => [spec.name, spec]));

/** The spec of a property name, whatever it is on. */
export function propertySpec(name: string): PropertySpec | undefined {
  return byName.get(name);
}

/** The properties a declaration of this kind takes. */
export function propertiesOf(owner: PropertyOwner): PropertySpec[] {
  return propertySpecs.filter((spec) => spec.on.includes(owner));
}
