import { CodeLens } from 'vscode-languageserver';
import { isOpen } from '../core/rules/finding';
import type { Range } from '../core/text/range';
import type { Session } from './session';

/** `textDocument/codeLens`: above each element and named flow of the file, its finding counts and a link to the diagram. */
export function codeLenses(session: Session, uri: string): CodeLens[] {
  const targets = new Map<string, Range>();
  const open = new Map<string, number>();
  const mitigated = new Map<string, number>();
  const seen = new Set<string>();
  for (const { model, findings } of session.modelsOf(uri)) {
    for (const e of model.elements.values()) if (e.location.uri === uri && !targets.has(e.id)) targets.set(e.id, e.location.range);
    // Anonymous flows have no written ID to show findings for by name; the spec asks for named ones.
    for (const f of model.flows.values()) if (f.location.uri === uri && !f.generatedId && !targets.has(f.id)) targets.set(f.id, f.location.range);
    for (const f of findings) {
      // A file imported by two models sees the same finding twice: count it once.
      if (seen.has(f.id)) continue;
      seen.add(f.id);
      // The checklist's questions are not findings with evidence: `moat check` and the diagram count them apart too.
      if (f.checklist) continue;
      // `planned` is still open: the threat is there until the mitigation is in place.
      if (isOpen(f)) open.set(f.target, (open.get(f.target) ?? 0) + 1);
      else if (f.status === 'mitigated') mitigated.set(f.target, (mitigated.get(f.target) ?? 0) + 1);
    }
  }
  const lenses: CodeLens[] = [];
  for (const [id, declared] of targets) {
    const range = { start: declared.start, end: declared.start };
    lenses.push({ range, command: { title: findingsTitle(open.get(id) ?? 0, mitigated.get(id) ?? 0), command: 'moat.showFindings', arguments: [uri, id] } });
    lenses.push({ range, command: { title: 'Show in diagram', command: 'moat.openDiagram', arguments: [uri, id] } });
  }
  return lenses.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** "2 open threats · 1 mitigated", "1 open threat", "no open threats". */
export function findingsTitle(open: number, mitigated: number): string {
  const openText = open === 0 ? 'no open threats' : `${open} open threat${open === 1 ? '' : 's'}`;
  return mitigated > 0 ? `${openText} · ${mitigated} mitigated` : openText;
}
