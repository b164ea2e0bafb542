import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';

/**
 * Diagnostics that say what an earlier one said, at other places: every field alike but the
 * ranges (`range`, and each related location's). `diagnosticsOf` notes them for the stdio encoder,
 * which writes such a diagnostic's JSON from the earlier one's with the new positions in: the
 * diagnostics below a line added mid-file are half of a large model's.
 */
const earlier = new WeakMap<LspDiagnostic, LspDiagnostic>();

/**
 * A copy of a diagnostic at other ranges, noted as moved. `related` must say what the earlier
 * related information said, item by item. A copy of a copy is noted as a copy of the first: a
 * chain of copies, one per edit, would keep every diagnostic ever published.
 */
export function movedDiagnostic(diagnostic: LspDiagnostic, range: LspDiagnostic['range'], related: LspDiagnostic['relatedInformation']): LspDiagnostic {
  const moved: LspDiagnostic = { ...diagnostic, range };
  if (related) moved.relatedInformation = related;
  earlier.set(moved, earlier.get(diagnostic) ?? diagnostic);
  return moved;
}

/** The diagnostic a moved one was first copied from. */
export function movedFrom(diagnostic: object): LspDiagnostic | undefined {
  return earlier.get(diagnostic as LspDiagnostic);
}

/** The ranges of a diagnostic in the order `JSON.stringify` writes them. */
export function rangesOf(diagnostic: LspDiagnostic): LspDiagnostic['range'][] {
  const ranges = [diagnostic.range];
  for (const r of diagnostic.relatedInformation ?? []) ranges.push(r.location.range);
  return ranges;
}
