import type { ContentTypeEncoderOptions, Message } from 'vscode-languageserver/node';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { MovedDiagnostic } from './moved-diagnostics';

const publishDiagnostics = 'textDocument/publishDiagnostics';
/** What stands for a range while a diagnostic's JSON is cut at its ranges: no JSON text of a string can hold it, quotes included. */
const hole = '\u0000range\u0000';
const holeJson = JSON.stringify(hole);
const emptyList = '"diagnostics":[]';
const comma = Buffer.from(',');
// A range's JSON between its four numbers; the text before the first and after the last goes with the diagnostic's own pieces.
const rangeStart = '{"start":{"line":';
const rangeEnd = '}}';
const startCharacter = Buffer.from(',"character":');
const endLine = Buffer.from('},"end":{"line":');
const endCharacter = startCharacter;

/**
 * Encodes messages as JSON, as the library's own encoder does, but keeps the bytes of each
 * diagnostic object it has sent: a large model's diagnostics are megabytes of JSON, and an edit
 * leaves most of them as they were (`diagnosticsOf` hands out the same object for a diagnostic that
 * did not change). The bytes sent are those `JSON.stringify` gives for the same message.
 */
export class DiagnosticsEncoder {
  readonly name = 'application/json';
  /** A diagnostic's JSON as UTF-8; diagnostics are never changed once published, so the bytes stay right. */
  private readonly bytes = new WeakMap<object, Buffer>();
  /** A diagnostic's JSON as UTF-8 cut at the numbers of its ranges, for its moved copies. */
  private readonly around = new WeakMap<object, Buffer[]>();
  /** The size of the last diagnostics notification: the next one is about as large. */
  private lastSize = 0;

  /** The message as UTF-8 JSON. */
  encode(msg: Message, options: ContentTypeEncoderOptions): Promise<Uint8Array> {
    try {
      return Promise.resolve(this.encodeNow(msg, options));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private encodeNow(msg: Message, options: ContentTypeEncoderOptions): Buffer {
    const params = (msg as { method?: unknown; params?: { diagnostics?: unknown } }).params;
    const charset = options.charset === 'utf-8';
    if ((msg as { method?: unknown }).method !== publishDiagnostics || !charset || !params || !Array.isArray(params.diagnostics) || params.diagnostics.length === 0) {
      return Buffer.from(JSON.stringify(msg), options.charset);
    }
    // The message with no diagnostics, then the list spliced in where it stands: an empty list is
    // written `"diagnostics":[]` there and nowhere else (a string value would have its quotes escaped).
    const frame = JSON.stringify({ ...msg, params: { ...params, diagnostics: [] } });
    const at = frame.lastIndexOf(emptyList) + emptyList.length - 1;
    // Everything is copied into one buffer: moved diagnostics are their first copy's bytes with the
    // new numbers written in between, with no string made for them (thousands of small strings, joined
    // and encoded again, were most of the cost of sending a mid-file edit's diagnostics).
    const out = new MessageBytes(this.lastSize + 4096);
    out.put(Buffer.from(frame.slice(0, at), 'utf8'));
    const diagnostics = params.diagnostics as unknown[];
    for (let i = 0; i < diagnostics.length; i++) {
      if (i > 0) out.put(comma);
      const d = diagnostics[i];
      if (!(d instanceof MovedDiagnostic) || !this.putMoved(out, d)) out.put(this.bytesOf(d));
    }
    out.put(Buffer.from(frame.slice(at), 'utf8'));
    this.lastSize = out.length;
    return out.bytes();
  }

  private bytesOf(diagnostic: unknown): Buffer {
    if (typeof diagnostic !== 'object' || diagnostic === null) return Buffer.from(JSON.stringify(diagnostic) ?? 'null', 'utf8');
    let bytes = this.bytes.get(diagnostic);
    if (!bytes) this.bytes.set(diagnostic, (bytes = Buffer.from(JSON.stringify(diagnostic), 'utf8')));
    return bytes;
  }

  /**
   * Writes a moved diagnostic: the earlier one's JSON around its ranges, with the new ranges in.
   * False, having written nothing, when it cannot (ranges not made of whole numbers as JSON writes them).
   */
  private putMoved(out: MessageBytes, diagnostic: MovedDiagnostic): boolean {
    const { earlier } = diagnostic;
    let around = this.around.get(earlier);
    if (!around) this.around.set(earlier, (around = cutAtRanges(earlier)));
    const related = diagnostic.relatedInformation;
    if (around.length !== (related?.length ?? 0) + 2) return false;
    // Each number is read once, as it is written: the copies below an edit are thousands of objects just made.
    const start = out.length;
    out.put(around[0]);
    let written = out.range(diagnostic.range);
    if (related) {
      for (let i = 0; written && i < related.length; i++) {
        out.put(around[i + 1]);
        written = out.range(related[i].location?.range);
      }
    }
    if (!written) {
      out.length = start;
      return false;
    }
    out.put(around[around.length - 1]);
    return true;
  }
}

/**
 * A diagnostic's JSON cut where its ranges stand (the range, then each related location's): the
 * text before the first range's first number, between one range's last number and the next's
 * first, and after the last range's last number.
 */
function cutAtRanges(diagnostic: LspDiagnostic): Buffer[] {
  const pieces = JSON.stringify(diagnostic, (key, value: unknown) => (key === 'range' ? hole : value)).split(holeJson);
  return pieces.map((piece, i) => Buffer.from(`${i > 0 ? rangeEnd : ''}${piece}${i < pieces.length - 1 ? rangeStart : ''}`, 'utf8'));
}

/** One message's bytes, written into a buffer that grows as needed. */
class MessageBytes {
  private buffer: Buffer;
  length = 0;

  constructor(capacity: number) {
    this.buffer = Buffer.allocUnsafe(capacity);
  }

  /** Appends bytes. */
  put(bytes: Uint8Array): void {
    const n = bytes.length;
    if (this.length + n > this.buffer.length) this.grow(n);
    // A copy call costs more than a short loop: most pieces are a few bytes.
    if (n < 32) {
      const buffer = this.buffer;
      let at = this.length;
      for (let i = 0; i < n; i++) buffer[at++] = bytes[i];
    } else this.buffer.set(bytes, this.length);
    this.length += n;
  }

  /** Appends a range's numbers and the JSON between them; false, part written, when a number is not whole and not negative. */
  range(range: LspDiagnostic['range'] | undefined): boolean {
    const start = range?.start;
    const end = range?.end;
    if (start === undefined || end === undefined || !this.number(start.line)) return false;
    this.put(startCharacter);
    if (!this.number(start.character)) return false;
    this.put(endLine);
    if (!this.number(end.line)) return false;
    this.put(endCharacter);
    return this.number(end.character);
  }

  /** Appends a whole, non-negative number in decimal, as `JSON.stringify` writes it; false, with nothing written, for any other value. */
  private number(value: unknown): boolean {
    if (typeof value !== 'number' || !(value >= 0 && value <= 0x7fffffff) || (value | 0) !== value) return false;
    if (this.length + 10 > this.buffer.length) this.grow(10);
    const buffer = this.buffer;
    let n = value;
    let digits = 1;
    for (let rest = n; rest >= 10; rest = (rest / 10) | 0) digits++;
    let at = this.length + digits;
    this.length = at;
    do {
      buffer[--at] = 48 + (n % 10);
      n = (n / 10) | 0;
    } while (n > 0);
    return true;
  }

  private grow(needed: number): void {
    const bigger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + needed));
    this.buffer.copy(bigger, 0, 0, this.length);
    this.buffer = bigger;
  }

  /** The bytes written. */
  bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}
