import { strict as assert } from 'node:assert';
import { Diagnostic } from '../../../server/src/core/diagnostic';
import { Workspace, WorkspaceAnalysis } from '../../../server/src/core/model/workspace';
import { parseMoat } from '../../../server/src/core/syntax/parse';
import { generateModel } from '../../../bench/generate-model';
import { marked, memoryWorkspace, wsUri } from '../../helpers/markers';

/** Every diagnostic of an analysis as `[file, code, range]`, files in name order. */
function found(analysis: WorkspaceAnalysis): Array<[string, string, Diagnostic['range']]> {
  return [...analysis.diagnostics.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .flatMap(([uri, list]) => list.map((d): [string, string, Diagnostic['range']] => [uri.slice(wsUri('').length), d.code, d.range]));
}

function messages(analysis: WorkspaceAnalysis): string[] {
  return [...analysis.diagnostics.values()]
    .flat()
    .map((d) => d.message);
}

describe('workspace: imports', () => {
  it('resolves references across files in one namespace', () => {
    const ws = memoryWorkspace({
      'main.moat': 'import "shared/data.moat"\nimport "./zones.moat"\nactor patient\nflow patient -> api { data: [phi] }',
      'shared/data.moat': 'data phi "PHI" { classification: restricted }',
      'zones.moat': 'boundary cloud { process api { handles: [phi] } }',
    });
    const analysis = ws.analyze();
    assert.deepEqual(found(analysis), []);
    assert.equal(analysis.models.length, 1);
    const [{ model }] = analysis.models;
    assert.equal(model.rootUri, wsUri('main.moat'));
    assert.deepEqual(model.files, [wsUri('main.moat'), wsUri('shared/data.moat'), wsUri('zones.moat')]);
    assert.deepEqual(model.flows.get('patient->api')?.data, ['phi']);
    assert.deepEqual(model.elements.get('api')?.handles, ['phi']);
    assert.equal(model.elements.get('api')?.location.uri, wsUri('zones.moat'));
  });

  it('resolves an import relative to the importing file, `..` included', () => {
    const ws = memoryWorkspace({
      'models/main.moat': 'import "parts/a.moat"\nflow x -> y',
      'models/parts/a.moat': 'import "../../common/b.moat"\nactor x',
      'common/b.moat': 'process y',
    });
    const analysis = ws.analyze();
    assert.deepEqual(found(analysis), []);
    assert.deepEqual(
      analysis.models.map((m) => m.rootUri),
      [wsUri('models/main.moat')],
    );
  });

  it('reports an import cycle, naming it, without hanging', () => {
    const m = marked('import ⟦"a.moat"⟧\nprocess p');
    const ws = memoryWorkspace({ 'a.moat': 'import "b.moat"\nactor u\nflow u -> p', 'b.moat': m.text });
    const analysis = ws.analyze();
    assert.deepEqual(found(analysis), [['b.moat', 'import-cycle', m.ranges[0]]]);
    assert.deepEqual(messages(analysis), ['import cycle: a.moat -> b.moat -> a.moat']);
    // The files are still checked, as one model.
    assert.equal(analysis.models.length, 1);
    assert.deepEqual([...analysis.models[0].model.elements.keys()], ['u', 'p']);
  });

  it('reports a file importing itself as a cycle', () => {
    const analysis = memoryWorkspace({ 'self.moat': 'import "self.moat"\nactor a' }).analyze();
    assert.deepEqual(messages(analysis), ['import cycle: self.moat -> self.moat']);
  });

  it('reports a missing file at the import\'s path string', () => {
    const m = marked('import ⟦"nope/missing.moat"⟧\nactor a');
    const analysis = memoryWorkspace({ 'main.moat': m.text }).analyze();
    assert.deepEqual(found(analysis), [['main.moat', 'import-missing', m.ranges[0]]]);
    assert.match(messages(analysis)[0], /cannot find `nope\/missing\.moat` \(looked for \/ws\/nope\/missing\.moat\)/);
  });

  it('refuses an import outside the workspace roots', () => {
    const m = marked('import ⟦"../secrets/keys.moat"⟧\nimport ⟦"/etc/model.moat"⟧\nactor a');
    const analysis = memoryWorkspace({ 'main.moat': m.text }).analyze();
    assert.deepEqual(found(analysis), [
      ['main.moat', 'import-outside-workspace', m.ranges[0]],
      ['main.moat', 'import-outside-workspace', m.ranges[1]],
    ]);
    assert.match(messages(analysis)[0], /`\.\.\/secrets\/keys\.moat` is outside the workspace/);
  });

  it('does not take a sibling folder sharing the root\'s name prefix for the root', () => {
    const files = new Map([
      ['file:///ws/main.moat', 'import "../ws2/x.moat"\nactor a'],
      ['file:///ws2/x.moat', 'actor b'],
    ]);
    const ws = new Workspace({ readFile: (uri) => files.get(uri) }, { roots: ['file:///ws'] });
    ws.addFile('file:///ws/main.moat');
    assert.deepEqual(
      [...ws.analyze().diagnostics.values()].flat().map((d) => d.code),
      ['import-outside-workspace'],
    );
  });

  it('with no folder open, lets a file import only from its own folder, links followed', () => {
    // An editor showing one downloaded file: no workspace folder, so no roots.
    const files = new Map([
      ['file:///home/u/Downloads/main.moat', 'import "parts/db.moat"\nimport "../projects/secret.moat"\nimport "mirror.moat"\nactor a'],
      ['file:///home/u/Downloads/parts/db.moat', 'store db'],
      ['file:///home/u/projects/secret.moat', 'process payroll'],
      ['file:///home/u/Downloads/mirror.moat', ''],
    ]);
    // `mirror.moat` is a link to the secret model.
    const real = (uri: string) => (uri === 'file:///home/u/Downloads/mirror.moat' ? 'file:///home/u/projects/secret.moat' : uri);
    const ws = new Workspace({ readFile: (uri) => files.get(real(uri)), realUri: real }, {});
    ws.addFile('file:///home/u/Downloads/main.moat');
    const analysis = ws.analyze();
    assert.deepEqual(messages(analysis), [
      "`../projects/secret.moat` is outside this file's folder; with no folder open, a model may only import files in its own folder",
      "`mirror.moat` is a link to a file outside this file's folder; with no folder open, a model may only import files in its own folder",
    ]);
    assert.deepEqual([...analysis.models[0].model.elements.keys()].sort(), ['a', 'db']);
  });

  it('refuses an import that does not end in .moat', () => {
    const m = marked('import ⟦"notes.txt"⟧\nactor a');
    const analysis = memoryWorkspace({ 'main.moat': m.text, 'notes.txt': 'actor b' }).analyze();
    assert.deepEqual(
      found(analysis).filter(([file]) => file === 'main.moat'),
      [['main.moat', 'import-outside-workspace', m.ranges[0]]],
    );
    assert.match(messages(analysis)[0], /`notes\.txt` does not end in \.moat/);
  });

  it('follows a chain of imports longer than the call stack is deep, in order', () => {
    const n = 20_000;
    const files: Record<string, string> = {};
    for (let i = 0; i < n; i++) files[`f${i}.moat`] = `${i + 1 < n ? `import "f${i + 1}.moat"\n` : ''}actor a${i}\n`;
    const { models } = memoryWorkspace(files).analyze();
    assert.equal(models.length, 1);
    assert.equal(models[0].model.elements.size, n);
    assert.deepEqual(models[0].model.files.slice(0, 3), [wsUri('f0.moat'), wsUri('f1.moat'), wsUri('f2.moat')]);
  });

  it('makes two models of two independent root files', () => {
    const analysis = memoryWorkspace({ 'shop.moat': 'actor customer', 'bank.moat': 'actor teller' }).analyze();
    assert.deepEqual(
      analysis.models.map((m) => [m.rootUri, [...m.model.elements.keys()]]),
      [
        [wsUri('bank.moat'), ['teller']],
        [wsUri('shop.moat'), ['customer']],
      ],
    );
  });

  it('does not make a model of a file imported by a root', () => {
    const analysis = memoryWorkspace({ 'main.moat': 'import "lib.moat"\nactor a', 'lib.moat': 'data phi' }).analyze();
    assert.deepEqual(
      analysis.models.map((m) => m.rootUri),
      [wsUri('main.moat')],
    );
  });

  it('lets two roots share an imported file without a duplicate-ID error', () => {
    const analysis = memoryWorkspace({
      'a.moat': 'import "common.moat"\nprocess x { handles: [phi] }',
      'b.moat': 'import "common.moat"\nstore y { holds: [phi] }',
      'common.moat': 'data phi',
    }).analyze();
    assert.deepEqual(found(analysis), []);
    assert.equal(analysis.models.length, 2);
  });

  it('reports invalid UTF-8 bytes as invalid-text at the right line and column', () => {
    const bytes = new Uint8Array([...Buffer.from('actor a "Zoë"\nactor b "caf'), 0xc3, 0x28, ...Buffer.from('"\n')]);
    const analysis = memoryWorkspace({ 'bad.moat': bytes }).analyze();
    assert.deepEqual(found(analysis), [['bad.moat', 'invalid-text', { start: { line: 1, character: 12 }, end: { line: 1, character: 13 } }]]);
    assert.match(messages(analysis)[0], /not valid UTF-8 at 2:13/);
    assert.deepEqual([...analysis.models[0].model.elements.keys()], ['a', 'b']);
  });

  it('reads UTF-8 bytes with a byte-order mark without complaint', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('actor a "Zoë"')]);
    const analysis = memoryWorkspace({ 'bom.moat': bytes }).analyze();
    assert.deepEqual(found(analysis), []);
    assert.equal(analysis.models[0].model.elements.get('a')?.label, 'Zoë');
  });
});

describe('workspace: caching', () => {
  it('returns the same ThreatModel object when nothing changed', () => {
    const ws = memoryWorkspace({ 'a.moat': 'import "c.moat"\nactor a', 'b.moat': 'actor b', 'c.moat': 'data d' });
    const first = ws.analyze();
    const second = ws.analyze();
    assert.equal(first.models.length, 2);
    first.models.forEach((m, i) => assert.equal(second.models[i].model, m.model));
  });

  it('re-links only the model containing a file changed with setDocument', () => {
    const ws = memoryWorkspace({ 'a.moat': 'import "c.moat"\nactor a', 'b.moat': 'actor b', 'c.moat': 'data d' });
    const before = ws.analyze();
    ws.setDocument(wsUri('c.moat'), 'data d2', 2);
    const after = ws.analyze();
    const [a0, b0] = before.models;
    const [a1, b1] = after.models;
    assert.deepEqual([a1.rootUri, b1.rootUri], [a0.rootUri, b0.rootUri]);
    assert.notEqual(a1.model, a0.model);
    assert.deepEqual([...a1.model.data.keys()], ['d2']);
    assert.equal(b1.model, b0.model);
  });

  it('hands out a whole parse after edits mid-file, whose declarations below were moved without being read', () => {
    const lines = generateModel(40).split('\n');
    const at = Math.floor(lines.length / 2);
    const ws = memoryWorkspace({ 'a.moat': lines.join('\n') });
    ws.analyze();
    // Two edits analysed with nothing reading the syntax between: the second moves what the first moved.
    for (const text of [[...lines.slice(0, at), '// a note', ...lines.slice(at)], [...lines.slice(0, at), '// a note', '', ...lines.slice(at)]].map((l) => l.join('\n'))) {
      ws.setDocument(wsUri('a.moat'), text);
      ws.analyze();
    }
    assert.deepStrictEqual(ws.parse(wsUri('a.moat')), parseMoat(wsUri('a.moat'), ws.text(wsUri('a.moat'))!));
  });

  it('keeps the model when a document is set to the same text (a new version only)', () => {
    const ws = memoryWorkspace({ 'a.moat': 'actor a' });
    const before = ws.analyze().models[0].model;
    ws.setDocument(wsUri('a.moat'), 'actor a', 7);
    assert.equal(ws.analyze().models[0].model, before);
  });

  it('updates diagnostics after an edit fixes the problem', () => {
    const ws = memoryWorkspace({ 'a.moat': 'actor a\nflow a -> b' });
    assert.deepEqual(
      found(ws.analyze()).map(([, code]) => code),
      ['unknown-reference'],
    );
    ws.setDocument(wsUri('a.moat'), 'actor a\nprocess b\nflow a -> b');
    assert.deepEqual(found(ws.analyze()), []);
  });

  it('asks for the date at each analysis, so an acceptance expires at midnight without an edit', () => {
    const text = `actor customer
boundary cloud { trust: high
  process api { authenticates: false }
}
flow customer -> api { protocol: "https" }
accept missing-authentication "Gateway in front, for now" { on: api, by: "ciso@example.org", expires: "2026-11-23" }
`;
    let day = '2026-11-23';
    const ws = new Workspace({ readFile: (uri) => (uri === wsUri('main.moat') ? text : undefined) }, { roots: [wsUri('')], today: () => day });
    ws.addFile(wsUri('main.moat'));
    const status = () => ws.analyze().models[0].findings.find((f) => f.id === 'missing-authentication@api')?.status;
    assert.equal(status(), 'accepted');
    day = '2026-11-24';
    assert.equal(status(), 'open');
    assert.ok([...ws.analyze().diagnostics.values()].flat().some((d) => d.code === 'expired-acceptance'));
  });
});
