import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { generateModel } from '../../../bench/generate-model';
import { parseMoat } from '../../../server/src/core/syntax/parse';
import { reparseChangedLines, reparseMoat } from '../../../server/src/core/syntax/reparse';

const uri = 'file:///w/m.moat';
const example = (name: string) => readFileSync(new URL(`../../../examples/${name}`, import.meta.url), 'utf8');

/** A small deterministic random source, so a failing edit sequence can be replayed. */
function random(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

/** Text a person might type: whole declarations, half-typed ones, and things that open what they do not close. */
const snippets = [
  'process billing "Billing" { tech: "java" }\n',
  'flow web -> api { protocol: "https" }\n',
  'flow missing -> nowhere\n',
  '// a note\n',
  '/* a note\n over two lines */\n',
  'store cache\n',
  'process',
  'flow a ->',
  '{',
  '}',
  '"',
  '"""',
  '/*',
  ' ',
  '\n',
  '\r\n',
  'x',
  ', ',
  'data phi "PHI" { classification: restricted }\n',
];

/** One random edit of a text: an insertion, a deletion or a replacement, at a line start or anywhere. */
function edit(text: string, pick: (n: number) => number): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const at = pick(2) === 0 ? lineStarts[pick(lineStarts.length)] : pick(text.length + 1);
  const removed = pick(3) === 0 ? 0 : pick(3) === 0 ? pick(200) : pick(4);
  const inserted = pick(3) === 0 ? '' : snippets[pick(snippets.length)];
  return text.slice(0, at) + inserted + text.slice(Math.min(text.length, at + removed));
}

/** Checks edits two steps deep from a clean text (typing usually starts from one): each reparse must equal a whole parse. */
function checkEdits(start: string, seed: number, edits: number): number {
  const pick = random(seed);
  const clean = parseMoat(uri, start);
  let reused = 0;
  for (let i = 0; i < edits; i++) {
    let text = start;
    let previous = clean;
    for (let step = 0; step < 2; step++) {
      const next = edit(text, pick);
      const incremental = reparseMoat(uri, { text, result: previous }, next);
      const whole = parseMoat(uri, next);
      assert.deepStrictEqual(incremental, whole, `edit ${i}.${step} (seed ${seed}) parses differently when reparsed`);
      if (reparseChangedLines(uri, { text, result: previous }, next)) reused++;
      text = next;
      // Start the next step from the reparse on odd edits and from the whole parse on even ones: both must be good starting points.
      previous = i % 2 === 0 ? incremental : whole;
    }
  }
  return reused;
}

describe('reparsing after an edit', () => {
  it('gives exactly the whole parse after any sequence of edits, broken ones included', () => {
    let reused = 0;
    for (const [seed, text] of [
      [1, example('telemedicine.moat')],
      [2, example('cicd-pipeline.moat')],
      [3, generateModel(60)],
      [4, generateModel(60, 7).replace(/\n/g, '\r\n')],
    ] as const) {
      reused += checkEdits(text, seed, 40);
    }
    // The comparison above only means something if reuse really happens often.
    assert.ok(reused > 50, `only ${reused} of 320 edits reused declarations`);
  });

  it('reuses the declarations before and after an edit in the middle, moving the later ones down', () => {
    const text = 'data phi "PHI"\n\nprocess api {\n  tech: "go"\n}\n\nstore db\n\nflow api -> db\n';
    const previous = { text, result: parseMoat(uri, text) };
    const edited = text.replace('  tech: "go"\n', '  tech: "rust"\n  authenticates: true\n');
    const result = reparseChangedLines(uri, previous, edited);
    assert.ok(result, 'an edit inside one declaration reparses only that declaration');
    const [phi, , db, flow] = previous.result.file.declarations;
    assert.equal(result.file.declarations[0], phi, 'the declaration before the edit is the same object');
    assert.notEqual(result.file.declarations[2], db, 'a declaration after a line insertion is a moved copy');
    assert.deepEqual(result.file.declarations[2].range, { start: { line: 7, character: 0 }, end: { line: 7, character: 8 } });
    assert.equal(result.file.declarations[3].type, flow.type);
    assert.deepStrictEqual(result, parseMoat(uri, edited));
  });

  it('falls back to a whole parse when the edit leaves a block open', () => {
    const text = 'process api {\n}\n\nstore db\n';
    const edited = 'process api {\n\n\nstore db\n';
    assert.equal(reparseChangedLines(uri, { text, result: parseMoat(uri, text) }, edited), undefined);
    const result = reparseMoat(uri, { text, result: parseMoat(uri, text) }, edited);
    assert.ok(result.diagnostics.some((d) => /expected `}` to close process `api`/.test(d.message)));
  });
});
