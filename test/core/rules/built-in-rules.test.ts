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
