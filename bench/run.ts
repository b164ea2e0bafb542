/**
 * The performance benchmark: generated models of growing size, timed through each stage, printed as
 * one table (a row per section, a column per size). Run: `node --import tsx bench/run.ts [SIZES...]`.
 */
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateModel, modelAsJson } from './generate-model';
import { measureDiagram } from './diagram';
import { measureEditLatencyInNewClient } from './lsp-latency';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(repo, '.bench');
const cli = path.join(repo, 'bin/moat.js');
const cliBuilt = existsSync(cli) && existsSync(path.join(repo, 'dist/cli.js'));

/** The core entry points the benchmark times. */
export type Core = typeof import('../server/src/core/syntax/parse') & typeof import('../server/src/core/model/link') & typeof import('../server/src/core/rules/engine');
/** The core under measurement, set by `main`. */
export let core: Core;

/**
 * Bundles the core with esbuild as scripts/build.mjs bundles the CLI, and loads it: the code that ships.
 * (Under tsx every closure is wrapped in esbuild's keep-names `__name`, which doubles the parse time.)
 */
export async function loadCore(): Promise<Core> {
  const outfile = path.join(outDir, 'core.mjs');
  const contents = "export * from './server/src/core/syntax/parse'; export * from './server/src/core/model/link'; export * from './server/src/core/rules/engine';";
  await build({ stdin: { contents, resolveDir: repo, loader: 'ts' }, bundle: true, platform: 'node', target: 'node20', format: 'esm', outfile, logLevel: 'warning' });
  return (await import(pathToFileURL(outfile).href)) as Core;
}

/** One model size under measurement: its texts, its file on disk, and the numbers measured so far by section name. */
export interface Case {
  readonly elements: number;
  readonly text: string;
  readonly json: string;
  readonly file: string;
  readonly uri: string;
  /** How many timed runs an in-process measurement should take (fewer for big models). */
  readonly runs: number;
  readonly results: Map<string, number | undefined>;
}

/** A row of the table: a named measurement of one case (undefined prints `n/a`). Later steps push more. */
export interface Section {
  readonly name: string;
  measure(c: Case): number | undefined;
  format?(value: number): string;
}

/**
 * The wall times in ms, fastest first, of `runs` calls of `fn`, after untimed warm-up calls
 * (`warmups`, and at least `warmupMs`) so that the JIT and the heap have settled: at 10,000 elements
 * the third and fourth rule runs still took half as long again as the tenth.
 */
export function runTimesMs(fn: () => unknown, runs: number, warmupMs = 500, warmups = 5): number[] {
  for (let i = 0, start = performance.now(); i < warmups || performance.now() - start < warmupMs; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

/** The median wall time in ms of `runs` calls of `fn`, after warm-up (see `runTimesMs`). */
export function medianMs(fn: () => unknown, runs: number, warmupMs = 500, warmups = 5): number {
  const times = runTimesMs(fn, runs, warmupMs, warmups);
  return times[Math.floor(times.length / 2)];
}

const bytes = (n: number): string => (n < 1 << 20 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / (1 << 20)).toFixed(2)} MiB`);
const ms = (n: number): string => n.toFixed(n < 10 ? 2 : 1);

const fastestRules = '  fastest of the runs ms';

/** The rows of the table, measured in this order (a section may read earlier results). */
export const sections: Section[] = [
  { name: 'text size', measure: (c) => Buffer.byteLength(c.text), format: bytes },
  { name: 'lex+parse ms', measure: (c) => medianMs(() => core.parseMoat(c.uri, c.text), c.runs) },
  { name: '  of which lex ms', measure: (c) => medianMs(() => core.lexMoat(c.uri, c.text), c.runs) },
  {
    name: 'link ms',
    measure: (c) => {
      const file = core.parseMoat(c.uri, c.text).file;
      return medianMs(() => core.linkModel(c.uri, [file]), c.runs);
    },
  },
  {
    name: 'rules ms (all built-in)',
    measure: (c) => {
      const model = core.linkModel(c.uri, [core.parseMoat(c.uri, c.text).file]).model;
      const times = runTimesMs(() => core.evaluateRules(model, { today: '2026-11-23' }), c.runs);
      c.results.set(fastestRules, times[0]);
      return times[Math.floor(times.length / 2)];
    },
  },
  // How far apart the runs of one build are here: the spread is the machine's, not the code's.
  { name: fastestRules, measure: (c) => c.results.get(fastestRules) },
  {
    name: 'findings per element',
    measure: (c) => {
      const model = core.linkModel(c.uri, [core.parseMoat(c.uri, c.text).file]).model;
      const { findings } = core.evaluateRules(model, { today: '2026-11-23' });
      return findings.filter((f) => f.status === 'open' || f.status === 'planned').length / model.elements.size;
    },
    format: (n) => n.toFixed(2),
  },
  {
    name: 'rules us per element',
    measure: (c) => (c.results.get('rules ms (all built-in)')! * 1000) / c.elements,
    format: (n) => n.toFixed(1),
  },
  {
    name: 'whole `check` ms (CLI, wall)',
    measure: (c) => (cliBuilt ? medianMs(() => runCheck(c.file), Math.min(c.runs, 5), 0, 2) : undefined),
  },
  { name: 'JSON.parse ms (yardstick)', measure: (c) => medianMs(() => JSON.parse(c.json), c.runs) },
  {
    name: '(parse+link) / JSON.parse',
    measure: (c) => (c.results.get('lex+parse ms')! + c.results.get('link ms')!) / c.results.get('JSON.parse ms (yardstick)')!,
    format: (n) => `${n.toFixed(1)}x`,
  },
];

function runCheck(file: string): void {
  const result = spawnSync(process.execPath, [cli, 'check', file, '--format', 'json', '--fail-on', 'none'], { cwd: repo, maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(`moat check ${file} exited with ${result.status}: ${result.stderr.toString().slice(0, 500)}`);
}

/** Aborts the benchmark when the generated model does not parse and link cleanly: timing a broken model means nothing. */
function validate(c: Case): string {
  const parsed = core.parseMoat(c.uri, c.text);
  const linked = core.linkModel(c.uri, [parsed.file]);
  const all = [...parsed.diagnostics, ...linked.diagnostics];
  const errors = all.filter((d) => d.severity === 'error');
  if (errors.length) {
    console.error(`generated model of ${c.elements} elements (${c.file}) has ${errors.length} errors; the first:`);
    for (const d of errors.slice(0, 10)) console.error(`  ${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}: ${d.message}`);
    process.exit(1);
  }
  const m = linked.model;
  const warnings = all.filter((d) => d.severity === 'warning').length;
  return `${c.elements} elements: ${m.elements.size} elements, ${m.flows.size} flows, ${m.boundaries.size} boundaries, ${m.data.size} data, ${m.threats.size} threats, ${m.responses.length} responses; 0 errors, ${warnings} warnings`;
}

/** Prints rows as an aligned markdown table; the first column is left-aligned, the others right-aligned. */
export function printTable(rows: string[][]): void {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]): string => `| ${r.map((cell, i) => (i ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join(' | ')} |`;
  console.log(line(rows[0]));
  console.log(`|${widths.map((w, i) => (i ? '-'.repeat(w + 1) + ':' : ':' + '-'.repeat(w + 1))).join('|')}|`);
  for (const r of rows.slice(1)) console.log(line(r));
}

/** Generates, validates and measures each size, then prints the table. */
export async function main(sizes = [100, 1_000, 10_000]): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  core = await loadCore();
  const cases: Case[] = sizes.map((elements) => {
    const file = path.join(outDir, `model-${elements}.moat`);
    const c: Case = { elements, text: generateModel(elements), json: modelAsJson(elements), file, uri: pathToFileURL(file).href, runs: elements >= 10_000 ? 7 : elements >= 1_000 ? 15 : 30, results: new Map() };
    writeFileSync(file, c.text);
    writeFileSync(file.replace(/\.moat$/, '.json'), c.json);
    console.log(validate(c));
    return c;
  });
  const rows = [['measurement', ...sizes.map((n) => `${n.toLocaleString('en-US')} elements`)]];
  for (const section of sections) {
    const row = [section.name];
    for (const c of cases) {
      const value = section.measure(c);
      c.results.set(section.name, value);
      row.push(value === undefined || Number.isNaN(value) ? 'n/a' : (section.format ?? ms)(value));
    }
    rows.push(row);
  }
  // What any process pays here before Moat's code runs: the floor under the whole-`check` row, and a reading of how loaded the machine is.
  const nodeStart = medianMs(() => spawnSync(process.execPath, ['-e', '0']), 7, 0, 2);
  console.log(`\nnode ${process.version} (\`node -e 0\`: ${ms(nodeStart)} ms), core bundled by esbuild, ${cliBuilt ? 'CLI from dist/' : 'CLI not built: check is n/a'}; medians after warm-up\n`);
  printTable(rows);
  // The speed budgets of the plan's issues, against what this run measured.
  const budgets: string[] = [];
  const budget = (what: string, value: number | undefined, limit: number): void => {
    const verdict = value === undefined ? 'not measured' : value < limit ? 'met' : 'over';
    budgets.push(`- ${what}: ${value === undefined ? 'n/a' : `${ms(value)} ms`} (budget under ${limit} ms: ${verdict})`);
  };
  const rulesAt10k = cases.find((c) => c.elements === 10_000);
  const fastest = rulesAt10k?.results.get(fastestRules);
  budget(`all rules over 10,000 elements, median${fastest === undefined ? '' : ` (fastest run ${ms(fastest)} ms)`}`, rulesAt10k?.results.get('rules ms (all built-in)'), 200);
  if (existsSync(path.join(repo, 'dist/server.js'))) {
    const latency = [['language server: edit -> publishDiagnostics (50 edits after 10 warm-up edits)', 'first edit ms', 'p50 ms', 'p95 ms', 'max ms']];
    const what = { end: 'a dangling flow at the end', middle: 'a dangling flow in a boundary mid-file', threat: 'a threat at the end (new finding)' };
    // The client declares what VS Code shows of a diagnostic and sets nothing else: the server's
    // default of at most 1,000 per file (VS Code shows no more). The 2,000-element model has about
    // 6,400, so it is measured again as a client that asks for every diagnostic.
    const runs = [
      { elements: 200, settings: {}, label: '' },
      { elements: 2_000, settings: {}, label: ' (the default: at most 1,000 diagnostics)' },
      { elements: 2_000, settings: { maxDiagnosticsPerFile: 0 }, label: ' (every diagnostic: maxDiagnosticsPerFile 0)' },
    ];
    for (const { elements, settings, label } of runs) {
      for (const where of ['end', 'middle', 'threat'] as const) {
        const r = await measureEditLatencyInNewClient(elements, where, settings);
        latency.push([`${elements.toLocaleString('en-US')} elements, one file, ${what[where]}${label}`, ms(r.first), ms(r.p50), ms(r.p95), ms(r.max)]);
        budget(`edit -> diagnostics p95, ${elements.toLocaleString('en-US')} elements, ${what[where]}${label}`, r.p95, elements <= 200 ? 30 : 150);
      }
    }
    console.log('');
    printTable(latency);
  }
  // The same ELK settings as the preview's layout thread and `moat export --format svg`.
  const diagram = [['diagram: layout + SVG', 'nodes', 'boundaries', 'flows', 'first ms', 'median ms (warm thread)', 'SVG KiB']];
  for (const elements of [50, 200, 1_000]) {
    const t = await measureDiagram(elements, elements >= 1_000 ? 2 : 10);
    diagram.push([`${elements.toLocaleString('en-US')} elements`, String(t.nodes), String(t.boundaries), String(t.edges), ms(t.firstMs), ms(t.medianMs), t.kib.toFixed(0)]);
  }
  console.log('');
  printTable(diagram);
  console.log(`\nSpeed budgets (medians and p95s of this run; the machine's load moves them, see \`node -e 0\` above):\n${budgets.join('\n')}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  await main(sizes.length ? sizes : undefined);
}
