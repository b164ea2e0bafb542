import { Diagnostic } from '../../server/src/core/diagnostic';
import { linkModel } from '../../server/src/core/model/link';
import { evaluateRules } from '../../server/src/core/rules/engine';
import { Finding } from '../../server/src/core/rules/finding';
import { parseMoat } from '../../server/src/core/syntax/parse';

/** The fixed "today" of rule tests, so acceptance expiry never depends on the calendar. */
export const testToday = '2026-11-23';

/** Parses, links and evaluates a one-file model; fails loudly on syntax or link errors so a case cannot pass by accident. */
export function analyzeModel(text: string, today = testToday, rulesOff?: readonly string[]): { findings: readonly Finding[]; diagnostics: readonly Diagnostic[] } {
  const uri = 'file:///ws/model.moat';
  const parsed = parseMoat(uri, text);
  const linked = linkModel(uri, [parsed.file]);
  const errors = [...parsed.diagnostics, ...linked.diagnostics].filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(`test model has errors: ${errors.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`).join('; ')}`);
  return evaluateRules(linked.model, { today, rulesOff });
}

/** The findings of a model, as `rule@target` IDs. */
export function findingIds(text: string): string[] {
  return analyzeModel(text).findings.map((f) => f.id);
}

/**
 * One row of a rule's table: a model where the rule fires on `target`, and a near-identical
 * model (one property or one flow different) where it does not fire anywhere.
 */
export interface RuleCase {
  readonly rule: string;
  /** What the row shows, e.g. "http flow carrying PHI into the VPC". */
  readonly name: string;
  readonly fires: string;
  readonly target: string;
  readonly quiet: string;
  /** Expected severity of the finding in `fires`, when the row is about escalation. */
  readonly severity?: 'low' | 'medium' | 'high' | 'critical';
  /** Words the finding's message must contain (the concrete elements it names). */
  readonly messageIncludes?: readonly string[];
}
