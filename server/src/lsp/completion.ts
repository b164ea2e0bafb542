import { CompletionItem, CompletionItemKind, CompletionParams, InsertTextFormat, MarkupKind } from 'vscode-languageserver';
import { IToken, tokenMatcher } from 'chevrotain';
import { propertiesOf, propertySpec, PropertyOwner, PropertySpec } from '../core/model/property-schema';
import { classifications, mitigationStatuses, severities, strideCategories, ThreatModel } from '../core/model/threat-model';
import { builtInRules } from '../core/rules/catalogue';
import * as T from '../core/syntax/tokens';
import type { Session } from './session';

/** A `{ … }` block met while scanning: what declared it, and the property keys written directly in it. */
interface Block {
  readonly owner: PropertyOwner | 'top' | 'unknown';
  readonly keys: Set<string>;
}

/** What the text before the cursor says about where the cursor is. */
interface Context {
  readonly block: Block;
  /** Tokens of the statement being written, before the word under the cursor. */
  readonly statement: readonly IToken[];
  /** Whether an unclosed `[` of the statement is open. */
  readonly inList: boolean;
}

const declarationWords = new Set(['model', 'import', 'data', 'actor', 'external', 'process', 'store', 'boundary', 'flow', 'threat', 'mitigate', 'accept', 'rule']);
const nodeOwners = new Set<string>(['actor', 'external', 'process', 'store']);
const choice = (values: readonly string[]): string => `|${values.join(',')}|`;

const snippets: Record<string, string> = {
  model: 'model "${1:Title}" {\n\tversion: "${2:1.0}"\n\t$0\n}',
  import: 'import "${1:path.moat}"',
  data: `data \${1:id} "\${2:Label}" {\n\tclassification: \${3${choice(classifications)}}\n}`,
  actor: 'actor ${1:id} "${2:Label}" {\n\t$0\n}',
  external: 'external ${1:id} "${2:Label}" {\n\t$0\n}',
  process: 'process ${1:id} "${2:Label}" {\n\t$0\n}',
  store: 'store ${1:id} "${2:Label}" {\n\t$0\n}',
  boundary: 'boundary ${1:id} "${2:Label}" {\n\ttrust: ${3|untrusted,low,medium,high|}\n\t$0\n}',
  flow: 'flow ${1:source} -> ${2:target} "${3:Label}" {\n\tprotocol: "${4:https}"\n\t$0\n}',
  threat: `threat \${1:id} "\${2:Title}" {\n\tcategory: \${3${choice(strideCategories)}}\n\tseverity: \${4${choice(severities)}}\n\ton: [\${5:target}]\n}`,
  mitigate: `mitigate \${1:rule} "\${2:How it is mitigated}" {\n\tstatus: \${3${choice(mitigationStatuses)}}\n}`,
  accept: 'accept ${1:rule} "${2:Why the risk is accepted}" {\n\tby: "${3:who}"\n\texpires: "${4:YYYY-MM-DD}"\n}',
  rule: `rule \${1:id} "\${2:Title}" {\n\tcategory: \${3${choice(strideCategories)}}\n\tseverity: \${4${choice(severities)}}\n\tapplies: \${5|actor,external,process,store,flow|}\n\twhen: $0\n}`,
};

/** At top level a `mitigate`/`accept` must say what it is on. */
const topLevelSnippets: Record<string, string> = {
  mitigate: `mitigate \${1:rule} "\${2:How it is mitigated}" {\n\ton: \${3:target}\n\tstatus: \${4${choice(mitigationStatuses)}}\n}`,
  accept: 'accept ${1:rule} "${2:Why the risk is accepted}" {\n\ton: ${3:target}\n\tby: "${4:who}"\n\texpires: "${5:YYYY-MM-DD}"\n}',
};

/** `textDocument/completion`: keywords, properties, values and IDs fitting the text before the cursor, which may be incomplete. */
export function completion(session: Session, params: CompletionParams): CompletionItem[] {
  const uri = params.textDocument.uri;
  const text = session.text(uri);
  const index = session.lineIndex(uri);
  if (text === undefined || !index) return [];
  const cursor = index.offsetAt(params.position);
  const context = contextAt(text, cursor);
  if (!context) return [];
  const model = session.modelOf(uri)?.model;
  return itemsFor(context, model);
}

/** Reads the block structure and the current statement from the tokens before the cursor; undefined inside a string or comment. */
function contextAt(text: string, cursor: number): Context | undefined {
  // The word being typed is replaced by the client's filtering, so context comes from what precedes it.
  const word = /[A-Za-z0-9_-]*$/.exec(text.slice(0, cursor))![0].replace(/^-+/, '');
  const wordStart = cursor - word.length;
  const lexed = T.moatLexer.tokenize(text);
  for (const c of lexed.groups.comments ?? []) {
    if (c.startOffset < cursor && cursor <= c.endOffset! + (c.tokenType === T.BlockComment ? 0 : 1)) return undefined;
  }
  const top: Block = { owner: 'top', keys: new Set() };
  const stack: Block[] = [top];
  let statement: IToken[] = [];
  let depth = 0; // `[` / `(` nesting inside the current statement
  let snapshot: Context | undefined;
  let previous: IToken | undefined;
  const take = (): Context => ({ block: stack[stack.length - 1], statement: [...statement], inList: depth > 0 });
  for (const token of lexed.tokens) {
    if (!snapshot && token.startOffset >= wordStart) {
      // A new line with no open list starts a new statement: properties are one per line.
      if (previous && depth === 0 && lineOf(text, previous.endOffset!, wordStart)) statement = [];
      snapshot = take();
    }
    if (token.tokenType === T.StringLiteral || token.tokenType === T.UnterminatedString || token.tokenType === T.TextBlock) {
      // Inside a closed string the cursor is before its last quote; an unclosed one runs to the end of the line.
      const open = token.tokenType === T.UnterminatedString ? 1 : 0;
      if (token.startOffset < cursor && cursor <= token.endOffset! + open) return undefined;
    }
    if (previous && depth === 0 && token.startLine! > previous.endLine!) statement = [];
    const type = token.tokenType;
    if (type === T.LCurly) {
      stack.push({ owner: ownerOf(statement), keys: new Set() });
      statement = [];
      depth = 0;
    } else if (type === T.RCurly) {
      if (stack.length > 1) stack.pop();
      statement = [];
      depth = 0;
    } else if (type === T.Semicolon || (type === T.Comma && depth === 0)) {
      statement = [];
    } else {
      if (type === T.LBracket || type === T.LParen) depth++;
      if ((type === T.RBracket || type === T.RParen) && depth > 0) depth--;
      if (type === T.Colon && statement.length === 1 && tokenMatcher(statement[0], T.Identifier)) stack[stack.length - 1].keys.add(statement[0].image);
      statement.push(token);
    }
    previous = token;
  }
  if (!snapshot) {
    if (previous && depth === 0 && lineOf(text, previous.endOffset!, wordStart)) statement = [];
    snapshot = take();
  }
  return snapshot;
}

/** Whether a line break lies between two offsets. */
function lineOf(text: string, from: number, to: number): boolean {
  return /[\r\n]/.test(text.slice(from + 1, to));
}

/** Which declaration a `{` opens, from the first word of its statement. */
function ownerOf(statement: readonly IToken[]): Block['owner'] {
  const first = statement[0]?.image;
  return first && declarationWords.has(first) && first !== 'import' ? (first as PropertyOwner) : 'unknown';
}

function itemsFor(context: Context, model: ThreatModel | undefined): CompletionItem[] {
  const { block, statement, inList } = context;
  const first = statement[0];
  const last = statement[statement.length - 1];
  if (!first) return startOfLine(block);
  const head = first.image;
  if (head === 'flow' && !statement.some((t) => t.tokenType === T.StringLiteral || t.tokenType === T.LCurly)) {
    // `flow |`, `flow id: |`, `flow a -> |`: an end of the flow is expected (or a new flow's own ID).
    const atEnd = statement.length === 1 || last.tokenType === T.Arrow || last.tokenType === T.TwoWayArrow || (statement.length === 3 && last.tokenType === T.Colon);
    return atEnd && model ? elementItems(model) : [];
  }
  if ((head === 'mitigate' || head === 'accept') && statement.length === 1) return ruleItems(model, true);
  const isKey = statement.length >= 2 && statement[1].tokenType === T.Colon && first.tokenType !== T.StringLiteral;
  if (!isKey) return [];
  const afterValueStart = last.tokenType === T.Colon || (inList && (last.tokenType === T.LBracket || last.tokenType === T.Comma));
  if (!afterValueStart) return [];
  return valueItems(head, model, statement.length > 2);
}

/** Keywords, snippets and the block's properties for a cursor at the start of a statement. */
function startOfLine(block: Block): CompletionItem[] {
  const items: CompletionItem[] = [];
  const keywords =
    block.owner === 'top'
      ? [...declarationWords]
      : block.owner === 'boundary'
        ? ['actor', 'external', 'process', 'store', 'boundary', 'flow', 'data', 'threat', 'mitigate', 'accept']
        : nodeOwners.has(block.owner) || block.owner === 'flow'
          ? ['threat', 'mitigate', 'accept']
          : [];
  for (const word of keywords) {
    items.push({ label: word, kind: CompletionItemKind.Keyword, sortText: `1${word}` });
    const snippet = (block.owner === 'top' && topLevelSnippets[word]) || snippets[word];
    if (snippet) {
      items.push({
        label: word,
        kind: CompletionItemKind.Snippet,
        detail: `${word} declaration`,
        insertText: snippet,
        insertTextFormat: InsertTextFormat.Snippet,
        sortText: `2${word}`,
      });
    }
  }
  if (block.owner !== 'top' && block.owner !== 'unknown') {
    for (const spec of propertiesOf(block.owner)) {
      if (block.keys.has(spec.name)) continue;
      items.push(propertyItem(spec));
    }
  }
  return items;
}

function propertyItem(spec: PropertySpec): CompletionItem {
  const list = spec.type.kind === 'names' || spec.type.kind === 'refs' || spec.type.kind === 'enum-list';
  return {
    label: spec.name,
    kind: CompletionItemKind.Property,
    detail: typeName(spec),
    documentation: { kind: MarkupKind.Markdown, value: spec.doc },
    insertText: list ? `${spec.name}: [$0]` : spec.type.kind === 'string' || spec.type.kind === 'date' ? `${spec.name}: "$0"` : `${spec.name}: `,
    insertTextFormat: InsertTextFormat.Snippet,
    sortText: `0${spec.name}`,
  };
}

function typeName(spec: PropertySpec): string {
  const t = spec.type;
  switch (t.kind) {
    case 'enum':
    case 'enum-list':
      return t.values.join(' | ');
    case 'refs':
      return `list of ${t.to} IDs`;
    case 'names':
      return 'list of names';
    default:
      return t.kind;
  }
}

/** Values after `key:` (or inside its list): enum members, booleans, or IDs of the right kind. */
function valueItems(key: string, model: ThreatModel | undefined, inValue: boolean): CompletionItem[] {
  const spec = propertySpec(key);
  if (key === 'on') return model ? [...elementItems(model), ...flowItems(model)] : [];
  if (key === 'rules_off') return ruleItems(undefined, false);
  if (key === 'data' || key === 'holds' || key === 'handles') return model ? dataItems(model) : [];
  if (!spec) return [];
  const t = spec.type;
  if (t.kind === 'boolean' && !inValue) return ['true', 'false'].map((v) => ({ label: v, kind: CompletionItemKind.Value }));
  if (t.kind === 'enum' && !inValue) return t.values.map((v) => ({ label: v, kind: CompletionItemKind.EnumMember }));
  if (t.kind === 'enum-list') return t.values.map((v) => ({ label: v, kind: CompletionItemKind.EnumMember }));
  if (t.kind === 'names' && t.known) return t.known.map((v) => ({ label: v, kind: CompletionItemKind.Value }));
  return [];
}

function elementItems(model: ThreatModel): CompletionItem[] {
  return [...model.elements.values()].map((e) => ({
    label: e.id,
    kind: e.kind === 'store' ? CompletionItemKind.Struct : e.kind === 'process' ? CompletionItemKind.Function : CompletionItemKind.Class,
    detail: `${e.kind}${e.label !== e.id ? ` · ${e.label}` : ''}`,
  }));
}

function flowItems(model: ThreatModel): CompletionItem[] {
  return [...model.flows.values()]
    .filter((f) => !f.generatedId)
    .map((f) => ({ label: f.id, kind: CompletionItemKind.Event, detail: `flow ${f.source} ${f.twoWay ? '<->' : '->'} ${f.target}` }));
}

function dataItems(model: ThreatModel): CompletionItem[] {
  return [...model.data.values()].map((d) => ({ label: d.id, kind: CompletionItemKind.Constant, detail: `data · ${d.classification}${d.label !== d.id ? ` · ${d.label}` : ''}` }));
}

/** Built-in rule IDs with their titles; with `own`, also the model's custom rules and threats (what `mitigate`/`accept` may name). */
function ruleItems(model: ThreatModel | undefined, own: boolean): CompletionItem[] {
  const items: CompletionItem[] = builtInRules.map((r) => ({
    label: r.id,
    kind: CompletionItemKind.EnumMember,
    detail: r.title,
    documentation: { kind: MarkupKind.Markdown, value: `**${r.severity}** · ${r.category}\n\n${r.description}` },
  }));
  if (own && model) {
    for (const r of model.rules.values()) items.push({ label: r.id, kind: CompletionItemKind.EnumMember, detail: `custom rule · ${r.title}` });
    for (const t of model.threats.values()) items.push({ label: t.id, kind: CompletionItemKind.Reference, detail: `threat · ${t.title}` });
  } else if (model) {
    for (const r of model.rules.values()) items.push({ label: r.id, kind: CompletionItemKind.EnumMember, detail: `custom rule · ${r.title}` });
  }
  return items;
}
