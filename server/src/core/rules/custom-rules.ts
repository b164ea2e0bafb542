import type { Diagnostic } from '../diagnostic';
import { DiagnosticCode } from '../diagnostic';
import type { CustomRule, DataFlow, Element, TargetKind } from '../model/threat-model';
import type { ModelFacts } from './facts';
import type { Finding } from './finding';
import { checkWhen, WhenSubject } from './when-expression';

type RawFinding = Omit<Finding, 'status' | 'response'>;

const allKinds: readonly TargetKind[] = ['actor', 'external', 'process', 'store', 'flow'];

/** Evaluates a `rule` written in the model: its `when` is type-checked first; a rule with errors finds nothing. */
export function evaluateCustomRule(rule: CustomRule, facts: ModelFacts): { findings: RawFinding[]; diagnostics: Diagnostic[] } {
  const uri = rule.location.uri;
  if (!rule.when) {
    return {
      findings: [],
      diagnostics: [{ uri, range: rule.location.nameRange, severity: 'warning', code: DiagnosticCode.expressionError, message: `rule \`${rule.id}\` has no \`when:\` condition, so it never fires` }],
    };
  }
  const checked = checkWhen(rule.when, facts.model, uri);
  if (!checked.predicate) return { findings: [], diagnostics: [...checked.diagnostics] };
  const holds = checked.predicate;
  const kinds = new Set(rule.applies.length ? rule.applies : allKinds);
  const findings: RawFinding[] = [];
  const make = (target: Element | DataFlow, targetKind: TargetKind, message: string): RawFinding => ({
    id: `${rule.id}@${target.id}`,
    rule: rule.id,
    origin: 'custom',
    category: rule.category,
    severity: rule.severity,
    reasons: [],
    target: target.id,
    targetKind,
    title: rule.title,
    message,
    description: rule.description ?? rule.title,
    mitigation: rule.mitigation ?? '',
    cwe: rule.cwe,
    capec: rule.capec,
    references: [],
    compliance: {},
    related: [],
    checklist: false,
    location: target.location,
  });
  for (const element of facts.model.elements.values()) {
    if (kinds.has(element.kind) && holds({ kind: 'element', element }, facts)) findings.push(make(element, element.kind, `${rule.title} (on ${element.id})`));
  }
  if (kinds.has('flow')) {
    const fired = new Set<string>();
    for (const direction of facts.model.directedFlows) {
      const subject: WhenSubject = { kind: 'flow', flow: direction.flow, direction };
      if (fired.has(direction.flow.id) || !holds(subject, facts)) continue;
      fired.add(direction.flow.id);
      findings.push(make(direction.flow, 'flow', `${rule.title} (on ${direction.source} -> ${direction.target})`));
    }
  }
  return { findings, diagnostics: [] };
}
