import { RuleCase } from '../../../helpers/rules';

const phiModel = (flowProps: string) => `
data phi "PHI" { classification: restricted }
boundary dmz { trust: medium
  process gateway { authenticates: true }
}
boundary cloud { trust: high
  process visits { authenticates: true }
}
flow forward: gateway -> visits { ${flowProps} data: [phi] }
`;

const sensitiveStore = (storeProps: string, classification = 'confidential') => `
data records "Records" { classification: ${classification} }
boundary app { trust: high
  store db { authenticates: true, holds: [records] ${storeProps} }
}
`;

/** Card numbers in a store, written by checkout from the same zone or from another one. */
const cardStore = (storeProps: string, crossesBoundary: boolean) => `
data pan "Card numbers" { classification: restricted, tags: [pci] }
boundary app { trust: high
  store cards { authenticates: true, holds: [pan] ${storeProps} }
  ${crossesBoundary ? '' : 'process checkout { authenticates: true }'}
}
${crossesBoundary ? 'boundary shop { trust: high\n  process checkout { authenticates: true }\n}' : ''}
flow checkout -> cards { protocol: "postgres", encrypted: true, authenticated: true, data: [pan] }
`;

const toExternal = (dataProps: string, flowProps: string) => `
data payload "Payload" { ${dataProps} }
boundary app { trust: high
  process exporter { authenticates: true }
}
external vendor { authenticates: true }
flow exporter -> vendor { authenticated: true, data: [payload] ${flowProps} }
`;

const secretOut = (dataTags: string, target: string) => `
data key "Signing key" { classification: restricted, tags: [${dataTags}] }
actor user
boundary vault-zone { trust: high
  process signer { authenticates: true }
}
boundary edge { trust: low
  process worker { authenticates: true }
}
flow signer -> ${target} { protocol: "https", authenticated: true, data: [key] }
`;

const downward = (classification: string) => `
data records "Records" { classification: ${classification} }
boundary core { trust: high
  process api { authenticates: true }
}
boundary edge { trust: low
  process worker { authenticates: true }
}
flow api -> worker { protocol: "https", authenticated: true, data: [records] }
`;

const cache = (storeProps: string, classification = 'confidential') => `
data sessions "Sessions" { classification: ${classification} }
boundary app { trust: high
  store cache { tech: "redis", encrypted: true, holds: [sessions] ${storeProps} }
}
`;

const storeRead = (storeProps: string, classification = 'confidential') => `
data records "Records" { classification: ${classification} }
boundary db-zone { trust: high
  store db { encrypted: true, holds: [records] ${storeProps} }
}
boundary app { trust: high
  process reporting { authenticates: true }
}
flow db -> reporting { protocol: "postgres", encrypted: true, data: [records] }
`;

const restrictedService = (processProps: string, callerZone: string) => `
data phi "PHI" { classification: restricted }
actor patient
external lab
boundary untrusted-net { trust: untrusted
  process kiosk { authenticates: true }
}
boundary app { trust: high
  process records-api { authenticates: true, handles: [phi] ${processProps} }
}
flow ${callerZone} -> records-api { protocol: "https", authenticated: true }
`;

const logStore = (storeProps: string, classification = 'restricted') => `
data phi "PHI" { classification: ${classification} }
boundary ops { trust: high
  store audit { tech: "elasticsearch", authenticates: true, holds: [phi] ${storeProps} }
}
`;

const bucket = (storeProps: string, classification = 'confidential') => `
data scans "Scans" { classification: ${classification} }
boundary cloud { trust: high
  store uploads { tech: "AWS S3", encrypted: true, holds: [scans] ${storeProps} }
}
`;

const unknownEncryption = (sender: string, flowProps: string) => `
data phi "PHI" { classification: restricted }
actor patient
boundary dmz { trust: medium
  process gateway { authenticates: true }
}
boundary cloud { trust: high
  process visits { authenticates: true }
}
flow ${sender} -> visits { authenticated: true, data: [phi] ${flowProps} }
`;

/** A store recognised as a log store by its ID alone (no log technology, no tags). */
const storeNamed = (id: string) => `
data phi "PHI" { classification: restricted }
boundary ops { trust: high
  store ${id} { authenticates: true, encrypted: true, holds: [phi] }
}
`;

/** Information disclosure rules: one row fires, the near-identical row does not. */
export const informationDisclosureCases: readonly RuleCase[] = [
  {
    rule: 'unencrypted-communication',
    name: 'PHI over http across a boundary',
    fires: phiModel('protocol: "http"'),
    target: 'forward',
    quiet: phiModel('protocol: "https"'),
    severity: 'high',
    messageIncludes: ['PHI', 'dmz -> cloud', 'http'],
  },
  {
    rule: 'unencrypted-communication',
    name: 'explicit encrypted: false wins over the protocol',
    fires: phiModel('protocol: "grpc", encrypted: false'),
    target: 'forward',
    quiet: phiModel('protocol: "grpc", encrypted: true'),
  },
  {
    rule: 'unencrypted-store',
    name: 'a store with confidential data and no encryption at rest',
    fires: sensitiveStore(''),
    target: 'db',
    quiet: sensitiveStore(', encrypted: true'),
    severity: 'medium',
    messageIncludes: ['db', 'Records'],
  },
  {
    rule: 'unencrypted-store',
    name: 'restricted data unencrypted at rest escalates to high',
    fires: sensitiveStore('', 'restricted'),
    target: 'db',
    quiet: sensitiveStore(', encrypted: true', 'restricted'),
    severity: 'high',
    messageIncludes: ['db', 'Records'],
  },
  {
    rule: 'cardholder-data-unencrypted-at-rest',
    name: 'card numbers stored in clear, used only inside the zone',
    fires: cardStore('', false),
    target: 'cards',
    quiet: cardStore(', encrypted: true', false),
    severity: 'high',
    messageIncludes: ['cards', 'Card numbers'],
  },
  {
    rule: 'cardholder-data-unencrypted-at-rest',
    name: 'card numbers in clear reached across a boundary are critical',
    fires: cardStore('', true),
    target: 'cards',
    quiet: cardStore(', encrypted: true', true),
    severity: 'critical',
    messageIncludes: ['cards', 'Card numbers'],
  },
  {
    rule: 'restricted-data-to-external',
    name: 'restricted data sent to a third party over https',
    fires: toExternal('classification: restricted', ', protocol: "https"'),
    target: 'exporter->vendor',
    quiet: toExternal('classification: confidential', ', protocol: "https"'),
    severity: 'high',
    messageIncludes: ['Payload', 'exporter', 'vendor'],
  },
  {
    rule: 'restricted-data-to-external',
    name: 'restricted data sent to a third party with unknown encryption is critical',
    fires: toExternal('classification: restricted', ''),
    target: 'exporter->vendor',
    quiet: toExternal('classification: confidential', ''),
    severity: 'critical',
  },
  {
    rule: 'phi-sent-to-external',
    name: 'PHI sent to a third party over https',
    fires: toExternal('classification: restricted, tags: [phi]', ', protocol: "https"'),
    target: 'exporter->vendor',
    quiet: toExternal('classification: restricted, tags: [pii]', ', protocol: "https"'),
    severity: 'high',
    messageIncludes: ['Payload', 'exporter', 'vendor'],
  },
  {
    rule: 'phi-sent-to-external',
    name: 'PHI sent to a third party unencrypted is critical',
    fires: toExternal('classification: restricted, tags: [phi]', ', protocol: "sftp", encrypted: false'),
    target: 'exporter->vendor',
    quiet: toExternal('classification: restricted, tags: [pii]', ', protocol: "sftp", encrypted: false'),
    severity: 'critical',
  },
  {
    rule: 'secret-to-less-trusted-zone',
    name: 'a secret sent from a high-trust zone to a low-trust process',
    fires: secretOut('secret', 'worker'),
    target: 'signer->worker',
    quiet: secretOut('crypto', 'worker'),
    severity: 'high',
    messageIncludes: ['Signing key', 'signer (high trust)', 'worker (low trust)'],
  },
  {
    rule: 'secret-to-less-trusted-zone',
    name: 'credentials returned to a person are critical',
    fires: secretOut('credentials', 'user'),
    target: 'signer->user',
    quiet: secretOut('crypto', 'user'),
    severity: 'critical',
    messageIncludes: ['Signing key', 'signer', 'user (untrusted trust)'],
  },
  {
    rule: 'sensitive-data-to-lower-trust',
    name: 'confidential data moved down to a low-trust process',
    fires: downward('confidential'),
    target: 'api->worker',
    quiet: downward('internal'),
    severity: 'medium',
    messageIncludes: ['Records', 'api (high trust)', 'worker (low trust)', 'core -> edge'],
  },
  {
    rule: 'sensitive-data-to-lower-trust',
    name: 'restricted data moved down to a low-trust process escalates to high',
    fires: downward('restricted'),
    target: 'api->worker',
    quiet: downward('public'),
    severity: 'high',
  },
  {
    rule: 'unauthenticated-cache',
    name: 'a Redis cache with confidential data and no authentication',
    fires: cache(''),
    target: 'cache',
    quiet: cache(', authenticates: true'),
    severity: 'medium',
    messageIncludes: ['cache', 'redis', 'Sessions'],
  },
  {
    rule: 'unauthenticated-cache',
    name: 'a Redis cache with restricted data escalates to high',
    fires: cache('', 'restricted'),
    target: 'cache',
    quiet: cache(', authenticates: true', 'restricted'),
    severity: 'high',
  },
  {
    rule: 'store-read-without-authentication',
    name: 'a process in another zone reads confidential data from an unauthenticated store',
    fires: storeRead(''),
    target: 'db',
    quiet: storeRead(', authenticates: true'),
    severity: 'medium',
    messageIncludes: ['reporting', 'Records', 'db', 'db-zone -> app'],
  },
  {
    rule: 'store-read-without-authentication',
    name: 'an unauthenticated read of restricted data escalates to high',
    fires: storeRead('', 'restricted'),
    target: 'db',
    quiet: storeRead(', authenticates: true', 'restricted'),
    severity: 'high',
  },
  {
    rule: 'restricted-data-without-authorization',
    name: 'a person outside every boundary reaches restricted data with no authorization',
    fires: restrictedService('', 'patient'),
    target: 'records-api',
    quiet: restrictedService(', authorizes: true', 'patient'),
    severity: 'critical',
    messageIncludes: ['records-api', 'PHI', 'patient'],
  },
  {
    rule: 'restricted-data-without-authorization',
    name: 'a caller in an untrusted boundary reaches restricted data with no authorization',
    fires: restrictedService('', 'kiosk'),
    target: 'records-api',
    quiet: restrictedService(', authorizes: true', 'kiosk'),
    severity: 'high',
    messageIncludes: ['records-api', 'PHI', 'kiosk'],
  },
  {
    rule: 'restricted-data-in-logs',
    name: 'restricted data in an encrypted Elasticsearch log store',
    fires: logStore(', encrypted: true'),
    target: 'audit',
    quiet: logStore(', encrypted: true', 'confidential'),
    severity: 'high',
    messageIncludes: ['audit', 'PHI'],
  },
  {
    rule: 'restricted-data-in-logs',
    name: 'restricted data in an unencrypted log store is critical',
    fires: logStore(''),
    target: 'audit',
    quiet: logStore('', 'confidential'),
    severity: 'critical',
    messageIncludes: ['audit', 'PHI'],
  },
  {
    rule: 'restricted-data-in-logs',
    name: 'a store named as logs is a log store; one whose ID merely contains "log" is not',
    fires: storeNamed('app-logs'),
    target: 'app-logs',
    quiet: storeNamed('product-catalog'),
    severity: 'high',
    messageIncludes: ['app-logs', 'PHI'],
  },
  {
    rule: 'public-object-storage',
    name: 'an S3 bucket with confidential data and no authentication',
    fires: bucket(''),
    target: 'uploads',
    quiet: bucket(', authenticates: true'),
    severity: 'high',
    messageIncludes: ['uploads', 'AWS S3', 'Scans'],
  },
  {
    rule: 'public-object-storage',
    name: 'an unauthenticated bucket with restricted data is critical',
    fires: bucket('', 'restricted'),
    target: 'uploads',
    quiet: bucket(', authenticates: true', 'restricted'),
    severity: 'critical',
  },
  {
    rule: 'restricted-data-unknown-encryption',
    name: 'restricted data crosses a boundary over a protocol of unknown encryption',
    fires: unknownEncryption('gateway', ', protocol: "grpc"'),
    target: 'gateway->visits',
    quiet: unknownEncryption('gateway', ', protocol: "grpc", encrypted: true'),
    severity: 'medium',
    messageIncludes: ['PHI', 'dmz -> cloud', 'gateway -> visits', 'grpc'],
  },
  {
    rule: 'restricted-data-unknown-encryption',
    name: 'a person sends restricted data with unknown encryption into a trusted zone: high',
    fires: unknownEncryption('patient', ''),
    target: 'patient->visits',
    quiet: unknownEncryption('patient', ', protocol: "https"'),
    severity: 'high',
    messageIncludes: ['PHI', 'outside -> cloud', 'patient -> visits'],
  },
];
