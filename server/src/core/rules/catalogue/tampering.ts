import { declares, encryptionKnown, reminder } from './reminder';
import type { Classification, DataFlow, DirectedFlow, Element } from '../../model/threat-model';
import { distinctSources, isSensitive, ModelFacts, severityInContext } from '../facts';
import { Message, say } from '../message';
import { BuiltInRule, Evidence } from '../rule';

/** Flows that bring input the process cannot trust: from people, external systems or untrusted zones, or into a more trusted zone. */
function untrustedInputs(facts: ModelFacts, process: Element): readonly DirectedFlow[] {
  return facts.exposedInputs(process.id);
}

/**
 * Injection into a back end: the process takes untrusted input, neither validates it nor encodes
 * what it sends on, and writes to or queries a store of the given technology.
 */
function injectionInto(facts: ModelFacts, process: Element, backend: RegExp): { stores: Element[]; inputs: readonly DirectedFlow[]; classification: Classification | undefined } | undefined {
  if (process.kind !== 'process' || facts.flag(process, 'validates_input') === true || facts.flag(process, 'sanitizes_output') === true) return undefined;
  // The untrusted inputs are a cached list, cheaper than matching every store called against the pattern.
  const inputs = untrustedInputs(facts, process);
  if (inputs.length === 0) return undefined;
  let calls: DirectedFlow[] | undefined;
  for (const d of facts.flowsOutOf(process.id)) {
    const target = facts.targetOf(d);
    if (target.kind === 'store' && (facts.matches(backend, facts.tech(target)) || facts.matches(backend, facts.flowTech(d)))) (calls ??= []).push(d);
  }
  if (!calls) return undefined;
  const stores = [...new Set(calls.map((d) => d.target))].map((id) => facts.element(id));
  const classification = facts.classificationWithFlows([...process.handles, ...stores.flatMap((s) => s.holds)], calls);
  return { stores, inputs, classification };
}

/**
 * The `check` of an injection rule: high (critical for restricted data, or for a privileged
 * process when the rule says so) when untrusted input reaches a matching store unvalidated.
 */
function injectionCheck(backend: RegExp, describe: (process: string, stores: readonly Element[], sources: readonly string[]) => Message, options: { privilegedIsCritical?: boolean } = {}): BuiltInRule['check'] {
  return (subject, facts) => {
    if (subject.kind !== 'element') return undefined;
    const process = subject.element;
    const hit = injectionInto(facts, process, backend);
    if (!hit) return undefined;
    let { severity, reasons } = severityInContext('high', { restrictedData: hit.classification === 'restricted' });
    if (options.privilegedIsCritical && facts.flag(process, 'privileged') === true) {
      severity = 'critical';
      reasons = [...reasons, 'runs privileged'];
    }
    const sources = distinctSources(hit.inputs);
    return { message: describe(process.id, hit.stores, sources), severity, reasons, related: [...hit.stores.map((s) => s.id), ...sources] };
  };
}

const sqlBackend = /postgres|mysql|mariadb|mssql|sql ?server|oracle|sqlite|\bsql\b|aurora|cockroach|redshift|snowflake|bigquery|db2|jdbc/;
const nosqlBackend = /mongo|couch|documentdb|cosmos|dynamo|firestore|cassandra|arangodb|ravendb/;
const ldapBackend = /ldap|active ?directory|\bad\b|openldap|389-ds/;
const fileBackend = /\b(file ?system|filesystem|files?|nfs|smb|cifs|efs|disk|volume|fs|uploads?)\b/;
const shellTech = /(^|[^a-z])(sh|bash|zsh|ksh|shell|powershell|pwsh|cmd|exec|subprocess|popen|system)([^a-z]|$)/;
const templateTech = /jinja|handlebars|freemarker|velocity|thymeleaf|twig|\berb\b|mustache|\bpug\b|\bjade\b|smarty|mako|liquid|nunjucks|\bejs\b|razor|template/;
const serializationTech = /\brmi\b|java[- ]?serial|objectinputstream|pickle|binaryformatter|\biiop\b|\bt3\b|kryo|hessian|xstream|marshal|php[- ]?serial|unserialize|\bjms\b|yaml\.load/;
const brokerTech = /kafka|rabbit|amqp|activemq|artemis|mqtt|mosquitto|\bnats\b|\bsqs\b|\bsns\b|pub\/?sub|pulsar|service ?bus|event ?hub|kinesis|zeromq|queue/;
const cacheTech = /redis|memcache|valkey|keydb|hazelcast|ehcache|\bcache\b/;
const logStore = /elasticsearch|opensearch|splunk|loki|cloudwatch|logstash|datadog|kibana|\blogs?\b|logging|audit|siem|syslog/;
const artifactStore = /artifact|container ?registry|docker ?registry|image ?registry|\bregistry\b|nexus|artifactory|\becr\b|\bgcr\b|\bacr\b|harbor|npm|pypi|maven|helm|package/;
const configStore = /config|secret|vault|parameter ?store|\bssm\b|consul|etcd|zookeeper|key ?vault|feature ?flag/;
const codeDelivery = /update|firmware|plugin|package|artifact|release|patch|installer|binary|image|script|code/;

/**
 * Whether a flow from an external system looks like code delivery: its label, ID, tags, data
 * (IDs, labels, tags), or the source's technology or tags name updates, packages, scripts and the
 * like. Each word is tested alone, lower-cased, with no sentence of them built: the pattern holds
 * no spaces, so it could not match across two words anyway.
 */
function deliversCode(flow: DataFlow, source: Element, facts: ModelFacts): boolean {
  const says = (text: string): boolean => codeDelivery.test(text.toLowerCase());
  if (says(flow.label) || (!flow.generatedId && says(flow.id))) return true;
  const flowTags = flow.properties.get('tags');
  if (Array.isArray(flowTags) && flowTags.some((tag) => says(String(tag)))) return true;
  for (const id of flow.data) {
    const asset = facts.model.data.get(id);
    if (says(id) || (asset && (says(asset.label) || asset.tags.some(says)))) return true;
  }
  return says(facts.tech(source)) || source.tags.some(says);
}

/** Whether a flow is plain web traffic (http or https). */
const web = (d: DirectedFlow): boolean => /^https?$/.test((d.flow.protocol ?? '').toLowerCase());

/**
 * The evidence of `cross-site-scripting` on a process that answers people: the people who send it
 * input and get pages back over HTTP. Apart from the check, so that the check's quick refusals
 * allocate nothing (its callbacks here would need a closure context on every call).
 */
function unencodedPages(process: Element, facts: ModelFacts): Evidence | undefined {
  const inputs = facts.flowsInto(process.id).filter((d) => facts.sourceOf(d).kind === 'actor' && web(d));
  const pages = facts.flowsOutOf(process.id).filter((d) => facts.targetOf(d).kind === 'actor' && web(d));
  if (inputs.length === 0 || pages.length === 0) return undefined;
  const classification = facts.classificationWithFlows(process.handles, pages);
  const { severity, reasons } = severityInContext('medium', {
    restrictedData: classification === 'restricted',
    confidentialData: isSensitive(classification),
  });
  const users = [...new Set([...inputs.map((d) => d.source), ...pages.map((d) => d.target)])];
  return { message: say`${process.id} serves content to ${users} over HTTP without encoding the input it receives from them`, severity, reasons, related: users };
}

/** Tampering: changing data or code without permission. */
export const tamperingRules: readonly BuiltInRule[] = [
  {
    id: 'sql-injection',
    category: 'tampering',
    appliesTo: ['process'],
    technology: sqlBackend,
    severity: 'high',
    escalation: 'critical when the database holds, or the process handles or sends, restricted data',
    title: 'SQL injection into a relational database',
    description:
      'The process takes input from an untrusted source and queries a SQL database, but declares neither `validates_input: true` nor `sanitizes_output: true` (parameterised queries). Input spliced into SQL lets an attacker read, change or delete any row the service account can reach.',
    mitigation:
      'Use parameterised queries or a query builder everywhere (never string concatenation), validate input against an allow-list, run the database user with least privilege, and declare `sanitizes_output: true`.',
    cwe: [89, 20],
    capec: [66, 7],
    references: ['OWASP Top 10 2021 A03', 'OWASP ASVS 4.0.3 V5.3.4, V5.3.5', 'NIST SP 800-53 SI-10', 'OWASP SQL Injection Prevention Cheat Sheet'],
    compliance: { hipaa: ['164.312(c)(1)'], 'pci-dss': ['6.2.4'], gdpr: ['Art. 32(1)(b)'] },
    fix: { property: 'sanitizes_output', value: true },
    check: injectionCheck(sqlBackend, (process, stores, sources) => say`${process} builds queries for ${stores.map((s) => s.id)} from input sent by ${sources} without validating or parameterising it`),
  },
  {
    id: 'nosql-injection',
    category: 'tampering',
    appliesTo: ['process'],
    technology: nosqlBackend,
    severity: 'high',
    escalation: 'critical when the document store holds, or the process handles or sends, restricted data',
    title: 'NoSQL injection into a document or key-value database',
    description:
      'The process takes input from an untrusted source and queries a NoSQL database (MongoDB, DynamoDB, Cosmos DB, Elasticsearch, ...) without declaring input validation or output encoding. JSON operators such as `$ne` or `$where` smuggled in request bodies change the query\'s meaning and can bypass checks or rewrite documents.',
    mitigation:
      'Validate request bodies against a schema that rejects operator keys and unexpected types, build queries with typed driver APIs rather than from raw objects, disable server-side JavaScript, and declare `sanitizes_output: true`.',
    cwe: [943, 20],
    capec: [676, 248],
    references: ['OWASP Top 10 2021 A03', 'OWASP ASVS 4.0.3 V5.3.4', 'NIST SP 800-53 SI-10', 'OWASP WSTG-INPV-05.6 (NoSQL injection)'],
    compliance: { hipaa: ['164.312(c)(1)'], 'pci-dss': ['6.2.4'], gdpr: ['Art. 32(1)(b)'] },
    fix: { property: 'sanitizes_output', value: true },
    check: injectionCheck(nosqlBackend, (process, stores, sources) => say`${process} queries ${stores.map((s) => `${s.id} (${s.tech ?? 'nosql'})`)} with unvalidated input from ${sources}`),
  },
  {
    id: 'ldap-injection',
    category: 'tampering',
    appliesTo: ['process'],
    technology: ldapBackend,
    severity: 'high',
    escalation: 'critical when restricted data is involved',
    title: 'LDAP injection into a directory',
    description:
      'The process takes input from an untrusted source and queries or modifies an LDAP directory (Active Directory, OpenLDAP) without declaring input validation or output encoding. Filter metacharacters in user names can widen searches, bypass login checks or change directory entries.',
    mitigation:
      'Escape every value placed in an LDAP filter or DN (RFC 4515 / RFC 4514 encoding), validate identifiers against an allow-list, bind with a least-privilege account, and declare `sanitizes_output: true`.',
    cwe: [90, 20],
    capec: [136],
    references: ['OWASP Top 10 2021 A03', 'OWASP ASVS 4.0.3 V5.3.7', 'NIST SP 800-53 SI-10', 'OWASP LDAP Injection Prevention Cheat Sheet'],
    compliance: { hipaa: ['164.312(c)(1)', '164.312(d)'], 'pci-dss': ['6.2.4'], gdpr: ['Art. 32(1)(b)'] },
    fix: { property: 'sanitizes_output', value: true },
    check: injectionCheck(ldapBackend, (process, stores, sources) => say`${process} builds LDAP filters for ${stores.map((s) => s.id)} from unvalidated input sent by ${sources}`),
  },
  {
    id: 'path-traversal-file-write',
    category: 'tampering',
    appliesTo: ['process'],
    technology: fileBackend,
    severity: 'high',
    escalation: 'critical when the process runs privileged or restricted data is involved',
    title: 'Untrusted input chooses where files are written',
    description:
      'The process takes input from an untrusted source and writes to a file system, volume or file share, without declaring input validation or output encoding. File names containing `../`, absolute paths or links let a caller overwrite configuration, code or other users\' files.',
    mitigation:
      'Never build paths from caller input: generate file names server-side, canonicalise and check the result stays under a fixed base directory, reject links, run with a write-restricted account, and declare `validates_input: true`.',
    cwe: [22, 73],
    capec: [126, 139],
    references: ['OWASP Top 10 2021 A01', 'OWASP ASVS 4.0.3 V12.3.1, V12.3.2', 'NIST SP 800-53 SI-10', 'NIST SP 800-53 AC-6'],
    compliance: { hipaa: ['164.312(c)(1)'], 'pci-dss': ['6.2.4'], gdpr: ['Art. 32(1)(b)'] },
    fix: { property: 'validates_input', value: true },
    check: injectionCheck(fileBackend, (process, stores, sources) => say`${process} writes to ${stores.map((s) => s.id)} using unvalidated input from ${sources}`, { privilegedIsCritical: true }),
  },
  {
    id: 'command-injection',
    category: 'tampering',
    appliesTo: ['process'],
    technology: shellTech,
    severity: 'high',
    escalation: 'critical when the process runs privileged or handles restricted data',
    title: 'OS command injection',
    description:
      'The process runs shell commands or external programs (its technology or tags say shell, bash, PowerShell, exec, subprocess) and takes input from an untrusted source, without declaring input validation or output encoding. Shell metacharacters in that input run arbitrary commands with the process\'s rights.',
    mitigation:
      'Call programs through APIs that take an argument vector with no shell, pass caller input only as data (never as part of the command line), validate it against a strict allow-list, drop privileges, and declare `validates_input: true`.',
    cwe: [78, 77],
    capec: [88, 6],
    references: ['OWASP Top 10 2021 A03', 'OWASP ASVS 4.0.3 V5.3.8', 'NIST SP 800-53 SI-10', 'OWASP OS Command Injection Defense Cheat Sheet'],
    compliance: { hipaa: ['164.312(c)(1)'], 'pci-dss': ['6.2.4'], gdpr: ['Art. 32(1)(b)'] },
    fix: { property: 'validates_input', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'element' || subject.element.kind !== 'process') return undefined;
      const process = subject.element;
      if (facts.flag(process, 'validates_input') === true || facts.flag(process, 'sanitizes_output') === true) return undefined;
      if (!facts.matches(shellTech, facts.tech(process)) && !process.tags.some((t) => shellTech.test(t.toLowerCase()))) return undefined;
      const inputs = untrustedInputs(facts, process);
      if (inputs.length === 0) return undefined;
      let { severity, reasons } = severityInContext('high', { restrictedData: facts.classificationWithFlows(process.handles, inputs) === 'restricted' });
      if (facts.flag(process, 'privileged') === true) {
        severity = 'critical';
        reasons = [...reasons, 'runs privileged'];
      }
      const sources = distinctSources(inputs);
      return { message: say`${process.id} (${process.tech ?? process.tags}) runs commands built from input sent by ${sources} without validating it`, severity, reasons, related: sources };
    },
  },
  {
    id: 'server-side-template-injection',
    category: 'tampering',
    appliesTo: ['process'],
    technology: templateTech,
    severity: 'high',
    escalation: 'critical when the process runs privileged or handles restricted data',
    title: 'Server-side template injection',
    description:
      'The process renders templates with a template engine (Jinja, Handlebars, FreeMarker, Velocity, Thymeleaf, Twig, ...) and takes input from an untrusted source without declaring `validates_input: true`. Input that reaches the template source, rather than only its variables, is evaluated by the engine and usually leads to code execution.',
    mitigation:
      'Load templates only from trusted files, pass caller input only as context variables, use the engine\'s sandbox or logic-less mode, validate input, and declare `validates_input: true`.',
    cwe: [1336, 94],
    capec: [242],
    references: ['OWASP Top 10 2021 A03', 'OWASP ASVS 4.0.3 V5.2.5', 'NIST SP 800-53 SI-10', 'OWASP WSTG-INPV-18 (SSTI)'],
    compliance: { hipaa: ['164.312(c)(1)'], 'pci-dss': ['6.2.4'], gdpr: ['Art. 32(1)(b)'] },
    fix: { property: 'validates_input', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'element' || subject.element.kind !== 'process') return undefined;
      const process = subject.element;
      if (facts.flag(process, 'validates_input') === true) return undefined;
      if (!facts.matches(templateTech, facts.tech(process)) && !process.tags.some((t) => templateTech.test(t.toLowerCase()))) return undefined;
      const inputs = untrustedInputs(facts, process);
      if (inputs.length === 0) return undefined;
      let { severity, reasons } = severityInContext('high', { restrictedData: facts.classificationWithFlows(process.handles, inputs) === 'restricted' });
      if (facts.flag(process, 'privileged') === true) {
        severity = 'critical';
        reasons = [...reasons, 'runs privileged'];
      }
      const sources = distinctSources(inputs);
      return { message: say`${process.id} renders ${process.tech ?? 'templates'} with unvalidated input from ${sources}`, severity, reasons, related: sources };
    },
  },
  {
    id: 'cross-site-scripting',
    category: 'tampering',
    appliesTo: ['process'],
    severity: 'medium',
    escalation: 'one step for restricted data (or confidential data) handled by the process or carried to the user',
    title: 'Cross-site scripting: user input echoed to browsers without encoding',
    description:
      'The process takes input from people and serves pages or responses back to them over HTTP, and does not declare `sanitizes_output: true`. Script injected by one user runs in another user\'s browser, where it can change what they see and act with their session.',
    mitigation:
      'Encode all output for its context (HTML, attribute, JavaScript, URL) with a framework that auto-escapes, sanitise rich text with a vetted library, set a strict Content-Security-Policy, and declare `sanitizes_output: true`.',
    cwe: [79, 80],
    capec: [63, 592],
    references: ['OWASP Top 10 2021 A03', 'OWASP ASVS 4.0.3 V5.3.3, V14.4.3', 'NIST SP 800-53 SI-10', 'OWASP XSS Prevention Cheat Sheet'],
    compliance: { hipaa: ['164.312(c)(1)'], 'pci-dss': ['6.2.4', '6.4.1'], gdpr: ['Art. 32(1)(b)'] },
    fix: { property: 'sanitizes_output', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'element' || subject.element.kind !== 'process' || facts.flag(subject.element, 'sanitizes_output') === true) return undefined;
      const process = subject.element;
      // Cheapest disqualifier first: most processes send nothing back to a person.
      if (!facts.hasFlowTo(process.id, 'actor')) return undefined;
      return unencodedPages(process, facts);
    },
  },
  {
    id: 'unvalidated-untrusted-input',
    category: 'tampering',
    appliesTo: ['process'],
    severity: 'medium',
    escalation: 'one step for restricted data (or confidential data) handled or received',
    title: 'Untrusted input enters a more trusted zone without validation',
    description:
      'The process sits in a more trusted zone than a person, external system or component that sends it data, and does not declare `validates_input: true`. Malformed, oversized or malicious input reaches business logic unchecked and can corrupt state, bypass rules or exploit parsers.',
    mitigation:
      'Validate every input at the trust boundary against a schema (types, lengths, ranges, allow-listed values), reject rather than repair, and declare `validates_input: true`.',
    cwe: [20, 1287],
    capec: [153, 28],
    references: ['OWASP Top 10 2021 A03', 'OWASP ASVS 4.0.3 V5.1', 'NIST SP 800-53 SI-10', 'OWASP Input Validation Cheat Sheet'],
    compliance: { hipaa: ['164.312(c)(1)'], 'pci-dss': ['6.2.4'], gdpr: ['Art. 32(1)(b)', 'Art. 5(1)(d)'] },
    fix: { property: 'validates_input', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'element' || subject.element.kind !== 'process' || facts.flag(subject.element, 'validates_input') === true) return undefined;
      const process = subject.element;
      // Privileged processes are covered by `privileged-process-unvalidated-input`.
      if (facts.flag(process, 'privileged') === true) return undefined;
      const inputs = facts.flowsInto(process.id).filter((d) => facts.fromUntrusted(d) && facts.entersMoreTrusted(d));
      if (inputs.length === 0) return undefined;
      const classification = facts.classificationWithFlows(process.handles, inputs);
      const { severity, reasons } = severityInContext('medium', {
        restrictedData: classification === 'restricted',
        confidentialData: isSensitive(classification),
      });
      const sources = distinctSources(inputs);
      return { message: say`${process.id} (${process.trust} trust) accepts input from ${sources} without validating it`, severity, reasons, related: sources };
    },
  },
  {
    id: 'insecure-deserialization',
    category: 'tampering',
    appliesTo: ['process'],
    technology: serializationTech,
    severity: 'high',
    escalation: 'critical when the serialized objects come from an untrusted source into a more trusted zone, or the process runs privileged',
    title: 'Native objects deserialized from untrusted input',
    description:
      'The process receives data over a native object-serialization format (Java serialization, RMI, T3/IIOP, Python pickle, .NET BinaryFormatter, PHP unserialize, ...) from another zone or an untrusted source, and does not declare `validates_input: true`. Crafted object graphs run gadget chains during deserialization: tampered state at best, remote code execution at worst.',
    mitigation:
      'Replace native serialization with a data-only format (JSON, Protobuf) and schema validation; where that is impossible, sign the payloads, use allow-list deserialization filters (JEP 290), run the parser with least privilege, and declare `validates_input: true`.',
    cwe: [502],
    capec: [586],
    references: ['OWASP Top 10 2021 A08', 'OWASP ASVS 4.0.3 V5.5.1, V5.5.3', 'NIST SP 800-53 SI-10', 'OWASP Deserialization Cheat Sheet'],
    compliance: { hipaa: ['164.312(c)(1)'], 'pci-dss': ['6.2.4'], gdpr: ['Art. 32(1)(b)'] },
    fix: { property: 'validates_input', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'element' || subject.element.kind !== 'process' || facts.flag(subject.element, 'validates_input') === true) return undefined;
      const process = subject.element;
      if (facts.exposedOrCrossingCount(process.id) === 0) return undefined;
      const ownTech = facts.matches(serializationTech, facts.tech(process));
      const inputs = facts
        .flowsInto(process.id)
        .filter((d) => (facts.fromUntrusted(d) || facts.crossesBoundary(d)) && (ownTech || facts.matches(serializationTech, facts.flowTech(d))));
      if (inputs.length === 0) return undefined;
      const reasons: string[] = [];
      if (inputs.some((d) => facts.fromUntrusted(d) && facts.entersMoreTrusted(d))) reasons.push('enters a more trusted zone from an untrusted source');
      if (facts.flag(process, 'privileged') === true) reasons.push('runs privileged');
      const sources = distinctSources(inputs);
      const formats = [...new Set(inputs.map((d) => d.flow.protocol ?? process.tech ?? 'serialized objects'))];
      return {
        message: say`${process.id} deserializes ${formats} from ${sources} without validating it`,
        severity: reasons.length ? 'critical' : 'high',
        reasons,
        related: sources,
      };
    },
  },
  {
    id: 'shared-store-without-authorization',
    category: 'tampering',
    appliesTo: ['store'],
    severity: 'medium',
    escalation: 'one step for restricted data (or confidential data) held or written',
    title: 'Store written by several services without authorization',
    description:
      'Two or more processes write to the store and it does not declare `authorizes: true`. Each writer holds full write access to everything, so a bug or compromise in one service can change or delete data owned by the others.',
    mitigation:
      'Give each writer its own credentials with grants limited to its tables, schemas, prefixes or keys (row-level security, IAM conditions), or split the store per service; declare `authorizes: true`.',
    cwe: [732, 284],
    capec: [122, 75],
    references: ['OWASP Top 10 2021 A01', 'OWASP ASVS 4.0.3 V4.1.3', 'NIST SP 800-53 AC-3', 'NIST SP 800-53 AC-6'],
    compliance: { hipaa: ['164.312(a)(1)', '164.312(c)(1)'], 'pci-dss': ['7.2.1', '7.2.2'], gdpr: ['Art. 25(2)', 'Art. 32(1)(b)'] },
    fix: { property: 'authorizes', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'element' || subject.element.kind !== 'store' || facts.flag(subject.element, 'authorizes') === true) return undefined;
      const store = subject.element;
      // Two writers need two flows in: most stores have one.
      if (facts.flowsInto(store.id).length < 2) return undefined;
      const writes = facts.flowsInto(store.id).filter((d) => facts.sourceOf(d).kind === 'process');
      const writers = distinctSources(writes);
      if (writers.length < 2) return undefined;
      const classification = facts.classificationWithFlows(store.holds, writes);
      const { severity, reasons } = severityInContext('medium', {
        restrictedData: classification === 'restricted',
        confidentialData: isSensitive(classification),
      });
      return { message: say`store ${store.id} is written by ${writers} with no authorization between them`, severity, reasons, related: writers };
    },
  },
  {
    id: 'message-queue-injection',
    category: 'tampering',
    appliesTo: ['store'],
    technology: brokerTech,
    severity: 'medium',
    escalation: 'high when a producer is in another zone or untrusted, one step more for restricted data',
    title: 'Forged messages on an unauthenticated broker reach unvalidating consumers',
    description:
      'A message broker or queue (Kafka, RabbitMQ, AMQP, MQTT, SQS, ...) does not declare `authenticates: true`, and at least one process consumes from it without declaring `validates_input: true`. Anything that can reach the broker can publish or alter messages that the consumer acts on as if they came from the legitimate producer.',
    mitigation:
      'Require client authentication on the broker (SASL/SCRAM, mTLS, IAM) with per-topic ACLs for producers, sign or validate message payloads in consumers, and declare `authenticates: true`.',
    cwe: [345, 306, 20],
    capec: [594, 148],
    references: ['OWASP ASVS 4.0.3 V13.1, V5.1', 'NIST SP 800-53 SC-23', 'NIST SP 800-53 SI-10', 'OWASP Top 10 2021 A08'],
    compliance: { hipaa: ['164.312(c)(1)', '164.312(d)'], 'pci-dss': ['6.2.4', '8.6.1'], gdpr: ['Art. 32(1)(b)'] },
    fix: { property: 'authenticates', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'element' || subject.element.kind !== 'store' || facts.flag(subject.element, 'authenticates') === true) return undefined;
      const broker = subject.element;
      const producers = facts.flowsInto(broker.id);
      if (producers.length === 0) return undefined;
      if (!facts.matches(brokerTech, facts.tech(broker)) && !producers.some((d) => facts.matches(brokerTech, facts.flowTech(d)))) return undefined;
      const consumers = facts
        .flowsOutOf(broker.id)
        .filter((d) => facts.targetOf(d).kind === 'process' && facts.flag(facts.targetOf(d), 'validates_input') !== true)
        .map((d) => d.target);
      if (consumers.length === 0) return undefined;
      const exposed = producers.some((d) => facts.crossesBoundary(d) || facts.fromUntrusted(d));
      const classification = facts.classificationWithFlows(broker.holds, producers);
      const { severity, reasons: context } = severityInContext(exposed ? 'high' : 'medium', { restrictedData: classification === 'restricted' });
      const reasons = exposed ? ['a producer is in another zone or untrusted', ...context] : context;
      const unique = [...new Set(consumers)];
      return {
        message: say`broker ${broker.id} accepts unauthenticated messages that ${unique} consume without validation`,
        severity,
        reasons,
        related: [...distinctSources(producers), ...unique],
      };
    },
  },
  {
    id: 'cache-poisoning',
    category: 'tampering',
    appliesTo: ['store'],
    technology: cacheTech,
    severity: 'medium',
    escalation: 'high when a writer is in another zone or untrusted, one step for restricted data (or confidential data)',
    title: 'Cache entries can be poisoned for the services that read them',
    description:
      'An in-memory cache (Redis, Memcached, Valkey, Hazelcast, ...) does not declare `authenticates: true`, and it is written by a component other than the process that reads it, or from another zone. A writer, or anything that reaches the cache port, can plant entries that readers serve as trusted results.',
    mitigation:
      'Require authentication and per-client ACLs on the cache (Redis ACLs, Memcached SASL), keep it on a private network, namespace keys per writer, validate or sign cached values that drive decisions, and declare `authenticates: true`.',
    cwe: [349, 345, 306],
    capec: [141],
    references: ['OWASP ASVS 4.0.3 V14.1.1', 'NIST SP 800-53 SC-23', 'NIST SP 800-53 AC-3', 'OWASP Top 10 2021 A08'],
    compliance: { hipaa: ['164.312(c)(1)'], 'pci-dss': ['8.6.1', '7.2.1'], gdpr: ['Art. 32(1)(b)'] },
    fix: { property: 'authenticates', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'element' || subject.element.kind !== 'store' || facts.flag(subject.element, 'authenticates') === true) return undefined;
      const cache = subject.element;
      if (!facts.matches(cacheTech, facts.tech(cache))) return undefined;
      const readers = facts
        .flowsOutOf(cache.id)
        .filter((d) => facts.targetOf(d).kind === 'process')
        .map((d) => d.target);
      const writes = facts.flowsInto(cache.id);
      if (readers.length === 0 || writes.length === 0) return undefined;
      const exposed = writes.some((d) => facts.crossesBoundary(d) || facts.fromUntrusted(d));
      const foreign = writes.filter((d) => !readers.includes(d.source));
      if (!exposed && foreign.length === 0) return undefined;
      const classification = facts.classificationWithFlows(cache.holds, writes);
      const { severity, reasons: context } = severityInContext(exposed ? 'high' : 'medium', {
        restrictedData: classification === 'restricted',
        confidentialData: !exposed && isSensitive(classification),
      });
      const reasons = exposed ? ['written from another zone or an untrusted source', ...context] : context;
      const writers = distinctSources(exposed ? writes : foreign);
      const unique = [...new Set(readers)];
      return { message: say`${writers} can poison ${cache.id} (${cache.tech ?? ''}) entries that ${unique} read, with no authentication`, severity, reasons, related: [...writers, ...unique] };
    },
  },
  {
    id: 'log-tampering',
    category: 'tampering',
    appliesTo: ['store'],
    severity: 'medium',
    escalation: 'high for audit logs (named or tagged audit) or when a writer is in another zone',
    title: 'Log store writable without authorization',
    description:
      'A log, audit or observability store does not declare `authorizes: true` and is written by several components or from another zone. Any writer can alter or delete past entries, or inject false ones, which destroys the evidence investigations rely on.',
    mitigation:
      'Make logs append-only for writers (write-once storage, object lock, separate ingest credentials with no update/delete grant), ship them to a separate account, protect integrity with hash chaining or signing, and declare `authorizes: true`.',
    cwe: [117, 284, 693],
    capec: [268, 93],
    references: ['OWASP Top 10 2021 A09', 'OWASP ASVS 4.0.3 V7.3.3, V7.3.4', 'NIST SP 800-53 AU-9', 'NIST SP 800-92'],
    compliance: { hipaa: ['164.312(b)', '164.312(c)(1)'], 'pci-dss': ['10.3.2', '10.3.4'], gdpr: ['Art. 32(1)(b)'] },
    fix: { property: 'authorizes', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'element' || subject.element.kind !== 'store' || facts.flag(subject.element, 'authorizes') === true) return undefined;
      const store = subject.element;
      const id = facts.identity(store);
      if (!logStore.test(id)) return undefined;
      const writes = facts.flowsInto(store.id);
      const writers = distinctSources(writes);
      const crossing = writes.some((d) => facts.crossesBoundary(d));
      if (writers.length < 2 && !crossing) return undefined;
      const reasons: string[] = [];
      if (/audit/.test(id)) reasons.push('audit log');
      if (crossing) reasons.push('written from another zone');
      return { message: say`log store ${store.id} can be altered by its writers ${writers}: no authorization`, severity: reasons.length ? 'high' : 'medium', reasons, related: writers };
    },
  },
  {
    id: 'build-artifact-tampering',
    category: 'tampering',
    appliesTo: ['store'],
    severity: 'high',
    escalation: 'critical when a writer is a person, an external system or untrusted, or writes from another zone',
    title: 'Build artifacts or images can be replaced in the registry',
    description:
      'An artifact, package or container registry (by technology, tags or name) does not declare `authorizes: true` and is written to. Whoever can push can replace a release or image with a backdoored one that every later deployment installs.',
    mitigation:
      'Restrict push rights to the CI identity per repository, make release tags immutable, sign artifacts and images (Sigstore/cosign, in-toto/SLSA provenance) and verify signatures at deploy time; declare `authorizes: true`.',
    cwe: [494, 345, 732],
    capec: [438, 439],
    references: ['OWASP Top 10 2021 A08', 'OWASP ASVS 4.0.3 V10.3.2, V14.2.4', 'NIST SP 800-53 CM-14', 'NIST SP 800-53 SI-7', 'NIST SP 800-218 (SSDF) PS.2'],
    compliance: { hipaa: ['164.312(c)(1)'], 'pci-dss': ['6.3.2', '6.5.1'], gdpr: ['Art. 32(1)(b)'] },
    fix: { property: 'authorizes', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'element' || subject.element.kind !== 'store' || facts.flag(subject.element, 'authorizes') === true) return undefined;
      const registry = subject.element;
      if (!facts.matches(artifactStore, facts.identity(registry))) return undefined;
      const writes = facts.flowsInto(registry.id);
      if (writes.length === 0) return undefined;
      const exposed = writes.some((d) => facts.fromUntrusted(d) || facts.crossesBoundary(d));
      const writers = distinctSources(writes);
      return {
        message: say`${registry.id} accepts pushes from ${writers} without authorization`,
        severity: exposed ? 'critical' : 'high',
        reasons: exposed ? ['written by an untrusted source or from another zone'] : [],
        related: writers,
      };
    },
  },
  {
    id: 'writable-configuration-store',
    category: 'tampering',
    appliesTo: ['store'],
    severity: 'high',
    escalation: 'critical when it holds restricted data or a person, external system or untrusted source writes to it',
    title: 'Configuration or secrets store writable without authorization',
    description:
      'A configuration, feature-flag or secrets store (Vault, Consul, etcd, Parameter Store, ...) does not declare `authorizes: true` and is written by several components or from another zone. A writer can change settings, endpoints or secrets that other services load, redirecting traffic or switching off controls.',
    mitigation:
      'Grant write access per path to the one owner of each setting (Vault policies, IAM conditions, etcd RBAC), give readers read-only roles, version and audit every change, and declare `authorizes: true`.',
    cwe: [15, 732, 284],
    capec: [75, 176],
    references: ['OWASP Top 10 2021 A05', 'OWASP ASVS 4.0.3 V14.1.3, V6.4.1', 'NIST SP 800-53 CM-5', 'NIST SP 800-53 AC-6'],
    compliance: { hipaa: ['164.312(a)(1)', '164.312(c)(1)'], 'pci-dss': ['7.2.1', '2.2.1'], gdpr: ['Art. 32(1)(b)'] },
    fix: { property: 'authorizes', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'element' || subject.element.kind !== 'store' || facts.flag(subject.element, 'authorizes') === true) return undefined;
      const store = subject.element;
      if (!facts.matches(configStore, facts.identity(store))) return undefined;
      const writes = facts.flowsInto(store.id);
      const writers = distinctSources(writes);
      const crossing = writes.some((d) => facts.crossesBoundary(d));
      if (writers.length < 2 && !crossing) return undefined;
      const reasons: string[] = [];
      if (facts.classificationOf(store.holds) === 'restricted') reasons.push('restricted data');
      if (writes.some((d) => facts.fromUntrusted(d))) reasons.push('written by an untrusted source');
      return {
        message: say`configuration store ${store.id} can be changed by ${writers} without authorization`,
        severity: reasons.length ? 'critical' : 'high',
        reasons,
        related: writers,
      };
    },
  },
  {
    id: 'unverified-code-download',
    category: 'tampering',
    appliesTo: ['flow'],
    from: ['external'],
    to: ['process', 'store'],
    severity: 'high',
    escalation: 'critical when the receiving process runs privileged',
    title: 'Code or updates downloaded from a third party without integrity checks',
    description:
      'An external system delivers updates, packages, plugins, firmware or other code (by the flow\'s or data\'s name and tags, or the source\'s technology) and the flow is not authenticated. A compromised mirror, or anyone on the path, can substitute code that the receiver then installs and runs.',
    mitigation:
      'Verify a signature or pinned hash on everything downloaded before it is installed (signed packages, lock files with integrity hashes, TUF/Sigstore), fetch over TLS from pinned sources, and declare `authenticated: true` on the flow.',
    cwe: [494, 345, 829],
    capec: [184, 186, 538],
    references: ['OWASP Top 10 2021 A08', 'OWASP ASVS 4.0.3 V10.3.2, V14.2.4', 'NIST SP 800-53 SI-7(15)', 'NIST SP 800-53 SR-11'],
    compliance: { hipaa: ['164.312(c)(1)'], 'pci-dss': ['6.3.2', '6.4.3'], gdpr: ['Art. 32(1)(b)'] },
    fix: { property: 'authenticated', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'flow' || subject.flow.authenticated === true) return undefined;
      const { flow, direction } = subject;
      const source = facts.sourceOf(direction);
      const target = facts.targetOf(direction);
      if (!deliversCode(flow, source, facts)) return undefined;
      const privileged = target.kind === 'process' && facts.flag(target, 'privileged') === true;
      return {
        message: say`${target.id} takes code from external ${source.id} (${flow.label || flow.id}) without verifying its integrity`,
        severity: privileged ? 'critical' : 'high',
        reasons: privileged ? ['the receiver runs privileged'] : [],
        related: [source.id, target.id],
      };
    },
  },
  // The STRIDE-per-element checklist (`checklist: true` on `model`): questions without evidence.
  reminder({
    id: 'stride-tampering-process',
    category: 'tampering',
    appliesTo: ['process'],
    title: 'Checklist: could input change what this process does?',
    description:
      'The model does not say whether the process validates what it receives. Malformed or malicious input can change its state, its decisions or what it passes on.',
    mitigation:
      'Decide how input is validated (schemas, types, lengths, allow-lists) and declare `validates_input: true` or `false`: the evidence rules then judge the process.',
    cwe: [20, 345],
    capec: [153, 28],
    references: ['OWASP ASVS 4.0.3 V5.1', 'NIST SP 800-53 SI-10'],
    compliance: { hipaa: ['164.312(c)(1)'], 'pci-dss': ['6.2.4'], gdpr: ['Art. 32(1)(b)'] },
    ask: (id) => say`checklist: could input change what ${id} does? Answer with validates_input: true or false`,
    decided: declares('validates_input'),
  }),
  reminder({
    id: 'stride-tampering-store',
    category: 'tampering',
    appliesTo: ['store'],
    title: 'Checklist: who can change what this store holds?',
    description:
      'The model does not say whether the store checks what each caller may change. Anyone who can write to it can alter or plant records that the rest of the system trusts.',
    mitigation:
      'Decide who may write what (per-service credentials, row- or object-level permissions, integrity checks on critical records) and declare `authorizes: true` or `false`.',
    cwe: [284, 345],
    capec: [1, 268],
    references: ['OWASP ASVS 4.0.3 V4.1', 'NIST SP 800-53 AC-3, SI-7'],
    compliance: { hipaa: ['164.312(c)(1)', '164.312(a)(1)'], 'pci-dss': ['7.2.1', '10.3.2'], gdpr: ['Art. 32(1)(b)'] },
    ask: (id) => say`checklist: who can change what ${id} holds? Answer with authorizes: true or false`,
    decided: declares('authorizes'),
  }),
  reminder({
    id: 'stride-tampering-flow',
    category: 'tampering',
    appliesTo: ['flow'],
    title: 'Checklist: could this flow be changed in transit?',
    description:
      'The model says neither whether the flow is encrypted nor which protocol it uses, so nothing shows whether a party on the path could change it undetected.',
    mitigation:
      'Name the protocol (`protocol: "https"`, say) or declare `encrypted: true` or `false`: the evidence rules then judge the flow.',
    cwe: [924, 319],
    capec: [94, 384],
    references: ['OWASP ASVS 4.0.3 V9.1', 'NIST SP 800-53 SC-8'],
    compliance: { hipaa: ['164.312(e)(2)(i)', '164.312(c)(1)'], 'pci-dss': ['4.2.1'], gdpr: ['Art. 32(1)(a)'] },
    ask: (id) => say`checklist: could ${id} be changed in transit? Name its protocol, or answer with encrypted: true or false`,
    decided: encryptionKnown,
  }),
];
