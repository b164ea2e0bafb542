import type { Diagnostic } from '../diagnostic';
import type { CustomRule } from '../model/threat-model';
import type { ModelFacts } from './facts';
import type { Finding } from './finding';

/** Evaluates a custom rule written in the model (interpreter in progress). */
export function evaluateCustomRule(_rule: CustomRule, _facts: ModelFacts): { findings: Array<Omit<Finding, 'status' | 'response'>>; diagnostics: Diagnostic[] } {
  return { findings: [], diagnostics: [] };
}
