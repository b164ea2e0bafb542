/** The value of a `"..."` token: quotes removed, escapes (`\"`, `\\`, `\n`, `\t`, `\u{...}`) applied. */
export function unescapeString(image: string): string {
  // Most strings have no escape: a closed one is just its inside.
  if (!image.includes('\\')) return image.length > 1 && image.endsWith('"') ? image.slice(1, -1) : image.slice(1);
  // The lexer's own pattern finds the body, so `"C:\\"` ends at its last quote (the closing quote may be missing).
  const body = /^"((?:[^"\\\r\n]|\\.)*)/.exec(image)?.[1] ?? image.slice(1);
  return body.replace(/\\(u\{([0-9A-Fa-f]{1,6})\}|.)/g, (_match, escape: string, hex: string | undefined) => {
    if (hex !== undefined) {
      const code = parseInt(hex, 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
    }
    switch (escape) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      default:
        return escape;
    }
  });
}

/** Escapes that `unescapeString` understands; anything else after `\` is reported. */
export const validEscape = /\\(?:u\{[0-9A-Fa-f]{1,6}\}|["\\ntr])/y;

/**
 * The text of a `"""..."""` block: the line break after the opening quotes and the
 * indentation common to every line are removed, so a block reads the same wherever it is nested.
 */
export function textBlockContent(image: string): string {
  let body = image.slice(3, -3).replace(/\r\n?/g, '\n');
  if (body.startsWith('\n')) body = body.slice(1);
  const lines = body.split('\n');
  if (lines.length > 1 && lines[lines.length - 1].trim() === '') lines.pop();
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)![0].length);
  const common = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(common)).join('\n');
}

/** The `"..."` form of a string value, escaped so it reads back the same. */
export function quoteString(value: string): string {
  return '"' + value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r') + '"';
}
