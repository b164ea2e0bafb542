import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateModel } from '../../bench/generate-model';
import { runMoat, tempProject } from '../helpers/run-moat';

const valid = `model "Shop" { owner: "sec@shop.example" }
actor customer "Customer"
boundary cloud "Cloud" {
  trust: high
  process api "API" { authenticates: true, authorizes: true, validates_input: true, sanitizes_output: true, logs: true, rate_limited: true }
}
flow order: customer -> api "Order" { protocol: "https", authenticated: true }
`;

/** The same shop with its API open to anyone: findings, no model errors. */
const exposed = valid.replace('authenticates: true', 'authenticates: false').replace(', authenticated: true', '');


describe('moat check', () => {
  it('checks the examples folder and prints a summary line with the findings', () => {
    const run = runMoat(['check', 'examples/', '--fail-on', 'none'], resolve('.'));
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^2 files, 2 models, 12 elements, 10 flows: 0 errors, .*; findings: \d+ open .*, \d+ mitigated, 1 accepted$/m);
  });

  it('reports a finding on its target as file:line:col with the finding ID', () => {
    const dir = tempProject({ 'shop.moat': exposed });
    const run = runMoat(['check', '--fail-on', 'none'], dir);
    assert.match(run.stdout, /^shop\.moat:5:11: warning: high: api accepts calls from customer without authenticating them \[missing-authentication@api\]$/m);
  });

  it('asks the checklist of a model with `checklist: true` as information, without counting or gating on it', () => {
    const asked = valid.replace('model "Shop" {', 'model "Shop" { checklist: true,');
    const run = runMoat(['check', '--fail-on', 'low'], tempProject({ 'shop.moat': asked }));
    assert.equal(run.status, 0, run.stdout);
    assert.match(run.stdout, /^shop\.moat:2:7: information: low: checklist: could someone act as customer\? .* \[stride-spoofing-actor@customer\]$/m);
    // The API declares every control, so it is asked only what no property answers.
    assert.deepEqual(run.stdout.match(/stride-[a-z-]+@api/g), ['stride-information-disclosure-process@api']);
    assert.match(run.stdout, /findings: 0 open, 0 mitigated, 0 accepted; checklist: 4 open questions$/m);
    const json = JSON.parse(runMoat(['check', '--format', 'json', '--fail-on', 'none'], tempProject({ 'shop.moat': asked })).stdout);
    assert.equal(json.findings.filter((f: { checklist?: boolean }) => f.checklist).length, 4);
    assert.equal(json.summary.open, 0);
    // Without the model's `checklist: true`, nothing is asked.
    assert.doesNotMatch(runMoat(['check', '--fail-on', 'none'], tempProject({ 'shop.moat': valid })).stdout, /checklist/);
  });

  it('prints only errors and the summary with --quiet', () => {
    const dir = tempProject({ 'shop.moat': `${exposed}flow customer -> nowhere\n` });
    const run = runMoat(['check', '--quiet', '--fail-on', 'none'], dir);
    assert.equal(run.status, 1);
    const lines = run.stdout.trim().split('\n');
    assert.match(lines[0], /^shop\.moat:8:18: error: unknown element `nowhere`/);
    assert.equal(lines.length, 2, run.stdout);
    assert.match(lines[1], /^1 file, 1 model, .*1 error, [1-9]\d* warnings?, .*findings: [1-9]/);
  });

  it('gates on open findings at or above --fail-on (default high)', () => {
    const dir = tempProject({ 'shop.moat': exposed });
    assert.equal(runMoat(['check'], dir).status, 1);
    assert.equal(runMoat(['check', '--fail-on', 'critical'], dir).status, 0);
    assert.equal(runMoat(['check', '--fail-on', 'none'], dir).status, 0);
    assert.equal(runMoat(['check'], tempProject({ 'shop.moat': valid })).status, 0);
  });

  it('stops gating on a finding once it is accepted, and gates again when the acceptance expires', () => {
    const accept = (expires: string) => `${exposed}accept missing-authentication "Behind the VPN" { on: api, by: "ciso", expires: "${expires}" }\naccept unauthenticated-flow-into-trusted-zone "Same" { on: order, by: "ciso", expires: "${expires}" }\n`;
    assert.equal(runMoat(['check'], tempProject({ 'shop.moat': accept('2999-01-01') })).status, 0);
    const expired = runMoat(['check'], tempProject({ 'shop.moat': accept('2001-01-01') }));
    assert.equal(expired.status, 1);
    assert.match(expired.stdout, /expired/);
  });

  it('prints each problem as file:line:col: severity: message [code] and exits 1 on an error', () => {
    const dir = tempProject({ 'shop.moat': valid + 'flow customer -> apii\n' });
    const run = runMoat(['check'], dir);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /^shop\.moat:8:18: error: unknown element `apii` \(did you mean `api`\?\) \[unknown-reference\]$/m);
  });

  it('exits 0 when there are only warnings', () => {
    const dir = tempProject({ 'shop.moat': valid.replace('owner:', 'ownr:') });
    const run = runMoat(['check', 'shop.moat'], dir);
    assert.equal(run.status, 0, run.stdout);
    assert.match(run.stdout, /shop\.moat:1:16: warning: unknown property `ownr` on model \(did you mean `owner`\?\) \[unknown-property\]/);
  });

  it('searches folders recursively, skipping node_modules and dot-folders', () => {
    const dir = tempProject({
      'models/a/shop.moat': valid,
      'node_modules/dep/broken.moat': 'flow {',
      '.cache/broken.moat': 'flow {',
    });
    const run = runMoat(['check'], dir);
    assert.equal(run.status, 0, run.stdout);
    assert.match(run.stdout, /^1 file, 1 model, 2 elements, 1 flow/m);
  });

  it('reports several syntax errors of one file, each at its position', () => {
    const dir = tempProject({ 'bad.moat': 'actor a "A" {\n  description "x"\n}\nprocess p { tech: }\nflow a -> "p"\n' });
    const run = runMoat(['check', 'bad.moat'], dir);
    assert.equal(run.status, 1);
    const errors = run.stdout.split('\n').filter((l) => l.includes(': error: '));
    assert.deepEqual(
      errors.map((l) => l.split(': error:')[0]),
      ['bad.moat:2:3', 'bad.moat:4:19', 'bad.moat:5:11'],
    );
  });

  it('writes the JSON document of the CLI spec with --format json', () => {
    const run = runMoat(['check', 'examples/telemedicine.moat', '--format', 'json', '--fail-on', 'none'], resolve('.'));
    assert.equal(run.status, 0);
    const report = JSON.parse(run.stdout);
    assert.equal(report.version, 1);
    assert.equal(report.model.title, 'Telemedicine platform');
    assert.deepEqual(report.model.files, ['examples/telemedicine.moat']);
    const gateway = report.elements.find((e: { id: string }) => e.id === 'gateway');
    assert.deepEqual({ kind: gateway.kind, boundary: gateway.boundary, file: gateway.file }, { kind: 'process', boundary: 'dmz', file: 'examples/telemedicine.moat' });
    assert.deepEqual(gateway.nameRange.start, { line: 22, character: 12 });
    assert.deepEqual(
      report.flows.map((f: { id: string }) => f.id),
      ['book', 'forward', 'visits->records'],
    );
    assert.deepEqual(report.flows[1].data, ['phi']);
    assert.deepEqual(report.diagnostics, []);
    const forward = report.findings.find((f: { id: string }) => f.id === 'unencrypted-communication@forward');
    assert.deepEqual([forward.status, forward.category, forward.response.status], ['mitigated', 'information_disclosure', 'implemented']);
    const open = report.findings.filter((f: { status: string }) => f.status === 'open' || f.status === 'planned');
    assert.equal(report.summary.open, open.length);
    assert.equal(report.summary.accepted, 1);
  });

  it('puts diagnostics in the JSON with zero-based ranges', () => {
    const dir = tempProject({ 'm.moat': 'actor a\nflow a -> a\n' });
    const run = runMoat(['check', '--format', 'json'], dir);
    assert.equal(run.status, 1);
    const [d] = JSON.parse(run.stdout).diagnostics;
    assert.deepEqual({ file: d.file, line: d.range.start.line, character: d.range.start.character, code: d.code, severity: d.severity }, { file: 'm.moat', line: 1, character: 5, code: 'self-flow', severity: 'error' });
  });

  it('exits 2 with a one-line message for a path that does not exist', () => {
    const run = runMoat(['check', 'no/such/place'], resolve('.'));
    assert.equal(run.status, 2);
    assert.equal(run.stderr.trim(), 'moat: cannot read no/such/place: no such file or folder');
  });

  it('exits 2 when there is no model to check: a gate that checked nothing does not pass', () => {
    const dir = tempProject({ 'models/README.md': '# Threat models go here\n' });
    const run = runMoat(['check', 'models'], dir);
    assert.equal(run.status, 2);
    assert.equal(run.stderr, 'moat: no .moat files in models\n');
    assert.equal(run.stdout, '');
  });

  it('exits 2 on an unknown option or command, and on a bad --fail-on', () => {
    assert.equal(runMoat(['check', '--colour'], resolve('.')).status, 2);
    assert.equal(runMoat(['frobnicate'], resolve('.')).status, 2);
    const bad = runMoat(['check', '--fail-on', 'severe'], resolve('.'));
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--fail-on must be low, medium, high, critical or none/);
  });

  it('prints usage for --help and the package version for --version', () => {
    const help = runMoat(['--help'], resolve('.'));
    assert.equal(help.status, 0);
    assert.match(help.stdout, /moat check \[PATH\.\.\.\]/);
    // Every format export takes is listed (png was missing).
    assert.match(help.stdout, /moat export .*--format svg\|png\|dot/);
    const version = runMoat(['--version'], resolve('.'));
    assert.equal(version.stdout.trim(), JSON.parse(readFileSync('package.json', 'utf8')).version);
  });

  it('reports invalid UTF-8 as an error at its position, not a crash', () => {
    const bytes = new Uint8Array([...Buffer.from('actor a "A"\nactor b "'), 0xff, 0xfe, ...Buffer.from('"\n')]);
    const dir = tempProject({ 'bin.moat': bytes });
    const run = runMoat(['check'], dir);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /^bin\.moat:2:10: error: the file is not valid UTF-8 at 2:10/m);
    assert.equal(run.stderr, '');
  });

  it('ends quietly with its own status when the reader stops early (`moat check | head`)', async () => {
    // A report of hundreds of kilobytes: the reader closes the pipe after the first chunk.
    const dir = tempProject({ 'big.moat': generateModel(500) });
    const child = spawn(process.execPath, [resolve('bin/moat.js'), 'check', 'big.moat'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let firstLine = '';
    child.stdout.once('data', (chunk: Buffer) => {
      firstLine = chunk.toString().split('\n')[0];
      child.stdout.destroy();
    });
    const status = await new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    assert.match(firstLine, /^big\.moat:\d+:\d+: /);
    assert.equal(stderr, '');
    // High findings and the default --fail-on high: the gate still says no.
    assert.equal(status, 1);
  });

  it('does not wait on a named pipe: named on the command line it is a usage error, imported it cannot be read', () => {
    const dir = tempProject({ 'main.moat': 'import "pipe.moat"\nactor customer\n' });
    assert.equal(spawnSync('mkfifo', ['pipe.moat'], { cwd: dir }).status, 0, 'mkfifo made the pipe');
    const named = runMoat(['check', 'pipe.moat'], dir);
    assert.equal(named.status, 2);
    assert.equal(named.stderr, 'moat: cannot read pipe.moat: not a file or folder\n');
    const imported = runMoat(['check', 'main.moat'], dir);
    assert.equal(imported.status, 1);
    assert.match(imported.stdout, /^main\.moat:1:8: error: cannot find `pipe\.moat`/m);
  });

  it('refuses an import that links to a file outside the workspace, and shows nothing of that file', () => {
    // A model in a pull request links to a file of the CI machine: its text must not reach the log.
    const outside = join(mkdtempSync(join(tmpdir(), 'moat-outside-')), 'secret.moat');
    writeFileSync(outside, 'actor AKIA_SECRET_TOKEN_VALUE\nthis is not moat\n');
    const dir = tempProject({ 'main.moat': 'import "evil.moat"\nimport "parts/ok.moat"\nactor customer\n', 'parts/b.moat': 'process api\n' });
    symlinkSync(outside, join(dir, 'evil.moat'));
    symlinkSync(join(dir, 'parts/b.moat'), join(dir, 'parts/ok.moat'));
    const run = runMoat(['check', 'main.moat'], dir);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /^main\.moat:1:8: error: `evil\.moat` is a link to a file outside the workspace/m);
    assert.doesNotMatch(run.stdout + run.stderr, /AKIA|this is not/);
    // A link that stays inside the workspace is followed.
    assert.match(run.stdout, /2 elements/);
  });

  it('lets a model import from anywhere in its repository, whichever folder of it check runs in, and nothing outside it', () => {
    const files = {
      'repo/.git/HEAD': 'ref: refs/heads/main\n',
      'repo/models/main.moat': 'import "../shared/common.moat"\nactor customer\nflow customer -> api\n',
      'repo/shared/common.moat': 'process api\n',
      'repo/models/leak.moat': 'import "../../secret.moat"\n',
      'secret.moat': 'actor outside\n',
    };
    const dir = tempProject(files);
    const inside = runMoat(['check', 'main.moat', '--fail-on', 'none'], join(dir, 'repo/models'));
    assert.equal(inside.status, 0, inside.stdout);
    // Both files are read and counted: the one given and the one it imports.
    assert.match(inside.stdout, /^2 files, 1 model, 2 elements/m);
    const outside = runMoat(['check', 'leak.moat', '--fail-on', 'none'], join(dir, 'repo/models'));
    assert.equal(outside.status, 1);
    assert.match(outside.stdout, /^leak\.moat:1:8: error: .*outside the workspace/m);
    // Without a repository, the folder check runs in is the workspace, as before.
    const plain = tempProject({ 'models/main.moat': files['repo/models/main.moat'], 'shared/common.moat': files['repo/shared/common.moat'] });
    assert.match(runMoat(['check', 'main.moat'], join(plain, 'models')).stdout, /outside the workspace/);
  });

  it('follows imports when the workspace itself is reached through a link', () => {
    const real = tempProject({ 'main.moat': 'import "parts/b.moat"\nactor a\nflow a -> b\n', 'parts/b.moat': 'process b\n' });
    const linked = join(mkdtempSync(join(tmpdir(), 'moat-link-')), 'project');
    symlinkSync(real, linked);
    const run = runMoat(['check', 'main.moat'], linked);
    assert.match(run.stdout, /0 errors/);
  });

  it('survives 5,000 nested boundaries with a nesting error', () => {
    const deep = 'boundary b {\n'.repeat(5000) + '}\n'.repeat(5000);
    const dir = tempProject({ 'deep.moat': deep });
    const run = runMoat(['check'], dir);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /deep\.moat:65:\d+: error: nesting is deeper than 64 levels/);
    assert.equal(run.stderr, '');
  });

  it('follows imports relative to the importing file and reports a missing one at the import', () => {
    const dir = tempProject({
      'main.moat': 'import "parts/shared.moat"\nimport "parts/gone.moat"\nflow user -> api\n',
      'parts/shared.moat': 'actor user\nprocess api\n',
    });
    const run = runMoat(['check', '--format', 'json'], dir);
    const report = JSON.parse(run.stdout);
    assert.deepEqual(report.models.map((m: { root: string }) => m.root), ['main.moat']);
    assert.deepEqual(report.flows.map((f: { id: string }) => f.id), ['user->api']);
    assert.deepEqual(
      report.diagnostics.map((d: { file: string; code: string; range: { start: { line: number } } }) => [d.file, d.range.start.line, d.code]),
      [['main.moat', 1, 'import-missing']],
    );
  });
});
