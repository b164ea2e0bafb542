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
];
