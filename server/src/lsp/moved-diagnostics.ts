import { sameRange } from '../core/text/range';
import type { CodeDescription, Diagnostic as LspDiagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver';

/**
 * A diagnostic that says what an earlier one said, at other places: every field alike but the
 * ranges (`range`, and each related location's). `diagnosticsOf` makes them for the findings
 * below a line added mid-file (half of a large model's diagnostics), and the stdio encoder writes
 * one's JSON from the earlier one's with the new positions in. Its own fields are a diagnostic's,
 * in the order `diagnosticsOf` writes them, so `JSON.stringify` writes it as it would the plain
 * object; what it was copied from is private and not serialised.
 */
export class MovedDiagnostic implements LspDiagnostic {
  readonly range: LspDiagnostic['range'];
  readonly severity: DiagnosticSeverity | undefined;
  readonly code: LspDiagnostic['code'];
  readonly source: string | undefined;
  readonly message: LspDiagnostic['message'];
  readonly codeDescription: CodeDescription | undefined;
  readonly tags: DiagnosticTag[] | undefined;
  readonly relatedInformation: DiagnosticRelatedInformation[] | undefined;
  readonly #earlier: LspDiagnostic;

  constructor(earlier: LspDiagnostic, range: LspDiagnostic['range'], related: LspDiagnostic['relatedInformation']) {
    this.range = range;
    this.severity = earlier.severity;
    this.code = earlier.code;
    this.source = earlier.source;
    this.message = earlier.message;
    this.codeDescription = earlier.codeDescription;
    this.tags = earlier.tags;
    this.relatedInformation = related;
    // A copy of a copy is a copy of the first: a chain of copies, one per edit, would keep every diagnostic ever published.
    this.#earlier = earlier instanceof MovedDiagnostic ? earlier.#earlier : earlier;
  }

  /** The diagnostic this one was first copied from. */
  get earlier(): LspDiagnostic {
    return this.#earlier;
  }
}

/** The fields a finding diagnostic can have, in the order `diagnosticsOf` writes them: what a moved copy can copy. */
const movable = ['range', 'severity', 'code', 'source', 'message', 'codeDescription', 'tags', 'relatedInformation'];

/**
 * A copy of a diagnostic at other ranges, noted as moved. `related` must say what the earlier
 * related information said, item by item. A diagnostic with other fields (or in another order)
 * is copied plainly, so that it serialises as before.
 */
export function movedDiagnostic(diagnostic: LspDiagnostic, range: LspDiagnostic['range'], related: LspDiagnostic['relatedInformation']): LspDiagnostic {
  if (diagnostic instanceof MovedDiagnostic) {
    // Back where it was first published (a line added and removed again, an undo): that diagnostic, whose JSON the encoder keeps.
    const first = diagnostic.earlier;
    return atRanges(first, range, related) ? first : new MovedDiagnostic(first, range, related);
  }
  if (inOrder(diagnostic)) return new MovedDiagnostic(diagnostic, range, related);
  const moved: LspDiagnostic = { ...diagnostic, range };
  if (related) moved.relatedInformation = related;
  return moved;
}

/** Whether a plain diagnostic's fields are ones a moved copy has, in its order. */
function inOrder(diagnostic: LspDiagnostic): boolean {
  let at = -1;
  for (const key in diagnostic) {
    const i = movable.indexOf(key);
    if (i <= at) return false;
    at = i;
  }
  return true;
}

/** The diagnostic a moved one was first copied from. */
export function movedFrom(diagnostic: object): LspDiagnostic | undefined {
  return diagnostic instanceof MovedDiagnostic ? diagnostic.earlier : undefined;
}

/** Whether a diagnostic's range and related ranges are these, position for position. */
function atRanges(diagnostic: LspDiagnostic, range: LspDiagnostic['range'], related: LspDiagnostic['relatedInformation']): boolean {
  if (!sameRange(diagnostic.range, range)) return false;
  const was = diagnostic.relatedInformation;
  if (was === undefined || related === undefined) return was === related;
  if (was.length !== related.length) return false;
  for (let i = 0; i < was.length; i++) if (!sameRange(was[i].location.range, related[i].location.range)) return false;
  return true;
}
