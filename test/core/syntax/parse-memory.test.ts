import { strict as assert } from 'node:assert';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseMoat, parseMoatBody } from '../../../server/src/core/syntax/parse';

/** A full garbage collection, without starting node with `--expose-gc`. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** Whether what `make` returns can be collected once the caller drops it. */
async function isCollected(make: () => object): Promise<boolean> {
  const ref = new WeakRef(make());
  // A WeakRef keeps its target alive until the current job ends.
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
  return ref.deref() === undefined;
}

const model = 'model m {}\nprocess api "API" { authenticates: true }\nstore db "DB"\nflow api -> db "query"\n';

describe('parser memory', () => {
  // The parser is shared by every parse: a language server would keep the last file's tree alive
  // until the next parse, some hundred megabytes for a 10,000-element model.
  it('lets go of a file it parsed once the caller drops the result', async () => {
    assert.equal(await isCollected(() => parseMoat('file:///m.moat', model).file.declarations), true);
  });

  it('lets go of a body it parsed once the caller drops the result', async () => {
    assert.equal(await isCollected(() => parseMoatBody('file:///m.moat', '  authenticates: true\n  process inner "Inner"\n', 1).children), true);
  });
});
