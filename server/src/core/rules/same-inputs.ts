import type { SymbolReference, ThreatModel } from '../model/threat-model';

/**
 * Whether the rule engine gives two models the same findings and diagnostics: they are equal,
 * positions and order included, in everything it reads. An edit that leaves a model so (a comment,
 * a reference still being typed, a flow to an element not declared yet) needs no new evaluation.
 */
export function sameRuleInputs(a: ThreatModel, b: ThreatModel): boolean {
  return (
    sameData(a.info, b.info) &&
    sameData(a.data, b.data) &&
    sameData(a.elements, b.elements) &&
    sameData(a.boundaries, b.boundaries) &&
    // The flows' directions follow from the flows, in their order.
    sameData(a.flows, b.flows) &&
    sameData(a.threats, b.threats) &&
    sameData(a.responses, b.responses) &&
    sameData(a.rules, b.rules) &&
    sameData(ruleIdReferences(a), ruleIdReferences(b))
  );
}

/** The `rules_off` entries: the only references the engine reads (the others are the linker's). */
function ruleIdReferences(model: ThreatModel): SymbolReference[] {
  return model.references.filter((r) => r.role === 'rule-id');
}

/** Deep equality of the model's plain data: scalars, arrays, maps (in order) and plain objects. */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    const other = b.entries();
    for (const [key, value] of a) {
      const [otherKey, otherValue] = other.next().value as [unknown, unknown];
      if (key !== otherKey || !sameData(value, otherValue)) return false;
    }
    return true;
  }
  if (Array.isArray(b) || b instanceof Map) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (!Object.prototype.hasOwnProperty.call(b, key) || !sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}
