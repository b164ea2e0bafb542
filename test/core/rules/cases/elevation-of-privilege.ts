import { RuleCase } from '../../../helpers/rules';

const exposedAgent = (props: string) => `
actor user
boundary host { trust: high
  process agent { authenticates: true, validates_input: true ${props} }
}
flow user -> agent { protocol: "https", authenticated: true }
`;

const internalAgent = (props: string) => `
boundary app { trust: medium
  process scheduler { authenticates: true }
}
boundary host { trust: high
  process updater { privileged: true, authenticates: true ${props} }
}
flow scheduler -> updater { protocol: "grpcs", authenticated: true }
`;

const orders = (props: string) => `
data orders "Orders" { classification: confidential }
actor customer
boundary app { trust: medium
  process shop { authenticates: true ${props} }
  store orders_db { encrypted: true, holds: [orders] }
}
flow customer -> shop { protocol: "https", authenticated: true }
flow shop -> orders_db { protocol: "postgres", encrypted: true }
`;

const deputy = (props: string) => `
data phi "PHI" { classification: restricted }
actor patient
boundary dmz { trust: medium
  process gateway { authenticates: true ${props} }
}
boundary core { trust: high
  process records { authenticates: true, authorizes: true, handles: [phi] }
}
flow patient -> gateway { protocol: "https", authenticated: true }
flow gateway -> records { protocol: "https", authenticated: true, data: [phi] }
`;

const adminPanel = (props: string) => `
actor staff
boundary corp { trust: medium
  process admin_console "Admin console" { authenticates: true ${props} }
}
flow staff -> admin_console { protocol: "https", authenticated: true }
`;

const container = (props: string) => `
external partner
boundary cluster { trust: high
  process worker { tech: "kubernetes", authenticates: true, validates_input: true ${props} }
}
flow partner -> worker { protocol: "https", authenticated: true }
`;

const ci = (props: string) => `
data deploy_key "Deploy key" { classification: confidential, tags: [secret] }
external github "GitHub pull requests"
boundary build { trust: high
  process pipeline { tech: "github-actions", handles: [deploy_key] ${props} }
}
flow github -> pipeline { protocol: "https", authenticated: true }
`;

const partnerDrop = (props: string) => `
data claims "Claims" { classification: restricted }
external clearinghouse
boundary core { trust: high
  store inbox { tech: "s3", encrypted: true, authenticates: true, holds: [claims] ${props} }
}
flow clearinghouse -> inbox { protocol: "https", authenticated: true, data: [claims] }
`;

const analystDb = (props: string) => `
data accounts "Accounts" { classification: confidential }
actor analyst
boundary data_zone { trust: high
  store warehouse { encrypted: true, authenticates: true, logs: true, holds: [accounts] ${props} }
}
flow analyst -> warehouse { protocol: "postgres", authenticated: true }
`;

const controlPlane = (props: string) => `
actor user
boundary cluster { trust: high
  process deployer { authenticates: true, authorizes: true, validates_input: true }
  process kube "Kubernetes API" { tech: "kube-apiserver", authenticates: true ${props} }
}
flow user -> deployer { protocol: "https", authenticated: true }
flow deployer -> kube { protocol: "https", authenticated: true }
`;

/** elevation-of-privilege rules. */
export const elevationOfPrivilegeCases: readonly RuleCase[] = [
  {
    rule: 'privileged-process-exposed',
    name: 'a root agent called by a person from outside every boundary',
    fires: exposedAgent('privileged: true'),
    target: 'agent',
    quiet: exposedAgent('privileged: false'),
    severity: 'critical',
    messageIncludes: ['agent', 'user'],
  },
  {
    rule: 'privileged-process-unvalidated-input',
    name: 'a privileged updater trusts a less trusted internal caller',
    fires: internalAgent(''),
    target: 'updater',
    quiet: internalAgent('validates_input: true'),
    severity: 'high',
    messageIncludes: ['updater', 'scheduler'],
  },
  {
    rule: 'missing-authorization',
    name: 'a shop writes orders for customers without authorization',
    fires: orders(''),
    target: 'shop',
    quiet: orders('authorizes: true'),
    severity: 'high',
    messageIncludes: ['shop', 'orders_db', 'customer'],
  },
  {
    rule: 'confused-deputy',
    name: 'a DMZ gateway relays patient requests into the core without authorization',
    fires: deputy(''),
    target: 'gateway',
    quiet: deputy('authorizes: true'),
    severity: 'critical',
    messageIncludes: ['gateway', 'patient', 'records'],
  },
  {
    rule: 'admin-interface-without-authorization',
    name: 'an admin console without role checks',
    fires: adminPanel(''),
    target: 'admin_console',
    quiet: adminPanel('authorizes: true'),
    severity: 'critical',
    messageIncludes: ['admin_console', 'staff'],
  },
  {
    rule: 'privileged-container',
    name: 'a privileged Kubernetes worker fed by a partner',
    fires: container('privileged: true'),
    target: 'worker',
    quiet: container('privileged: false'),
    severity: 'critical',
    messageIncludes: ['worker', 'partner'],
  },
  {
    rule: 'ci-secrets-exposed-to-untrusted-code',
    name: 'a GitHub Actions pipeline with a deploy key triggered by pull requests',
    fires: ci(''),
    target: 'pipeline',
    quiet: ci('authorizes: true'),
    severity: 'high',
    messageIncludes: ['pipeline', 'Deploy key', 'github'],
  },
  {
    rule: 'external-writes-trusted-store',
    name: 'a clearinghouse writes restricted claims straight into a core bucket',
    fires: partnerDrop(''),
    target: 'clearinghouse->inbox',
    quiet: partnerDrop('authorizes: true'),
    severity: 'critical',
    messageIncludes: ['clearinghouse', 'inbox'],
  },
  {
    rule: 'direct-store-write-without-authorization',
    name: 'an analyst works on a warehouse with no grants at the store',
    fires: analystDb(''),
    target: 'analyst->warehouse',
    quiet: analystDb('authorizes: true'),
    severity: 'high',
    messageIncludes: ['analyst', 'warehouse'],
  },
  {
    rule: 'control-plane-reachable-from-exposed-process',
    name: 'an internet-facing deployer drives the Kubernetes API without RBAC',
    fires: controlPlane(''),
    target: 'deployer->kube',
    quiet: controlPlane('authorizes: true'),
    severity: 'critical',
    messageIncludes: ['deployer', 'kube', 'user'],
  },
];
