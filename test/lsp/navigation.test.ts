import { strict as assert } from 'node:assert';
import { Location, Range, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyEdits, editsFor, LspClient } from '../helpers/lsp-client';

/** Text with one `‸` marker: the text without it, and the marker's position. */
function cursor(marked: string): { text: string; position: { line: number; character: number } } {
  const offset = marked.indexOf('‸');
  assert.ok(offset >= 0, 'no ‸ in the text');
  const before = marked.slice(0, offset).split('\n');
  return { text: marked.replace('‸', ''), position: { line: before.length - 1, character: before[before.length - 1]!.length } };
}

const zones = `boundary cloud { trust: high
  process api "API" { authenticates: true }
  store db { holds: [phi] }
}
data phi { classification: restricted }
`;
const main = `import "zones.moat"
actor user
flow call: user -> api { data: [phi] }
flow api -> db { data: [phi] }
threat replay "Replay" { category: spoofing, on: [api, call] }
mitigate replay "Nonces" { on: api, status: implemented }
`;

describe('lsp: navigation and rename across files', () => {
  let client: LspClient;
  afterEach(async () => client?.stop());

  it('goes from a reference to the declaration in another file', async () => {
    const { text, position } = cursor(main.replace('user -> api', 'user -> a‸pi'));
    client = await LspClient.start({ 'main.moat': text, 'zones.moat': zones });
    const uri = await client.open('main.moat');
    const location = await client.request<Location | null>('textDocument/definition', { textDocument: { uri }, position });
    assert.deepEqual(location, { uri: client.uri('zones.moat'), range: { start: { line: 1, character: 10 }, end: { line: 1, character: 13 } } });
  });

  it('finds every reference of an ID, with or without the declaration', async () => {
    const { text, position } = cursor(zones.replace('process api', 'process a‸pi'));
    client = await LspClient.start({ 'main.moat': main, 'zones.moat': text });
    const uri = await client.open('zones.moat');
    const all = await client.request<Location[]>('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: true } });
    const where = all.map((l) => `${l.uri.endsWith('main.moat') ? 'main' : 'zones'}:${l.range.start.line}:${l.range.start.character}`).sort();
    assert.deepEqual(where, ['main:2:19', 'main:3:5', 'main:4:50', 'main:5:31', 'zones:1:10']);
    const refsOnly = await client.request<Location[]>('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: false } });
    assert.equal(refsOnly.length, 4);
  });

  it('highlights the occurrences in the current file, the declaration as a write', async () => {
    const { text, position } = cursor(main.replace('actor user', 'actor us‸er'));
    client = await LspClient.start({ 'main.moat': text, 'zones.moat': zones });
    const uri = await client.open('main.moat');
    const highlights = await client.request<Array<{ range: Range; kind: number }>>('textDocument/documentHighlight', { textDocument: { uri }, position });
    assert.deepEqual(
      highlights.map((h) => [h.range.start.line, h.range.start.character, h.kind]),
      [
        [1, 6, 3],
        [2, 11, 2],
      ],
    );
  });

  it('renames an element in both files, on: lists and mitigation targets included, and the model stays valid', async () => {
    const { text, position } = cursor(main.replace('user -> api', 'user -> ap‸i'));
    client = await LspClient.start({ 'main.moat': text, 'zones.moat': zones });
    const uri = await client.open('main.moat');
    const prepared = await client.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', { textDocument: { uri }, position });
    assert.deepEqual(prepared, { range: { start: { line: 2, character: 19 }, end: { line: 2, character: 22 } }, placeholder: 'api' });
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position, newName: 'booking-api' });
    const newMain = applyEdits(text, editsFor(edit, uri));
    const newZones = applyEdits(zones, editsFor(edit, client.uri('zones.moat')));
    assert.equal(newMain, text.replaceAll(/\bapi\b/g, 'booking-api'));
    assert.match(newZones, /process booking-api "API"/);
    await client.open('zones.moat', newZones);
    await client.change('main.moat', newMain);
    const diagnostics = await client.diagnosticsOf('main.moat', (d) => !d.some((x) => x.severity === 1));
    assert.ok(!diagnostics.some((d) => d.code === 'unknown-reference'));
  });

  it('renames the anonymous flows an element starts or ends where they are named, so their mitigations still apply', async () => {
    const text = [
      'actor user',
      'process api { authenticates: true }',
      'flow user -> api',
      'flow user -> api',
      'mitigate unauthenticated-flow-into-trusted-zone "SSO" { on: ["user->api", "user->api#2"], status: implemented }',
      '',
    ].join('\n');
    client = await LspClient.start({ 'main.moat': text });
    const uri = await client.open('main.moat');
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: { line: 0, character: 7 }, newName: 'patient' });
    const renamed = applyEdits(text, editsFor(edit, uri));
    assert.equal(renamed, text.replaceAll('user', 'patient'));
    await client.change('main.moat', renamed);
    const diagnostics = await client.diagnosticsOf('main.moat', (d) => !d.some((x) => String(x.message).includes('user')));
    assert.deepEqual(diagnostics.filter((d) => d.severity === 1 || d.code === 'unknown-reference').map((d) => d.message), []);
  });

  it('refuses to rename to an ID that exists or is not an identifier, and anything that is not a declared ID', async () => {
    const { text, position } = cursor(main.replace('user -> api', 'user -> ap‸i'));
    client = await LspClient.start({ 'main.moat': text, 'zones.moat': zones });
    const uri = await client.open('main.moat');
    await assert.rejects(client.request('textDocument/rename', { textDocument: { uri }, position, newName: 'db' }), /already the ID of a store/);
    await assert.rejects(client.request('textDocument/rename', { textDocument: { uri }, position, newName: 'two words' }), /not a valid ID/);
    const keyword = await client.request('textDocument/prepareRename', { textDocument: { uri }, position: { line: 1, character: 1 } });
    assert.equal(keyword, null);
  });
});

describe('lsp: formatting, custom requests and crash safety', () => {
  let client: LspClient;
  afterEach(async () => client?.stop());

  it('formats a document canonically, keeps comments, and a second pass changes nothing', async () => {
    const messy = 'actor   user   // the person\nboundary cloud {\ntrust:high\n      process api\n}\nflow user->api\n';
    client = await LspClient.start({ 'a.moat': messy });
    const uri = await client.open('a.moat');
    const edits = await client.request<Array<{ range: Range; newText: string }>>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    const once = applyEdits(messy, edits);
    assert.notEqual(once, messy);
    assert.match(once, /\/\/ the person/);
    assert.match(once, /^ {2}trust: high$/m);
    await client.change('a.moat', once);
    const again = await client.request<unknown[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    assert.deepEqual(again, []);
  });

  it('answers moat/locate and moat/findings for the model of a file', async () => {
    client = await LspClient.start({ 'main.moat': main, 'zones.moat': zones });
    const uri = await client.open('main.moat');
    const located = await client.request<{ uri: string; kind: string; nameRange: Range }>('moat/locate', { uri, id: 'db' });
    assert.deepEqual([located.uri, located.kind, located.nameRange.start], [client.uri('zones.moat'), 'store', { line: 2, character: 8 }]);
    const { findings, rootUri } = await client.request<{ rootUri: string; findings: Array<{ id: string; status: string }> }>('moat/findings', { uri });
    assert.equal(rootUri, uri);
    assert.deepEqual(findings.find((f) => f.id === 'replay@api')?.status, 'mitigated');
    assert.deepEqual(findings.find((f) => f.id === 'replay@call')?.status, 'open');
    assert.equal(await client.request('moat/locate', { uri, id: 'nothing' }), null);
  });

  it('tells the client when a model changed, with its open findings', async () => {
    client = await LspClient.start({ 'main.moat': main, 'zones.moat': zones });
    await client.open('main.moat');
    const note = await client.waitFor(() => client.notifications.find((n) => n.method === 'moat/didChangeModel'), 'moat/didChangeModel');
    const params = note.params as { rootUri: string; uris: string[]; openFindings: number };
    assert.deepEqual([params.rootUri, params.uris.length], [client.uri('main.moat'), 2]);
    assert.ok(params.openFindings > 0);
  });

  it("counts no checklist question among the open findings, and marks the questions in moat/findings", async () => {
    client = await LspClient.start({ 'c.moat': 'model "Clinic" { checklist: true }\nactor nurse\n' });
    const uri = await client.open('c.moat');
    const note = await client.waitFor(() => client.notifications.find((n) => n.method === 'moat/didChangeModel'), 'moat/didChangeModel');
    assert.equal((note.params as { openFindings: number }).openFindings, 0);
    const { findings } = await client.request<{ findings: Array<{ rule: string; checklist: boolean }> }>('moat/findings', { uri });
    assert.deepEqual(findings.map((f) => [f.rule, f.checklist]).sort(), [
      ['stride-repudiation-actor', true],
      ['stride-spoofing-actor', true],
    ]);
  });

  it('answers requests on a document that does not parse, and on a position past its end, without dying', async () => {
    client = await LspClient.start({ 'bad.moat': 'boundary b {\n  process p {\n' });
    const uri = await client.open('bad.moat');
    for (const method of ['textDocument/hover', 'textDocument/definition', 'textDocument/completion', 'textDocument/prepareRename']) {
      await client.request(method, { textDocument: { uri }, position: { line: 99, character: 99 } });
    }
    await client.request('textDocument/documentSymbol', { textDocument: { uri } });
    const diagnostics = await client.diagnosticsOf('bad.moat', (d) => d.length > 0);
    assert.ok(diagnostics.some((d) => d.code === 'syntax'));
  });
});
