import { strict as assert } from 'node:assert';
import { linkModel } from '../../../server/src/core/model/link';
import { ModelAnalysis, Workspace } from '../../../server/src/core/model/workspace';
import { reuseEvaluation } from '../../../server/src/core/rules/early-cutoff';
import { builtInRules } from '../../../server/src/core/rules/catalogue';
import { evaluateInStages, RuleOptions } from '../../../server/src/core/rules/engine';
import type { BuiltInRule } from '../../../server/src/core/rules/rule';
import { parseMoat } from '../../../server/src/core/syntax/parse';
import { memoryWorkspace, wsUri } from '../../helpers/markers';
import { exampleModel, modelsToEdit, randomEdit, seededRandom } from '../../helpers/random-edits';
import { testToday } from '../../helpers/rules';

const uri = wsUri('main.moat');
const options: RuleOptions = { today: testToday };

/** The linked model of one file's text. */
function linked(text: string) {
  return linkModel(uri, [parseMoat(uri, text).file]).model;
}

/** The analysis of the one model of a workspace. */
function modelOf(ws: Workspace): ModelAnalysis {
  const [model] = ws.analyze().models;
  assert.ok(model, 'the workspace has a model');
  return model;
}

/** What a user sees of an analysis: its findings and every diagnostic. */
function seen(analysis: ModelAnalysis): unknown {
  return { findings: analysis.findings, diagnostics: analysis.diagnostics };
}

describe('early cut-off of rule evaluation', () => {
  it('keeps the findings of an edit that changes nothing the rules read: a comment, a flow to an undeclared element', () => {
    const text = exampleModel('telemedicine.moat');
    const ws = memoryWorkspace({ 'main.moat': text });
    const before = modelOf(ws);
    ws.setDocument(uri, `${text}// reviewed with the clinic's CISO\n`);
    assert.deepStrictEqual(modelOf(ws).findings, before.findings);
    ws.setDocument(uri, `${text}flow gateway -> billing\n`);
    const dangling = modelOf(ws);
    assert.deepStrictEqual(dangling.findings, before.findings);
    assert.ok(dangling.diagnostics.some((d) => d.code === 'unknown-reference'), 'the linker still reports the new problem');
  });

  it('evaluates again when a control is switched off', () => {
    const text = exampleModel('telemedicine.moat');
    const ws = memoryWorkspace({ 'main.moat': text });
    const before = modelOf(ws);
    ws.setDocument(uri, text.replaceAll('authenticates: true', 'authenticates: false'));
    const changed = modelOf(ws);
    assert.notEqual(changed.findings, before.findings);
    assert.notDeepEqual(changed.findings, before.findings);
  });

  it('moves the findings below a line added mid-file down with their declarations', () => {
    const text = exampleModel('telemedicine.moat');
    const lines = text.split('\n');
    const middle = Math.floor(lines.length / 2);
    const ws = memoryWorkspace({ 'main.moat': text });
    const before = modelOf(ws);
    ws.setDocument(uri, [...lines.slice(0, middle), '// a note in the middle', ...lines.slice(middle)].join('\n'));
    const after = modelOf(ws);
    assert.equal(after.findings.length, before.findings.length);
    let above = 0;
    before.findings.forEach((f, i) => {
      // A declaration that starts above the new line and ends below it moves too (its end does).
      const moved = f.location.range.end.line >= middle;
      if (!moved) above++;
      assert.equal(after.findings[i].location.range.start.line, f.location.range.start.line + (f.location.range.start.line >= middle ? 1 : 0), f.id);
      const declared = after.model.elements.get(f.target) ?? after.model.flows.get(f.target) ?? after.model.boundaries.get(f.target);
      assert.equal(after.findings[i].location, declared?.location, `${f.id} points at the new model's declaration`);
    });
    assert.ok(above > 0 && above < before.findings.length, 'findings on both sides of the new line');
    // Moved findings serialise as fresh ones do: the same fields in the same order.
    assert.deepEqual(after.findings.map((f) => Object.keys(f).join()), before.findings.map((f) => Object.keys(f).join()));
    const reused = reuseEvaluation(before.model, evaluateInStages(before.model, options), after.model, options);
    assert.ok(reused, 'lines that moved are no reason to evaluate again');
    assert.deepStrictEqual(reused, evaluateInStages(after.model, options));
  });

  it('reports a problem of a rules_off entry where the entry moved to', () => {
    const text = 'model "Shop" {\n  rules_off: [no-such-rule]\n}\nactor customer\n';
    const ws = memoryWorkspace({ 'main.moat': text });
    const unknownRule = () => modelOf(ws).diagnostics.find((d) => d.code === 'unknown-rule')?.range.start;
    assert.deepEqual(unknownRule(), { line: 1, character: 14 });
    ws.setDocument(uri, text.replace('[no-such-rule]', '[  no-such-rule]'));
    assert.deepEqual(unknownRule(), { line: 1, character: 16 });
  });

  it('reuses an evaluation only when evaluating the new model gives the same, and does so for many edits', () => {
    let reused = 0;
    let settledAgain = 0;
    for (const [seed, start] of modelsToEdit(21, 40)) {
      const pick = seededRandom(seed);
      const before = linked(start);
      const evaluation = evaluateInStages(before, options);
      for (let i = 0; i < 40; i++) {
        const after = linked(randomEdit(start, pick));
        const reuse = reuseEvaluation(before, evaluation, after, options);
        if (!reuse) continue;
        reused++;
        if (reuse.result.findings.length !== evaluation.result.findings.length || reuse.result.diagnostics.length !== evaluation.result.diagnostics.length) settledAgain++;
        assert.deepStrictEqual(reuse, evaluateInStages(after, options), `edit ${i} (seed ${seed})`);
      }
    }
    assert.ok(reused >= 20, `only ${reused} of 120 edits reused the rules' result`);
    assert.ok(settledAgain >= 3, `only ${settledAgain} reuses applied changed threats or responses`);
  });

  it('applies a new threat or response again without running a rule', () => {
    let checks = 0;
    // Every built-in rule, counted: a rule that runs at all shows in the count.
    const counted: BuiltInRule[] = builtInRules.map((rule) => ({ ...rule, check: (subject, facts) => (checks++, rule.check(subject, facts)) }));
    const countedOptions: RuleOptions = { today: testToday, catalogue: counted };
    const text = exampleModel('telemedicine.moat');
    const before = linked(text);
    const evaluation = evaluateInStages(before, countedOptions);
    assert.ok(checks > 0);
    const open = evaluation.result.findings.find((f) => f.status === 'open' && f.origin === 'built-in');
    assert.ok(open, 'the example has an open finding');
    const edits = [
      `${text}threat skimming "Card skimming at the front desk" { category: tampering, severity: high, on: ${open.target} }\n`,
      `${text}mitigate ${open.rule} "Fixed in release 4.2" { on: ${open.target} }\n`,
      `${text}accept ${open.rule} "Risk owner signed off" { on: ${open.target}, by: "ciso@clinic.example", expires: "2027-01-01" }\n`,
    ];
    for (const edited of edits) {
      checks = 0;
      const after = linked(edited);
      const reuse = reuseEvaluation(before, evaluation, after, countedOptions);
      assert.ok(reuse, 'what the rules raised is reused');
      assert.equal(checks, 0, 'no rule ran');
      assert.deepStrictEqual(reuse, evaluateInStages(after, countedOptions));
      assert.notDeepEqual(reuse.result.findings, evaluation.result.findings, 'the edit shows in the findings');
    }
  });

  it('evaluates again when any field of an element, a flow or a boundary differs', () => {
    const before = linked(exampleModel('telemedicine.moat'));
    const evaluation = evaluateInStages(before, options);
    /** The value with something changed, whatever its type. */
    const changed = (value: unknown): unknown => {
      if (value === undefined) return 'changed';
      if (typeof value === 'string') return `${value}-changed`;
      if (typeof value === 'boolean') return !value;
      if (typeof value === 'number') return value + 1;
      if (Array.isArray(value)) return [...value, 'changed'];
      if (value instanceof Map) return new Map([...value, ['changed', 'changed']]);
      const location = value as { uri: string };
      return { ...location, uri: `${location.uri}-changed` };
    };
    const parts = ['elements', 'flows', 'boundaries'] as const;
    let fields = 0;
    for (const part of parts) {
      const [id, declared] = [...before[part]][0];
      const with_ = (replacement: object) => ({ ...before, [part]: new Map([...before[part]].map(([k, v]) => [k, k === id ? replacement : v])) });
      assert.ok(reuseEvaluation(before, evaluation, with_({ ...declared }), options), `an unchanged copy of ${part} ${id} is reused`);
      for (const key of Object.keys(declared)) {
        fields++;
        const other = { ...declared, [key]: changed((declared as unknown as Record<string, unknown>)[key]) };
        assert.equal(reuseEvaluation(before, evaluation, with_(other), options), undefined, `${part} ${id} with another ${key}`);
      }
    }
    assert.ok(fields >= 30, `only ${fields} fields changed`);
  });

  it('gives what a fresh workspace gives, after any sequence of edits', () => {
    for (const [seed, start] of modelsToEdit(11, 40)) {
      const pick = seededRandom(seed);
      const ws = memoryWorkspace({ 'main.moat': start });
      modelOf(ws);
      for (let i = 0; i < 40; i++) {
        // From the unedited text most of the time, so that edits often leave a valid model to compare.
        const text = randomEdit(i % 4 === 0 ? ws.text(uri)! : start, pick);
        ws.setDocument(uri, text);
        const analysis = modelOf(ws);
        assert.deepStrictEqual(seen(analysis), seen(modelOf(memoryWorkspace({ 'main.moat': text }))), `edit ${i} (seed ${seed})`);
      }
    }
  });
});
