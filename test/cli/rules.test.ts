import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { catalogueMarkdown } from '../../server/src/core/export/rule-catalogue';
import { builtInRules } from '../../server/src/core/rules/catalogue';
import { runMoat } from '../helpers/run-moat';

describe('moat rules', () => {
  it('lists every rule by category with its severity and title', () => {
    const run = runMoat(['rules'], resolve('.'));
    assert.equal(run.status, 0);
    assert.match(run.stdout, /^Information disclosure \(\d+\)$/m);
    assert.match(run.stdout, /^ {2}unencrypted-communication +\w+ +flow +.+$/m);
    const questions = builtInRules.filter((r) => r.checklist).length;
    assert.ok(questions > 0);
    assert.match(run.stdout, new RegExp(`^${builtInRules.length - questions} rules and ${questions} checklist questions \\(asked with \`checklist: true\`\\)$`, 'm'));
  });

  it('prints the catalogue as JSON with every field of a rule', () => {
    const run = runMoat(['rules', '--format', 'json'], resolve('.'));
    const { rules } = JSON.parse(run.stdout);
    assert.equal(rules.length, builtInRules.length);
    const rateLimit = rules.find((r: { id: string }) => r.id === 'missing-rate-limit');
    assert.deepEqual([rateLimit.category, rateLimit.fix], ['denial_of_service', { property: 'rate_limited', value: true }]);
    assert.ok(rateLimit.cwe.includes(770));
  });

  it('refuses a format it does not have', () => {
    const run = runMoat(['rules', '--format', 'sarif'], resolve('.'));
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--format must be text, json or markdown for rules/);
  });

  it('docs/rules.md is the generated catalogue (run `npm run docs:rules` when this fails)', () => {
    assert.equal(readFileSync(resolve('docs/rules.md'), 'utf8'), catalogueMarkdown(builtInRules));
  });

  it('the Markdown names each rule under its own heading with CWE links', () => {
    const md = catalogueMarkdown(builtInRules);
    for (const rule of builtInRules) assert.ok(md.includes(`\n### ${rule.id}\n`), rule.id);
    assert.match(md, /\[CWE-319\]\(https:\/\/cwe\.mitre\.org\/data\/definitions\/319\.html\)/);
  });
});
