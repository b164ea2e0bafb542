import type { Diagnostic } from '../core/diagnostic';
import { Workspace, WorkspaceAnalysis } from '../core/model/workspace';
import { diskFileSystem, findModelFiles, toFolderUri, toUri } from './disk';
import { displayLocation, displayPath, paintSeverity, plural, Terminal } from './terminal';

export interface CheckOptions {
  readonly paths: readonly string[];
  readonly format: 'text' | 'json';
  readonly quiet: boolean;
}

/** `moat check`: parse and link every model under the paths, print diagnostics; returns the exit status. */
export function runCheck(term: Terminal, options: CheckOptions): number {
  const paths = options.paths.length ? options.paths : ['.'];
  const files = findModelFiles(paths);
  const workspace = new Workspace(diskFileSystem, { roots: [toFolderUri(term.cwd), ...paths.map((p) => toFolderUri(p))] });
  for (const file of files) workspace.addFile(toUri(file));
  const analysis = workspace.analyze();
  const diagnostics = [...analysis.diagnostics.values()].flat();
  if (options.format === 'json') term.out(JSON.stringify(checkReport(term, analysis, diagnostics), null, 2));
  else printText(term, analysis, diagnostics, files.length, options.quiet);
  return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

function printText(term: Terminal, analysis: WorkspaceAnalysis, diagnostics: readonly Diagnostic[], fileCount: number, quiet: boolean): void {
  for (const d of diagnostics) {
    if (quiet && d.severity !== 'error') continue;
    term.out(`${displayLocation(term, d.uri, d.range.start)}: ${paintSeverity(term, d.severity)}: ${d.message} [${d.code}]`);
  }
  const count = (severity: Diagnostic['severity']): number => diagnostics.filter((d) => d.severity === severity).length;
  const elements = analysis.models.reduce((n, m) => n + m.model.elements.size, 0);
  const flows = analysis.models.reduce((n, m) => n + m.model.flows.size, 0);
  term.out(
    `${plural(fileCount, 'file')}, ${plural(analysis.models.length, 'model')}, ${plural(elements, 'element')}, ${plural(flows, 'flow')}: ` +
      `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('information')} information`,
  );
}

/** The JSON document of the CLI spec (`check --format json`). */
function checkReport(term: Terminal, analysis: WorkspaceAnalysis, diagnostics: readonly Diagnostic[]): unknown {
  const models = analysis.models.map(({ model }) => ({ title: model.info?.title ?? null, root: displayPath(term, model.rootUri), files: model.files.map((f) => displayPath(term, f)) }));
  return {
    version: 1,
    model: models[0] ?? null,
    models,
    elements: analysis.models.flatMap(({ model }) =>
      [...model.elements.values()].map((e) => ({
        id: e.id,
        kind: e.kind,
        label: e.label,
        boundary: e.boundary ?? null,
        boundaryPath: e.boundaryPath,
        trust: e.trust,
        file: displayPath(term, e.location.uri),
        range: e.location.range,
        nameRange: e.location.nameRange,
      })),
    ),
    flows: analysis.models.flatMap(({ model }) =>
      [...model.flows.values()].map((f) => ({
        id: f.id,
        source: f.source,
        target: f.target,
        twoWay: f.twoWay,
        label: f.label,
        protocol: f.protocol ?? null,
        encrypted: f.encrypted ?? null,
        data: f.data,
        file: displayPath(term, f.location.uri),
        range: f.location.range,
      })),
    ),
    diagnostics: diagnostics.map((d) => ({
      file: displayPath(term, d.uri),
      range: d.range,
      severity: d.severity,
      code: d.code,
      message: d.message,
      ...(d.suggestions ? { suggestions: d.suggestions } : {}),
    })),
    findings: [],
    summary: { open: 0, planned: 0, mitigated: 0, accepted: 0, bySeverity: { critical: 0, high: 0, medium: 0, low: 0 } },
  };
}
