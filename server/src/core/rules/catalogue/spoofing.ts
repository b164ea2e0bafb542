import { severityInContext } from '../facts';
import { BuiltInRule } from '../rule';

/** Spoofing: pretending to be someone or something else. */
export const spoofingRules: readonly BuiltInRule[] = [
  {
    id: 'missing-authentication',
    category: 'spoofing',
    appliesTo: ['process'],
    severity: 'high',
    escalation: 'critical when it handles or receives restricted data',
    title: 'Process accepts calls across a boundary without authentication',
    description:
      'The process receives flows from another trust zone (or from people and external systems) but does not declare `authenticates: true`. Any caller that can reach it can act as any other.',
    mitigation: 'Authenticate every caller (OIDC/OAuth2 tokens for people, mTLS or signed tokens for services) and declare `authenticates: true`.',
    cwe: [306],
    capec: [115, 151],
    references: ['OWASP ASVS 4.0.3 V2', 'NIST SP 800-53 IA-2, IA-9', 'OWASP Top 10 2021 A07'],
    compliance: { hipaa: ['164.312(d)'], 'pci-dss': ['8.2.1', '8.3.1'], gdpr: ['Art. 32(1)(b)'] },
    fix: { property: 'authenticates', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'element' || facts.flag(subject.element, 'authenticates') === true) return undefined;
      const element = subject.element;
      const crossing = facts.flowsInto(element.id).filter((d) => facts.crossesBoundary(d) || facts.fromUntrusted(d));
      if (crossing.length === 0) return undefined;
      const data = [...element.handles, ...crossing.flatMap((d) => d.flow.data)];
      const { severity, reasons } = severityInContext('high', { restrictedData: facts.classificationOf(data) === 'restricted' });
      const sources = [...new Set(crossing.map((d) => d.source))];
      return { message: `${element.id} accepts calls from ${sources.join(', ')} without authenticating them`, severity, reasons, related: sources };
    },
  },
];
