import { strict as assert } from 'node:assert';
import { resolveCodeLink } from '../../client/src/preview/code-link';

describe('code links from the diagram', () => {
  const model = '/work/app/threats/model.moat';
  const workspace = ['/work/app'];

  it('resolves a link relative to the model file, with its symbol', () => {
    assert.deepEqual(resolveCodeLink(model, '../src/gateway/server.ts#Gateway.handle', workspace), { path: '/work/app/src/gateway/server.ts', symbol: 'Gateway.handle' });
    assert.deepEqual(resolveCodeLink(model, 'handlers.ts', workspace), { path: '/work/app/threats/handlers.ts', symbol: undefined });
  });

  it('refuses links that leave the workspace, absolute paths and empty files', () => {
    for (const link of ['../../etc/passwd', '../../../root/.ssh/id_rsa#key', '/etc/passwd', '#Symbol', '..']) {
      const target = resolveCodeLink(model, link, workspace);
      assert.ok('refused' in target, `${link} is refused`);
    }
    assert.match((resolveCodeLink(model, '../../secrets.ts', workspace) as { refused: string }).refused, /outside the workspace/);
  });

  it('does not mistake a sibling folder with the same prefix for the workspace', () => {
    assert.ok('refused' in resolveCodeLink(model, '../../app-secrets/key.ts', workspace));
  });
});
