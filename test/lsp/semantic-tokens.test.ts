import { strict as assert } from 'node:assert';
import { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-protocol';
import { semanticTokensLegend } from '../../server/src/lsp/semantic-tokens';
import { LspClient } from '../helpers/lsp-client';

const shop = `actor customer
store orders { encrypted: true }
flow order: customer -> orders
mitigate unencrypted-communication "TLS" { on: [order] }
`;

interface Token {
  line: number;
  character: number;
  length: number;
  type: string;
  modifiers: string[];
}

/** Undoes the relative encoding of semantic tokens with the server's legend. */
function decode(data: readonly number[], legend: SemanticTokensLegend): Token[] {
  const out: Token[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    character = data[i] === 0 ? character + data[i + 1] : data[i + 1];
    const modifiers = legend.tokenModifiers.filter((_, bit) => data[i + 4] & (1 << bit));
    out.push({ line, character, length: data[i + 2], type: legend.tokenTypes[data[i + 3]], modifiers });
  }
  return out;
}

describe('lsp: semantic tokens', () => {
  let client: LspClient;
  afterEach(async () => client?.stop());

  it('colours each ID by what it names, with a declaration modifier on declarations', async () => {
    client = await LspClient.start({ 'shop.moat': shop });
    const uri = await client.open('shop.moat');
    const init = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    assert.equal(init.data.length % 5, 0);
    // The legend the server announces in its capabilities (a constant of the server).
    const tokens = decode(init.data, semanticTokensLegend);
    const at = (line: number, character: number) => tokens.find((t) => t.line === line && t.character === character);
    assert.deepEqual(at(0, 6), { line: 0, character: 6, length: 8, type: 'class', modifiers: ['declaration'] });
    assert.deepEqual(at(1, 6), { line: 1, character: 6, length: 6, type: 'struct', modifiers: ['declaration'] });
    assert.deepEqual(at(2, 12), { line: 2, character: 12, length: 8, type: 'class', modifiers: [] });
    assert.deepEqual(at(2, 24), { line: 2, character: 24, length: 6, type: 'struct', modifiers: [] });
    assert.deepEqual(at(2, 5), { line: 2, character: 5, length: 5, type: 'event', modifiers: ['declaration'] });
    assert.deepEqual(at(3, 9)?.type, 'macro');
    assert.deepEqual(at(3, 9)?.modifiers, ['defaultLibrary']);
    // Sorted by position.
    for (let i = 1; i < tokens.length; i++) assert.ok(tokens[i].line > tokens[i - 1].line || tokens[i].character > tokens[i - 1].character);
  });
});
