import { strict as assert } from 'node:assert';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { applyEdits, editsFor, LspClient } from '../helpers/lsp-client';

const shop = `model "Shop"
actor customer
boundary cloud { trust: high
  process api { authenticates: false, authorizes: true, validates_input: true, sanitizes_output: true, logs: true, rate_limited: true }
}
flow order: customer -> api { protocol: "https", authenticated: true }
`;

const isAuth = (d: Diagnostic): boolean => d.code === 'missing-authentication';
/** A finding's diagnostic on a line (findings carry no `data`: the server finds them by rule and range). */
const findingOnLine = (line: number) => (d: Diagnostic): boolean => d.range.start.line === line && d.codeDescription !== undefined;

describe('lsp: code actions', () => {
  let client: LspClient;
  afterEach(async () => client?.stop());

  /** Opens `shop.moat`, waits for the finding, and asks for the actions of its diagnostic. */
  async function actionsFor(text: string, pick: (d: Diagnostic) => boolean): Promise<{ uri: string; actions: CodeAction[]; diagnostic: Diagnostic }> {
    client = await LspClient.start({ 'shop.moat': text });
    const uri = await client.open('shop.moat');
    const diagnostics = await client.diagnosticsOf('shop.moat', (d) => d.some(pick));
    const diagnostic = diagnostics.find(pick)!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    return { uri, actions, diagnostic };
  }

  it('"Set `authenticates: true`" replaces the written value and its finding disappears once applied', async () => {
    const { uri, actions, diagnostic } = await actionsFor(shop, isAuth);
    const fix = actions.find((a) => a.title === 'Set `authenticates: true`');
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.isPreferred, true);
    assert.deepEqual(fix.diagnostics, [diagnostic]);
    const fixed = applyEdits(shop, editsFor(fix.edit!, uri));
    assert.equal(fixed, shop.replace('authenticates: false', 'authenticates: true'));
    await client.change('shop.moat', fixed);
    await client.diagnosticsOf('shop.moat', (d) => !d.some(isAuth));
  });

  it('the property fix adds the property inside the block when it is not written', async () => {
    const text = shop.replace('authenticates: false, ', '');
    const { uri, actions } = await actionsFor(text, isAuth);
    const fix = actions.find((a) => a.title === 'Set `authenticates: true`')!;
    const fixed = applyEdits(text, editsFor(fix.edit!, uri));
    assert.match(fixed, /\n {4}authenticates: true\n {2}\}\n/);
    await client.change('shop.moat', fixed);
    await client.diagnosticsOf('shop.moat', (d) => !d.some(isAuth) && !d.some((x) => x.severity === 1));
  });

  it('"Add mitigation" inserts a planned mitigation in the block; set to implemented, the finding closes', async () => {
    const text = shop.replace(
      '  process api { authenticates: false, authorizes: true, validates_input: true, sanitizes_output: true, logs: true, rate_limited: true }',
      '  process api {\n    authenticates: false\n    authorizes: true\n    validates_input: true\n    sanitizes_output: true\n    logs: true\n    rate_limited: true\n  }',
    );
    const { uri, actions } = await actionsFor(text, isAuth);
    const add = actions.find((a) => a.title === 'Add mitigation for missing-authentication');
    assert.ok(add);
    const planned = applyEdits(text, editsFor(add.edit!, uri));
    assert.match(planned, /\n {4}rate_limited: true\n {4}mitigate missing-authentication "TODO: how it is mitigated" \{ status: planned \}\n {2}\}\n/);
    await client.change('shop.moat', planned);
    await client.diagnosticsOf('shop.moat', (d) => d.some((x) => isAuth(x) && String(x.message).includes('mitigation planned')));
    await client.change('shop.moat', planned.replace('status: planned', 'status: implemented'));
    await client.diagnosticsOf('shop.moat', (d) => !d.some(isAuth));
  });

  it('"Add mitigation" creates a block for a declaration without one', async () => {
    const text = 'actor customer\nprocess api\nflow customer -> api { protocol: "http" }\n';
    client = await LspClient.start({ 'shop.moat': text });
    const uri = await client.open('shop.moat');
    const onApi = findingOnLine(1);
    const diagnostics = await client.diagnosticsOf('shop.moat', (d) => d.some(onApi));
    const diagnostic = diagnostics.find(onApi)!;
    assert.equal(diagnostic.data, undefined);
    const rule = String(diagnostic.code);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    const add = actions.find((a) => a.title === `Add mitigation for ${rule}`)!;
    const planned = applyEdits(text, editsFor(add.edit!, uri));
    assert.ok(planned.includes(`process api {\n  mitigate ${rule} "TODO: how it is mitigated" { status: planned }\n}\n`), planned);
    await client.change('shop.moat', planned);
    await client.diagnosticsOf('shop.moat', (d) => d.some((x) => x.code === rule && onApi(x) && String(x.message).includes('mitigation planned')));
  });

  it('"Accept risk" appends a top-level acceptance expiring in 90 days; once applied the finding is gone', async () => {
    const { uri, actions } = await actionsFor(shop, isAuth);
    const accept = actions.find((a) => a.title === 'Accept risk missing-authentication');
    assert.ok(accept);
    const accepted = applyEdits(shop, editsFor(accept.edit!, uri));
    const expires = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
    assert.ok(accepted.endsWith(`\naccept missing-authentication "TODO: why" { on: api, by: "", expires: "${expires}" }\n`), accepted);
    await client.change('shop.moat', accepted);
    await client.diagnosticsOf('shop.moat', (d) => !d.some(isAuth));
  });

  it('offers the finding fixes for a range on the target name even without diagnostics in the context', async () => {
    client = await LspClient.start({ 'shop.moat': shop });
    const uri = await client.open('shop.moat');
    await client.diagnosticsOf('shop.moat', (d) => d.some(isAuth));
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 3, character: 11 }, end: { line: 3, character: 11 } },
      context: { diagnostics: [] },
    });
    assert.ok(actions.some((a) => a.title === 'Set `authenticates: true`'));
  });

  it('"Did you mean" fixes an unknown reference; "Create element" declares it', async () => {
    const text = shop + 'flow customer -> apii\n';
    const pick = (d: Diagnostic): boolean => d.code === 'unknown-reference';
    const { uri, actions } = await actionsFor(text, pick);
    const didYouMean = actions.find((a) => a.title === 'Did you mean `api`');
    assert.ok(didYouMean, JSON.stringify(actions.map((a) => a.title)));
    const create = actions.find((a) => a.title === 'Create element `apii`');
    assert.ok(create);
    assert.ok(applyEdits(text, editsFor(create.edit!, uri)).endsWith('\nprocess apii "apii"\n'));
    await client.change('shop.moat', applyEdits(text, editsFor(didYouMean.edit!, uri)));
    await client.diagnosticsOf('shop.moat', (d) => !d.some(pick));
  });

  it('"Create data asset" for an unknown data reference, and "Change to" for an unknown property', async () => {
    const text = shop.replace('authenticated: true }', 'authenticated: true, data: [cart] }').replace('trust: high', 'trsut: high');
    client = await LspClient.start({ 'shop.moat': text });
    const uri = await client.open('shop.moat');
    const diagnostics = await client.diagnosticsOf('shop.moat', (d) => d.some((x) => x.code === 'unknown-reference') && d.some((x) => x.code === 'unknown-property'));
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: diagnostics.filter((x) => x.code === 'unknown-reference' || x.code === 'unknown-property') },
    });
    const create = actions.find((a) => a.title === 'Create data asset `cart`');
    assert.ok(create, JSON.stringify(actions.map((a) => a.title)));
    assert.ok(applyEdits(text, editsFor(create.edit!, uri)).endsWith('\ndata cart { classification: internal }\n'));
    const change = actions.find((a) => a.title === 'Change to `trust`');
    assert.ok(change);
    const fixed = applyEdits(applyEdits(text, editsFor(change.edit!, uri)), editsFor(create.edit!, uri));
    await client.change('shop.moat', fixed);
    await client.diagnosticsOf('shop.moat', (d) => !d.some((x) => x.code === 'unknown-reference' || x.code === 'unknown-property'));
  });

  it('puts the acceptance of a finding on an anonymous flow inside the flow, and it closes the finding', async () => {
    const text = 'actor customer\nprocess api { authenticates: true }\nflow customer -> api { protocol: "http" }\n';
    const onFlow = findingOnLine(2);
    const { uri, actions, diagnostic } = await actionsFor(text, onFlow);
    const rule = String(diagnostic.code);
    const accept = actions.find((a) => a.title === `Accept risk ${rule}`)!;
    const accepted = applyEdits(text, editsFor(accept.edit!, uri));
    assert.match(accepted, new RegExp(`flow customer -> api \\{ protocol: "http"\\n  accept ${rule} "TODO: why" \\{ by: "", expires: "\\d{4}-\\d\\d-\\d\\d" \\}\\n\\}\\n$`), accepted);
    await client.change('shop.moat', accepted);
    await client.diagnosticsOf('shop.moat', (d) => !d.some((x) => x.code === rule && onFlow(x)));
  });

  it('sets the property a flow finding needs on the element the flow goes to, in that element\'s file, and the finding goes', async () => {
    const rule = 'unlogged-external-input';
    const main = 'import "services.moat"\nexternal lab "Lab partner"\nflow results: lab -> intake { protocol: "https", authenticated: true }\n';
    const services = 'boundary clinic { trust: high\n  process intake { authenticates: true, authorizes: true, validates_input: true }\n}\n';
    client = await LspClient.start({ 'main.moat': main, 'services.moat': services });
    const uri = await client.open('main.moat');
    const servicesUri = await client.open('services.moat');
    const diagnostic = (await client.diagnosticsOf('main.moat', (d) => d.some((x) => x.code === rule))).find((x) => x.code === rule)!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    const fix = actions.find((a) => a.title === 'Set `logs: true` on intake');
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.deepEqual(Object.keys(fix.edit!.changes!), [servicesUri], 'the edit is in the file that declares `intake`, not on the flow');
    const fixed = applyEdits(services, editsFor(fix.edit!, servicesUri));
    assert.equal(fixed, services.replace('validates_input: true }', 'validates_input: true\n    logs: true\n  }'));
    await client.change('services.moat', fixed);
    await client.diagnosticsOf('main.moat', (d) => !d.some((x) => x.code === rule));
    assert.ok(!(client.diagnostics.get(servicesUri) ?? []).some((x) => x.severity === 1 || x.code === 'property-not-allowed'));
  });
});
