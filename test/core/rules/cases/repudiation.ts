import { RuleCase } from '../../../helpers/rules';

/** A process handling PHI; `props` varies the one property under test. */
const phiService = (props: string) => `
data phi "PHI" { classification: restricted, tags: [phi] }
boundary cloud { trust: high
  process visits { authenticates: true, handles: [phi] ${props} }
}
`;

const portal = (props: string) => `
actor clerk
process portal { authenticates: true ${props} }
flow clerk -> portal { protocol: "https", authenticated: true }
`;

const adminTool = (props: string) => `
actor operator
boundary ops { trust: high
  process admin { privileged: true, authenticates: true ${props} }
}
flow operator -> admin { protocol: "https", authenticated: true }
`;

const recordsStore = (props: string) => `
model "Clinic" { compliance: [hipaa] }
data phi "PHI" { classification: restricted, tags: [phi] }
boundary cloud { trust: high
  store records { encrypted: true, holds: [phi] ${props} }
}
`;

const priceStore = (props: string) => `
data pricing "Pricing" { classification: confidential }
external supplier
boundary cloud { trust: high
  store prices { encrypted: true, authenticates: true, holds: [pricing] ${props} }
}
flow supplier -> prices { protocol: "sftp", authenticated: true }
`;

const lab = (props: string) => `
data results "Lab results" { classification: restricted }
external lab "Reference lab"
boundary cloud { trust: high
  process orders { authenticates: true ${props} }
}
flow orders -> lab { protocol: "https", data: [results] }
`;

const dbaSession = (props: string) => `
data billing "Billing" { classification: confidential }
actor dba
boundary cloud { trust: high
  store ledger { authenticates: true, holds: [billing] ${props} }
}
flow dba -> ledger { protocol: "postgres", authenticated: true }
`;

const partnerCallback = (props: string) => `
data results "Results" { classification: restricted }
external lab
boundary cloud { trust: high
  process results_api { authenticates: true ${props} }
}
flow lab -> results_api { protocol: "https", authenticated: true, data: [results] }
`;

/** repudiation rules. */
export const repudiationCases: readonly RuleCase[] = [
  {
    rule: 'missing-audit-log',
    name: 'a process handling PHI without an audit log',
    fires: phiService(''),
    target: 'visits',
    quiet: phiService('logs: true'),
    severity: 'high',
    messageIncludes: ['visits', 'PHI'],
  },
  {
    rule: 'unlogged-actor-requests',
    name: 'people call a process from outside every boundary and nothing is logged',
    fires: portal(''),
    target: 'portal',
    quiet: portal('logs: true'),
    severity: 'medium',
    messageIncludes: ['portal', 'clerk'],
  },
  {
    rule: 'unlogged-privileged-process',
    name: 'an admin tool used by an operator without logging',
    fires: adminTool(''),
    target: 'admin',
    quiet: adminTool('logs: true'),
    severity: 'critical',
    messageIncludes: ['admin', 'operator'],
  },
  {
    rule: 'unlogged-regulated-data-store',
    name: 'a PHI store without access logging in a HIPAA model',
    fires: recordsStore(''),
    target: 'records',
    quiet: recordsStore('logs: true'),
    severity: 'critical',
    messageIncludes: ['records', 'PHI'],
  },
  {
    rule: 'unlogged-cross-zone-store-writes',
    name: 'a partner feed writes confidential prices into a store that keeps no log',
    fires: priceStore(''),
    target: 'prices',
    quiet: priceStore('logs: true'),
    severity: 'high',
    messageIncludes: ['prices', 'supplier'],
  },
  {
    rule: 'unlogged-disclosure-to-external',
    name: 'restricted results sent to a lab without logging',
    fires: lab(''),
    target: 'orders->lab',
    quiet: lab('logs: true'),
    severity: 'high',
    messageIncludes: ['orders', 'lab', 'Lab results'],
  },
  {
    rule: 'direct-store-access-unlogged',
    name: 'a DBA connects to a billing database that keeps no log',
    fires: dbaSession(''),
    target: 'dba->ledger',
    quiet: dbaSession('logs: true'),
    severity: 'high',
    messageIncludes: ['dba', 'ledger'],
  },
  {
    rule: 'unlogged-external-input',
    name: 'a lab posts restricted results to an API that records nothing',
    fires: partnerCallback(''),
    target: 'lab->results_api',
    quiet: partnerCallback('logs: true'),
    severity: 'high',
    messageIncludes: ['results_api', 'lab'],
  },
];
