import { strict as assert } from 'node:assert';
import { quote } from '../../../server/src/core/text/quote';
import { memoryWorkspace } from '../../helpers/markers';

describe('quote', () => {
  it('quotes a name in backticks as written', () => {
    assert.equal(quote('payments-api'), '`payments-api`');
  });

  it('cuts a text longer than 60 characters, and never between the two halves of a character', () => {
    assert.equal(quote('x'.repeat(61)), `\`${'x'.repeat(60)}…\``);
    assert.equal(quote(`${'x'.repeat(59)}😀tail`), `\`${'x'.repeat(59)}…\``);
  });

  it('keeps every message about a 100,000-character name short: the name is cut, the position says where it is', () => {
    const long = 'n'.repeat(100_000);
    const files = { 'main.moat': `import "${long}.moat"\nactor a\nflow a -> ${long}\nprocess p { ${long}: true, tech: ${long} }\nmitigate ${long} on ${long} "x"\n` };
    const messages = [...memoryWorkspace(files).analyze().diagnostics.values()].flat().map((d) => d.message);
    assert.ok(messages.length >= 5, messages.join('\n'));
    assert.ok(messages.some((m) => m.startsWith('cannot find `nnn')), messages.join('\n'));
    for (const message of messages) assert.ok(message.length < 400, `${message.length} characters: ${message.slice(0, 120)}`);
    assert.ok(messages.some((m) => m.startsWith(`unknown element \`${'n'.repeat(60)}…\``)), messages.join('\n'));
  });
});
