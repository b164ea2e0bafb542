import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Workspace } from '/work/main/server/src/core/model/workspace';
import { Session } from '/work/main/server/src/lsp/session';
import { documentSymbols, workspaceSymbols } from '/work/main/server/src/lsp/symbols';
import { semanticTokens } from '/work/main/server/src/lsp/semantic-tokens';
import { foldingRanges } from '/work/main/server/src/lsp/folding';
import { selectionRanges } from '/work/main/server/src/lsp/selection-ranges';
for (const f of ['examples/telemedicine.moat', 'examples/cicd-pipeline.moat', '.bench/model-10000.moat']) {
  const uri = pathToFileURL('/work/main/' + f).href;
  const ws = new Workspace({ readFile: () => readFileSync('/work/main/' + f, 'utf8') });
  ws.addFile(uri);
  const s = new Session(ws);
  s.analysis();
  let t = Date.now();
  const ds = documentSymbols(s, uri); const a = Date.now() - t; t = Date.now();
  const st = semanticTokens(s, uri); const b = Date.now() - t; t = Date.now();
  const fr = foldingRanges(s, uri); const c = Date.now() - t; t = Date.now();
  const sr = selectionRanges(s, uri, [{ line: 30, character: 6 }]); const d = Date.now() - t; t = Date.now();
  const w = workspaceSymbols(s, 'rec'); const e = Date.now() - t;
  console.log(f, ds.length, st.data.length / 5, fr.length, w.length, [a, b, c, d, e].join('ms '));
  if (f.includes('tele')) { console.log(JSON.stringify(ds.map((x) => [x.name, x.detail, x.children?.map((c) => c.name)]))); let r: any = sr[0]; const ch = []; while (r) { ch.push(JSON.stringify(r.range)); r = r.parent; } console.log(ch.join('\n')); }
}
