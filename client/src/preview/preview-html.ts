/**
 * The diagram preview's page. Pure (no `vscode`): the panel passes webview URIs, the browser
 * tests pass local ones. Everything dynamic is built by the script; the only outside strings
 * here are escaped.
 */

export interface PreviewHtmlOptions {
  /** The webview's `cspSource` (or the test server's origin). */
  readonly cspSource: string;
  /** A fresh random nonce per page load, for the one script tag. */
  readonly nonce: string;
  /** URI of `dist/preview.js`. */
  readonly scriptUri: string;
  /** URI of `media/preview.css`. */
  readonly styleUri: string;
  /** The page title (the model's title or file name). */
  readonly title: string;
}

/** Escapes text for HTML content and attribute values. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** The preview page's HTML: strict CSP (nonce script, no inline style, no remote anything), toolbar, filter bar, viewport, details pane. */
export function previewHtml({ cspSource, nonce, scriptUri, styleUri, title }: PreviewHtmlOptions): string {
  const csp = [
    `default-src 'none'`,
    `img-src ${cspSource} data: blob:`,
    `style-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
  ].join('; ');
  const button = (action: string, label: string, hint: string, extra = ''): string =>
    `<button type="button" data-action="${action}" title="${escapeHtml(hint)}" aria-label="${escapeHtml(hint)}"${extra}>${label}</button>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${escapeHtml(styleUri)}">
<title>${escapeHtml(title)}</title>
</head>
<body>
<header class="toolbar" role="toolbar" aria-label="Diagram">
  ${button('zoom-out', '\u2212', 'Zoom out (-)')}
  <span id="zoom-level" class="zoom-level" aria-live="polite">100%</span>
  ${button('zoom-in', '+', 'Zoom in (+)')}
  ${button('fit', 'Fit', 'Fit to view (F)')}
  ${button('reset', '1:1', 'Actual size (0)')}
  <span class="separator"></span>
  <button type="button" id="go-to-code" data-action="go-to-code" disabled>Go to code</button>
  <span class="spacer"></span>
  ${button('export-svg', 'Export SVG', 'Export what is shown as SVG')}
  ${button('export-png', 'Export PNG', 'Export what is shown as PNG')}
</header>
<nav id="filters" class="filters" aria-label="Filter findings"><span id="finding-count" class="finding-count"></span></nav>
<div id="banner" class="banner" role="status" hidden></div>
<div class="body">
  <main id="viewport" class="viewport" tabindex="0" aria-label="${escapeHtml(title)}">
    <div id="stage" class="stage"></div>
    <p id="placeholder" class="placeholder">Drawing the diagram\u2026</p>
    <div id="problem" class="problem" role="alert" hidden></div>
  </main>
  <aside id="details" class="details" aria-label="Selected element" hidden></aside>
</div>
<script nonce="${escapeHtml(nonce)}" src="${escapeHtml(scriptUri)}"></script>
</body>
</html>
`;
}
