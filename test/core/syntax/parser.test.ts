import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type {
  BinaryExpression,
  BoundaryDeclaration,
  CallExpression,
  Declaration,
  ElementDeclaration,
  ExpressionValue,
  FlowDeclaration,
  ImportDeclaration,
  ListValue,
  NotExpression,
  PathExpression,
  Property,
  ResponseDeclaration,
  RuleDeclaration,
  StringValue,
  ThreatDeclaration,
} from '../../../server/src/core/syntax/ast';
import { parseMoat, ParseResult } from '../../../server/src/core/syntax/parse';
import { marked } from '../../helpers/markers';
import { exampleModel, randomEdit, seededRandom } from '../../helpers/random-edits';

const uri = 'file:///ws/test.moat';

function parse(text: string): ParseResult {
  return parseMoat(uri, text);
}

/** Parses a text that must be free of diagnostics and returns its top-level declarations. */
function parseClean(text: string): readonly Declaration[] {
  const result = parse(text);
  assert.deepEqual(
    result.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.message}`),
    [],
  );
  assert.equal(result.hasErrors, false);
  return result.file.declarations;
}

function prop(decl: Declaration, key: string): Property {
  assert.ok('properties' in decl, `${decl.type} has no properties`);
  const found = decl.properties.find((p) => p.key.text === key);
  assert.ok(found, `no property ${key}`);
  return found;
}

function idOf(decl: Declaration): string | undefined {
  if ('ruleOrThreat' in decl) return decl.ruleOrThreat?.text;
  return 'id' in decl ? decl.id?.text : undefined;
}

describe('parser: every construct of the language', () => {
  it('parses the model block with its properties', () => {
    const [model] = parseClean('model "Shop" {\n  version: "2.1"\n  owner: "sec@shop.example"\n  compliance: [hipaa, pci-dss]\n}');
    assert.equal(model.type, 'model');
    assert.equal(model.label?.value, 'Shop');
    assert.deepEqual(
      model.properties.map((p) => p.key.text),
      ['version', 'owner', 'compliance'],
    );
    const compliance = prop(model, 'compliance').value as ListValue;
    assert.deepEqual(
      compliance.items.map((i) => i.type === 'name' && i.value),
      ['hipaa', 'pci-dss'],
    );
  });

  it('parses an import', () => {
    const [imp] = parseClean('import "shared/data.moat"') as [ImportDeclaration];
    assert.equal(imp.type, 'import');
    assert.equal(imp.path?.value, 'shared/data.moat');
  });

  it('parses data, actor, external, process and store, with and without label and body', () => {
    const decls = parseClean(
      'data phi "PHI" { classification: restricted, tags: [phi] }\nactor patient "Patient"\nexternal stripe { authenticates: true }\nprocess api\nstore db "DB" { encrypted: true; holds: [phi] }',
    );
    assert.deepEqual(
      decls.map((d) => [d.type, d.type === 'element' ? d.kind : '', idOf(d), 'label' in d ? d.label?.value : undefined]),
      [
        ['data', '', 'phi', 'PHI'],
        ['element', 'actor', 'patient', 'Patient'],
        ['element', 'external', 'stripe', undefined],
        ['element', 'process', 'api', undefined],
        ['element', 'store', 'db', 'DB'],
      ],
    );
    assert.deepEqual(
      (decls[4] as ElementDeclaration).properties.map((p) => p.key.text),
      ['encrypted', 'holds'],
    );
  });

  it('parses boundaries nested three deep with elements and flows inside', () => {
    const [cloud] = parseClean(
      'boundary cloud "Cloud" {\n  trust: high\n  boundary vpc {\n    boundary dmz "DMZ" {\n      trust: medium\n      process gateway\n      flow gateway -> db\n    }\n  }\n  store db\n}',
    ) as [BoundaryDeclaration];
    const vpc = cloud.children[0] as BoundaryDeclaration;
    const dmz = vpc.children[0] as BoundaryDeclaration;
    assert.deepEqual([cloud.id?.text, vpc.id?.text, dmz.id?.text], ['cloud', 'vpc', 'dmz']);
    assert.deepEqual(
      dmz.children.map((c) => c.type),
      ['element', 'flow'],
    );
    assert.deepEqual(
      cloud.children.map(idOf),
      ['vpc', 'db'],
    );
    assert.equal(prop(dmz, 'trust').value?.type, 'name');
  });

  it('parses named and anonymous flows, one-way and two-way, with and without spaces around the arrow', () => {
    const flows = parseClean('flow book: patient -> gateway "Book" { protocol: "https" }\nflow a <-> b\nflow a->b\nflow x:a<->b\nflow c -> d "Label only"') as FlowDeclaration[];
    assert.deepEqual(
      flows.map((f) => [f.id?.text, f.source?.text, f.target?.text, f.twoWay, f.label?.value]),
      [
        ['book', 'patient', 'gateway', false, 'Book'],
        [undefined, 'a', 'b', true, undefined],
        [undefined, 'a', 'b', false, undefined],
        ['x', 'a', 'b', true, undefined],
        [undefined, 'c', 'd', false, 'Label only'],
      ],
    );
  });

  it('parses threats at the top level and nested in an element', () => {
    const decls = parseClean(
      'threat replay "Replay" { category: spoofing, severity: high, on: [book, gateway], cwe: 294, capec: [60, 94], description: "x" }\nprocess p { threat t "Nested" { severity: low } }',
    );
    const top = decls[0] as ThreatDeclaration;
    assert.equal(top.id?.text, 'replay');
    assert.deepEqual(
      top.properties.map((p) => p.key.text),
      ['category', 'severity', 'on', 'cwe', 'capec', 'description'],
    );
    const nested = (decls[1] as ElementDeclaration).children[0] as ThreatDeclaration;
    assert.deepEqual([nested.type, nested.id?.text, nested.label?.value], ['threat', 't', 'Nested']);
  });

  it('parses mitigate and accept nested in a flow and at the top level with `on:`', () => {
    const decls = parseClean(
      'flow a -> b {\n  mitigate unencrypted-communication "mTLS" { status: implemented, ref: "SEC-1" }\n  accept missing-authentication "Internal only"\n}\nmitigate replay "Nonces" { on: gateway, code: "src/a.ts#f" }\naccept missing-rate-limit "DDoS shield" { on: [gateway], by: "ciso", expires: "2027-06-30" }',
    );
    const flow = decls[0] as FlowDeclaration;
    assert.deepEqual(
      flow.children.map((c) => [c.type, idOf(c), (c as ResponseDeclaration).label?.value]),
      [
        ['mitigate', 'unencrypted-communication', 'mTLS'],
        ['accept', 'missing-authentication', 'Internal only'],
      ],
    );
    const [mitigate, accept] = decls.slice(1) as ResponseDeclaration[];
    assert.deepEqual([mitigate.type, mitigate.ruleOrThreat?.text, prop(mitigate, 'on').value?.type], ['mitigate', 'replay', 'name']);
    assert.deepEqual([accept.type, accept.ruleOrThreat?.text, prop(accept, 'on').value?.type], ['accept', 'missing-rate-limit', 'list']);
  });

  it('parses a rule whose `when` uses and/or/not, parentheses, comparisons, calls and dotted paths', () => {
    const [rule] = parseClean(
      'rule r "R" {\n  category: tampering\n  applies: [flow, store]\n  when: not (holds(phi) or tagged(pii)) and source.trust < target.trust or classification() >= confidential and tech != "redis" and port <= 1024 and x > 2 and y == true\n}',
    ) as [RuleDeclaration];
    const when = prop(rule, 'when').value as ExpressionValue;
    assert.equal(when.type, 'expression');
    // `or` binds loosest: (not (...) and a < b) or (c >= d and e != f and g <= h and i > j and k == true)
    const or = when.expression as BinaryExpression;
    assert.equal(or.operator, 'or');
    const left = or.left as BinaryExpression;
    assert.equal(left.operator, 'and');
    const not = left.left as NotExpression;
    assert.equal(not.type, 'not');
    const inner = not.operand as BinaryExpression;
    assert.equal(inner.operator, 'or');
    const holds = inner.left as CallExpression;
    assert.deepEqual([holds.type, holds.callee.text, (holds.args[0] as PathExpression).segments.map((s) => s.text)], ['call', 'holds', ['phi']]);
    const less = left.right as BinaryExpression;
    assert.equal(less.operator, '<');
    assert.deepEqual(
      (less.left as PathExpression).segments.map((s) => s.text),
      ['source', 'trust'],
    );
    const operators: string[] = [];
    const walk = (e: BinaryExpression): void => {
      for (const side of [e.left, e.right]) if (side.type === 'binary') walk(side);
      operators.push(e.operator);
    };
    walk(or.right as BinaryExpression);
    assert.deepEqual(
      operators.filter((o) => o !== 'and'),
      ['>=', '!=', '<=', '>', '=='],
    );
    // `and` is left-associative: the first comparison sits at the bottom of the left spine.
    let first = or.right as BinaryExpression;
    while (first.operator === 'and') first = first.left as BinaryExpression;
    const classification = first.left as CallExpression;
    assert.deepEqual([first.operator, classification.type, classification.callee.text, classification.args], ['>=', 'call', 'classification', []]);
  });

  it('reads string escapes, including \\u{1F512}', () => {
    const [data] = parseClean('data d "q\\"uote \\\\ back\\nline\\ttab \\u{1F512} \\u{e9}"');
    assert.equal((data as { label?: StringValue }).label?.value, 'q"uote \\ back\nline\ttab 🔒 é');
  });

  it('ends a string at its closing quote after an escaped backslash', () => {
    const [actor] = parseClean('actor a "C:\\\\" { tech: "x" }') as [ElementDeclaration];
    assert.equal(actor.label?.value, 'C:\\');
    assert.equal(prop(actor, 'tech').value?.type, 'string');
  });

  it('reads a """ text block, dropping the first line break and the common indentation', () => {
    const [actor] = parseClean('actor a {\n  description: """\n    First line\n      indented "quoted"\n    last\n    """\n}');
    const value = prop(actor, 'description').value as StringValue;
    assert.deepEqual([value.block, value.value], [true, 'First line\n  indented "quoted"\nlast']);
  });

  it('reads integers and decimals, booleans, and lists with a trailing comma', () => {
    const [threat, store] = parseClean('threat t { cwe: 79, capec: 1.5 }\nstore s { encrypted: true, backups: false, tags: [a, "b", c,] }');
    assert.deepEqual(prop(threat, 'cwe').value, { type: 'number', value: 79, text: '79', range: prop(threat, 'cwe').value!.range });
    assert.equal((prop(threat, 'capec').value as { value: number }).value, 1.5);
    assert.deepEqual(
      [prop(store, 'encrypted').value, prop(store, 'backups').value].map((v) => v?.type === 'boolean' && v.value),
      [true, false],
    );
    const tags = prop(store, 'tags').value as ListValue;
    assert.deepEqual(
      tags.items.map((i) => [i.type, (i as { value: string }).value]),
      [
        ['name', 'a'],
        ['string', 'b'],
        ['name', 'c'],
      ],
    );
  });

  it('accepts `,` and `;` between properties on one line', () => {
    const [p] = parseClean('process p { logs: true, privileged: false; rate_limited: true }');
    assert.deepEqual(
      p.type === 'element' && p.properties.map((x) => x.key.text),
      ['logs', 'privileged', 'rate_limited'],
    );
  });

  it('keeps both comment forms and ignores them in the tree', () => {
    const result = parse('// line comment\nactor a /* block\n comment */ "A" // trailing\n/* last */');
    assert.deepEqual(result.diagnostics, []);
    assert.deepEqual(
      result.file.comments.map((c) => [c.block, c.text]),
      [
        [false, '// line comment'],
        [true, '/* block\n comment */'],
        [false, '// trailing'],
        [true, '/* last */'],
      ],
    );
    assert.equal((result.file.declarations[0] as ElementDeclaration).label?.value, 'A');
  });

  it('lets keywords be IDs where an ID is expected', () => {
    const decls = parseClean('store data "x"\nactor flow\nprocess store\nflow store -> data\nflow flow: flow -> store\nprocess p { handles: [data] }');
    assert.deepEqual(
      decls.map((d) => [d.type, idOf(d)]),
      [
        ['element', 'data'],
        ['element', 'flow'],
        ['element', 'store'],
        ['flow', undefined],
        ['flow', 'flow'],
        ['element', 'p'],
      ],
    );
    const f = decls[3] as FlowDeclaration;
    assert.deepEqual([f.source?.text, f.target?.text], ['store', 'data']);
    const g = decls[4] as FlowDeclaration;
    assert.deepEqual([g.source?.text, g.target?.text], ['flow', 'store']);
  });

  it('parses the custom rule of the spec with no diagnostics', () => {
    const [rule] = parseClean('rule phi-in-cache "PHI must not be cached" {\n  category: information_disclosure\n  severity: high\n  applies: store\n  when: holds(phi) and tech == "redis"\n}');
    assert.equal((prop(rule, 'when').value as ExpressionValue).expression.type, 'binary');
  });

  it('parses both files of examples/ with no diagnostics and every top-level declaration', () => {
    assert.equal(parseClean(readFileSync(resolve('examples/telemedicine.moat'), 'utf8')).length, 10);
    assert.equal(parseClean(readFileSync(resolve('examples/cicd-pipeline.moat'), 'utf8')).length, 19);
  });
});

describe('parser: exact ranges', () => {
  it('gives a declaration, its ID, label, body and properties exact ranges', () => {
    const m = marked('⟦actor ⟦user⟧ ⟦"User ✓"⟧ ⟦{\n  ⟦⟦description⟧: ⟦"Uses 🔒 the app"⟧⟧\n}⟧⟧\n');
    const [actor] = parseClean(m.text) as [ElementDeclaration];
    const [whole, id, label, body, property, key, value] = m.ranges;
    assert.deepEqual(actor.range, whole);
    assert.deepEqual(actor.id?.range, id);
    assert.deepEqual(actor.label?.range, label);
    assert.deepEqual(actor.bodyRange, body);
    assert.deepEqual(actor.properties[0].range, property);
    assert.deepEqual(actor.properties[0].key.range, key);
    assert.deepEqual(actor.properties[0].value?.range, value);
  });

  it('counts columns in UTF-16 code units after astral characters', () => {
    const m = marked('actor a "🔒🔒" { tech: ⟦"x"⟧ }');
    const [actor] = parseClean(m.text);
    assert.deepEqual(prop(actor, 'tech').value?.range, m.ranges[0]);
    assert.equal(m.ranges[0].start.character, 23);
  });

  it('gives a flow its ID, ends, arrow and list item ranges', () => {
    const m = marked('boundary b {\n  ⟦flow ⟦book⟧: ⟦patient⟧ ⟦<->⟧ ⟦gateway⟧ "Book" { data: [⟦phi⟧, ⟦"x"⟧] }⟧\n}');
    const [b] = parseClean(m.text) as [BoundaryDeclaration];
    const flow = b.children[0] as FlowDeclaration;
    const [whole, id, source, arrow, target, phi, x] = m.ranges;
    assert.deepEqual(
      [flow.range, flow.id?.range, flow.source?.range, flow.arrowRange, flow.target?.range],
      [whole, id, source, arrow, target],
    );
    const items = (flow.properties[0].value as ListValue).items;
    assert.deepEqual(
      items.map((i) => i.range),
      [phi, x],
    );
  });

  it('gives expression nodes exact ranges, parentheses included', () => {
    const m = marked('rule r {\n  when: ⟦not ⟦(⟦⟦holds⟧(⟦phi⟧)⟧ and ⟦⟦source⟧.⟦trust⟧⟧ >= medium)⟧⟧\n}');
    const [rule] = parseClean(m.text);
    const [not, paren, call, callee, arg, path, seg1, seg2] = m.ranges;
    const expression = (prop(rule, 'when').value as ExpressionValue).expression as NotExpression;
    assert.deepEqual(expression.range, not);
    assert.deepEqual(prop(rule, 'when').value?.range, not);
    const and = expression.operand as BinaryExpression;
    assert.deepEqual(and.range, paren);
    const holds = and.left as CallExpression;
    assert.deepEqual([holds.range, holds.callee.range, holds.args[0].range], [call, callee, arg]);
    const dotted = (and.right as BinaryExpression).left as PathExpression;
    assert.deepEqual([dotted.range, ...dotted.segments.map((s) => s.range)], [path, seg1, seg2]);
  });

  it('spans a multi-line text block exactly', () => {
    const m = marked('data d {\n  description: ⟦"""\n    a\n    b\n  """⟧\n}');
    const [data] = parseClean(m.text);
    assert.deepEqual(prop(data, 'description').value?.range, m.ranges[0]);
  });
});

describe('parser: errors and recovery', () => {
  /** `[line, character, message]` of each diagnostic. */
  function errorsOf(text: string): Array<[number, number, string]> {
    return parse(text).diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.message]);
  }

  it('reports three independent errors at their positions and keeps the declarations after each', () => {
    const m = marked('actor a "A" {\n  description ⟦"x"⟧\n}\nprocess p { tech: ⟦}⟧\nflow a -> ⟦"p"⟧\nstore s\n');
    const result = parse(m.text);
    assert.deepEqual(
      result.diagnostics.map((d) => [d.code, d.severity, d.range]),
      [
        ['syntax', 'error', { start: { line: 1, character: 2 }, end: { line: 1, character: 13 } }],
        ['syntax', 'error', m.ranges[1]],
        ['syntax', 'error', m.ranges[2]],
      ],
    );
    // The missing `:` is reported on the key, naming it; the others on the offending token.
    assert.equal(m.ranges[0].start.line, 1);
    const [colon, value, target] = result.diagnostics.map((d) => d.message);
    assert.match(colon, /expected `:` after `description`.*found `"x"`/);
    assert.match(value, /unexpected `}`: expected a value/);
    assert.match(target, /expected a name but found `"p"`/);
    assert.equal(result.hasErrors, true);
    assert.deepEqual(
      result.file.declarations.map((d) => [d.type, idOf(d) ?? (d as FlowDeclaration).source?.text]),
      [
        ['element', 'a'],
        ['element', 'p'],
        ['flow', 'a'],
        ['element', 's'],
      ],
    );
    const flow = result.file.declarations[2] as FlowDeclaration;
    assert.equal(flow.target, undefined);
  });

  it('names the boundary whose `}` is missing and where it was opened', () => {
    const text = 'boundary cloud "Cloud" {\n  trust: high\n  boundary dmz "DMZ" {\n    process gateway\n';
    const [error, ...rest] = parse(text).diagnostics;
    assert.deepEqual(rest, []);
    assert.equal(error.message, 'expected `}` to close boundary `dmz` opened at 3:22, but found the end of the file');
    assert.deepEqual(error.range.start, { line: 3, character: 19 });
  });

  it('names the block a stray token interrupts', () => {
    assert.deepEqual(errorsOf('flow a -> b {\n  protocol: "x"\n  ]\n}'), [[2, 2, 'expected `}` to close flow `a -> b` opened at 1:13, but found `]`']]);
  });

  it('reports a `when` that starts with an operator at the operator, and reads the declarations after it', () => {
    assert.deepEqual(errorsOf('rule r "R" { when: f(a, b.c,  != 2 }\nactor a'), [[0, 30, 'unexpected `!=`: expected an expression']]);
    assert.deepEqual(errorsOf('rule r "R" {\n  when: ( == "x")\n}\nactor a')[0], [1, 10, 'unexpected `==`: expected an expression']);
    for (const text of ['rule r "R" { when: f(a, b.c,  != 2 }\nactor a', 'rule r "R" {\n  when: ( == "x") b\n}\nactor a']) {
      assert.deepEqual(parse(text).file.declarations.map((d) => d.type), ['rule', 'element'], text);
    }
  });

  it('reports a stray `}` at the top level as unexpected, not as "expected EOF"', () => {
    assert.deepEqual(errorsOf('actor a\n}\nactor b'), [[1, 0, 'unexpected `}`: expected a declaration']]);
    assert.equal(parse('actor a\n}\nactor b').file.declarations.length, 2);
  });

  it('reports an unterminated string once and reads the next line', () => {
    const result = parse('actor a "unterminated\nactor b');
    assert.deepEqual(
      result.diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.range.end.character]),
      [[0, 8, 21]],
    );
    assert.match(result.diagnostics[0].message, /string is not closed: add `"`/);
    assert.deepEqual(result.file.declarations.map(idOf), ['a', 'b']);
  });

  it('reports an unterminated block comment at its opening', () => {
    const result = parse('actor a\n  /* never closed\nactor b');
    assert.deepEqual(
      result.diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.message]),
      [[1, 2, 'block comment is not closed: add `*/`']],
    );
    assert.deepEqual(result.file.declarations.map(idOf), ['a']);
  });

  it('reports an unknown escape at the backslash', () => {
    assert.deepEqual(errorsOf('actor a "bad \\q"'), [[0, 13, 'unknown escape `\\q` in string: use \\", \\\\, \\n, \\t or \\u{...}']]);
  });

  it('reports an unknown character and parses around it', () => {
    const result = parse('actor a\n  @ actor b');
    assert.deepEqual(
      result.diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.message]),
      [[1, 2, 'unexpected character `@`']],
    );
    assert.deepEqual(result.file.declarations.map(idOf), ['a', 'b']);
  });

  it('refuses 5,000 nested boundaries with nesting-too-deep, without crashing', () => {
    const result = parse('boundary b { '.repeat(5000) + '}'.repeat(5000));
    assert.deepEqual(
      result.diagnostics.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character]),
      [['nesting-too-deep', 'error', 0, 13 * 64 + 11]],
    );
    assert.match(result.diagnostics[0].message, /deeper than 64 levels/);
    assert.deepEqual(result.file.declarations, []);
  });

  it('refuses a long chain of `not` in a `when` as too deep rather than overflowing the stack', () => {
    const result = parse('rule r { when: ' + 'not '.repeat(5000) + 'x }');
    assert.deepEqual(
      result.diagnostics.map((d) => d.code),
      ['nesting-too-deep'],
    );
    assert.deepEqual(parse('rule r { when: not not not x }').diagnostics, []);
  });

  it('refuses a `when` chaining thousands of `and`/`or` as too deep rather than overflowing the stack later', () => {
    const chain = (n: number, join: string) => Array.from({ length: n }, (_, i) => `holds(d${i % 3})`).join(join);
    for (const text of [`rule r { when: ${chain(50_000, ' and ')} }`, `rule r { when: ${chain(5_000, ' or not ')} }`, `rule r { when: ${chain(5_000, ' and f(a, b) and ')} }`]) {
      const result = parse(text);
      assert.deepEqual(
        result.diagnostics.map((d) => d.code),
        ['nesting-too-deep'],
      );
      assert.match(result.diagnostics[0].message, /chains more than 64 `and`\/`or`|deeper than 64/);
    }
    // A long but reasonable rule, and many rules of a few terms each, are read.
    assert.deepEqual(parse(`rule r { when: ${chain(40, ' and ')} }`).diagnostics, []);
    assert.deepEqual(parse(Array.from({ length: 200 }, (_, i) => `rule r${i} { when: ${chain(5, ' or ')}, severity: high }\n`).join('')).diagnostics, []);
  });

  it('ends a declaration that error recovery closed right after its last token, not at no position', () => {
    // The string is never closed, so recovery invents both `}`: the process and the boundary end where their text ends.
    const result = parse('boundary dmz "DMZ" {\n  process gateway "API gateway" {\n    code: src/gateway.ts#Gateway"\n');
    const gateway = (result.file.declarations[0] as { children: readonly Declaration[] }).children[0];
    assert.equal(idOf(gateway), 'gateway');
    assert.deepEqual(gateway.range, { start: { line: 1, character: 2 }, end: { line: 2, character: 13 } });
    assert.equal(result.hasErrors, true);
  });

  it('gives every range of the tree and of the diagnostics a real position, whatever the edit', () => {
    // An editor shows these ranges (outline, folding, squiggles); a range without a position reaches it as `null`.
    const problems: string[] = [];
    for (const [seed, name] of [[7, 'telemedicine.moat'], [8, 'cicd-pipeline.moat']] as const) {
      const pick = seededRandom(seed);
      let text = exampleModel(name);
      for (let edit = 1; edit <= 150; edit++) {
        text = randomEdit(text, pick);
        const result = parse(text);
        for (const at of badRanges({ tree: result.file.declarations, diagnostics: result.diagnostics }, '')) problems.push(`${name} edit ${edit}: ${at}`);
      }
    }
    assert.deepEqual(problems.slice(0, 5), []);
  });

  it('reports a NUL byte as invalid-text at its position', () => {
    const result = parse('actor a\nactor b\0');
    assert.deepEqual(
      result.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]),
      [['invalid-text', 1, 7]],
    );
    assert.match(result.diagnostics[0].message, /NUL byte/);
  });

  it('refuses a 17 MiB text with file-too-large', () => {
    const result = parse('actor a\n' + '/'.repeat(17 * 1024 * 1024));
    assert.deepEqual(
      result.diagnostics.map((d) => [d.code, d.severity]),
      [['file-too-large', 'error']],
    );
    assert.match(result.diagnostics[0].message, /17\.0 MiB; the limit is 16 MiB/);
  });
});

/** Where in a tree a range has a position that is not a whole number, or ends before it starts. */
function badRanges(node: unknown, path: string): string[] {
  if (node === null || typeof node !== 'object') return [];
  const { start, end } = node as { start?: { line: unknown; character: unknown }; end?: { line: unknown; character: unknown } };
  if (start && end && 'line' in start) {
    const whole = [start.line, start.character, end.line, end.character].every((n) => Number.isInteger(n) && (n as number) >= 0);
    const ordered = whole && ((start.line as number) < (end.line as number) || (start.line === end.line && (start.character as number) <= (end.character as number)));
    return whole && ordered ? [] : [`${path} ${JSON.stringify(node)}`];
  }
  return Object.entries(node).flatMap(([key, value]) => badRanges(value, `${path}.${key}`));
}
