import { Diagnostic, DiagnosticCode } from '../diagnostic';
import type { CustomRule, ThreatModel } from '../model/threat-model';
import { ruleTargetKinds } from '../model/property-schema';
import type { RunnableRule } from './rule';
import { checkWhen } from './when-expression';
import { quote } from '../text/quote';

/**
 * Compiles a `rule` written in the model into the shape the engine runs built-in rules in, so
 * both share one runner. Its `when` is type-checked first: a rule with errors yields none.
 */
export function compileCustomRule(rule: CustomRule, model: ThreatModel): { rule: RunnableRule | undefined; diagnostics: Diagnostic[] } {
  const uri = rule.location.uri;
  if (!rule.when) {
    return {
      rule: undefined,
      diagnostics: [{ uri, range: rule.location.nameRange, severity: 'warning', code: DiagnosticCode.expressionError, message: `rule ${quote(rule.id)} has no \`when:\` condition, so it never fires` }],
    };
  }
  const { predicate, diagnostics } = checkWhen(rule.when, model, uri);
  if (!predicate) return { rule: undefined, diagnostics: [...diagnostics] };
  return {
    rule: {
      id: rule.id,
      category: rule.category,
      appliesTo: (rule.applies.length ? rule.applies : ruleTargetKinds) as RunnableRule['appliesTo'],
      severity: rule.severity,
      title: rule.title,
      description: rule.description ?? rule.title,
      mitigation: rule.mitigation ?? '',
      cwe: rule.cwe,
      capec: rule.capec,
      references: [],
      compliance: {},
      check: (subject, facts) => {
        if (!predicate(subject, facts)) return undefined;
        const on = subject.kind === 'element' ? subject.element.id : `${subject.direction.source} -> ${subject.direction.target}`;
        return { message: `${rule.title} (on ${on})` };
      },
    },
    diagnostics: [],
  };
}
