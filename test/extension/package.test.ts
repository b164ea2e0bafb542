import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The file names in a zip archive, read from its central directory. */
function zipEntries(zip: Buffer): string[] {
  const names: string[] = [];
  for (let i = zip.length - 22; i >= 0; i--) {
    if (zip.readUInt32LE(i) !== 0x06054b50) continue;
    let at = zip.readUInt32LE(i + 16);
    const count = zip.readUInt16LE(i + 10);
    for (let n = 0; n < count; n++) {
      assert.equal(zip.readUInt32LE(at), 0x02014b50, 'central directory entry');
      const nameLength = zip.readUInt16LE(at + 28);
      const extra = zip.readUInt16LE(at + 30);
      const comment = zip.readUInt16LE(at + 32);
      names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
      at += 46 + nameLength + extra + comment;
    }
    return names;
  }
  throw new Error('not a zip archive');
}

describe('the packaged extension (.vsix)', function () {
  this.timeout(120_000);
  let entries: string[];
  let size: number;

  before(() => {
    const out = join(mkdtempSync(join(tmpdir(), 'moat-vsix-')), 'moat.vsix');
    const vsce = resolve('node_modules/@vscode/vsce/vsce');
    const run = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr + run.stdout);
    size = statSync(out).size;
    entries = zipEntries(readFileSync(out));
  });

  it('is under 5 MB', () => {
    assert.ok(size < 5 * 1024 * 1024, `${size} bytes`);
  });

  it('holds the bundled client, server, layout thread and preview page, the grammar and the rule catalogue', () => {
    for (const file of ['extension/dist/client.cjs', 'extension/dist/server.js', 'extension/dist/layout-worker.js', 'extension/dist/preview.js', 'extension/media/preview.css', 'extension/grammar/moat.tmLanguage.json', 'extension/grammar/language-configuration.json', 'extension/docs/rules.md', 'extension/package.json', 'extension/LICENSE.txt']) {
      assert.ok(entries.includes(file), `${file} missing from ${entries.join(', ')}`);
    }
  });

  it('holds no sources, tests, source maps or node_modules', () => {
    const unwanted = entries.filter((e) => /node_modules\/|\.ts$|\.map$|^extension\/(test|server\/src|client\/src|bench|scripts)\//.test(e));
    assert.deepEqual(unwanted, []);
  });
});
