/** Random but replayable edits of model text, for tests that compare an incremental result with a whole one. */
import { readFileSync } from 'node:fs';
import { generateModel } from '../../bench/generate-model';

/** A model from `examples/`. */
export function exampleModel(name: string): string {
  return readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8');
}

/** Models to edit at random, each with its own seed from `firstSeed` on: both examples and a generated model of `elements`. */
export function modelsToEdit(firstSeed: number, elements: number): Array<readonly [number, string]> {
  return [
    [firstSeed, exampleModel('telemedicine.moat')],
    [firstSeed + 1, exampleModel('cicd-pipeline.moat')],
    [firstSeed + 2, generateModel(elements)],
  ];
}

/** A small deterministic random source, so a failing edit sequence can be replayed. */
export function seededRandom(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

/** Text a person might type: whole declarations, half-typed ones, and things that open what they do not close. */
const snippets = [
  'process billing "Billing" { tech: "java" }\n',
  'flow web -> api { protocol: "https" }\n',
  'flow missing -> nowhere\n',
  '// a note\n',
  '/* a note\n over two lines */\n',
  'store cache\n',
  'process',
  'flow a ->',
  '{',
  '}',
  '"',
  '"""',
  '/*',
  ' ',
  '\n',
  '\r\n',
  'x',
  ', ',
  'data phi "PHI" { classification: restricted }\n',
  'threat skimming "Card skimming" { category: tampering, severity: high, on: gateway }\n',
  'mitigate missing-authentication "OIDC at the edge" { on: gateway, status: planned }\n',
  'accept missing-rate-limit "Behind the shield" { on: gateway, expires: "2020-01-01" }\n',
  '  tech: "go"\n',
  '    authenticates: true\n',
  '  process worker { logs: true }\n',
  '  boundary inner {\n',
  '  and: true\n',
  'or ',
  ' and holds(phi)\n',
  'when: ',
  '  }\n',
  '{ { { { { { { { { { { { { { { { { { { { { { { { { { { { { { { { { { { { { { { { { { { { { { { { { { { { { { { { { { { { { { { {\n',
];

/** One random edit of a text: an insertion, a deletion or a replacement, at a line start or anywhere. */
export function randomEdit(text: string, pick: (n: number) => number): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const at = pick(2) === 0 ? lineStarts[pick(lineStarts.length)] : pick(text.length + 1);
  const removed = pick(3) === 0 ? 0 : pick(3) === 0 ? pick(200) : pick(4);
  const inserted = pick(3) === 0 ? '' : snippets[pick(snippets.length)];
  return text.slice(0, at) + inserted + text.slice(Math.min(text.length, at + removed));
}

