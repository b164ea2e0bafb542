import { shorten } from '../text/quote';
import { sameStrings } from '../text/same-strings';
import { keptList } from './kept-list';

/**
 * A finding's sentence as its rule wrote it: the template's fixed pieces, then the values between
 * them ("`${process}` builds queries for `${stores}`"), put together only when read.
 *
 * Why not the string itself: a model of 10,000 elements has some 30,000 findings, alive for the
 * whole run, and a sentence of 110-odd characters per finding was 40% of what the garbage collector
 * copied while the rules ran. The pieces are one array per template, shared by every finding of the
 * rule; the values are mostly IDs the model already holds. The editor reads only the messages it
 * shows, and a finding keeps its sentence once written (`Finding.message`).
 *
 * One array, as long as the template has values plus one: a record holding the pieces and a list of
 * values cost two objects per finding, and every object a finding keeps is memory that each rule run
 * takes fresh from the system.
 */
export type Message = readonly [pieces: TemplateStringsArray, ...values: (MessageValue | undefined)[]];

/**
 * What a rule puts into its sentence: element IDs, names and other words, counts, and lists of IDs,
 * written `a, b, c` when read (`say` keeps a copy of a list at its length, as `keptList` does).
 */
export type MessageValue = string | number | readonly string[];

/** A finding's message as the engine keeps it: a sentence already written, or a rule's template and values. */
export type FindingText = string | Message;

/** Tags a rule's message template (`say\`${a} calls ${b}\``): keeps the pieces and values for `messageText`. */
export function say(pieces: TemplateStringsArray, a?: MessageValue, b?: MessageValue, c?: MessageValue, d?: MessageValue, e?: MessageValue, f?: MessageValue): Message {
  // An array literal of each length: V8 gives such a literal's arrays a place in long-lived memory
  // once they keep surviving (see `keptList`).
  switch (pieces.length) {
    case 1:
      return [pieces];
    case 2:
      return [pieces, kept(a)];
    case 3:
      return [pieces, kept(a), kept(b)];
    case 4:
      return [pieces, kept(a), kept(b), kept(c)];
    case 5:
      return [pieces, kept(a), kept(b), kept(c), kept(d)];
    case 6:
      return [pieces, kept(a), kept(b), kept(c), kept(d), kept(e)];
    default:
      return [pieces, kept(a), kept(b), kept(c), kept(d), kept(e), kept(f)];
  }
}

/** A list kept at its length (a rule's list, grown by pushing, has room for 16); any other value as it is. */
function kept(value: MessageValue | undefined): MessageValue | undefined {
  return typeof value === 'object' ? keptList(value) : value;
}

/**
 * The message's own copy of a list holding the same IDs as `list`, if it has one. A rule often names
 * in its sentence the very IDs it relates the finding to: the finding then keeps one list, not two.
 */
export function listInMessage(text: FindingText, list: readonly string[]): readonly string[] | undefined {
  if (typeof text === 'string') return undefined;
  for (let i = 1; i < text.length; i++) {
    const value = text[i];
    if (typeof value === 'object' && sameStrings(value, list)) return value;
  }
  return undefined;
}

/** The sentence of a finding's message, in one piece. */
export function messageText(text: FindingText): string {
  if (typeof text === 'string') return inOnePiece(text);
  const pieces = text[0];
  let sentence = pieces[0];
  for (let i = 1; i < pieces.length; i++) sentence += valueText(text[i] as MessageValue | undefined) + pieces[i];
  return inOnePiece(sentence);
}

/**
 * How much of the model a sentence repeats: a name or text of at most 120 characters, a list of at
 * most 20 of them. A name pasted by mistake, or a store that 500 processes write to, would otherwise
 * make every sentence about it kilobytes long; the finding's related IDs still list every one.
 */
const longestValue = 120;
const mostListed = 20;

/** A value as the sentence shows it: a list as `a, b, c` (`… and N more` past 20), a long text cut with `…`. */
function valueText(value: MessageValue | undefined): string {
  if (typeof value === 'number' || value === undefined) return String(value);
  if (typeof value === 'string') return shortened(value);
  const shown = value.length > mostListed ? value.slice(0, mostListed) : value;
  const listed = shown.map(shortened).join(', ');
  return value.length > mostListed ? `${listed} and ${value.length - mostListed} more` : listed;
}

/** The text cut after 120 characters with `…`. */
function shortened(text: string): string {
  return shorten(text, longestValue);
}

/**
 * The text as one string. Joining strings leaves a chain of joined pieces, a node per piece, which
 * the garbage collector copies node by node for as long as the finding lives; reading the text as a
 * number makes V8 join it into one string first (the `flatstr` trick the pino logger uses for log
 * lines). The text is unchanged.
 */
function inOnePiece(text: string): string {
  Number(text);
  return text;
}
