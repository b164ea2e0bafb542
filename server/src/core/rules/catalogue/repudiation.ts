import { declares, reminder } from './reminder';
import { ModelFacts, raiseSeverity, severityInContext } from '../facts';
import { say } from '../message';
import { BuiltInRule } from '../rule';

/** Regulated data among these: restricted, or tagged phi / pci / pii. */
function regulatedData(dataIds: readonly string[], facts: ModelFacts): string[] {
  return dataIds.filter((id) => facts.dataIsAtLeast(id, 'restricted') || ['phi', 'pci', 'pii'].some((tag) => facts.dataTagged(id, tag)));
}

/** The frameworks the model declares that make the regulated data's audit trail mandatory. */
function auditMandates(dataIds: readonly string[], facts: ModelFacts): string[] {
  const declared = facts.model.info?.compliance ?? [];
  const out: string[] = [];
  if (declared.includes('hipaa') && facts.tagged(dataIds, 'phi')) out.push('hipaa');
  if (declared.includes('pci-dss') && facts.tagged(dataIds, 'pci')) out.push('pci-dss');
  if (declared.includes('gdpr') && facts.tagged(dataIds, 'pii')) out.push('gdpr');
  return out;
}

const unique = (ids: readonly string[]): string[] => [...new Set(ids)];

/** Repudiation: acting without leaving evidence of who did what. */
export const repudiationRules: readonly BuiltInRule[] = [
  {
    id: 'missing-audit-log',
    category: 'repudiation',
    appliesTo: ['process'],
    severity: 'medium',
    escalation: 'high when the data it handles is restricted',
    title: 'Process handles sensitive data without an audit log',
    description:
      'The process handles confidential or restricted data and does not declare `logs: true`. When a record is read, changed or deleted there is no trail of who did it and when, so a user or an insider can deny the action and an incident cannot be reconstructed.',
    mitigation:
      'Record security-relevant events (who, what, which record, when, from where, outcome) to a central, append-only log, and declare `logs: true`.',
    cwe: [778, 223],
    capec: [268],
    references: ['OWASP ASVS 4.0.3 V7.1, V7.2', 'NIST SP 800-53 AU-2, AU-3, AU-12', 'OWASP Top 10 2021 A09'],
    compliance: { hipaa: ['164.312(b)', '164.308(a)(1)(ii)(D)'], 'pci-dss': ['10.2.1', '10.2.2'], gdpr: ['Art. 5(2)', 'Art. 30'] },
    fix: { property: 'logs', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'element' || facts.flag(subject.element, 'logs') === true) return undefined;
      const process = subject.element;
      // Privileged processes are covered by `unlogged-privileged-process`.
      if (facts.flag(process, 'privileged') === true) return undefined;
      const sensitive = facts.dataAtLeast(process.handles, 'confidential');
      if (sensitive.length === 0) return undefined;
      const { severity, reasons } = severityInContext('medium', { restrictedData: facts.classificationOf(sensitive) === 'restricted' });
      return { message: say`${process.id} handles ${facts.dataNames(sensitive)} without keeping an audit log`, severity, reasons };
    },
  },
  {
    id: 'unlogged-actor-requests',
    category: 'repudiation',
    appliesTo: ['process'],
    severity: 'low',
    escalation: 'medium when a person reaches it from outside every boundary',
    title: 'Requests from people are not logged',
    description:
      'People call the process directly and it does not declare `logs: true`. Their actions (sign-ins, changes, approvals) leave no record, so a user can deny having made a change and abuse goes unnoticed.',
    mitigation: 'Log each user action with the authenticated identity, time, source address and outcome to a central log, and declare `logs: true`.',
    cwe: [778],
    capec: [268],
    references: ['OWASP ASVS 4.0.3 V7.1.3, V7.2.1', 'NIST SP 800-53 AU-2, AU-3', 'OWASP Top 10 2021 A09'],
    compliance: { hipaa: ['164.312(b)'], 'pci-dss': ['10.2.1', '10.2.2'], gdpr: ['Art. 5(2)'] },
    fix: { property: 'logs', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'element' || facts.flag(subject.element, 'logs') === true) return undefined;
      const process = subject.element;
      // Sensitive-data and privileged processes are covered by `missing-audit-log` and `unlogged-privileged-process`.
      if (facts.flag(process, 'privileged') === true || facts.hasDataAtLeast(process.handles, 'confidential')) return undefined;
      const fromPeople = facts.flowsInto(process.id).filter((d) => facts.sourceOf(d).kind === 'actor');
      if (fromPeople.length === 0) return undefined;
      const actors = unique(fromPeople.map((d) => d.source));
      const outside = fromPeople.some((d) => facts.sourceOf(d).boundary === undefined);
      return {
        message: say`${process.id} takes requests from ${actors} without logging them`,
        severity: outside ? 'medium' : 'low',
        reasons: outside ? ['reached by people from outside every boundary'] : [],
        related: actors,
      };
    },
  },
  {
    id: 'unlogged-privileged-process',
    category: 'repudiation',
    appliesTo: ['process'],
    severity: 'high',
    escalation: 'critical when people or external systems reach it directly, or it handles restricted data',
    title: 'Administrative actions are not logged',
    description:
      'The process runs with administrator or root rights (`privileged: true`) and does not declare `logs: true`. Configuration changes, account grants and data fixes made through it cannot be attributed, and an attacker who takes it over leaves no trace.',
    mitigation:
      'Log every administrative action with the operator\'s individual identity to a store the operators cannot modify (forwarded in real time to a SIEM), review the log regularly, and declare `logs: true`.',
    cwe: [778, 223],
    capec: [268, 93],
    references: ['OWASP ASVS 4.0.3 V7.1.3, V7.2.2', 'NIST SP 800-53 AU-2, AU-12, AC-6(9)', 'OWASP Top 10 2021 A09'],
    compliance: { hipaa: ['164.312(b)', '164.308(a)(5)(ii)(C)'], 'pci-dss': ['10.2.1.2', '10.2.1.5'], gdpr: ['Art. 5(2)', 'Art. 32(1)(d)'] },
    fix: { property: 'logs', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'element' || facts.flag(subject.element, 'privileged') !== true || facts.flag(subject.element, 'logs') === true) return undefined;
      const process = subject.element;
      const direct = facts.flowsInto(process.id).filter((d) => ['actor', 'external'].includes(facts.sourceOf(d).kind));
      let { severity, reasons } = severityInContext('high', { restrictedData: facts.classificationOf(process.handles) === 'restricted' });
      if (direct.length > 0 && severity !== 'critical') {
        severity = raiseSeverity(severity);
        reasons = [...reasons, 'reached directly by people or external systems'];
      }
      const callers = unique(direct.map((d) => d.source));
      const by = callers.length ? ` (reached by ${callers.join(', ')})` : '';
      return { message: say`privileged process ${process.id}${by} does not log administrative actions`, severity, reasons, related: callers };
    },
  },
  {
    id: 'unlogged-regulated-data-store',
    category: 'repudiation',
    appliesTo: ['store'],
    severity: 'high',
    escalation: 'critical when the model declares the framework that regulates the data (hipaa for phi, pci-dss for pci, gdpr for pii)',
    title: 'Access to regulated data is not logged at the store',
    description:
      'The store holds restricted data, or data tagged phi, pci or pii, and does not declare `logs: true`. Reads and changes made directly at the store (by the application\'s account, a replica, a DBA or an attacker with stolen credentials) leave no record, so who accessed which record cannot be proven.',
    mitigation:
      'Turn on the store\'s own access auditing (database audit logs, object-access logs, CloudTrail data events), ship it to a central append-only log, and declare `logs: true`.',
    cwe: [778, 223],
    capec: [268],
    references: ['OWASP ASVS 4.0.3 V7.1, V7.3', 'NIST SP 800-53 AU-2, AU-9, AU-12', 'OWASP Top 10 2021 A09'],
    compliance: { hipaa: ['164.312(b)', '164.308(a)(1)(ii)(D)'], 'pci-dss': ['10.2.1.1', '10.2.1', '10.3.2'], gdpr: ['Art. 30', 'Art. 32(1)(d)'] },
    fix: { property: 'logs', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'element' || facts.flag(subject.element, 'logs') === true) return undefined;
      const store = subject.element;
      const regulated = regulatedData(store.holds, facts);
      if (regulated.length === 0) return undefined;
      const mandates = auditMandates(regulated, facts);
      return {
        message: say`store ${store.id} holds ${facts.dataNames(regulated)} without access logging`,
        severity: mandates.length ? 'critical' : 'high',
        reasons: mandates.length ? [`the model declares ${mandates.join(', ')}`] : [],
      };
    },
  },
  {
    id: 'unlogged-cross-zone-store-writes',
    category: 'repudiation',
    appliesTo: ['store'],
    severity: 'medium',
    escalation: 'high when an external system or an untrusted-zone component writes to it',
    title: 'Store changed from another zone without logging',
    description:
      'The store holds confidential data, is written by components in other trust zones, and does not declare `logs: true`. When a record is changed or deleted there is no trace of which writer did it, so a compromised or misbehaving component elsewhere can alter data and the change cannot be attributed.',
    mitigation:
      'Enable change auditing at the store (database audit or change-data-capture with the writer\'s identity, object-level access logs), give each writer its own account so entries are attributable, and declare `logs: true`.',
    cwe: [778, 223],
    capec: [268],
    references: ['NIST SP 800-53 AU-2, AU-3, AU-12', 'OWASP ASVS 4.0.3 V7.1.3', 'OWASP Top 10 2021 A09'],
    compliance: { hipaa: ['164.312(b)'], 'pci-dss': ['10.2.1', '10.2.2'], gdpr: ['Art. 5(2)', 'Art. 32(1)(d)'] },
    fix: { property: 'logs', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'element' || facts.flag(subject.element, 'logs') === true) return undefined;
      const store = subject.element;
      // Stores of regulated data are covered by `unlogged-regulated-data-store`, people by `direct-store-access-unlogged`.
      if (regulatedData(store.holds, facts).length > 0) return undefined;
      const sensitive = facts.dataAtLeast(store.holds, 'confidential');
      if (sensitive.length === 0) return undefined;
      const writes = facts.flowsInto(store.id).filter((d) => facts.sourceOf(d).kind !== 'actor' && facts.crossesBoundary(d));
      if (writes.length === 0) return undefined;
      const writers = unique(writes.map((d) => d.source));
      const exposed = writes.some((d) => facts.fromUntrusted(d));
      return {
        message: say`store ${store.id} holds ${facts.dataNames(sensitive)} changed by ${writers} from other zones without logging`,
        severity: exposed ? 'high' : 'medium',
        reasons: exposed ? ['written by an external system or from the untrusted zone'] : [],
        related: writers,
      };
    },
  },
  {
    id: 'unlogged-disclosure-to-external',
    category: 'repudiation',
    appliesTo: ['flow'],
    from: ['process'],
    to: ['external'],
    severity: 'medium',
    escalation: 'high for restricted data',
    title: 'Sensitive data sent to a third party without a record of the disclosure',
    description:
      'A process sends confidential or restricted data to an external system and does not declare `logs: true`. There is no record of what was disclosed to whom and when, so the disclosure cannot be accounted for to data subjects or regulators, and the partner can deny having received it.',
    mitigation:
      'Log each disclosure (recipient, data categories, record identifiers, purpose, time, delivery receipt) in the sending process and keep the log for the regulated retention period; declare `logs: true` on the process.',
    cwe: [778],
    capec: [268],
    references: ['NIST SP 800-53 AU-2, AU-10, AC-21', 'OWASP ASVS 4.0.3 V7.1', 'OWASP Top 10 2021 A09'],
    compliance: { hipaa: ['164.528', '164.312(b)'], 'pci-dss': ['10.2.1', '12.8.2'], gdpr: ['Art. 30(1)(d)', 'Art. 28(3)'] },
    check: (subject, facts) => {
      if (subject.kind !== 'flow') return undefined;
      const { flow, direction } = subject;
      const source = facts.sourceOf(direction);
      const target = facts.targetOf(direction);
      if (facts.flag(source, 'logs') === true) return undefined;
      const sensitive = facts.dataAtLeast(flow.data, 'confidential');
      if (sensitive.length === 0) return undefined;
      const { severity, reasons } = severityInContext('medium', { restrictedData: facts.classificationOf(sensitive) === 'restricted' });
      return { message: say`${source.id} sends ${facts.dataNames(sensitive)} to external ${target.id} without logging the disclosure`, severity, reasons, related: [source.id, target.id] };
    },
  },
  {
    id: 'direct-store-access-unlogged',
    category: 'repudiation',
    appliesTo: ['flow'],
    from: ['actor'],
    to: ['store'],
    severity: 'medium',
    escalation: 'high when the store holds or the flow carries confidential data, one step more for restricted data',
    title: 'People access a store directly without it logging their actions',
    description:
      'A person (an operator, analyst or DBA) connects to a store directly, bypassing the application and its audit trail, and the store does not declare `logs: true`. Queries and edits made this way leave no record of who made them.',
    mitigation:
      'Enable the store\'s native audit logging for direct sessions with individual named accounts (no shared logins), record the sessions through a bastion, and declare `logs: true` on the store.',
    cwe: [778, 223],
    capec: [268],
    references: ['NIST SP 800-53 AU-2, AU-12, AC-6(9)', 'OWASP ASVS 4.0.3 V7.1', 'CIS Controls v8 8.2'],
    compliance: { hipaa: ['164.312(b)'], 'pci-dss': ['10.2.1', '10.2.1.2'], gdpr: ['Art. 32(1)(d)'] },
    check: (subject, facts) => {
      if (subject.kind !== 'flow') return undefined;
      const { flow, direction } = subject;
      const actor = facts.sourceOf(direction);
      const store = facts.targetOf(direction);
      if (facts.flag(store, 'logs') === true) return undefined;
      const data = [...store.holds, ...flow.data];
      const sensitive = facts.hasDataAtLeast(data, 'confidential');
      const { severity, reasons: context } = severityInContext(sensitive ? 'high' : 'medium', { restrictedData: facts.classificationOf(data) === 'restricted' });
      const reasons = sensitive && facts.classificationOf(data) !== 'restricted' ? [...context, 'confidential data'] : context;
      return { message: say`actor ${actor.id} works on store ${store.id} directly and ${store.id} keeps no log of it`, severity, reasons, related: [actor.id, store.id] };
    },
  },
  {
    id: 'unlogged-external-input',
    category: 'repudiation',
    appliesTo: ['flow'],
    from: ['external'],
    to: ['process'],
    severity: 'low',
    escalation: 'medium when the flow carries confidential data, high for restricted data',
    title: 'Calls from an external system are not recorded',
    description:
      'An external system (partner API, webhook, payment or lab callback) sends into a process that does not declare `logs: true`. When the partner later disputes what it sent (an order, a payment confirmation, a result), there is no record of the request, its time or its content to settle it.',
    mitigation:
      'Record each inbound call with the partner\'s verified identity, a request identifier, a hash of the body and the time, keep the partner\'s signature where there is one, and declare `logs: true` on the receiving process.',
    cwe: [778],
    capec: [268],
    references: ['NIST SP 800-53 AU-2, AU-3, AU-10', 'OWASP ASVS 4.0.3 V7.1', 'OWASP Top 10 2021 A09'],
    compliance: { hipaa: ['164.312(b)'], 'pci-dss': ['10.2.1', '10.2.2'], gdpr: ['Art. 5(2)', 'Art. 28(3)(h)'] },
    fix: { property: 'logs', value: true, on: 'flow-target' },
    check: (subject, facts) => {
      if (subject.kind !== 'flow') return undefined;
      const { flow, direction } = subject;
      const source = facts.sourceOf(direction);
      const target = facts.targetOf(direction);
      if (facts.flag(target, 'logs') === true) return undefined;
      const classification = facts.classificationOf(flow.data);
      const severity = classification === 'restricted' ? 'high' : classification === 'confidential' ? 'medium' : 'low';
      return {
        message: say`${target.id} keeps no record of what external ${source.id} sends it`,
        severity,
        reasons: severity === 'low' ? [] : [`${classification} data`],
        related: [source.id, target.id],
      };
    },
  },
  // The STRIDE-per-element checklist (`checklist: true` on `model`): questions without evidence.
  reminder({
    id: 'stride-repudiation-actor',
    category: 'repudiation',
    appliesTo: ['actor'],
    title: 'Checklist: could this person deny what they did?',
    description:
      'Nothing in the model shows that what this person does is recorded in a way they cannot dispute: who acted, on what, when, and from where.',
    mitigation:
      'Record the person\'s security-relevant actions where they enter the system (`logs: true` on the process they reach), keep the log out of their reach, and record the decision with `mitigate` or `accept`.',
    cwe: [778, 223],
    capec: [268],
    references: ['OWASP ASVS 4.0.3 V7.1', 'NIST SP 800-53 AU-10'],
    compliance: { hipaa: ['164.312(b)'], 'pci-dss': ['10.2.1'], gdpr: ['Art. 5(2)'] },
    ask: (id) => say`checklist: could ${id} deny what they did? What records their actions?`,
  }),
  reminder({
    id: 'stride-repudiation-external',
    category: 'repudiation',
    appliesTo: ['external'],
    title: 'Checklist: could this external system deny what it sent?',
    description:
      'A dispute with a partner (an order it denies sending, a payment it denies confirming) needs a record of what it sent and proof that it sent it. Nothing in the model shows either.',
    mitigation:
      'Keep what the external system sends with its signature or message ID and the time it arrived (`logs: true` on the process that receives it), and record the decision with `mitigate` or `accept`.',
    cwe: [778, 345],
    capec: [268],
    references: ['OWASP ASVS 4.0.3 V7.1', 'NIST SP 800-53 AU-10'],
    compliance: { hipaa: ['164.312(b)'], 'pci-dss': ['10.2.1'], gdpr: ['Art. 5(2)'] },
    ask: (id) => say`checklist: could external ${id} deny what it sent? What proves it?`,
  }),
  reminder({
    id: 'stride-repudiation-process',
    category: 'repudiation',
    appliesTo: ['process'],
    title: 'Checklist: does this process keep a record of what it does?',
    description:
      'The model does not say whether the process logs security-relevant actions. Without that trail an action can be denied and an incident cannot be reconstructed.',
    mitigation: 'Decide what the process records (who, what, when, outcome) and where the log is kept, and declare `logs: true` or `false`.',
    cwe: [778, 223],
    capec: [268],
    references: ['OWASP ASVS 4.0.3 V7.1, V7.2', 'NIST SP 800-53 AU-2, AU-12'],
    compliance: { hipaa: ['164.312(b)'], 'pci-dss': ['10.2.1', '10.2.2'], gdpr: ['Art. 5(2)', 'Art. 30'] },
    ask: (id) => say`checklist: does ${id} record who did what? Answer with logs: true or false`,
    decided: declares('logs'),
  }),
  reminder({
    id: 'stride-repudiation-store',
    category: 'repudiation',
    appliesTo: ['store'],
    title: 'Checklist: does this store keep a record of who read or changed it?',
    description:
      'The model does not say whether access to the store is logged. A read of sensitive records or a quiet change leaves no trace to investigate.',
    mitigation: 'Decide whether access is logged (database audit logs, object-access logs) and where, and declare `logs: true` or `false`.',
    cwe: [778, 223],
    capec: [268],
    references: ['OWASP ASVS 4.0.3 V7.1', 'NIST SP 800-53 AU-2, AU-12'],
    compliance: { hipaa: ['164.312(b)'], 'pci-dss': ['10.2.1', '10.2.2'], gdpr: ['Art. 5(2)', 'Art. 30'] },
    ask: (id) => say`checklist: does ${id} record who read or changed it? Answer with logs: true or false`,
    decided: declares('logs'),
  }),
];
