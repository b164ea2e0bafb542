import { declares, reminder } from './reminder';
import type { DirectedFlow, Element, Severity } from '../../model/threat-model';
import { distinctSources, ModelFacts, raiseSeverity, severityInContext } from '../facts';
import { say } from '../message';
import { BuiltInRule, Evidence } from '../rule';

/** In-memory caches that accept any client and any command (FLUSHALL, huge values) by default. */
const cachePattern = /redis|memcache|valkey|keydb|dragonfly/;
/** Message brokers and queues. */
const queuePattern = /kafka|rabbit|amqp|\bsqs\b|\bsns\b|pub\/?sub|\bnats\b|activemq|kinesis|event ?hubs?|queue|\bmq\b|mqtt|zeromq/;
/** Parsers with exponential expansion (entity expansion, nested elements). */
const xmlPattern = /xml|soap|saml|xslt|wsdl/;
const graphqlPattern = /graphql|graph-ql|apollo/;
/** Tags that declare a fallback for a dependency. */
/** Protocols only a message broker speaks. */
const queueProtocol = /amqp|kafka|mqtt|\bsqs\b/;
const fallbackTags = ['fallback', 'circuit-breaker', 'circuit_breaker', 'async', 'degradable', 'cached', 'retry'];

/** Flows into the element that come from an untrusted source (actor, external, untrusted zone). */
function untrustedInto(facts: ModelFacts, id: string): readonly DirectedFlow[] {
  return facts.untrustedInto(id);
}

/** Untrusted sources that reach a process that does not declare `rate_limited: true`, or none. */
function unthrottledSources(facts: ModelFacts, element: Element): readonly string[] {
  if (element.kind !== 'process' || facts.flag(element, 'rate_limited') === true) return [];
  return facts.untrustedSourcesInto(element.id);
}

/**
 * Whether the element's technology, or the protocol or technology of one of the flows, matches the
 * pattern (all lower-cased). Each is tested alone, with no joined string built: the patterns hold
 * no spaces, so none could match across two of them anyway.
 */
function techOrProtocolMatches(facts: ModelFacts, element: Element, flows: readonly DirectedFlow[], pattern: RegExp): boolean {
  if (facts.matches(pattern, facts.tech(element))) return true;
  for (const d of flows) if (d.flow.protocol !== undefined && facts.matches(pattern, d.flow.protocol.toLowerCase())) return true;
  for (const d of flows) {
    const tech = d.flow.properties.get('tech');
    if (tech !== undefined && pattern.test(String(tech).toLowerCase())) return true;
  }
  return false;
}

/** Whether any untrusted flow comes from a source outside every boundary. */
const reachedDirectly = (facts: ModelFacts, flows: readonly DirectedFlow[]): boolean => flows.some((d) => facts.sourceOf(d).boundary === undefined);

/** The frameworks of the model, lower-cased. */
const frameworks = (facts: ModelFacts): string[] => (facts.model.info?.compliance ?? []).map((c) => c.toLowerCase());

/** Tags of a flow (free labels). */
function flowTags(d: DirectedFlow): string[] {
  const tags = d.flow.properties.get('tags');
  return Array.isArray(tags) ? tags.map((t) => String(t).toLowerCase()) : typeof tags === 'string' ? [tags.toLowerCase()] : [];
}

/**
 * The evidence of `unguarded-external-dependency` on a process that people call: the external
 * systems it calls synchronously with no fallback. Apart from the check, so that the check's quick
 * refusals allocate nothing (its callbacks here would need a closure context on every call).
 */
function unguardedDependencies(process: Element, facts: ModelFacts): Evidence | undefined {
  const users = [...new Set(facts.flowsInto(process.id).filter((d) => facts.sourceOf(d).kind === 'actor').map((d) => d.source))];
  if (users.length === 0) return undefined;
  const replies = new Set(facts.flowsInto(process.id).map((d) => d.source));
  const dependencies = facts
    .flowsOutOf(process.id)
    .filter((d) => facts.targetOf(d).kind === 'external' && (d.flow.twoWay || replies.has(d.target)))
    .filter((d) => !flowTags(d).some((t) => fallbackTags.includes(t)));
  if (dependencies.length === 0) return undefined;
  const externals = [...new Set(dependencies.map((d) => d.target))];
  const hipaa = frameworks(facts).includes('hipaa');
  return {
    message: say`${process.id} serves ${users} through synchronous calls to external ${externals} with no fallback declared`,
    severity: hipaa ? 'medium' : 'low',
    reasons: hipaa ? ['the model answers to hipaa (contingency plan)'] : [],
    related: [...externals, ...users],
  };
}

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
      const sources = distinctSources(untrusted);
      const direct = untrusted.some((d) => facts.sourceOf(d).boundary === undefined);
      return {
        message: say`${subject.element.id} takes requests from ${sources} without rate limiting`,
        severity: direct ? 'high' : 'medium',
        reasons: direct ? ['reachable straight from the untrusted zone'] : [],
        related: sources,
      };
    },
  },
  {
    id: 'sensitive-store-without-backups',
    category: 'denial_of_service',
    appliesTo: ['store'],
    severity: 'medium',
    escalation: 'high when it holds restricted data or the model declares HIPAA or GDPR (contingency and restore obligations); never above high',
    title: 'Store of sensitive data without backups',
    description:
      'The store holds confidential or restricted data and does not declare `backups: true`. Ransomware, an operator error, a faulty migration or a deleted volume makes the data permanently unavailable: a denial of service with no recovery.',
    mitigation:
      'Take regular, encrypted, immutable (or offline) backups in a separate account or region, test restores against a recovery-point and recovery-time objective, and declare `backups: true`.',
    cwe: [1059, 404],
    capec: [607],
    references: ['NIST SP 800-53 CP-9, CP-10', 'NIST SP 800-34', 'OWASP ASVS 4.0.3 V8.1.5'],
    compliance: { hipaa: ['164.308(a)(7)(ii)(A)', '164.308(a)(7)(ii)(B)'], 'pci-dss': ['12.10.1'], gdpr: ['Art. 32(1)(b)', 'Art. 32(1)(c)'] },
    fix: { property: 'backups', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'element' || subject.element.kind !== 'store' || facts.flag(subject.element, 'backups') === true) return undefined;
      const store = subject.element;
      const sensitive = facts.dataAtLeast(store.holds, 'confidential');
      if (sensitive.length === 0) return undefined;
      const { severity: base, reasons: context } = severityInContext('medium', { restrictedData: facts.classificationOf(sensitive) === 'restricted' });
      let severity: Severity = base;
      let reasons = context;
      const regulated = frameworks(facts).filter((f) => f === 'hipaa' || f === 'gdpr');
      // Missing backups are an availability risk, not a breach: regulation raises it to high, no further.
      if (regulated.length > 0 && severity === 'medium') {
        severity = raiseSeverity(severity);
        reasons = [...context, `the model answers to ${regulated.join(', ')} (contingency plan / restore availability)`];
      }
      const declared = facts.flag(store, 'backups') === false ? 'backups: false' : 'no backups declared';
      return { message: say`store ${store.id} holds ${facts.dataNames(sensitive)} with ${declared}`, severity, reasons };
    },
  },
  {
    id: 'store-flooding-via-unthrottled-writer',
    category: 'denial_of_service',
    appliesTo: ['store'],
    severity: 'medium',
    escalation: 'high when the store holds restricted data (filling it takes the records offline)',
    title: 'Store written by a process that takes unthrottled requests from untrusted sources',
    description:
      'A process that receives requests from people, external systems or the untrusted zone without `rate_limited: true` writes to this store. Each request can create rows, objects or log lines, so one client can fill the disk, exhaust connections or quotas, and make the store unavailable to everyone.',
    mitigation:
      'Rate-limit the writing process per client and per credential (and declare `rate_limited: true` on it), cap record and upload sizes, set storage quotas and alerts on growth, and expire what untrusted clients create.',
    cwe: [770, 400],
    capec: [130, 125],
    references: ['OWASP API Security Top 10 2023 API4', 'NIST SP 800-53 SC-5, SC-6', 'OWASP ASVS 4.0.3 V11.1.4, V12.1.1'],
    compliance: { hipaa: ['164.308(a)(7)(i)'], 'pci-dss': ['6.4.1'], gdpr: ['Art. 32(1)(b)'] },
    check: (subject, facts) => {
      if (subject.kind !== 'element' || subject.element.kind !== 'store') return undefined;
      const store = subject.element;
      // Queues have their own rule (`queue-flooding`).
      if (facts.matches(queuePattern, facts.tech(store))) return undefined;
      // Most stores have no such writer: look for one before building the lists.
      if (!facts.flowsInto(store.id).some((d) => unthrottledSources(facts, facts.sourceOf(d)).length > 0)) return undefined;
      const writers = [...new Set(facts.flowsInto(store.id).map((d) => d.source))].filter((id) => unthrottledSources(facts, facts.element(id)).length > 0);
      if (writers.length === 0) return undefined;
      const sources = [...new Set(writers.flatMap((id) => unthrottledSources(facts, facts.element(id))))];
      const { severity, reasons } = severityInContext('medium', { restrictedData: facts.classificationOf(store.holds) === 'restricted' });
      return {
        message: say`store ${store.id} is written by ${writers}, which takes unthrottled requests from ${sources}`,
        severity,
        reasons,
        related: [...writers, ...sources],
      };
    },
  },
  {
    id: 'queue-flooding',
    category: 'denial_of_service',
    appliesTo: ['store'],
    severity: 'medium',
    escalation: 'high when an untrusted source publishes to the queue directly',
    title: 'Message queue can be flooded by untrusted sources',
    description:
      'A message broker or queue (Kafka, RabbitMQ, SQS, ...) receives messages published directly by an untrusted source, or by a process that relays untrusted requests without `rate_limited: true`. A flood of messages grows the backlog, exhausts broker disk or partitions, and starves the consumers and every other producer.',
    mitigation:
      'Rate-limit producers (and declare `rate_limited: true` on relaying processes), set per-producer quotas and maximum message sizes on the broker, bound queue length with dead-letter and drop policies, and never let untrusted clients publish directly.',
    cwe: [770, 400],
    capec: [125, 130],
    references: ['OWASP API Security Top 10 2023 API4', 'NIST SP 800-53 SC-5, SC-6', 'OWASP ASVS 4.0.3 V11.1.4'],
    compliance: { hipaa: ['164.308(a)(7)(i)'], 'pci-dss': ['6.4.1'], gdpr: ['Art. 32(1)(b)'] },
    check: (subject, facts) => {
      if (subject.kind !== 'element' || subject.element.kind !== 'store') return undefined;
      const queue = subject.element;
      const inflows = facts.flowsInto(queue.id);
      if (!facts.matches(queuePattern, facts.tech(queue)) && !inflows.some((d) => d.flow.protocol !== undefined && facts.matches(queueProtocol, d.flow.protocol.toLowerCase()))) return undefined;
      const direct = inflows.filter((d) => facts.fromUntrusted(d)).map((d) => d.source);
      const relays = inflows.map((d) => d.source).filter((id) => unthrottledSources(facts, facts.element(id)).length > 0);
      if (direct.length === 0 && relays.length === 0) return undefined;
      const sources = [...new Set([...direct, ...relays.flatMap((id) => unthrottledSources(facts, facts.element(id)))])];
      const via = relays.length > 0 ? ` via ${[...new Set(relays)].join(', ')}` : '';
      return {
        message: say`queue ${queue.id}${queue.tech ? ` (${queue.tech})` : ''} can be flooded by ${sources}${via} with no rate limit`,
        severity: direct.length > 0 ? 'high' : 'medium',
        reasons: direct.length > 0 ? ['untrusted sources publish directly'] : [],
        related: [...new Set([...sources, ...relays])],
      };
    },
  },
  {
    id: 'unauthenticated-store-writes-from-outside',
    category: 'denial_of_service',
    appliesTo: ['flow'],
    to: ['store'],
    severity: 'medium',
    escalation: 'high when the sender sits outside every boundary (straight from the internet)',
    title: 'Untrusted source writes to a store over an unauthenticated flow',
    description:
      'A person, external system or untrusted-zone component sends straight into a store, and the flow does not declare `authenticated: true`. Anyone who can reach the endpoint can write without limit: fill the store, exhaust its connections, or overwrite what others rely on.',
    mitigation:
      'Put an authenticated, rate-limited service in front of the store; where direct writes are needed (pre-signed uploads, ingestion endpoints) require authentication and per-client quotas, and declare `authenticated: true` on the flow.',
    cwe: [770, 306],
    capec: [125, 130],
    references: ['NIST SP 800-53 SC-5, AC-3', 'OWASP API Security Top 10 2023 API4', 'OWASP ASVS 4.0.3 V12.1.1'],
    compliance: { hipaa: ['164.308(a)(7)(i)', '164.312(d)'], 'pci-dss': ['1.4.1'], gdpr: ['Art. 32(1)(b)'] },
    fix: { property: 'authenticated', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'flow' || subject.flow.authenticated === true) return undefined;
      const { direction } = subject;
      if (!facts.fromUntrusted(direction)) return undefined;
      const source = facts.sourceOf(direction);
      const direct = source.boundary === undefined;
      return {
        // An untrusted sender in the store's own zone (both outside every boundary, say) crosses nothing.
        message: facts.crossesBoundary(direction)
          ? say`${source.kind} ${direction.source} writes to store ${direction.target} across ${facts.describeCrossing(direction)} without authentication`
          : say`${source.kind} ${direction.source} writes to store ${direction.target} without authentication`,
        severity: direct ? 'high' : 'medium',
        reasons: direct ? ['sender outside every boundary'] : [],
        related: [direction.source, direction.target],
      };
    },
  },
  {
    id: 'cache-flush-exposure',
    category: 'denial_of_service',
    appliesTo: ['store'],
    technology: cachePattern,
    severity: 'medium',
    escalation: 'high when an untrusted source (actor, external, untrusted zone) reaches it',
    title: 'Unauthenticated cache reachable from another zone',
    description:
      'A Redis/Memcached-style cache does not declare `authenticates: true` and is reached from another trust zone. Any client that reaches the port can run FLUSHALL, fill memory with large keys, or run blocking commands, which takes the cache down and the load onto everything behind it.',
    mitigation:
      'Require authentication (Redis ACLs / AUTH, Memcached SASL), disable or rename dangerous commands, set maxmemory with an eviction policy, bind it to the application network only, and declare `authenticates: true`.',
    cwe: [306, 400],
    capec: [607, 125],
    references: ['NIST SP 800-53 SC-5, SC-7, IA-3', 'OWASP ASVS 4.0.3 V14.1.1', 'OWASP Top 10 2021 A05'],
    compliance: { hipaa: ['164.308(a)(7)(i)', '164.312(d)'], 'pci-dss': ['2.2.1', '8.6.1'], gdpr: ['Art. 32(1)(b)'] },
    fix: { property: 'authenticates', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'element' || subject.element.kind !== 'store' || facts.flag(subject.element, 'authenticates') === true) return undefined;
      const cache = subject.element;
      if (!facts.matches(cachePattern, facts.tech(cache))) return undefined;
      const reaching = facts.flowsInto(cache.id).filter((d) => facts.crossesBoundary(d) || facts.fromUntrusted(d));
      if (reaching.length === 0) return undefined;
      const untrusted = reaching.some((d) => facts.fromUntrusted(d));
      const sources = distinctSources(reaching);
      return {
        message: reaching.every((d) => facts.crossesBoundary(d))
          ? say`cache ${cache.id} (${cache.tech ?? ''}) accepts unauthenticated commands from ${sources} in another zone`
          : say`cache ${cache.id} (${cache.tech ?? ''}) accepts unauthenticated commands from ${sources}, untrusted or in another zone`,
        severity: untrusted ? 'high' : 'medium',
        reasons: untrusted ? ['reached by an untrusted source'] : [],
        related: sources,
      };
    },
  },
  {
    id: 'xml-bomb-exposure',
    category: 'denial_of_service',
    appliesTo: ['process'],
    technology: xmlPattern,
    severity: 'medium',
    escalation: 'high when reached straight from outside every boundary',
    title: 'XML/SOAP parser exposed to untrusted input without input validation',
    description:
      'The process parses XML (its technology or the protocol of an untrusted flow is XML, SOAP or SAML) from untrusted sources and does not declare `validates_input: true`. Entity expansion ("billion laughs"), quadratic blowup and deeply nested documents exhaust memory and CPU with a few kilobytes.',
    mitigation:
      'Disable DTDs and external entities, cap document size, depth and entity expansion in the parser, reject input before parsing when it exceeds limits, and declare `validates_input: true`.',
    cwe: [776, 400],
    capec: [197, 491],
    references: ['OWASP XML External Entity Prevention Cheat Sheet', 'OWASP ASVS 4.0.3 V5.5.2', 'NIST SP 800-53 SI-10, SC-5'],
    compliance: { hipaa: ['164.308(a)(7)(i)'], 'pci-dss': ['6.2.4'], gdpr: ['Art. 32(1)(b)'] },
    fix: { property: 'validates_input', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'element' || subject.element.kind !== 'process' || facts.flag(subject.element, 'validates_input') === true) return undefined;
      const process = subject.element;
      const untrusted = untrustedInto(facts, process.id);
      if (untrusted.length === 0 || !techOrProtocolMatches(facts, process, untrusted, xmlPattern)) return undefined;
      const sources = distinctSources(untrusted);
      const direct = reachedDirectly(facts, untrusted);
      return {
        message: say`${process.id} parses XML from ${sources} without declared input limits`,
        severity: direct ? 'high' : 'medium',
        reasons: direct ? ['reachable straight from the untrusted zone'] : [],
        related: sources,
      };
    },
  },
  {
    id: 'graphql-without-query-limits',
    category: 'denial_of_service',
    appliesTo: ['process'],
    technology: graphqlPattern,
    severity: 'medium',
    escalation: 'high when reached straight from outside every boundary',
    title: 'GraphQL endpoint exposed without query depth or complexity limits',
    description:
      'The process serves GraphQL (its technology or the protocol of an untrusted flow) to untrusted sources and does not declare `validates_input: true`. Deeply nested, aliased or batched queries make one request cost thousands of resolver calls and database queries, so a handful of requests exhaust the service and the stores behind it.',
    mitigation:
      'Limit query depth, complexity/cost, aliases and batch size; time out resolvers; disable introspection in production or use persisted queries; and declare `validates_input: true`.',
    cwe: [770, 400],
    capec: [130],
    references: ['OWASP GraphQL Cheat Sheet', 'OWASP ASVS 4.0.3 V13.4.1', 'OWASP API Security Top 10 2023 API4', 'NIST SP 800-53 SC-5'],
    compliance: { hipaa: ['164.308(a)(7)(i)'], 'pci-dss': ['6.2.4'], gdpr: ['Art. 32(1)(b)'] },
    fix: { property: 'validates_input', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'element' || subject.element.kind !== 'process' || facts.flag(subject.element, 'validates_input') === true) return undefined;
      const process = subject.element;
      const untrusted = untrustedInto(facts, process.id);
      if (untrusted.length === 0 || !techOrProtocolMatches(facts, process, untrusted, graphqlPattern)) return undefined;
      const sources = distinctSources(untrusted);
      const direct = reachedDirectly(facts, untrusted);
      return {
        message: say`GraphQL endpoint ${process.id} takes queries from ${sources} with no declared depth or cost limits`,
        severity: direct ? 'high' : 'medium',
        reasons: direct ? ['reachable straight from the untrusted zone'] : [],
        related: sources,
      };
    },
  },
  {
    id: 'unbounded-untrusted-input',
    category: 'denial_of_service',
    appliesTo: ['process'],
    severity: 'medium',
    escalation: 'high when reached straight from outside every boundary',
    title: 'Process declared not to validate untrusted input',
    description:
      'The process declares `validates_input: false` and receives requests from untrusted sources. Without bounds on size, count and structure, large bodies, huge arrays, pathological regular expressions (ReDoS) or compressed payloads exhaust its memory and CPU.',
    mitigation:
      'Bound request body and field sizes, collection lengths and nesting; use linear-time regular expressions or timeouts; limit decompression ratios; and declare `validates_input: true`.',
    cwe: [400, 1333, 770],
    capec: [130, 492],
    references: ['OWASP ASVS 4.0.3 V5.1.4, V12.1.1', 'OWASP API Security Top 10 2023 API4', 'NIST SP 800-53 SI-10, SC-5'],
    compliance: { hipaa: ['164.308(a)(7)(i)'], 'pci-dss': ['6.2.4'], gdpr: ['Art. 32(1)(b)'] },
    fix: { property: 'validates_input', value: true },
    check: (subject, facts) => {
      if (subject.kind !== 'element' || subject.element.kind !== 'process' || facts.flag(subject.element, 'validates_input') !== false) return undefined;
      const process = subject.element;
      const untrusted = untrustedInto(facts, process.id);
      if (untrusted.length === 0) return undefined;
      // XML and GraphQL endpoints have their own, more specific rules.
      if (techOrProtocolMatches(facts, process, untrusted, xmlPattern) || techOrProtocolMatches(facts, process, untrusted, graphqlPattern)) return undefined;
      const sources = distinctSources(untrusted);
      const direct = reachedDirectly(facts, untrusted);
      return {
        message: say`${process.id} takes unbounded input from ${sources} (validates_input: false)`,
        severity: direct ? 'high' : 'medium',
        reasons: direct ? ['reachable straight from the untrusted zone'] : [],
        related: sources,
      };
    },
  },
  {
    id: 'unguarded-external-dependency',
    category: 'denial_of_service',
    appliesTo: ['process'],
    severity: 'low',
    escalation: 'medium when the model answers to HIPAA (contingency planning for critical services)',
    title: 'User-facing process depends synchronously on an external system with no fallback',
    description:
      'The process serves people and makes a request/response call (a two-way flow, or flows both ways) to an external system, and neither the process nor the flow is tagged with a fallback (`circuit-breaker`, `fallback`, `async`, `cached`). When the external system is slow or down, every request waits on it: threads and connections pile up and the process becomes unavailable too.',
    mitigation:
      'Put timeouts, a circuit breaker and bulkheads around the call, degrade gracefully (cached or queued responses), move non-essential calls off the request path, and tag the flow (e.g. `tags: [circuit-breaker]`).',
    cwe: [400, 1088],
    capec: [607],
    references: ['NIST SP 800-53 CP-2, SA-9, SC-5', 'OWASP ASVS 4.0.3 V1.11.3'],
    compliance: { hipaa: ['164.308(a)(7)(ii)(C)'], 'pci-dss': ['12.10.1'], gdpr: ['Art. 32(1)(b)'] },
    check: (subject, facts) => {
      if (subject.kind !== 'element' || subject.element.kind !== 'process') return undefined;
      const process = subject.element;
      if (process.tags.some((t) => fallbackTags.includes(t.toLowerCase()))) return undefined;
      // Most processes serve no person directly, or call no external system: find that out before building lists.
      if (!facts.hasFlowFrom(process.id, 'actor') || !facts.hasFlowTo(process.id, 'external')) return undefined;
      return unguardedDependencies(process, facts);
    },
  },
  // The STRIDE-per-element checklist (`checklist: true` on `model`): questions without evidence.
  reminder({
    id: 'stride-denial-of-service-process',
    category: 'denial_of_service',
    appliesTo: ['process'],
    title: 'Checklist: could this process be overwhelmed?',
    description:
      'The model does not say whether the process limits the requests it takes. A flood of requests, or a few expensive ones, can exhaust it and everything waiting on it.',
    mitigation: 'Decide how load is bounded (rate limits and quotas per client, timeouts, request size limits) and declare `rate_limited: true` or `false`.',
    cwe: [400, 770],
    capec: [125, 130],
    references: ['OWASP ASVS 4.0.3 V11.1', 'NIST SP 800-53 SC-5'],
    compliance: { hipaa: ['164.308(a)(7)(i)'], 'pci-dss': ['6.4.1'], gdpr: ['Art. 32(1)(b)'] },
    ask: (id) => say`checklist: could ${id} be overwhelmed? Answer with rate_limited: true or false`,
    decided: declares('rate_limited'),
  }),
  reminder({
    id: 'stride-denial-of-service-store',
    category: 'denial_of_service',
    appliesTo: ['store'],
    title: 'Checklist: could this store fill up, slow down or be lost?',
    description:
      'A store can be filled, locked or slowed by its writers, and lost with no way back. Nothing in the model shows its limits or whether it is backed up.',
    mitigation: 'Decide its quotas, connection limits and retention, and how it is restored (declare `backups: true` or `false`); record the decision with `mitigate` or `accept`.',
    cwe: [400, 770],
    capec: [130, 125],
    references: ['NIST SP 800-53 SC-5, CP-9'],
    compliance: { hipaa: ['164.308(a)(7)(ii)(A)'], 'pci-dss': ['12.10.1'], gdpr: ['Art. 32(1)(c)'] },
    ask: (id) => say`checklist: could ${id} fill up, slow down or be lost? Answer with backups: true or false`,
    decided: declares('backups'),
  }),
  reminder({
    id: 'stride-denial-of-service-flow',
    category: 'denial_of_service',
    appliesTo: ['flow'],
    title: 'Checklist: could this flow be cut or flooded?',
    description:
      'A flow depends on a network path and on both ends being up. Nothing in the model shows what happens when it is cut, slowed or flooded.',
    mitigation: 'Decide timeouts, retries with back-off, queues and what the receiver does without it, and record the decision with `mitigate` or `accept`.',
    cwe: [400],
    capec: [125, 607],
    references: ['NIST SP 800-53 SC-5'],
    compliance: { hipaa: ['164.308(a)(7)(i)'], 'pci-dss': ['12.10.1'], gdpr: ['Art. 32(1)(b)'] },
    ask: (id) => say`checklist: what happens when ${id} is cut or flooded?`,
  }),
];
