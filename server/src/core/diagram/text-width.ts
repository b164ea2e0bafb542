/**
 * Deterministic text widths: the layout cannot measure fonts (no DOM in the server or the CLI),
 * and must give the same numbers everywhere, so widths come from a fixed table of a typical
 * sans-serif font (Helvetica/Arial metrics, in thousandths of an em).
 */

/** Font size the diagram is drawn with, in px. */
export const fontSize = 13;
/** Smaller text: edge labels and the legend. */
export const smallFontSize = 11;

// Widths of the printable ASCII characters, from space (32) to tilde (126).
const ascii = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space to /
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0-9
  278, 278, 584, 584, 584, 556, 1015, // : to @
  667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, // A-Z
  278, 278, 278, 469, 556, 333, // [ to `
  556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, // a-z
  334, 260, 334, 584, // { to ~
];

/** Width of one code point in thousandths of an em. */
function charWidth(code: number): number {
  if (code >= 32 && code <= 126) return ascii[code - 32]!;
  // East Asian wide characters and emoji take a full em; everything else an average letter.
  if ((code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xff00 && code <= 0xff60) || code >= 0x1f300) return 1000;
  if (code < 32 || (code >= 0x300 && code <= 0x36f) || code === 0x200b) return 0;
  return 600;
}

/** Estimated width in px of a single line of text at the given size. */
export function textWidth(text: string, size = fontSize): number {
  let units = 0;
  for (const ch of text) units += charWidth(ch.codePointAt(0)!);
  return (units * size) / 1000;
}

/** Splits text into lines no wider than `max` px, breaking between words (a too-long word keeps its own line). */
export function wrapText(text: string, max: number, size = fontSize): string[] {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && textWidth(candidate, size) > max) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}
