import { declares, encryptionKnown, reminder } from './reminder';
import { distinctSources, ModelFacts, severityInContext, trustRank } from '../facts';
import { say } from '../message';
import { BuiltInRule } from '../rule';

/** Information disclosure: data reaching someone who should not read it. */
export const informationDisclosureRules: readonly BuiltInRule[] = [
  {
    id: 'unencrypted-communication',
    category: 'information_disclosure',
    appliesTo: ['flow'],
    severity: 'medium',
    escalation: 'one step for restricted data, one more when it enters a more trusted zone from an untrusted source',
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
      const { severity, reasons } = severityInContext('medium', {
        restrictedData: facts.classificationOf(flow.data) === 'restricted',
        confidentialData: facts.hasDataAtLeast(flow.data, 'confidential'),
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
  {
    id: 'unencrypted-store',
    category: 'information_disclosure',
    appliesTo: ['store'],
    severity: 'medium',
    escalation: 'high when the store holds restricted data',
    title: 'Sensitive data stored without encryption at rest',
    description:
      'The store holds confidential or restricted data and does not declare `encrypted: true`. A stolen disk, snapshot or backup, or a misconfigured replica, exposes the data in clear.',
    mitigation: 'Encrypt the store at rest (transparent disk or database encryption with keys in a KMS, or field-level encryption for the most sensitive columns) and declare `encrypted: true`.',
    cwe: [311, 312],
    capec: [37],
    references: ['OWASP ASVS 4.0.3 V6.1.1', 'NIST SP 800-53 SC-28', 'OWASP Top 10 2021 A02'],
    compliance: { hipaa: ['164.312(a)(2)(iv)'], 'pci-dss': ['3.5.1'], gdpr: ['Art. 32(1)(a)'] },
    fix: { property: 'encrypted', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'element' || facts.flag(subject.element, 'encrypted') === true) return undefined;
      const store = subject.element;
      const sensitive = facts.dataAtLeast(store.holds, 'confidential').filter((id) => !isCardData(facts, id));
      if (sensitive.length === 0) return undefined;
      const { severity, reasons } = severityInContext('medium', { restrictedData: facts.classificationOf(sensitive) === 'restricted' });
      return { message: say`${store.id} holds ${facts.dataNames(sensitive)} without encryption at rest`, severity, reasons };
    },
  },
  {
    id: 'cardholder-data-unencrypted-at-rest',
    category: 'information_disclosure',
    appliesTo: ['store'],
    severity: 'high',
    escalation: 'critical when the store is reachable from outside its zone (a flow from another boundary reads or writes it)',
    title: 'Cardholder data stored without encryption',
    description:
      'The store holds data tagged `pci` or `card` (primary account numbers) and does not declare `encrypted: true`. PCI DSS forbids storing PAN in clear; any copy of the store is a card breach.',
    mitigation: 'Do not store PAN at all when a payment token will do; otherwise render it unreadable (strong cryptography with managed keys, truncation or tokenization) and declare `encrypted: true`.',
    cwe: [311, 312],
    capec: [37],
    references: ['OWASP ASVS 4.0.3 V6.2.1', 'NIST SP 800-53 SC-28(1)', 'OWASP Top 10 2021 A02'],
    compliance: { 'pci-dss': ['3.5.1', '3.3.1'], gdpr: ['Art. 32(1)(a)'] },
    fix: { property: 'encrypted', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'element' || facts.flag(subject.element, 'encrypted') === true) return undefined;
      const store = subject.element;
      const cards = store.holds.filter((id) => isCardData(facts, id));
      if (cards.length === 0) return undefined;
      const touching = [...facts.flowsInto(store.id), ...facts.flowsOutOf(store.id)].filter((d) => facts.crossesBoundary(d));
      const exposed = touching.length > 0;
      return {
        message: say`${store.id} holds cardholder data (${facts.dataNames(cards)}) unencrypted`,
        severity: exposed ? 'critical' : 'high',
        reasons: exposed ? ['accessed across a trust boundary'] : [],
        related: [...new Set(touching.map((d) => (d.source === store.id ? d.target : d.source)))],
      };
    },
  },
  {
    id: 'restricted-data-to-external',
    category: 'information_disclosure',
    appliesTo: ['flow'],
    to: ['external'],
    severity: 'high',
    escalation: 'critical when the flow is not known to be encrypted',
    title: 'Restricted data disclosed to a third party',
    description:
      'Restricted data leaves the system for an external system outside the team\'s control. Once there, its protection depends on the third party\'s controls and contract, and a breach on their side is a breach of this data.',
    mitigation: 'Send the third party only what it needs (minimise, pseudonymise or tokenise), put a data-processing agreement in place, and encrypt the transfer.',
    cwe: [200, 359],
    capec: [118],
    references: ['OWASP Top 10 2021 A01', 'OWASP ASVS 4.0.3 V8.3.4', 'NIST SP 800-53 SA-9', 'NIST SP 800-53 AC-21'],
    compliance: { gdpr: ['Art. 28', 'Art. 44'], 'pci-dss': ['12.8.2'], hipaa: ['164.308(b)(1)'] },
    check: (subject, facts) => {
      if (subject.kind !== 'flow') return undefined;
      const { flow, direction } = subject;
      const restricted = facts.dataWithoutTag(facts.dataAtLeast(flow.data, 'restricted'), 'phi');
      if (restricted.length === 0) return undefined;
      const plain = flow.encrypted !== true;
      return {
        message: say`${facts.dataNames(restricted)} flows from ${direction.source} to external ${direction.target}`,
        severity: plain ? 'critical' : 'high',
        reasons: plain ? ['transfer not known to be encrypted'] : [],
        related: [direction.source, direction.target],
      };
    },
  },
  {
    id: 'phi-sent-to-external',
    category: 'information_disclosure',
    appliesTo: ['flow'],
    to: ['external'],
    severity: 'high',
    escalation: 'critical when the flow is not known to be encrypted',
    title: 'Protected health information sent to a third party',
    description:
      'Data tagged `phi` flows to an external system. Under HIPAA the recipient is a business associate: without a business associate agreement and the minimum-necessary rule, this is an impermissible disclosure.',
    mitigation: 'Sign a business associate agreement with the recipient, send only the minimum necessary (or de-identified data), and encrypt the transfer.',
    cwe: [359, 200],
    capec: [118],
    references: ['OWASP Top 10 2021 A01', 'NIST SP 800-53 SA-9', 'NIST SP 800-53 AC-21', 'OWASP ASVS 4.0.3 V8.3.4'],
    compliance: { hipaa: ['164.308(b)(1)', '164.502(b)', '164.312(e)(1)'], gdpr: ['Art. 9', 'Art. 28'] },
    check: (subject, facts) => {
      if (subject.kind !== 'flow') return undefined;
      const { flow, direction } = subject;
      const phi = facts.dataWithTag(flow.data, 'phi');
      if (phi.length === 0) return undefined;
      const plain = flow.encrypted !== true;
      return {
        message: say`PHI (${facts.dataNames(phi)}) flows from ${direction.source} to external ${direction.target}`,
        severity: plain ? 'critical' : 'high',
        reasons: plain ? ['transfer not known to be encrypted'] : [],
        related: [direction.source, direction.target],
      };
    },
  },
  {
    id: 'secret-to-less-trusted-zone',
    category: 'information_disclosure',
    appliesTo: ['flow'],
    severity: 'high',
    escalation: 'critical when the destination is an actor, an external system or the untrusted zone',
    title: 'Secrets sent into a less trusted zone',
    description:
      'A flow carries data tagged `secret` or `credentials` from a zone into a less trusted one. Keys, tokens and passwords that leave the zone that protects them can be harvested there and replayed against it.',
    mitigation: 'Keep secrets in the zone that uses them (a secrets manager, workload identity); send short-lived, scoped tokens instead of long-lived secrets, and never return secrets to clients.',
    cwe: [522, 200],
    capec: [37, 560],
    references: ['OWASP ASVS 4.0.3 V2.10', 'OWASP Top 10 2021 A07', 'NIST SP 800-53 IA-5(7)', 'NIST SP 800-53 SC-12'],
    compliance: { 'pci-dss': ['8.3.2', '3.6.1'], hipaa: ['164.312(d)'], gdpr: ['Art. 32(1)(b)'] },
    check: (subject, facts) => {
      if (subject.kind !== 'flow') return undefined;
      const { flow, direction } = subject;
      const source = facts.sourceOf(direction);
      const target = facts.targetOf(direction);
      // Cheapest disqualifier first: most flows do not go down in trust.
      if (trustRank(target.trust) >= trustRank(source.trust)) return undefined;
      const secrets = flow.data.filter((id) => facts.dataTagged(id, 'secret') || facts.dataTagged(id, 'credentials'));
      if (secrets.length === 0) return undefined;
      const outside = target.kind === 'actor' || target.kind === 'external' || target.trust === 'untrusted';
      return {
        message: say`${facts.dataNames(secrets)} goes from ${source.id} (${source.trust} trust) to ${target.id} (${target.trust} trust)`,
        severity: outside ? 'critical' : 'high',
        reasons: outside ? ['leaves for an untrusted party'] : [],
        related: facts.boundariesCrossed(direction),
      };
    },
  },
  {
    id: 'sensitive-data-to-lower-trust',
    category: 'information_disclosure',
    appliesTo: ['flow'],
    to: ['process', 'store'],
    severity: 'medium',
    escalation: 'high for restricted data',
    title: 'Sensitive data moved into a low-trust zone',
    description:
      'Confidential or restricted data flows from a more trusted zone to a process or store in a low-trust or untrusted zone. Whatever compromises that zone reads the data, undoing the protection of the zone it came from.',
    mitigation: 'Keep the data in the trusted zone and expose only derived or minimised results; if it must move, tokenise or encrypt it end to end so the low-trust component cannot read it.',
    cwe: [200, 668],
    capec: [118],
    references: ['OWASP Top 10 2021 A01', 'NIST SP 800-53 AC-4', 'NIST SP 800-53 SC-7', 'OWASP ASVS 4.0.3 V1.1.4'],
    compliance: { hipaa: ['164.312(a)(1)'], 'pci-dss': ['1.4.4'], gdpr: ['Art. 25', 'Art. 32'] },
    check: (subject, facts) => {
      if (subject.kind !== 'flow') return undefined;
      const { flow, direction } = subject;
      const source = facts.sourceOf(direction);
      const target = facts.targetOf(direction);
      if (trustRank(target.trust) >= trustRank(source.trust) || trustRank(target.trust) > trustRank('low')) return undefined;
      const sensitive = facts.dataAtLeast(flow.data, 'confidential').filter((id) => !facts.dataTagged(id, 'secret') && !facts.dataTagged(id, 'credentials'));
      if (sensitive.length === 0) return undefined;
      const { severity, reasons } = severityInContext('medium', { restrictedData: facts.classificationOf(sensitive) === 'restricted' });
      return {
        message: say`${facts.dataNames(sensitive)} moves from ${source.id} (${source.trust} trust) down to ${target.id} (${target.trust} trust), ${facts.describeCrossing(direction)}`,
        severity,
        reasons,
        related: facts.boundariesCrossed(direction),
      };
    },
  },
  {
    id: 'unauthenticated-cache',
    category: 'information_disclosure',
    appliesTo: ['store'],
    severity: 'medium',
    escalation: 'high for restricted data',
    title: 'Cache holding sensitive data without authentication',
    description:
      'An in-memory cache (Redis, Memcached) holds confidential or restricted data and does not declare `authenticates: true`. These caches accept any client by default, so anything that reaches the port can dump every key.',
    mitigation: 'Require authentication on the cache (Redis ACLs / AUTH, Memcached SASL), bind it to a private network, and declare `authenticates: true`; avoid caching the most sensitive fields.',
    cwe: [306, 200],
    capec: [116],
    references: ['OWASP ASVS 4.0.3 V14.1.1', 'NIST SP 800-53 IA-3', 'NIST SP 800-53 AC-3', 'OWASP Top 10 2021 A05'],
    compliance: { hipaa: ['164.312(d)'], 'pci-dss': ['8.2.1', '7.2.1'], gdpr: ['Art. 32(1)(b)'] },
    fix: { property: 'authenticates', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'element' || facts.flag(subject.element, 'authenticates') === true) return undefined;
      const store = subject.element;
      const tech = facts.tech(store);
      if (!['redis', 'memcache', 'valkey', 'keydb'].some((t) => tech.includes(t))) return undefined;
      const sensitive = facts.dataAtLeast(store.holds, 'confidential');
      if (sensitive.length === 0) return undefined;
      const { severity, reasons } = severityInContext('medium', { restrictedData: facts.classificationOf(sensitive) === 'restricted' });
      return { message: say`${store.id} (${store.tech ?? ''}) caches ${facts.dataNames(sensitive)} without authentication`, severity, reasons };
    },
  },
  {
    id: 'store-read-without-authentication',
    category: 'information_disclosure',
    appliesTo: ['store'],
    severity: 'medium',
    escalation: 'high for restricted data',
    title: 'Sensitive store read across a boundary without authentication',
    description:
      'Confidential or restricted data flows out of the store to a reader in another zone, yet neither the store (`authenticates`) nor that flow (`authenticated`) verifies who reads. Anything that reaches the store from that zone can read it.',
    mitigation: 'Require the reader to authenticate to the store (database users, IAM, mTLS) with least-privilege grants, and declare `authenticates: true` on the store.',
    cwe: [306, 284],
    capec: [116],
    references: ['OWASP ASVS 4.0.3 V4.1.3', 'NIST SP 800-53 IA-3', 'NIST SP 800-53 AC-3', 'OWASP Top 10 2021 A07'],
    compliance: { hipaa: ['164.312(d)', '164.312(a)(1)'], 'pci-dss': ['8.2.1'], gdpr: ['Art. 32(1)(b)'] },
    fix: { property: 'authenticates', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'element' || facts.flag(subject.element, 'authenticates') === true) return undefined;
      const store = subject.element;
      const reads = facts
        .flowsOutOf(store.id)
        .filter((d) => facts.crossesBoundary(d) && d.flow.authenticated !== true && facts.hasDataAtLeast(d.flow.data, 'confidential'));
      if (reads.length === 0) return undefined;
      const data = [...new Set(reads.flatMap((d) => facts.dataAtLeast(d.flow.data, 'confidential')))];
      const readers = [...new Set(reads.map((d) => d.target))];
      const { severity, reasons } = severityInContext('medium', { restrictedData: facts.classificationOf(data) === 'restricted' });
      return {
        message: say`${readers} read ${facts.dataNames(data)} from ${store.id} across ${facts.describeCrossing(reads[0])} without authentication`,
        severity,
        reasons,
        related: readers,
      };
    },
  },
  {
    id: 'restricted-data-without-authorization',
    category: 'information_disclosure',
    appliesTo: ['process'],
    severity: 'high',
    escalation: 'critical when an actor or external system calls it straight from the untrusted zone',
    title: 'Restricted data served without access control',
    description:
      'The process handles restricted data and takes requests from an untrusted source, but does not declare `authorizes: true`. Without a per-record access check, any caller who can reach it can read other people\'s data (IDOR / broken object-level authorization).',
    mitigation: 'Check on every request that the caller may see the specific record (object-level authorization, deny by default) and declare `authorizes: true`.',
    cwe: [639, 862],
    capec: [122],
    references: ['OWASP Top 10 2021 A01', 'OWASP API Security Top 10 2023 API1', 'OWASP ASVS 4.0.3 V4.2.1', 'NIST SP 800-53 AC-3'],
    compliance: { hipaa: ['164.312(a)(1)', '164.308(a)(4)'], 'pci-dss': ['7.2.1'], gdpr: ['Art. 25(2)', 'Art. 32'] },
    fix: { property: 'authorizes', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'element' || facts.flag(subject.element, 'authorizes') === true) return undefined;
      const process = subject.element;
      if (!facts.hasDataAtLeast(process.handles, 'restricted')) return undefined;
      const untrusted = facts.untrustedInto(process.id);
      if (untrusted.length === 0) return undefined;
      const restricted = facts.dataAtLeast(process.handles, 'restricted');
      const callers = distinctSources(untrusted);
      // A loop, not a callback: a closure over the check's variables would cost every call an allocation.
      let direct = process.boundary === undefined;
      for (const d of untrusted) if (facts.sourceOf(d).boundary === undefined) direct = true;
      return {
        message: say`${process.id} handles ${facts.dataNames(restricted)} for ${callers} without authorization checks`,
        severity: direct ? 'critical' : 'high',
        reasons: direct ? ['reachable straight from the untrusted zone'] : [],
        related: callers,
      };
    },
  },
  {
    id: 'restricted-data-in-logs',
    category: 'information_disclosure',
    appliesTo: ['store'],
    severity: 'high',
    escalation: 'critical when the log store is not encrypted at rest',
    title: 'Restricted data kept in a log store',
    description:
      'A log or observability store (Elasticsearch, Splunk, Loki, CloudWatch, or a store named or tagged as logs) holds restricted data. Logs are read by many people and tools, kept long and copied widely, so restricted data there escapes its access controls.',
    mitigation: 'Redact or mask restricted fields before logging (structured logging with deny-lists, tokenised identifiers), restrict who can search the logs, and set a short retention.',
    cwe: [532, 359],
    capec: [215],
    references: ['OWASP ASVS 4.0.3 V7.1.1', 'OWASP Top 10 2021 A09', 'NIST SP 800-53 AU-9', 'NIST SP 800-53 SI-11'],
    compliance: { hipaa: ['164.312(b)', '164.502(b)'], 'pci-dss': ['3.3.1', '10.3.1'], gdpr: ['Art. 5(1)(c)', 'Art. 32'] },
    check: (subject, facts) => {
      if (subject.kind !== 'element') return undefined;
      const store = subject.element;
      const tech = facts.tech(store);
      const isLog =
        ['elasticsearch', 'opensearch', 'splunk', 'loki', 'cloudwatch', 'logstash', 'datadog', 'kibana'].some((t) => tech.includes(t)) ||
        // `log` as a word of the ID (`app-logs`, `auditlog`, `syslog`), not inside another word (`catalog`, `login`).
        /(^|[-_.]|audit|access|event|app|error|request|server|system|sys|trace)(logs?|logging)([-_.]|$)/i.test(store.id) ||
        store.tags.some((t) => /^logs?$|logging/.test(t));
      if (!isLog) return undefined;
      const restricted = facts.dataAtLeast(store.holds, 'restricted');
      if (restricted.length === 0) return undefined;
      const plain = facts.flag(store, 'encrypted') !== true;
      return {
        message: say`log store ${store.id} holds ${facts.dataNames(restricted)}`,
        severity: plain ? 'critical' : 'high',
        reasons: plain ? ['not encrypted at rest'] : [],
      };
    },
  },
  {
    id: 'public-object-storage',
    category: 'information_disclosure',
    appliesTo: ['store'],
    severity: 'high',
    escalation: 'critical for restricted data',
    title: 'Object storage bucket with sensitive data and no authentication',
    description:
      'An object store (S3, GCS, Azure Blob, a bucket) holds confidential or restricted data and does not declare `authenticates: true`. Publicly readable or pre-signed-forever buckets are a leading cause of mass data exposure.',
    mitigation: 'Block public access at the account level, require signed IAM requests with least-privilege policies, use short-lived pre-signed URLs for sharing, and declare `authenticates: true`.',
    cwe: [284, 732, 200],
    capec: [1],
    references: ['OWASP Top 10 2021 A01', 'OWASP Top 10 2021 A05', 'OWASP ASVS 4.0.3 V12.5.1', 'NIST SP 800-53 AC-3', 'NIST SP 800-53 AC-6'],
    compliance: { hipaa: ['164.312(a)(1)'], 'pci-dss': ['7.2.1', '1.4.4'], gdpr: ['Art. 32(1)(b)'] },
    fix: { property: 'authenticates', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'element' || facts.flag(subject.element, 'authenticates') === true) return undefined;
      const store = subject.element;
      const tech = facts.tech(store);
      if (!['s3', 'bucket', 'blob', 'gcs', 'object storage', 'minio'].some((t) => tech.includes(t))) return undefined;
      const sensitive = facts.dataAtLeast(store.holds, 'confidential');
      if (sensitive.length === 0) return undefined;
      const { severity, reasons } = severityInContext('high', { restrictedData: facts.classificationOf(sensitive) === 'restricted' });
      return { message: say`bucket ${store.id} (${store.tech ?? ''}) holds ${facts.dataNames(sensitive)} without authentication`, severity, reasons };
    },
  },
  {
    id: 'restricted-data-unknown-encryption',
    category: 'information_disclosure',
    appliesTo: ['flow'],
    severity: 'medium',
    escalation: 'high when it enters a more trusted zone from an untrusted source',
    title: 'Restricted data crosses a boundary with unknown encryption',
    description:
      'A flow carrying restricted data crosses a trust boundary, but neither `encrypted` nor a protocol that implies it is declared. Nobody can tell from the model whether the data travels in clear.',
    mitigation: 'Confirm the transport is TLS 1.2+ (or an encrypted tunnel) and declare the protocol (`https`, `grpcs`, `sftp`) or `encrypted: true` on the flow.',
    cwe: [319, 311],
    capec: [157],
    references: ['OWASP ASVS 4.0.3 V9.1.1', 'NIST SP 800-53 SC-8', 'OWASP Top 10 2021 A02'],
    compliance: { hipaa: ['164.312(e)(1)'], 'pci-dss': ['4.2.1'], gdpr: ['Art. 32(1)(a)'] },
    fix: { property: 'encrypted', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'flow' || subject.flow.encrypted !== undefined) return undefined;
      const { flow, direction } = subject;
      if (!facts.crossesBoundary(direction)) return undefined;
      const restricted = facts.dataAtLeast(flow.data, 'restricted');
      if (restricted.length === 0) return undefined;
      const { severity, reasons } = severityInContext('medium', { entersTrustedFromUntrusted: facts.fromUntrusted(direction) && facts.entersMoreTrusted(direction) });
      return {
        message: say`${facts.dataNames(restricted)} crosses ${facts.describeCrossing(direction)} (${direction.source} -> ${direction.target}) ${flow.protocol ? `over ${flow.protocol}, ` : ''}with no known encryption`,
        severity,
        reasons,
        related: facts.boundariesCrossed(direction),
      };
    },
  },
  // The STRIDE-per-element checklist (`checklist: true` on `model`): questions without evidence.
  reminder({
    id: 'stride-information-disclosure-process',
    category: 'information_disclosure',
    appliesTo: ['process'],
    title: 'Checklist: could this process reveal what it should not?',
    description:
      'A process can leak through its answers and its side effects: detailed errors, debug endpoints, verbose logs, caches shared between users, or data returned beyond what the caller may see.',
    mitigation:
      'Check its error handling, logging, caching and responses for data the caller may not see, and record the decision with `mitigate` or `accept`.',
    cwe: [200, 209],
    capec: [116, 54],
    references: ['OWASP ASVS 4.0.3 V7.4, V8.1', 'NIST SP 800-53 SI-11'],
    compliance: { hipaa: ['164.312(a)(1)'], 'pci-dss': ['6.2.4', '3.3.1'], gdpr: ['Art. 5(1)(f)', 'Art. 32(1)(b)'] },
    ask: (id) => say`checklist: could ${id} reveal what it should not, in errors, logs, caches or answers?`,
  }),
  reminder({
    id: 'stride-information-disclosure-store',
    category: 'information_disclosure',
    appliesTo: ['store'],
    title: 'Checklist: could this store\'s content be read by someone it is not for?',
    description:
      'The model does not say whether the store is encrypted at rest. Its files, snapshots and backups can be read outside the application that owns them.',
    mitigation: 'Decide how the content is protected at rest (encryption with managed keys, access to snapshots and backups) and declare `encrypted: true` or `false`.',
    cwe: [311, 200],
    capec: [116, 37],
    references: ['OWASP ASVS 4.0.3 V6.1', 'NIST SP 800-53 SC-28'],
    compliance: { hipaa: ['164.312(a)(2)(iv)'], 'pci-dss': ['3.5.1'], gdpr: ['Art. 32(1)(a)'] },
    ask: (id) => say`checklist: could what ${id} holds be read by someone it is not for? Answer with encrypted: true or false`,
    decided: declares('encrypted'),
  }),
  reminder({
    id: 'stride-information-disclosure-flow',
    category: 'information_disclosure',
    appliesTo: ['flow'],
    title: 'Checklist: could this flow be read in transit?',
    description:
      'The model says neither whether the flow is encrypted nor which protocol it uses, so nothing shows whether a party on the path could read it.',
    mitigation: 'Name the protocol (`protocol: "https"`, say) or declare `encrypted: true` or `false`: the evidence rules then judge the flow.',
    cwe: [319],
    capec: [157, 94],
    references: ['OWASP ASVS 4.0.3 V9.1', 'NIST SP 800-53 SC-8'],
    compliance: { hipaa: ['164.312(e)(1)'], 'pci-dss': ['4.2.1'], gdpr: ['Art. 32(1)(a)'] },
    ask: (id) => say`checklist: could ${id} be read in transit? Name its protocol, or answer with encrypted: true or false`,
    decided: encryptionKnown,
  }),
];

/** Data tagged as cardholder data (PAN). */
function isCardData(facts: ModelFacts, id: string): boolean {
  return facts.dataTagged(id, 'pci') || facts.dataTagged(id, 'card') || facts.dataTagged(id, 'cardholder');
}
