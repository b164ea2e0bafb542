import { strict as assert } from 'node:assert';
import { previewHtml } from '../../client/src/preview/preview-html';

// The preview page's HTML, without a browser: what the CSP allows and that outside strings are escaped.

describe('preview page HTML', () => {
  const html = previewHtml({
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    nonce: 'abc123',
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/preview.js',
    styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/preview.css',
    title: '</title><script>alert(1)</script>',
  });
  const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? '';

  it('has a strict CSP: nonce script only, no inline or eval, nothing remote', () => {
    assert.equal(
      csp,
      "default-src 'none'; img-src https://file+.vscode-resource.vscode-cdn.net data: blob:; style-src https://file+.vscode-resource.vscode-cdn.net; script-src 'nonce-abc123'; font-src https://file+.vscode-resource.vscode-cdn.net".replace(/'/g, '&#39;'),
    );
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval/);
  });

  it('loads exactly one script, with the nonce, and no inline script, style or handler', () => {
    assert.deepEqual(html.match(/<script[^>]*>/g), ['<script nonce="abc123" src="https://file+.vscode-resource.vscode-cdn.net/ext/dist/preview.js">']);
    assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=/i);
  });

  it('escapes the title', () => {
    assert.match(html, /<title>&lt;\/title&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/title>/);
    assert.doesNotMatch(html, /<script>alert/);
  });
});
