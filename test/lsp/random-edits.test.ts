import { strict as assert } from 'node:assert';
import { LspClient } from '../helpers/lsp-client';
import { exampleModel, randomEdit, seededRandom } from '../helpers/random-edits';

/** Where in a response a position is not a whole number, or a range ends before it starts: what VS Code refuses. */
function invalidPositions(value: unknown, path: string): string[] {
  if (value === null || typeof value !== 'object') return [];
  const found: string[] = [];
  const { line, character, start, end } = value as { line?: unknown; character?: unknown; start?: { line: number; character: number }; end?: { line: number; character: number } };
  if ('line' in value && 'character' in value && !(Number.isInteger(line) && (line as number) >= 0 && Number.isInteger(character) && (character as number) >= 0)) {
    found.push(`${path} = ${JSON.stringify(value)}`);
  }
  if (start && end && (start.line > end.line || (start.line === end.line && start.character > end.character))) found.push(`${path} ends before it starts: ${JSON.stringify(value)}`);
  for (const [key, inner] of Object.entries(value)) found.push(...invalidPositions(inner, `${path}.${key}`));
  return found;
}

describe('lsp: random edits', () => {
  let client: LspClient;
  afterEach(async () => client?.stop());

  // Half-typed text is the editor's normal state: every feature must answer it, with ranges the client accepts.
  for (const [seed, name] of [[11, 'telemedicine.moat'], [12, 'cicd-pipeline.moat']] as const) {
    it(`answers every request with real positions while ${name} is edited at random`, async () => {
      let text = exampleModel(name);
      client = await LspClient.start({ 'model.moat': text });
      const uri = await client.open('model.moat');
      const pick = seededRandom(seed);
      const problems: string[] = [];
      for (let edit = 1; edit <= 80; edit++) {
        text = randomEdit(text, pick);
        await client.change('model.moat', text);
        const lines = text.split('\n');
        const line = pick(lines.length);
        const position = { line, character: pick(lines[line].length + 1) };
        const document = { textDocument: { uri } };
        const requests: Array<[string, object]> = [
          ['textDocument/documentSymbol', document],
          ['textDocument/foldingRange', document],
          ['textDocument/selectionRange', { ...document, positions: [position] }],
          ['textDocument/semanticTokens/full', document],
          ['textDocument/codeLens', document],
          ['textDocument/inlayHint', { ...document, range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } } }],
          ['textDocument/hover', { ...document, position }],
          ['textDocument/completion', { ...document, position }],
          ['textDocument/definition', { ...document, position }],
          ['textDocument/references', { ...document, position, context: { includeDeclaration: true } }],
          ['textDocument/documentHighlight', { ...document, position }],
          ['textDocument/prepareRename', { ...document, position }],
          ['textDocument/formatting', { ...document, options: { tabSize: 2, insertSpaces: true } }],
          ['textDocument/codeAction', { ...document, range: { start: position, end: position }, context: { diagnostics: client.diagnostics.get(uri) ?? [] } }],
          ['moat/findings', { uri }],
          ['moat/diagram', { uri }],
        ];
        for (const [method, params] of requests) {
          try {
            problems.push(...invalidPositions(await client.request(method, params), `edit ${edit} ${method}`));
          } catch (error) {
            problems.push(`edit ${edit} ${method} failed: ${(error as Error).message}`);
          }
        }
      }
      assert.deepEqual(problems.slice(0, 5), []);
    });
  }
});
