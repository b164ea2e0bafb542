import { IToken, TokenType, tokenMatcher } from 'chevrotain';
import { Diagnostic } from '../diagnostic';
import { LineIndex } from '../text/line-index';
import { comparePositions, Position } from '../text/range';
import { Declaration } from './ast';
import { lexMoat, parseMoat } from './parse';
import * as T from './tokens';

/**
 * The canonical formatter.
 *
 * It works on tokens, not on the tree: the comments live beside the tokens (lexer group
 * `comments`), so re-emitting the merged stream with canonical spacing can never drop or move
 * one, and a construct the tree does not model (a `,` between properties) is kept as written.
 * The tree is only used to tell where a property or declaration starts, so that a line which
 * continues one (a `when:` expression over several lines) can be indented one level deeper.
 *
 * Line breaks are the author's: a declaration written on one line stays on one line. What is
 * normalised is everything between tokens on a line, the indentation, and the blank lines.
 */

/**
 * Either the formatted text or why the file was left alone: the first syntax error's message and
 * where it is (`at`), or, with no `at`, a formatter error the file was protected from.
 */
export type FormatResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string; readonly at?: Position };

const indentUnit = '  ';

/** Formats a `.moat` text canonically, or refuses (naming the first syntax error) when it does not parse. */
export function formatMoat(text: string): FormatResult {
  // Every line break becomes LF up front, so tokens that span lines (`"""` blocks, `/* */`)
  // come out with LF too; `textBlockContent` already reads CRLF and LF alike.
  const source = text.replace(/\r\n?/g, '\n');
  const parsed = parseMoat('format', source);
  if (parsed.hasErrors) {
    const error = firstError(parsed.diagnostics);
    return { ok: false, reason: error.message, at: error.range.start };
  }

  const lexed = lexMoat('format', source);
  const tokens = [...lexed.tokens, ...lexed.comments].sort((a, b) => a.startOffset - b.startOffset);
  if (tokens.length === 0) return { ok: true, text: '' };

  const lines = new LineIndex(source);
  const itemStarts = new Set<number>();
  collectItemStarts(parsed.file.declarations, lines, itemStarts);
  const formatted = layout(source, tokens, itemStarts);

  // A formatter bug must never cost the user a token or a comment: check before handing back.
  const drift = firstDifference(tokens, formatted);
  if (drift) return { ok: false, reason: `internal formatter error: the result would differ from the input at ${drift}; the file was left as it is` };
  return { ok: true, text: formatted };
}

/** The error that comes first in the text. */
function firstError(diagnostics: readonly Diagnostic[]): Diagnostic {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  return errors.reduce((a, b) => (comparePositions(b.range.start, a.range.start) < 0 ? b : a));
}

/** Offsets where a property or a declaration begins: a line starting anywhere else inside a body continues one. */
function collectItemStarts(declarations: readonly Declaration[], lines: LineIndex, out: Set<number>): void {
  for (const declaration of declarations) {
    out.add(lines.offsetAt(declaration.range.start));
    if (declaration.type === 'import') continue;
    for (const property of declaration.properties) out.add(lines.offsetAt(property.range.start));
    collectItemStarts(declaration.children, lines, out);
  }
}

const is = (token: IToken | undefined, ...types: TokenType[]): boolean => token !== undefined && types.includes(token.tokenType);
const isOpener = (token: IToken | undefined): boolean => is(token, T.LCurly, T.LBracket, T.LParen);
const isCloser = (token: IToken | undefined): boolean => is(token, T.RCurly, T.RBracket, T.RParen);
const isComment = (token: IToken | undefined): boolean => is(token, T.LineComment, T.BlockComment);

function endOf(token: IToken): number {
  return token.startOffset + token.image.length;
}

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) count++;
  return count;
}

/**
 * How many line breaks go before each token: 0 (same line), 1, or 2 (one blank line between).
 * Starts from what the author wrote and applies the canonical rules on top.
 */
function lineBreaks(source: string, tokens: readonly IToken[]): number[] {
  const written = tokens.map((token, i) => (i === 0 ? 0 : Math.min(2, countLineBreaks(source, endOf(tokens[i - 1]), token.startOffset))));
  const breaks = [...written];

  // A `{ }` or `[ ]` that already spans lines gets its contents on lines of their own:
  // nothing after the opener but an end-of-line comment, and the closer alone on its line.
  // Decided on the written breaks, so the later adjustments cannot change the verdict.
  const brokenBefore = [0];
  for (let i = 1; i < tokens.length; i++) brokenBefore.push(brokenBefore[i - 1] + (written[i] > 0 ? 1 : 0));
  const open: number[] = [];
  tokens.forEach((token, i) => {
    if (isOpener(token)) open.push(i);
    else if (isCloser(token) && open.length > 0) {
      const o = open.pop()!;
      if (is(token, T.RParen) || brokenBefore[i] - brokenBefore[o] === 0) return;
      const first = tokens[o + 1];
      if (!(is(first, T.LineComment) && written[o + 1] === 0)) breaks[o + 1] = Math.max(1, breaks[o + 1]);
      breaks[i] = Math.max(1, breaks[i]);
    }
  });

  for (let i = 1; i < tokens.length; i++) {
    // `{`, `:`, `,` and `;` belong to what precedes them; only an end-of-line comment can keep them apart.
    if (is(tokens[i], T.LCurly, T.Colon, T.Comma, T.Semicolon) && !is(tokens[i - 1], T.LineComment)) breaks[i] = 0;
    if (isOpener(tokens[i - 1]) || isCloser(tokens[i])) breaks[i] = Math.min(1, breaks[i]);
  }
  return breaks;
}

/** The text between two tokens written on the same line. */
function spaceBetween(prev: IToken, next: IToken): string {
  // At least two spaces before an end-of-line comment; more are kept, so comments aligned in a column stay aligned.
  if (is(next, T.LineComment)) return ' '.repeat(Math.min(40, Math.max(2, next.startOffset - prev.endOffset! - 1)));
  if (is(next, T.Comma, T.Semicolon, T.Colon)) return '';
  if (is(prev, T.LBracket, T.LParen) || is(next, T.RBracket, T.RParen)) return '';
  if (is(prev, T.LCurly) && is(next, T.RCurly)) return '';
  if (is(prev, T.Dot) || is(next, T.Dot)) return '';
  // `holds(phi)` is a call; after `and`, `or` and `not` (names too, by category) it is grouping.
  if (is(next, T.LParen) && tokenMatcher(prev, T.Identifier) && !is(prev, T.And, T.Or, T.Not)) return '';
  return ' ';
}

interface OpenBracket {
  readonly token: IToken;
  /** Indentation of the line the bracket was opened on; its contents sit one level deeper. */
  readonly lineIndent: number;
}

function layout(source: string, tokens: readonly IToken[], itemStarts: ReadonlySet<number>): string {
  const breaks = lineBreaks(source, tokens);
  const stack: OpenBracket[] = [];
  let lineIndent = 0;
  let out = '';

  // Whether a token that starts a line continues the property or declaration head before it.
  const continues = (i: number): boolean => {
    let j = i;
    // A comment on its own line is indented like the code that follows it, unless that is a closer.
    while (j < tokens.length && isComment(tokens[j])) j++;
    const token = tokens[j];
    if (token === undefined || isCloser(token) || is(token, T.LCurly, T.Colon, T.Comma, T.Semicolon)) return false;
    return !itemStarts.has(token.startOffset);
  };

  tokens.forEach((token, i) => {
    const closed = isCloser(token) ? stack.pop() : undefined;
    if (i > 0 && breaks[i] === 0) {
      out += spaceBetween(tokens[i - 1], token);
    } else if (i > 0) {
      out += '\n'.repeat(breaks[i]);
      const inner = stack[stack.length - 1];
      if (closed) lineIndent = closed.lineIndent;
      else if (!inner) lineIndent = continues(i) ? 1 : 0;
      else if (is(inner.token, T.LCurly)) lineIndent = inner.lineIndent + (continues(i) ? 2 : 1);
      else lineIndent = inner.lineIndent + 1;
      out += indentUnit.repeat(lineIndent);
    }
    // Block comments and `"""` blocks are verbatim; a line comment only loses trailing blanks.
    out += is(token, T.LineComment) ? token.image.trimEnd() : token.image;
    if (isOpener(token)) stack.push({ token, lineIndent });
  });
  return out + '\n';
}

/** Where the formatted text no longer holds the same tokens and comments as the input, if anywhere. */
function firstDifference(before: readonly IToken[], formatted: string): string | undefined {
  const relexed = lexMoat('format', formatted);
  const after = [...relexed.tokens, ...relexed.comments].sort((a, b) => a.startOffset - b.startOffset);
  const same = (a: IToken, b: IToken): boolean =>
    a.tokenType === b.tokenType && (is(a, T.LineComment) ? a.image.trimEnd() === b.image.trimEnd() : a.image === b.image);
  for (let i = 0; i < Math.max(before.length, after.length); i++) {
    if (before[i] && after[i] && same(before[i], after[i])) continue;
    const at = before[i] ?? before[before.length - 1];
    return `${at.startLine}:${at.startColumn}`;
  }
  return undefined;
}
