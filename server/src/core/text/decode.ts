import { Position } from './range';

/** A file's text, and where it stopped being valid UTF-8 if it did. */
export interface DecodedText {
  readonly text: string;
  /** Position of the first byte that is not valid UTF-8 (the text then has U+FFFD there). */
  readonly invalidAt: Position | undefined;
}

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

/** Decodes a model file's bytes as UTF-8 without ever throwing; a byte-order mark is dropped. */
export function decodeUtf8(bytes: Uint8Array): DecodedText {
  try {
    return { text: strict.decode(bytes), invalidAt: undefined };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const before = lenient.decode(bytes.subarray(0, bad));
    const lines = before.split(/\r\n|\r|\n/);
    return { text: lenient.decode(bytes), invalidAt: { line: lines.length - 1, character: lines[lines.length - 1].length } };
  }
}

/** The offset of the first byte that breaks UTF-8 (bytes.length when there is none). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    const chunk = bytes.subarray(i, i + length);
    try {
      strict.decode(chunk);
    } catch {
      return i; // overlong forms and surrogates pass the shape test above but are still invalid
    }
    i += length;
  }
  return bytes.length;
}
