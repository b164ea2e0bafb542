import { strict as assert } from 'node:assert';
import { generateModel } from '../../../bench/generate-model';
import { parseMoat } from '../../../server/src/core/syntax/parse';
import { movedDeclaration, reparseChangedLines, reparseMoat, reparseMoatLazily, settleMoves } from '../../../server/src/core/syntax/reparse';
import { randomEdit, modelsToEdit, seededRandom } from '../../helpers/random-edits';

const uri = 'file:///w/m.moat';

/** A model with rules, nested boundaries and comments in bodies, where cuts inside bodies are tricky. */
const nestedModel = `model "Nested" { rules_off: [missing-rate-limit] }
data phi "PHI" { classification: restricted, tags: [phi] }
rule phi-to-external "PHI leaves for an external" {
  applies_to: flow
  when: holds(phi)
    and target.kind == "external"
  severity: high
}
boundary cloud { trust: high
  // the managed part
  boundary vpc { trust: high
    process api { tech: "go", handles: [phi] }
    /* the database
       of record */
    store db {
      tech: "postgres"
      holds: [phi]
    }
    flow api -> db { protocol: "tls" }
  }
  process edge-proxy
}
external lab
flow api -> lab { data: [phi] }
`;

/** Checks edits two steps deep from a clean text (typing usually starts from one): each reparse must equal a whole parse. */
function checkEdits(start: string, seed: number, edits: number): number {
  const pick = seededRandom(seed);
  const clean = parseMoat(uri, start);
  let reused = 0;
  for (let i = 0; i < edits; i++) {
    let text = start;
    let previous = clean;
    for (let step = 0; step < 2; step++) {
      const next = randomEdit(text, pick);
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
    for (const [seed, text] of [...modelsToEdit(1, 60), [4, generateModel(60, 7).replace(/\n/g, '\r\n')], [5, nestedModel]] as const) {
      reused += checkEdits(text, seed, 40);
    }
    // The comparison above only means something if reuse really happens often.
    assert.ok(reused > 60, `only ${reused} of 400 edits reused declarations`);
  });

  it('copies the declarations moved down when first read: settled after any sequence of edits, it is the whole parse, and their ranges are right before', () => {
    let placeholders = 0;
    for (const [seed, start] of [...modelsToEdit(11, 60), [14, nestedModel]] as const) {
      const pick = seededRandom(seed);
      let text = start;
      let previous = parseMoat(uri, start);
      // Lines added and removed with nothing read in between: placeholders of placeholders, a few edits deep.
      for (let i = 0; i < 30; i++) {
        const next = randomEdit(i % 5 === 0 ? start : text, pick);
        const lazy = reparseMoatLazily(uri, { text, result: previous }, next);
        const whole = parseMoat(uri, next);
        assert.deepStrictEqual(
          lazy.file.declarations.map((d) => d.range),
          whole.file.declarations.map((d) => d.range),
          `edit ${i} (seed ${seed}): top-level ranges`,
        );
        // A placeholder has no properties yet where the parse has some.
        placeholders += lazy.file.declarations.filter((d, j) => {
          const parsed = whole.file.declarations[j];
          return d.type !== 'import' && parsed.type !== 'import' && d.properties.length === 0 && parsed.properties.length > 0;
        }).length;
        // Settled every few edits only, the others read on as placeholders.
        if (i % 3 === 2) assert.deepStrictEqual(settleMoves(lazy.file), whole.file, `edit ${i} (seed ${seed}), settled`);
        text = next;
        previous = lazy;
      }
      assert.deepStrictEqual(settleMoves(previous.file), parseMoat(uri, text).file, `seed ${seed}, settled at the end`);
    }
    assert.ok(placeholders > 0, 'some declarations were placeholders');
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
    // The linker moves what the originals linked to rather than link the copies again.
    assert.deepEqual(movedDeclaration(result.file.declarations[2]), { original: db, lineDelta: 1 });
    assert.deepEqual(movedDeclaration(result.file.declarations[3]), { original: flow, lineDelta: 1 });
    assert.equal(movedDeclaration(result.file.declarations[0]), undefined, 'a declaration before the edit is no copy');
    const back = reparseChangedLines(uri, { text: edited, result }, text);
    assert.deepEqual(movedDeclaration(back!.file.declarations[2]), { original: result.file.declarations[2], lineDelta: -1 }, 'a copy is of the last parse’s declaration');
  });

  it('parses again only the changed lines of the innermost body holding an edit', () => {
    const previous = { text: nestedModel, result: parseMoat(uri, nestedModel) };
    const edited = nestedModel.replace('      tech: "postgres"\n', '      tech: "mysql"\n      encrypted_at_rest: true\n');
    const result = reparseChangedLines(uri, previous, edited);
    assert.ok(result, 'an edit inside a nested body is reparsed there');
    const cloud = (r: typeof result) => r.file.declarations.find((d) => d.type === 'boundary')!;
    const vpc = (r: typeof result) => cloud(r).children.find((d) => d.type === 'boundary')!;
    assert.equal(vpc(result).children[0], vpc(previous.result).children[0], '`api`, before the edit, is the same object');
    assert.notEqual(vpc(result).children[1], vpc(previous.result).children[1], '`db` is parsed again');
    assert.deepEqual(vpc(result).children[2].range.start, { line: 19, character: 4 }, 'the flow after it moves down a line');
    assert.deepStrictEqual(result, parseMoat(uri, edited));
  });

  it('does not cut next to a when expression, which may continue on the next line', () => {
    const previous = { text: nestedModel, result: parseMoat(uri, nestedModel) };
    const edited = nestedModel.replace('  severity: high\n', '  or: true\n  severity: high\n');
    assert.deepStrictEqual(reparseMoat(uri, previous, edited), parseMoat(uri, edited));
  });

  it('counts the bodies around the reparsed lines towards the nesting limit', () => {
    const text = 'boundary a {\n  boundary b {\n    process p\n  }\n}\n';
    const deep = `${'['.repeat(63)}x${']'.repeat(63)}`;
    const edited = text.replace('    process p\n', `    process p\n    tags: ${deep}\n`);
    const result = reparseMoat(uri, { text, result: parseMoat(uri, text) }, edited);
    assert.deepStrictEqual(result, parseMoat(uri, edited));
    assert.match(result.diagnostics[0]?.message ?? '', /nesting is deeper than 64 levels/);
  });

  it('parses whole when a body was left open: what it read runs past its range', () => {
    const text = 'boundary cloud { trust: high\n  boundary vpc {\n    process api\n  process api\n}\nflow user -> api\nthreat skim "S" { on: [api, user->api] }\nmitigate m "OIDC" { on: api }\n';
    const edited = text.replace('threat skim "S" { on: [api, user->api] }\n', '');
    assert.deepStrictEqual(reparseMoat(uri, { text, result: parseMoat(uri, text) }, edited), parseMoat(uri, edited));
  });

  it('falls back to a whole parse when the edit leaves a block open', () => {
    const text = 'process api {\n}\n\nstore db\n';
    const edited = 'process api {\n\n\nstore db\n';
    assert.equal(reparseChangedLines(uri, { text, result: parseMoat(uri, text) }, edited), undefined);
    const result = reparseMoat(uri, { text, result: parseMoat(uri, text) }, edited);
    assert.ok(result.diagnostics.some((d) => /expected `}` to close process `api`/.test(d.message)));
  });
});
