import { RuleCase } from '../../../helpers/rules';

const crossing = (props: string) => `
boundary a { trust: low
  process caller { authenticates: true, rate_limited: true }
}
boundary b { trust: high
  process service { rate_limited: true ${props} }
}
flow caller -> service { protocol: "https", authenticated: true }
`;

const restrictedCrossing = (props: string) => `
data phi "PHI" { classification: restricted }
boundary a { trust: low
  process caller { authenticates: true, rate_limited: true }
}
boundary b { trust: high
  process service { rate_limited: true, handles: [phi] ${props} }
}
flow caller -> service { protocol: "https", authenticated: true }
`;

/** A person (outside every boundary, so untrusted) or a low-trust process sends into a high-trust zone. */
const intoTrusted = (sender: string, flowProps: string) => `
data phi "PHI" { classification: restricted }
data notes "Notes" { classification: internal }
actor user
boundary a { trust: low
  process caller { authenticates: true }
}
boundary b { trust: high
  process service { authenticates: true }
}
flow ${sender} -> service { protocol: "https" ${flowProps} }
`;

const storeAccess = (storeProps: string, classification = 'internal') => `
data records "Records" { classification: ${classification} }
boundary app { trust: medium
  process api { authenticates: true }
}
boundary db-zone { trust: high
  store db { encrypted: true, holds: [records] ${storeProps} }
}
flow api -> db { protocol: "postgres", authenticated: true, data: [records] }
`;

const partner = (externalProps: string, classification = 'internal') => `
data order "Order" { classification: ${classification} }
boundary app { trust: high
  process billing { authenticates: true }
}
external partner { ${externalProps} }
flow billing -> partner { protocol: "https", authenticated: true, data: [order] }
`;

const login = (flowProps: string, classification = 'confidential') => `
data password "User password" { classification: ${classification} }
boundary a { trust: medium
  process web { authenticates: true }
}
boundary b { trust: medium
  process auth { authenticates: true }
}
flow web -> auth { authenticated: true, data: [password] ${flowProps} }
`;

const serviceCall = (flowProps: string, classification = 'internal') => `
data report "Report" { classification: ${classification} }
boundary a { trust: high
  process caller { authenticates: true }
}
boundary b { trust: high
  process service { authenticates: true }
}
flow caller -> service { protocol: "https", data: [report] ${flowProps} }
`;

const admin = (processProps: string, flowProps: string) => `
actor operator
boundary ops { trust: high
  process console { privileged: true ${processProps} }
}
flow operator -> console { protocol: "https" ${flowProps} }
`;

const directStore = (flowProps: string, classification = 'internal') => `
data rows "Rows" { classification: ${classification} }
actor analyst
boundary data-zone { trust: high
  store warehouse { encrypted: true, authenticates: true, holds: [rows] }
}
flow analyst -> warehouse { protocol: "postgres" ${flowProps} }
`;

const websocketSameZone = (protocol: string) => `
boundary app { trust: high
  process chat { authenticates: true }
  process presence { authenticates: true }
}
flow chat -> presence { protocol: "${protocol}", authenticated: true }
`;

const websocketFromUser = (protocol: string) => `
data phi "PHI" { classification: restricted }
actor patient
boundary app { trust: high
  process chat { authenticates: true }
}
flow patient -> chat { protocol: "${protocol}", authenticated: true, data: [phi] }
`;

const webhook = (flowProps: string, classification = 'internal') => `
data payment "Payment event" { classification: ${classification} }
external stripe { authenticates: true }
boundary app { trust: high
  process payments { authenticates: true }
}
flow stripe -> payments { protocol: "https", data: [payment] ${flowProps} }
`;

/** Spoofing rules. */
export const spoofingCases: readonly RuleCase[] = [
  {
    rule: 'missing-authentication',
    name: 'a process called across a boundary without authenticating',
    fires: crossing(''),
    target: 'service',
    quiet: crossing('authenticates: true'),
    severity: 'high',
    messageIncludes: ['service', 'caller'],
  },
  {
    rule: 'missing-authentication',
    name: 'a process handling restricted data escalates to critical',
    fires: restrictedCrossing(''),
    target: 'service',
    quiet: restrictedCrossing(', authenticates: true'),
    severity: 'critical',
    messageIncludes: ['service', 'caller'],
  },
  {
    rule: 'unauthenticated-flow-into-trusted-zone',
    name: 'a low-trust process sends into a high-trust zone unauthenticated',
    fires: intoTrusted('caller', ', data: [notes]'),
    target: 'caller->service',
    quiet: intoTrusted('caller', ', data: [notes], authenticated: true'),
    severity: 'medium',
    messageIncludes: ['caller (low)', 'service (high)', 'a -> b'],
  },
  {
    rule: 'unauthenticated-flow-into-trusted-zone',
    name: 'a person sends restricted data into a high-trust zone unauthenticated: two steps up',
    fires: intoTrusted('user', ', data: [phi]'),
    target: 'user->service',
    quiet: intoTrusted('user', ', data: [phi], authenticated: true'),
    severity: 'critical',
    messageIncludes: ['user (untrusted)', 'service (high)', 'outside -> b'],
  },
  {
    rule: 'unauthenticated-store-access',
    name: 'a process in another zone writes to a store that does not authenticate',
    fires: storeAccess(''),
    target: 'db',
    quiet: storeAccess(', authenticates: true'),
    severity: 'medium',
    messageIncludes: ['db', 'api'],
  },
  {
    rule: 'unauthenticated-store-access',
    name: 'a store holding confidential data escalates to high',
    fires: storeAccess('', 'confidential'),
    target: 'db',
    quiet: storeAccess(', authenticates: true', 'confidential'),
    severity: 'high',
    messageIncludes: ['db', 'api'],
  },
  {
    rule: 'unauthenticated-store-access',
    name: 'a store holding restricted data escalates to critical',
    fires: storeAccess('', 'restricted'),
    target: 'db',
    quiet: storeAccess(', authenticates: true', 'restricted'),
    severity: 'critical',
  },
  {
    rule: 'external-accepts-unauthenticated-calls',
    name: 'the system calls an external that does not authenticate',
    fires: partner('authenticates: false'),
    target: 'partner',
    quiet: partner('authenticates: true'),
    severity: 'medium',
    messageIncludes: ['partner', 'billing'],
  },
  {
    rule: 'external-accepts-unauthenticated-calls',
    name: 'restricted data sent to an unauthenticating external is critical',
    fires: partner('authenticates: false', 'restricted'),
    target: 'partner',
    quiet: partner('authenticates: true', 'restricted'),
    severity: 'critical',
    messageIncludes: ['partner', 'billing'],
  },
  {
    rule: 'external-accepts-unauthenticated-calls',
    name: 'confidential data sent to an unauthenticating external is high',
    fires: partner('authenticates: false', 'confidential'),
    target: 'partner',
    quiet: partner('', 'confidential'),
    severity: 'high',
  },
  {
    rule: 'credentials-over-unencrypted-channel',
    name: 'a password sent over http',
    fires: login(', protocol: "http"'),
    target: 'web->auth',
    quiet: login(', protocol: "https"'),
    severity: 'high',
    messageIncludes: ['User password', 'web -> auth', 'http'],
  },
  {
    rule: 'credentials-over-unencrypted-channel',
    name: 'restricted credentials with encryption switched off are critical',
    fires: login(', protocol: "grpc", encrypted: false', 'restricted'),
    target: 'web->auth',
    quiet: login(', protocol: "grpc", encrypted: true', 'restricted'),
    severity: 'critical',
    messageIncludes: ['User password', 'web -> auth', 'grpc'],
  },
  {
    rule: 'unauthenticated-service-call',
    name: 'a service calls a peer in another zone of equal trust unauthenticated',
    fires: serviceCall(''),
    target: 'caller->service',
    quiet: serviceCall(', authenticated: true'),
    severity: 'medium',
    messageIncludes: ['caller', 'service', 'a -> b'],
  },
  {
    rule: 'unauthenticated-service-call',
    name: 'restricted data on an unauthenticated service call escalates to high',
    fires: serviceCall('', 'restricted'),
    target: 'caller->service',
    quiet: serviceCall(', authenticated: true', 'restricted'),
    severity: 'high',
  },
  {
    rule: 'unauthenticated-admin-access',
    name: 'a privileged process reached by a person over an unauthenticated flow',
    fires: admin(', authenticates: true', ''),
    target: 'console',
    quiet: admin(', authenticates: true', ', authenticated: true'),
    severity: 'critical',
    messageIncludes: ['console', 'operator', 'unauthenticated flows'],
  },
  {
    rule: 'unauthenticated-admin-access',
    name: 'a privileged process that does not authenticate',
    fires: admin('', ', authenticated: true'),
    target: 'console',
    quiet: admin(', authenticates: true', ', authenticated: true'),
    messageIncludes: ['console', 'operator', 'does not authenticate'],
  },
  {
    rule: 'direct-actor-store-access',
    name: 'a person connects to a store directly without authentication',
    fires: directStore(', data: [rows]'),
    target: 'analyst->warehouse',
    quiet: directStore(', data: [rows], authenticated: true'),
    severity: 'high',
    messageIncludes: ['analyst', 'warehouse', 'data-zone'],
  },
  {
    rule: 'direct-actor-store-access',
    name: 'restricted data in a store a person reaches directly is critical',
    fires: directStore('', 'restricted'),
    target: 'analyst->warehouse',
    quiet: directStore(', authenticated: true', 'restricted'),
    severity: 'critical',
  },
  {
    rule: 'plaintext-websocket-session',
    name: 'a WebSocket over ws inside one zone',
    fires: websocketSameZone('ws'),
    target: 'chat->presence',
    quiet: websocketSameZone('wss'),
    severity: 'medium',
    messageIncludes: ['chat -> presence', 'ws'],
  },
  {
    rule: 'plaintext-websocket-session',
    name: 'a person keeps a ws session carrying restricted data: critical',
    fires: websocketFromUser('ws'),
    target: 'patient->chat',
    quiet: websocketFromUser('wss'),
    severity: 'critical',
    messageIncludes: ['patient -> chat'],
  },
  {
    rule: 'spoofable-webhook-source',
    name: 'an external system calls in without the flow being verified',
    fires: webhook(''),
    target: 'stripe->payments',
    quiet: webhook(', authenticated: true'),
    severity: 'medium',
    messageIncludes: ['payments', 'stripe'],
  },
  {
    rule: 'spoofable-webhook-source',
    name: 'an unverified webhook carrying confidential data is high',
    fires: webhook('', 'confidential'),
    target: 'stripe->payments',
    quiet: webhook(', authenticated: true', 'confidential'),
    severity: 'high',
  },
  {
    rule: 'spoofable-webhook-source',
    name: 'an unverified webhook carrying restricted data is critical',
    fires: webhook('', 'restricted'),
    target: 'stripe->payments',
    quiet: webhook(', authenticated: true', 'restricted'),
    severity: 'critical',
  },
];
