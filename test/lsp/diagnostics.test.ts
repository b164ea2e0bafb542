import { strict as assert } from 'node:assert';
import { LspClient } from '../helpers/lsp-client';

const shop = `model "Shop"
actor customer
boundary cloud { trust: high
  process api { authenticates: false, authorizes: true, validates_input: true, sanitizes_output: true, logs: true, rate_limited: true }
}
flow order: customer -> api { protocol: "https", authenticated: true }
`;

describe('lsp: diagnostics', () => {
  let client: LspClient;
  afterEach(async () => client?.stop());

  it('publishes syntax and semantic errors with codes, and findings with the rule as code and a link to its documentation', async () => {
    client = await LspClient.start({ 'shop.moat': shop + 'flow customer -> apii\n' });
    await client.open('shop.moat');
    const diagnostics = await client.diagnosticsOf('shop.moat', (d) => d.length > 0);
    const unknown = diagnostics.find((d) => d.code === 'unknown-reference');
    assert.ok(unknown, JSON.stringify(diagnostics));
    assert.deepEqual([unknown.severity, unknown.range.start], [1, { line: 6, character: 17 }]);
    assert.match(String(unknown.message), /did you mean `api`/);
    const finding = diagnostics.find((d) => d.code === 'missing-authentication');
    assert.ok(finding);
    assert.equal(finding.severity, 2);
    assert.deepEqual(finding.range.start, { line: 3, character: 10 });
    assert.match(finding.codeDescription!.href, /^file:\/\/.*\/docs\/rules\.md#missing-authentication$/);
    assert.deepEqual(finding.data, { findingId: 'missing-authentication@api', rule: 'missing-authentication', target: 'api' });
  });

  it('re-publishes after an edit fixes the problem', async () => {
    client = await LspClient.start({ 'shop.moat': shop });
    await client.open('shop.moat');
    await client.diagnosticsOf('shop.moat', (d) => d.some((x) => x.code === 'missing-authentication'));
    await client.change('shop.moat', shop.replace('authenticates: false', 'authenticates: true'));
    await client.diagnosticsOf('shop.moat', (d) => !d.some((x) => x.code === 'missing-authentication'));
  });

  it('maps finding severities through the moat.findingSeverity setting', async () => {
    client = await LspClient.start({ 'shop.moat': shop }, { findingSeverity: { high: 'error' } });
    await client.open('shop.moat');
    const diagnostics = await client.diagnosticsOf('shop.moat', (d) => d.some((x) => x.code === 'missing-authentication' && x.severity === 1));
    assert.ok(diagnostics.length > 0);
  });

  it('reports an error in a closed file that an open file imports', async () => {
    client = await LspClient.start({ 'main.moat': 'import "parts.moat"\nactor user\nflow user -> api\n', 'parts.moat': 'process api { tech: 3 }\n' });
    await client.open('main.moat');
    const parts = await client.diagnosticsOf('parts.moat', (d) => d.some((x) => x.code === 'wrong-value-type'));
    assert.equal(parts.find((d) => d.code === 'wrong-value-type')!.range.start.line, 0);
  });
});
