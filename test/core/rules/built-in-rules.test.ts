import { strict as assert } from 'node:assert';
import { analyzeModel } from '../../helpers/rules';
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
