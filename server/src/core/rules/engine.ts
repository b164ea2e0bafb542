import { Diagnostic, DiagnosticCode } from '../diagnostic';
import { DataFlow, Element, rank, RiskResponse, severities, SourceLocation, TargetKind, ThreatModel } from '../model/threat-model';
import { didYouMean, suggestNames } from '../text/suggest';
import { builtInRules } from './catalogue';
import { compileCustomRule } from './custom-rules';
import { ModelFacts } from './facts';
import { Finding, FindingStatus } from './finding';
import { BuiltInRule, Evidence, RunnableRule } from './rule';

export interface RuleOptions {
  /** Today as `YYYY-MM-DD`, for acceptance expiry (tests pin it; the shells pass the real date). */
  readonly today: string;
  /** The catalogue to run (default: every built-in rule). */
  readonly catalogue?: readonly BuiltInRule[];
}

/** The findings of a model and the diagnostics about its `mitigate`, `accept`, `rules_off` and custom rules. */
export interface RuleResult {
  readonly findings: readonly Finding[];
  readonly diagnostics: readonly Diagnostic[];
}

/** A finding being completed: its status and response are filled in last. */
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Today's date as `YYYY-MM-DD` in UTC. */
export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Runs every rule over the model and works out each finding's status from the model's
 * `mitigate` and `accept` declarations. Pure: the same model and date give the same result.
 */
export function evaluateRules(model: ThreatModel, options: RuleOptions): RuleResult {
  const catalogue = options.catalogue ?? builtInRules;
  const diagnostics: Diagnostic[] = [];
  const facts = new ModelFacts(model);
  const off = checkRulesOff(model, catalogue, diagnostics);
  const checklist = model.info?.checklist === true;

  const raw: Array<Omit<Finding, 'status' | 'response'>> = [];
  for (const rule of catalogue) {
    if (off.has(rule.id) || (rule.checklist && !checklist)) continue;
    for (const finding of runRule(rule, 'built-in', facts)) raw.push(finding);
  }
  for (const rule of model.rules.values()) {
    if (off.has(rule.id)) continue;
    const compiled = compileCustomRule(rule, model);
    diagnostics.push(...compiled.diagnostics);
    if (compiled.rule) for (const finding of runRule(compiled.rule, 'custom', facts)) raw.push(finding);
  }
  for (const threat of model.threats.values()) {
    for (const target of threat.targets) {
      const where = locate(model, target);
      if (!where) continue;
      raw.push({
        id: `${threat.id}@${target}`,
        rule: threat.id,
        origin: 'threat',
        category: threat.category,
        severity: threat.severity,
        reasons: [],
        target,
        targetKind: where.kind,
        title: threat.title,
        message: `${threat.title} (on ${target})`,
        description: threat.description ?? threat.title,
        mitigation: '',
        cwe: threat.cwe,
        capec: threat.capec,
        references: [],
        compliance: {},
        related: [],
        checklist: false,
        location: where.location,
      });
    }
  }

  const findings = applyResponses(model, raw, catalogue, off, options.today, diagnostics);
  return { findings, diagnostics };
}

/** Runs one rule over every subject it applies to; a flow's two directions give one finding. */
function runRule(rule: RunnableRule, origin: 'built-in' | 'custom', facts: ModelFacts): Array<Omit<Finding, 'status' | 'response'>> {
  const out: Array<Omit<Finding, 'status' | 'response'>> = [];
  const make = (target: Element | DataFlow, targetKind: TargetKind, evidence: Evidence) => ({
    id: `${rule.id}@${target.id}`,
    rule: rule.id,
    origin,
    category: rule.category,
    severity: evidence.severity ?? rule.severity,
    reasons: evidence.reasons ?? [],
    target: target.id,
    targetKind,
    title: rule.title,
    message: evidence.message,
    description: rule.description,
    mitigation: rule.mitigation,
    cwe: rule.cwe,
    capec: rule.capec,
    references: rule.references,
    compliance: rule.compliance,
    related: evidence.related ?? [],
    checklist: rule.checklist === true,
    location: target.location,
  });
  let elementKinds = 0;
  for (const kind of rule.appliesTo) if (kind !== 'flow') elementKinds++;
  if (elementKinds > 0) {
    // One kind: visit only those elements (a store rule skips every process); several: keep declaration order.
    const subjects = elementKinds === 1 ? facts.subjectsOfKind(rule.appliesTo.find((k) => k !== 'flow')!) : facts.elementSubjects;
    for (const subject of subjects) {
      if (subject.kind !== 'element' || (elementKinds > 1 && !rule.appliesTo.includes(subject.element.kind))) continue;
      const evidence = rule.check(subject, facts);
      if (evidence) out.push(make(subject.element, subject.element.kind, evidence));
    }
  }
  if (rule.appliesTo.includes('flow')) {
    let byFlow: Map<string, Evidence> | undefined;
    for (const subject of facts.flowSubjects) {
      const evidence = rule.check(subject, facts);
      if (!evidence || subject.kind !== 'flow') continue;
      byFlow ??= new Map();
      const previous = byFlow.get(subject.flow.id);
      if (!previous || rank(severities, evidence.severity ?? rule.severity) > rank(severities, previous.severity ?? rule.severity)) byFlow.set(subject.flow.id, evidence);
    }
    if (byFlow) for (const [id, evidence] of byFlow) out.push(make(facts.model.flows.get(id)!, 'flow', evidence));
  }
  return out;
}

/** Reports unknown IDs in `rules_off`; returns the IDs that are off. */
function checkRulesOff(model: ThreatModel, catalogue: readonly BuiltInRule[], diagnostics: Diagnostic[]): Set<string> {
  const known = new Set([...catalogue.map((r) => r.id), ...model.rules.keys()]);
  const off = new Set<string>();
  for (const ref of model.references) {
    if (ref.role !== 'rule-id') continue;
    if (known.has(ref.name)) {
      off.add(ref.name);
      continue;
    }
    const suggestions = suggestNames(ref.name, known);
    diagnostics.push({ uri: ref.uri, range: ref.range, severity: 'error', code: DiagnosticCode.unknownRule, message: `unknown rule \`${ref.name}\`${didYouMean(suggestions)}`, suggestions });
  }
  return off;
}

/** Where a target is declared and what it is. */
function locate(model: ThreatModel, id: string): { kind: TargetKind; location: SourceLocation } | undefined {
  const element = model.elements.get(id);
  if (element) return { kind: element.kind, location: element.location };
  const flow = model.flows.get(id);
  if (flow) return { kind: 'flow', location: flow.location };
  const boundary = model.boundaries.get(id);
  if (boundary) return { kind: 'boundary', location: boundary.location };
  return undefined;
}

/**
 * Status from responses: an implemented or verified `mitigate` closes a finding; an unexpired
 * `accept` suppresses it; a planned `mitigate` keeps it open, marked planned. Responses that
 * name nothing known, or a rule that finds nothing there, are reported.
 */
function applyResponses(
  model: ThreatModel,
  raw: ReadonlyArray<Omit<Finding, 'status' | 'response'>>,
  catalogue: readonly BuiltInRule[],
  off: ReadonlySet<string>,
  today: string,
  diagnostics: Diagnostic[],
): Finding[] {
  // Only membership is asked of this: a set of IDs, not an array of pairs per finding.
  const byId = new Set<string>();
  const rulesOnTarget = new Map<string, string[]>();
  for (const f of raw) {
    byId.add(f.id);
    if (f.checklist) continue;
    const rules = rulesOnTarget.get(f.target);
    if (rules) rules.push(f.rule);
    else rulesOnTarget.set(f.target, [f.rule]);
  }
  const responsesOf = new Map<string, RiskResponse[]>();
  const knownRules = new Set([...catalogue.map((r) => r.id), ...model.rules.keys(), ...model.threats.keys()]);

  for (const response of model.responses) {
    const name = response.ruleOrThreat;
    const at = { uri: response.location.uri, range: response.location.nameRange };
    if (!knownRules.has(name)) {
      const suggestions = suggestNames(name, knownRules);
      diagnostics.push({ ...at, severity: 'error', code: DiagnosticCode.unknownRule, message: `unknown rule or threat \`${name}\`${didYouMean(suggestions)}`, suggestions });
      continue;
    }
    if (off.has(name)) {
      diagnostics.push({ ...at, severity: 'warning', code: DiagnosticCode.ruleOff, message: `rule \`${name}\` is switched off for this model (rules_off), so there is nothing to ${response.kind}` });
      continue;
    }
    for (const target of response.targets) {
      const id = `${name}@${target}`;
      if (!byId.has(id)) {
        const firing = rulesOnTarget.get(target) ?? [];
        const suggestions = suggestNames(name, firing).concat(firing.length <= 3 ? firing : []).filter((v, i, a) => a.indexOf(v) === i);
        const hint = firing.length ? `; on \`${target}\` Moat finds: ${firing.map((r) => `\`${r}\``).join(', ')}` : `; Moat finds nothing on \`${target}\``;
        diagnostics.push({
          ...at,
          severity: 'warning',
          code: DiagnosticCode.nothingToMitigate,
          message: `nothing to ${response.kind === 'mitigate' ? 'mitigate' : 'accept'}: \`${name}\` does not apply to \`${target}\`${hint}`,
          suggestions,
        });
        continue;
      }
      if (response.kind === 'accept' && response.expires !== undefined && response.expires < today) {
        diagnostics.push({
          ...at,
          severity: 'warning',
          code: DiagnosticCode.expiredAcceptance,
          message: `the acceptance of \`${id}\` expired on ${response.expires}; the finding is open again (renew or remove the acceptance)`,
        });
        continue;
      }
      const responses = responsesOf.get(id);
      if (responses) responses.push(response);
      else responsesOf.set(id, [response]);
    }
  }

  // Most findings have no response: give them their status in place rather than copying 20 fields each.
  const noResponses: RiskResponse[] = [];
  return raw.map((draft) => {
    const finding = draft as Mutable<Finding>;
    const responses = responsesOf.get(finding.id) ?? noResponses;
    const mitigated = responses.find((r) => r.kind === 'mitigate' && r.status !== 'planned');
    const accepted = responses.find((r) => r.kind === 'accept');
    const planned = responses.find((r) => r.kind === 'mitigate' && r.status === 'planned');
    const decided: [FindingStatus, RiskResponse | undefined] = mitigated ? ['mitigated', mitigated] : accepted ? ['accepted', accepted] : planned ? ['planned', planned] : ['open', undefined];
    finding.status = decided[0];
    finding.response = decided[1];
    return finding;
  });
}
