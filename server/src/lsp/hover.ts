import { Hover, MarkupKind, TextDocumentPositionParams } from 'vscode-languageserver';
import type { ModelAnalysis } from '../core/model/workspace';
import { appliesToText } from '../core/export/rule-catalogue';
import { builtInRules } from '../core/rules/catalogue';
import type { BuiltInRule } from '../core/rules/rule';
import { checklistStanding, Finding, isOpen } from '../core/rules/finding';
import { rangeContains } from '../core/text/range';
import { occurrenceAt } from './occurrences';
import type { Session } from './session';

const builtIn = new Map<string, BuiltInRule>(builtInRules.map((r) => [r.id, r]));

/** `textDocument/hover`: a summary of the element, flow, data, boundary, threat or rule whose ID is under the cursor. */
export function hover(session: Session, params: TextDocumentPositionParams): Hover | null {
  const uri = params.textDocument.uri;
  for (const analysis of session.modelsOf(uri)) {
    // An anonymous flow has no written ID, only its arrow: hovering the arrow describes the flow.
    const occurrence =
      occurrenceAt(analysis.model, uri, params.position) ??
      [...analysis.model.flows.values()]
        .filter((f) => f.generatedId && f.location.uri === uri && rangeContains(f.location.nameRange, params.position))
        .map((f) => ({ id: f.id, range: f.location.nameRange }))[0];
    if (!occurrence) continue;
    const value = describe(analysis, occurrence.id);
    if (!value) continue;
    return { contents: { kind: MarkupKind.Markdown, value }, range: occurrence.range };
  }
  return null;
}

/** Model text goes into markdown: every character markdown would act on is escaped. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`);
}

const code = (id: string): string => `\`${id.replace(/`/g, '')}\``;

function describe(analysis: ModelAnalysis, id: string): string | undefined {
  const { model } = analysis;
  const element = model.elements.get(id);
  if (element) {
    const lines = [`**${element.kind}** ${code(element.id)}${labelOf(element.label, element.id)}`, ''];
    const path = element.boundaryPath.length ? element.boundaryPath.map(code).join(' > ') : '_outside every boundary_';
    lines.push(`- boundary: ${path} (trust: ${element.trust})`);
    if (element.tech) lines.push(`- tech: ${escapeMarkdown(element.tech)}`);
    const outgoing = model.directedFlows.filter((d) => d.source === id);
    const incoming = model.directedFlows.filter((d) => d.target === id);
    lines.push(`- flows in: ${incoming.length}${peers(incoming.map((d) => d.source))}`);
    lines.push(`- flows out: ${outgoing.length}${peers(outgoing.map((d) => d.target))}`);
    if (element.holds.length) lines.push(`- holds: ${element.holds.map(code).join(', ')}`);
    if (element.handles.length) lines.push(`- handles: ${element.handles.map(code).join(', ')}`);
    if (element.description) lines.push('', escapeMarkdown(element.description));
    return [...lines, ...findingsOf(analysis, id)].join('\n');
  }
  const flow = model.flows.get(id);
  if (flow) {
    const lines = [`**flow** ${code(flow.id)}${labelOf(flow.label, flow.id)}`, ''];
    lines.push(`- ${code(flow.source)} ${flow.twoWay ? '<->' : '->'} ${code(flow.target)}`);
    lines.push(`- protocol: ${flow.protocol ? escapeMarkdown(flow.protocol) : '_unspecified_'}`);
    lines.push(`- encrypted: ${flow.encrypted === undefined ? 'unknown' : flow.encrypted}${flow.encryptionInferred ? ' (inferred from the protocol)' : ''}`);
    if (flow.authenticated !== undefined) lines.push(`- authenticated: ${flow.authenticated}`);
    lines.push(`- data: ${flow.data.length ? flow.data.map(code).join(', ') : '_none_'}`);
    return [...lines, ...findingsOf(analysis, id)].join('\n');
  }
  const data = model.data.get(id);
  if (data) {
    const lines = [`**data** ${code(data.id)}${labelOf(data.label, data.id)}`, '', `- classification: ${data.classification}`];
    if (data.tags.length) lines.push(`- tags: ${data.tags.map(escapeMarkdown).join(', ')}`);
    const heldBy = [...model.elements.values()].filter((e) => e.holds.includes(id)).map((e) => e.id);
    const handledBy = [...model.elements.values()].filter((e) => e.handles.includes(id)).map((e) => e.id);
    const carriedBy = [...model.flows.values()].filter((f) => f.data.includes(id)).map((f) => f.id);
    lines.push(`- held in: ${list(heldBy)}`);
    if (handledBy.length) lines.push(`- handled by: ${list(handledBy)}`);
    lines.push(`- carried by: ${list(carriedBy)}`);
    if (data.description) lines.push('', escapeMarkdown(data.description));
    return lines.join('\n');
  }
  const boundary = model.boundaries.get(id);
  if (boundary) {
    const lines = [`**boundary** ${code(boundary.id)}${labelOf(boundary.label, boundary.id)}`, ''];
    lines.push(`- trust: ${boundary.trust}${boundary.trustDeclared ? '' : ' (not declared)'}`);
    if (boundary.boundaryPath.length > 1) lines.push(`- path: ${boundary.boundaryPath.map(code).join(' > ')}`);
    lines.push(`- elements: ${list(boundary.elements)}`);
    if (boundary.boundaries.length) lines.push(`- boundaries: ${list(boundary.boundaries)}`);
    return lines.join('\n');
  }
  const threat = model.threats.get(id);
  if (threat) {
    const lines = [`**threat** ${code(threat.id)} — ${escapeMarkdown(threat.title)}`, ''];
    if (threat.category) lines.push(`- STRIDE: ${threat.category}`);
    lines.push(`- severity: ${threat.severity}`, `- on: ${list(threat.targets)}`);
    if (threat.description) lines.push('', escapeMarkdown(threat.description));
    lines.push(...links(threat.cwe, threat.capec));
    return lines.join('\n');
  }
  const custom = model.rules.get(id);
  if (custom) {
    const lines = [`**custom rule** ${code(custom.id)} — ${escapeMarkdown(custom.title)}`, ''];
    if (custom.category) lines.push(`- STRIDE: ${custom.category}`);
    lines.push(`- severity: ${custom.severity}`);
    if (custom.applies.length) lines.push(`- applies to: ${custom.applies.join(', ')}`);
    if (custom.description) lines.push('', escapeMarkdown(custom.description));
    if (custom.mitigation) lines.push('', `**Mitigation:** ${escapeMarkdown(custom.mitigation)}`);
    lines.push(...links(custom.cwe, custom.capec));
    return lines.join('\n');
  }
  const rule = builtIn.get(id);
  if (rule) return ruleMarkdown(rule);
  return undefined;
}

/** A built-in rule as the catalogue describes it; its description and advice are the project's own markdown, so they go in as written. */
function ruleMarkdown(rule: BuiltInRule): string {
  const lines = [`**rule** ${code(rule.id)} — ${escapeMarkdown(rule.title)}`, ''];
  lines.push(`- STRIDE: ${rule.category}`, `- severity: ${rule.severity}`, `- applies to: ${appliesToText(rule)}`);
  lines.push('', rule.description, '', `**Mitigation:** ${rule.mitigation}`);
  lines.push(...links(rule.cwe, rule.capec));
  return lines.join('\n');
}

function links(cwe: readonly number[], capec: readonly number[]): string[] {
  const parts = [
    ...cwe.map((n) => `[CWE-${n}](https://cwe.mitre.org/data/definitions/${n}.html)`),
    ...capec.map((n) => `[CAPEC-${n}](https://capec.mitre.org/data/definitions/${n}.html)`),
  ];
  return parts.length ? ['', parts.join(' · ')] : [];
}

/**
 * The findings on a target: open ones listed, closed ones counted. The checklist's questions (a
 * model's `checklist: true`) are listed apart: they are not findings with evidence, as `moat check`
 * counts them apart too.
 */
function findingsOf(analysis: ModelAnalysis, id: string): string[] {
  const here = analysis.findings.filter((f: Finding) => f.target === id);
  const findings = here.filter((f) => !f.checklist);
  const questions = here.filter((f) => f.checklist);
  const lines = findings.length ? countedFindings(findings) : ['', '_No findings._'];
  if (questions.length) {
    lines.push('', `**Checklist:** ${checklistStanding(questions)}`);
    for (const q of questions.filter(isOpen)) lines.push(`- ${code(q.rule)}: ${escapeMarkdown(q.title)}`);
  }
  return lines;
}

/** The findings' counts by status, then each open one. */
function countedFindings(findings: readonly Finding[]): string[] {
  const open = findings.filter(isOpen);
  const mitigated = findings.filter((f) => f.status === 'mitigated').length;
  const accepted = findings.filter((f) => f.status === 'accepted').length;
  const lines = ['', `**Findings:** ${open.length} open · ${mitigated} mitigated · ${accepted} accepted`];
  for (const f of open) lines.push(`- ${f.severity}${raisedFor(f)} ${code(f.rule)}: ${escapeMarkdown(f.title)}${f.status === 'planned' ? ' (mitigation planned)' : ''}`);
  return lines;
}

/** Why the severity is above the rule's default, as the hover says it: ` (raised: restricted data)`. */
function raisedFor(finding: Finding): string {
  return finding.reasons.length ? ` (raised: ${finding.reasons.map(escapeMarkdown).join('; ')})` : '';
}

function labelOf(label: string, id: string): string {
  return label && label !== id ? ` — ${escapeMarkdown(label)}` : '';
}

function peers(ids: readonly string[]): string {
  const unique = [...new Set(ids)];
  return unique.length ? ` (${unique.map(code).join(', ')})` : '';
}

function list(ids: readonly string[]): string {
  return ids.length ? ids.map(code).join(', ') : '_none_';
}
