import { strict as assert } from 'node:assert';
import { linkModel } from '../../../server/src/core/model/link';
import { ModelAnalysis, Workspace } from '../../../server/src/core/model/workspace';
import { reuseRuleResult } from '../../../server/src/core/rules/early-cutoff';
import { evaluateRules } from '../../../server/src/core/rules/engine';
import { parseMoat } from '../../../server/src/core/syntax/parse';
import { memoryWorkspace, wsUri } from '../../helpers/markers';
import { exampleModel, modelsToEdit, randomEdit, seededRandom } from '../../helpers/random-edits';
import { testToday } from '../../helpers/rules';

const uri = wsUri('main.moat');

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
    const reused = reuseRuleResult(before.model, evaluateRules(before.model, { today: testToday }), after.model);
    assert.ok(reused, 'lines that moved are no reason to evaluate again');
    assert.deepStrictEqual(reused, evaluateRules(after.model, { today: testToday }));
  });

  it('reports a problem of a rules_off entry where the entry moved to', () => {
    const text = 'model "Shop" {\n  rules_off: [no-such-rule]\n}\nactor customer\n';
    const ws = memoryWorkspace({ 'main.moat': text });
    const unknownRule = () => modelOf(ws).diagnostics.find((d) => d.code === 'unknown-rule')?.range.start;
    assert.deepEqual(unknownRule(), { line: 1, character: 14 });
    ws.setDocument(uri, text.replace('[no-such-rule]', '[  no-such-rule]'));
    assert.deepEqual(unknownRule(), { line: 1, character: 16 });
  });

  it('reuses a result only when evaluating the new model gives the same, and does so for many edits', () => {
    let reused = 0;
    for (const [seed, start] of modelsToEdit(21, 40)) {
      const pick = seededRandom(seed);
      const before = linkModel(uri, [parseMoat(uri, start).file]).model;
      const result = evaluateRules(before, { today: testToday });
      for (let i = 0; i < 40; i++) {
        const after = linkModel(uri, [parseMoat(uri, randomEdit(start, pick)).file]).model;
        const reuse = reuseRuleResult(before, result, after);
        if (!reuse) continue;
        reused++;
        assert.deepStrictEqual(reuse, evaluateRules(after, { today: testToday }), `edit ${i} (seed ${seed})`);
      }
    }
    assert.ok(reused >= 20, `only ${reused} of 120 edits reused the rules' result`);
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
