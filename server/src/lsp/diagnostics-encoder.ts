import type { ContentTypeEncoderOptions, Message } from 'vscode-languageserver/node';
import { MovedDiagnostic, rangesOf } from './moved-diagnostics';

const publishDiagnostics = 'textDocument/publishDiagnostics';
/** What stands for a range while a diagnostic's JSON is cut at its ranges: no JSON text of a string can hold it, quotes included. */
const hole = '\u0000range\u0000';
const holeJson = JSON.stringify(hole);
const emptyList = '"diagnostics":[]';
const comma = Buffer.from(',');

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
  /** A diagnostic's JSON cut at its ranges. */
  private readonly around = new WeakMap<object, string[]>();

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
    const parts: Buffer[] = [Buffer.from(frame.slice(0, at), 'utf8')];
    // Moved diagnostics are written as text, each run of them turned into bytes at once: thousands of
    // small buffers cost more than their bytes, and a list joined is flat where a string added to is not.
    let run: string[] = [];
    params.diagnostics.forEach((d: unknown, i: number) => {
      if (d instanceof MovedDiagnostic) {
        if (i > 0) run.push(',');
        run.push(d.json(this.movedJson));
        return;
      }
      if (run.length > 0) {
        parts.push(Buffer.from(run.join(''), 'utf8'));
        run = [];
      }
      if (i > 0) parts.push(comma);
      parts.push(this.bytesOf(d));
    });
    run.push(frame.slice(at));
    parts.push(Buffer.from(run.join(''), 'utf8'));
    return Buffer.concat(parts);
  }

  private bytesOf(diagnostic: unknown): Buffer {
    if (typeof diagnostic !== 'object' || diagnostic === null) return Buffer.from(JSON.stringify(diagnostic) ?? 'null', 'utf8');
    let bytes = this.bytes.get(diagnostic);
    if (!bytes) this.bytes.set(diagnostic, (bytes = Buffer.from(JSON.stringify(diagnostic), 'utf8')));
    return bytes;
  }

  /** A moved diagnostic's JSON: the earlier one's, around its ranges, with the new ranges in. */
  private readonly movedJson = (diagnostic: MovedDiagnostic): string => {
    const { earlier } = diagnostic;
    let around = this.around.get(earlier);
    if (!around) this.around.set(earlier, (around = JSON.stringify(earlier, (key, value: unknown) => (key === 'range' ? hole : value)).split(holeJson)));
    const ranges = rangesOf(diagnostic);
    if (around.length !== ranges.length + 1) return JSON.stringify(diagnostic);
    let json = around[0];
    for (let i = 0; i < ranges.length; i++) {
      const { start, end } = ranges[i];
      json += `{"start":{"line":${start.line},"character":${start.character}},"end":{"line":${end.line},"character":${end.character}}}${around[i + 1]}`;
    }
    return json;
  };
}
