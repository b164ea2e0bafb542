import { strict as assert } from 'node:assert';
import { messageText, say } from '../../../server/src/core/rules/message';
import { analyzeModel } from '../../helpers/rules';

describe('finding messages', () => {
  it('reads a say template as the plain template literal would', () => {
    const cases: Array<[string, string | number, string | number]> = [
      ['api', 'customer, partner', 'api accepts calls from customer, partner'],
      ['', 0, ' accepts calls from 0'],
      ['db-1', 'a `quoted` <b>', 'db-1 accepts calls from a `quoted` <b>'],
    ];
    for (const [target, sources, expected] of cases) {
      const message = say`${target} accepts calls from ${sources}`;
      assert.equal(messageText(message), expected);
      assert.equal(messageText(message), `${target} accepts calls from ${sources}`);
    }
    assert.equal(messageText(say`no values`), 'no values');
    assert.equal(messageText(say`${1}${2}${3}${4}${5}${6}`), '123456');
  });

  it('writes a list as `a, b, c`, at most 20 of them, and cuts a text longer than 120 characters', () => {
    assert.equal(messageText(say`${'api'} accepts calls from ${['customer', 'partner']}`), 'api accepts calls from customer, partner');
    const writers = Array.from({ length: 25 }, (_, i) => `job-${i}`);
    assert.equal(messageText(say`written by ${writers}`), `written by ${writers.slice(0, 20).join(', ')} and 5 more`);
    assert.equal(messageText(say`store ${'s'.repeat(121)} is open`), `store ${'s'.repeat(120)}… is open`);
    assert.equal(messageText(say`from ${['x'.repeat(121), 'y']}`), `from ${'x'.repeat(120)}…, y`);
  });

  it('keeps the sentence of a finding on an element with a 100,000-character ID short', () => {
    const id = 'p'.repeat(100_000);
    const finding = analyzeModel(`actor customer\nboundary cloud { trust: high\n  process ${id}\n}\nflow customer -> ${id}\n`).findings.find((f) => f.rule === 'missing-authentication');
    assert.equal(finding?.message, `${'p'.repeat(120)}… accepts calls from customer without authenticating them`);
    assert.equal(finding?.target, id, 'the finding still names its target whole');
  });

  it('names the elements in the sentence of a finding, the same before and after its status is set', () => {
    const text = `
actor customer
actor partner
boundary cloud { trust: high
  process api { authenticates: false, authorizes: true, validates_input: true, rate_limited: true, logs: true }
}
flow order: customer -> api { protocol: "https", authenticated: true }
flow feed: partner -> api { protocol: "https", authenticated: true }
`;
    const sentence = 'api accepts calls from customer, partner without authenticating them';
    const open = analyzeModel(text).findings.find((f) => f.id === 'missing-authentication@api');
    assert.equal(open?.message, sentence);
    const planned = analyzeModel(`${text}mitigate missing-authentication "OIDC" { on: api, status: planned }\n`).findings.find((f) => f.id === 'missing-authentication@api');
    assert.equal(planned?.status, 'planned');
    assert.equal(planned?.message, sentence);
    assert.equal((JSON.parse(JSON.stringify(planned)) as { message: string }).message, sentence);
  });
});
