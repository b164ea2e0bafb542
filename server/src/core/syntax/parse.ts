import { IRecognitionException, IToken, tokenMatcher } from 'chevrotain';
import { Diagnostic, DiagnosticCode } from '../diagnostic';
import { LineIndex } from '../text/line-index';
import { quote } from '../text/quote';
import { formatPosition, Range } from '../text/range';
import { Comment, Declaration, MoatFile, Property } from './ast';
import { MoatParser, tokenRange } from './parser';
import { validEscape } from './strings';
import * as T from './tokens';

/** Files larger than this are refused with a diagnostic rather than parsed. */
export const maxFileLength = 16 * 1024 * 1024;
/** Deeper nesting of `{`, `[` and `(` than this is refused: no real model needs it, and it would overflow the stack. */
export const maxNestingDepth = 64;

/** The outcome of parsing one file: always a tree (possibly partial) and its diagnostics. */
export interface ParseResult {
  readonly file: MoatFile;
  readonly diagnostics: readonly Diagnostic[];
  /** Whether the tree is whole: formatting is refused on a file with syntax errors. */
  readonly hasErrors: boolean;
}

let sharedParser: MoatParser | undefined;

function parser(): MoatParser {
  // Built on first use: constructing analyses the grammar, which costs a few milliseconds.
  return (sharedParser ??= new MoatParser());
}

/** Lexes a text into tokens and comments, with the lexer's complaints as diagnostics. */
export function lexMoat(uri: string, text: string): { tokens: IToken[]; comments: IToken[]; diagnostics: Diagnostic[] } {
  const result = T.moatLexer.tokenize(text);
  const diagnostics: Diagnostic[] = [];
  let index: LineIndex | undefined;
  for (const error of result.errors) {
    index ??= new LineIndex(text);
    const start = index.positionAt(error.offset);
    const char = text.slice(error.offset, error.offset + error.length);
    diagnostics.push(syntaxError(uri, { start, end: index.positionAt(error.offset + error.length) }, `unexpected character${char.length > 1 ? 's' : ''} ${quote(char)}`));
  }
  for (const token of result.tokens) {
    if (token.tokenType === T.UnterminatedString) {
      diagnostics.push(syntaxError(uri, tokenRange(token), 'string is not closed: add `"` before the end of the line (or use `"""` for text on several lines)'));
    }
    if ((token.tokenType === T.StringLiteral || token.tokenType === T.UnterminatedString) && token.image.includes('\\')) {
      checkEscapes(uri, token, diagnostics);
    }
  }
  const comments = (result.groups.comments ?? []) as IToken[];
  for (const comment of comments) {
    if (comment.tokenType === T.UnterminatedBlockComment) {
      const r = tokenRange(comment);
      diagnostics.push(syntaxError(uri, { start: r.start, end: { line: r.start.line, character: r.start.character + 2 } }, 'block comment is not closed: add `*/`'));
    }
  }
  return { tokens: result.tokens, comments, diagnostics };
}

function checkEscapes(uri: string, token: IToken, diagnostics: Diagnostic[]): void {
  const image = token.image;
  for (let i = 1; i < image.length - 1; i++) {
    if (image[i] !== '\\') continue;
    validEscape.lastIndex = i;
    const match = validEscape.exec(image);
    if (match) {
      i += match[0].length - 1;
      continue;
    }
    // Small integers, whatever token they come from (see `tokenStart` in parser.ts).
    const line = ((token.startLine ?? 1) - 1) | 0;
    const character = ((token.startColumn ?? 1) - 1 + i) | 0;
    diagnostics.push(
      syntaxError(uri, { start: { line, character }, end: { line, character: character + 2 } }, `unknown escape \`\\${image[i + 1]}\` in string: use \\", \\\\, \\n, \\t or \\u{...}`),
    );
    i++;
  }
}

/** Parses one `.moat` text. Never throws: bad input gives a partial tree and diagnostics. */
export function parseMoat(uri: string, text: string): ParseResult {
  const declarations: Declaration[] = [];
  const run = runParser(uri, text, 0, (p) => {
    p.declarations = declarations;
    p.file();
  });
  if (!run.read) return { file: { uri, declarations: [], comments: [] }, diagnostics: run.diagnostics, hasErrors: true };
  return { file: { uri, declarations, comments: run.comments }, diagnostics: run.diagnostics, hasErrors: run.diagnostics.some((d) => d.severity === 'error') };
}

/** What parsing the items of a body, without its braces, gave: see `parseMoatBody`. */
export interface BodyParseResult {
  readonly properties: readonly Property[];
  readonly children: readonly Declaration[];
  readonly comments: readonly Comment[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Parses a text as the inside of a `{ ... }` body, `depth` bodies deep: properties and nested
 * declarations. Never throws.
 */
export function parseMoatBody(uri: string, text: string, depth: number): BodyParseResult {
  const owner = { properties: [] as Property[], children: [] as Declaration[] };
  const run = runParser(uri, text, depth, (p) => {
    p.bodyOwner = owner;
    p.bodyContent();
  });
  return { ...owner, comments: run.comments, diagnostics: run.diagnostics };
}

/**
 * Lexes a text and runs one entry rule of the parser on it, `depth` brackets deep. `read` is
 * false when the text was refused before parsing (too large, binary, nested too deep) or the parser failed.
 */
function runParser(uri: string, text: string, depth: number, entry: (p: MoatParser) => void): { read: boolean; comments: Comment[]; diagnostics: Diagnostic[] } {
  const refused = (diagnostics: Diagnostic[]) => ({ read: false, comments: [], diagnostics });
  if (text.length > maxFileLength) {
    return refused([syntaxError(uri, zeroRange, `file is too large to be a model (${(text.length / 1048576).toFixed(1)} MiB; the limit is ${maxFileLength / 1048576} MiB)`, DiagnosticCode.tooLarge)]);
  }
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    const at = new LineIndex(text).positionAt(nul);
    return refused([syntaxError(uri, { start: at, end: { line: at.line, character: at.character + 1 } }, 'file contains a NUL byte: it looks binary, not a Moat model', DiagnosticCode.invalidText)]);
  }

  const lexed = lexMoat(uri, text);
  const tooDeep = findTooDeep(lexed.tokens, depth);
  if (tooDeep) {
    const what = tooDeep.chain ? `an expression chains more than ${maxNestingDepth} \`and\`/\`or\` here (split it into several rules)` : `nesting is deeper than ${maxNestingDepth} levels here`;
    return refused([...lexed.diagnostics, syntaxError(uri, tokenRange(tooDeep.token), `${what}; the file is not read further`, DiagnosticCode.tooDeep)]);
  }

  const p = parser();
  p.input = lexed.tokens;
  let errors: typeof p.errors;
  try {
    entry(p);
    errors = p.errors;
  } catch (error) {
    // The grammar recovers from bad input itself; reaching here is a bug, reported rather than crashing the caller.
    return refused([...lexed.diagnostics, syntaxError(uri, zeroRange, `internal parser error: ${(error as Error).message}`)]);
  } finally {
    p.release();
  }
  // A loop, not a closure: a closure over `lexed` can outlive the call (V8 keeps some), and the tokens with it.
  const parseDiagnostics: Diagnostic[] = [];
  for (const error of errors) parseDiagnostics.push(describeParseError(uri, error, lexed.tokens));
  const comments: Comment[] = lexed.comments.map((token) => ({ text: token.image, block: token.image.startsWith('/*'), range: tokenRange(token) }));
  return { read: true, comments, diagnostics: [...lexed.diagnostics, ...dedupeByPosition(parseDiagnostics)] };
}

const zeroRange: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function syntaxError(uri: string, range: Range, message: string, code: string = DiagnosticCode.syntax): Diagnostic {
  return { uri, range, severity: 'error', code, message };
}

/** Where a file nests deeper than the stages can follow, and how: by brackets and `not`, or by a chain of `and`/`or`. */
function findTooDeep(tokens: readonly IToken[], outerDepth: number): { token: IToken; chain: boolean } | undefined {
  let depth = outerDepth;
  // `not not not x` nests like parentheses do (the parser recurses once per `not`).
  let nots = 0;
  // So does `a and b and c`: each operator is one more level of the expression's tree, which the
  // stages after the parser walk recursively. A brace, or a `,` outside parentheses, ends the expression.
  let operators = 0;
  let parentheses = 0;
  for (const token of tokens) {
    const type = token.tokenType;
    if (type === T.Not) {
      if (depth + operators + ++nots > maxNestingDepth) return { token, chain: false };
      continue;
    }
    nots = 0;
    if (type === T.And || type === T.Or) {
      if (depth + ++operators > maxNestingDepth) return { token, chain: true };
    } else if (type === T.LCurly || type === T.LBracket || type === T.LParen) {
      if (type === T.LCurly) operators = parentheses = 0;
      if (type === T.LParen) parentheses++;
      if (++depth + operators > maxNestingDepth) return { token, chain: false };
    } else if (type === T.RCurly || type === T.RBracket || type === T.RParen) {
      if (type === T.RCurly) operators = parentheses = 0;
      if (type === T.RParen) parentheses = Math.max(0, parentheses - 1);
      depth = Math.max(0, depth - 1);
    } else if (type === T.Comma && parentheses === 0) {
      operators = 0;
    }
  }
  return undefined;
}

function isEof(token: IToken): boolean {
  return token.tokenType.name === 'EOF' || Number.isNaN(token.startOffset);
}

function describeParseError(uri: string, error: IRecognitionException, tokens: readonly IToken[]): Diagnostic {
  const token = error.token;
  const atEnd = isEof(token);
  const last = tokens[tokens.length - 1];
  const range: Range = atEnd ? (last ? { start: tokenRange(last).end, end: tokenRange(last).end } : zeroRange) : tokenRange(token);
  let message = error.message;
  if (/^expected `}`/.test(message) || (atEnd && /expected a property/.test(message))) {
    const open = innermostOpenBlock(tokens, atEnd ? Number.POSITIVE_INFINITY : token.startOffset);
    if (open) message = `expected \`}\` to close ${open.description} opened at ${formatPosition(tokenRange(open.brace).start)}, but found ${atEnd ? 'the end of the file' : quote(token.image)}`;
  }
  return syntaxError(uri, range, message);
}

/** The `{` still open just before an offset, and what it belongs to ("boundary `dmz`"). */
function innermostOpenBlock(tokens: readonly IToken[], offset: number): { brace: IToken; description: string } | undefined {
  const stack: number[] = [];
  for (let i = 0; i < tokens.length && tokens[i].startOffset < offset; i++) {
    const type = tokens[i].tokenType;
    if (type === T.LCurly) stack.push(i);
    else if (type === T.RCurly) stack.pop();
  }
  const at = stack.pop();
  if (at === undefined) return undefined;
  return { brace: tokens[at], description: describeBlockOwner(tokens, at) };
}

function describeBlockOwner(tokens: readonly IToken[], braceIndex: number): string {
  for (let i = braceIndex - 1; i >= 0 && i >= braceIndex - 8; i--) {
    const type = tokens[i].tokenType;
    if (type === T.LCurly || type === T.RCurly) break;
    if (type === T.Flow) {
      const parts = tokens.slice(i + 1, braceIndex).filter((t) => t.tokenType !== T.StringLiteral && t.tokenType !== T.TextBlock);
      const named = parts[1]?.tokenType === T.Colon ? parts[0].image : parts.map((t) => t.image).join(' ');
      return `flow ${quote(named)}`;
    }
    if (type === T.Model) return 'the model block';
    if (T.declarationKeywords.includes(type)) {
      const id = tokens[i + 1];
      return i + 1 < braceIndex && tokenMatcher(id, T.Identifier) ? `${tokens[i].image} ${quote(id.image)}` : tokens[i].image;
    }
  }
  return 'the block';
}

function dedupeByPosition(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.range.start.line}:${d.range.start.character}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
