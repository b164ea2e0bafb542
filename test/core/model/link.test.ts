import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Diagnostic } from '../../../server/src/core/diagnostic';
import { linkModel, LinkResult } from '../../../server/src/core/model/link';
import { parseMoat } from '../../../server/src/core/syntax/parse';
import { Range } from '../../../server/src/core/text/range';
import { diagnosticsOf, marked, memoryWorkspace } from '../../helpers/markers';

const uri = 'file:///ws/main.moat';

/** Links a one-file model that has no syntax errors. */
function link(text: string): LinkResult {
  const parsed = parseMoat(uri, text);
  assert.deepEqual(parsed.diagnostics, [], 'the test model should parse cleanly');
  return linkModel(uri, [parsed.file]);
}

/**
 * Links a marked model and expects exactly one diagnostic, at the first marked range,
 * with this code and severity; returns it for the message checks.
 */
function single(source: string, code: string, severity: Diagnostic['severity']): Diagnostic {
  const m = marked(source);
  const { diagnostics } = link(m.text);
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.severity, d.range]),
    [[code, severity, m.ranges[0]]],
    diagnostics.map((d) => d.message).join('\n'),
  );
  return diagnostics[0];
}

describe('link: diagnostics', () => {
  describe('unknown references, with "did you mean"', () => {
    it('at a flow end', () => {
      const d = single('actor user\nprocess gateway\nflow user -> ⟦gatewy⟧', 'unknown-reference', 'error');
      assert.equal(d.message, 'unknown element `gatewy` (did you mean `gateway`?)');
      assert.deepEqual(d.suggestions, ['gateway']);
    });

    it('in a flow\'s `data:` list', () => {
      const d = single('actor a\nprocess b\ndata phi\nflow a -> b { data: [phi, ⟦ph⟧] }', 'unknown-reference', 'error');
      assert.equal(d.message, 'unknown data asset `ph` (did you mean `phi`?)');
    });

    it('in a store\'s `holds`', () => {
      const d = single('data phi\nstore db { holds: [⟦phy⟧] }', 'unknown-reference', 'error');
      assert.match(d.message, /unknown data asset `phy` \(did you mean `phi`\?\)/);
    });

    it('in a process\'s `handles`', () => {
      const d = single('data credentials\nprocess p { handles: ⟦credential⟧ }', 'unknown-reference', 'error');
      assert.match(d.message, /unknown data asset `credential` \(did you mean `credentials`\?\)/);
    });

    it('in a threat\'s and a mitigation\'s `on:`', () => {
      const m = marked('process gateway\nthreat t { on: [⟦gateway2⟧] }\nmitigate t "x" { on: ⟦gatewya⟧ }');
      const { diagnostics } = link(m.text);
      assert.deepEqual(
        diagnostics.map((d) => [d.code, d.range, d.suggestions]),
        [
          ['unknown-reference', m.ranges[0], ['gateway']],
          ['unknown-reference', m.ranges[1], ['gateway']],
        ],
      );
      assert.match(diagnostics[1].message, /unknown .*`gatewya` \(did you mean `gateway`\?\)/);
    });

    it('without a suggestion when nothing is close', () => {
      const d = single('actor customer\nprocess api\nflow customer -> ⟦warehouse⟧', 'unknown-reference', 'error');
      assert.equal(d.message, 'unknown element `warehouse`');
      assert.equal(d.suggestions, undefined);
    });
  });

  it('reports a flow end that names a data asset as wrong-reference-kind, pointing at the declaration', () => {
    const m = marked('actor a\ndata ⟦phi⟧ "PHI"\nflow a -> ⟦phi⟧');
    const { diagnostics } = link(m.text);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity, d.range]),
      [['wrong-reference-kind', 'error', m.ranges[1]]],
    );
    assert.match(diagnostics[0].message, /`phi` is a data asset; a flow connects actors, externals, processes and stores/);
    assert.deepEqual(diagnostics[0].related?.[0].range, m.ranges[0]);
  });

  it('reports a duplicate ID at both places, each pointing at the other', () => {
    const m = marked('actor ⟦api⟧\nboundary b {\n  process ⟦api⟧\n}');
    const { diagnostics, model } = link(m.text);
    const [first, second] = m.ranges;
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity, d.range, d.related?.map((r) => r.range)]),
      [
        ['duplicate-id', 'error', second, [first]],
        ['duplicate-id', 'error', first, [second]],
      ],
    );
    assert.equal(diagnostics[0].message, 'duplicate ID `api`: already declared as an actor at 1:7');
    assert.equal(diagnostics[1].message, 'ID `api` is declared again at 3:11');
    // The first declaration is kept.
    assert.equal(model.elements.get('api')?.kind, 'actor');
  });

  it('reports a duplicate across kinds (a flow ID reusing an element\'s)', () => {
    const m = marked('actor a\nprocess ⟦b⟧\nflow ⟦b⟧: a -> b');
    const codes = link(m.text).diagnostics.map((d) => [d.code, d.range]);
    assert.deepEqual(codes, [
      ['duplicate-id', m.ranges[1]],
      ['duplicate-id', m.ranges[0]],
    ]);
  });

  it('reports a flow from an element to itself', () => {
    const d = single('process p\nflow ⟦p -> p⟧', 'self-flow', 'error');
    assert.match(d.message, /flow from `p` to itself/);
  });

  it('warns about a property that does not apply to the element kind, listing where it applies', () => {
    const d = single('actor a { ⟦validates_input⟧: true }', 'property-not-allowed', 'warning');
    assert.match(d.message, /`validates_input` does not apply to an actor \(it applies to process\)/);
    const e = single('process p { ⟦encrypted⟧: true }', 'property-not-allowed', 'warning');
    assert.match(e.message, /it applies to store, flow/);
  });

  it('warns about an unknown property with a suggestion', () => {
    const d = single('process p { ⟦authenticate⟧: true }', 'unknown-property', 'warning');
    assert.equal(d.message, 'unknown property `authenticate` on a process (did you mean `authenticates`?)');
    assert.deepEqual(d.suggestions, ['authenticates']);
  });

  it('rejects a bad enum value, listing the allowed values', () => {
    const d = single('data d { classification: ⟦secret⟧ }', 'bad-enum-value', 'error');
    assert.equal(d.message, '`secret` is not a valid classification; allowed: public, internal, confidential, restricted');
    const t = single('boundary b { trust: ⟦hihg⟧\n actor a }', 'bad-enum-value', 'error');
    assert.match(t.message, /`hihg` is not a valid trust \(did you mean `high`\?\); allowed: untrusted, low, medium, high/);
  });

  describe('wrong value types', () => {
    it('a boolean given a string', () => {
      const d = single('process p { authenticates: ⟦"yes"⟧ }', 'wrong-value-type', 'error');
      assert.match(d.message, /`authenticates` expects `true` or `false`, not a string/);
    });

    it('a string given a number', () => {
      const d = single('actor a { description: ⟦42⟧ }', 'wrong-value-type', 'error');
      assert.match(d.message, /`description` expects a string.*not the number 42/);
    });

    it('a reference list given a string', () => {
      const d = single('data phi\nstore s { holds: [⟦"phi"⟧] }', 'wrong-value-type', 'error');
      assert.match(d.message, /`holds` expects IDs/);
    });

    it('a CWE given a decimal', () => {
      const d = single('actor a\nthreat t { on: a, cwe: ⟦79.5⟧ }', 'wrong-value-type', 'error');
      assert.match(d.message, /positive whole number/);
    });

    it('an expiry that is not a date', () => {
      const d = single('actor a\naccept r "x" { on: a, expires: ⟦"2027-02-30"⟧ }', 'wrong-value-type', 'error');
      assert.match(d.message, /YYYY-MM-DD/);
    });
  });

  it('reports a second `model` block, pointing at the first', () => {
    const m = marked('⟦model "A"⟧\nactor a\n⟦model "B" { version: "2" }⟧');
    const { diagnostics, model } = link(m.text);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity, d.range, d.related?.map((r) => r.range)]),
      [['second-model', 'error', m.ranges[1], [m.ranges[0]]]],
    );
    assert.match(diagnostics[0].message, /one `model` block; the first is at 1:1/);
    assert.equal(model.info?.title, 'A');
  });

  it('informs about an empty boundary, at its ID', () => {
    const d = single('boundary ⟦dmz⟧ "DMZ" { trust: low }', 'empty-boundary', 'information');
    assert.match(d.message, /boundary `dmz` is empty/);
  });

  it('does not call a boundary holding only another boundary empty', () => {
    const { diagnostics } = link('boundary outer { boundary inner { actor a } }');
    assert.deepEqual(diagnostics, []);
  });

  it('reports a misplaced declaration (a process inside an actor, data inside a boundary)', () => {
    const m = marked('actor a {\n  ⟦process p⟧\n}\nboundary b {\n  actor c\n  ⟦data d⟧\n}');
    const { diagnostics, model } = link(m.text);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity, d.range]),
      [
        ['misplaced-declaration', 'error', m.ranges[0]],
        ['misplaced-declaration', 'error', m.ranges[1]],
      ],
    );
    assert.match(diagnostics[0].message, /`process` cannot be declared inside an element/);
    assert.match(diagnostics[1].message, /`data` cannot be declared inside a boundary; declare it at the top level/);
    assert.equal(model.elements.has('p'), false);
  });

  it('reports a top-level mitigate without a target', () => {
    const d = single('actor a\nmitigate ⟦missing-authentication⟧ "SSO"', 'missing-target', 'error');
    assert.match(d.message, /needs a target.*`on: ID`/);
  });

  it('reports a diagnostic for each of several problems in one model, sorted by position', () => {
    assert.deepEqual(
      diagnosticsOf('actor a { tehc: "x" }\nflow a -> b').map((d) => [d.line, d.character, d.severity, d.code]),
      [
        [0, 10, 'warning', 'unknown-property'],
        [1, 10, 'error', 'unknown-reference'],
      ],
    );
  });
});

describe('link: the linked model', () => {
  it('builds boundary paths and effective trust: inherited when undeclared, untrusted outside every boundary', () => {
    const { model, diagnostics } = link(
      'actor user\nboundary cloud { trust: high\n  boundary vpc {\n    boundary dmz { trust: low\n      process gw }\n    process api\n  }\n}\nboundary plain { store s }',
    );
    assert.deepEqual(diagnostics, []);
    const b = (id: string) => model.boundaries.get(id)!;
    assert.deepEqual(
      ['cloud', 'vpc', 'dmz', 'plain'].map((id) => [id, b(id).parent, b(id).boundaryPath, b(id).trust, b(id).trustDeclared]),
      [
        ['cloud', undefined, [], 'high', true],
        ['vpc', 'cloud', ['cloud'], 'high', false],
        ['dmz', 'vpc', ['cloud', 'vpc'], 'low', true],
        ['plain', undefined, [], 'medium', false],
      ],
    );
    const e = (id: string) => model.elements.get(id)!;
    assert.deepEqual(
      ['user', 'gw', 'api', 's'].map((id) => [id, e(id).boundary, e(id).boundaryPath, e(id).trust]),
      [
        ['user', undefined, [], 'untrusted'],
        ['gw', 'dmz', ['cloud', 'vpc', 'dmz'], 'low'],
        ['api', 'vpc', ['cloud', 'vpc'], 'high'],
        ['s', 'plain', ['plain'], 'medium'],
      ],
    );
    assert.deepEqual([b('cloud').boundaries, b('vpc').elements, b('vpc').boundaries], [['vpc'], ['api'], ['dmz']]);
  });

  it('generates stable flow IDs `a->b`, `a->b#2` in declaration order', () => {
    const { model } = link('actor a\nprocess b\nflow a -> b "first"\nflow named: a -> b\nflow b -> a\nflow a->b "second"\nflow a <-> b "third"');
    assert.deepEqual(
      [...model.flows.values()].map((f) => [f.id, f.generatedId, f.label]),
      [
        ['a->b', true, 'first'],
        ['named', false, 'named'],
        ['b->a', true, 'b->a'],
        ['a->b#2', true, 'second'],
        ['a->b#3', true, 'third'],
      ],
    );
    // An edit elsewhere does not renumber them.
    const again = link('actor a\nactor z\nprocess b\nflow a -> b "first"\nflow named: a -> b\nflow z -> b\nflow b -> a\nflow a->b "second"\nflow a <-> b "third"');
    assert.deepEqual(
      [...again.model.flows.keys()],
      ['a->b', 'named', 'z->b', 'b->a', 'a->b#2', 'a->b#3'],
    );
  });

  it('expands a two-way flow into two directed flows', () => {
    const { model } = link('process api\nstore db\nflow rw: api <-> db\nflow api -> db');
    assert.deepEqual(
      model.directedFlows.map((d) => [d.flow.id, d.source, d.target, d.reversed]),
      [
        ['rw', 'api', 'db', false],
        ['rw', 'db', 'api', true],
        ['api->db', 'api', 'db', false],
      ],
    );
    assert.equal(model.flows.get('rw')?.twoWay, true);
  });

  it('infers encryption from the protocol, and an explicit `encrypted` wins', () => {
    const { model } = link(
      'actor a\nprocess b\nflow s: a -> b { protocol: "https" }\nflow p: a -> b { protocol: "HTTP" }\nflow g: a -> b { protocol: "postgres" }\nflow e: a -> b { protocol: "http", encrypted: true }\nflow n: a -> b',
    );
    const f = (id: string) => model.flows.get(id)!;
    assert.deepEqual(
      ['s', 'p', 'g', 'e', 'n'].map((id) => [id, f(id).encrypted, f(id).encryptionInferred]),
      [
        ['s', true, true],
        ['p', false, true],
        ['g', undefined, false],
        ['e', true, false],
        ['n', undefined, false],
      ],
    );
  });

  it('does not depend on declaration order: a flow and a mitigation before what they name', () => {
    const { model, diagnostics } = link(
      'mitigate replay "Nonces" { on: book, status: implemented }\nflow book: patient -> api { data: [phi] }\nthreat replay { on: book }\nactor patient\nprocess api { handles: [phi] }\ndata phi',
    );
    assert.deepEqual(diagnostics, []);
    assert.deepEqual([model.flows.get('book')?.source, model.flows.get('book')?.target, model.flows.get('book')?.data], ['patient', 'api', ['phi']]);
    assert.deepEqual(
      model.responses.map((r) => [r.ruleOrThreat, r.isThreat, r.targets, r.status]),
      [['replay', true, ['book'], 'implemented']],
    );
  });

  it('gives a nested threat or response no target inside a declaration whose ID was taken before it', () => {
    // The ID names the data asset declared first: the threat is not about that, and the duplicate (shown at both ends) is the only problem.
    const { model, diagnostics } = link('data a "A"\nprocess a {\n  threat t "T"\n  accept missing-rate-limit "Behind a WAF" { by: "ciso" }\n}\n');
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['duplicate-id', 'duplicate-id'],
    );
    assert.deepEqual(model.threats.get('t')?.targets, []);
    assert.deepEqual(model.responses[0].targets, []);
  });

  it('targets the enclosing flow or element with a nested mitigate, accept or threat', () => {
    const { model, diagnostics } = link(
      'actor a\nprocess b {\n  threat t "T"\n  accept missing-rate-limit "Behind a WAF" { by: "ciso" }\n}\nflow a -> b {\n  mitigate unencrypted-communication "mTLS"\n}\nflow x: b -> a {\n  mitigate t "y" { status: verified }\n}',
    );
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(model.threats.get('t')?.targets, ['b']);
    assert.deepEqual(
      model.responses.map((r) => [r.kind, r.ruleOrThreat, r.targets, r.status, r.isThreat]),
      [
        ['accept', 'missing-rate-limit', ['b'], 'planned', false],
        ['mitigate', 'unencrypted-communication', ['a->b'], 'planned', false],
        ['mitigate', 't', ['x'], 'verified', true],
      ],
    );
  });

  for (const [file, elements, flows, boundaries] of [
    ['examples/telemedicine.moat', 4, 3, 2],
    ['examples/cicd-pipeline.moat', 8, 7, 3],
  ] as const) {
    it(`links ${file} with no diagnostics at all: ${elements} elements, ${flows} flows`, () => {
      const text = readFileSync(resolve(file), 'utf8');
      assert.deepEqual(diagnosticsOf(text), []);
      const { model } = link(text);
      assert.deepEqual([model.elements.size, model.flows.size, model.boundaries.size], [elements, flows, boundaries]);
    });
  }

  it('links the telemedicine example as the spec describes it', () => {
    const { model } = link(readFileSync(resolve('examples/telemedicine.moat'), 'utf8'));
    assert.deepEqual([...model.flows.keys()], ['book', 'forward', 'visits->records']);
    assert.equal(model.directedFlows.length, 4);
    assert.deepEqual(
      [...model.elements.values()].map((e) => [e.id, e.trust]),
      [
        ['patient', 'untrusted'],
        ['gateway', 'medium'],
        ['visits', 'high'],
        ['records', 'high'],
      ],
    );
    assert.deepEqual([model.flows.get('forward')?.encrypted, model.flows.get('book')?.encrypted], [false, true]);
    assert.deepEqual(
      model.responses.map((r) => [r.kind, r.ruleOrThreat, r.targets]),
      [
        ['mitigate', 'unencrypted-communication', ['forward']],
        ['accept', 'missing-rate-limit', ['gateway']],
      ],
    );
    assert.deepEqual(model.threats.get('token-replay')?.targets, ['book', 'gateway']);
  });

  it('keeps the model usable when names do not resolve', () => {
    const { model } = link('actor a\nprocess b\nflow a -> c\nflow a -> b { data: [nope] }');
    assert.deepEqual([...model.flows.keys()], ['a->b']);
    assert.deepEqual(model.flows.get('a->b')?.data, []);
  });

  it('names only targets that are in the model when a flow is left out', () => {
    const { model } = link('actor a\nflow f: a -> nope { mitigate x "y" }\nflow a -> a { threat t2 "z" }\nthreat t { on: [f, a] }');
    assert.deepEqual([...model.flows.keys()], []);
    assert.deepEqual(
      [...model.threats.values()].map((t) => [t.id, t.targets]),
      [
        ['t2', []],
        ['t', ['a']],
      ],
    );
    assert.deepEqual(model.responses[0].targets, []);
  });

  it('does not call a boundary empty when its only element is a duplicate', () => {
    const m = marked('actor ⟦x⟧\nboundary b { process ⟦x⟧ }');
    assert.deepEqual(
      link(m.text).diagnostics.map((d) => [d.code, d.range]),
      [
        ['duplicate-id', m.ranges[1]],
        ['duplicate-id', m.ranges[0]],
      ],
    );
  });
});

describe('link: across files with memoryWorkspace', () => {
  it('reports a duplicate in another file with the file name in the message', () => {
    const ws = memoryWorkspace({ 'a.moat': 'import "b.moat"\nactor api', 'b.moat': 'process api' });
    const diagnostics = [...ws.analyze().diagnostics.values()].flat();
    const where = (d: Diagnostic): [string, Range['start']] => [d.uri.slice(-6), d.range.start];
    assert.deepEqual(
      diagnostics.map((d) => [d.code, ...where(d)]),
      [
        ['duplicate-id', 'a.moat', { line: 1, character: 6 }],
        ['duplicate-id', 'b.moat', { line: 0, character: 8 }],
      ],
    );
    assert.match(diagnostics.find((d) => d.uri.endsWith('b.moat'))!.message, /already declared as an actor at a\.moat:2:7/);
  });
});
