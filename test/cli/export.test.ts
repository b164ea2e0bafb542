import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { generateModel } from '../../bench/generate-model';
import { runMoat, tempProject } from '../helpers/run-moat';

const shop = `model "Shop" {}
actor customer "<Customer & co>"
boundary cloud "Cloud" {
  trust: high
  boundary core "Core" {
    process api "API"
    store db "Orders DB"
  }
}
flow order: customer -> api "Order" { protocol: "https" }
flow api <-> db "Read and write" { protocol: "postgres" }
`;

describe('moat export', () => {
  it('writes the SVG of a model to stdout', () => {
    const dir = tempProject({ 'shop.moat': shop });
    const run = runMoat(['export', 'shop.moat'], dir);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.ok(run.stdout.trimEnd().endsWith('</svg>'));
    assert.ok(run.stdout.includes('data-moat-id="api"'));
    assert.ok(run.stdout.includes('&lt;Customer &amp; co&gt;'));
    assert.equal(runMoat(['export', 'shop.moat', '--format', 'svg'], dir).stdout, run.stdout, 'not byte-identical across runs');
  });

  it('writes DOT with a cluster per boundary', () => {
    const dir = tempProject({ 'shop.moat': shop });
    const run = runMoat(['export', 'shop.moat', '--format', 'dot'], dir);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^digraph "Shop" \{/);
    assert.match(run.stdout, /subgraph "cluster_\d+_cloud"[\s\S]*subgraph "cluster_\d+_core"/);
    assert.ok(run.stdout.includes('"customer" -> "api"'));
  });

  it('writes to a file with -o', () => {
    const dir = tempProject({ 'shop.moat': shop });
    const run = runMoat(['export', 'shop.moat', '-o', 'shop.svg'], dir);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, '');
    assert.ok(existsSync(join(dir, 'shop.svg')));
    assert.match(readFileSync(join(dir, 'shop.svg'), 'utf8'), /^<svg [\s\S]*<\/svg>\n$/);
  });

  it('exports the examples', () => {
    for (const file of ['examples/telemedicine.moat', 'examples/cicd-pipeline.moat']) {
      const run = runMoat(['export', file], resolve('.'));
      assert.equal(run.status, 0, run.stderr);
    }
  });

  it('writes a PNG at twice the SVG size, in the colours of its theme', () => {
    const dir = tempProject({ 'shop.moat': shop });
    const svgWidth = Number(/width="(\d+)"/.exec(runMoat(['export', 'shop.moat'], dir).stdout)![1]);
    for (const [theme, background] of [['light', [255, 255, 255]], ['dark', [0x1e, 0x1e, 0x1e]]] as const) {
      const run = runMoat(['export', 'shop.moat', '--format', 'png', '--theme', theme, '-o', `shop-${theme}.png`], dir);
      assert.equal(run.status, 0, run.stderr);
      const png = readFileSync(join(dir, `shop-${theme}.png`));
      assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG signature');
      assert.equal(png.readUInt32BE(16), svgWidth * 2, 'twice the SVG width');
      assert.deepEqual(firstPixel(png), [...background, 255], `the ${theme} background, not a colour lost with CSS variables`);
    }
  });

  it('fails with status 2 on a bad format, png without -o, or a missing file', () => {
    const dir = tempProject({ 'shop.moat': shop });
    const bad = runMoat(['export', 'shop.moat', '--format', 'pdf'], dir);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--format must be svg, png or dot/);
    const png = runMoat(['export', 'shop.moat', '--format', 'png'], dir);
    assert.equal(png.status, 2);
    assert.match(png.stderr, /-o FILE\.png/);
    assert.equal(runMoat(['export', 'missing.moat'], dir).status, 2);
    assert.equal(runMoat(['export'], dir).status, 2);
  });

  it('refuses, in one line and at once, a diagram larger than it can lay out, and still writes its DOT', () => {
    // 10,000 elements ran ELK out of memory after a minute; past 3,000 the refusal comes before the layout.
    const dir = tempProject({ 'huge.moat': generateModel(3_001) });
    const run = runMoat(['export', 'huge.moat', '--format', 'svg', '-o', 'huge.svg'], dir);
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'moat: cannot draw 3,001 elements: a diagram is laid out for at most 3,000 (layout time and memory grow faster than the model); draw a model that imports part of it\n');
    assert.equal(existsSync(join(dir, 'huge.svg')), false);
    const dot = runMoat(['export', 'huge.moat', '--format', 'dot'], dir);
    assert.equal(dot.status, 0);
    assert.match(dot.stdout, /^digraph /);
  });

  it('prints the model errors as file:line:col and exits 1', () => {
    const dir = tempProject({ 'bad.moat': 'actor a "A"\nflow a -> nowhere\n' });
    const run = runMoat(['export', 'bad.moat'], dir);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /^bad\.moat:2:\d+: error: /m);
    assert.equal(run.stdout, '');
  });
});

/** The RGBA of the top-left pixel of an 8-bit RGBA PNG (on the first row every filter leaves it as it is). */
function firstPixel(png: Buffer): number[] {
  const chunks: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') chunks.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  assert.deepEqual([png[24], png[25]], [8, 6], '8-bit RGBA');
  return [...inflateSync(Buffer.concat(chunks)).subarray(1, 5)];
}
