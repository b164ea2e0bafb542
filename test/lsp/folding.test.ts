import { strict as assert } from 'node:assert';
import { FoldingRange } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lsp-client';

const text = `/* Shop model
   owned by the platform team */
boundary cloud {
  trust: high
  process api {
    description: """
      Takes orders
      """
  }
}
// one
// two
actor customer
`;

describe('lsp: folding', () => {
  let client: LspClient;
  afterEach(async () => client?.stop());

  it('folds blocks, block comments, runs of line comments and text blocks', async () => {
    client = await LspClient.start({ 'shop.moat': text });
    const uri = await client.open('shop.moat');
    const ranges = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    const pick = (r: FoldingRange) => ({ startLine: r.startLine, endLine: r.endLine, kind: r.kind });
    assert.deepEqual(ranges.map(pick), [
      { startLine: 0, endLine: 1, kind: 'comment' },
      { startLine: 2, endLine: 8, kind: undefined },
      { startLine: 4, endLine: 7, kind: undefined },
      { startLine: 5, endLine: 7, kind: 'region' },
      { startLine: 10, endLine: 11, kind: 'comment' },
    ]);
  });
});
