import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatMoat } from '../../../server/src/core/syntax/format';
import { parseMoat } from '../../../server/src/core/syntax/parse';
import type { Declaration } from '../../../server/src/core/syntax/ast';
import { exampleModel, randomEdit, seededRandom } from '../../helpers/random-edits';

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));

/** The formatted text; a refusal fails the test with its reason. */
function format(text: string): string {
  const result = formatMoat(text);
  if (!result.ok) assert.fail(`formatter refused: ${result.reason}`);
  return result.text;
}

/** A model written as one string per line, so expected layouts read like the file. */
function lines(...text: string[]): string {
  return text.join('\n') + '\n';
}

function ids(declarations: readonly Declaration[]): string[] {
  return declarations.flatMap((d): string[] => {
    if (d.type === 'import') return [`import ${d.path?.value}`];
    const name = d.type === 'model' ? d.label?.value : 'ruleOrThreat' in d ? d.ruleOrThreat?.text : d.id?.text;
    return [`${d.type} ${name}`, ...ids(d.children).map((c) => `  ${c}`)];
  });
}

describe('formatMoat', () => {
  describe('the examples are canonical', () => {
    it('leaves cicd-pipeline.moat unchanged', () => {
      const text = readFileSync(examples + 'cicd-pipeline.moat', 'utf8');
      assert.equal(format(text), text);
    });

    it('keeps comments aligned in a column (telemedicine.moat is canonical as written)', () => {
      const text = readFileSync(examples + 'telemedicine.moat', 'utf8');
      assert.ok(text.includes('  protocol: "http"                  // plain text inside the VPC'));
      assert.equal(format(text), text);
    });

    it('puts at least two spaces before an end-of-line comment', () => {
      assert.equal(format('actor a "A" // who\n'), 'actor a "A"  // who\n');
    });
  });

  it('normalises indentation, spacing, tabs, blank lines and CRLF', () => {
    const messy = [
      '// Payments   ',
      'model   "Payments"{',
      '',
      '\tversion :"1.0"',
      '      compliance:[ pci-dss ,gdpr ]',
      '',
      '}',
      '',
      '',
      '',
      'boundary   cloud "Cloud"   {',
      'trust:high',
      '\t\tprocess api "API"{ authenticates:true , logs : true }',
      '',
      '',
      '   }',
      'flow pay:customer->api "Pay"{protocol:"https"}',
      'flow api<->cloud',
      '',
    ].join('\r\n');
    assert.equal(
      format(messy),
      lines(
        '// Payments',
        'model "Payments" {',
        '  version: "1.0"',
        '  compliance: [pci-dss, gdpr]',
        '}',
        '',
        'boundary cloud "Cloud" {',
        '  trust: high',
        '  process api "API" { authenticates: true, logs: true }',
        '}',
        'flow pay: customer -> api "Pay" { protocol: "https" }',
        'flow api <-> cloud',
      ),
    );
  });

  it('keeps a declaration written on one line on one line', () => {
    const text = lines(
      'data credentials "Login credentials" { classification: confidential }',
      'flow push: developer -> repo "git push" { protocol: "ssh", authenticated: true }',
    );
    assert.equal(format(text), text);
    assert.equal(format('data  d {classification:public}'), 'data d { classification: public }\n');
  });

  it('puts the contents of a block that spans lines on lines of their own', () => {
    assert.equal(
      format(lines('store db "DB" { encrypted: true', '  holds: [phi] }')),
      lines('store db "DB" {', '  encrypted: true', '  holds: [phi]', '}'),
    );
  });

  it('keeps `{` on the line of its declaration', () => {
    assert.equal(format(lines('actor patient "Patient"', '{', 'description: "x"', '}')), lines('actor patient "Patient" {', '  description: "x"', '}'));
  });

  it('indents a list written over several lines one level deeper', () => {
    assert.equal(
      format(lines('store s {', 'holds: [', 'phi,', '        credentials', ']', '}')),
      lines('store s {', '  holds: [', '    phi,', '    credentials', '  ]', '}'),
    );
  });

  it('spaces `when:` expressions: calls and paths tight, operators apart', () => {
    assert.equal(
      format(lines('rule r "R" {', '  when:not holds ( phi )and(tech=="redis" or source . trust<=low)', '}')),
      lines('rule r "R" {', '  when: not holds(phi) and (tech == "redis" or source.trust <= low)', '}'),
    );
  });

  it('indents a line that continues a `when:` expression one level deeper', () => {
    assert.equal(
      format(lines('rule r "R" {', 'when: holds(phi)', 'and tech == "redis"', '}')),
      lines('rule r "R" {', '  when: holds(phi)', '    and tech == "redis"', '}'),
    );
  });

  it('keeps every comment, on its own line or after code, in lists and between properties', () => {
    const messy = lines(
      '/* Header block',
      '   comment, kept as written */',
      '   // own line, top level',
      'store db "DB" { // after the brace',
      '        // before a property',
      '  encrypted: true      // end of line',
      '  /* between properties */',
      '  holds: [ // after the bracket',
      '     phi, // first item',
      '    /* inline */ credentials',
      '         // last in the list',
      '  ]',
      '      // before the closing brace',
      '}',
      '// at the end',
    );
    const expected = lines(
      '/* Header block',
      '   comment, kept as written */',
      '// own line, top level',
      'store db "DB" {  // after the brace',
      '  // before a property',
      '  encrypted: true      // end of line',
      '  /* between properties */',
      '  holds: [  // after the bracket',
      '    phi,  // first item',
      '    /* inline */ credentials',
      '    // last in the list',
      '  ]',
      '  // before the closing brace',
      '}',
      '// at the end',
    );
    const formatted = format(messy);
    assert.equal(formatted, expected);
    const before = parseMoat('a.moat', messy).file.comments.map((c) => c.text.trimEnd());
    const after = parseMoat('a.moat', formatted).file.comments.map((c) => c.text);
    assert.deepEqual(after, before);
  });

  it('keeps `"""` text blocks verbatim, inner lines and indentation included', () => {
    const text = lines(
      'threat t "T" {',
      '  description: """',
      '      Indented   on purpose,',
      '  \tand with a tab.',
      '"""',
      '  severity: high',
      '}',
    );
    assert.equal(format(text), text);
    assert.equal(format(text.replace('threat t "T" {', 'threat   t "T"{').replace('  severity', '\tseverity')), text);
  });

  it('is idempotent, and re-parses to the same declarations and comments', () => {
    const varied = [
      '// varied\r\n',
      'import "shared.moat"',
      'model "M"{ version: "1" ; owner: "me" }',
      'boundary outer {trust: high',
      '    boundary inner "In" {',
      '',
      '',
      '  process p { handles: [a,',
      '     b, // why b',
      '  ] }',
      '  }}',
      'flow p->q "x"',
      'flow named : q <-> p {',
      '  mitigate spoofing "mTLS" /* for now */ { status:implemented }',
      '}',
      'rule r { when: (crosses_boundary( ) or',
      '  in_boundary(inner)) and not tagged(pii) , severity: low }',
      'accept r "ok" {on: p; by: "ciso", expires: "2030-01-01"}',
    ].join('\n');
    const once = format(varied);
    assert.equal(format(once), once);
    const before = parseMoat('a.moat', varied).file;
    const after = parseMoat('a.moat', once).file;
    assert.deepEqual(ids(after.declarations), ids(before.declarations));
    assert.equal(after.comments.length, before.comments.length);
  });

  it('keeps every comment and declaration of any text it formats, and formats its own output unchanged', () => {
    // Texts a person might reach by editing the examples: random edits, kept whenever the result parses.
    const problems: string[] = [];
    let formatted = 0;
    for (const [seed, name] of [[21, 'telemedicine.moat'], [22, 'cicd-pipeline.moat']] as const) {
      const pick = seededRandom(seed);
      let text = exampleModel(name);
      for (let edit = 1; edit <= 300; edit++) {
        const edited = randomEdit(text, pick);
        const before = parseMoat('a.moat', edited);
        if (before.hasErrors) continue;
        text = edited;
        formatted++;
        const once = format(text);
        const after = parseMoat('a.moat', once);
        const where = `${name} edit ${edit}`;
        if (format(once) !== once) problems.push(`${where}: formatting twice changes the text`);
        if (after.hasErrors) problems.push(`${where}: the formatted text does not parse`);
        if (!sameJson(commentTexts(after.file.comments), commentTexts(before.file.comments))) problems.push(`${where}: comments differ`);
        if (!sameJson(withoutRanges(after.file.declarations), withoutRanges(before.file.declarations))) problems.push(`${where}: declarations differ`);
      }
    }
    assert.ok(formatted > 200, `only ${formatted} edited texts parsed`);
    assert.deepEqual(problems.slice(0, 5), []);
  });

  it('ends the file with exactly one newline and no trailing whitespace', () => {
    assert.equal(format('actor a   \t\n\n\n\n'), 'actor a\n');
    assert.equal(format('\n\n  actor a'), 'actor a\n');
    assert.equal(format(''), '');
  });

  it('refuses a file with a syntax error, naming where the first one is', () => {
    const result = formatMoat(lines('actor a "A"', 'store s {', '  holds [phi]', '}'));
    assert.equal(result.ok, false);
    assert.ok(!result.ok, 'refused');
    assert.deepEqual(result.at, { line: 2, character: 2 }, result.reason);
  });

  it('refuses an unclosed string rather than guess', () => {
    const result = formatMoat(lines('actor a "A', 'store s'));
    assert.ok(!result.ok, 'refused');
    assert.deepEqual(result.at, { line: 0, character: 8 });
    assert.match(result.reason, /^string is not closed/);
  });
});

/** Comment texts as the formatter may write them: line breaks as `\n` (it writes the file's breaks so), without the space around. */
function commentTexts(comments: readonly { text: string }[]): string[] {
  return comments.map((c) => c.text.replace(/\r\n/g, '\n').trim());
}

/** A syntax tree without its positions: what formatting must not change. */
function withoutRanges(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutRanges);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).filter(([key]) => !/(^r|R)ange$/.test(key)).map(([key, value]) => [key, withoutRanges(value)]));
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
