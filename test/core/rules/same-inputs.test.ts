import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { generateModel } from '../../../bench/generate-model';
import { ModelAnalysis, Workspace } from '../../../server/src/core/model/workspace';
import { memoryWorkspace, wsUri } from '../../helpers/markers';
import { randomEdit, seededRandom } from '../../helpers/random-edits';

const example = (name: string) => readFileSync(new URL(`../../../examples/${name}`, import.meta.url), 'utf8');
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
    const text = example('telemedicine.moat');
    const ws = memoryWorkspace({ 'main.moat': text });
    const before = modelOf(ws);
    ws.setDocument(uri, `${text}// reviewed with the clinic's CISO\n`);
    assert.equal(modelOf(ws).findings, before.findings, 'the same findings, not evaluated again');
    ws.setDocument(uri, `${text}flow gateway -> billing\n`);
    const dangling = modelOf(ws);
    assert.equal(dangling.findings, before.findings);
    assert.ok(dangling.diagnostics.some((d) => d.code === 'unknown-reference'), 'the linker still reports the new problem');
  });

  it('evaluates again when a control is switched off or the findings move to other lines', () => {
    const text = example('telemedicine.moat');
    const ws = memoryWorkspace({ 'main.moat': text });
    const before = modelOf(ws);
    ws.setDocument(uri, text.replaceAll('authenticates: true', 'authenticates: false'));
    const changed = modelOf(ws);
    assert.notEqual(changed.findings, before.findings);
    assert.notDeepEqual(changed.findings, before.findings);
    ws.setDocument(uri, `// a line on top moves every finding down\n${text}`);
    const moved = modelOf(ws);
    assert.notEqual(moved.findings, before.findings);
    assert.equal(moved.findings[0].location.range.start.line, before.findings[0].location.range.start.line + 1);
  });

  it('evaluates again when only the place of a rules_off entry moves (its problem is reported there)', () => {
    const text = 'model "Shop" {\n  rules_off: [no-such-rule]\n}\nactor customer\n';
    const ws = memoryWorkspace({ 'main.moat': text });
    const unknownRule = () => modelOf(ws).diagnostics.find((d) => d.code === 'unknown-rule')?.range.start;
    assert.deepEqual(unknownRule(), { line: 1, character: 14 });
    ws.setDocument(uri, text.replace('[no-such-rule]', '[  no-such-rule]'));
    assert.deepEqual(unknownRule(), { line: 1, character: 16 });
  });

  it('gives what a fresh workspace gives, after any sequence of edits', () => {
    let reused = 0;
    for (const [seed, start] of [
      [11, example('telemedicine.moat')],
      [12, example('cicd-pipeline.moat')],
      [13, generateModel(40)],
    ] as const) {
      const pick = seededRandom(seed);
      const ws = memoryWorkspace({ 'main.moat': start });
      let previous = modelOf(ws);
      for (let i = 0; i < 40; i++) {
        // From the unedited text most of the time, so that edits often leave a valid model to compare.
        const text = randomEdit(i % 4 === 0 ? ws.text(uri)! : start, pick);
        ws.setDocument(uri, text);
        const analysis = modelOf(ws);
        assert.deepStrictEqual(seen(analysis), seen(modelOf(memoryWorkspace({ 'main.moat': text }))), `edit ${i} (seed ${seed})`);
        if (analysis.findings === previous.findings) reused++;
        previous = analysis;
      }
    }
    assert.ok(reused >= 5, `only ${reused} of 120 edits kept their findings`);
  });
});
