import { strict as assert } from 'node:assert';
import { analyzeModel } from '../../helpers/rules';
import { marked } from '../../helpers/markers';

/** A public API that does not authenticate: `missing-authentication@api` is open. */
const exposed = `
actor customer
boundary cloud { trust: high
  process api { authenticates: false, authorizes: true, validates_input: true, rate_limited: true, logs: true }
}
flow order: customer -> api { protocol: "https", authenticated: true }
`;

function finding(text: string, id: string) {
  const { findings } = analyzeModel(text);
  const found = findings.find((f) => f.id === id);
  assert.ok(found, `expected ${id}; got ${findings.map((f) => f.id).join(', ')}`);
  return found;
}

describe('finding status', () => {
  it('is open when nothing answers the finding', () => {
    assert.equal(finding(exposed, 'missing-authentication@api').status, 'open');
  });

  it('stays open but marked planned under a planned mitigation', () => {
    const text = `${exposed}mitigate missing-authentication "OIDC at the gateway" { on: api, status: planned, ref: "SEC-1" }\n`;
    const f = finding(text, 'missing-authentication@api');
    assert.equal(f.status, 'planned');
    assert.equal(f.response?.ref, 'SEC-1');
  });

  it('is mitigated by an implemented or verified mitigation, written inside the element or at top level', () => {
    const inside = exposed.replace('logs: true }', 'logs: true\n    mitigate missing-authentication "mTLS" { status: implemented }\n  }');
    assert.equal(finding(inside, 'missing-authentication@api').status, 'mitigated');
    const top = `${exposed}mitigate missing-authentication "mTLS" { on: api, status: verified }\n`;
    assert.equal(finding(top, 'missing-authentication@api').status, 'mitigated');
  });

  it('is accepted until the acceptance expires', () => {
    const accepted = (expires: string) => `${exposed}accept missing-authentication "Internal pilot" { on: api, by: "ciso", expires: "${expires}" }\n`;
    assert.equal(finding(accepted('2026-11-23'), 'missing-authentication@api').status, 'accepted');
    const m = marked(`${exposed}accept ⟦missing-authentication⟧ "Internal pilot" { on: api, by: "ciso", expires: "2026-11-22" }\n`);
    const { findings, diagnostics } = analyzeModel(m.text);
    assert.equal(findings.find((f) => f.id === 'missing-authentication@api')?.status, 'open');
    const expired = diagnostics.filter((d) => d.code === 'expired-acceptance');
    assert.deepEqual(
      expired.map((d) => [d.severity, d.range]),
      [['warning', m.ranges[0]]],
    );
    assert.match(expired[0]!.message, /expired on 2026-11-22/);
  });

  it('reports a mitigation of an unknown rule as an error, with a suggestion', () => {
    const m = marked(`${exposed}mitigate ⟦missing-authentiction⟧ "mTLS" { on: api, status: implemented }\n`);
    const errors = analyzeModel(m.text).diagnostics.filter((d) => d.severity === 'error');
    assert.deepEqual(
      errors.map((d) => [d.code, d.range]),
      [['unknown-rule', m.ranges[0]]],
    );
    assert.match(errors[0]!.message, /did you mean `missing-authentication`/);
  });

  it('warns "nothing to mitigate" when the rule does not fire on that target, naming what does', () => {
    const m = marked(`${exposed}mitigate ⟦missing-rate-limit⟧ "WAF" { on: api, status: implemented }\n`.replace('authenticates: false', 'authenticates: true'));
    const warnings = analyzeModel(m.text).diagnostics.filter((d) => d.code === 'nothing-to-mitigate');
    assert.deepEqual(
      warnings.map((d) => [d.severity, d.range]),
      [['warning', m.ranges[0]]],
    );
    assert.match(warnings[0]!.message, /nothing to mitigate: `missing-rate-limit` does not apply to `api`/);
  });

  it('makes manual threats findings with their own IDs, answered like rule findings', () => {
    const text = `${exposed}threat replay "Replay of order tokens" { category: spoofing, severity: high, on: [order, api] }\nmitigate replay "Nonces" { on: order, status: implemented }\n`;
    const { findings } = analyzeModel(text);
    const replay = findings.filter((f) => f.rule === 'replay').map((f) => [f.id, f.status, f.origin]);
    assert.deepEqual(replay, [
      ['replay@order', 'mitigated', 'threat'],
      ['replay@api', 'open', 'threat'],
    ]);
  });

  it('switches a rule off for the whole model with `rules_off`, and reports an unknown one', () => {
    const off = `model "Shop" { rules_off: [missing-authentication] }\n${exposed}`;
    assert.equal(analyzeModel(off).findings.some((f) => f.rule === 'missing-authentication'), false);
    const m = marked(`model "Shop" { rules_off: [⟦missing-authenticaton⟧] }\n${exposed}`);
    const errors = analyzeModel(m.text).diagnostics.filter((d) => d.severity === 'error');
    assert.deepEqual(
      errors.map((d) => [d.code, d.range]),
      [['unknown-rule', m.ranges[0]]],
    );
  });

  it('switches built-in rules off by the editor settings too, and says so where the model answers one', () => {
    const m = marked(`${exposed}mitigate ⟦missing-authentication⟧ "OIDC at the gateway" { on: api }\n`);
    const { findings, diagnostics } = analyzeModel(m.text, undefined, ['missing-authentication', 'no-such-rule']);
    const all = analyzeModel(m.text).findings;
    assert.ok(all.some((f) => f.rule === 'missing-authentication'));
    assert.deepEqual(findings.map((f) => f.id), all.filter((f) => f.rule !== 'missing-authentication').map((f) => f.id));
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range, d.message]),
      [['rule-off', m.ranges[0], 'rule `missing-authentication` is switched off in the settings (moat.rulesOff), so there is nothing to mitigate']],
    );
  });

  it('keeps finding IDs stable when unrelated declarations are added', () => {
    const before = analyzeModel(exposed).findings.map((f) => f.id);
    const after = analyzeModel(`actor auditor\n${exposed}store notes { encrypted: true, backups: true, authenticates: true, authorizes: true, logs: true }\n`).findings.map((f) => f.id);
    for (const id of before) assert.ok(after.includes(id), `${id} disappeared`);
  });
});

describe('a finding as data', () => {
  it('serialises flat, with its ID, its rule and the rule\'s text, and its status', () => {
    const text = `${exposed}mitigate missing-authentication "OIDC at the gateway" { on: api, status: planned }\n`;
    const json = JSON.parse(JSON.stringify(finding(text, 'missing-authentication@api')));
    assert.deepEqual(Object.keys(json), ['id', 'rule', 'origin', 'category', 'severity', 'reasons', 'target', 'targetKind', 'title', 'message', 'description', 'mitigation', 'cwe', 'capec', 'references', 'compliance', 'related', 'checklist', 'location', 'status', 'response']);
    assert.equal(json.id, 'missing-authentication@api');
    assert.equal(json.rule, 'missing-authentication');
    assert.equal(json.category, 'spoofing');
    assert.equal(json.title, 'Process accepts calls across a boundary without authentication');
    assert.deepEqual(json.cwe, [306]);
    assert.equal(json.status, 'planned');
    assert.equal(json.response.text, 'OIDC at the gateway');
  });
});
