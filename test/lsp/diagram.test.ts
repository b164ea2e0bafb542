import assert from 'node:assert/strict';
import { generateModel } from '../../bench/generate-model';
import { marked } from '../helpers/markers';
import { LspClient } from '../helpers/lsp-client';
import type { DiagramResult } from '../../server/src/protocol';

const model = marked(`model "Clinic"
actor ⟦patient⟧ "Patient"
boundary cloud {
  trust: high
  process ⟦api⟧ "Booking API" { authenticates: true }
  store ⟦db⟧ "Records" { encrypted: true }
}
flow ⟦book⟧: patient -> api "books" { protocol: "https" }
flow api -> db "writes"
`);

describe('moat/diagram', function () {
  this.timeout(30000);
  let client: LspClient;
  afterEach(() => client?.stop());

  it('draws the model of a file as SVG, each element locatable by its data-moat-id', async () => {
    client = await LspClient.start({ 'clinic.moat': model.text });
    const uri = await client.open('clinic.moat');
    const diagram = await client.request<DiagramResult>('moat/diagram', { uri });
    assert.equal(diagram.rootUri, uri);
    assert.equal(diagram.title, 'Clinic');
    const ids = [...diagram.svg.matchAll(/data-moat-id="([^"]+)"/g)].map((m) => m[1]);
    for (const id of ['patient', 'api', 'db', 'cloud', 'book']) assert.ok(ids.includes(id), `${id} is drawn`);
    assert.deepEqual(
      ['patient', 'api', 'db', 'book'].map((id) => diagram.elements[id]!.nameRange),
      model.ranges,
    );
    assert.equal(diagram.elements.cloud!.kind, 'boundary');
    assert.equal(diagram.elements.book!.kind, 'flow');
    assert.equal(diagram.errorCount, 0);
    assert.ok(diagram.findings.some((f) => f.target === 'api'), 'findings come with the picture');
  });

  it('draws what the editor holds, not what is on disk, and says when the model has errors', async () => {
    client = await LspClient.start({ 'clinic.moat': model.text });
    const uri = await client.open('clinic.moat');
    await client.change('clinic.moat', model.text.replace('"Booking API"', '"Appointments"') + 'flow api -> \n');
    const diagram = await client.request<DiagramResult>('moat/diagram', { uri });
    assert.match(diagram.svg, /Appointments/);
    assert.doesNotMatch(diagram.svg, /Booking API/);
    assert.ok(diagram.errorCount > 0);
  });

  it('tells the client after any change to the model, so a preview redraws a renamed label', async () => {
    client = await LspClient.start({ 'clinic.moat': model.text });
    await client.open('clinic.moat');
    const count = () => client.notifications.filter((n) => n.method === 'moat/didChangeModel').length;
    await client.waitFor(() => count() === 1, 'the first moat/didChangeModel');
    await client.change('clinic.moat', model.text.replace('"Records"', '"Patient records"'));
    await client.waitFor(() => count() === 2, 'moat/didChangeModel after a label edit');
  });

  it('refuses a diagram too large to lay out with a message for the preview, and keeps serving', async () => {
    client = await LspClient.start({ 'huge.moat': generateModel(3_001) });
    const uri = await client.open('huge.moat');
    await assert.rejects(client.request('moat/diagram', { uri }), /The diagram could not be drawn: cannot draw 3,001 elements/);
    const symbols = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(symbols.length > 0, 'the server still answers');
  });

  it('answers null for a file in no model', async () => {
    client = await LspClient.start({ 'clinic.moat': model.text });
    assert.equal(await client.request('moat/diagram', { uri: client.uri('elsewhere.moat') }), null);
  });
});
