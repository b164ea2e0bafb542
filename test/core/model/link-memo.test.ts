import { strict as assert } from 'node:assert';
import { generateModel } from '../../../bench/generate-model';
import { linkModel } from '../../../server/src/core/model/link';
import { LinkMemo, movedPart, referencesWithRole } from '../../../server/src/core/model/link-memo';
import { parseMoat } from '../../../server/src/core/syntax/parse';
import { reparseMoat, reparseMoatLazily } from '../../../server/src/core/syntax/reparse';
import { modelsToEdit, randomEdit, seededRandom } from '../../helpers/random-edits';

const uri = 'file:///w/m.moat';
const other = 'file:///w/other.moat';

/** Duplicates, a two-way flow, an anonymous flow twice, nested boundaries, a rule, threats and responses: what links in more than one way. */
const tangled = `model "Tangled" { rules_off: [missing-rate-limit, no-such-rule], compliance: [hipaa] }
data phi "PHI" { classification: restricted, tags: [phi] }
data phi "PHI again"
rule phi-out "PHI leaves" { applies_to: flow, when: holds(phi), severity: high }
actor user
boundary cloud { trust: high
  boundary vpc {
    process api { tech: "go", handles: [phi, nothing], authenticates: yes }
    store db { holds: [phi] }
    flow api <-> db { protocol: "tls", data: [phi] }
  }
  process api
}
boundary empty { }
flow user -> api { protocol: "http" }
flow user -> api
flow user -> user
flow ghost -> api
threat skim "Skimming" { category: tampering, on: [api, user->api, nowhere] }
mitigate missing-authentication "OIDC" { on: api, status: planned }
accept skim "Fine" { on: api, by: "ciso", expires: "2020-01-01" }
mitigate vpc "Wrong kind" { on: db }
`;

describe('link: reusing the last link', () => {
  it('gives exactly what a fresh link gives, after any sequence of edits', () => {
    for (const [seed, start] of [...modelsToEdit(51, 40), [54, tangled] as const]) {
      const pick = seededRandom(seed);
      const memo = new LinkMemo();
      let text = start;
      let parse = parseMoat(uri, text);
      linkModel(uri, [parse.file], memo);
      for (let i = 0; i < 150; i++) {
        // From the unedited text most of the time, so that edits often leave a valid model to compare.
        const next = randomEdit(i % 2 === 0 ? text : start, pick);
        parse = reparseMoat(uri, { text, result: parse }, next);
        text = next;
        const incremental = linkModel(uri, [parse.file], memo);
        assert.deepStrictEqual(incremental, linkModel(uri, [parseMoat(uri, text).file]), `edit ${i} (seed ${seed})`);
      }
    }
  });

  it('gives exactly what a fresh link gives after edits mid-file that move the declarations below', () => {
    // Whole lines added or removed around the middle of a model: the reparse moves what is below, and so does the linker.
    const lineEdits = ['  process worker { logs: true }\n', 'flow missing -> nowhere\n', '  flow missing -> nowhere\n', '\n', '// a note\n', 'store cache\n', '  flow web -> api\n', 'process gateway\n', 'data phi "PHI"\n'];
    let moved = 0;
    for (const [seed, start] of [...modelsToEdit(61, 80), [64, tangled] as const]) {
      const pick = seededRandom(seed);
      const memo = new LinkMemo();
      let text = start;
      let parse = parseMoat(uri, text);
      linkModel(uri, [parse.file], memo);
      for (let i = 0; i < 120; i++) {
        const lines = text.split('\n');
        const at = Math.floor(lines.length / 4) + pick(Math.ceil(lines.length / 2));
        const next =
          pick(3) === 0 && lines.length > 3
            ? [...lines.slice(0, at), ...lines.slice(at + 1 + pick(2))].join('\n')
            : [...lines.slice(0, at), lineEdits[pick(lineEdits.length)].replace(/\n$/, ''), ...lines.slice(at)].join('\n');
        // Back to the start now and then, so that the model does not drift far from a valid one.
        const target = i % 10 === 9 ? start : next;
        // As the workspace reparses: the declarations moved down are copied when first read, which the linker does only for those it links again.
        parse = reparseMoatLazily(uri, { text, result: parse }, target);
        text = target;
        const incremental = linkModel(uri, [parse.file], memo);
        if (movedPart(incremental.model)) moved++;
        assert.deepStrictEqual(incremental, linkModel(uri, [parseMoat(uri, text).file]), `edit ${i} (seed ${seed})`);
      }
    }
    // The comparison above only means something if the declarations below are moved often.
    assert.ok(moved > 80, `only ${moved} of 480 links moved the declarations after the edit`);
  });

  it('links again a declaration the edit did not touch when what it depends on changed', () => {
    const start = `data phi "PHI" { classification: restricted }
boundary cloud { trust: high
  process api { handles: [phi] }
  flow api -> db
}
store db
threat skim "Skimming" { on: [api, "api->db"] }
`;
    const edits = [
      (t: string) => t.replace('data phi', 'data phx'),
      (t: string) => t.replace('trust: high', 'trust: low'),
      (t: string) => t.replace('store db', 'actor db'),
      (t: string) => t.replace('store db', 'store db2'),
      (t: string) => `process api\n${t}`,
      (t: string) => `flow api -> db\n${t}`,
      (t: string) => t.replace('boundary cloud', 'boundary api'),
      (t: string) => t.replace('{ trust: high', '{ trust: high, name: "x"'),
    ];
    const relinked = (text: string, next: string): void => {
      const memo = new LinkMemo();
      const parse = parseMoat(uri, text);
      assert.deepEqual(parse.diagnostics, [], text);
      linkModel(uri, [parse.file], memo);
      const incremental = linkModel(uri, [reparseMoat(uri, { text, result: parse }, next).file], memo);
      assert.deepStrictEqual(incremental, linkModel(uri, [parseMoat(uri, next).file]), next);
    };
    for (const edit of edits) relinked(start, edit(start));
    // Declarations before the edit that read what comes after it in other ways.
    const cases: Array<[string, (t: string) => string]> = [
      // A duplicate before the edit, and another after it: the first is reported once.
      ['process api\nprocess api\nactor user\n', (t) => `${t}process api\n`],
      // A reference of the wrong kind points at the symbol, which moves.
      ['actor user\nflow user -> phi\ndata phi "PHI"\n', (t) => t.replace('data phi', '\ndata phi')],
      // An unknown name is given the closest symbols as suggestions, from every one.
      ['actor user\nprocess api\nflow user -> apx\nstore db\n', (t) => `${t}process apy\n`],
      // A threat on a flow that is now left out of the model.
      ['threat t "T" { on: f1 }\nactor a\nprocess b\nflow f1: a -> b\n', (t) => t.replace('a -> b', 'a -> nowhere')],
      // A flow whose end is declared after the edit, and then is not.
      ['actor a\nflow a -> b\nprocess b\n', (t) => t.replace('process b', 'process c')],
      // Declarations after the edit that read what comes before them: an ID now declared above, an end no longer declared, a flow left out or kept.
      ['actor a\nprocess b\n\nflow a -> b\nstore c\n', (t) => t.replace('\n\n', '\nstore c\n\n')],
      ['actor a\nprocess b\n\nflow a -> b\nstore c\n', (t) => t.replace('process b\n', '\n\n')],
      ['actor a\nprocess b\nflow f: a -> nowhere\n\nthreat t "T" { on: f }\n', (t) => t.replace('\n\n', '\nprocess nowhere\n\n')],
      ['actor a\nprocess b\nflow f: a -> b\n\nthreat t "T" { on: f }\n', (t) => t.replace('a -> b\n', 'a -> a\n\n')],
      // Flows with no ID are numbered in order: one more above renumbers those below.
      ['actor a\nprocess b\n\nflow a -> b\nthreat t "T" { on: "a->b" }\n', (t) => t.replace('\n\n', '\nflow a -> b\n\n')],
      // An unknown name below is given suggestions from every symbol, the new one above too.
      ['actor user\nprocess api\n\nflow user -> apx\n', (t) => t.replace('\n\n', '\nprocess apy\n\n')],
      // A duplicate below whose first declaration moves.
      ['actor user\n\nprocess api\nprocess api\n', (t) => t.replace('\n\n', '\n\n\n')],
      ['actor user\nprocess api\n\nprocess api\n', (t) => t.replace('\n\n', '\nstore s\n\n')],
      // A custom rule below, whose condition moves with it; the model block below.
      ['actor a\n\nrule r "R" {\n  applies_to: flow\n  when: holds(phi)\n}\nmodel "M" { version: "1" }\n', (t) => t.replace('\n\n', '\nprocess b\n\n')],
    ];
    for (const [text, edit] of cases) relinked(text, edit(text));
  });

  it('keeps the objects of the declarations an edit did not touch', () => {
    const text = generateModel(60);
    const memo = new LinkMemo();
    const parse = parseMoat(uri, text);
    const before = linkModel(uri, [parse.file], memo).model;
    const next = `${text}flow missing -> nowhere\n`;
    const after = linkModel(uri, [reparseMoat(uri, { text, result: parse }, next).file], memo).model;
    for (const part of ['elements', 'flows', 'boundaries', 'data', 'threats', 'symbols'] as const) {
      const kept = [...before[part]].filter(([id, value]) => after[part].get(id) === value).length;
      assert.ok(before[part].size > 0 && kept === before[part].size, `${part}: ${kept} of ${before[part].size} kept`);
    }
    assert.equal(after.info, before.info);
    assert.deepEqual(
      after.responses.filter((r, i) => r !== before.responses[i]),
      [],
    );
  });

  it('moves the objects below a line added mid-file, and notes only the last link\'s moved part', () => {
    const text = generateModel(60);
    const lines = text.split('\n');
    const middle = lines.findIndex((line, i) => i >= lines.length / 2 && line.startsWith('flow '));
    const memo = new LinkMemo();
    let parse = parseMoat(uri, text);
    const first = linkModel(uri, [parse.file], memo).model;
    const next = [...lines.slice(0, middle), 'process added', ...lines.slice(middle)].join('\n');
    parse = reparseMoat(uri, { text, result: parse }, next);
    const second = linkModel(uri, [parse.file], memo).model;
    const part = movedPart(second)!;
    assert.equal(part.from, first);
    const moved = [...second.flows.values()].slice(part.flows.start);
    assert.ok(moved.length > 5, `${moved.length} flows moved`);
    const before = [...first.flows.values()].slice(part.flows.fromStart);
    moved.forEach((flow, i) => assert.deepStrictEqual({ ...flow, location: before[i].location }, before[i]));
    moved.forEach((flow, i) => assert.equal(flow.location.range.start.line, before[i].location.range.start.line + 1));
    parse = reparseMoat(uri, { text: next, result: parse }, text);
    const third = linkModel(uri, [parse.file], memo).model;
    assert.equal(movedPart(third)?.from, second);
    assert.equal(movedPart(second), undefined, 'a chain of moved parts would keep every model ever linked');
  });

  it('copies the references it moved when they are first read, after any number of links that did not read them', () => {
    // Lines added and removed at several places, the models' references left unread for a few links in a row (as the analysis leaves them).
    const text = `model "M" { rules_off: [missing-rate-limit, no-such-rule] }\n${generateModel(80)}`;
    const lines = text.split('\n');
    const places = [0.3, 0.5, 0.7, 0.9].map((f) => lines.findIndex((line, i) => i >= lines.length * f && /^\s*(flow|process|store) /.test(line)));
    const memo = new LinkMemo();
    let current = text;
    let parse = parseMoat(uri, text);
    linkModel(uri, [parse.file], memo);
    const pick = seededRandom(71);
    let moved = 0;
    for (let round = 0; round < 12; round++) {
      let model;
      for (let unread = 0; unread <= round % 4; unread++) {
        const at = places[pick(places.length)];
        const now = current.split('\n');
        // Adds a line, or removes one added before.
        const next = now[at] === 'flow added -> nowhere' && pick(2) === 0 ? [...now.slice(0, at), ...now.slice(at + 1)] : [...now.slice(0, at), 'flow added -> nowhere', ...now.slice(at)];
        parse = reparseMoatLazily(uri, { text: current, result: parse }, next.join('\n'));
        current = next.join('\n');
        model = linkModel(uri, [parse.file], memo).model;
        if (movedPart(model)) moved++;
      }
      const fresh = linkModel(uri, [parseMoat(uri, current).file]).model;
      assert.deepStrictEqual(referencesWithRole(model!, 'rule-id'), fresh.references.filter((r) => r.role === 'rule-id'), `round ${round}`);
      assert.deepStrictEqual(model!.references, fresh.references, `round ${round}`);
    }
    assert.ok(moved > 10, `${moved} links moved a tail`);
  });

  it('tells apart the same declarations in another file, or files in another order', () => {
    const memo = new LinkMemo();
    const a = parseMoat(uri, 'actor user { tech: 5, colour: red }\nprocess api\nflow user -> api\n').file;
    const b = parseMoat(other, 'process api\nstore db\nflow api -> db\nflow user -> api\n').file;
    for (const files of [[a, b], [b, a], [a], [b], [a, b]]) {
      assert.deepStrictEqual(linkModel(files[0].uri, files, memo), linkModel(files[0].uri, files));
    }
    // The same syntax read as another file's: every location says that file.
    const moved = { ...a, uri: other };
    assert.deepStrictEqual(linkModel(other, [moved], memo), linkModel(other, [moved]));
  });
});
