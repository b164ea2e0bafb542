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

/** What a rule puts into its sentence: element IDs, names and other words, counts. */
export type MessageValue = string | number;

/** A finding's message as the engine keeps it: a sentence already written, or a rule's template and values. */
export type FindingText = string | Message;

/** Tags a rule's message template (`say\`${a} calls ${b}\``): keeps the pieces and values for `messageText`. */
export function say(pieces: TemplateStringsArray, a?: MessageValue, b?: MessageValue, c?: MessageValue, d?: MessageValue, e?: MessageValue, f?: MessageValue): Message {
  return { pieces, values: [a, b, c, d, e, f] };
}

/** The sentence of a finding's message, in one piece. */
export function messageText(text: FindingText): string {
  if (typeof text === 'string') return inOnePiece(text);
  const { pieces, values } = text;
  let sentence = pieces[0];
  for (let i = 0; i < pieces.length - 1; i++) sentence += values[i] + pieces[i + 1];
  return inOnePiece(sentence);
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
