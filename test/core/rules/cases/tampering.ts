import { RuleCase } from '../../../helpers/rules';

/** A user calls api, which writes to a store of some technology. */
const backend = (tech: string, props: string, storeProps = '') => `
data records "Records" { classification: internal }
data phi "Patient data" { classification: restricted, tags: [phi] }
actor user
boundary app { trust: high
  process api { authenticates: true, authorizes: true, rate_limited: true, logs: true ${props} }
  store db { tech: "${tech}", authenticates: true, encrypted: true ${storeProps} }
}
flow user -> api { protocol: "https", authenticated: true, data: [records] }
flow api -> db { encrypted: true, authenticated: true }
`;

/** A user calls a process of some technology. */
const called = (tech: string, props: string) => `
actor user
boundary app { trust: high
  process api { tech: "${tech}", authenticates: true, rate_limited: true ${props} }
}
flow user -> api { protocol: "https", authenticated: true }
`;

/** Two processes write to one store; a third reads it. */
const sharedStore = (tech: string, id: string, props: string) => `
boundary app { trust: high
  process api { authenticates: true, validates_input: true }
  process worker { authenticates: true, validates_input: true }
  process reader { authenticates: true }
  store ${id} { tech: "${tech}", encrypted: true ${props} }
}
flow api -> ${id}
flow worker -> ${id}
flow ${id} -> reader
`;

/** Tampering rules. */
export const tamperingCases: readonly RuleCase[] = [
  {
    rule: 'sql-injection',
    name: 'unvalidated user input queried into postgres',
    fires: backend('postgres', ''),
    target: 'api',
    quiet: backend('postgres', 'sanitizes_output: true'),
    severity: 'high',
    messageIncludes: ['api', 'db', 'user'],
  },
  {
    rule: 'sql-injection',
    name: 'unvalidated input into a database holding restricted data is critical',
    fires: backend('mysql', '', ', holds: [phi]'),
    target: 'api',
    quiet: backend('mysql', 'validates_input: true', ', holds: [phi]'),
    severity: 'critical',
    messageIncludes: ['api', 'db'],
  },
  {
    rule: 'nosql-injection',
    name: 'unvalidated user input queried into mongodb',
    fires: backend('mongodb', ''),
    target: 'api',
    quiet: backend('mongodb', 'sanitizes_output: true'),
    severity: 'high',
    messageIncludes: ['api', 'db', 'user'],
  },
  {
    rule: 'ldap-injection',
    name: 'unvalidated user input into an LDAP directory',
    fires: backend('openldap', ''),
    target: 'api',
    quiet: backend('openldap', 'sanitizes_output: true'),
    severity: 'high',
    messageIncludes: ['api', 'db', 'user'],
  },
  {
    rule: 'path-traversal-file-write',
    name: 'unvalidated user input writes to an NFS share',
    fires: backend('nfs', ''),
    target: 'api',
    quiet: backend('nfs', 'validates_input: true'),
    severity: 'high',
    messageIncludes: ['api', 'db', 'user'],
  },
  {
    rule: 'path-traversal-file-write',
    name: 'a privileged process writing files from user input is critical',
    fires: backend('filesystem', 'privileged: true'),
    target: 'api',
    quiet: backend('filesystem', 'privileged: true, validates_input: true'),
    severity: 'critical',
  },
  {
    rule: 'command-injection',
    name: 'a bash wrapper called by a user without input validation',
    fires: called('bash', ''),
    target: 'api',
    quiet: called('bash', 'validates_input: true'),
    severity: 'high',
    messageIncludes: ['api', 'user'],
  },
  {
    rule: 'command-injection',
    name: 'a privileged shell wrapper is critical',
    fires: called('python subprocess', 'privileged: true'),
    target: 'api',
    quiet: called('python subprocess', 'privileged: true, sanitizes_output: true'),
    severity: 'critical',
  },
  {
    rule: 'server-side-template-injection',
    name: 'a jinja2 renderer fed by a user without validation',
    fires: called('flask + jinja2', ''),
    target: 'api',
    quiet: called('flask + jinja2', 'validates_input: true'),
    severity: 'high',
    messageIncludes: ['api', 'user'],
  },
  {
    rule: 'cross-site-scripting',
    name: 'a web app echoing user input over https without output encoding',
    fires: `
actor user
boundary app { trust: high
  process web { authenticates: true, validates_input: true }
}
flow user <-> web { protocol: "https", authenticated: true }
`,
    target: 'web',
    quiet: `
actor user
boundary app { trust: high
  process web { authenticates: true, validates_input: true, sanitizes_output: true }
}
flow user <-> web { protocol: "https", authenticated: true }
`,
    severity: 'medium',
    messageIncludes: ['web', 'user'],
  },
  {
    rule: 'unvalidated-untrusted-input',
    name: 'a user sends into a trusted zone without validation',
    fires: called('node', ''),
    target: 'api',
    quiet: called('node', 'validates_input: true'),
    severity: 'medium',
    messageIncludes: ['api', 'user'],
  },
  {
    rule: 'unvalidated-untrusted-input',
    name: 'restricted data handled raises the severity',
    fires: backend('postgres', 'handles: [phi]'),
    target: 'api',
    quiet: backend('postgres', 'handles: [phi], validates_input: true'),
    severity: 'high',
  },
  {
    rule: 'insecure-deserialization',
    name: 'an external partner sends RMI objects into the trusted zone',
    fires: `
external partner
boundary app { trust: high
  process api { authenticates: true }
}
flow partner -> api { protocol: "rmi", authenticated: true }
`,
    target: 'api',
    quiet: `
external partner
boundary app { trust: high
  process api { authenticates: true, validates_input: true }
}
flow partner -> api { protocol: "rmi", authenticated: true }
`,
    severity: 'critical',
    messageIncludes: ['api', 'partner', 'rmi'],
  },
  {
    rule: 'insecure-deserialization',
    name: 'pickled messages between zones of equal trust',
    fires: `
boundary a { trust: high
  process producer { authenticates: true }
}
boundary b { trust: high
  process worker { authenticates: true }
}
flow producer -> worker { protocol: "pickle", authenticated: true }
`,
    target: 'worker',
    quiet: `
boundary a { trust: high
  process producer { authenticates: true }
}
boundary b { trust: high
  process worker { authenticates: true, validates_input: true }
}
flow producer -> worker { protocol: "pickle", authenticated: true }
`,
    severity: 'high',
    messageIncludes: ['worker', 'producer'],
  },
  {
    rule: 'shared-store-without-authorization',
    name: 'two services write one postgres database without authorization',
    fires: sharedStore('postgres', 'db', ''),
    target: 'db',
    quiet: sharedStore('postgres', 'db', ', authorizes: true'),
    severity: 'medium',
    messageIncludes: ['db', 'api', 'worker'],
  },
  {
    rule: 'message-queue-injection',
    name: 'an unauthenticated kafka topic consumed without validation',
    fires: `
boundary app { trust: high
  process producer { authenticates: true }
  process consumer { authenticates: true }
  store bus { tech: "kafka" }
}
flow producer -> bus
flow bus -> consumer
`,
    target: 'bus',
    quiet: `
boundary app { trust: high
  process producer { authenticates: true }
  process consumer { authenticates: true }
  store bus { tech: "kafka", authenticates: true }
}
flow producer -> bus
flow bus -> consumer
`,
    severity: 'medium',
    messageIncludes: ['bus', 'consumer'],
  },
  {
    rule: 'message-queue-injection',
    name: 'a producer in another zone raises the severity',
    fires: `
boundary edge { trust: medium
  process producer { authenticates: true }
}
boundary app { trust: high
  process consumer { authenticates: true }
  store bus { tech: "rabbitmq" }
}
flow producer -> bus { protocol: "amqp" }
flow bus -> consumer
`,
    target: 'bus',
    quiet: `
boundary edge { trust: medium
  process producer { authenticates: true }
}
boundary app { trust: high
  process consumer { authenticates: true, validates_input: true }
  store bus { tech: "rabbitmq" }
}
flow producer -> bus { protocol: "amqp" }
flow bus -> consumer
`,
    severity: 'high',
  },
  {
    rule: 'cache-poisoning',
    name: 'a worker fills a redis cache that the api reads, without authentication',
    fires: `
boundary app { trust: high
  process worker { authenticates: true }
  process api { authenticates: true }
  store cache { tech: "redis" }
}
flow worker -> cache
flow cache -> api
`,
    target: 'cache',
    quiet: `
boundary app { trust: high
  process worker { authenticates: true }
  process api { authenticates: true }
  store cache { tech: "redis", authenticates: true }
}
flow worker -> cache
flow cache -> api
`,
    severity: 'medium',
    messageIncludes: ['cache', 'worker', 'api'],
  },
  {
    rule: 'log-tampering',
    name: 'two services write a loki log store without authorization',
    fires: sharedStore('loki', 'logs', ''),
    target: 'logs',
    quiet: sharedStore('loki', 'logs', ', authorizes: true'),
    severity: 'medium',
    messageIncludes: ['logs', 'api', 'worker'],
  },
  {
    rule: 'log-tampering',
    name: 'an audit log is high',
    fires: sharedStore('postgres', 'audit_trail', ''),
    target: 'audit_trail',
    quiet: sharedStore('postgres', 'audit_trail', ', authorizes: true'),
    severity: 'high',
  },
  {
    rule: 'build-artifact-tampering',
    name: 'the CI pipeline pushes to a harbor registry in another zone without authorization',
    fires: `
boundary ci { trust: medium
  process pipeline { authenticates: true }
}
boundary prod { trust: high
  store images { tech: "harbor", authenticates: true }
}
flow pipeline -> images { protocol: "https", authenticated: true }
`,
    target: 'images',
    quiet: `
boundary ci { trust: medium
  process pipeline { authenticates: true }
}
boundary prod { trust: high
  store images { tech: "harbor", authenticates: true, authorizes: true }
}
flow pipeline -> images { protocol: "https", authenticated: true }
`,
    severity: 'critical',
    messageIncludes: ['images', 'pipeline'],
  },
  {
    rule: 'writable-configuration-store',
    name: 'two services write consul without authorization',
    fires: sharedStore('consul', 'settings', ''),
    target: 'settings',
    quiet: sharedStore('consul', 'settings', ', authorizes: true'),
    severity: 'high',
    messageIncludes: ['settings', 'api', 'worker'],
  },
  {
    rule: 'unverified-code-download',
    name: 'firmware updates fetched from a vendor without verification',
    fires: `
external vendor
boundary device { trust: high
  process updater { authenticates: true, validates_input: true }
}
flow vendor -> updater "Firmware update" { protocol: "https" }
`,
    target: 'vendor->updater',
    quiet: `
external vendor
boundary device { trust: high
  process updater { authenticates: true, validates_input: true }
}
flow vendor -> updater "Firmware update" { protocol: "https", authenticated: true }
`,
    severity: 'high',
    messageIncludes: ['updater', 'vendor'],
  },
  {
    rule: 'unverified-code-download',
    name: 'a privileged updater is critical',
    fires: `
external vendor
boundary device { trust: high
  process updater { authenticates: true, validates_input: true, privileged: true }
}
flow vendor -> updater "Plugin download" { protocol: "https" }
`,
    target: 'vendor->updater',
    quiet: `
external vendor
boundary device { trust: high
  process updater { authenticates: true, validates_input: true, privileged: true }
}
flow vendor -> updater "Plugin download" { protocol: "https", authenticated: true }
`,
    severity: 'critical',
  },
];
