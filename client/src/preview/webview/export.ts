/** Exports what the view shows, as a standalone SVG or a PNG, entirely in the page (no network, no server). */

/** The custom properties the diagram's stylesheet reads; their current values go into the export so it looks as shown. */
const themeVariables = [
  '--moat-bg', '--moat-fg', '--moat-node-fill', '--moat-edge', '--moat-muted', '--moat-label-bg', '--moat-mitigated',
  '--moat-trust-untrusted', '--moat-trust-low', '--moat-trust-medium', '--moat-trust-high',
  '--moat-severity-critical', '--moat-severity-high', '--moat-severity-medium', '--moat-severity-low',
  '--vscode-font-family',
];

/** Interaction marks that are not part of the picture. */
const transientClasses = ['moat-selected', 'moat-highlight'];

/** A standalone SVG of the shown diagram: its own stylesheet back in, the theme's colours fixed, dimming kept. */
export function exportSvg(shown: SVGSVGElement, styleText: string): string {
  const copy = shown.cloneNode(true) as SVGSVGElement;
  for (const cls of transientClasses) for (const node of Array.from(copy.getElementsByClassName(cls))) node.classList.remove(cls);
  const computed = getComputedStyle(shown);
  const vars = themeVariables
    .map((name) => [name, computed.getPropertyValue(name).trim()] as const)
    .filter(([, value]) => value !== '' && !/[<>{};]/.test(value))
    .map(([name, value]) => `${name}:${value}`)
    .join(';');
  const style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
  // The export is a file, not this page: the CSP does not apply to it, and it must style itself.
  style.textContent = `${vars ? `svg.moat-diagram{${vars}}\n` : ''}${styleText}\n.moat-dimmed{opacity:0.25}\n.moat-boundary text{stroke:none}`;
  const title = copy.querySelector(':scope > title');
  copy.insertBefore(style, title ? title.nextSibling : copy.firstChild);
  return new XMLSerializer().serializeToString(copy);
}

/** The largest side a PNG gets: canvases beyond ~16k pixels fail in Chromium. */
const maxSide = 16000;

/** Draws the SVG text into a canvas at 2x (less for huge diagrams) and returns the PNG bytes as base64. */
export async function exportPng(svgText: string, width: number, height: number): Promise<string> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const scale = Math.min(2, maxSide / Math.max(width, height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(width * scale));
    canvas.height = Math.max(1, Math.round(height * scale));
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas');
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    const dataUrl = canvas.toDataURL('image/png');
    return dataUrl.slice(dataUrl.indexOf(',') + 1);
  } finally {
    URL.revokeObjectURL(url);
  }
}
