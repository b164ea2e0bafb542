import { strict as assert } from 'node:assert';
import type { CompletionItem } from 'vscode-languageserver-protocol/node';
import { marked } from '../helpers/markers';
import { LspClient } from '../helpers/lsp-client';

const base = `model "Shop"
data card "Card numbers" { classification: restricted }
actor customer
boundary cloud { trust: high
  process api { tech: "node" }
  store db { holds: [card] }
}
`;

describe('lsp: completion', () => {
  let client: LspClient;
  afterEach(async () => client?.stop());

  /** Opens `source` (with a `‸` cursor marker) and asks for completion at the cursor. */
  async function complete(source: string): Promise<CompletionItem[]> {
    const { text, cursors } = marked(source);
    client = await LspClient.start({ 'shop.moat': text });
    const uri = await client.open('shop.moat');
    const result = await client.request<CompletionItem[] | null>('textDocument/completion', { textDocument: { uri }, position: cursors[0] });
    return result ?? [];
  }
  const labels = (items: CompletionItem[]): string[] => items.map((i) => i.label);

  it('offers declaration keywords and snippets at the start of a top-level line', async () => {
    const items = await complete(base + 'pro‸\n');
    for (const word of ['model', 'import', 'data', 'actor', 'process', 'store', 'boundary', 'flow', 'threat', 'mitigate', 'accept', 'rule']) {
      assert.ok(items.some((i) => i.label === word && i.kind === 14), `keyword ${word}`);
    }
    const snippet = items.find((i) => i.label === 'process' && i.kind === 15);
    assert.ok(snippet);
    assert.equal(snippet.insertTextFormat, 2);
    assert.match(snippet.insertText!, /^process \$\{1:id\} "\$\{2:Label\}" \{/);
    assert.ok(!labels(items).includes('authenticates'));
  });

  it('offers element keywords inside a boundary body', async () => {
    const items = await complete(base + 'boundary dmz {\n  ‸\n}\n');
    for (const word of ['process', 'store', 'actor', 'boundary']) assert.ok(labels(items).includes(word), word);
    assert.ok(labels(items).includes('trust'));
    assert.ok(!labels(items).includes('model'));
  });

  it('offers the properties of the element kind inside its block, leaving out ones already written', async () => {
    const items = await complete(base + 'process worker {\n  logs: true\n  ‸\n  privileged: false\n}\n');
    const names = labels(items);
    for (const p of ['authenticates', 'validates_input', 'handles', 'description']) assert.ok(names.includes(p), p);
    assert.ok(!names.includes('logs'), 'already written before the cursor');
    assert.ok(!names.includes('privileged'), 'already written after the cursor');
    assert.ok(!names.includes('holds'), 'store-only');
    assert.ok(!names.includes('protocol'), 'flow-only');
    const auth = items.find((i) => i.label === 'authenticates')!;
    assert.match(JSON.stringify(auth.documentation), /Verifies who calls it/);
  });

  it('offers the properties of a flow on an unfinished line', async () => {
    const items = await complete(base + 'flow customer -> api {\n  prot‸');
    assert.ok(labels(items).includes('protocol'));
    assert.ok(labels(items).includes('encrypted'));
    assert.ok(!labels(items).includes('authenticates'));
  });

  it('offers enum values after `classification: `', async () => {
    const items = await complete(base + 'data pii { classification: ‸ }\n');
    assert.deepEqual(labels(items), ['public', 'internal', 'confidential', 'restricted']);
  });

  it('offers trust levels and booleans after their keys', async () => {
    assert.deepEqual(labels(await complete(base + 'boundary dmz {\n  trust: ‸\n}\n')), ['untrusted', 'low', 'medium', 'high']);
    await client.stop();
    assert.deepEqual(labels(await complete(base + 'store cache {\n  encrypted: ‸\n}\n')), ['true', 'false']);
  });

  it('offers element IDs after `flow a -> `', async () => {
    const items = await complete(base + 'flow customer -> ‸');
    assert.deepEqual(labels(items).sort(), ['api', 'customer', 'db']);
  });

  it('offers data asset IDs in a `data: [` list', async () => {
    const items = await complete(base + 'flow customer -> api { data: [‸] }\n');
    assert.deepEqual(labels(items), ['card']);
  });

  it('offers element and flow IDs in an `on:` list', async () => {
    const items = await complete(base + 'flow checkout: customer -> api\nthreat t "T" { on: [api, ‸] }\n');
    for (const id of ['api', 'db', 'customer', 'checkout']) assert.ok(labels(items).includes(id), id);
  });

  it('offers rule IDs with their titles after `mitigate `', async () => {
    const items = await complete(base + 'flow customer -> api {\n  mitigate ‸\n}\n');
    const rule = items.find((i) => i.label === 'unencrypted-communication');
    assert.ok(rule, JSON.stringify(labels(items)));
    assert.ok(rule.detail && rule.detail.length > 0);
    assert.ok(!labels(items).includes('api'));
  });

  it('offers nothing inside a string or a comment', async () => {
    assert.deepEqual(await complete(base + 'actor x "Lab‸el"\n'), []);
    await client.stop();
    assert.deepEqual(await complete(base + '// flow a -> ‸\n'), []);
  });
});
