import { RuleCase } from '../../../helpers/rules';

const exposed = (props: string) => `
actor user
boundary edge { trust: medium
  process api { authenticates: true ${props} }
}
flow user -> api { protocol: "https", authenticated: true }
`;

const backedUp = (props: string) => `
model "Clinic" { compliance: [hipaa] }
data phi "PHI" { classification: restricted }
boundary vpc { trust: high
  process records { authenticates: true }
  store db { tech: "postgres", holds: [phi], encrypted: true, authenticates: true ${props} }
}
flow records -> db { protocol: "postgres", authenticated: true }
`;

const writer = (props: string) => `
actor user
boundary edge { trust: medium
  process api { authenticates: true ${props} }
}
boundary vpc { trust: high
  store files { tech: "s3", authenticates: true }
}
flow user -> api { protocol: "https", authenticated: true }
flow api -> files { protocol: "https", authenticated: true }
`;

const queued = (props: string) => `
actor user
boundary edge { trust: medium
  process orders { authenticates: true ${props} }
}
boundary vpc { trust: high
  store events { tech: "kafka", authenticates: true }
}
flow user -> orders { protocol: "https", authenticated: true }
flow orders -> events { protocol: "kafka", authenticated: true }
`;

const partnerUpload = (props: string) => `
external partner
boundary vpc { trust: high
  store inbox { tech: "sftp", authenticates: true }
}
flow partner -> inbox { protocol: "sftp" ${props} }
`;

const cache = (props: string) => `
boundary edge { trust: medium
  process web { authenticates: true }
}
boundary vpc { trust: high
  store sessions { tech: "redis" ${props} }
}
flow web -> sessions { protocol: "resp" }
`;

const parser = (tech: string, props: string) => `
external partner
boundary edge { trust: medium
  process ingest { tech: "${tech}", authenticates: true, rate_limited: true ${props} }
}
flow partner -> ingest { protocol: "https", authenticated: true }
`;

const dependency = (flowProps: string) => `
actor user
boundary edge { trust: medium
  process checkout { authenticates: true, rate_limited: true }
}
external payments
flow user -> checkout { protocol: "https", authenticated: true }
flow checkout <-> payments { protocol: "https", authenticated: true ${flowProps} }
`;

/** Denial of service rules. */
export const denialOfServiceCases: readonly RuleCase[] = [
  {
    rule: 'missing-rate-limit',
    name: 'a process called by an actor without rate limiting',
    fires: exposed(''),
    target: 'api',
    quiet: exposed('rate_limited: true'),
    severity: 'high',
    messageIncludes: ['api', 'user'],
  },
  {
    rule: 'sensitive-store-without-backups',
    name: 'a store of PHI without backups in a HIPAA model',
    fires: backedUp(''),
    target: 'db',
    quiet: backedUp('backups: true'),
    severity: 'high',
    messageIncludes: ['db', 'PHI'],
  },
  {
    rule: 'store-flooding-via-unthrottled-writer',
    name: 'a bucket written by an unthrottled public API',
    fires: writer(''),
    target: 'files',
    quiet: writer('rate_limited: true'),
    severity: 'medium',
    messageIncludes: ['files', 'api', 'user'],
  },
  {
    rule: 'queue-flooding',
    name: 'a kafka topic fed by an unthrottled public API',
    fires: queued(''),
    target: 'events',
    quiet: queued('rate_limited: true'),
    severity: 'medium',
    messageIncludes: ['events', 'orders', 'user'],
  },
  {
    rule: 'unauthenticated-store-writes-from-outside',
    name: 'a partner uploads into a store without authentication',
    fires: partnerUpload(''),
    target: 'partner->inbox',
    quiet: partnerUpload(', authenticated: true'),
    severity: 'high',
    messageIncludes: ['partner', 'inbox'],
  },
  {
    rule: 'unauthenticated-store-writes-from-outside',
    name: 'a partner writes to a store outside every boundary too: no crossing named',
    fires: 'external partner\nstore inbox { tech: "sftp" }\nflow partner -> inbox { protocol: "sftp" }\n',
    target: 'partner->inbox',
    quiet: 'external partner\nstore inbox { tech: "sftp" }\nflow partner -> inbox { protocol: "sftp", authenticated: true }\n',
    messageIncludes: ['external partner writes to store inbox without authentication'],
  },
  {
    rule: 'cache-flush-exposure',
    name: 'an unauthenticated redis that a person reaches in its own zone: not "another zone"',
    fires: 'actor admin\nstore sessions { tech: "redis" }\nflow admin -> sessions { protocol: "resp" }\n',
    target: 'sessions',
    quiet: 'actor admin\nstore sessions { tech: "redis", authenticates: true }\nflow admin -> sessions { protocol: "resp" }\n',
    messageIncludes: ['from admin, untrusted or in another zone'],
  },
  {
    rule: 'cache-flush-exposure',
    name: 'an unauthenticated redis reached from another zone',
    fires: cache(''),
    target: 'sessions',
    quiet: cache('authenticates: true'),
    severity: 'medium',
    messageIncludes: ['sessions', 'web'],
  },
  {
    rule: 'xml-bomb-exposure',
    name: 'a SOAP endpoint fed by a partner without input limits',
    fires: parser('soap', ''),
    target: 'ingest',
    quiet: parser('soap', ', validates_input: true'),
    severity: 'high',
    messageIncludes: ['ingest', 'partner'],
  },
  {
    rule: 'graphql-without-query-limits',
    name: 'a GraphQL endpoint without depth or cost limits',
    fires: parser('graphql', ''),
    target: 'ingest',
    quiet: parser('graphql', ', validates_input: true'),
    severity: 'high',
    messageIncludes: ['ingest', 'partner'],
  },
  {
    rule: 'unbounded-untrusted-input',
    name: 'a process declared not to validate partner input',
    fires: parser('node', ', validates_input: false'),
    target: 'ingest',
    quiet: parser('node', ', validates_input: true'),
    severity: 'high',
    messageIncludes: ['ingest', 'partner'],
  },
  {
    rule: 'unguarded-external-dependency',
    name: 'checkout waits on a payment provider with no fallback',
    fires: dependency(''),
    target: 'checkout',
    quiet: dependency(', tags: [circuit-breaker]'),
    severity: 'low',
    messageIncludes: ['checkout', 'payments', 'user'],
  },
];
