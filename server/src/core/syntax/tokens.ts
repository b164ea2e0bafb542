import { createToken, IToken, Lexer, TokenType } from 'chevrotain';

/**
 * Any name. Keywords are in its category, so a rule that CONSUMEs `Identifier` also accepts
 * `store` or `data` — keywords are reserved only where the grammar expects one.
 */
export const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-z_](?:[A-Za-z0-9_]|-(?!>))*/ });

/** The keywords of declarations written `KEYWORD ID ["Label"] [{ body }]`: one category, so the parser matches them in one step. */
export const NamedDeclarationKeyword = createToken({ name: 'NamedDeclarationKeyword', pattern: Lexer.NA });

function keyword(word: string, usableAsName = true, named = false): TokenType {
  const name = word[0].toUpperCase() + word.slice(1);
  const categories = [...(usableAsName ? [Identifier] : []), ...(named ? [NamedDeclarationKeyword] : [])];
  return createToken({ name, pattern: word, longer_alt: Identifier, categories });
}

export const Model = keyword('model');
export const Import = keyword('import');
export const Data = keyword('data', true, true);
export const Actor = keyword('actor', true, true);
export const External = keyword('external', true, true);
export const Process = keyword('process', true, true);
export const Store = keyword('store', true, true);
export const Boundary = keyword('boundary', true, true);
export const Flow = keyword('flow');
export const Threat = keyword('threat', true, true);
export const Mitigate = keyword('mitigate', true, true);
export const Accept = keyword('accept', true, true);
export const Rule = keyword('rule', true, true);
// `true` and `false` are the only words that can never be names: a value must be unambiguous.
export const True = keyword('true', false);
export const False = keyword('false', false);
export const And = keyword('and');
export const Or = keyword('or');
export const Not = keyword('not');

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n\f\v\uFEFF\u00A0]+/, group: Lexer.SKIPPED, line_breaks: true });
export const LineComment = createToken({ name: 'LineComment', pattern: /\/\/[^\r\n]*/, group: 'comments' });
export const BlockComment = createToken({ name: 'BlockComment', pattern: /\/\*[\s\S]*?\*\//, group: 'comments', line_breaks: true });
/** A block comment that never ends: one token to the end of the file, reported by the parser stage. */
export const UnterminatedBlockComment = createToken({ name: 'UnterminatedBlockComment', pattern: /\/\*[\s\S]*/, group: 'comments', line_breaks: true });

export const TextBlock = createToken({ name: 'TextBlock', pattern: /"""[\s\S]*?"""/, line_breaks: true });
export const StringLiteral = createToken({ name: 'StringLiteral', pattern: /"(?:[^"\\\r\n]|\\.)*"/ });
/** A string cut off by the end of the line; accepted as a string so one typo does not derail the file. */
export const UnterminatedString = createToken({ name: 'UnterminatedString', pattern: /"(?:[^"\\\r\n]|\\.)*/, categories: [StringLiteral] });
export const NumberLiteral = createToken({ name: 'NumberLiteral', pattern: /-?\d+(?:\.\d+)?/ });

export const TwoWayArrow = createToken({ name: 'TwoWayArrow', pattern: /<->/ });
export const Arrow = createToken({ name: 'Arrow', pattern: /->/ });
export const LessEqual = createToken({ name: 'LessEqual', pattern: /<=/ });
export const GreaterEqual = createToken({ name: 'GreaterEqual', pattern: />=/ });
export const Equals = createToken({ name: 'Equals', pattern: /==/ });
export const NotEquals = createToken({ name: 'NotEquals', pattern: /!=/ });
export const Less = createToken({ name: 'Less', pattern: /</ });
export const Greater = createToken({ name: 'Greater', pattern: />/ });
export const LCurly = createToken({ name: 'LCurly', pattern: /{/ });
export const RCurly = createToken({ name: 'RCurly', pattern: /}/ });
export const LBracket = createToken({ name: 'LBracket', pattern: /\[/ });
export const RBracket = createToken({ name: 'RBracket', pattern: /]/ });
export const LParen = createToken({ name: 'LParen', pattern: /\(/ });
export const RParen = createToken({ name: 'RParen', pattern: /\)/ });
export const Colon = createToken({ name: 'Colon', pattern: /:/ });
export const Comma = createToken({ name: 'Comma', pattern: /,/ });
export const Semicolon = createToken({ name: 'Semicolon', pattern: /;/ });
export const Dot = createToken({ name: 'Dot', pattern: /\./ });

/** Every declaration keyword, in the order a person meets them in the language reference. */
export const declarationKeywords = [Model, Import, Data, Actor, External, Process, Store, Boundary, Flow, Threat, Mitigate, Accept, Rule];

export const allTokens: TokenType[] = [
  NamedDeclarationKeyword,
  WhiteSpace,
  LineComment,
  BlockComment,
  UnterminatedBlockComment,
  TextBlock,
  StringLiteral,
  UnterminatedString,
  NumberLiteral,
  TwoWayArrow,
  Arrow,
  LessEqual,
  GreaterEqual,
  Equals,
  NotEquals,
  Less,
  Greater,
  LCurly,
  RCurly,
  LBracket,
  RBracket,
  LParen,
  RParen,
  Colon,
  Comma,
  Semicolon,
  Dot,
  ...declarationKeywords,
  True,
  False,
  And,
  Or,
  Not,
  Identifier,
];

let lexer: Lexer | undefined;

/**
 * The one lexer instance, reused for every file. Built on first use: construction analyses the
 * patterns (tens of milliseconds), which commands that read no model (`rules`, `--help`) skip.
 */
export const moatLexer: Pick<Lexer, 'tokenize'> = {
  tokenize: (text) => (lexer ??= newLexer()).tokenize(text),
};

/**
 * chevrotain's lexer, making its tokens with the fields in another order than chevrotain's own.
 * chevrotain makes its end-of-input token, at load, with NaN for every position, and its tokens
 * share that token's shape: V8 then keeps every position of every token as a boxed number, six
 * objects per token (51 MB for the 10,000-element model). Tokens of another shape hold small
 * integers. `createTokenInstance` is the hook chevrotain's constructor fills in for
 * `positionTracking: 'full'`; the fields and their meaning are chevrotain's.
 */
function newLexer(): Lexer {
  const made = new Lexer(allTokens, { positionTracking: 'full', ensureOptimizations: false });
  (made as unknown as { createTokenInstance: unknown }).createTokenInstance = (image: string, startOffset: number, tokenTypeIdx: number, tokenType: TokenType, startLine: number, startColumn: number, imageLength: number): IToken => ({
    tokenType,
    tokenTypeIdx,
    image,
    startOffset,
    endOffset: startOffset + imageLength - 1,
    startLine,
    endLine: startLine,
    startColumn,
    endColumn: startColumn + imageLength - 1,
  });
  return made;
}

/** How people call each token in messages ("expected `}`", "expected a name"). */
export function describeTokenType(type: TokenType): string {
  switch (type) {
    case Identifier:
      return 'a name';
    case StringLiteral:
      return 'a string';
    case TextBlock:
      return 'a text block';
    case NumberLiteral:
      return 'a number';
    case LCurly:
      return '`{`';
    case RCurly:
      return '`}`';
    case LBracket:
      return '`[`';
    case RBracket:
      return '`]`';
    case LParen:
      return '`(`';
    case RParen:
      return '`)`';
    case Colon:
      return '`:`';
    case Comma:
      return '`,`';
    case Semicolon:
      return '`;`';
    case Arrow:
      return '`->`';
    case TwoWayArrow:
      return '`<->`';
    default: {
      const pattern = type.PATTERN;
      return typeof pattern === 'string' ? `\`${pattern}\`` : type.name;
    }
  }
}
