import { Diagnostic as LspDiagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import type { Finding } from '../core/rules/finding';
import { rank, severities } from '../core/model/threat-model';

/**
 * Which findings of a file get a diagnostic when the file has more than the limit allows.
 *
 * VS Code shows at most 1,000 diagnostics per file: it keeps errors, then warnings, then the rest,
 * in the order they came, and drops the others. A large model's findings would be cut off at
 * whichever element came last, with a medium finding kept over a critical one further down, and
 * every client would still parse megabytes it then throws away. The server makes the choice
 * itself: the most severe findings first, the notice says how many are not shown, and
 * `moat.maxDiagnosticsPerFile` (0: no limit) lets a client show them all.
 *
 * The limit is 1,000 for every client unless it sets another: a team whose members use different
 * editors sees the same findings, chosen the same way, and no editor is sent thousands of
 * diagnostics per keystroke (on a 2,000-element file, 4.7 MB of JSON to parse on every edit).
 */
export interface FindingsShown {
  /** The findings kept, in the order they came. */
  readonly kept: ReadonlySet<Finding>;
  /** How many findings had a diagnostic to show, kept or not. */
  readonly total: number;
}

/** A finding of the file with the diagnostic severity the settings give it. */
export interface ShownFinding {
  readonly finding: Finding;
  readonly severity: DiagnosticSeverity;
}

/**
 * The findings to show when more than `room` would be shown, or undefined when all fit. The
 * model's own `threat`s first (someone wrote each of them, and they are few), then the more severe
 * diagnostic, then the more severe finding, then the one that came first: seventeen classes of
 * importance, so a count per class finds the cut without sorting thousands of findings.
 */
export function findingsShown(candidates: readonly ShownFinding[], room: number): FindingsShown | undefined {
  if (candidates.length <= room) return undefined;
  const classOf = (c: ShownFinding): number =>
    c.finding.origin === 'threat' ? 0 : 1 + (c.severity - 1) * severities.length + (severities.length - 1 - rank(severities, c.finding.severity));
  const classes = Uint8Array.from(candidates, classOf);
  const perClass = new Array<number>(1 + 4 * severities.length).fill(0);
  for (const at of classes) perClass[at]++;
  // Every class before `cut` is kept whole; of class `cut`, the first `left` findings.
  let cut = 0;
  let left = Math.max(0, room);
  while (cut < perClass.length && perClass[cut] <= left) left -= perClass[cut++];
  const kept = new Set<Finding>();
  for (let i = 0; i < candidates.length; i++) {
    const at = classes[i];
    if (at < cut || (at === cut && left-- > 0)) kept.add(candidates[i].finding);
  }
  return { kept, total: candidates.length };
}

/**
 * The information diagnostic at the top of a file whose findings were more than the limit: one
 * line, so that no one takes the missing diagnostics for an all-clear.
 */
export function limitNotice(shown: FindingsShown, limit: number): LspDiagnostic {
  const count = (n: number): string => n.toLocaleString('en-US');
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    code: 'diagnostics-limit',
    source: 'moat',
    message:
      `Moat shows ${count(shown.kept.size)} of this file's ${count(shown.total)} findings here: the model's own threats, then the most severe ` +
      `(moat.maxDiagnosticsPerFile is ${count(limit)}; 0 shows all). Hovers, code lenses and \`moat check\` count every finding.`,
  };
}
