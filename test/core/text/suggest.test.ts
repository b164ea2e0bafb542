import { strict as assert } from 'node:assert';
import { editDistance, suggestNames } from '../../../server/src/core/text/suggest';
import { seededRandom } from '../../helpers/random-edits';

/** The whole table, no shortcuts: what `editDistance` must agree with. */
function referenceDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

describe('suggestions for a misspelt name', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps', () => {
    assert.equal(editDistance('gateway', 'gateway'), 0);
    assert.equal(editDistance('gateway', 'gatway'), 1);
    assert.equal(editDistance('gateway', 'gaetway'), 1);
    assert.equal(editDistance('api', 'apis'), 1);
    assert.equal(editDistance('', 'db'), 2);
    assert.equal(editDistance('billing-db', 'ledger-api'), referenceDistance('billing-db', 'ledger-api'));
  });

  it('agrees with the whole table on random words, and within a limit says only that a word is past it', () => {
    const pick = seededRandom(7);
    const word = () => Array.from({ length: pick(12) }, () => 'abcde-'[pick(6)]).join('');
    for (let n = 0; n < 3000; n++) {
      const a = word();
      const b = pick(2) ? word() : a.slice(0, pick(a.length + 1)) + 'abcde'[pick(5)] + a.slice(pick(a.length + 1));
      const exact = referenceDistance(a, b);
      assert.equal(editDistance(a, b), exact, `${a} / ${b}`);
      const limit = pick(4);
      assert.equal(editDistance(a, b, limit), exact <= limit ? exact : limit + 1, `${a} / ${b} within ${limit}`);
    }
  });

  it('suggests the closest IDs first, ignoring case, at most three', () => {
    assert.deepEqual(suggestNames('gatway', ['gateway', 'getaway', 'payments', 'Gateway2']), ['gateway', 'Gateway2', 'getaway']);
    assert.deepEqual(suggestNames('PAYMENTS', ['payments']), ['payments']);
    assert.deepEqual(suggestNames('ledger', ['gateway', 'payments']), []);
  });
});
