/**
 * Edit -> publishDiagnostics latency of the built language server: edits on a generated model,
 * each one adding or removing a line so that every edit changes the diagnostics.
 */
import { execFile } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LspClient } from '../test/helpers/lsp-client';
import { generateModel } from './generate-model';

/**
 * What the edits are: a flow to an undeclared element added after the last declaration, or into a
 * boundary halfway down the file (its body is parsed again, the lines below move); or a threat on
 * an element added at the end, which changes the findings. A dangling flow leaves the model as the
 * rules read it unchanged but for positions, so its findings are reused (early cut-off); a threat
 * is new to them, so the rules run.
 */
export type EditPlace = 'end' | 'middle' | 'threat';

/** What one latency run measured, in ms. */
export interface EditLatency {
  /** The first edit after the document opened, while the server's code is still being compiled. */
  readonly first: number;
  /** Over the measured edits, which follow `warmup` edits as a server running for a while sees them. */
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
}

/**
 * Latency in ms of `edits` edits to one open document of `elements` elements, after `warmup` edits
 * that are not counted but for the first. The client declares what VS Code shows of a diagnostic
 * unless `publishDiagnostics` says otherwise (`null`: a lean client), and answers
 * `workspace/configuration` with `settings` (`{}`: the defaults).
 */
export async function measureEditLatency(elements: number, edits = 50, publishDiagnostics?: object | null, where: EditPlace = 'end', warmup = 10, settings: object = {}): Promise<EditLatency> {
  const client = await LspClient.start({}, settings, publishDiagnostics);
  const name = `model-${elements}.moat`;
  const text = generateModel(elements);
  const lines = text.split('\n');
  // Middle: before a process declared in a top-level boundary, about halfway down.
  const at = where === 'middle' ? lines.findIndex((line, i) => i >= lines.length / 2 && line.startsWith('  process ')) : lines.length - 1;
  const target = /^\s*process ([\w-]+)/m.exec(text)![1];
  const added = (i: number) =>
    where === 'threat' ? `threat injected-${i} "Injected in the bench" { category: tampering, severity: high, on: ${target} }\n` : `${where === 'middle' ? '  ' : ''}flow missing-${i} -> nowhere\n`;
  const problems = (d: readonly { code?: unknown }[], i: number) => d.filter((x) => x.code === 'unknown-reference' || x.code === `injected-${i}`).length;
  const shows = (i: number, count: number) => (d: readonly { code?: unknown }[]) => problems(d, i) === count;
  await client.open(name, text);
  await client.diagnosticsOf(name, shows(0, 0));
  const times: number[] = [];
  // Even edits add the line; odd edits remove it again (an even number of warm-up edits keeps that order).
  for (let i = 0; i < warmup + edits; i++) {
    const start = performance.now();
    const pair = i - (i % 2);
    if (i % 2 === 0) await client.edit(name, { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, added(pair));
    else await client.edit(name, { start: { line: at, character: 0 }, end: { line: at + 1, character: 0 } }, '');
    await client.diagnosticsOf(name, shows(pair, i % 2 === 0 ? (where === 'threat' ? 1 : 2) : 0));
    times.push(performance.now() - start);
  }
  await client.stop();
  const first = times[0]!;
  const measured = times.slice(warmup).sort((a, b) => a - b);
  return { first, p50: measured[Math.floor(measured.length * 0.5)]!, p95: measured[Math.floor(measured.length * 0.95)]!, max: measured[measured.length - 1]! };
}

/**
 * `measureEditLatency` in a new client process. An editor's client is not a benchmark that has just
 * evaluated 10,000-element models: with their hundreds of megabytes of garbage in its heap, each
 * full collection while it parses a 4.7 MB diagnostics message took hundreds of milliseconds, and
 * the p95 measured the benchmark's own heap (about 400 ms instead of 200 for a new threat at 2,000
 * elements, side by side).
 */
export function measureEditLatencyInNewClient(elements: number, where: EditPlace, settings: object = {}): Promise<EditLatency> {
  const args = [...process.execArgv, fileURLToPath(import.meta.url), String(elements), where, JSON.stringify(settings)];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 1 << 20 }, (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout) as EditLatency)));
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [elements, where, settings] = process.argv.slice(2);
  process.stdout.write(JSON.stringify(await measureEditLatency(Number(elements), 50, undefined, where as EditPlace, 10, JSON.parse(settings ?? '{}') as object)));
}
