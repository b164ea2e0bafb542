import { severityInContext } from '../facts';
import { BuiltInRule } from '../rule';

/** Information disclosure: data reaching someone who should not read it. */
export const informationDisclosureRules: readonly BuiltInRule[] = [
  {
    id: 'unencrypted-communication',
    category: 'information_disclosure',
    appliesTo: ['flow'],
    severity: 'medium',
    escalation: 'one step for restricted data (confidential data raises low-level rules only), one more when it enters a more trusted zone from an untrusted source',
    title: 'Data sent unencrypted',
    description:
      'The flow is not encrypted in transit (declared `encrypted: false`, or a plain-text protocol such as http, ftp or telnet). Anyone on the network path can read and alter what it carries, including credentials and session tokens.',
    mitigation: 'Use TLS 1.2+ (https, grpcs, mTLS in a service mesh) or an encrypted tunnel, and declare `encrypted: true` or the encrypting protocol on the flow.',
    cwe: [319],
    capec: [157, 117],
    references: ['OWASP ASVS 4.0.3 V9.1', 'NIST SP 800-53 SC-8', 'OWASP Top 10 2021 A02'],
    compliance: { hipaa: ['164.312(e)(1)', '164.312(e)(2)(ii)'], 'pci-dss': ['4.2.1'], gdpr: ['Art. 32(1)(a)'] },
    fix: { property: 'encrypted', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'flow' || subject.flow.encrypted !== false) return undefined;
      const { flow, direction } = subject;
      const sensitive = facts.dataAtLeast(flow.data, 'confidential');
      const { severity, reasons } = severityInContext('medium', {
        restrictedData: facts.classificationOf(flow.data) === 'restricted',
        confidentialData: sensitive.length > 0,
        entersTrustedFromUntrusted: facts.fromUntrusted(direction) && facts.entersMoreTrusted(direction),
      });
      const what = flow.data.length ? facts.dataNames(flow.data) : `\`${flow.id}\``;
      const how = flow.protocol ? `over ${flow.protocol}` : 'with encryption off';
      const message = facts.crossesBoundary(direction)
        ? `${what} crosses boundary ${facts.describeCrossing(direction)} unencrypted (${flow.protocol ?? 'encrypted: false'})`
        : `${what} travels ${direction.source} -> ${direction.target} unencrypted ${how}`;
      return { message, severity, reasons, related: facts.boundariesCrossed(direction) };
    },
  },
];
