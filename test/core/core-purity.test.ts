import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every TypeScript file under a folder. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sources(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('the core stays a pure library', () => {
  const files = sources('server/src/core');

  it('has sources to check', () => {
    assert.ok(files.length > 20, `only ${files.length} files under server/src/core`);
  });

  it('imports neither vscode, the language server, the file system nor child processes', () => {
    const forbidden = /from\s+['"](vscode|vscode-languageserver[^'"]*|vscode-languageclient[^'"]*|(node:)?fs(\/promises)?|(node:)?child_process|(node:)?net|(node:)?http|(node:)?https)['"]/;
    const offenders = files.filter((file) => forbidden.test(readFileSync(file, 'utf8'))).map((file) => relative('.', file));
    assert.deepEqual(offenders, []);
  });

  it('never evaluates text as code', () => {
    const offenders = files.filter((file) => /\beval\s*\(|new\s+Function\s*\(/.test(readFileSync(file, 'utf8'))).map((file) => relative('.', file));
    assert.deepEqual(offenders, []);
  });
});
