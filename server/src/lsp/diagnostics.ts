import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Diagnostic as LspDiagnostic, DiagnosticSeverity, DiagnosticTag, DiagnosticRelatedInformation } from 'vscode-languageserver';
import type { Diagnostic } from '../core/diagnostic';
import type { ThreatModel } from '../core/model/threat-model';
import type { Finding } from '../core/rules/finding';
import { builtInRules } from '../core/rules/catalogue';
import type { MoatSettings } from '../protocol';
import type { Session } from './session';

const severityOf: Record<Diagnostic['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const builtIn = new Set(builtInRules.map((r) => r.id));

/**
 * The rule reference shipped with the server (`docs/rules.md` next to `dist/`): offline, and
 * the same page `moat rules --format markdown` prints.
 */
export function ruleDocumentationUri(ruleId: string): string {
  rulesPage ??= pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'rules.md')).href;
  return `${rulesPage}#${ruleId}`;
}
let rulesPage: string | undefined;

/** Every diagnostic of a file: syntax, semantic and rule-status problems, then its findings as the settings show them. */
export function diagnosticsOf(session: Session, uri: string): LspDiagnostic[] {
  const analysis = session.analysis();
  const out: LspDiagnostic[] = [];
  for (const d of analysis.diagnostics.get(uri) ?? []) {
    out.push({
      range: d.range,
      severity: severityOf[d.severity],
      code: d.code,
      source: 'moat',
      message: d.message,
      ...(d.related?.length ? { relatedInformation: d.related.map((r) => DiagnosticRelatedInformation.create({ uri: r.uri, range: r.range }, r.message)) } : {}),
      ...(d.suggestions?.length ? { data: { suggestions: d.suggestions } } : {}),
    });
  }
  const seen = new Set<string>();
  for (const { model, findings } of session.modelsOf(uri)) {
    for (const finding of findings) {
      if (finding.location.uri !== uri || seen.has(finding.id)) continue;
      seen.add(finding.id);
      const diagnostic = findingDiagnostic(finding, model, session.settings);
      if (diagnostic) out.push(diagnostic);
    }
  }
  return out;
}

/** A finding as a diagnostic on its target's name, or undefined when the settings hide it. */
export function findingDiagnostic(finding: Finding, model: ThreatModel, settings: MoatSettings): LspDiagnostic | undefined {
  const closed = finding.status === 'mitigated' || finding.status === 'accepted';
  if (closed && settings.closedFindings === 'hidden') return undefined;
  let severity: DiagnosticSeverity;
  if (closed) severity = DiagnosticSeverity.Hint;
  // Checklist reminders carry no evidence, and a planned fix is on its way: information at most.
  else if (finding.checklist || finding.status === 'planned') severity = DiagnosticSeverity.Information;
  else {
    const mapped = settings.findingSeverity[finding.severity];
    if (mapped === 'off') return undefined;
    severity = severityOf[mapped];
  }
  const status = finding.status === 'open' ? '' : ` (${finding.status === 'planned' ? 'mitigation planned' : finding.status})`;
  const related: DiagnosticRelatedInformation[] = [];
  for (const id of finding.related) {
    const symbol = model.symbols.get(id);
    if (!symbol || id === finding.target) continue;
    related.push(DiagnosticRelatedInformation.create({ uri: symbol.location.uri, range: symbol.location.nameRange }, `${symbol.kind} ${id}`));
  }
  return {
    range: finding.location.nameRange,
    severity,
    code: finding.rule,
    ...(builtIn.has(finding.rule) ? { codeDescription: { href: ruleDocumentationUri(finding.rule) } } : {}),
    source: 'moat',
    message: `${finding.severity}: ${finding.message}${status}`,
    ...(closed ? { tags: [DiagnosticTag.Unnecessary] } : {}),
    ...(related.length ? { relatedInformation: related } : {}),
    data: { findingId: finding.id, rule: finding.rule, target: finding.target },
  };
}
