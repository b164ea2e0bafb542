import { Diagnostic, DiagnosticCode } from '../diagnostic';
import { DataFlow, Element, rank, RiskResponse, severities, SourceLocation, TargetKind, ThreatModel } from '../model/threat-model';
import { elementKinds } from '../syntax/ast';
import { didYouMean, suggestNames } from '../text/suggest';
import { builtInRules } from './catalogue';
import { compileCustomRule } from './custom-rules';
import { ModelFacts } from './facts';
import { Finding, FindingSource, FindingStatus } from './finding';
import { emptyList, keptList } from './kept-list';
import { listInMessage, messageText } from './message';
import { BuiltInRule, Evidence, RunnableRule } from './rule';
import { quote } from '../text/quote';

export interface RuleOptions {
  /** Today as `YYYY-MM-DD`, for acceptance expiry (tests pin it; the shells pass the real date). */
  readonly today: string;
  /** The catalogue to run (default: every built-in rule). */
  readonly catalogue?: readonly BuiltInRule[];
  /** Built-in rules switched off outside the model (the editor's `moat.rulesOff`), on top of its `rules_off`. */
  readonly rulesOff?: readonly string[];
}

/** The findings of a model and the diagnostics about its `mitigate`, `accept`, `rules_off` and custom rules. */
export interface RuleResult {
  readonly findings: readonly Finding[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Today's date as `YYYY-MM-DD` in UTC. */
export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Runs every rule over the model and works out each finding's status from the model's
 * `mitigate` and `accept` declarations. Pure: the same model and date give the same result.
 */
export function evaluateRules(model: ThreatModel, options: RuleOptions): RuleResult {
  return settleFindings(model, raiseFindings(model, options), options);
}

/**
 * What the built-in and custom rules find in a model, every finding open, with the problems of its
 * `rules_off` and custom rules. The model's threats and responses play no part: an edit to them
 * alone leaves this as it was (see `reuseEvaluation`).
 */
export interface RaisedFindings {
  readonly findings: readonly Finding[];
  readonly diagnostics: readonly Diagnostic[];
}

/** One evaluation of a model's rules in its two stages: what the rules raised, and the result once threats and responses are applied. */
export interface Evaluation {
  readonly raised: RaisedFindings;
  readonly result: RuleResult;
}

/** Evaluates the rules, keeping what they raised beside the result: the next edit's cut-off may reuse it (`reuseEvaluation`). */
export function evaluateInStages(model: ThreatModel, options: RuleOptions): Evaluation {
  const raised = raiseFindings(model, options);
  return { raised, result: settleFindings(model, raised, options) };
}

/** Runs the built-in rules and the model's own `rule`s: the costly half of `evaluateRules`. */
export function raiseFindings(model: ThreatModel, options: RuleOptions): RaisedFindings {
  const catalogue = options.catalogue ?? builtInRules;
  const diagnostics: Diagnostic[] = [];
  const facts = new ModelFacts(model);
  const { off } = switchedOff(model, catalogue, options, diagnostics);
  const checklist = model.info?.checklist === true;

  const findings = runRules(
    catalogue.filter((rule) => !off.has(rule.id) && (!rule.checklist || checklist) && (!rule.technology || facts.usesTechnology(rule.technology))),
    'built-in',
    facts,
  );
  const custom: RunnableRule[] = [];
  for (const rule of model.rules.values()) {
    if (off.has(rule.id)) continue;
    const compiled = compileCustomRule(rule, model);
    diagnostics.push(...compiled.diagnostics);
    if (compiled.rule) custom.push(compiled.rule);
  }
  for (const finding of runRules(custom, 'custom', facts)) findings.push(finding);
  return { findings: checklist ? withoutCoveredQuestions(findings) : findings, diagnostics };
}

/**
 * The findings less the checklist's questions that a finding with evidence already covers: one of
 * the same STRIDE category on the same target says more than the question would.
 */
function withoutCoveredQuestions(findings: Finding[]): Finding[] {
  const covered = new Set<string>();
  for (const f of findings) if (!f.checklist && f.category) covered.add(`${f.category} ${f.target}`);
  return findings.filter((f) => !f.checklist || !covered.has(`${f.category} ${f.target}`));
}

/**
 * Adds the findings of the model's own `threat`s to what the rules raised, and works out every
 * finding's status from the model's responses. Leaves `raised` as it was.
 */
export function settleFindings(model: ThreatModel, raised: RaisedFindings, options: RuleOptions): RuleResult {
  const catalogue = options.catalogue ?? builtInRules;
  const diagnostics = [...raised.diagnostics];
  const { off, offBySettings } = switchedOff(model, catalogue, options);
  const all: Finding[] = [...raised.findings];
  for (const threat of model.threats.values()) {
    const source: FindingSource = {
      id: threat.id,
      category: threat.category,
      title: threat.title,
      description: threat.description ?? threat.title,
      mitigation: '',
      cwe: threat.cwe,
      capec: threat.capec,
      references: none,
      compliance: {},
    };
    for (const target of threat.targets) {
      const where = locate(model, target);
      if (where) all.push(new Finding(source, 'threat', threat.severity, none, target, where.kind, `${threat.title} (on ${target})`, none, where.location));
    }
  }
  const findings = applyResponses(model, all, catalogue, off, offBySettings, options.today, diagnostics);
  return { findings, diagnostics };
}

/**
 * The rules switched off: by the model's `rules_off` (unknown IDs there are reported into
 * `diagnostics` when given) and by the settings, which may name built-in rules only.
 */
function switchedOff(model: ThreatModel, catalogue: readonly BuiltInRule[], options: RuleOptions, diagnostics?: Diagnostic[]): { off: Set<string>; offBySettings: Set<string> } {
  const off = checkRulesOff(model, catalogue, diagnostics);
  // Only IDs of built-in rules: the setting offers those, and a custom rule is the model's own to switch off.
  const offBySettings = new Set(options.rulesOff?.filter((id) => catalogue.some((rule) => rule.id === id) && !off.has(id)));
  for (const id of offBySettings) off.add(id);
  return { off, offBySettings };
}

/**
 * Runs rules over every subject they apply to; a flow's two directions give one finding. Findings
 * come rule by rule, each rule's in subject order, elements before flows.
 *
 * The loop visits each subject once and runs every rule on it, rather than each rule over every
 * subject: a subject's element, flows and cached facts stay in the CPU cache across its rules, which
 * on a large model costs less than the same checks spread over 60-odd passes.
 */
function runRules(rules: readonly RunnableRule[], origin: 'built-in' | 'custom', facts: ModelFacts): Finding[] {
  if (rules.length === 0) return [];
  const sources = findingSources(rules, origin);
  const onElements = rules.map((): Finding[] => []);
  // The rules of each element kind, by the kind's position in `elementKinds`.
  const rulesOfKind = elementKinds.map((kind) => rules.flatMap((rule, i) => (rule.appliesTo.includes(kind) ? [i] : [])));
  for (const subject of facts.elementSubjects) {
    const kind = subject.element.kind;
    for (const i of rulesOfKind[subject.kindIndex]) {
      const evidence = rules[i].check(subject, facts);
      if (evidence) onElements[i].push(makeFinding(rules[i], sources[i], origin, subject.element, kind, evidence));
    }
  }

  // The two directions of a two-way flow come one after the other (the linker lists a flow's reverse
  // direction right after it): the stronger evidence of the pair is held until the next flow starts,
  // then becomes the flow's finding, with no map of flows per rule.
  const flowRules = rules.flatMap((rule, i) => (rule.appliesTo.includes('flow') ? [i] : []));
  // The flow rules that look at a direction between two kinds of element (`from`, `to`), by the pair.
  const between = elementKinds.flatMap((from) =>
    elementKinds.map((to) => flowRules.flatMap((i, k) => ((rules[i].from?.includes(from) ?? true) && (rules[i].to?.includes(to) ?? true) ? [k] : []))),
  );
  const onFlows = rules.map((): Finding[] => []);
  const strongest: Array<Evidence | undefined> = flowRules.map(() => undefined);
  let held = 0;
  let current: DataFlow | undefined;
  const settle = (flow: DataFlow): void => {
    for (let k = 0; k < flowRules.length && held > 0; k++) {
      const evidence = strongest[k];
      if (!evidence) continue;
      const i = flowRules[k];
      onFlows[i].push(makeFinding(rules[i], sources[i], origin, flow, 'flow', evidence));
      strongest[k] = undefined;
      held--;
    }
  };
  for (const subject of facts.flowSubjects) {
    if (subject.flow !== current) {
      if (current && held > 0) settle(current);
      current = subject.flow;
    }
    for (const k of between[subject.ends]) {
      const rule = rules[flowRules[k]];
      const evidence = rule.check(subject, facts);
      if (!evidence) continue;
      const previous = strongest[k];
      if (!previous) held++;
      if (!previous || rank(severities, evidence.severity ?? rule.severity) > rank(severities, previous.severity ?? rule.severity)) strongest[k] = evidence;
    }
  }
  if (current && held > 0) settle(current);

  const out: Finding[] = [];
  for (let i = 0; i < rules.length; i++) {
    for (const finding of onElements[i]) out.push(finding);
    for (const finding of onFlows[i]) out.push(finding);
  }
  return out;
}

/** A finding of a rule on a target, open: a response's status is set on a copy later. */
function makeFinding(rule: RunnableRule, source: FindingSource, origin: 'built-in' | 'custom', target: Element | DataFlow, targetKind: TargetKind, evidence: Evidence): Finding {
  const reasons = evidence.reasons?.length ? keptList(evidence.reasons) : none;
  // A custom rule's sentence is already made: kept in one piece. A built-in rule's template is written when read.
  const message = typeof evidence.message === 'string' ? messageText(evidence.message) : evidence.message;
  let related = none;
  if (evidence.related?.length) {
    const ids = distinctIds(evidence.related);
    related = listInMessage(message, ids) ?? keptList(ids);
  }
  return new Finding(source, origin, evidence.severity ?? rule.severity, reasons, target.id, targetKind, message, related, target.location);
}

/**
 * What findings of these rules read of them: a built-in rule is its own record; a custom rule is
 * compiled again on each run, so its findings get its text alone, alike from run to run.
 */
function findingSources(rules: readonly RunnableRule[], origin: 'built-in' | 'custom'): readonly FindingSource[] {
  if (origin === 'built-in') return rules;
  return rules.map(({ id, category, title, description, mitigation, cwe, capec, references, compliance, checklist }) => ({ id, category, title, description, mitigation, cwe, capec, references, compliance, checklist }));
}

/** No reasons, no related IDs: the run's one empty list (the lists are read-only). */
const none: readonly string[] = emptyList;

/** The IDs in their order, each once: a rule may name a process that both writes and reads, and the editor would list it twice. */
function distinctIds(ids: readonly string[]): readonly string[] {
  // Most lists are a few IDs, compared pairwise; a long one (a store many flows write to) goes through a set, not n² comparisons.
  if (ids.length > 16) {
    const distinct = new Set(ids);
    return distinct.size === ids.length ? ids : [...distinct];
  }
  for (let i = 1; i < ids.length; i++) for (let j = 0; j < i; j++) if (ids[j] === ids[i]) return [...new Set(ids)];
  return ids;
}

/**
 * The warning for a response whose rule or threat finds nothing on its target, with the rules that
 * do fire there (`here`) as suggestions. Many targets have the same rules firing: what the warning
 * says of a name and a set of firing rules is worked out once, in `said`.
 */
function nothingToAnswer(response: RiskResponse, at: Pick<Diagnostic, 'uri' | 'range'>, target: string, here: readonly Finding[], said: Map<string, FiringRules>): Diagnostic {
  const name = response.ruleOrThreat;
  const firing: string[] = [];
  for (const f of here) if (!f.checklist) firing.push(f.rule);
  const key = `${name} ${firing.join(' ')}`;
  let known = said.get(key);
  if (!known) {
    const suggestions = suggestNames(name, firing)
      .concat(firing.length <= 3 ? firing : [])
      .filter((v, i, a) => a.indexOf(v) === i);
    known = { suggestions, listed: firing.map((r) => quote(r)).join(', ') };
    said.set(key, known);
  }
  const hint = firing.length ? `; on ${quote(target)} Moat finds: ${known.listed}` : `; Moat finds nothing on ${quote(target)}`;
  return {
    ...at,
    severity: 'warning',
    code: DiagnosticCode.nothingToMitigate,
    message: `nothing to ${response.kind === 'mitigate' ? 'mitigate' : 'accept'}: ${quote(name)} does not apply to ${quote(target)}${hint}`,
    suggestions: known.suggestions,
  };
}

/** What a "nothing to mitigate" warning says of the rules firing on its target: the closest to the name written, and the list of them. */
interface FiringRules {
  readonly suggestions: readonly string[];
  readonly listed: string;
}

/** Reports unknown IDs in `rules_off`; returns the IDs that are off. */
function checkRulesOff(model: ThreatModel, catalogue: readonly BuiltInRule[], diagnostics: Diagnostic[] | undefined): Set<string> {
  const off = new Set<string>();
  const written = model.info?.rulesOff ?? [];
  if (written.length === 0) return off;
  const known = new Set([...catalogue.map((r) => r.id), ...model.rules.keys()]);
  for (const id of written) if (known.has(id)) off.add(id);
  if (!diagnostics || written.every((id) => known.has(id))) return off;
  // Only an unknown ID sends us looking for where it is written, among all of the model's references.
  for (const ref of model.references) {
    if (ref.role !== 'rule-id' || known.has(ref.name)) continue;
    const suggestions = suggestNames(ref.name, known);
    diagnostics.push({ uri: ref.uri, range: ref.range, severity: 'error', code: DiagnosticCode.unknownRule, message: `unknown rule ${quote(ref.name)}${didYouMean(suggestions)}`, suggestions });
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
  raw: Finding[],
  catalogue: readonly BuiltInRule[],
  off: ReadonlySet<string>,
  offBySettings: ReadonlySet<string>,
  today: string,
  diagnostics: Diagnostic[],
): Finding[] {
  // Responses name (rule, target) pairs: index findings by target, so that no finding ID is built or hashed.
  // Only the targets some response names are indexed: a few thousand, against tens of thousands of
  // findings, and a small set of names answers faster than a map of every finding's target.
  const answeredTargets = new Set<string>();
  for (const response of model.responses) for (const target of response.targets) answeredTargets.add(target);
  // Positions in `raw`: a finding that a response answers is replaced there by a copy with its status.
  const onTarget = new Map<string, number[]>();
  if (answeredTargets.size > 0) {
    for (let i = 0; i < raw.length; i++) {
      const target = raw[i].target;
      if (!answeredTargets.has(target)) continue;
      const here = onTarget.get(target);
      if (here) here.push(i);
      else onTarget.set(target, [i]);
    }
  }
  const responsesOf = new Map<number, RiskResponse[]>();
  const said = new Map<string, FiringRules>();
  const knownRules = new Set([...catalogue.map((r) => r.id), ...model.rules.keys(), ...model.threats.keys()]);
  const checklist = model.info?.checklist === true;
  const checklistQuestions = new Set(catalogue.filter((r) => r.checklist).map((r) => r.id));

  for (const response of model.responses) {
    const name = response.ruleOrThreat;
    const at = { uri: response.location.uri, range: response.location.nameRange };
    if (!knownRules.has(name)) {
      const suggestions = suggestNames(name, knownRules);
      diagnostics.push({ ...at, severity: 'error', code: DiagnosticCode.unknownRule, message: `unknown rule or threat ${quote(name)}${didYouMean(suggestions)}`, suggestions });
      continue;
    }
    if (off.has(name)) {
      const where = offBySettings.has(name) ? 'in the settings (moat.rulesOff)' : 'for this model (rules_off)';
      diagnostics.push({ ...at, severity: 'warning', code: DiagnosticCode.ruleOff, message: `rule ${quote(name)} is switched off ${where}, so there is nothing to ${response.kind}` });
      continue;
    }
    if (!checklist && checklistQuestions.has(name)) {
      diagnostics.push({ ...at, severity: 'warning', code: DiagnosticCode.ruleOff, message: `${quote(name)} is a checklist question, and this model does not ask them (\`checklist: true\` on \`model\`), so there is nothing to ${response.kind}` });
      continue;
    }
    for (const target of response.targets) {
      const positions: readonly number[] = onTarget.get(target) ?? emptyList;
      if (!positions.some((i) => raw[i].rule === name)) {
        diagnostics.push(nothingToAnswer(response, at, target, positions.map((i) => raw[i]), said));
        continue;
      }
      if (response.kind === 'accept' && response.expires !== undefined && response.expires < today) {
        diagnostics.push({
          ...at,
          severity: 'warning',
          code: DiagnosticCode.expiredAcceptance,
          message: `the acceptance of ${quote(`${name}@${target}`)} expired on ${response.expires}; the finding is open again (renew or remove the acceptance)`,
        });
        continue;
      }
      for (const i of positions) {
        if (raw[i].rule !== name) continue;
        const responses = responsesOf.get(i);
        if (responses) responses.push(response);
        else responsesOf.set(i, [response]);
      }
    }
  }

  // Most findings have no response and stay open: visit only those that have one.
  for (const [i, responses] of responsesOf) {
    const mitigated = responses.find((r) => r.kind === 'mitigate' && r.status !== 'planned');
    const accepted = responses.find((r) => r.kind === 'accept');
    const planned = responses.find((r) => r.kind === 'mitigate' && r.status === 'planned');
    const decided: [FindingStatus, RiskResponse | undefined] = mitigated ? ['mitigated', mitigated] : accepted ? ['accepted', accepted] : planned ? ['planned', planned] : ['open', undefined];
    raw[i] = raw[i].answered(decided[0], decided[1]);
  }
  return raw;
}
