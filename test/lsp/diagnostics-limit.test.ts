import { strict as assert } from 'node:assert';
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { Finding } from '../../server/src/core/rules/finding';
import { findingsShown, ShownFinding } from '../../server/src/lsp/diagnostics-limit';

/** Candidates named by letter: `candidate('a', 'high', Warning)`; findings read only `severity` and `origin` here. */
const candidate = (name: string, severity: Finding['severity'], shown: DiagnosticSeverity, origin: Finding['origin'] = 'built-in'): ShownFinding & { name: string } => ({
  name,
  finding: { severity, origin, name } as unknown as Finding,
  severity: shown,
});
const names = (chosen: ReturnType<typeof findingsShown>, from: ReadonlyArray<ShownFinding & { name: string }>) => from.filter((c) => chosen!.kept.has(c.finding)).map((c) => c.name);

describe('lsp: which findings a file shows past its limit', () => {
  const { Error, Warning, Information, Hint } = DiagnosticSeverity;
  const candidates = [
    candidate('a', 'medium', Information),
    candidate('b', 'high', Warning),
    candidate('c', 'low', Information),
    candidate('d', 'critical', Warning),
    candidate('e', 'high', Warning),
    candidate('f', 'medium', Error),
    candidate('g', 'critical', Hint),
  ];

  it('keeps all when they fit', () => {
    assert.equal(findingsShown(candidates, 7), undefined);
    assert.equal(findingsShown([], 0), undefined);
  });

  it('keeps the more severe diagnostic first, then the more severe finding, then the earlier one, in their order', () => {
    assert.deepEqual(names(findingsShown(candidates, 1), candidates), ['f']);
    assert.deepEqual(names(findingsShown(candidates, 2), candidates), ['d', 'f']);
    assert.deepEqual(names(findingsShown(candidates, 3), candidates), ['b', 'd', 'f']);
    assert.deepEqual(names(findingsShown(candidates, 5), candidates), ['a', 'b', 'd', 'e', 'f']);
    assert.deepEqual(names(findingsShown(candidates, 6), candidates), ['a', 'b', 'c', 'd', 'e', 'f']);
    assert.equal(findingsShown(candidates, 3)!.total, 7);
  });

  it("keeps the model's own threats before any rule's finding", () => {
    const withThreat = [...candidates, candidate('t', 'low', Information, 'threat')];
    assert.deepEqual(names(findingsShown(withThreat, 2), withThreat), ['f', 't']);
  });

  it('keeps none when problems and the notice fill the limit', () => {
    assert.deepEqual(names(findingsShown(candidates, 0), candidates), []);
    assert.deepEqual(names(findingsShown(candidates, -2), candidates), []);
  });
});
