import { BuiltInRule } from '../rule';

/** Denial of service: making a service or its data unavailable. */
export const denialOfServiceRules: readonly BuiltInRule[] = [
  {
    id: 'missing-rate-limit',
    category: 'denial_of_service',
    appliesTo: ['process'],
    severity: 'medium',
    escalation: 'high when an actor or external system reaches it directly from outside every boundary',
    title: 'No rate limiting on an exposed process',
    description:
      'The process receives requests from an untrusted source (a person, an external system, or the untrusted zone) and does not declare `rate_limited: true`. A single client can exhaust its capacity, or brute-force credentials, with no throttle.',
    mitigation: 'Limit requests per client and per credential (API gateway, WAF or service quotas) and declare `rate_limited: true`.',
    cwe: [770, 307],
    capec: [125, 49],
    references: ['OWASP API Security Top 10 2023 API4', 'OWASP ASVS 4.0.3 V11.1.4', 'NIST SP 800-53 SC-5'],
    compliance: { 'pci-dss': ['6.4.1'], hipaa: ['164.308(a)(7)(i)'] },
    fix: { property: 'rate_limited', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'element' || facts.flag(subject.element, 'rate_limited') === true) return undefined;
      const untrusted = facts.flowsInto(subject.element.id).filter((d) => facts.fromUntrusted(d));
      if (untrusted.length === 0) return undefined;
      const sources = [...new Set(untrusted.map((d) => d.source))];
      const direct = untrusted.some((d) => facts.element(d.source).boundary === undefined);
      return {
        message: `${subject.element.id} takes requests from ${sources.join(', ')} without rate limiting`,
        severity: direct ? 'high' : 'medium',
        reasons: direct ? ['reachable straight from the untrusted zone'] : [],
        related: sources,
      };
    },
  },
];
