import { strict as assert } from 'node:assert';
import { diagnosticsOf } from '../../server/src/lsp/diagnostics';
import { DiagnosticsEncoder } from '../../server/src/lsp/diagnostics-encoder';
import { movedDiagnostic, movedFrom } from '../../server/src/lsp/moved-diagnostics';
import { Session } from '../../server/src/lsp/session';
import { generateModel } from '../../bench/generate-model';
import { memoryWorkspace, wsUri } from '../helpers/markers';
import { modelsToEdit, randomEdit, seededRandom } from '../helpers/random-edits';

const uri = wsUri('main.moat');

/** A session on a workspace of one file, `main.moat`. */
function sessionOf(text: string): Session {
  return new Session(memoryWorkspace({ 'main.moat': text }));
}

/** What the encoder sends for a diagnostics notification, as text. */
async function encoded(encoder: DiagnosticsEncoder, diagnostics: unknown[]): Promise<string> {
  const msg = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, diagnostics } };
  return Buffer.from(await encoder.encode(msg as never, { charset: 'utf-8' })).toString('utf8');
}

describe('lsp: diagnostics kept between publications', () => {
  it('gives what a fresh session gives, after any sequence of edits, and the encoder sends what JSON.stringify gives', async () => {
    for (const [seed, start] of modelsToEdit(31, 40)) {
      const pick = seededRandom(seed);
      const session = sessionOf(start);
      const encoder = new DiagnosticsEncoder();
      diagnosticsOf(session, uri);
      for (let i = 0; i < 40; i++) {
        // From the unedited text most of the time, so that edits often leave a valid model to compare.
        const text = randomEdit(i % 4 === 0 ? session.text(uri)! : start, pick);
        session.workspace.setDocument(uri, text);
        session.invalidate();
        const kept = diagnosticsOf(session, uri);
        const fresh = diagnosticsOf(sessionOf(text), uri);
        assert.equal(JSON.stringify(kept), JSON.stringify(fresh), `edit ${i} (seed ${seed})`);
        const msg = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, diagnostics: kept } };
        assert.equal(await encoded(encoder, kept), JSON.stringify(msg), `edit ${i} (seed ${seed}), encoded`);
      }
    }
  });

  it('hands out the same object for a diagnostic an edit did not change', () => {
    const text = generateModel(60);
    const session = sessionOf(text);
    const before = diagnosticsOf(session, uri);
    session.workspace.setDocument(uri, `${text}flow missing -> nowhere\n`);
    session.invalidate();
    const after = diagnosticsOf(session, uri);
    const kept = new Set(after);
    const reused = before.filter((d) => kept.has(d)).length;
    assert.ok(before.length > 50 && reused === before.length, `${reused} of ${before.length} kept`);
    assert.equal(after.length, before.length + 2, 'the new flow has two unknown ends');
  });

  it('moves the diagnostics below a line added mid-file, and the encoder writes them as JSON.stringify does', async () => {
    const text = generateModel(60);
    const lines = text.split('\n');
    const middle = lines.findIndex((line, i) => i >= lines.length / 2 && line.startsWith('flow '));
    const session = sessionOf(text);
    const encoder = new DiagnosticsEncoder();
    const before = diagnosticsOf(session, uri);
    await encoded(encoder, before);
    session.workspace.setDocument(uri, [...lines.slice(0, middle), '// a note', ...lines.slice(middle)].join('\n'));
    session.invalidate();
    const after = diagnosticsOf(session, uri);
    const moved = after.filter((d) => movedFrom(d) !== undefined);
    assert.ok(moved.length > 10 && moved.length < after.length, `${moved.length} of ${after.length} moved`);
    for (const d of moved) assert.equal(d.range.start.line, movedFrom(d)!.range.start.line + 1);
    const msg = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, diagnostics: after } };
    assert.equal(await encoded(encoder, after), JSON.stringify(msg));
  });

  it('shares the last publication\'s related entry of a declaration the edit did not move', () => {
    const text = generateModel(60);
    const lines = text.split('\n');
    const middle = lines.findIndex((line, i) => i >= lines.length / 2 && line.startsWith('flow '));
    const session = sessionOf(text);
    const before = new Map<string, object>();
    for (const d of diagnosticsOf(session, uri)) for (const r of d.relatedInformation ?? []) before.set(r.message, r);
    session.workspace.setDocument(uri, [...lines.slice(0, middle), '// a note', ...lines.slice(middle)].join('\n'));
    session.invalidate();
    let above = 0;
    for (const d of diagnosticsOf(session, uri).filter((d) => movedFrom(d) !== undefined)) {
      for (const r of d.relatedInformation ?? []) {
        if (r.location.range.start.line >= middle) continue;
        above++;
        assert.equal(r, before.get(r.message), r.message);
      }
    }
    assert.ok(above > 5, `${above} related entries above the edit`);
  });

  it('hands back the diagnostics first published when a line added mid-file is removed again', () => {
    const text = generateModel(60);
    const lines = text.split('\n');
    const middle = lines.findIndex((line, i) => i >= lines.length / 2 && line.startsWith('flow '));
    const session = sessionOf(text);
    const first = diagnosticsOf(session, uri);
    session.workspace.setDocument(uri, [...lines.slice(0, middle), '// a note', ...lines.slice(middle)].join('\n'));
    session.invalidate();
    const between = diagnosticsOf(session, uri);
    const moved = between.filter((d) => movedFrom(d) !== undefined);
    assert.ok(moved.length > 10 && between.length === first.length, `${moved.length} of ${between.length} moved`);
    session.workspace.setDocument(uri, text);
    session.invalidate();
    const back = diagnosticsOf(session, uri);
    assert.equal(JSON.stringify(back), JSON.stringify(first));
    const notFirst = between.filter((d, i) => movedFrom(d) !== undefined && back[i] !== first[i]).length;
    assert.equal(notFirst, 0, `${notFirst} of ${moved.length} moved diagnostics are not the first objects once back`);
  });

  it('encodes other messages, and a diagnostics notification with an awkward URI, as JSON.stringify does', async () => {
    const encoder = new DiagnosticsEncoder();
    const odd = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///"diagnostics":[]/ü.moat', diagnostics: [{ message: 'é "x"', range: null }], version: 3 } };
    for (const msg of [odd, odd, { jsonrpc: '2.0', id: 1, result: { diagnostics: [] } }, { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, diagnostics: [] } }]) {
      assert.equal(Buffer.from(await encoder.encode(msg as never, { charset: 'utf-8' })).toString('utf8'), JSON.stringify(msg));
    }
  });

  it('writes a moved diagnostic whose ranges hold numbers it cannot write as digits as JSON.stringify does', async () => {
    const encoder = new DiagnosticsEncoder();
    const range = (line: number, character: number) => ({ start: { line, character }, end: { line, character: character + 3 } });
    const first = { range: range(4, 2), severity: 2 as const, code: 'rule', source: 'moat', message: 'm "x" ü', relatedInformation: [{ location: { uri, range: range(1, 0) }, message: 'process p' }] };
    const moved = [
      movedDiagnostic(first, range(5, 2), [{ location: { uri, range: range(2, 0) }, message: 'process p' }]),
      movedDiagnostic(first, range(-1, 2), first.relatedInformation),
      movedDiagnostic(first, range(6, 2), [{ location: { uri, range: range(1.5, 0) }, message: 'process p' }]),
      movedDiagnostic(first, range(2 ** 40, 10), first.relatedInformation),
    ];
    const diagnostics = [first, ...moved, first];
    assert.ok(moved.every((d) => movedFrom(d) === first));
    const msg = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, diagnostics } };
    assert.equal(await encoded(encoder, diagnostics), JSON.stringify(msg));
  });
});
