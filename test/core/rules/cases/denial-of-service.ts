import { RuleCase } from '../../../helpers/rules';

const exposed = (props: string) => `
actor user
boundary edge { trust: medium
  process api { authenticates: true ${props} }
}
flow user -> api { protocol: "https", authenticated: true }
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
];
