import { strict as assert } from 'node:assert';
import { DocumentSymbol, SelectionRange, SymbolInformation, SymbolKind } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lsp-client';

const shop = `model "Shop"
actor customer
boundary cloud "Cloud" {
  trust: high
  boundary dmz {
    process api "API" { authenticates: true }
  }
  store orders { holds: [card] }
}
data card { classification: restricted }
flow order: customer -> api { protocol: "https", data: [card] }
flow api -> orders
`;

describe('lsp: symbols', () => {
  let client: LspClient;
  afterEach(async () => client?.stop());

  it('outlines boundaries nesting their elements and nested boundaries, with exact selection ranges', async () => {
    client = await LspClient.start({ 'shop.moat': shop });
    const uri = await client.open('shop.moat');
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbols.map((s) => s.name), ['Shop', 'customer', 'cloud', 'card', 'order', 'api->orders']);
    const cloud = symbols.find((s) => s.name === 'cloud')!;
    assert.equal(cloud.kind, SymbolKind.Namespace);
    assert.deepEqual(cloud.range, { start: { line: 2, character: 0 }, end: { line: 8, character: 1 } });
    assert.deepEqual(cloud.children!.map((s) => s.name), ['dmz', 'orders']);
    const dmz = cloud.children![0];
    const api = dmz.children![0];
    assert.equal(api.name, 'api');
    assert.equal(api.kind, SymbolKind.Function);
    assert.deepEqual(api.selectionRange, { start: { line: 5, character: 12 }, end: { line: 5, character: 15 } });
    assert.deepEqual(api.range, { start: { line: 5, character: 4 }, end: { line: 5, character: 45 } });
    const anonymous = symbols.find((s) => s.name === 'api->orders')!;
    assert.equal(anonymous.detail, 'api -> orders');
    assert.equal(anonymous.kind, SymbolKind.Event);
  });

  it('outlines a file whose bodies error recovery closed, every range with a position', async () => {
    // chevrotain's invented `}` had no position: the range reached the client as `null`, and VS Code refuses the whole outline.
    client = await LspClient.start({ 'broken.moat': 'boundary dmz "DMZ" {\n  process gateway "API gateway" {\n    code: src/gateway.ts#Gateway"\n' });
    const uri = await client.open('broken.moat');
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbols.map((s) => s.name), ['dmz']);
    const gateway = symbols[0].children![0];
    assert.equal(gateway.name, 'gateway');
    assert.deepEqual(gateway.range, { start: { line: 1, character: 2 }, end: { line: 2, character: 13 } });
  });

  it('finds IDs across the workspace, including in files that are not open', async () => {
    client = await LspClient.start({ 'shop.moat': shop, 'other.moat': 'boundary corp {\n  store ledger\n}\n' });
    await client.open('shop.moat');
    const found = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'LEDG' });
    const ledger = found.find((s) => s.name === 'ledger');
    assert.ok(ledger, JSON.stringify(found));
    assert.equal(ledger.location.uri, client.uri('other.moat'));
    assert.deepEqual(ledger.location.range, { start: { line: 1, character: 8 }, end: { line: 1, character: 14 } });
    assert.equal(ledger.containerName, 'corp');
    const fuzzy = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'ordr' });
    assert.ok(fuzzy.some((s) => s.name === 'orders' && s.containerName === 'cloud'), JSON.stringify(fuzzy));
  });

  it('grows a selection from an ID inside a property to its declaration and out to the file', async () => {
    client = await LspClient.start({ 'shop.moat': shop });
    const uri = await client.open('shop.moat');
    const [chain] = await client.request<SelectionRange[]>('textDocument/selectionRange', { textDocument: { uri }, positions: [{ line: 7, character: 26 }] });
    const ranges: unknown[] = [];
    for (let r: SelectionRange | undefined = chain; r; r = r.parent) ranges.push(r.range);
    const at = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });
    assert.deepEqual(ranges, [
      at(7, 25, 7, 29), // card
      at(7, 24, 7, 30), // [card]
      at(7, 17, 7, 30), // holds: [card]
      at(7, 2, 7, 32), // store orders { ... }
      at(2, 0, 8, 1), // boundary cloud
      at(0, 0, 12, 0), // the file
    ]);
  });
});
