import { compareDiagnostics, Diagnostic } from '../core/diagnostic';
import { rank, Severity, severities } from '../core/model/threat-model';
import { checklistStanding, Finding, findingDiagnostic, isOpen } from '../core/rules/finding';
import { Workspace, WorkspaceAnalysis } from '../core/model/workspace';
import { diskFileSystem, findModelFiles, importRoots, toUri, UsageError } from '../node/disk';
import { displayLocation, displayPath, paintSeverity, Terminal } from './terminal';
import { plural } from '../core/text/plural';

export interface CheckOptions {
  readonly paths: readonly string[];
  readonly format: 'text' | 'json';
  readonly quiet: boolean;
  /** Open findings at or above this severity fail the check. */
  readonly failOn: Severity | 'none';
}

/** `moat check`: parse and link every model under the paths, print diagnostics; returns the exit status. */
export function runCheck(term: Terminal, options: CheckOptions): number {
  const paths = options.paths.length ? options.paths : ['.'];
  const files = findModelFiles(paths);
  // A gate that checked nothing must not pass: a mistyped folder in CI would otherwise be green.
  if (files.length === 0) throw new UsageError(`no .moat files in ${paths.join(', ')}`);
  const workspace = new Workspace(diskFileSystem, { roots: importRoots(term.cwd, paths) });
  for (const file of files) workspace.addFile(toUri(file));
  const analysis = workspace.analyze();
  const diagnostics = [...analysis.diagnostics.values()].flat();
  const all = analysis.models.flatMap((m) => m.findings);
  // The checklist's questions (a model's `checklist: true`) are shown, but they are not findings with
  // evidence: they neither count among the findings nor fail the check.
  const findings = all.filter((f) => !f.checklist);
  const questions = all.filter((f) => f.checklist);
  // The files read: those given and those their models import.
  const read = new Set([...files.map(toUri), ...analysis.models.flatMap((m) => m.model.files)]);
  if (options.format === 'json') term.out(JSON.stringify(checkReport(term, analysis, diagnostics, findings, questions), null, 2));
  else printText(term, analysis, withFindings(diagnostics, all), findings, questions, read.size, options.quiet);
  const failing = options.failOn !== 'none' && findings.some((f) => isOpen(f) && rank(severities, f.severity) >= rank(severities, options.failOn as Severity));
  return failing || diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

/** The model's problems and its shown findings as one list in file and position order (a finding of a shared file once). */
function withFindings(diagnostics: readonly Diagnostic[], findings: readonly Finding[]): Diagnostic[] {
  const shown = new Map<string, Diagnostic>();
  for (const finding of findings) {
    const d = findingDiagnostic(finding);
    if (d) shown.set(`${d.uri}|${finding.id}`, d);
  }
  return [...diagnostics, ...shown.values()].sort(compareDiagnostics);
}

/** Counts of findings by status and, for open ones, by severity: the `summary` of the JSON report. */
function summarize(findings: readonly Finding[]) {
  const open = findings.filter(isOpen);
  const bySeverity = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const f of open) bySeverity[f.severity]++;
  const count = (status: Finding['status']) => findings.filter((f) => f.status === status).length;
  return { open: open.length, planned: count('planned'), mitigated: count('mitigated'), accepted: count('accepted'), bySeverity };
}

function printText(term: Terminal, analysis: WorkspaceAnalysis, diagnostics: readonly Diagnostic[], findings: readonly Finding[], questions: readonly Finding[], fileCount: number, quiet: boolean): void {
  for (const d of diagnostics) {
    if (quiet && d.severity !== 'error') continue;
    term.out(`${displayLocation(term, d.uri, d.range.start)}: ${paintSeverity(term, d.severity)}: ${d.message} [${d.findingId ?? d.code}]`);
  }
  const s = summarize(findings);
  const bySeverity = severities
    .slice()
    .reverse()
    .filter((sev) => s.bySeverity[sev] > 0)
    .map((sev) => `${s.bySeverity[sev]} ${sev}`)
    .join(', ');
  const count = (severity: Diagnostic['severity']): number => diagnostics.filter((d) => d.severity === severity).length;
  const elements = analysis.models.reduce((n, m) => n + m.model.elements.size, 0);
  const flows = analysis.models.reduce((n, m) => n + m.model.flows.size, 0);
  term.out(
    `${plural(fileCount, 'file')}, ${plural(analysis.models.length, 'model')}, ${plural(elements, 'element')}, ${plural(flows, 'flow')}: ` +
      `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('information')} information; ` +
      `findings: ${s.open} open${bySeverity ? ` (${bySeverity})` : ''}${s.planned ? ` of which ${s.planned} planned` : ''}, ${s.mitigated} mitigated, ${s.accepted} accepted` +
      (questions.length ? `; checklist: ${checklistStanding(questions)}` : ''),
  );
}

/** The JSON document of the CLI spec (`check --format json`). */
function checkReport(term: Terminal, analysis: WorkspaceAnalysis, diagnostics: readonly Diagnostic[], findings: readonly Finding[], questions: readonly Finding[]): unknown {
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
    findings: [...findings, ...questions].map((f) => ({
      id: f.id,
      rule: f.rule,
      origin: f.origin,
      category: f.category ?? null,
      severity: f.severity,
      reasons: f.reasons,
      target: f.target,
      targetKind: f.targetKind,
      status: f.status,
      title: f.title,
      message: f.message,
      mitigation: f.mitigation,
      cwe: f.cwe,
      capec: f.capec,
      compliance: f.compliance,
      ...(f.checklist ? { checklist: true } : {}),
      file: displayPath(term, f.location.uri),
      range: f.location.nameRange,
      ...(f.response ? { response: { kind: f.response.kind, text: f.response.text, status: f.response.status, ref: f.response.ref ?? null, by: f.response.acceptedBy ?? null, expires: f.response.expires ?? null } } : {}),
    })),
    summary: summarize(findings),
  };
}
