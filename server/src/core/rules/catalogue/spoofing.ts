import { declares, reminder } from './reminder';
import type { Element } from '../../model/threat-model';
import { distinctSources, isSensitive, ModelFacts, severityInContext } from '../facts';
import { say } from '../message';
import { BuiltInRule } from '../rule';

/** A WebSocket over plain TCP: the protocol written `ws`, in any case. */
const websocketProtocol = /^ws$/i;

/** Words that mark a data asset as an authentication secret (its ID, label or tags). */
const credentialPattern = /credential|passw(or)?d|passphrase|token|secret|api[-_ ]?key|session|cookie|jwt|bearer|otp|private[-_ ]?key/i;

/** The data assets among these that are credentials, session tokens or other authentication secrets. */
function credentialData(dataIds: readonly string[], facts: ModelFacts): string[] {
  return dataIds.filter((id) => {
    const asset = facts.model.data.get(id);
    if (!asset) return false;
    return credentialPattern.test(asset.id) || credentialPattern.test(asset.label) || asset.tags.some((tag) => credentialPattern.test(tag));
  });
}

/** Where an element sits, for messages: its innermost boundary or "outside". */
const zone = (element: Element): string => element.boundary ?? 'outside';

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
      const crossing = facts.crossingInto(element.id);
      if (crossing.length === 0) return undefined;
      const { severity, reasons } = severityInContext('high', { restrictedData: facts.classificationWithFlows(element.handles, crossing) === 'restricted' });
      const sources = distinctSources(crossing);
      return { message: say`${element.id} accepts calls from ${sources} without authenticating them`, severity, reasons, related: sources };
    },
  },
  {
    id: 'unauthenticated-flow-into-trusted-zone',
    category: 'spoofing',
    appliesTo: ['flow'],
    // Externals calling in are covered by `spoofable-webhook-source`.
    from: ['actor', 'process', 'store'],
    severity: 'medium',
    escalation: 'one step for restricted data (or confidential data), one more when the sender is a person or sits in an untrusted zone',
    title: 'Unauthenticated flow enters a more trusted zone',
    description:
      'A person or component sends into a zone with higher trust than its own, and the flow does not declare `authenticated: true`. The receiver cannot tell the legitimate sender from anyone else able to reach the same endpoint from the less trusted zone.',
    mitigation:
      'Have the receiver verify the sender on this flow (user tokens for people, mTLS or signed service tokens for workloads) at the boundary, and declare `authenticated: true` on the flow.',
    cwe: [287, 290],
    capec: [151, 22],
    references: ['OWASP ASVS 4.0.3 V2.1, V1.4.1', 'NIST SP 800-53 IA-2, IA-9, AC-4', 'OWASP Top 10 2021 A07'],
    compliance: { hipaa: ['164.312(d)', '164.312(a)(1)'], 'pci-dss': ['8.2.1', '8.3.1', '1.4.1'], gdpr: ['Art. 32(1)(b)'] },
    fix: { property: 'authenticated', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'flow' || subject.flow.authenticated === true) return undefined;
      const { flow, direction } = subject;
      const source = facts.sourceOf(direction);
      if (!facts.entersMoreTrusted(direction)) return undefined;
      const target = facts.targetOf(direction);
      const { severity, reasons } = severityInContext('medium', {
        restrictedData: facts.classificationOf(flow.data) === 'restricted',
        confidentialData: facts.hasDataAtLeast(flow.data, 'confidential'),
        entersTrustedFromUntrusted: facts.fromUntrusted(direction),
      });
      return {
        message: say`${direction.source} (${source.trust}) reaches ${direction.target} (${target.trust}) across ${facts.describeCrossing(direction)} without the flow being authenticated`,
        severity,
        reasons,
        related: facts.endsAndBoundariesCrossed(direction),
      };
    },
  },
  {
    id: 'unauthenticated-store-access',
    category: 'spoofing',
    appliesTo: ['store'],
    severity: 'medium',
    escalation: 'high when it holds or receives confidential data, one step more for restricted data',
    title: 'Store accepts connections from another zone without authenticating them',
    description:
      'Processes or external systems in another trust zone write to or query the store, and the store does not declare `authenticates: true`. Anything with network reach to it can connect under the identity of the legitimate application.',
    mitigation:
      'Require per-service credentials or workload identity (IAM auth, client certificates, SCRAM) on the store, restrict it to the application\'s network identity, and declare `authenticates: true`.',
    cwe: [306, 287],
    capec: [151, 560],
    references: ['OWASP ASVS 4.0.3 V2.10', 'NIST SP 800-53 IA-3, IA-9, AC-3', 'OWASP Top 10 2021 A07'],
    compliance: { hipaa: ['164.312(d)', '164.312(a)(1)'], 'pci-dss': ['8.2.2', '8.6.1', '7.2.5'], gdpr: ['Art. 32(1)(b)'] },
    fix: { property: 'authenticates', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'element' || subject.element.kind !== 'store' || facts.flag(subject.element, 'authenticates') === true) return undefined;
      const store = subject.element;
      // Actors reaching a store directly are covered by `direct-actor-store-access`.
      const crossing = facts.flowsInto(store.id).filter((d) => facts.sourceOf(d).kind !== 'actor' && facts.crossesBoundary(d));
      if (crossing.length === 0) return undefined;
      const classification = facts.classificationWithFlows(store.holds, crossing);
      const sensitive = isSensitive(classification);
      const base = sensitive ? 'high' : 'medium';
      const { severity, reasons: context } = severityInContext(base, { restrictedData: classification === 'restricted' });
      const reasons = sensitive && classification !== 'restricted' ? [...context, 'confidential data'] : context;
      const sources = distinctSources(crossing);
      return {
        message: say`store ${store.id} accepts connections from ${sources} in another zone without authenticating them`,
        severity,
        reasons,
        related: sources,
      };
    },
  },
  {
    id: 'external-accepts-unauthenticated-calls',
    category: 'spoofing',
    appliesTo: ['external'],
    severity: 'medium',
    escalation: 'high when the system sends it confidential data, critical for restricted data',
    title: 'External system does not authenticate the calls the system makes to it',
    description:
      'The external system is declared `authenticates: false`, yet the modelled system sends it data or instructions. Anyone who can reach that system can submit the same requests in the modelled system\'s name, and its records cannot distinguish the two.',
    mitigation:
      'Use the partner\'s authenticated interface (API keys in a vault, OAuth2 client credentials, mTLS or signed requests); where none exists, restrict it by network allow-list and record the risk. Declare `authenticates: true` once it verifies callers.',
    cwe: [306, 290],
    capec: [151, 194],
    references: ['OWASP ASVS 4.0.3 V2.10, V9.2', 'NIST SP 800-53 IA-9, SA-9', 'OWASP Top 10 2021 A07'],
    compliance: { hipaa: ['164.312(d)', '164.308(b)(1)'], 'pci-dss': ['8.2.1', '12.8.2'], gdpr: ['Art. 28(1)', 'Art. 32(1)(b)'] },
    fix: { property: 'authenticates', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'element' || subject.element.kind !== 'external' || facts.flag(subject.element, 'authenticates') !== false) return undefined;
      const external = subject.element;
      const calls = facts.flowsInto(external.id).filter((d) => facts.sourceOf(d).kind === 'process');
      if (calls.length === 0) return undefined;
      const classification = facts.classificationWithFlows([], calls);
      const sensitive = isSensitive(classification);
      const { severity, reasons: context } = severityInContext(sensitive ? 'high' : 'medium', { restrictedData: classification === 'restricted' });
      const reasons = sensitive && classification !== 'restricted' ? [...context, 'confidential data'] : context;
      const callers = distinctSources(calls);
      return { message: say`external ${external.id} does not authenticate callers: anyone can call it in the name of ${callers}`, severity, reasons, related: callers };
    },
  },
  {
    id: 'credentials-over-unencrypted-channel',
    category: 'spoofing',
    appliesTo: ['flow'],
    severity: 'high',
    escalation: 'critical when the credentials are restricted or the flow comes from an untrusted source into a more trusted zone',
    title: 'Credentials or tokens sent in plain text',
    description:
      'The flow carries passwords, tokens, API keys or session identifiers (by the data asset\'s name or tags) and is not encrypted in transit. Anyone on the path can capture them and then authenticate as their owner.',
    mitigation:
      'Send authentication secrets only over TLS 1.2+ (https, wss, grpcs, mTLS), prefer short-lived and sender-constrained tokens, and declare `encrypted: true` or the encrypting protocol on the flow.',
    cwe: [523, 319, 294],
    capec: [102, 157, 560],
    references: ['OWASP ASVS 4.0.3 V2.8, V3.4, V9.1.1', 'NIST SP 800-53 IA-5(1), SC-8, SC-23', 'OWASP Top 10 2021 A02, A07'],
    compliance: { hipaa: ['164.312(d)', '164.312(e)(1)'], 'pci-dss': ['8.3.2', '4.2.1'], gdpr: ['Art. 32(1)(a)'] },
    fix: { property: 'encrypted', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'flow' || subject.flow.encrypted !== false) return undefined;
      const { flow, direction } = subject;
      const secrets = credentialData(flow.data, facts);
      if (secrets.length === 0) return undefined;
      const { severity, reasons } = severityInContext('high', {
        restrictedData: facts.classificationOf(secrets) === 'restricted',
        entersTrustedFromUntrusted: facts.fromUntrusted(direction) && facts.entersMoreTrusted(direction),
      });
      return {
        message: say`${facts.dataNames(secrets)} sent ${direction.source} -> ${direction.target} unencrypted (${flow.protocol ?? 'encrypted: false'})`,
        severity,
        reasons,
        related: [direction.source, direction.target],
      };
    },
  },
  {
    id: 'unauthenticated-service-call',
    category: 'spoofing',
    appliesTo: ['flow'],
    from: ['process'],
    to: ['process'],
    severity: 'medium',
    escalation: 'one step for restricted data (or confidential data)',
    title: 'Service-to-service call across a boundary without authentication',
    description:
      'One process calls another in a different trust zone of equal or lower trust, and the flow is not authenticated. Any workload that can reach the callee can pose as the calling service; without mutual authentication the caller cannot be sure of the callee either.',
    mitigation:
      'Give each workload an identity (SPIFFE/SVID, cloud IAM roles, client certificates) and use mutual TLS or signed service tokens on the call; declare `authenticated: true` on the flow.',
    cwe: [287, 306],
    capec: [151, 94],
    references: ['OWASP ASVS 4.0.3 V9.2.2, V1.4.2', 'NIST SP 800-53 IA-9, SC-8(1)', 'NIST SP 800-207 (zero trust)'],
    compliance: { hipaa: ['164.312(d)'], 'pci-dss': ['8.6.1', '8.2.2'], gdpr: ['Art. 32(1)(b)'] },
    fix: { property: 'authenticated', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'flow' || subject.flow.authenticated === true) return undefined;
      const { flow, direction } = subject;
      const source = facts.sourceOf(direction);
      const target = facts.targetOf(direction);
      // Calls into a more trusted zone are covered by `unauthenticated-flow-into-trusted-zone`.
      if (!facts.crossesBoundary(direction) || facts.entersMoreTrusted(direction)) return undefined;
      const { severity, reasons } = severityInContext('medium', {
        restrictedData: facts.classificationOf(flow.data) === 'restricted',
        confidentialData: facts.hasDataAtLeast(flow.data, 'confidential'),
      });
      return {
        message: say`${source.id} calls ${target.id} across ${facts.describeCrossing(direction)} without either side authenticating the other`,
        severity,
        reasons,
        related: facts.endsAndBoundariesCrossed(direction),
      };
    },
  },
  {
    id: 'unauthenticated-admin-access',
    category: 'spoofing',
    appliesTo: ['process'],
    severity: 'high',
    escalation: 'critical when the person reaches it from outside every boundary or it handles restricted data',
    title: 'Privileged process reachable by people without authentication',
    description:
      'A process that runs with administrator rights (`privileged: true`) receives flows straight from an actor, and either the process does not authenticate or the actor\'s flow is not authenticated. Whoever reaches that interface acts as an administrator.',
    mitigation:
      'Put administrative interfaces behind strong authentication with MFA (phishing-resistant where possible), expose them only through a bastion or VPN, and declare `authenticates: true` on the process and `authenticated: true` on the flow.',
    cwe: [306, 308],
    capec: [115, 151],
    references: ['OWASP ASVS 4.0.3 V2.2, V4.3.1', 'NIST SP 800-53 IA-2(1), AC-6(9), AC-17', 'OWASP Top 10 2021 A07'],
    compliance: { hipaa: ['164.312(d)', '164.312(a)(1)'], 'pci-dss': ['8.4.1', '8.2.1', '7.2.2'], gdpr: ['Art. 32(1)(b)'] },
    check: (subject, facts) => {
      if (subject.kind !== 'element' || subject.element.kind !== 'process' || facts.flag(subject.element, 'privileged') !== true) return undefined;
      const process = subject.element;
      const processAuth = facts.flag(process, 'authenticates') === true;
      const open = facts.flowsInto(process.id).filter((d) => facts.sourceOf(d).kind === 'actor' && (!processAuth || d.flow.authenticated !== true));
      if (open.length === 0) return undefined;
      const actors = distinctSources(open);
      const { severity, reasons } = severityInContext('high', {
        restrictedData: facts.classificationWithFlows(process.handles, open) === 'restricted',
        entersTrustedFromUntrusted: open.some((d) => facts.sourceOf(d).trust === 'untrusted' && facts.entersMoreTrusted(d)),
      });
      const why = processAuth ? 'over unauthenticated flows' : 'and it does not authenticate';
      return { message: say`privileged process ${process.id} is reached by ${actors} ${why}`, severity, reasons, related: actors };
    },
  },
  {
    id: 'direct-actor-store-access',
    category: 'spoofing',
    appliesTo: ['flow'],
    from: ['actor'],
    to: ['store'],
    severity: 'medium',
    escalation: 'one step for restricted data held or carried (confidential raises it too), one more from outside every boundary into a more trusted zone',
    title: 'Person connects to a store directly without authentication',
    description:
      'An actor reaches a store with no process in between, and the flow is not authenticated. No application layer verifies who the person is, so anyone with the same network path (or a shared connection string) is indistinguishable from them.',
    mitigation:
      'Route people through an application that authenticates them; where direct access is needed (operators, analysts), use individual named database accounts with SSO/MFA through a bastion, and declare `authenticated: true` on the flow.',
    cwe: [306, 287],
    capec: [151, 560],
    references: ['OWASP ASVS 4.0.3 V2.1, V1.2.2', 'NIST SP 800-53 IA-2, IA-4, AC-3'],
    compliance: { hipaa: ['164.312(d)', '164.312(a)(2)(i)'], 'pci-dss': ['8.2.1', '8.2.2', '7.2.6'], gdpr: ['Art. 32(1)(b)'] },
    fix: { property: 'authenticated', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'flow' || subject.flow.authenticated === true) return undefined;
      const { flow, direction } = subject;
      const actor = facts.sourceOf(direction);
      const store = facts.targetOf(direction);
      const data = [...store.holds, ...flow.data];
      const { severity, reasons } = severityInContext('medium', {
        restrictedData: facts.classificationOf(data) === 'restricted',
        confidentialData: facts.hasDataAtLeast(data, 'confidential'),
        entersTrustedFromUntrusted: facts.fromUntrusted(direction) && facts.entersMoreTrusted(direction),
      });
      return { message: say`actor ${actor.id} connects to store ${store.id} (${zone(store)}) directly without authentication`, severity, reasons, related: [actor.id, store.id] };
    },
  },
  {
    id: 'plaintext-websocket-session',
    category: 'spoofing',
    appliesTo: ['flow'],
    technology: websocketProtocol,
    severity: 'medium',
    escalation: 'high when it crosses a boundary or leaves an untrusted source, one step more for restricted data',
    title: 'WebSocket session over plain ws://',
    description:
      'The flow uses unencrypted WebSocket (`ws`). The session cookie or token sent on the upgrade request, and every message after it, can be captured and replayed, letting an eavesdropper hijack the live session.',
    mitigation:
      'Use `wss://` only, check the Origin header on the upgrade, authenticate the socket with a short-lived token bound to the session, and declare `protocol: "wss"`.',
    cwe: [319, 294, 1385],
    capec: [102, 593],
    references: ['OWASP ASVS 4.0.3 V3.4, V9.1.1, V13.5', 'NIST SP 800-53 SC-8, SC-23', 'OWASP WebSocket Security Cheat Sheet'],
    compliance: { hipaa: ['164.312(e)(1)', '164.312(d)'], 'pci-dss': ['4.2.1', '8.3.2'], gdpr: ['Art. 32(1)(a)'] },
    fix: { property: 'encrypted', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'flow' || subject.flow.encrypted === true) return undefined;
      const { flow, direction } = subject;
      if (!websocketProtocol.test(flow.protocol ?? '')) return undefined;
      const exposed = facts.crossesBoundary(direction) || facts.fromUntrusted(direction);
      const { severity, reasons: context } = severityInContext(exposed ? 'high' : 'medium', { restrictedData: facts.classificationOf(flow.data) === 'restricted' });
      const reasons = exposed ? ['crosses a boundary or leaves an untrusted source', ...context] : context;
      return { message: say`${direction.source} -> ${direction.target} keeps a WebSocket session over plain ws`, severity, reasons, related: [direction.source, direction.target] };
    },
  },
  {
    id: 'spoofable-webhook-source',
    category: 'spoofing',
    appliesTo: ['flow'],
    from: ['external'],
    to: ['process'],
    severity: 'medium',
    escalation: 'high when it carries or delivers confidential data, one step more for restricted data',
    title: 'Inbound call from an external system is not verified',
    description:
      'An external system (webhook, callback, partner feed) sends into a process and the flow is not authenticated. Anyone who learns the endpoint can forge events that appear to come from that system, such as payment confirmations or status changes.',
    mitigation:
      'Verify every inbound call: HMAC signatures over the body with a timestamp and replay window, mTLS with the partner\'s certificate, or signed JWTs checked against the partner\'s keys. Declare `authenticated: true` on the flow.',
    cwe: [345, 290, 346],
    capec: [194, 151],
    references: ['OWASP ASVS 4.0.3 V13.1.5, V9.2', 'NIST SP 800-53 IA-9, SI-10, SC-23', 'OWASP Top 10 2021 A08'],
    compliance: { hipaa: ['164.312(c)(1)', '164.312(d)'], 'pci-dss': ['6.2.4', '8.2.1'], gdpr: ['Art. 32(1)(b)'] },
    fix: { property: 'authenticated', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'flow' || subject.flow.authenticated === true) return undefined;
      const { flow, direction } = subject;
      const source = facts.sourceOf(direction);
      const target = facts.targetOf(direction);
      const data = [...flow.data, ...target.handles];
      const sensitive = facts.hasDataAtLeast(data, 'confidential');
      const { severity, reasons: context } = severityInContext(sensitive ? 'high' : 'medium', { restrictedData: facts.classificationOf(data) === 'restricted' });
      const reasons = sensitive && facts.classificationOf(data) !== 'restricted' ? [...context, 'confidential data'] : context;
      return { message: say`${target.id} accepts calls claiming to be from external ${source.id} without verifying them`, severity, reasons, related: [source.id] };
    },
  },
  // The STRIDE-per-element checklist (`checklist: true` on `model`): questions without evidence.
  reminder({
    id: 'stride-spoofing-actor',
    category: 'spoofing',
    appliesTo: ['actor'],
    title: 'Checklist: could someone act as this person?',
    description:
      'Every person the system serves can be impersonated: with a stolen password or session, a phished one-time code, or a support desk talked into a reset. Nothing in the model says how the system tells this person from an impostor.',
    mitigation:
      'Decide how the person proves who they are where they enter the system (single sign-on, phishing-resistant MFA, session binding), write it as `authenticated: true` on the flows from them, and record the decision with `mitigate` or `accept`.',
    cwe: [287, 308],
    capec: [151, 560],
    references: ['OWASP ASVS 4.0.3 V2', 'NIST SP 800-53 IA-2'],
    compliance: { hipaa: ['164.312(d)'], 'pci-dss': ['8.3.1', '8.4.2'], gdpr: ['Art. 32(1)(b)'] },
    ask: (id) => say`checklist: could someone act as ${id}? How does the system tell ${id} from an impostor?`,
  }),
  reminder({
    id: 'stride-spoofing-external',
    category: 'spoofing',
    appliesTo: ['external'],
    title: 'Checklist: could something pose as this external system?',
    description:
      'A partner, SaaS or third-party service is known to the system only by what arrives from it and by the address it calls. A forged callback, a hijacked DNS name or a leaked API key lets an attacker speak as it.',
    mitigation:
      'Verify the external system on every exchange (mTLS, signed requests or webhooks, pinned endpoints), declare `authenticated: true` on its flows, and record the decision with `mitigate` or `accept`.',
    cwe: [290, 346],
    capec: [151, 89],
    references: ['OWASP ASVS 4.0.3 V9.2', 'NIST SP 800-53 IA-9'],
    compliance: { hipaa: ['164.312(d)'], 'pci-dss': ['8.3.1', '4.2.1'], gdpr: ['Art. 32(1)(b)'] },
    ask: (id) => say`checklist: could something pose as external ${id}? How is ${id} verified on each exchange?`,
  }),
  reminder({
    id: 'stride-spoofing-process',
    category: 'spoofing',
    appliesTo: ['process'],
    title: 'Checklist: could a caller pose as someone else to this process?',
    description:
      'The model does not say whether the process verifies who calls it. A process that trusts what its callers claim to be can be driven by anyone who reaches it.',
    mitigation:
      'Decide how callers are authenticated (user tokens, mTLS or signed service tokens) and declare `authenticates: true` or `false`: the evidence rules then judge the process.',
    cwe: [287, 290],
    capec: [151, 194],
    references: ['OWASP ASVS 4.0.3 V2, V3', 'NIST SP 800-53 IA-2, IA-9'],
    compliance: { hipaa: ['164.312(d)'], 'pci-dss': ['8.2.1', '8.3.1'], gdpr: ['Art. 32(1)(b)'] },
    ask: (id) => say`checklist: does ${id} verify who calls it? Answer with authenticates: true or false`,
    decided: declares('authenticates'),
  }),
];
