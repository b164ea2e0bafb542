import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateModel } from '../../../bench/generate-model';
import { linkModel } from '../../../server/src/core/model/link';
import { builtInRules } from '../../../server/src/core/rules/catalogue';
import { evaluateRules } from '../../../server/src/core/rules/engine';
import type { BuiltInRule } from '../../../server/src/core/rules/rule';
import { parseMoat } from '../../../server/src/core/syntax/parse';
import { analyzeModel, testToday } from '../../helpers/rules';
import { allRuleCases } from './cases/index';

describe('built-in rules (table: fires / near-identical model does not)', () => {
  for (const row of allRuleCases) {
    describe(`${row.rule}: ${row.name}`, () => {
      it(`fires on ${row.target}`, () => {
        const { findings } = analyzeModel(row.fires);
        const finding = findings.find((f) => f.id === `${row.rule}@${row.target}`);
        assert.ok(finding, `expected ${row.rule}@${row.target}; got ${findings.map((f) => f.id).join(', ') || 'nothing'}`);
        if (row.severity) assert.equal(finding.severity, row.severity, `severity (reasons: ${finding.reasons.join(', ')})`);
        for (const word of row.messageIncludes ?? []) assert.ok(finding.message.includes(word), `message "${finding.message}" should name ${word}`);
      });
      it('does not fire on the near-identical model', () => {
        const { findings } = analyzeModel(row.quiet);
        assert.deepEqual(
          findings.filter((f) => f.rule === row.rule).map((f) => f.id),
          [],
        );
      });
    });
  }
});

describe('related declarations of a finding', () => {
  it('name each declaration once, though it both writes and reads', () => {
    // Both services write the cache from outside its zone and read it back: writers and readers are the same two.
    const { findings } = analyzeModel(`
boundary edge { trust: low
  process web
  process jobs
}
boundary app { trust: high
  store cache { tech: "redis" }
}
flow web <-> cache
flow jobs <-> cache
`);
    const finding = findings.find((f) => f.id === 'cache-poisoning@cache');
    assert.ok(finding, `expected cache-poisoning@cache; got ${findings.map((f) => f.id).join(', ')}`);
    assert.deepEqual(finding.related, ['web', 'jobs']);
  });
});

describe('two-way flows', () => {
  it('give one finding per rule, from the direction that has it', () => {
    // PHI over http crosses unencrypted both ways; only the way from the low zone into the high one enters a more trusted zone.
    const { findings } = analyzeModel(`
data phi "PHI" { classification: restricted }
boundary office { trust: low
  process laptop
}
boundary cloud { trust: high
  process api { authenticates: true }
}
flow sync: laptop <-> api { protocol: "http", data: [phi] }
`);
    const onSync = findings.filter((f) => f.target === 'sync');
    assert.deepEqual(
      onSync.map((f) => f.id),
      [...new Set(onSync.map((f) => f.id))],
      'each rule once on the flow',
    );
    assert.ok(onSync.some((f) => f.rule === 'unencrypted-communication'), 'both directions have it');
    const crossing = onSync.find((f) => f.rule === 'unauthenticated-flow-into-trusted-zone');
    assert.ok(crossing, `expected unauthenticated-flow-into-trusted-zone@sync; got ${onSync.map((f) => f.id).join(', ')}`);
    assert.match(crossing.message, /^laptop \(low\) reaches api \(high\)/);
  });
});

describe('the ends a flow rule looks at (`from`, `to`)', () => {
  it('are the only directions its check sees', () => {
    const text = `
actor nurse
external lab
process api
store db
flow nurse -> api
flow api -> db
flow lab <-> db
flow api -> lab
`;
    const uri = 'file:///ws/model.moat';
    const model = linkModel(uri, [parseMoat(uri, text).file]).model;
    const seen: string[] = [];
    const probe: BuiltInRule = {
      ...builtInRules.find((r) => r.id === 'direct-actor-store-access')!,
      id: 'probe',
      from: ['external', 'actor'],
      to: ['store'],
      check: (subject) => {
        if (subject.kind === 'flow') seen.push(`${subject.direction.source}->${subject.direction.target}`);
        return undefined;
      },
    };
    evaluateRules(model, { today: testToday, catalogue: [probe] });
    assert.deepEqual(seen, ['lab->db']);
  });
});

describe('the technology a rule looks for (`technology`)', () => {
  const callsOf = (text: string): number => {
    const uri = 'file:///ws/model.moat';
    const model = linkModel(uri, [parseMoat(uri, text).file]).model;
    let calls = 0;
    const probe: BuiltInRule = {
      ...builtInRules.find((r) => r.id === 'ldap-injection')!,
      id: 'probe',
      technology: /ldap/,
      check: () => {
        calls++;
        return undefined;
      },
    };
    evaluateRules(model, { today: testToday, catalogue: [probe] });
    return calls;
  };

  it('skips the rule on a model that names none of it', () => {
    assert.equal(callsOf('process api { tech: "node" }\nstore db { tech: "postgres", tags: [pii] }\nflow api -> db { protocol: "tls" }\n'), 0);
  });

  it("runs it when an element's tech or tag, or a flow's protocol or tech, names it, in any case", () => {
    for (const text of [
      'process api\nstore dir { tech: "OpenLDAP" }\nflow api -> dir\n',
      'process api\nstore dir { tags: [ldap] }\nflow api -> dir\n',
      'process api\nstore dir\nflow api -> dir { protocol: "LDAPS" }\n',
      'process api\nstore dir\nflow api -> dir { tech: "ldap" }\n',
    ]) {
      assert.ok(callsOf(text) > 0, text);
    }
  });

  it('never changes what the catalogue finds (every table model, both examples, a generated model)', () => {
    const ungated = builtInRules.map((rule) => ({ ...rule, technology: undefined }));
    assert.ok(builtInRules.some((rule) => rule.technology), 'some rule declares its technology');
    const models = [
      ...allRuleCases.flatMap((row) => [row.fires, row.quiet]),
      ...['telemedicine', 'cicd-pipeline'].map((name) => readFileSync(fileURLToPath(new URL(`../../../examples/${name}.moat`, import.meta.url)), 'utf8')),
      generateModel(300),
    ];
    for (const text of models) {
      const uri = 'file:///ws/model.moat';
      const model = linkModel(uri, [parseMoat(uri, text).file]).model;
      const ids = (catalogue: readonly BuiltInRule[]) => evaluateRules(model, { today: testToday, catalogue }).findings.map((f) => `${f.id} ${f.severity}`);
      assert.deepEqual(ids(builtInRules), ids(ungated), text.slice(0, 200));
    }
  });
});
