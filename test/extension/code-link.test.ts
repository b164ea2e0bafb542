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

  it('refuses a link that leads out of the workspace through a symbolic link, and follows one that stays in', () => {
    const links: Record<string, string> = {
      '/work/app/src/leak.ts': '/etc/shadow',
      '/work/app/src/alias.ts': '/work/app/src/real.ts',
    };
    const realPath = (path: string): string | undefined => links[path] ?? path;
    assert.match((resolveCodeLink(model, '../src/leak.ts', workspace, realPath) as { refused: string }).refused, /outside the workspace through a link/);
    assert.deepEqual(resolveCodeLink(model, '../src/alias.ts#Gateway', workspace, realPath), { path: '/work/app/src/alias.ts', symbol: 'Gateway' });
    // A workspace opened through a link: its real folder counts as inside.
    const viaLink = (path: string): string | undefined => path.replace('/work/app', '/data/app');
    assert.deepEqual(resolveCodeLink(model, '../src/server.ts', workspace, viaLink), { path: '/work/app/src/server.ts', symbol: undefined });
  });

  it('does not mistake a sibling folder with the same prefix for the workspace', () => {
    assert.ok('refused' in resolveCodeLink(model, '../../app-secrets/key.ts', workspace));
  });
});
