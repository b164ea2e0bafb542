/**
 * How much of a text from the model a message quotes: enough to recognise a name, not a whole line
 * pasted by mistake (a 100,000-character name would otherwise come back in every message about it).
 */
const longest = 60;

/** Text from the model as a message quotes it: in backticks, cut after 60 characters with `…`. */
export function quote(text: string): string {
  if (text.length <= longest) return `\`${text}\``;
  // Never half of a character written as two UTF-16 units.
  const cut = /[\uD800-\uDBFF]/.test(text[longest - 1]!) ? longest - 1 : longest;
  return `\`${text.slice(0, cut)}…\``;
}
