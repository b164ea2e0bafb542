import { strict as assert } from 'node:assert';
import { strideCategories } from '../../../server/src/core/model/threat-model';
import { elementKinds } from '../../../server/src/core/syntax/ast';
import { builtInRules } from '../../../server/src/core/rules/catalogue';
import { propertySpec } from '../../../server/src/core/model/property-schema';
import { allRuleCases } from './cases/index';

describe('rule catalogue', () => {
  it('has at least 60 rules with unique kebab-case ids', () => {
    const ids = builtInRules.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length, `duplicate ids: ${ids.filter((id, i) => ids.indexOf(id) !== i).join(', ')}`);
    for (const id of ids) assert.match(id, /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
    assert.ok(ids.length >= 60, `only ${ids.length} rules`);
  });

  for (const rule of builtInRules) {
    it(`${rule.id}: every field is filled, CWE/CAPEC are numbers, the category is STRIDE`, () => {
      assert.ok(strideCategories.includes(rule.category), rule.category);
      for (const field of ['title', 'description', 'mitigation', 'escalation'] as const) assert.ok(rule[field].trim().length > 10, `${field} is empty`);
      assert.ok(rule.appliesTo.length > 0);
      if (rule.from || rule.to) assert.deepEqual(rule.appliesTo, ['flow'], '`from` and `to` narrow a flow rule only');
      for (const kinds of [rule.from, rule.to]) if (kinds) assert.ok(kinds.length > 0 && kinds.every((k) => elementKinds.includes(k)), `ends: ${kinds.join(', ')}`);
      assert.ok(rule.cwe.length > 0 && rule.cwe.every((n) => Number.isInteger(n) && n > 0), 'cwe');
      assert.ok(rule.capec.length > 0 && rule.capec.every((n) => Number.isInteger(n) && n > 0), 'capec');
      assert.ok(rule.references.length > 0, 'references');
      assert.ok(Object.values(rule.compliance).some((refs) => refs && refs.length > 0), 'compliance');
    });
  }

  it('offers as its quick fix only a property the schema allows where the fix writes it', () => {
    for (const rule of builtInRules) {
      if (!rule.fix) continue;
      const spec = propertySpec(rule.fix.property);
      assert.ok(spec, `${rule.id}: unknown property ${rule.fix.property}`);
      if (rule.fix.on === 'flow-target') {
        assert.deepEqual(rule.appliesTo, ['flow'], `${rule.id}: a fix on the flow's target needs a flow rule`);
        assert.ok(spec.on.some((kind) => kind === 'process' || kind === 'store'), `${rule.id}: \`${rule.fix.property}\` fits no element a flow goes to`);
      } else {
        for (const kind of rule.appliesTo) assert.ok(spec.on.includes(kind), `${rule.id}: \`${rule.fix.property}\` is not allowed on ${kind}`);
      }
    }
  });

  it('every rule has a row where it fires and one where it does not', () => {
    const covered = new Set(allRuleCases.map((c) => c.rule));
    assert.deepEqual(
      builtInRules.filter((r) => !covered.has(r.id)).map((r) => r.id),
      [],
    );
  });
});
