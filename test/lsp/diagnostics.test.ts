import { strict as assert } from 'node:assert';
import { LspClient } from '../helpers/lsp-client';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const shop = `model "Shop"
actor customer
boundary cloud { trust: high
  process api { authenticates: false, authorizes: true, validates_input: true, sanitizes_output: true, logs: true, rate_limited: true }
}
flow order: customer -> api { protocol: "https", authenticated: true }
`;

describe('lsp: diagnostics', () => {
  let client: LspClient;
  afterEach(async () => client?.stop());

  it('publishes syntax and semantic errors with codes, and findings with the rule as code and a link to its documentation', async () => {
    client = await LspClient.start({ 'shop.moat': shop + 'flow customer -> apii\n' });
    await client.open('shop.moat');
    const diagnostics = await client.diagnosticsOf('shop.moat', (d) => d.length > 0);
    const unknown = diagnostics.find((d) => d.code === 'unknown-reference');
    assert.ok(unknown, JSON.stringify(diagnostics));
    assert.deepEqual([unknown.severity, unknown.range.start], [1, { line: 6, character: 17 }]);
    assert.match(String(unknown.message), /did you mean `api`/);
    const finding = diagnostics.find((d) => d.code === 'missing-authentication');
    assert.ok(finding);
    assert.equal(finding.severity, 2);
    assert.deepEqual(finding.range.start, { line: 3, character: 10 });
    assert.match(finding.codeDescription!.href, /^file:\/\/.*\/docs\/rules\.md#missing-authentication$/);
    // Code actions find the finding by rule and range: no `data`, which would be an eighth of a large model's payload.
    assert.equal(finding.data, undefined);
  });

  for (const launch of [['dist/server.js'], ['dist/cli.js', 'lsp']]) {
    it(`links each finding to the rule's section of the shipped docs/rules.md (${launch.join(' ')} --stdio)`, async () => {
      client = await LspClient.start({ 'shop.moat': shop }, {}, undefined, true, launch);
      await client.open('shop.moat');
      const diagnostics = await client.diagnosticsOf('shop.moat', (d) => d.some((x) => x.code === 'missing-authentication'));
      const href = diagnostics.find((d) => d.code === 'missing-authentication')!.codeDescription!.href;
      const [file, anchor] = href.split('#');
      assert.equal(fileURLToPath(file), resolve('docs/rules.md'));
      assert.equal(anchor, 'missing-authentication');
      assert.match(readFileSync(fileURLToPath(file), 'utf8'), /^### missing-authentication$/m);
    });
  }

  it('sends related locations, documentation links and tags only to a client that declares it shows them', async () => {
    const text = shop + 'flow customer -> apii\n';
    const related = (d: { relatedInformation?: unknown[] }): boolean => (d.relatedInformation?.length ?? 0) > 0;
    client = await LspClient.start({ 'shop.moat': text });
    await client.open('shop.moat');
    const full = await client.diagnosticsOf('shop.moat', (d) => d.some((x) => x.code === 'missing-authentication'));
    assert.ok(full.some(related) && full.some((x) => x.codeDescription), JSON.stringify(full));
    await client.stop();

    client = await LspClient.start({ 'shop.moat': text }, {}, null);
    await client.open('shop.moat');
    const lean = await client.diagnosticsOf('shop.moat', (d) => d.some((x) => x.code === 'missing-authentication'));
    assert.deepEqual(lean.map((x) => [x.code, x.range, x.message]), full.map((x) => [x.code, x.range, x.message]));
    assert.ok(!lean.some((x) => related(x) || x.codeDescription || x.tags), JSON.stringify(lean));
  });

  it('relates a crossing finding to its two ends and the innermost boundary on each side, not to every enclosing one', async () => {
    const nested = `boundary corp { trust: medium
  boundary office { trust: medium
    process laptop-agent
  }
}
boundary cloud { trust: high
  boundary vpc { trust: high
    process api { authenticates: true }
  }
}
flow sync: laptop-agent -> api { protocol: "https" }
`;
    client = await LspClient.start({ 'nested.moat': nested });
    await client.open('nested.moat');
    const all = await client.diagnosticsOf('nested.moat', (d) => d.some((x) => x.code === 'unauthenticated-flow-into-trusted-zone'));
    const crossing = all.find((x) => x.code === 'unauthenticated-flow-into-trusted-zone')!;
    assert.match(String(crossing.message), /office -> vpc/);
    assert.deepEqual(
      crossing.relatedInformation?.map((r) => r.message),
      ['process laptop-agent', 'process api', 'boundary office', 'boundary vpc'],
    );
  });

  it('re-publishes the same diagnostics for an edit that changes nothing they show, and new ones for an edit that does', async () => {
    client = await LspClient.start({ 'shop.moat': shop });
    await client.open('shop.moat');
    const before = await client.diagnosticsOf('shop.moat', (d) => d.some((x) => x.code === 'missing-authentication'));
    await client.change('shop.moat', shop + 'flow customer -> nowhere\n');
    const after = await client.diagnosticsOf('shop.moat', (d) => d.some((x) => x.code === 'unknown-reference'));
    for (const d of before) assert.ok(after.some((x) => JSON.stringify(x) === JSON.stringify(d)), JSON.stringify(d));
    await client.change('shop.moat', shop.replace('process api', 'process gateway').replace('-> api', '-> gateway'));
    const renamed = await client.diagnosticsOf('shop.moat', (d) => d.some((x) => String(x.message).includes('gateway')));
    assert.ok(!renamed.some((x) => /\bapi\b/.test(String(x.message))), JSON.stringify(renamed));
  });

  it('re-publishes after an edit fixes the problem', async () => {
    client = await LspClient.start({ 'shop.moat': shop });
    await client.open('shop.moat');
    await client.diagnosticsOf('shop.moat', (d) => d.some((x) => x.code === 'missing-authentication'));
    await client.change('shop.moat', shop.replace('authenticates: false', 'authenticates: true'));
    await client.diagnosticsOf('shop.moat', (d) => !d.some((x) => x.code === 'missing-authentication'));
  });

  it('analyses a burst of edits once it pauses, publishing the last state', async () => {
    client = await LspClient.start({ 'shop.moat': shop });
    const uri = await client.open('shop.moat');
    await client.diagnosticsOf('shop.moat', (d) => d.some((x) => x.code === 'missing-authentication'));
    const before = client.publishes.get(uri)!;
    const edits = 20;
    await Promise.all(Array.from({ length: edits }, (_, i) => client.change('shop.moat', `${shop}flow customer -> missing${i}\n`)));
    const last = await client.diagnosticsOf('shop.moat', (d) => d.some((x) => String(x.message).includes(`missing${edits - 1}`)));
    assert.equal(last.filter((x) => x.code === 'unknown-reference').length, 1);
    assert.ok(client.publishes.get(uri)! - before < edits / 2, `${client.publishes.get(uri)! - before} publishes for ${edits} edits`);
  });

  it('maps finding severities through the moat.findingSeverity setting', async () => {
    client = await LspClient.start({ 'shop.moat': shop }, { findingSeverity: { high: 'error' } });
    await client.open('shop.moat');
    const diagnostics = await client.diagnosticsOf('shop.moat', (d) => d.some((x) => x.code === 'missing-authentication' && x.severity === 1));
    assert.ok(diagnostics.length > 0);
  });

  it('switches a rule off in every model when the moat.rulesOff setting changes, and says so where the model mitigates it', async () => {
    const mitigated = shop + 'mitigate missing-authentication "The mesh authenticates callers" {\n  on: api\n  status: implemented\n}\n';
    client = await LspClient.start({ 'shop.moat': mitigated });
    await client.open('shop.moat');
    await client.diagnosticsOf('shop.moat', () => true);
    client.settings = { rulesOff: ['missing-authentication'] };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const off = await client.diagnosticsOf('shop.moat', (d) => d.some((x) => x.code === 'rule-off'));
    const warning = off.find((x) => x.code === 'rule-off')!;
    assert.match(String(warning.message), /`missing-authentication` is switched off in the settings \(moat\.rulesOff\)/);
    assert.deepEqual(warning.range.start, { line: 6, character: 9 });
    client.settings = {};
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.diagnosticsOf('shop.moat', (d) => !d.some((x) => x.code === 'rule-off'));
  });

  it('keeps the most severe findings past moat.maxDiagnosticsPerFile, says how many it left out, and shows all with 0', async () => {
    // Seven high findings, then three critical ones on the last flow: a client that cut the list itself would keep highs.
    const records = `model "Shop"
actor customer
boundary cloud { trust: high
  process api { authenticates: false, authorizes: true, validates_input: true, sanitizes_output: true, logs: true, rate_limited: true }
  store records { holds: [phi] }
}
data phi { classification: restricted }
flow order: customer -> api { protocol: "https", authenticated: true }
flow api -> records
flow customer -> records { protocol: "http" }
flow customer -> apii
`;
    client = await LspClient.start({ 'shop.moat': records }, { maxDiagnosticsPerFile: 0 });
    await client.open('shop.moat');
    const all = await client.diagnosticsOf('shop.moat', (d) => d.some((x) => x.code === 'unknown-reference'));
    const findings = all.filter((x) => x.code !== 'unknown-reference');
    assert.equal(findings.length, 10, JSON.stringify(all));
    assert.ok(!all.some((x) => x.code === 'diagnostics-limit'));

    client.settings = { maxDiagnosticsPerFile: 5 };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const limited = await client.diagnosticsOf('shop.moat', (d) => d.some((x) => x.code === 'diagnostics-limit'));
    assert.equal(limited.length, 5);
    // The syntax error is always shown; the notice and the three critical findings take the other places.
    assert.ok(limited.some((x) => x.code === 'unknown-reference'));
    const kept = limited.filter((x) => x.code !== 'unknown-reference' && x.code !== 'diagnostics-limit');
    assert.deepEqual(
      kept.map((x) => x.code),
      findings.filter((x) => String(x.message).startsWith('critical:')).map((x) => x.code),
    );
    const notice = limited.find((x) => x.code === 'diagnostics-limit')!;
    assert.deepEqual([notice.severity, notice.range.start], [3, { line: 0, character: 0 }]);
    assert.match(String(notice.message), /shows 3 of this file's 10 findings here: the model's own threats, then the most severe \(moat\.maxDiagnosticsPerFile is 5; 0 shows all\)/);

    client.settings = { maxDiagnosticsPerFile: 0 };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const again = await client.diagnosticsOf('shop.moat', (d) => !d.some((x) => x.code === 'diagnostics-limit'));
    assert.equal(again.length, all.length);
  });

  it('sends a client that sets nothing at most 1,000 diagnostics per file, as VS Code shows, the high findings over the medium ones', async () => {
    // 300 processes called over http from outside their zone: 1,200 high findings and 600 medium ones.
    const processes = Array.from({ length: 300 }, (_, i) => `  process api-${i}\n`).join('');
    const flows = Array.from({ length: 300 }, (_, i) => `flow user -> api-${i} { protocol: "http" }\n`).join('');
    client = await LspClient.start({ 'many.moat': `model "Many"\nactor user\nboundary cloud { trust: high\n${processes}}\n${flows}` });
    await client.open('many.moat');
    const shown = await client.diagnosticsOf('many.moat', (d) => d.length > 0);
    assert.equal(shown.length, 1000);
    const notice = shown.find((x) => x.code === 'diagnostics-limit');
    assert.match(String(notice?.message), /shows 999 of this file's 1,800 findings here: .* \(moat\.maxDiagnosticsPerFile is 1,000; 0 shows all\)/);
    const findings = shown.filter((x) => x !== notice);
    assert.ok(findings.every((x) => String(x.message).startsWith('high: ')), 'only high findings are kept');

    client.settings = { maxDiagnosticsPerFile: 0 };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const all = await client.diagnosticsOf('many.moat', (d) => !d.some((x) => x.code === 'diagnostics-limit'));
    assert.equal(all.length, 1800);
  });

  it('shows a finding in a file that two models import once, not once per model', async () => {
    const root = (actor: string) => `import "shared.moat"\nactor ${actor}\nflow ${actor} -> api { protocol: "https" }\n`;
    client = await LspClient.start({ 'shop.moat': root('customer'), 'admin.moat': root('operator'), 'shared.moat': 'process api { authenticates: false }\n' });
    await client.open('shop.moat');
    await client.open('admin.moat');
    const shared = await client.diagnosticsOf('shared.moat', (d) => d.some((x) => x.code === 'missing-authentication'));
    assert.equal(shared.filter((x) => x.code === 'missing-authentication').length, 1, JSON.stringify(shared));
  });

  it('reports an error in a closed file that an open file imports', async () => {
    client = await LspClient.start({ 'main.moat': 'import "parts.moat"\nactor user\nflow user -> api\n', 'parts.moat': 'process api { tech: 3 }\n' });
    await client.open('main.moat');
    const parts = await client.diagnosticsOf('parts.moat', (d) => d.some((x) => x.code === 'wrong-value-type'));
    assert.equal(parts.find((d) => d.code === 'wrong-value-type')!.range.start.line, 0);
  });

  it('with no folder open, reads an import from the file\'s own folder and refuses one from the folder above', async () => {
    const files = { 'models/main.moat': 'import "parts/db.moat"\nimport "../private.moat"\nactor user\nflow user -> db\nflow user -> payroll\n', 'models/parts/db.moat': 'store db\n', 'private.moat': 'process payroll\n' };
    client = await LspClient.start(files, {}, undefined, false);
    await client.open('models/main.moat');
    const main = await client.diagnosticsOf('models/main.moat', (d) => d.some((x) => x.code === 'import-outside-workspace'));
    assert.deepEqual(
      main.filter((x) => x.severity === 1).map((x) => [x.code, x.range.start.line, x.message]),
      [
        ['import-outside-workspace', 1, "`../private.moat` is outside this file's folder; with no folder open, a model may only import files in its own folder"],
        ['unknown-reference', 4, 'unknown element `payroll`'],
      ],
    );
  });
});
