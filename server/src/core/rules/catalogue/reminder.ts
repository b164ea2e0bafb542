import type { DataFlow, Element } from '../../model/threat-model';
import type { ModelFacts } from '../facts';
import type { Message } from '../message';
import type { BuiltInRule } from '../rule';

/** A checklist reminder: the reference fields every rule has (its references after the one all share), and its question. */
export interface ReminderRecord extends Pick<BuiltInRule, 'id' | 'category' | 'appliesTo' | 'title' | 'description' | 'mitigation' | 'cwe' | 'capec' | 'references' | 'compliance'> {
  /** The question, naming the element or flow. */
  readonly ask: (id: string) => Message;
  /**
   * Whether the model already says how the element or flow stands on this threat (the property
   * that answers it is written, true or false): then the evidence rules judge it, and there is
   * nothing left to ask. Absent: no property answers it, and the question is always asked.
   */
  readonly decided?: (target: Element | DataFlow, facts: ModelFacts) => boolean;
}

/**
 * A generic STRIDE-per-element reminder (Microsoft's threat modelling tool asks the same
 * questions): a question about every element of a kind, with no evidence in the model. Reported
 * only when the model asks for the checklist (`checklist: true` on `model`), at information level.
 */
export function reminder(record: ReminderRecord): BuiltInRule {
  const { ask, decided, ...fields } = record;
  return {
    ...fields,
    references: [strideReference, ...fields.references],
    severity: 'low',
    escalation: 'never raised: a question to answer, not a finding with evidence (information level)',
    checklist: true,
    check: (subject, facts) => {
      const target = subject.kind === 'element' ? subject.element : subject.flow;
      if (decided?.(target, facts)) return undefined;
      return { message: ask(target.id) };
    },
  };
}

/** Where every question of the checklist comes from, first among its references. */
const strideReference = 'Microsoft Threat Modeling Tool: STRIDE per element';

/** Whether a boolean property is written on the element or flow, true or false. */
export function declares(property: string): (target: Element | DataFlow, facts: ModelFacts) => boolean {
  return (target, facts) => facts.flag(target, property) !== undefined;
}

/** Whether a flow's encryption in transit is known: written, or told by its protocol. */
export function encryptionKnown(target: Element | DataFlow): boolean {
  return (target as DataFlow).encrypted !== undefined;
}
