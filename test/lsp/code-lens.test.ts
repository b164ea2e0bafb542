import { strict as assert } from 'node:assert';
import type { CodeLens, InlayHint } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lsp-client';

// `api` has two findings: missing-authentication (mitigated) and missing-rate-limit (open).
const shop = `model "Shop"
actor customer
boundary cloud { trust: high
  process api {
    authenticates: false
    authorizes: true
    validates_input: true
    sanitizes_output: true
    logs: true
    mitigate missing-authentication "SSO at the gateway" { status: implemented }
  }
}
flow order: customer -> api { protocol: "https", authenticated: true }
`;

const whole = { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } };

describe('lsp: code lens and inlay hints', () => {
  let client: LspClient;
  afterEach(async () => client?.stop());

  it('shows open and mitigated counts and a diagram link above each element and named flow', async () => {
    client = await LspClient.start({ 'shop.moat': shop });
    const uri = await client.open('shop.moat');
    await client.diagnosticsOf('shop.moat', (d) => d.length > 0);
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    const api = lenses.filter((l) => l.command?.arguments?.[1] === 'api');
    assert.deepEqual(
      api.map((l) => [l.range.start.line, l.command!.title, l.command!.command]),
      [
        [3, '1 open threat · 1 mitigated', 'moat.showFindings'],
        [3, 'Show in diagram', 'moat.openDiagram'],
      ],
      JSON.stringify(lenses),
    );
    assert.deepEqual(api[0].command!.arguments, [uri, 'api']);
    const targets = new Set(lenses.map((l) => l.command!.arguments![1]));
    assert.deepEqual([...targets].sort(), ['api', 'customer', 'order']);
    const customer = lenses.find((l) => l.command?.arguments?.[1] === 'customer' && l.command.command === 'moat.showFindings')!;
    assert.match(customer.command!.title, /^(no open threats|\d+ open threats?)/);
  });

  it("counts threats with evidence only: the checklist's questions are not threats", async () => {
    client = await LspClient.start({ 'shop.moat': shop.replace('model "Shop"', 'model "Shop" { checklist: true }') });
    const uri = await client.open('shop.moat');
    await client.diagnosticsOf('shop.moat', (d) => d.some((x) => x.code === 'stride-repudiation-actor'));
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    const title = (id: string): string | undefined => lenses.find((l) => l.command?.arguments?.[1] === id && l.command.command === 'moat.showFindings')?.command?.title;
    assert.equal(title('api'), '1 open threat · 1 mitigated');
    assert.equal(title('customer'), 'no open threats', 'the questions about customer are no threats found');
  });

  it('has no inlay hints by default', async () => {
    client = await LspClient.start({ 'shop.moat': shop });
    const uri = await client.open('shop.moat');
    await client.diagnosticsOf('shop.moat', (d) => d.length > 0);
    const hints = await client.request<InlayHint[] | null>('textDocument/inlayHint', { textDocument: { uri }, range: whole });
    assert.deepEqual(hints ?? [], []);
  });

  it('shows the STRIDE letters after each name with inlayHints on, restricted to the range', async () => {
    client = await LspClient.start({ 'shop.moat': shop }, { inlayHints: true });
    const uri = await client.open('shop.moat');
    await client.diagnosticsOf('shop.moat', (d) => d.length > 0);
    const hints = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: whole });
    assert.deepEqual(
      hints.map((h) => [h.position, h.label, h.kind, h.paddingLeft]),
      [
        [{ line: 1, character: 14 }, 'SR', 1, true],
        [{ line: 3, character: 13 }, 'STRIDE', 1, true],
        [{ line: 12, character: 10 }, 'TID', 1, true],
      ],
    );
    const some = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 2, character: 0 }, end: { line: 5, character: 0 } } });
    assert.deepEqual(some.map((h) => h.label), ['STRIDE']);
  });
});
