import { strict as assert } from 'node:assert';
import { analyzeModel } from '../../helpers/rules';
import { marked } from '../../helpers/markers';

const system = `
data phi "PHI" { classification: restricted, tags: [hipaa] }
data stats { classification: internal }
actor clinician
boundary cloud { trust: high
  process api { authenticates: true, authorizes: true, validates_input: true, rate_limited: true, logs: true, handles: [phi] }
  store cache { tech: "redis", holds: [phi], encrypted: true, backups: true, authenticates: true, authorizes: true, logs: true }
  store metrics { tech: "redis", holds: [stats], encrypted: true, backups: true, authenticates: true, authorizes: true, logs: true }
}
flow clinician -> api { protocol: "https", authenticated: true, data: [phi] }
flow api -> cache { protocol: "redis", encrypted: true, authenticated: true, data: [phi] }
flow api -> metrics { protocol: "redis", encrypted: true, authenticated: true, data: [stats] }
`;

/** The custom findings of the system with one rule added. */
function customFindings(rule: string): string[] {
  return analyzeModel(system + rule)
    .findings.filter((f) => f.origin === 'custom')
    .map((f) => f.id);
}

/** The `expression-error` diagnostics of a marked rule, as [range, message]. */
function whenErrors(rule: string) {
  const m = marked(system + rule);
  const errors = analyzeModel(m.text).diagnostics.filter((d) => d.code === 'expression-error');
  return { errors: errors.map((d) => ({ range: d.range, message: d.message })), ranges: m.ranges };
}

describe('custom rules: `when` expressions', () => {
  it('fires the spec example (PHI in a redis store) only where it holds', () => {
    const rule = 'rule phi-in-cache "PHI must not be cached" { category: information_disclosure, severity: high, applies: store, when: holds(phi) and tech == "redis" }\n';
    assert.deepEqual(customFindings(rule), ['phi-in-cache@cache']);
    const f = analyzeModel(system + rule).findings.find((x) => x.id === 'phi-in-cache@cache')!;
    assert.deepEqual([f.severity, f.category, f.status, f.title], ['high', 'information_disclosure', 'open', 'PHI must not be cached']);
  });

  it('matches data by tag, compares classifications in order, and uses flow functions', () => {
    assert.deepEqual(customFindings('rule r { applies: store, when: holds(hipaa) }\n'), ['r@cache']);
    assert.deepEqual(customFindings('rule r { applies: [process, store], when: classification() >= confidential }\n'), ['r@api', 'r@cache']);
    assert.deepEqual(customFindings('rule r { applies: flow, when: crosses_boundary() and carries(phi) }\n'), ['r@clinician->api']);
    assert.deepEqual(customFindings('rule r { applies: flow, when: source.trust < target.trust }\n'), ['r@clinician->api']);
    assert.deepEqual(customFindings('rule r { applies: flow, when: target.tech == "redis" and not carries(phi) }\n'), ['r@api->metrics']);
    assert.deepEqual(customFindings('rule r { applies: store, when: in_boundary(cloud) and (holds(stats) or tech != "redis") }\n'), ['r@metrics']);
  });

  it('reads an absent property as false or unset', () => {
    assert.deepEqual(customFindings('rule r { applies: process, when: not privileged }\n'), ['r@api']);
    assert.deepEqual(customFindings('rule r { applies: process, when: tech == "node" }\n'), []);
  });

  it('is answered by mitigate and accept like a built-in rule', () => {
    const rule = 'rule phi-in-cache { applies: store, when: holds(phi) }\nmitigate phi-in-cache "TTL of 5 minutes" { on: cache, status: implemented }\n';
    const f = analyzeModel(system + rule).findings.find((x) => x.id === 'phi-in-cache@cache')!;
    assert.equal(f.status, 'mitigated');
  });

  it('reports a type error on the expression and finds nothing', () => {
    const { errors, ranges } = whenErrors('rule r { applies: store, when: ⟦tech == 3⟧ }\n');
    assert.deepEqual(errors, [{ range: ranges[0], message: 'cannot compare a string with a number' }]);
    assert.deepEqual(customFindings('rule r { applies: store, when: tech == 3 }\n'), []);
  });

  it('reports an unknown function, property, data asset and enum value with suggestions', () => {
    const fn = whenErrors('rule r { when: ⟦hold⟧(phi) }\n');
    assert.equal(fn.errors[0]?.message.startsWith('unknown function `hold` (did you mean `holds`?)'), true, fn.errors[0]?.message);
    assert.deepEqual(fn.errors[0]?.range, fn.ranges[0]);
    const prop = whenErrors('rule r { when: ⟦encrypte⟧ }\n');
    assert.deepEqual(prop.errors, [{ range: prop.ranges[0], message: 'unknown property `encrypte` (did you mean `encrypted`?)' }]);
    const data = whenErrors('rule r { when: holds(⟦ph⟧) }\n');
    assert.deepEqual(data.errors[0]?.range, data.ranges[0]);
    assert.match(data.errors[0]!.message, /unknown data asset or data tag `ph`/);
    const level = whenErrors('rule r { when: classification() >= ⟦secret⟧ }\n');
    assert.deepEqual(level.errors, [{ range: level.ranges[0], message: '`secret` is not a classification: expected one of public, internal, confidential, restricted' }]);
  });

  it('rejects a non-condition as the whole `when` and an ordering on strings', () => {
    assert.match(whenErrors('rule r { when: ⟦tech⟧ }\n').errors[0]!.message, /expected a condition/);
    assert.match(whenErrors('rule r { when: ⟦tech < "b"⟧ }\n').errors[0]!.message, /compares numbers, classifications or trust levels/);
  });
});
