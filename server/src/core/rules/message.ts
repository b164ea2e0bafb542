import { shorten } from '../text/quote';
import { keptList } from './kept-list';

/**
 * A finding's sentence as its rule wrote it: the template's fixed pieces and the values between
 * them ("`${process}` builds queries for `${stores}`"), put together only when read.
 *
 * Why not the string itself: a model of 10,000 elements has some 30,000 findings, alive for the
 * whole run, and a sentence of 110-odd characters per finding was 40% of what the garbage collector
 * copied while the rules ran. The pieces are one array per template, shared by every finding of the
 * rule; the values are mostly IDs the model already holds. The editor reads only the messages it
 * shows, and a finding keeps its sentence once written (`Finding.message`).
 */
export interface Message {
  readonly pieces: TemplateStringsArray;
  /** The values between the pieces, in order (a message has at most six). */
  readonly values: readonly (MessageValue | undefined)[];
}

/**
 * What a rule puts into its sentence: element IDs, names and other words, counts, and lists of IDs,
 * written `a, b, c` when read (`say` keeps a copy of a list at its length, as `keptList` does).
 */
export type MessageValue = string | number | readonly string[];

/** A finding's message as the engine keeps it: a sentence already written, or a rule's template and values. */
export type FindingText = string | Message;

/** Tags a rule's message template (`say\`${a} calls ${b}\``): keeps the pieces and values for `messageText`. */
export function say(pieces: TemplateStringsArray, a?: MessageValue, b?: MessageValue, c?: MessageValue, d?: MessageValue, e?: MessageValue, f?: MessageValue): Message {
  return { pieces, values: [kept(a), kept(b), kept(c), kept(d), kept(e), kept(f)] };
}

/** A list kept at its length (a rule's list, grown by pushing, has room for 16); any other value as it is. */
function kept(value: MessageValue | undefined): MessageValue | undefined {
  return typeof value === 'object' ? keptList(value) : value;
}

/** The sentence of a finding's message, in one piece. */
export function messageText(text: FindingText): string {
  if (typeof text === 'string') return inOnePiece(text);
  const { pieces, values } = text;
  let sentence = pieces[0];
  for (let i = 0; i < pieces.length - 1; i++) sentence += valueText(values[i]) + pieces[i + 1];
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
