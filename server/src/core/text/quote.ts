/**
 * How much of a text from the model a message quotes: enough to recognise a name, not a whole line
 * pasted by mistake (a 100,000-character name would otherwise come back in every message about it).
 */
const longest = 60;

/** Text from the model as a message quotes it: in backticks, cut after 60 characters with `…`. */
export function quote(text: string): string {
  return `\`${shorten(text, longest)}\``;
}

/** The text cut after `length` characters with `…`, never between the two halves of a character written as two UTF-16 units. */
export function shorten(text: string, length: number): string {
  if (text.length <= length) return text;
  const cut = /[\uD800-\uDBFF]/.test(text[length - 1]!) ? length - 1 : length;
  return `${text.slice(0, cut)}…`;
}
