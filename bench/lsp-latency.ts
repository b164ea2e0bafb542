/**
 * Edit -> publishDiagnostics latency of the built language server: 50 edits on a generated model,
 * each one adding or removing a dangling flow so every edit changes the diagnostics.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, PublishDiagnosticsParams, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { generateModel } from './generate-model';

/** Latency percentiles in ms of `edits` edits to one open document of `elements` elements. */
export async function measureEditLatency(repo: string, elements: number, edits = 50): Promise<{ p50: number; p95: number; max: number }> {
  const child = spawn(process.execPath, [...(process.env.MOAT_PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.MOAT_PROF] : []), path.join(repo, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  let resolveNext: ((p: PublishDiagnosticsParams) => void) | undefined;
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => resolveNext?.(p));
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.listen();
  const uri = pathToFileURL(path.join(repo, '.bench', `lsp-${elements}.moat`)).href;
  const next = (): Promise<PublishDiagnosticsParams> => new Promise((done) => (resolveNext = (p) => p.uri === uri && done(p)));
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  await connection.sendNotification('initialized', {});
  const text = generateModel(elements);
  const lines = text.split('\n').length;
  const opened = next();
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'moat', version: 1, text } });
  await opened;
  const times: number[] = [];
  for (let i = 0; i < edits; i++) {
    const at = { line: lines - 1, character: 0 };
    const published = next();
    const start = performance.now();
    // Odd edits add a flow to an unknown element at the end; even edits remove it again.
    const change = i % 2 === 0 ? { range: { start: at, end: at }, text: `flow missing-${i} -> nowhere\n` } : { range: { start: { line: lines - 1, character: 0 }, end: { line: lines, character: 0 } }, text: '' };
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: i + 2 }, contentChanges: [change] });
    await published;
    times.push(performance.now() - start);
  }
  await connection.sendRequest('shutdown');
  const exited = new Promise((done) => child.once('exit', done));
  await connection.sendNotification('exit');
  await Promise.race([exited, new Promise((done) => setTimeout(done, 2000))]);
  connection.dispose();
  child.kill();
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length * 0.5)]!, p95: times[Math.floor(times.length * 0.95)]!, max: times[times.length - 1]! };
}
