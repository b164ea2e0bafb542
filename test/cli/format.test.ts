import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMoat, tempProject } from '../helpers/run-moat';

const messy = 'actor   user   // the person\nboundary cloud {\ntrust:high\n      process api\n}\nflow user->api\n';
const canonical = 'actor user   // the person\nboundary cloud {\n  trust: high\n  process api\n}\nflow user -> api\n';

describe('moat format', () => {
  it('rewrites a file canonically, keeping its comment, and leaves a canonical one alone', () => {
    const dir = tempProject({ 'messy.moat': messy, 'tidy.moat': canonical });
    const run = runMoat(['format'], dir);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, 'messy.moat: formatted\n2 files: 1 reformatted\n');
    assert.equal(readFileSync(join(dir, 'messy.moat'), 'utf8'), canonical);
    assert.equal(readFileSync(join(dir, 'tidy.moat'), 'utf8'), canonical);
  });

  it('with --check lists the files that would change, exits 1, and writes nothing', () => {
    const dir = tempProject({ 'messy.moat': messy, 'tidy.moat': canonical });
    const run = runMoat(['format', '--check'], dir);
    assert.equal(run.status, 1);
    assert.equal(run.stdout, 'messy.moat: not formatted\n2 files: 1 would be reformatted\n');
    assert.equal(readFileSync(join(dir, 'messy.moat'), 'utf8'), messy);
    assert.equal(runMoat(['format', '--check', 'tidy.moat'], dir).status, 0);
  });

  it('leaves a file with a syntax error as it is, saying where the error is', () => {
    const dir = tempProject({ 'broken.moat': 'actor    a\nactor b {\n' });
    const run = runMoat(['format'], dir);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /^broken\.moat:2:10: expected `}` to close actor `b`.*\(not formatted: fix the syntax error first\)$/m);
    assert.equal(readFileSync(join(dir, 'broken.moat'), 'utf8'), 'actor    a\nactor b {\n');
  });

  it('leaves a file that is not UTF-8 as it is, rather than write U+FFFD over its bytes', () => {
    // A comment saved in Latin-1: the é is the byte 0xE9.
    const bytes = new Uint8Array([...Buffer.from('actor    a  // caf'), 0xe9, ...Buffer.from('\n')]);
    const dir = tempProject({ 'latin1.moat': bytes });
    const run = runMoat(['format'], dir);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /^latin1\.moat:1:19: not valid UTF-8/m);
    assert.deepEqual(new Uint8Array(readFileSync(join(dir, 'latin1.moat'))), bytes);
    writeFileSync(join(dir, 'latin1.moat'), 'actor a\n');
    assert.equal(runMoat(['format', '--check'], dir).status, 0);
  });
});
