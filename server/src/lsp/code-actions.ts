import { CodeAction, CodeActionKind, CodeActionParams, Diagnostic, TextEdit } from 'vscode-languageserver';
import type { Declaration } from '../core/syntax/ast';
import type { ThreatModel } from '../core/model/threat-model';
import type { Finding } from '../core/rules/finding';
import type { PropertyFix } from '../core/rules/rule';
import { builtInRules } from '../core/rules/catalogue';
import { propertySpec } from '../core/model/property-schema';
import { comparePositions, Position, Range } from '../core/text/range';
import { quote } from '../core/text/quote';
import { findingDiagnostic, findingOfDiagnostic } from './diagnostics';
import type { Session } from './session';

const indentUnit = '  ';
/** How long a risk acceptance made by the quick fix lasts before someone must look again. */
const acceptDays = 90;
const rulesById = new Map(builtInRules.map((r) => [r.id, r]));

type BodyDeclaration = Exclude<Declaration, { type: 'import' }>;

/** `textDocument/codeAction`: quick fixes for findings (mitigate, accept, property fix) and for typos and unknown references. */
export function codeActions(session: Session, params: CodeActionParams): CodeAction[] {
  const uri = params.textDocument.uri;
  const text = session.text(uri);
  if (text === undefined) return [];
  const ctx = new EditContext(session, uri, text);
  const actions: CodeAction[] = [];
  const handled = new Set<string>();
  for (const d of params.context.diagnostics) {
    const data = d.data as { suggestions?: string[] } | undefined;
    const found = findingOfDiagnostic(session, uri, d);
    if (found) {
      if (handled.has(found.finding.id)) continue;
      handled.add(found.finding.id);
      actions.push(...findingActions(ctx, found.finding, found.model, d));
    } else if (d.code === 'unknown-reference') {
      actions.push(...unknownReferenceActions(ctx, d, data?.suggestions ?? []));
    } else if (data?.suggestions?.length) {
      for (const s of data.suggestions) actions.push(quickFix(`Change to ${quote(s)}`, uri, [TextEdit.replace(d.range, s)], d, data.suggestions.length === 1));
    }
  }
  // A client asking for the cursor's actions without diagnostics still gets the finding fixes there.
  for (const { model, findings } of session.modelsOf(uri)) {
    for (const finding of findings) {
      if (finding.location.uri !== uri || handled.has(finding.id) || !intersects(finding.location.nameRange, params.range)) continue;
      if (finding.status === 'mitigated' || finding.status === 'accepted') continue;
      const d = findingDiagnostic(finding, model, session.settings, session.diagnosticSupport);
      if (!d) continue;
      handled.add(finding.id);
      actions.push(...findingActions(ctx, finding, model, d));
    }
  }
  return actions;
}

/** The text of one file with what the edits need to know about it: lines, parse tree, models. */
class EditContext {
  readonly lines: string[];
  /** The file's own line break, so an inserted line does not mix `\n` into a CRLF file. */
  readonly eol: string;

  constructor(
    readonly session: Session,
    readonly uri: string,
    readonly text: string,
  ) {
    this.lines = text.split(/\r?\n|\r/);
    this.eol = text.includes('\r\n') ? '\r\n' : '\n';
  }

  /** The declaration that starts at a position (a symbol's location), searched through nested bodies. */
  declarationAt(start: Position): BodyDeclaration | undefined {
    const parsed = this.session.workspace.parse(this.uri);
    const search = (decls: readonly Declaration[]): BodyDeclaration | undefined => {
      for (const d of decls) {
        if (d.type === 'import') continue;
        if (comparePositions(d.range.start, start) === 0) return d;
        const inner = search(d.children);
        if (inner) return inner;
      }
      return undefined;
    };
    return parsed ? search(parsed.file.declarations) : undefined;
  }

  /** The leading whitespace of a line. */
  indentOf(line: number): string {
    return /^\s*/.exec(this.lines[line] ?? '')![0];
  }

  /** Where a new top-level declaration goes: after everything, on a line of its own. */
  appendAtEnd(declaration: string): TextEdit {
    const last = this.lines.length - 1;
    const end = { line: last, character: this.lines[last].length };
    const prefix = this.lines[last].trim() === '' ? (last > 0 && this.lines[last - 1].trim() !== '' ? this.eol : '') : `${this.eol}${this.eol}`;
    return TextEdit.insert(end, `${prefix}${declaration}${this.eol}`);
  }

  /** Inserts a line as the last item inside a declaration's `{ }`, creating the block when there is none. */
  insertInBody(decl: BodyDeclaration, line: string): TextEdit {
    const outer = this.indentOf(decl.range.start.line);
    const inner = outer + indentUnit;
    if (!decl.bodyRange) return TextEdit.insert(decl.range.end, ` {${this.eol}${inner}${line}${this.eol}${outer}}`);
    const close = decl.bodyRange.end; // just after `}`
    const closeAt = { line: close.line, character: close.character - 1 };
    const before = (this.lines[closeAt.line] ?? '').slice(0, closeAt.character);
    if (before.trim() === '') {
      // `}` alone on its line: the new line goes just above it, keeping the brace's indentation.
      return TextEdit.insert({ line: closeAt.line, character: 0 }, `${inner}${line}${this.eol}`);
    }
    // `{ ... }` on one line: break before `}` so the new item gets a line of its own.
    const trimmed = before.replace(/\s+$/, '');
    const from = { line: closeAt.line, character: trimmed.length };
    return TextEdit.replace({ start: from, end: closeAt }, `${this.eol}${inner}${line}${this.eol}${outer}`);
  }
}

/** The fixes of one finding: add a planned mitigation, accept the risk, and the rule's property fix. */
function findingActions(ctx: EditContext, finding: Finding, model: ThreatModel, d: Diagnostic): CodeAction[] {
  const decl = finding.location.uri === ctx.uri ? ctx.declarationAt(finding.location.range.start) : undefined;
  if (!decl) return [];
  const actions: CodeAction[] = [];
  const target = finding.target;
  const inBlock = decl.type === 'element' || decl.type === 'flow';
  // A generated flow ID (`a->b`) cannot be written after `on:`, so such responses go inside the flow.
  const anonymous = decl.type === 'flow' && model.flows.get(target)?.generatedId === true;

  const mitigate = `mitigate ${finding.rule} "TODO: how it is mitigated" { status: planned }`;
  const mitigation = inBlock ? ctx.insertInBody(decl, mitigate) : ctx.appendAtEnd(`mitigate ${finding.rule} "TODO: how it is mitigated" { on: ${target}, status: planned }`);
  actions.push(quickFix(`Add mitigation for ${finding.rule}`, ctx.uri, [mitigation], d));

  const expires = isoDate(new Date(Date.now() + acceptDays * 86_400_000));
  const acceptance = anonymous
    ? ctx.insertInBody(decl, `accept ${finding.rule} "TODO: why" { by: "", expires: "${expires}" }`)
    : ctx.appendAtEnd(`accept ${finding.rule} "TODO: why" { on: ${target}, by: "", expires: "${expires}" }`);
  actions.push(quickFix(`Accept risk ${finding.rule}`, ctx.uri, [acceptance], d));

  const fix = finding.origin === 'built-in' ? rulesById.get(finding.rule)?.fix : undefined;
  if (fix?.on === 'flow-target') {
    const end = decl.type === 'flow' ? flowEndToFix(ctx, model, target, fix) : undefined;
    if (end) actions.unshift(quickFix(`Set \`${fix.property}: ${fix.value}\` on ${end.id}`, end.ctx.uri, setProperty(end.ctx, end.decl, fix), d, true));
  } else if (fix && (inBlock || decl.type === 'boundary')) {
    actions.unshift(quickFix(`Set \`${fix.property}: ${fix.value}\``, ctx.uri, setProperty(ctx, decl, fix), d, true));
  }
  return actions;
}

/** The edits that make a declaration say `property: value`: the written value replaced, or the property added to its body. */
function setProperty(ctx: EditContext, decl: BodyDeclaration, fix: PropertyFix): TextEdit[] {
  const value = String(fix.value);
  const written = decl.properties.filter((p) => p.key.text === fix.property);
  return written.length
    ? written.map((p) => (p.value ? TextEdit.replace(p.value.range, value) : TextEdit.replace(p.range, `${fix.property}: ${value}`)))
    : [ctx.insertInBody(decl, `${fix.property}: ${value}`)];
}

/**
 * The element a flow delivers to, where a rule's fix belongs (`authorizes` on the store written
 * to), with its declaration and file. Of a two-way flow, the end that takes the property and does
 * not have it yet: the rule fired on the direction into that one.
 */
function flowEndToFix(ctx: EditContext, model: ThreatModel, flowId: string, fix: PropertyFix): { id: string; decl: BodyDeclaration; ctx: EditContext } | undefined {
  const flow = model.flows.get(flowId);
  if (!flow) return undefined;
  for (const id of flow.twoWay ? [flow.target, flow.source] : [flow.target]) {
    const element = model.elements.get(id);
    if (!element || element.properties.get(fix.property) === fix.value || !propertySpec(fix.property)?.on.includes(element.kind)) continue;
    const { uri, range } = element.location;
    const text = uri === ctx.uri ? ctx.text : ctx.session.text(uri);
    if (text === undefined) return undefined;
    const there = uri === ctx.uri ? ctx : new EditContext(ctx.session, uri, text);
    const decl = there.declarationAt(range.start);
    return decl ? { id, decl, ctx: there } : undefined;
  }
  return undefined;
}

/** "Did you mean" for each suggestion, and "Create element" declaring the missing name with a kind that fits where it is used. */
function unknownReferenceActions(ctx: EditContext, d: Diagnostic, suggestions: readonly string[]): CodeAction[] {
  const actions = suggestions.map((s, i) => quickFix(`Did you mean ${quote(s)}`, ctx.uri, [TextEdit.replace(d.range, s)], d, i === 0));
  const name = ctx.lines[d.range.start.line]?.slice(d.range.start.character, d.range.end.character) ?? '';
  if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(name) || d.range.start.line !== d.range.end.line) return actions;
  const role = referenceRole(ctx, d.range);
  let declaration: string | undefined;
  if (role === 'data') declaration = `data ${name} { classification: internal }`;
  else if (role === 'flow-end' || role === 'target') declaration = `process ${name} "${name}"`;
  if (declaration) actions.push(quickFix(`Create ${role === 'data' ? 'data asset' : 'element'} ${quote(name)}`, ctx.uri, [ctx.appendAtEnd(declaration)], d));
  return actions;
}

/** What an unresolved name is used for, from the model's references (the diagnostic has its range). */
function referenceRole(ctx: EditContext, range: Range): string | undefined {
  for (const { model } of ctx.session.modelsOf(ctx.uri)) {
    const ref = model.references.find((r) => r.uri === ctx.uri && comparePositions(r.range.start, range.start) === 0);
    if (ref) return ref.role;
  }
  // Not linked (the file is in no model yet): guess from the line.
  const line = ctx.lines[range.start.line] ?? '';
  if (/^\s*flow\b/.test(line) && !/\bdata\s*:/.test(line.slice(0, range.start.character))) return 'flow-end';
  if (/\b(data|holds|handles)\s*:/.test(line.slice(0, range.start.character))) return 'data';
  return undefined;
}

function quickFix(title: string, uri: string, edits: TextEdit[], d: Diagnostic, isPreferred = false): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: { changes: { [uri]: edits } }, ...(isPreferred ? { isPreferred } : {}) };
}

function intersects(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) <= 0 && comparePositions(b.start, a.end) <= 0;
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
