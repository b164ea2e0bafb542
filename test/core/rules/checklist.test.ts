import { strict as assert } from 'node:assert';
import { findingDiagnostic } from '../../../server/src/core/rules/finding';
import { analyzeModel } from '../../helpers/rules';
import { exampleModel } from '../../helpers/random-edits';

const shop = (model: string) => `${model}
actor customer
process api { authenticates: true, authorizes: true, validates_input: true, logs: true, rate_limited: true }
flow customer -> api { protocol: "https", authenticated: true }
`;

describe('the STRIDE-per-element checklist', () => {
  it('asks nothing of a model that does not ask for it', () => {
    assert.deepEqual(analyzeModel(exampleModel('telemedicine.moat')).findings.filter((f) => f.checklist).map((f) => f.id), []);
  });

  it('asks each element and flow what no written property answers, at information level', () => {
    const { findings } = analyzeModel(shop('model "Shop" { checklist: true }'));
    assert.deepEqual(findings.filter((f) => f.checklist).map((f) => f.id).sort(), [
      'stride-denial-of-service-flow@customer->api',
      'stride-information-disclosure-process@api',
      'stride-repudiation-actor@customer',
      'stride-spoofing-actor@customer',
    ]);
    const question = findings.find((f) => f.id === 'stride-spoofing-actor@customer')!;
    assert.equal(question.severity, 'low');
    assert.equal(findingDiagnostic(question)?.severity, 'information');
  });

  it('does not ask what a finding with evidence already says about the same target', () => {
    const { findings } = analyzeModel(`model "Clinic" { checklist: true }
data phi "PHI" { classification: restricted, tags: [phi] }
store records { holds: [phi], authenticates: true, authorizes: true, encrypted: true, backups: true }
`);
    // unlogged-regulated-data-store says the records' access is not logged: no repudiation question on top.
    assert.ok(findings.some((f) => f.id === 'unlogged-regulated-data-store@records'));
    assert.deepEqual(findings.filter((f) => f.checklist).map((f) => f.id), []);
  });

  it('closes a question that a mitigate or accept answers, like a finding', () => {
    const { findings, diagnostics } = analyzeModel(
      shop('model "Shop" { checklist: true }') +
        'mitigate stride-information-disclosure-process "Generic errors, no debug routes" { on: api, status: implemented }\n' +
        'accept stride-denial-of-service-flow "The shop can be down for a day" { on: "customer->api", by: "cto", expires: "2030-01-01" }\n',
    );
    const status = (id: string) => findings.find((f) => f.id === id)?.status;
    assert.equal(status('stride-information-disclosure-process@api'), 'mitigated');
    assert.equal(status('stride-denial-of-service-flow@customer->api'), 'accepted');
    assert.deepEqual(diagnostics, []);
  });

  it('warns that a response to a question answers nothing while the model does not ask the checklist', () => {
    const { diagnostics } = analyzeModel(shop('model "Shop"') + 'mitigate stride-spoofing-actor "SSO with MFA" { on: customer, status: implemented }\n');
    assert.deepEqual(
      diagnostics.map((d) => [d.severity, d.message]),
      [['warning', '`stride-spoofing-actor` is a checklist question, and this model does not ask them (`checklist: true` on `model`), so there is nothing to mitigate']],
    );
  });
});
