import { declares, reminder } from './reminder';
import type { DirectedFlow, Element } from '../../model/threat-model';
import { ModelFacts, raiseSeverity, severityInContext } from '../facts';
import { say } from '../message';
import { BuiltInRule } from '../rule';

const unique = (ids: readonly string[]): string[] => [...new Set(ids)];

/** Whether the element's technology or tags match any of the words. */
function techOrTag(element: Element, facts: ModelFacts, pattern: RegExp): boolean {
  if (facts.matches(pattern, facts.tech(element))) return true;
  for (const tag of element.tags) if (facts.matches(pattern, tag)) return true;
  return false;
}

/** Flows into the element from an untrusted source (a person, an external system, the untrusted zone). */
function untrustedInputs(element: Element, facts: ModelFacts): readonly DirectedFlow[] {
  return facts.untrustedInto(element.id);
}

/** Whether any untrusted input reaches the element straight from outside every boundary. */
const fromOutside = (inputs: readonly DirectedFlow[], facts: ModelFacts): boolean => inputs.some((d) => facts.sourceOf(d).boundary === undefined);

/** Words that mark a data asset as a secret (ID, label or tags). */
const secretPattern = /secret|credential|token|api[-_ ]?key|private[-_ ]?key|passw(or)?d|signing/i;

function secretData(dataIds: readonly string[], facts: ModelFacts): string[] {
  return dataIds.filter((id) => {
    const asset = facts.model.data.get(id);
    return asset !== undefined && (secretPattern.test(asset.id) || secretPattern.test(asset.label) || asset.tags.some((t) => secretPattern.test(t)));
  });
}

const adminPattern = /admin|back-?office|console|management|mgmt|operator|superuser/i;
const containerPattern = /docker|container|kubernetes|k8s|\bpod\b|podman|containerd|ecs|openshift|daemonset/i;
const controlPlanePattern = /kubernetes-?api|kube-?apiserver|k8s-?api|kubelet|docker-?(socket|sock|api|daemon)|dockerd|\b(iam|sts)\b|cloud-?(api|iam|control)|control-?plane|vault|terraform|nomad|ansible-?tower|awx/i;
const ciPattern = /\b(ci|ci-?cd|github-actions|gha|jenkins|gitlab-ci|gitlab-runner|circleci|buildkite|teamcity|azure-pipelines|drone|tekton|argo-workflows|runner|build)\b/i;

/** Elevation of privilege: gaining rights one was not given. */
export const elevationOfPrivilegeRules: readonly BuiltInRule[] = [
  {
    id: 'privileged-process-exposed',
    category: 'elevation_of_privilege',
    appliesTo: ['process'],
    severity: 'high',
    escalation: 'critical when it is reached straight from outside every boundary or handles restricted data',
    title: 'Process running with administrator rights is reachable from an untrusted source',
    description:
      'The process declares `privileged: true` and receives flows from a person, an external system or the untrusted zone. Any exploitable bug in it (injection, memory corruption, a vulnerable dependency) hands the attacker root or administrator rights on its host instead of a confined service account.',
    mitigation:
      'Run the exposed code with the least privilege it needs (non-root user, dropped capabilities, a narrowly scoped service identity); split the privileged operation into a separate, internal-only component reached through a narrow, validated interface.',
    cwe: [250, 269],
    capec: [69, 233],
    references: ['OWASP ASVS 4.0.3 V1.2.1, V14.2', 'NIST SP 800-53 AC-6, AC-6(10), SC-39', 'OWASP Top 10 2021 A01'],
    compliance: { hipaa: ['164.308(a)(4)(ii)(B)', '164.312(a)(1)'], 'pci-dss': ['7.2.1', '7.2.2', '2.2.6'], gdpr: ['Art. 25', 'Art. 32(1)(b)'] },
    fix: { property: 'privileged', value: false },
    check: (subject, facts) => {
      if (subject.kind !== 'element' || facts.flag(subject.element, 'privileged') !== true) return undefined;
      const process = subject.element;
      const inputs = untrustedInputs(process, facts);
      if (inputs.length === 0) return undefined;
      const sources = unique(inputs.map((d) => d.source));
      let { severity, reasons } = severityInContext('high', { restrictedData: facts.classificationOf(process.handles) === 'restricted' });
      if (fromOutside(inputs, facts) && severity !== 'critical') {
        severity = raiseSeverity(severity);
        reasons = [...reasons, 'reachable straight from the untrusted zone'];
      }
      return { message: say`privileged process ${process.id} is reachable from ${sources}`, severity, reasons, related: sources };
    },
  },
  {
    id: 'privileged-process-unvalidated-input',
    category: 'elevation_of_privilege',
    appliesTo: ['process'],
    severity: 'medium',
    escalation: 'high when a caller sits in a less trusted zone, one step more when it handles restricted data',
    title: 'Privileged process trusts its internal callers\' input',
    description:
      'A process with administrator rights (`privileged: true`) acts on input from other internal components and does not declare `validates_input: true`. Whoever compromises one of those less privileged callers can send crafted paths, arguments or objects that make the privileged code act for them: a local privilege escalation inside the system.',
    mitigation:
      'Treat every caller of a privileged component as hostile: validate its requests against a strict allow-list schema (types, lengths, ranges, canonical paths), expose only narrow operations, and declare `validates_input: true`.',
    cwe: [20, 269, 648],
    capec: [233, 153],
    references: ['OWASP ASVS 4.0.3 V5.1, V1.2.1', 'NIST SP 800-53 SI-10, AC-6, SC-3', 'NIST SP 800-207 (zero trust)'],
    compliance: { hipaa: ['164.312(c)(1)', '164.308(a)(4)(ii)(B)'], 'pci-dss': ['6.2.4', '7.2.2'], gdpr: ['Art. 32(1)(b)'] },
    fix: { property: 'validates_input', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'element' || facts.flag(subject.element, 'privileged') !== true || facts.flag(subject.element, 'validates_input') === true) return undefined;
      const process = subject.element;
      const inputs = facts.flowsInto(process.id);
      // Untrusted input is covered by `privileged-process-exposed` and the input-validation rules.
      if (inputs.length === 0 || inputs.some((d) => facts.fromUntrusted(d))) return undefined;
      const sources = unique(inputs.map((d) => d.source));
      const lower = inputs.filter((d) => facts.entersMoreTrusted(d));
      let { severity, reasons } = severityInContext('medium', { restrictedData: facts.classificationOf(process.handles) === 'restricted' });
      if (lower.length) {
        severity = raiseSeverity(severity);
        reasons = [`caller ${unique(lower.map((d) => d.source)).join(', ')} sits in a less trusted zone`, ...reasons];
      }
      return { message: say`privileged process ${process.id} acts on input from ${sources} without validating it`, severity, reasons, related: sources };
    },
  },
  {
    id: 'missing-authorization',
    category: 'elevation_of_privilege',
    appliesTo: ['process'],
    severity: 'medium',
    escalation: 'high when the store it writes holds confidential data, critical for restricted data',
    title: 'Process changes stored data on behalf of callers without authorization checks',
    description:
      'The process takes requests from people, external systems or the untrusted zone and writes to a store, but does not declare `authorizes: true`. Once authenticated (or not), any caller can create, change or delete records and invoke functions beyond their role (broken function- and object-level authorization).',
    mitigation:
      'Check on every request, on the server, that the caller\'s role and ownership allow the operation on the specific record (deny by default, central policy), and declare `authorizes: true`.',
    cwe: [862, 285],
    capec: [122, 1],
    references: ['OWASP Top 10 2021 A01', 'OWASP API Security Top 10 2023 API1, API5', 'OWASP ASVS 4.0.3 V4.1, V4.2', 'NIST SP 800-53 AC-3, AC-6'],
    compliance: { hipaa: ['164.312(a)(1)', '164.308(a)(4)'], 'pci-dss': ['7.2.1', '7.2.2'], gdpr: ['Art. 25(2)', 'Art. 32(1)(b)'] },
    fix: { property: 'authorizes', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'element' || facts.flag(subject.element, 'authorizes') === true) return undefined;
      const process = subject.element;
      const inputs = untrustedInputs(process, facts);
      if (inputs.length === 0) return undefined;
      // Writes into a more trusted zone are covered by `confused-deputy`.
      const writes = facts.flowsOutOf(process.id).filter((d) => facts.targetOf(d).kind === 'store' && !facts.entersMoreTrusted(d));
      if (writes.length === 0) return undefined;
      const stores = unique(writes.map((d) => d.target));
      const data = [...stores.flatMap((s) => facts.element(s).holds), ...writes.flatMap((d) => d.flow.data)];
      const sensitive = facts.hasDataAtLeast(data, 'confidential');
      const { severity, reasons: context } = severityInContext(sensitive ? 'high' : 'medium', { restrictedData: facts.classificationOf(data) === 'restricted' });
      const reasons = sensitive && facts.classificationOf(data) !== 'restricted' ? [...context, 'confidential data'] : context;
      const callers = unique(inputs.map((d) => d.source));
      return { message: say`${process.id} writes to ${stores} for ${callers} without checking what they may do`, severity, reasons, related: [...callers, ...stores] };
    },
  },
  {
    id: 'confused-deputy',
    category: 'elevation_of_privilege',
    appliesTo: ['process'],
    severity: 'high',
    escalation: 'critical when the more trusted target holds or receives restricted data',
    title: 'Exposed process relays untrusted requests into a more trusted zone without authorization',
    description:
      'The process receives requests from an untrusted source and passes them on into a zone more trusted than its own, without declaring `authorizes: true`. It acts as a confused deputy: callers borrow its network position and credentials to reach components they could never reach themselves, and a compromise of it is a pivot into the trusted zone.',
    mitigation:
      'Authorize each relayed request against the original caller\'s rights (propagate the end-user identity or a down-scoped token instead of using the service\'s own credentials), restrict which operations can be relayed, and declare `authorizes: true`.',
    cwe: [441, 862, 269],
    capec: [122, 233],
    references: ['OWASP ASVS 4.0.3 V4.1.3, V1.4.1', 'NIST SP 800-53 AC-3, AC-4, AC-6', 'NIST SP 800-207 (zero trust)'],
    compliance: { hipaa: ['164.312(a)(1)'], 'pci-dss': ['7.2.1', '1.4.1'], gdpr: ['Art. 32(1)(b)'] },
    fix: { property: 'authorizes', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'element' || facts.flag(subject.element, 'authorizes') === true) return undefined;
      const process = subject.element;
      const inputs = untrustedInputs(process, facts);
      if (inputs.length === 0) return undefined;
      const relays = facts.flowsOutOf(process.id).filter((d) => facts.entersMoreTrusted(d) && !['actor', 'external'].includes(facts.targetOf(d).kind));
      if (relays.length === 0) return undefined;
      const targets = unique(relays.map((d) => d.target));
      const data = [...targets.flatMap((t) => [...facts.element(t).holds, ...facts.element(t).handles]), ...relays.flatMap((d) => d.flow.data)];
      const { severity, reasons } = severityInContext('high', { restrictedData: facts.classificationOf(data) === 'restricted' });
      const callers = unique(inputs.map((d) => d.source));
      const zones = unique(targets.map((t) => `${t} (${facts.element(t).trust})`));
      return {
        message: say`${process.id} (${process.trust}) relays requests from ${callers} to ${zones} without authorizing them`,
        severity,
        reasons,
        related: [...callers, ...targets],
      };
    },
  },
  {
    id: 'admin-interface-without-authorization',
    category: 'elevation_of_privilege',
    appliesTo: ['process'],
    severity: 'high',
    escalation: 'critical when it is reached from an untrusted source',
    title: 'Administrative interface without role checks',
    description:
      'The process is an administrative interface (tagged or named admin, console, back-office, management) and does not declare `authorizes: true`. Any authenticated user who finds it, not only administrators, can use its functions (forced browsing to admin endpoints).',
    mitigation:
      'Enforce an administrator role on every admin function server-side (not by hiding links), require step-up MFA for sensitive actions, restrict the interface to an admin network, and declare `authorizes: true`.',
    cwe: [285, 862, 425],
    capec: [87, 1],
    references: ['OWASP Top 10 2021 A01', 'OWASP API Security Top 10 2023 API5', 'OWASP ASVS 4.0.3 V4.1.1, V4.3.1', 'NIST SP 800-53 AC-3, AC-6(9)'],
    compliance: { hipaa: ['164.312(a)(1)', '164.308(a)(4)(ii)(C)'], 'pci-dss': ['7.2.2', '7.2.1'], gdpr: ['Art. 32(1)(b)'] },
    fix: { property: 'authorizes', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'element' || facts.flag(subject.element, 'authorizes') === true) return undefined;
      const process = subject.element;
      if (!(adminPattern.test(process.id) || adminPattern.test(process.label) || process.tags.some((t) => adminPattern.test(t)))) return undefined;
      const inputs = facts.flowsInto(process.id);
      if (inputs.length === 0) return undefined;
      const callers = unique(inputs.map((d) => d.source));
      const untrusted = inputs.some((d) => facts.fromUntrusted(d));
      return {
        message: say`admin interface ${process.id} is used by ${callers} without checking for an administrator role`,
        severity: untrusted ? 'critical' : 'high',
        reasons: untrusted ? ['reached from an untrusted source'] : [],
        related: callers,
      };
    },
  },
  {
    id: 'privileged-container',
    category: 'elevation_of_privilege',
    appliesTo: ['process'],
    technology: containerPattern,
    severity: 'high',
    escalation: 'critical when the container receives input from an untrusted source',
    title: 'Container runs privileged',
    description:
      'The process runs in a container (Docker, Kubernetes, ECS, ...) and declares `privileged: true`. A privileged container or one running as root with host mounts shares the node\'s kernel with full capabilities, so a compromise escapes to the node and every other workload on it.',
    mitigation:
      'Run as a non-root user with `privileged: false`, `allowPrivilegeEscalation: false`, all capabilities dropped, a read-only root filesystem and a seccomp/AppArmor profile; enforce it with Pod Security Admission (restricted) and keep host paths, the Docker socket and host networking out of the pod.',
    cwe: [250, 269],
    capec: [233, 1],
    references: ['NIST SP 800-190 4.4', 'CIS Kubernetes Benchmark 5.2', 'OWASP Kubernetes Top 10 K01', 'NIST SP 800-53 AC-6, CM-7'],
    compliance: { hipaa: ['164.308(a)(4)(ii)(B)'], 'pci-dss': ['2.2.6', '7.2.2'], gdpr: ['Art. 32(1)(b)'] },
    fix: { property: 'privileged', value: false },
    check: (subject, facts) => {
      if (subject.kind !== 'element' || facts.flag(subject.element, 'privileged') !== true) return undefined;
      const process = subject.element;
      if (!techOrTag(process, facts, containerPattern)) return undefined;
      const inputs = untrustedInputs(process, facts);
      const sources = unique(inputs.map((d) => d.source));
      return {
        message: sources.length
          ? say`container ${process.id} (${process.tech ?? process.tags}) runs privileged and takes input from ${sources}`
          : say`container ${process.id} (${process.tech ?? process.tags}) runs privileged`,
        severity: sources.length ? 'critical' : 'high',
        reasons: sources.length ? ['receives input from an untrusted source'] : [],
        related: sources,
      };
    },
  },
  {
    id: 'ci-secrets-exposed-to-untrusted-code',
    category: 'elevation_of_privilege',
    appliesTo: ['process'],
    technology: ciPattern,
    severity: 'high',
    escalation: 'critical when the runner is privileged or the secrets are restricted',
    title: 'CI runner with secrets runs code from untrusted contributors',
    description:
      'A CI/CD runner (GitHub Actions, Jenkins, GitLab CI, ...) handles or receives secrets such as deploy keys and cloud tokens, is triggered from an untrusted source (outside contributors, pull requests from forks, external webhooks), and does not declare `authorizes: true`. A malicious pull request runs its own build steps with those secrets and takes over the deployment.',
    mitigation:
      'Never expose secrets to builds of untrusted changes (no `pull_request_target` with checkout of the head, require approval for outside contributors, separate unprivileged runners for PRs), scope tokens to the minimum with OIDC short-lived credentials, protect deploy environments with required reviewers, and declare `authorizes: true`.',
    cwe: [269, 829, 522],
    capec: [437, 233],
    references: ['OWASP Top 10 CI/CD Security Risks CICD-SEC-4, CICD-SEC-6', 'NIST SP 800-204D', 'NIST SP 800-53 AC-6, SA-10, CM-14', 'SLSA v1.0 Build L3'],
    compliance: { 'pci-dss': ['6.2.1', '6.5.3', '8.6.2'], hipaa: ['164.308(a)(4)'], gdpr: ['Art. 32(1)(b)'] },
    fix: { property: 'authorizes', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'element' || facts.flag(subject.element, 'authorizes') === true) return undefined;
      const runner = subject.element;
      if (!techOrTag(runner, facts, ciPattern)) return undefined;
      const secrets = unique(secretData([...runner.handles, ...facts.flowsInto(runner.id).flatMap((d) => d.flow.data), ...facts.flowsOutOf(runner.id).flatMap((d) => d.flow.data)], facts));
      if (secrets.length === 0) return undefined;
      const inputs = untrustedInputs(runner, facts);
      if (inputs.length === 0) return undefined;
      const sources = unique(inputs.map((d) => d.source));
      const { severity, reasons } = severityInContext('high', { restrictedData: facts.classificationOf(secrets) === 'restricted' });
      if (facts.flag(runner, 'privileged') === true && severity !== 'critical') {
        return { message: say`CI runner ${runner.id} exposes ${facts.dataNames(secrets)} to builds triggered by ${sources}`, severity: raiseSeverity(severity), reasons: [...reasons, 'runner is privileged'], related: sources };
      }
      return { message: say`CI runner ${runner.id} exposes ${facts.dataNames(secrets)} to builds triggered by ${sources}`, severity, reasons, related: sources };
    },
  },
  {
    id: 'external-writes-trusted-store',
    category: 'elevation_of_privilege',
    appliesTo: ['flow'],
    from: ['external'],
    to: ['store'],
    severity: 'high',
    escalation: 'critical when the store holds or the flow carries restricted data',
    title: 'External system writes straight into a store in a more trusted zone',
    description:
      'An external system writes directly into a store that sits in a more trusted zone, with no process of the team in between, and the store does not declare `authorizes: true`. The partner (or whoever compromises it) holds write rights over trusted data far beyond the exchange it needs.',
    mitigation:
      'Put an owned ingestion service between the partner and the store that validates and authorizes each write, or restrict the partner\'s credentials to a dedicated inbox location with write-only, least-privilege permissions; declare `authorizes: true` on the store.',
    cwe: [284, 732, 269],
    capec: [122, 1],
    references: ['OWASP ASVS 4.0.3 V1.4, V4.1.3', 'NIST SP 800-53 AC-3, AC-4, AC-6, SA-9'],
    compliance: { hipaa: ['164.312(a)(1)', '164.308(b)(1)'], 'pci-dss': ['7.2.1', '12.8.2'], gdpr: ['Art. 28(3)', 'Art. 32(1)(b)'] },
    fix: { property: 'authorizes', value: true, on: 'flow-target' },
    check: (subject, facts) => {
      if (subject.kind !== 'flow') return undefined;
      const { flow, direction } = subject;
      const source = facts.sourceOf(direction);
      const store = facts.targetOf(direction);
      if (facts.flag(store, 'authorizes') === true || !facts.entersMoreTrusted(direction)) return undefined;
      const { severity, reasons } = severityInContext('high', { restrictedData: facts.classificationOf([...store.holds, ...flow.data]) === 'restricted' });
      return {
        message: say`external ${source.id} writes into store ${store.id} (${store.trust}) without authorization at the store`,
        severity,
        reasons,
        related: [source.id, store.id, ...facts.boundariesCrossed(direction)],
      };
    },
  },
  {
    id: 'direct-store-write-without-authorization',
    category: 'elevation_of_privilege',
    appliesTo: ['flow'],
    from: ['actor'],
    to: ['store'],
    severity: 'medium',
    escalation: 'high when the store holds confidential data, one step more for restricted data',
    title: 'Person writes to a store directly and the store does not authorize',
    description:
      'A person connects straight to a store, with no application enforcing their role, and the store does not declare `authorizes: true`. Whatever the connection\'s account may do, the person may do: typically read and write every table or object, far beyond what their job needs.',
    mitigation:
      'Route people through an application that enforces their role; where direct access is needed, give individual accounts least-privilege grants (read-only by default, row-level security, just-in-time elevation) and declare `authorizes: true` on the store.',
    cwe: [862, 269, 732],
    capec: [122, 1],
    references: ['OWASP ASVS 4.0.3 V4.1.3, V4.1.5', 'NIST SP 800-53 AC-3, AC-6, AC-6(5)', 'CIS Controls v8 6.8'],
    compliance: { hipaa: ['164.312(a)(1)', '164.308(a)(4)(ii)(B)'], 'pci-dss': ['7.2.1', '7.2.2', '7.2.6'], gdpr: ['Art. 25(2)', 'Art. 32(1)(b)'] },
    check: (subject, facts) => {
      if (subject.kind !== 'flow') return undefined;
      const { flow, direction } = subject;
      const actor = facts.sourceOf(direction);
      const store = facts.targetOf(direction);
      if (facts.flag(store, 'authorizes') === true) return undefined;
      const data = [...store.holds, ...flow.data];
      const sensitive = facts.hasDataAtLeast(data, 'confidential');
      const { severity, reasons: context } = severityInContext(sensitive ? 'high' : 'medium', { restrictedData: facts.classificationOf(data) === 'restricted' });
      const reasons = sensitive && facts.classificationOf(data) !== 'restricted' ? [...context, 'confidential data'] : context;
      return { message: say`actor ${actor.id} works on store ${store.id} directly with no authorization at the store`, severity, reasons, related: [actor.id, store.id] };
    },
  },
  {
    id: 'control-plane-reachable-from-exposed-process',
    category: 'elevation_of_privilege',
    appliesTo: ['flow'],
    from: ['process'],
    to: ['process', 'store'],
    technology: controlPlanePattern,
    severity: 'high',
    escalation: 'critical when the exposed process is reached straight from outside every boundary',
    title: 'Exposed process can drive an infrastructure control plane without scoped rights',
    description:
      'A process that takes input from an untrusted source calls an infrastructure control plane (Kubernetes API, Docker socket, kubelet, cloud IAM or management API, Vault, Terraform) that does not declare `authorizes: true`. Compromising the exposed process gives the attacker the control plane\'s full rights: creating privileged workloads, reading every secret, taking over the cluster or account.',
    mitigation:
      'Keep control-plane access out of internet-facing workloads; where needed, give the workload an identity with a narrowly scoped role (Kubernetes RBAC on one namespace and verb, IAM conditions, Vault policies), never mount the Docker socket, and declare `authorizes: true` on the control plane.',
    cwe: [269, 250, 732],
    capec: [233, 122],
    references: ['OWASP Kubernetes Top 10 K03', 'CIS Kubernetes Benchmark 5.1', 'NIST SP 800-190 4.3', 'NIST SP 800-53 AC-6, AC-3'],
    compliance: { hipaa: ['164.308(a)(4)(ii)(B)', '164.312(a)(1)'], 'pci-dss': ['7.2.1', '7.2.2', '2.2.6'], gdpr: ['Art. 32(1)(b)'] },
    fix: { property: 'authorizes', value: true, on: 'flow-target' },
    check: (subject, facts) => {
      if (subject.kind !== 'flow') return undefined;
      const { direction } = subject;
      const caller = facts.sourceOf(direction);
      const plane = facts.targetOf(direction);
      // Cheapest disqualifier first: most callers take no untrusted input (a cached list).
      const inputs = untrustedInputs(caller, facts);
      if (inputs.length === 0 || !techOrTag(plane, facts, controlPlanePattern) || facts.flag(plane, 'authorizes') === true) return undefined;
      const sources = unique(inputs.map((d) => d.source));
      const outside = fromOutside(inputs, facts);
      return {
        message: say`${caller.id}, reachable from ${sources}, drives control plane ${plane.id} (${plane.tech ?? plane.tags}) with unscoped rights`,
        severity: outside ? 'critical' : 'high',
        reasons: outside ? ['the caller is reachable straight from the untrusted zone'] : [],
        related: [...sources, plane.id],
      };
    },
  },
  // The STRIDE-per-element checklist (`checklist: true` on `model`): questions without evidence.
  reminder({
    id: 'stride-elevation-of-privilege-process',
    category: 'elevation_of_privilege',
    appliesTo: ['process'],
    title: 'Checklist: could a caller do more here than it may?',
    description:
      'The model does not say whether the process checks what each caller may do. Authenticated is not authorised: any caller may reach any function and any record.',
    mitigation: 'Decide how each action is authorised (roles, ownership checks, policy engine) and declare `authorizes: true` or `false`.',
    cwe: [862, 269],
    capec: [233, 122],
    references: ['OWASP ASVS 4.0.3 V4.1', 'NIST SP 800-53 AC-3, AC-6'],
    compliance: { hipaa: ['164.312(a)(1)'], 'pci-dss': ['7.2.1'], gdpr: ['Art. 25(2)', 'Art. 32(1)(b)'] },
    ask: (id) => say`checklist: could a caller do more in ${id} than it may? Answer with authorizes: true or false`,
    decided: declares('authorizes'),
  }),
];
