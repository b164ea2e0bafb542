import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { builtInRules } from '../../server/src/core/rules/catalogue';
import { defaultSettings } from '../../server/src/protocol';

// Both are CommonJS packages: load them with require() so their named exports are all there.
const require = createRequire(import.meta.url);
const vsctm = require('vscode-textmate') as typeof import('vscode-textmate');
const oniguruma = require('vscode-oniguruma') as typeof import('vscode-oniguruma');

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const read = (path: string): string => readFileSync(join(root, path), 'utf8');
const json = <T>(path: string): T => JSON.parse(read(path)) as T;

interface Command {
  command: string;
  title?: string;
  category?: string;
}
interface ConfigProperty {
  description?: string;
  markdownDescription?: string;
  default?: unknown;
  type?: string;
  enum?: string[];
  items?: { enum?: string[]; enumDescriptions?: string[] };
  properties?: Record<string, ConfigProperty>;
}
interface Manifest {
  main: string;
  engines: { vscode?: string };
  activationEvents: string[];
  contributes: {
    languages: { id: string; extensions: string[]; configuration: string }[];
    grammars: { language: string; scopeName: string; path: string }[];
    snippets: { language: string; path: string }[];
    commands: Command[];
    menus: Record<string, { command: string; when?: string }[]>;
    configuration: { properties: Record<string, ConfigProperty> };
  };
}

const manifest = json<Manifest>('package.json');
const extensionSource = read('client/src/extension.ts');

describe('extension manifest', () => {
  it('declares the moat language, grammar and snippets with files that exist', () => {
    const language = manifest.contributes.languages.find((l) => l.id === 'moat');
    assert.ok(language, 'language moat');
    assert.deepEqual(language.extensions, ['.moat']);
    json(language.configuration);
    const grammar = manifest.contributes.grammars.find((g) => g.language === 'moat');
    assert.equal(grammar?.scopeName, 'source.moat');
    assert.equal(json<{ scopeName: string }>(grammar.path).scopeName, 'source.moat');
    const snippets = json<Record<string, { prefix: string; body: string[] }>>(manifest.contributes.snippets[0].path);
    const prefixes = Object.values(snippets).map((s) => s.prefix);
    for (const keyword of ['model', 'import', 'data', 'actor', 'external', 'process', 'store', 'boundary', 'flow', 'threat', 'mitigate', 'accept', 'rule']) {
      assert.ok(prefixes.includes(keyword), `a snippet for ${keyword}`);
    }
    // Opening a .moat file, or VS Code restoring a diagram preview after a reload.
    assert.deepEqual(manifest.activationEvents, ['onLanguage:moat', 'onWebviewPanel:moat.diagramPreview']);
    assert.match(manifest.engines.vscode ?? '', /^\^1\.\d+\.\d+$/);
    assert.equal(manifest.main, './dist/client.cjs');
  });

  it('registers every contributed command in client/src/extension.ts, each with a title', () => {
    const expected = [
      'moat.openDiagram',
      'moat.openDiagramToSide',
      'moat.exportDiagram',
      'moat.exportReport',
      'moat.showRuleCatalogue',
      'moat.restartServer',
      'moat.showFindings',
    ];
    const contributed = manifest.contributes.commands.map((c) => c.command);
    assert.deepEqual([...contributed].sort(), [...expected].sort());
    for (const command of manifest.contributes.commands) {
      assert.ok(command.title && command.title.length > 0, `${command.command} has a title`);
      assert.equal(command.category, 'Moat', `${command.command} is in the Moat category`);
      assert.ok(extensionSource.includes(`registerCommand('${command.command}'`), `${command.command} is registered`);
    }
    const registered = [...extensionSource.matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]);
    for (const id of registered) assert.ok(contributed.includes(id), `${id} is contributed`);
  });

  it('offers the commands of the editor spec in the editor title bar and the context menu of a .moat file', () => {
    const spec = ['moat.openDiagram', 'moat.openDiagramToSide', 'moat.exportDiagram', 'moat.exportReport', 'moat.showRuleCatalogue', 'moat.restartServer'];
    for (const menu of ['editor/title', 'editor/context']) {
      const offered = manifest.contributes.menus[menu].filter((item) => item.when === 'editorLangId == moat').map((item) => item.command);
      // The title bar shows the preview to the side as its button; opening it in place is the palette's and the context menu's.
      const expected = menu === 'editor/title' ? spec.filter((id) => id !== 'moat.openDiagram') : spec;
      for (const id of expected) assert.ok(offered.includes(id), `${menu} offers ${id}`);
    }
  });

  it('only refers to contributed commands in menus', () => {
    const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
    for (const [menu, items] of Object.entries(manifest.contributes.menus)) {
      for (const item of items) assert.ok(contributed.has(item.command), `${menu}: ${item.command}`);
    }
  });

  it('gives every configuration property a description and a default', () => {
    const properties = manifest.contributes.configuration.properties;
    for (const name of [
      'moat.findingSeverity',
      'moat.closedFindings',
      'moat.inlayHints',
      'moat.debounceMs',
      'moat.rulesOff',
      'moat.maxDiagnosticsPerFile',
      'moat.codeAnnotations.searchPath',
      'moat.preview.autoRefresh',
      'moat.trace.server',
    ]) {
      assert.ok(properties[name], `${name} is contributed`);
    }
    for (const [name, property] of Object.entries(properties)) {
      assert.ok(name.startsWith('moat.'), name);
      assert.ok((property.description ?? property.markdownDescription ?? '').length > 10, `${name} has a description`);
      assert.ok('default' in property, `${name} has a default`);
      if (property.enum) assert.ok(property.enum.includes(property.default as string), `${name}: default is one of its values`);
      for (const [sub, inner] of Object.entries(property.properties ?? {})) {
        assert.ok(inner.description, `${name}.${sub} has a description`);
        assert.ok(inner.enum?.includes(inner.default as string), `${name}.${sub}: default is one of its values`);
      }
    }
    const severity = properties['moat.findingSeverity'];
    assert.deepEqual(Object.keys(severity.properties ?? {}).sort(), ['critical', 'high', 'low', 'medium']);
    for (const level of Object.values(severity.properties ?? {})) {
      assert.deepEqual(level.enum, ['error', 'warning', 'information', 'hint', 'off']);
    }
    assert.deepEqual(properties['moat.trace.server'].enum, ['off', 'messages', 'verbose']);
    assert.deepEqual(properties['moat.closedFindings'].enum, ['hidden', 'hint']);
    // VS Code shows at most 1,000 diagnostics per file: the extension asks for no more, so the server chooses which,
    // and a client that sets nothing gets the same.
    assert.equal(properties['moat.maxDiagnosticsPerFile'].default, 1000);
    assert.equal(defaultSettings.maxDiagnosticsPerFile, 1000);
  });

  it('offers exactly the built-in rules, with their titles, for moat.rulesOff (settings validate and complete from it)', () => {
    const items = manifest.contributes.configuration.properties['moat.rulesOff'].items;
    assert.deepEqual(items?.enum, builtInRules.map((r) => r.id));
    assert.deepEqual(items?.enumDescriptions, builtInRules.map((r) => r.title));
  });
});

describe('language configuration', () => {
  const config = json<{ wordPattern: string; comments: { lineComment: string; blockComment: [string, string] } }>('grammar/language-configuration.json');

  it('keeps kebab-case IDs whole as one word', () => {
    const word = new RegExp(config.wordPattern, 'g');
    assert.deepEqual('flow payment-api -> db_main'.match(word)?.filter((w) => /[A-Za-z]/.test(w)), ['flow', 'payment-api', 'db_main']);
    assert.equal('payment-api'.match(new RegExp(`^(?:${config.wordPattern})$`))?.[0], 'payment-api');
  });

  it('declares the comment syntax', () => {
    assert.equal(config.comments.lineComment, '//');
    assert.deepEqual(config.comments.blockComment, ['/*', '*/']);
  });
});

describe('TextMate grammar', () => {
  type Token = { text: string; scopes: string[] };
  let tokenizeText: (text: string) => Token[][];

  before(async () => {
    const wasm = readFileSync(join(dirname(require.resolve('vscode-oniguruma')), 'onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
    const registry = new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (text: string) => new oniguruma.OnigString(text),
      }),
      loadGrammar: async (scopeName: string) =>
        scopeName === 'source.moat' ? vsctm.parseRawGrammar(read('grammar/moat.tmLanguage.json'), join(root, 'grammar/moat.tmLanguage.json')) : null,
    });
    const grammar = await registry.loadGrammar('source.moat');
    assert.ok(grammar);
    tokenizeText = (text) => {
      let state = vsctm.INITIAL;
      return text.split(/\r?\n/).map((line) => {
        const result = grammar.tokenizeLine(line, state);
        state = result.ruleStack;
        return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
      });
    };
  });

  const sample = [
    '// a line comment',
    '/* a block',
    '   comment */',
    'model "Shop" { version: "1.0" }',
    'data card "Card data" { classification: restricted }',
    'boundary cloud "Cloud" {',
    '  trust: high',
    '  process payment-api "Payments \\u{1F4B3}" {',
    '    authenticates: true',
    '    validates_input: false',
    '    description: """',
    '      Takes payments.',
    '    """',
    '  }',
    '  store db "DB" { encrypted: true, holds: [card] }',
    '}',
    'flow pay: payment-api -> db "Write" { protocol: "postgres" }',
    'flow payment-api <-> db',
    'threat replay "Replay" { severity: high, cwe: 294, on: [pay] }',
    'mitigate replay "Nonces" { on: pay, status: implemented }',
    'rule no-cache "No cache" { applies: [store, process], when: holds(card) and not encrypted == true }',
  ].join('\n');

  /** The scopes of the first token whose text is `text` on the line that contains `line`. */
  function scopesOf(lines: Token[][], line: string, text: string): string[] {
    const index = sample.split('\n').findIndex((l) => l.includes(line));
    assert.ok(index >= 0, `sample line ${line}`);
    const token = lines[index].find((t) => t.text === text);
    assert.ok(token, `a token ${JSON.stringify(text)} on line ${index + 1}; got ${JSON.stringify(lines[index].map((t) => t.text))}`);
    return token.scopes;
  }

  function assertScope(line: string, text: string, scope: string): void {
    const scopes = scopesOf(tokenizeText(sample), line, text);
    assert.ok(
      scopes.some((s) => s === scope || s.startsWith(`${scope}.`)),
      `${JSON.stringify(text)} on "${line}" should have ${scope}; has ${scopes.join(' ')}`,
    );
  }

  it('scopes declaration keywords and declared IDs', () => {
    assertScope('model "Shop"', 'model', 'keyword.other.declaration');
    assertScope('process payment-api', 'process', 'keyword.other.declaration');
    assertScope('process payment-api', 'payment-api', 'entity.name.type');
    assertScope('data card', 'card', 'entity.name.type.data');
    assertScope('boundary cloud', 'cloud', 'entity.name.type.boundary');
    assertScope('threat replay', 'replay', 'entity.name.type.threat');
    assertScope('rule no-cache', 'no-cache', 'entity.name.type.rule');
    assertScope('flow pay:', 'flow', 'keyword.other.declaration.flow');
    assertScope('flow pay:', 'pay', 'entity.name.type.flow');
    assertScope('mitigate replay', 'mitigate', 'keyword.other.declaration');
  });

  it('scopes strings, escapes and multi-line strings', () => {
    assertScope('model "Shop"', 'Shop', 'string.quoted.double');
    assertScope('process payment-api', '\\u{1F4B3}', 'constant.character.escape');
    assertScope('Takes payments.', '      Takes payments.', 'string.quoted.triple');
    assertScope('description: """', '"""', 'string.quoted.triple');
  });

  it('scopes numbers, booleans and enum words', () => {
    assertScope('cwe: 294', '294', 'constant.numeric');
    assertScope('authenticates: true', 'true', 'constant.language');
    assertScope('validates_input: false', 'false', 'constant.language');
    assertScope('classification: restricted', 'restricted', 'constant.other');
    assertScope('trust: high', 'high', 'constant.other');
    assertScope('status: implemented', 'implemented', 'constant.other');
    assertScope('applies: [store, process]', 'store', 'constant.other');
  });

  it('scopes comments', () => {
    assertScope('// a line comment', ' a line comment', 'comment.line.double-slash');
    assertScope('/* a block', '/*', 'comment.block');
    assertScope('comment */', '   comment ', 'comment.block');
  });

  it('scopes arrows, property keys and `when` operators', () => {
    assertScope('flow pay:', '->', 'keyword.operator.arrow');
    assertScope('flow payment-api <->', '<->', 'keyword.operator.arrow');
    assertScope('flow pay:', 'payment-api', 'variable.other.reference');
    assertScope('authenticates: true', 'authenticates', 'variable.other.property');
    assertScope('validates_input: false', 'validates_input', 'support.type.property-name');
    assertScope('description: """', 'description', 'variable.other.property');
    assertScope('applies: [store', 'when', 'variable.other.property');
    assertScope('applies: [store', 'and', 'keyword.operator.logical');
    assertScope('applies: [store', 'not', 'keyword.operator.logical');
    assertScope('applies: [store', '==', 'keyword.operator.comparison');
    assertScope('applies: [store', 'holds', 'support.function');
  });

  it('does not take a property named like a keyword for a declaration', () => {
    const [line] = tokenizeText('  data: [card]');
    const data = line.find((t) => t.text === 'data');
    assert.ok(data?.scopes.some((s) => s.startsWith('variable.other.property')), data?.scopes.join(' '));
    assert.ok(!data?.scopes.some((s) => s.startsWith('keyword')), data?.scopes.join(' '));
  });

  it('tokenizes every example with the scopes it needs and nothing unterminated', () => {
    const examples = readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.moat'));
    assert.ok(examples.length > 0);
    for (const file of examples) {
      const text = read(join('examples', file));
      const lines = tokenizeText(text);
      const all = lines.flat();
      const has = (scope: string) => all.some((t) => t.scopes.some((s) => s.startsWith(scope)));
      for (const scope of ['keyword.other.declaration', 'entity.name.type', 'string.quoted.double', 'comment.line', 'keyword.operator.arrow', 'variable.other.property', 'constant.language', 'constant.other']) {
        assert.ok(has(scope), `${file}: some token is ${scope}`);
      }
      assert.ok(!has('invalid'), `${file}: no invalid tokens`);
      // Every line ends back at the top level: no string or comment runs on by mistake.
      text.split('\n').forEach((source, i) => {
        if (!/"""|\/\*/.test(source)) {
          const last = lines[i].at(-1);
          if (last) assert.ok(!last.scopes.some((s) => s.startsWith('string') || s.startsWith('comment.block')) || /["/]\s*$/.test(source), `${file}:${i + 1} ends inside a string or comment`);
        }
      });
      // Each declaration keyword at the start of a line is a keyword.
      text.split('\n').forEach((source, i) => {
        const keyword = /^\s*(model|import|data|actor|external|process|store|boundary|flow|threat|mitigate|accept|rule)\s/.exec(source)?.[1];
        if (keyword) {
          const token = lines[i].find((t) => t.text === keyword);
          assert.ok(token?.scopes.some((s) => s.startsWith('keyword')), `${file}:${i + 1}: ${keyword} is a keyword`);
        }
      });
    }
  });
});
