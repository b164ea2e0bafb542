import { strict as assert } from 'node:assert';
import { StalePreviews } from '../../client/src/preview/stale-previews';

describe('when a diagram preview redraws', () => {
  it('redraws the previews of a changed model at once while auto-refresh is on', () => {
    const previews = new StalePreviews<string>();
    assert.deepEqual(previews.changed(['shop', 'clinic'], true), ['shop', 'clinic']);
    assert.deepEqual(previews.due(['shop', 'clinic']), []);
  });

  it('with auto-refresh off, redraws a changed preview once, when its model is saved or it is opened again', () => {
    const previews = new StalePreviews<string>();
    assert.deepEqual(previews.changed(['shop', 'clinic'], false), []);
    assert.deepEqual(previews.changed(['shop'], false), []);
    // Saving a file of the shop's model redraws the shop's preview, once however many edits.
    assert.deepEqual(previews.due(['shop']), ['shop']);
    assert.deepEqual(previews.due(['shop']), []);
    // Opening the clinic's preview again redraws it.
    assert.deepEqual(previews.due(['clinic']), ['clinic']);
  });

  it('forgets a preview that was closed', () => {
    const previews = new StalePreviews<string>();
    previews.changed(['shop'], false);
    previews.forget('shop');
    assert.deepEqual(previews.due(['shop']), []);
  });
});
