import { createTokenInstance, EmbeddedActionsParser, IOrAlt, IParserErrorMessageProvider, IToken, TokenType, tokenMatcher } from 'chevrotain';
import { quote } from '../text/quote';
import * as T from './tokens';
import type {
  BinaryOperator,
  Declaration,
  ElementKind,
  Expression,
  FlowDeclaration,
  ListValue,
  Name,
  Property,
  StringValue,
  Value,
} from './ast';
import { Position, Range } from '../text/range';
import { unescapeString, textBlockContent } from './strings';

/** The range of one token, zero-based and end-exclusive. */
export function tokenRange(token: IToken): Range {
  return { start: tokenStart(token), end: tokenEnd(token) };
}

// A position holds small integers. One boxed number stored in a position (a token field of
// chevrotain's shape is one, see `newLexer` in tokens.ts) makes V8 box `line` and `character` in
// every position object of the process: 1.4 million extra objects, 22 MB, for a 10,000-element
// model. `| 0` keeps each a small integer whatever token it comes from.

function tokenStart(token: IToken): Position {
  return { line: ((token.startLine ?? 1) - 1) | 0, character: ((token.startColumn ?? 1) - 1) | 0 };
}

function tokenEnd(token: IToken): Position {
  return { line: ((token.endLine ?? 1) - 1) | 0, character: (token.endColumn ?? 0) | 0 };
}

function span(start: Range, end: Range): Range {
  return { start: start.start, end: end.end };
}

function nameOf(token: IToken): Name {
  return { text: token.image, range: tokenRange(token) };
}

/** Whether a token was read from the text: not invented by error recovery (`getTokenToInsert`), nor the end of input. */
function isReal(token: IToken): boolean {
  return token.isInsertedInRecovery !== true && !Number.isNaN(token.startOffset);
}

/** A body under construction: the node the parser fills while it reads `{ ... }`. */
interface BodyOwner {
  properties: Property[];
  children: Declaration[];
  range: Range;
  bodyRange: Range | undefined;
}

// Mutable views of AST nodes: the parser fills nodes in as it reads, so a node that breaks
// off half-way (a flow still being typed) is already in its parent's list.
type Mutable<N> = { -readonly [K in keyof N]: N[K] };

const errorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, actual }) =>
    // Chevrotain expects EOF after a top-level item it cannot continue (a stray `}`): say what may come instead.
    expected.name === 'EOF' ? `unexpected ${describeFound(actual)}: expected a declaration` : `expected ${T.describeTokenType(expected)} but found ${describeFound(actual)}`,
  buildNotAllInputParsedMessage: ({ firstRedundant }) => `unexpected ${describeFound(firstRedundant)}: expected a declaration`,
  buildNoViableAltMessage: ({ actual, ruleName }) => {
    const [first, second] = actual;
    if (ruleName === 'bodyItem' && first && second && tokenMatcher(first, T.Identifier) && !tokenMatcher(second, T.Colon)) {
      return `expected \`:\` after ${quote(first.image)} (properties are written \`key: value\`), but found ${describeFound(second)}`;
    }
    return `unexpected ${describeFound(first)}: expected ${expectationOf(ruleName)}`;
  },
  buildEarlyExitMessage: ({ actual, ruleName }) => `unexpected ${describeFound(actual[0])}: expected ${expectationOf(ruleName)}`,
};

function describeFound(token: IToken | undefined): string {
  if (!token || token.tokenType.name === 'EOF') return 'the end of the file';
  return quote(token.image);
}

function expectationOf(ruleName: string): string {
  switch (ruleName) {
    case 'declaration':
    case 'topLevelItem':
      return 'a declaration (model, import, data, actor, external, process, store, boundary, flow, threat, mitigate, accept, rule)';
    case 'bodyItem':
      return 'a property (`key: value`), a nested declaration or `}`';
    case 'value':
    case 'property':
      return 'a value (a string, number, true/false, a name or a list)';
    case 'label':
      return 'a string';
    case 'primary':
    case 'unary':
    case 'comparison':
      return 'an expression';
    default:
      return ruleName;
  }
}

const comparisonOperators: ReadonlyArray<[TokenType, BinaryOperator]> = [
  [T.Equals, '=='],
  [T.NotEquals, '!='],
  [T.LessEqual, '<='],
  [T.GreaterEqual, '>='],
  [T.Less, '<'],
  [T.Greater, '>'],
];

declare const MOAT_VERSION: string | undefined;


/** The Moat grammar. Build one with `new MoatParser()` and reuse it: construction analyses the grammar. */
export class MoatParser extends EmbeddedActionsParser {
  constructor() {
    // The shipped bundle skips grammar validation (tens of milliseconds at every start); tests still run it.
    super(T.allTokens, { recoveryEnabled: true, maxLookahead: 3, errorMessageProvider: errorMessages, skipValidations: typeof MOAT_VERSION === 'string' });
    this.performSelfAnalysis();
  }

  // Alternatives of ORs that capture nothing per call, built once instead of at every call (chevrotain's advice).
  private arrowAlts: IOrAlt<IToken>[] | undefined;
  private labelAlts: IOrAlt<StringValue>[] | undefined;
  private valueAlts: IOrAlt<Value>[] | undefined;

  /**
   * The token error recovery inserts where one is missing (a `}` before the end of the file): empty,
   * right after the last token read. chevrotain's own has no position (NaN), which reached the
   * editor as `null` in the ranges of outline symbols, and VS Code refuses such a range.
   */
  override getTokenToInsert(tokenType: TokenType): IToken {
    const previous = this.LA(0);
    const real = previous !== undefined && !Number.isNaN(previous.startOffset);
    const offset = real ? previous.endOffset! + 1 : 0;
    const line = real ? previous.endLine! : 1;
    const column = real ? previous.endColumn! : 0;
    const token = createTokenInstance(tokenType, '', offset, offset - 1, line, line, column + 1, column);
    token.isInsertedInRecovery = true;
    return token;
  }

  /** Where `file` puts top-level declarations; outside the rule so a parse that breaks off still keeps them. */
  declarations: Declaration[] = [];

  readonly file = this.RULE('file', () => {
    this.MANY(() => this.SUBRULE(this.topLevelItem, { ARGS: [this.declarations] }));
  });

  /** Where `bodyContent` puts the properties and declarations it reads. */
  bodyOwner: Pick<BodyOwner, 'properties' | 'children'> = { properties: [], children: [] };

  /**
   * Lets go of the last parse's tokens and tree. The parser is shared: without this it would keep a
   * file's tokens and declarations alive until the next parse, some 200 MB for a 10,000-element model.
   */
  release(): void {
    this.input = [];
    this.declarations = [];
    this.bodyOwner = { properties: [], children: [] };
  }

  /** The items of a body without its braces: how the edited lines of one body are parsed again (reparse.ts). */
  readonly bodyContent = this.RULE('bodyContent', () => {
    this.MANY(() => this.SUBRULE(this.bodyItem, { ARGS: [this.bodyOwner] }));
  });

  private readonly topLevelItem = this.RULE('topLevelItem', (out: Declaration[]) => {
    this.OR([
      { ALT: () => this.SUBRULE(this.declaration, { ARGS: [out] }) },
      { ALT: () => this.CONSUME(T.Comma) },
      { ALT: () => this.CONSUME(T.Semicolon) },
    ]);
  });

  private readonly declaration = this.RULE('declaration', (out: Declaration[]) => {
    this.OR([
      { ALT: () => this.SUBRULE(this.modelDeclaration, { ARGS: [out] }) },
      { ALT: () => this.SUBRULE(this.importDeclaration, { ARGS: [out] }) },
      { ALT: () => this.SUBRULE(this.flowDeclaration, { ARGS: [out] }) },
      { ALT: () => this.SUBRULE(this.namedDeclaration, { ARGS: [out] }) },
    ]);
  });

  private readonly modelDeclaration = this.RULE('modelDeclaration', (out: Declaration[]) => {
    const keyword = this.CONSUME(T.Model);
    const node = this.ACTION(() => {
      const n: BodyOwner & { type: 'model'; label: StringValue | undefined } = {
        type: 'model',
        label: undefined,
        properties: [],
        children: [],
        range: tokenRange(keyword),
        bodyRange: undefined,
      };
      out.push(n);
      return n;
    });
    this.OPTION(() => {
      const label = this.SUBRULE(this.label);
      this.ACTION(() => {
        if (!label) return;
        node.label = label;
        node.range = span(node.range, label.range);
      });
    });
    this.OPTION2(() => this.SUBRULE(this.body, { ARGS: [node] }));
  });

  private readonly importDeclaration = this.RULE('importDeclaration', (out: Declaration[]) => {
    const keyword = this.CONSUME(T.Import);
    const node = this.ACTION(() => {
      const n: { type: 'import'; path: StringValue | undefined; range: Range } = { type: 'import', path: undefined, range: tokenRange(keyword) };
      out.push(n);
      return n;
    });
    const path = this.SUBRULE(this.label);
    this.ACTION(() => {
      if (!path) return;
      node.path = path;
      node.range = span(node.range, path.range);
    });
  });

  private readonly namedDeclaration = this.RULE('namedDeclaration', (out: Declaration[]) => {
    const keyword = this.CONSUME(T.NamedDeclarationKeyword);
    const node = this.ACTION(() => {
      const kind = keyword.image;
      const range = tokenRange(keyword);
      // One literal per shape keeps node objects monomorphic, which matters at 10,000 declarations.
      const n =
        kind === 'mitigate' || kind === 'accept'
          ? { type: kind, ruleOrThreat: undefined, label: undefined, properties: [], children: [], range, bodyRange: undefined }
          : kind === 'actor' || kind === 'external' || kind === 'process' || kind === 'store'
            ? { type: 'element', kind: kind as ElementKind, id: undefined, label: undefined, properties: [], children: [], range, bodyRange: undefined }
            : { type: kind, id: undefined, label: undefined, properties: [], children: [], range, bodyRange: undefined };
      out.push(n as Declaration);
      return n as BodyOwner & { type: string; id?: Name; ruleOrThreat?: Name; label: StringValue | undefined };
    });
    const id = this.CONSUME(T.Identifier);
    this.ACTION(() => {
      if (!isReal(id)) return;
      const name = nameOf(id);
      if (node.type === 'mitigate' || node.type === 'accept') node.ruleOrThreat = name;
      else node.id = name;
      node.range = { start: node.range.start, end: name.range.end };
    });
    this.OPTION(() => {
      const label = this.SUBRULE(this.label);
      this.ACTION(() => {
        if (!label) return;
        node.label = label;
        node.range = span(node.range, label.range);
      });
    });
    this.OPTION2(() => this.SUBRULE(this.body, { ARGS: [node] }));
  });

  private readonly flowDeclaration = this.RULE('flowDeclaration', (out: Declaration[]) => {
    const keyword = this.CONSUME(T.Flow);
    const node = this.ACTION(() => {
      const n: Mutable<FlowDeclaration> = {
        type: 'flow',
        id: undefined,
        source: undefined,
        target: undefined,
        twoWay: false,
        arrowRange: undefined,
        label: undefined,
        properties: [],
        children: [],
        range: tokenRange(keyword),
        bodyRange: undefined,
      };
      out.push(n);
      return n;
    });
    this.OPTION(() => {
      const id = this.CONSUME(T.Identifier);
      this.CONSUME(T.Colon);
      this.ACTION(() => isReal(id) && (node.id = nameOf(id)));
    });
    const source = this.CONSUME2(T.Identifier);
    this.ACTION(() => {
      if (!isReal(source)) return;
      node.source = nameOf(source);
      node.range = { start: node.range.start, end: node.source.range.end };
    });
    const arrow = this.OR((this.arrowAlts ??= [{ ALT: () => this.CONSUME(T.Arrow) }, { ALT: () => this.CONSUME(T.TwoWayArrow) }]));
    this.ACTION(() => {
      if (!isReal(arrow)) return;
      node.twoWay = arrow.tokenType === T.TwoWayArrow;
      node.arrowRange = tokenRange(arrow);
      node.range = { start: node.range.start, end: node.arrowRange.end };
    });
    const target = this.CONSUME3(T.Identifier);
    this.ACTION(() => {
      if (!isReal(target)) return;
      node.target = nameOf(target);
      node.range = { start: node.range.start, end: node.target.range.end };
    });
    this.OPTION2(() => {
      const label = this.SUBRULE(this.label);
      this.ACTION(() => {
        if (!label) return;
        node.label = label;
        node.range = span(node.range, label.range);
      });
    });
    this.OPTION3(() => this.SUBRULE(this.body, { ARGS: [node] }));
  });

  private readonly label = this.RULE('label', (): StringValue => {
    return this.OR((this.labelAlts ??= [
      {
        ALT: () => {
          const token = this.CONSUME(T.StringLiteral);
          return this.ACTION(() => ({ type: 'string' as const, value: unescapeString(token.image), block: false, range: tokenRange(token) }));
        },
      },
      {
        ALT: () => {
          const token = this.CONSUME(T.TextBlock);
          return this.ACTION(() => ({ type: 'string' as const, value: textBlockContent(token.image), block: true, range: tokenRange(token) }));
        },
      },
    ]));
  });

  private readonly body = this.RULE('body', (owner: BodyOwner) => {
    const open = this.CONSUME(T.LCurly);
    this.MANY(() => this.SUBRULE(this.bodyItem, { ARGS: [owner] }));
    const close = this.CONSUME(T.RCurly);
    this.ACTION(() => {
      owner.bodyRange = { start: tokenStart(open), end: tokenEnd(close) };
      owner.range = span(owner.range, owner.bodyRange);
    });
  });

  private readonly bodyItem = this.RULE('bodyItem', (owner: Pick<BodyOwner, 'properties' | 'children'>) => {
    this.OR([
      { ALT: () => this.SUBRULE(this.property, { ARGS: [owner?.properties] }) },
      { ALT: () => this.SUBRULE(this.declaration, { ARGS: [owner?.children] }) },
      { ALT: () => this.CONSUME(T.Comma) },
      { ALT: () => this.CONSUME(T.Semicolon) },
    ]);
  });

  private readonly property = this.RULE('property', (out: Property[]) => {
    const key = this.CONSUME(T.Identifier);
    const node = this.ACTION(() => {
      const name = nameOf(key);
      const n: Mutable<Property> = { type: 'property', key: name, value: undefined, range: name.range };
      out.push(n);
      return n;
    });
    this.CONSUME(T.Colon);
    const value = this.OR([
      {
        GATE: () => key.image === 'when',
        IGNORE_AMBIGUITIES: true,
        ALT: () => {
          const expression = this.SUBRULE(this.expression);
          // A `when` that did not parse at all (recovery gave nothing back) is no value: its error is reported already.
          return this.ACTION((): Value | undefined => (expression ? { type: 'expression', expression, range: expression.range } : undefined)) as Value;
        },
      },
      { ALT: () => this.SUBRULE(this.value) },
    ]);
    this.ACTION(() => {
      if (!value) return;
      node.value = value;
      node.range = span(node.range, value.range);
    });
  });

  private readonly value = this.RULE('value', (): Value => {
    return this.OR((this.valueAlts ??= [
      { ALT: () => this.SUBRULE(this.label) },
      {
        ALT: () => {
          const token = this.CONSUME(T.NumberLiteral);
          return this.ACTION((): Value => ({ type: 'number', value: Number(token.image), text: token.image, range: tokenRange(token) }));
        },
      },
      {
        ALT: () => {
          const token = this.CONSUME(T.True);
          return this.ACTION((): Value => ({ type: 'boolean', value: true, range: tokenRange(token) }));
        },
      },
      {
        ALT: () => {
          const token = this.CONSUME(T.False);
          return this.ACTION((): Value => ({ type: 'boolean', value: false, range: tokenRange(token) }));
        },
      },
      {
        ALT: () => {
          const token = this.CONSUME(T.Identifier);
          return this.ACTION((): Value => ({ type: 'name', value: token.image, range: tokenRange(token) }));
        },
      },
      { ALT: () => this.SUBRULE(this.list) },
    ]));
  });

  private readonly list = this.RULE('list', (): ListValue => {
    const open = this.CONSUME(T.LBracket);
    const items: Value[] = [];
    this.MANY(() => {
      const item = this.SUBRULE(this.value);
      this.ACTION(() => item && items.push(item));
      this.OPTION(() => this.CONSUME(T.Comma));
    });
    const close = this.CONSUME(T.RBracket);
    return this.ACTION(() => ({ type: 'list' as const, items, range: { start: tokenStart(open), end: tokenEnd(close) } }));
  });

  private readonly expression = this.RULE('expression', (): Expression => {
    let left = this.SUBRULE(this.andExpression);
    this.MANY(() => {
      this.CONSUME(T.Or);
      const right = this.SUBRULE2(this.andExpression);
      this.ACTION(() => left && right && (left = { type: 'binary', operator: 'or', left, right, range: span(left.range, right.range) }));
    });
    return left;
  });

  private readonly andExpression = this.RULE('andExpression', (): Expression => {
    let left = this.SUBRULE(this.unary);
    this.MANY(() => {
      this.CONSUME(T.And);
      const right = this.SUBRULE2(this.unary);
      this.ACTION(() => left && right && (left = { type: 'binary', operator: 'and', left, right, range: span(left.range, right.range) }));
    });
    return left;
  });

  private readonly unary = this.RULE('unary', (): Expression => {
    return this.OR([
      {
        IGNORE_AMBIGUITIES: true,
        ALT: () => {
          const not = this.CONSUME(T.Not);
          const operand = this.SUBRULE(this.unary);
          return this.ACTION((): Expression => ({ type: 'not', operand, range: span(tokenRange(not), operand ? operand.range : tokenRange(not)) }));
        },
      },
      { ALT: () => this.SUBRULE(this.comparison) },
    ]);
  });

  private readonly comparison = this.RULE('comparison', (): Expression => {
    let left = this.SUBRULE(this.primary);
    this.OPTION(() => {
      const operator = this.OR(comparisonOperators.map(([type]) => ({ ALT: () => this.CONSUME(type) })));
      const right = this.SUBRULE2(this.primary);
      this.ACTION(() => {
        if (!left || !right) return;
        const op = comparisonOperators.find(([type]) => type === operator.tokenType)![1];
        left = { type: 'binary', operator: op, left, right, range: span(left.range, right.range) };
      });
    });
    return left;
  });

  private readonly primary = this.RULE('primary', (): Expression => {
    return this.OR([
      {
        ALT: () => {
          const open = this.CONSUME(T.LParen);
          const inner = this.SUBRULE(this.expression);
          const close = this.CONSUME(T.RParen);
          return this.ACTION((): Expression => (inner ? { ...inner, range: span(tokenRange(open), tokenRange(close)) } : { type: 'literal', value: false, range: span(tokenRange(open), tokenRange(close)) }));
        },
      },
      {
        ALT: () => {
          const token = this.CONSUME(T.StringLiteral);
          return this.ACTION((): Expression => ({ type: 'literal', value: unescapeString(token.image), range: tokenRange(token) }));
        },
      },
      {
        ALT: () => {
          const token = this.CONSUME(T.NumberLiteral);
          return this.ACTION((): Expression => ({ type: 'literal', value: Number(token.image), range: tokenRange(token) }));
        },
      },
      {
        ALT: () => {
          const token = this.OR2([{ ALT: () => this.CONSUME(T.True) }, { ALT: () => this.CONSUME(T.False) }]);
          return this.ACTION((): Expression => ({ type: 'literal', value: token.tokenType === T.True, range: tokenRange(token) }));
        },
      },
      { ALT: () => this.SUBRULE(this.pathOrCall) },
    ]);
  });

  private readonly pathOrCall = this.RULE('pathOrCall', (): Expression => {
    const first = this.CONSUME(T.Identifier);
    return this.OR([
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          const args: Expression[] = [];
          this.MANY_SEP({
            SEP: T.Comma,
            DEF: () => {
              const arg = this.SUBRULE(this.expression);
              this.ACTION(() => arg && args.push(arg));
            },
          });
          const close = this.CONSUME(T.RParen);
          return this.ACTION((): Expression => ({ type: 'call', callee: nameOf(first), args, range: span(tokenRange(first), tokenRange(close)) }));
        },
      },
      {
        ALT: () => {
          const segments: Name[] = [];
          this.ACTION(() => segments.push(nameOf(first)));
          this.MANY(() => {
            this.CONSUME(T.Dot);
            const next = this.CONSUME2(T.Identifier);
            this.ACTION(() => segments.push(nameOf(next)));
          });
          return this.ACTION((): Expression => ({ type: 'path', segments, range: span(segments[0].range, segments[segments.length - 1].range) }));
        },
      },
    ]);
  });
}

export type { FlowDeclaration };
