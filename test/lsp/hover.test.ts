import { strict as assert } from 'node:assert';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol/node';
import { marked } from '../helpers/markers';
import { LspClient } from '../helpers/lsp-client';

const shop = `model "Shop"
data card "Card_numbers" { classification: restricted, tags: [pci] }
actor customer "The *customer*"
boundary cloud "Cloud" { trust: high
  boundary dmz { trust: medium
    process ⟦a‸pi⟧ { authenticates: false }
  }
  store db { holds: [card], encrypted: true, authenticates: true, authorizes: true, logs: true, backups: true }
}
flow ⟦or‸der⟧: customer -> api { protocol: "http", data: [card] }
flow api -> db { protocol: "postgres" }
mitigate ⟦unencrypted-comm‸unication⟧ "TLS at the edge" { on: order, status: implemented }
`;

describe('lsp: hover', () => {
  let client: LspClient;
  afterEach(async () => client?.stop());

  async function hoverAt(cursor: number): Promise<{ hover: Hover | null; value: string; ranges: ReturnType<typeof marked>['ranges'] }> {
    const { text, cursors, ranges } = marked(shop);
    client = await LspClient.start({ 'shop.moat': text });
    const uri = await client.open('shop.moat');
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: cursors[cursor] });
    return { hover, value: (hover?.contents as MarkupContent | undefined)?.value ?? '', ranges };
  }

  it('shows an element with its boundary path, trust, flows and open findings', async () => {
    const { hover, value, ranges } = await hoverAt(0);
    assert.ok(hover, 'a hover');
    assert.equal((hover.contents as MarkupContent).kind, 'markdown');
    assert.deepEqual(hover.range, ranges[0]);
    assert.match(value, /\*\*process\*\* `api`/);
    assert.match(value, /`cloud` > `dmz` \(trust: medium\)/);
    assert.match(value, /flows in: 1 \(`customer`\)/);
    assert.match(value, /flows out: 1 \(`db`\)/);
    // The severity says why it is above the rule's default (high): the card numbers it receives.
    assert.match(value, /- critical \(raised: restricted data\) `missing-authentication`/);
  });

  it('shows a flow with its ends, protocol, data and findings', async () => {
    const { hover, value, ranges } = await hoverAt(1);
    assert.ok(hover);
    assert.deepEqual(hover.range, ranges[1]);
    assert.match(value, /\*\*flow\*\* `order`/);
    assert.match(value, /`customer` -> `api`/);
    assert.match(value, /protocol: http/);
    assert.match(value, /encrypted: false/);
    assert.match(value, /data: `card`/);
    assert.match(value, /[1-9]\d* mitigated/);
  });

  it('shows a built-in rule after `mitigate` with its category, severity and CWE link', async () => {
    const { hover, value, ranges } = await hoverAt(2);
    assert.ok(hover);
    assert.deepEqual(hover.range, ranges[2]);
    assert.match(value, /`unencrypted-communication`/);
    assert.match(value, /STRIDE: \w+/);
    assert.match(value, /severity: (low|medium|high|critical)/);
    assert.match(value, /\[CWE-\d+\]\(https:\/\/cwe\.mitre\.org\/data\/definitions\/\d+\.html\)/);
  });

  it('escapes model text and shows data assets and boundaries', async () => {
    const data = `model "M"\ndata ca‸rd "Card_numbers" { classification: restricted }\nactor cu‸stomer "The *customer*"\nboundary c‸loud { trust: low\n  store db { holds: [card] }\n}\n`;
    const { text, cursors } = marked(data);
    client = await LspClient.start({ 'm.moat': text });
    const uri = await client.open('m.moat');
    const value = async (i: number): Promise<string> =>
      ((await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: cursors[i] }))?.contents as MarkupContent).value;
    const card = await value(0);
    assert.match(card, /Card\\_numbers/);
    assert.match(card, /classification: restricted/);
    assert.match(card, /held in: `db`/);
    assert.match(await value(1), /The \\\*customer\\\*/);
    const boundary = await value(2);
    assert.match(boundary, /trust: low/);
    assert.match(boundary, /elements: `db`/);
  });

  it('shows an anonymous flow when hovering its arrow', async () => {
    const { text, cursors } = marked('actor a\nprocess b\nflow a -‸> b { protocol: "https" }\n');
    client = await LspClient.start({ 'f.moat': text });
    const uri = await client.open('f.moat');
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: cursors[0] });
    const value = (hover?.contents as MarkupContent).value;
    assert.match(value, /\*\*flow\*\* `a->b`/);
    assert.match(value, /encrypted: true \(inferred from the protocol\)/);
  });

  it("lists the checklist's questions apart from the findings, answered ones counted", async () => {
    const { text, cursors } = marked(`model "Clinic" { checklist: true }
actor nu‸rse
process ehr
flow nurse -> ehr { protocol: "https", authenticated: true }
mitigate stride-spoofing-actor "Badge and PIN at every workstation" { on: nurse, status: implemented }
`);
    client = await LspClient.start({ 'c.moat': text });
    const uri = await client.open('c.moat');
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: cursors[0] });
    const value = (hover?.contents as MarkupContent).value;
    assert.match(value, /_No findings\._/);
    assert.doesNotMatch(value, /\*\*Findings:\*\*/);
    assert.match(value, /\*\*Checklist:\*\* 1 open question, 1 answered/);
    assert.match(value, /- `stride-repudiation-actor`: Checklist: /);
    assert.doesNotMatch(value, /- `stride-spoofing-actor`/, 'an answered question is counted, not listed');
  });

  it('answers null away from any ID', async () => {
    const { text } = marked(shop);
    client = await LspClient.start({ 'shop.moat': text });
    const uri = await client.open('shop.moat');
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 9 } }), null);
  });
});
