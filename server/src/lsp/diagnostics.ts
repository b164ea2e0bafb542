import {
  ClientCapabilities,
  Diagnostic as LspDiagnostic,
  DiagnosticSeverity,
  DiagnosticTag,
  DiagnosticRelatedInformation,
} from 'vscode-languageserver';
import type { Diagnostic } from '../core/diagnostic';
import type { ModelSymbol, ThreatModel, TrustBoundary } from '../core/model/threat-model';
import type { Finding } from '../core/rules/finding';
import { sameRange } from '../core/text/range';
import { builtInRules } from '../core/rules/catalogue';
import type { MoatSettings } from '../protocol';
import { findingsShown, limitNotice, ShownFinding } from './diagnostics-limit';
import { movedDiagnostic } from './moved-diagnostics';
import { shippedFile } from '../node/shipped-file';
import { FindingEntry, PublishedDiagnostics } from './published-diagnostics';
import type { Session } from './session';

const severityOf: Record<Diagnostic['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const builtIn = new Set(builtInRules.map((r) => r.id));

/**
 * The optional parts of a diagnostic the client can show (`textDocument.publishDiagnostics`
 * capabilities). A client that cannot show a part is not sent it: related locations are most of
 * the bytes of a large model's diagnostics.
 */
export interface DiagnosticSupport {
  readonly relatedInformation: boolean;
  readonly codeDescription: boolean;
  readonly tags: boolean;
}

/** Everything, for callers that know no client (and for VS Code, which declares all of it). */
export const fullDiagnosticSupport: DiagnosticSupport = { relatedInformation: true, codeDescription: true, tags: true };

/** What a client declared it shows of a diagnostic. */
export function diagnosticSupportOf(capabilities: ClientCapabilities): DiagnosticSupport {
  const p = capabilities.textDocument?.publishDiagnostics;
  return {
    relatedInformation: p?.relatedInformation === true,
    codeDescription: p?.codeDescriptionSupport === true,
    tags: (p?.tagSupport?.valueSet ?? []).includes(DiagnosticTag.Unnecessary),
  };
}

/**
 * The rule reference shipped with the server (`docs/rules.md` beside `dist/`): offline, and the
 * same page `moat rules --format markdown` prints. Undefined when the page is not there: a link to
 * a missing file is worse than none.
 */
export function ruleDocumentationUri(ruleId: string): string | undefined {
  // The package root is one folder above the server bundle, two above the CLI's chunks, three above these sources.
  rulesPage ??= shippedFile(import.meta.url, ['../docs/rules.md', '../../docs/rules.md', '../../../docs/rules.md'])?.href ?? '';
  return rulesPage ? `${rulesPage}#${ruleId}` : undefined;
}
let rulesPage: string | undefined;

/**
 * Every diagnostic of a file: syntax, semantic and rule-status problems, then its findings as the
 * settings show them. A diagnostic made from the same inputs as at the file's last call is the
 * object made then: the stdio encoder keeps the JSON of what it sent, and an edit to a large model
 * changes few of its thousands of diagnostics.
 */
export function diagnosticsOf(session: Session, uri: string): LspDiagnostic[] {
  const analysis = session.analysis();
  const support = session.diagnosticSupport;
  let files = publishedBySession.get(session);
  if (!files) publishedBySession.set(session, (files = new Map()));
  const last = files.get(uri);
  const previous = last?.support === support ? last : undefined;
  const memo = new PublishedDiagnostics(support);
  files.set(uri, memo);
  const out: LspDiagnostic[] = [];
  for (const d of analysis.diagnostics.get(uri) ?? []) {
    const made = previous?.problems.get(d) ?? problemDiagnostic(d, support);
    memo.problems.set(d, made);
    out.push(made);
  }
  const candidates = findingsToShow(session.modelsOf(uri), uri, session.settings);
  const limit = session.settings.maxDiagnosticsPerFile;
  // Past the limit, the model's threats and the most severe findings are kept, and a notice takes one place.
  const shown = limit > 0 ? findingsShown(candidates, limit - out.length - 1) : undefined;
  if (shown) out.push(limitNotice(shown, limit));
  // The IDs whose symbol or boundary is not the same object in an earlier model as in this one (the linker keeps those of unchanged declarations).
  const changed = new Map<ThreatModel, Set<string>>();
  let current: ThreatModel | undefined;
  const changedSince = (earlier: ThreatModel): Set<string> => {
    let ids = changed.get(earlier);
    if (!ids) changed.set(earlier, (ids = changedDeclarations(earlier, current!)));
    return ids;
  };
  for (const { finding, severity, model } of candidates) {
    if (shown && !shown.kept.has(finding)) continue;
    if (model !== current) {
      current = model;
      changed.clear();
    }
    // Where the finding stood in the last publication, if the two are in step.
    const at = memo.findingCount;
    // The same finding (the early cut-off keeps those the edit did not move) shows as before unless
    // a declaration it names changed: the related information is all it takes from the model.
    const same = previous?.entryOf(finding, at);
    if (same && same.shown === severity && (same.model === model || !finding.related.some((id) => changedSince(same.model).has(id)))) {
      same.model = model;
      memo.noteFinding(finding, same);
      out.push(same.diagnostic);
      continue;
    }
    const related = support.relatedInformation ? relatedInformation(finding, model, memo, previous) : undefined;
    const entry = previous?.finding(finding.rule, finding.target, at);
    const alike =
      entry !== undefined &&
      entry.rule === finding.rule &&
      entry.severity === finding.severity &&
      entry.message === finding.message &&
      entry.status === finding.status &&
      entry.shown === severity &&
      sameEntries(entry.related, related, false);
    // Alike but for where it and the declarations it names are: the same diagnostic moved (lines added or removed above).
    const diagnostic = !alike
      ? findingDiagnosticOf(finding, severity, related, support)
      : sameRange(entry.diagnostic.range, finding.location.nameRange) && sameEntries(entry.related, related, true)
        ? entry.diagnostic
        : movedDiagnostic(entry.diagnostic, finding.location.nameRange, related);
    const made: FindingEntry = { rule: finding.rule, severity: finding.severity, message: finding.message, status: finding.status, shown: severity, related: entry?.diagnostic === diagnostic ? entry.related : related, model, diagnostic };
    memo.noteFinding(finding, made);
    out.push(diagnostic);
  }
  return out;
}
const publishedBySession = new WeakMap<Session, Map<string, PublishedDiagnostics>>();

/** A finding of the file with the diagnostic severity it shows with, and the model that raised it. */
interface FileFinding extends ShownFinding {
  readonly model: ThreatModel;
}

/** The findings of a file that have a diagnostic to show, each once, model by model. */
function findingsToShow(models: ReturnType<Session['modelsOf']>, uri: string, settings: MoatSettings): FileFinding[] {
  const out: FileFinding[] = [];
  // A file read by two models would show their common findings twice; a file in one model (the usual case) needs no check.
  const seen = models.length > 1 ? new Set<string>() : undefined;
  for (const { model, findings } of models) {
    for (const finding of findings) {
      if (finding.location.uri !== uri) continue;
      if (seen) {
        if (seen.has(finding.id)) continue;
        seen.add(finding.id);
      }
      const severity = findingSeverity(finding, settings);
      if (severity !== undefined) out.push({ finding, severity, model });
    }
  }
  return out;
}

function problemDiagnostic(d: Diagnostic, support: DiagnosticSupport): LspDiagnostic {
  const related = support.relatedInformation && d.related?.length ? d.related : undefined;
  return {
    range: d.range,
    severity: severityOf[d.severity],
    code: d.code,
    source: 'moat',
    message: d.message,
    ...(related ? { relatedInformation: related.map((r) => DiagnosticRelatedInformation.create({ uri: r.uri, range: r.range }, r.message)) } : {}),
    ...(d.suggestions?.length ? { data: { suggestions: d.suggestions } } : {}),
  };
}

/** Related information alike in what it says (where, too, unless `ranges` is false). */
function sameEntries(a: readonly DiagnosticRelatedInformation[] | undefined, b: readonly DiagnosticRelatedInformation[] | undefined, ranges: boolean): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x !== y && (x.message !== y.message || x.location.uri !== y.location.uri || (ranges && !sameRange(x.location.range, y.location.range)))) return false;
  }
  return true;
}

/** IDs declared differently in two models: a symbol or boundary that is not the same object in both, or is in one only. */
function changedDeclarations(earlier: ThreatModel, model: ThreatModel): Set<string> {
  const ids = new Set<string>();
  // `forEach` hands out each entry with no array made for it (thousands of symbols).
  model.symbols.forEach((symbol, id) => earlier.symbols.get(id) !== symbol && ids.add(id));
  earlier.symbols.forEach((_, id) => !model.symbols.has(id) && ids.add(id));
  model.boundaries.forEach((boundary, id) => earlier.boundaries.get(id) !== boundary && ids.add(id));
  earlier.boundaries.forEach((_, id) => !model.boundaries.has(id) && ids.add(id));
  return ids;
}

/** A finding as a diagnostic on its target's name, or undefined when the settings hide it. */
export function findingDiagnostic(finding: Finding, model: ThreatModel, settings: MoatSettings, support = fullDiagnosticSupport): LspDiagnostic | undefined {
  const severity = findingSeverity(finding, settings);
  if (severity === undefined) return undefined;
  return findingDiagnosticOf(finding, severity, support.relatedInformation ? relatedInformation(finding, model) : undefined, support);
}

/** The finding a diagnostic shows, found by rule and range: finding diagnostics carry no `data` (an eighth of a large model's payload). */
export function findingOfDiagnostic(session: Session, uri: string, d: Pick<LspDiagnostic, 'code' | 'range'>): { finding: Finding; model: ThreatModel } | undefined {
  if (typeof d.code !== 'string') return undefined;
  for (const { model, findings } of session.modelsOf(uri)) {
    for (const finding of findings) {
      if (finding.rule === d.code && finding.location.uri === uri && sameRange(finding.location.nameRange, d.range)) return { finding, model };
    }
  }
  return undefined;
}

function findingSeverity(finding: Finding, settings: MoatSettings): DiagnosticSeverity | undefined {
  const closed = finding.status === 'mitigated' || finding.status === 'accepted';
  if (closed) return settings.closedFindings === 'hidden' ? undefined : DiagnosticSeverity.Hint;
  // Checklist reminders carry no evidence, and a planned fix is on its way: information at most.
  if (finding.checklist || finding.status === 'planned') return DiagnosticSeverity.Information;
  const mapped = settings.findingSeverity[finding.severity];
  return mapped === 'off' ? undefined : severityOf[mapped];
}

/**
 * The finding's other elements and flows, and of the boundaries it crosses the innermost on each
 * side, the ones its message names: the enclosing ones add a line each to every crossing finding
 * in the Problems view (and were over half the bytes of a large model's diagnostics) but no news.
 */
function relatedInformation(finding: Finding, model: ThreatModel, memo?: PublishedDiagnostics, previous?: PublishedDiagnostics): DiagnosticRelatedInformation[] | undefined {
  const ids = finding.related;
  // Each related ID is looked up once, and of the boundaries among them (the target's too) the objects
  // are kept for the scan for enclosing ones: a finding names a few, and a scan costs less than a set per finding.
  const symbols: Array<ModelSymbol | undefined> = [];
  let boundaries: TrustBoundary[] | undefined;
  for (let i = 0; i < ids.length; i++) {
    const symbol = model.symbols.get(ids[i]);
    symbols.push(symbol);
    // Only a declared boundary is on a boundary path, and its symbol says it is one.
    const boundary = symbol?.kind === 'boundary' ? model.boundaries.get(ids[i]) : undefined;
    if (boundary) (boundaries ??= []).push(boundary);
  }
  let related: DiagnosticRelatedInformation[] | undefined;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    const symbol = symbols[i];
    if (id === finding.target || !symbol || (boundaries && symbol.kind === 'boundary' && enclosesAnother(id, boundaries))) continue;
    // A declaration is related to several findings: one entry for it, shared, and the last publication's
    // when it is the same declaration (above an edit, or not moved by it).
    let entry = memo?.related.get(symbol);
    if (!entry) {
      entry = previous?.related.get(symbol) ?? { location: { uri: symbol.location.uri, range: symbol.location.nameRange }, message: `${symbol.kind} ${id}` };
      memo?.related.set(symbol, entry);
    }
    (related ??= []).push(entry);
  }
  return related;
}

/** Whether a boundary encloses another of a finding's related boundaries. */
function enclosesAnother(id: string, boundaries: readonly TrustBoundary[]): boolean {
  for (let i = 0; i < boundaries.length; i++) {
    const other = boundaries[i];
    if (other.id !== id && other.boundaryPath.includes(id)) return true;
  }
  return false;
}

// Shared by every diagnostic of a rule: the JSON is the same, and a large model has thousands.
const codeDescriptions = new Map<string, { href: string } | undefined>();
const unnecessary = [DiagnosticTag.Unnecessary];

function findingDiagnosticOf(finding: Finding, severity: DiagnosticSeverity, related: DiagnosticRelatedInformation[] | undefined, support: DiagnosticSupport): LspDiagnostic {
  const closed = finding.status === 'mitigated' || finding.status === 'accepted';
  const status = finding.status === 'open' ? '' : ` (${finding.status === 'planned' ? 'mitigation planned' : finding.status})`;
  const d: LspDiagnostic = { range: finding.location.nameRange, severity, code: finding.rule, source: 'moat', message: `${finding.severity}: ${finding.message}${status}` };
  if (support.codeDescription && builtIn.has(finding.rule)) {
    if (!codeDescriptions.has(finding.rule)) {
      const href = ruleDocumentationUri(finding.rule);
      codeDescriptions.set(finding.rule, href === undefined ? undefined : { href });
    }
    const description = codeDescriptions.get(finding.rule);
    if (description) d.codeDescription = description;
  }
  if (closed && support.tags) d.tags = unnecessary;
  if (related) d.relatedInformation = related;
  return d;
}
