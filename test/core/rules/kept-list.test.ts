import { strict as assert } from 'node:assert';
import { keptList } from '../../../server/src/core/rules/kept-list';

describe('lists kept for a rule run', () => {
  it('keeps a copy of every length, with the same items in order, that later pushes to the original do not change', () => {
    for (let length = 1; length <= 7; length++) {
      const original = Array.from({ length }, (_, i) => `id-${i}`);
      const kept = keptList(original);
      assert.deepEqual(kept, original);
      assert.notEqual(kept, original);
      original.push('late');
      assert.equal(kept.length, length);
    }
  });

  it('keeps a frozen list itself: it is shared', () => {
    const shared = Object.freeze(['restricted data']);
    assert.equal(keptList(shared), shared);
  });
});
