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
];
