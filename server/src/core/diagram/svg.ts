import type { Severity, Trust } from '../model/threat-model';
import type { DiagramBadge } from './graph';
import type { DiagramGraph } from './graph';
import { Box, layoutDiagram, LaidOutDiagram, LaidOutEdge, LaidOutNode, metrics, Point } from './layout';
import { fontSize, smallFontSize, textWidth } from './text-width';

/**
 * Writes a laid-out diagram as one standalone SVG: no script, no event attributes, no external
 * references, every model string escaped, numbers at fixed precision so output is byte-stable.
 * Colours are CSS variables with fallbacks so the VS Code webview can restyle them.
 */

export type DiagramTheme = 'light' | 'dark' | 'vscode';

export interface SvgOptions {
  readonly theme?: DiagramTheme;
  /** Draw the legend under the diagram (default: true). */
  readonly legend?: boolean;
  /** Write colours without CSS variables, for renderers that lack them (resvg, for PNG). */
  readonly plainColors?: boolean;
}

/** The stylesheet with every `var(--name, fallback)` replaced by its fallback (innermost first). */
function withoutVariables(css: string): string {
  let out = css;
  for (let previous = ''; previous !== out; ) {
    previous = out;
    out = out.replace(/var\(--[\w-]+,\s*([^()]*)\)/g, '$1');
  }
  return out;
}

/** Escapes text for XML content and attribute values; drops characters XML 1.0 forbids. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Fixed-precision number: the same geometry always prints the same bytes. */
function num(n: number): string {
  const s = (Math.round(n * 10) / 10).toFixed(1);
  return s === '-0.0' ? '0.0' : s;
}

const trustColor: Record<Trust, string> = { untrusted: '#d32f2f', low: '#ef6c00', medium: '#a97c00', high: '#2e7d32' };
const severityColor: Record<Severity, string> = { critical: '#8e0000', high: '#d32f2f', medium: '#ef6c00', low: '#f9a825' };

interface Palette {
  readonly fg: string;
  readonly bg: string;
  readonly nodeFill: string;
  readonly edge: string;
  readonly muted: string;
  readonly labelBg: string;
}

const palettes: Record<DiagramTheme, Palette> = {
  light: { fg: '#222222', bg: '#ffffff', nodeFill: '#f7f9fc', edge: '#555555', muted: '#78909c', labelBg: '#ffffff' },
  dark: { fg: '#e0e0e0', bg: '#1e1e1e', nodeFill: '#2a2d33', edge: '#aaaaaa', muted: '#90a4ae', labelBg: '#1e1e1e' },
  // The webview defines the --vscode-* variables; outside it the light fallbacks apply.
  vscode: {
    fg: 'var(--vscode-editor-foreground, #222222)',
    bg: 'var(--vscode-editor-background, #ffffff)',
    nodeFill: 'var(--vscode-editorWidget-background, #f7f9fc)',
    edge: 'var(--vscode-descriptionForeground, #555555)',
    muted: 'var(--vscode-disabledForeground, #78909c)',
    labelBg: 'var(--vscode-editor-background, #ffffff)',
  },
};

/** The stylesheet: every colour through a --moat-* variable with the theme's value as fallback. */
function style(theme: DiagramTheme): string {
  const p = palettes[theme];
  const rules = [
    `.moat-diagram{font-family:var(--vscode-font-family, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif);font-size:${fontSize}px}`,
    `.moat-bg{fill:var(--moat-bg, ${p.bg})}`,
    `.moat-title{fill:var(--moat-fg, ${p.fg});font-weight:bold;font-size:15px}`,
    `.moat-node .moat-shape{fill:var(--moat-node-fill, ${p.nodeFill});stroke:var(--moat-fg, ${p.fg});stroke-width:1.5}`,
    `.moat-node .moat-shape.moat-unstroked{stroke:none}`,
    `.moat-node .moat-line{stroke:var(--moat-fg, ${p.fg});stroke-width:1.5;fill:none}`,
    `.moat-node .moat-glyph{stroke:var(--moat-fg, ${p.fg});stroke-width:1.3;fill:none}`,
    `.moat-text{fill:var(--moat-fg, ${p.fg})}`,
    `.moat-boundary .moat-frame{fill:none;stroke-width:1.5;stroke-dasharray:6 4}`,
    `.moat-boundary .moat-boundary-title{font-weight:bold;stroke:none}`,
    // The stroke goes on the frame only: inherited by the title text it would blur it.
    ...(Object.keys(trustColor) as Trust[]).map((t) => `.moat-trust-${t} .moat-frame{stroke:var(--moat-trust-${t}, ${trustColor[t]})}.moat-trust-${t} .moat-boundary-title,.moat-legend .moat-trust-${t}-text{fill:var(--moat-trust-${t}, ${trustColor[t]})}`),
    `.moat-edge .moat-route{fill:none;stroke:var(--moat-edge, ${p.edge});stroke-width:1.4}`,
    `.moat-edge.moat-unencrypted .moat-route{stroke-dasharray:4 3}`,
    `.moat-arrow{fill:var(--moat-edge, ${p.edge})}`,
    `.moat-edge-label-bg{fill:var(--moat-label-bg, ${p.labelBg});opacity:0.85}`,
    `.moat-small{font-size:${smallFontSize}px}`,
    `.moat-muted{fill:var(--moat-muted, ${p.muted})}`,
    `.moat-badge text{fill:#ffffff;font-size:10px;font-weight:bold}`,
    ...(Object.keys(severityColor) as Severity[]).map((s) => `.moat-badge-${s} circle{fill:var(--moat-severity-${s}, ${severityColor[s]})}`),
    `.moat-badge-low text,.moat-badge-medium text{fill:#222222}`,
    `.moat-badge-mitigated circle{fill:var(--moat-mitigated, ${p.muted})}`,
  ];
  return rules.join('\n');
}

/** An SVG path through the points. */
function pathOf(points: readonly Point[]): string {
  return points.map((p, i) => `${i ? 'L' : 'M'}${num(p.x)} ${num(p.y)}`).join(' ');
}

/** A badge circle at (x, y): open count coloured by severity, or the mitigated count in a calm colour. */
function badge(b: DiagramBadge, x: number, y: number): string {
  if (b.open === 0 && b.mitigated === 0) return '';
  const cls = b.open > 0 ? `moat-badge-${b.highest ?? 'low'}` : 'moat-badge-mitigated';
  const text = b.open > 0 ? String(b.open) : `\u2713${b.mitigated}`;
  const title = b.open > 0 ? `${b.open} open finding${b.open === 1 ? '' : 's'} (highest: ${b.highest}), ${b.mitigated} closed` : `${b.mitigated} closed finding${b.mitigated === 1 ? '' : 's'}`;
  const r = Math.max(8, textWidth(text, 10) / 2 + 4);
  return (
    `<g class="moat-badge ${cls}" data-moat-open="${b.open}" data-moat-mitigated="${b.mitigated}"><title>${escapeXml(title)}</title>` +
    `<circle cx="${num(x)}" cy="${num(y)}" r="${num(r)}"/><text x="${num(x)}" y="${num(y + 3.5)}" text-anchor="middle">${escapeXml(text)}</text></g>`
  );
}

/** Centered multi-line text inside a box. */
function centeredText(lines: readonly string[], box: Box, dx = 0): string {
  const cx = box.x + box.width / 2 + dx / 2;
  const top = box.y + box.height / 2 - (lines.length * metrics.lineHeight) / 2 + metrics.lineHeight * 0.75;
  return lines.map((l, i) => `<text class="moat-text" x="${num(cx)}" y="${num(top + i * metrics.lineHeight)}" text-anchor="middle">${escapeXml(l)}</text>`).join('');
}

/** The DFD shape of an element by its kind. */
function shape(n: LaidOutNode | (Box & { kind: LaidOutNode['kind'] })): string {
  const { x, y, width: w, height: h } = n;
  switch (n.kind) {
    case 'actor': {
      const gx = x + 12;
      const gy = y + h / 2;
      return (
        `<rect class="moat-shape" x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}"/>` +
        `<g class="moat-glyph"><circle cx="${num(gx)}" cy="${num(gy - 7)}" r="3.5"/><path d="M${num(gx)} ${num(gy - 3.5)} L${num(gx)} ${num(gy + 5)} M${num(gx - 5)} ${num(gy)} L${num(gx + 5)} ${num(gy)} M${num(gx - 4)} ${num(gy + 11)} L${num(gx)} ${num(gy + 5)} L${num(gx + 4)} ${num(gy + 11)}"/></g>`
      );
    }
    case 'external':
      return (
        `<rect class="moat-shape" x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}"/>` +
        `<rect class="moat-line" x="${num(x + 3)}" y="${num(y + 3)}" width="${num(w - 6)}" height="${num(h - 6)}"/>`
      );
    case 'process': {
      const r = Math.min(h / 2, w / 2);
      return `<rect class="moat-shape" x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}" rx="${num(r)}" ry="${num(r)}"/>`;
    }
    case 'store':
      // The fill keeps the whole box clickable; the open sides are the DFD notation.
      return (
        `<rect class="moat-shape moat-unstroked" x="${num(x)}" y="${num(y)}" width="${num(w)}" height="${num(h)}"/>` +
        `<path class="moat-line" d="M${num(x)} ${num(y)} L${num(x + w)} ${num(y)} M${num(x)} ${num(y + h)} L${num(x + w)} ${num(y + h)}"/>`
      );
  }
}

/** One element: shape, label, badge. */
function nodeSvg(n: LaidOutNode): string {
  const dx = n.kind === 'actor' ? metrics.actorGlyph : 0;
  return (
    `<g class="moat-node moat-${n.kind}" data-moat-id="${escapeXml(n.id)}" data-moat-kind="${n.kind}"><title>${escapeXml(`${n.kind} ${n.id}: ${n.label}`)}</title>` +
    shape(n) +
    centeredText(n.lines, n, dx) +
    badge(n.badge, n.x + n.width, n.y) +
    `</g>`
  );
}

/** The point halfway along a route, where a label-less flow shows its badge. */
function midpoint(points: readonly Point[]): Point {
  if (points.length === 0) return { x: 0, y: 0 };
  let total = 0;
  for (let i = 1; i < points.length; i++) total += Math.hypot(points[i]!.x - points[i - 1]!.x, points[i]!.y - points[i - 1]!.y);
  let left = total / 2;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    if (len >= left && len > 0) return { x: a.x + ((b.x - a.x) * left) / len, y: a.y + ((b.y - a.y) * left) / len };
    left -= len;
  }
  return points[points.length - 1]!;
}

/** One flow: route with arrowheads (both ends when two-way), label, badge. */
function edgeSvg(e: LaidOutEdge): string {
  const cls = `moat-edge${e.encrypted === false ? ' moat-unencrypted' : ''}`;
  const markers = `${e.twoWay ? ' marker-start="url(#moat-arrow-start)"' : ''} marker-end="url(#moat-arrow-end)"`;
  const desc = [`flow ${e.id}: ${e.source} ${e.twoWay ? '<->' : '->'} ${e.target}`, e.label, e.encrypted === true ? 'encrypted' : e.encrypted === false ? 'not encrypted' : ''].filter((s) => s).join(' \u2014 ');
  let out = `<g class="${cls}" data-moat-id="${escapeXml(e.id)}" data-moat-kind="flow"><title>${escapeXml(desc)}</title>`;
  if (e.points.length > 1) out += `<path class="moat-route" d="${pathOf(e.points)}"${markers}/>`;
  if (e.labelBox && e.lines.length) {
    const b = e.labelBox;
    out += `<rect class="moat-edge-label-bg" x="${num(b.x)}" y="${num(b.y)}" width="${num(b.width)}" height="${num(b.height)}" rx="2"/>`;
    e.lines.forEach((line, i) => {
      const small = i > 0 || !e.label;
      out += `<text class="moat-text${small ? ' moat-small moat-muted' : ''}" x="${num(b.x + b.width / 2)}" y="${num(b.y + 2 + (i + 0.8) * metrics.smallLineHeight)}" text-anchor="middle">${escapeXml(line)}</text>`;
    });
    out += badge(e.badge, b.x + b.width, b.y);
  } else {
    const m = midpoint(e.points);
    out += badge(e.badge, m.x, m.y - 10);
  }
  return out + `</g>`;
}

/** The legend: element shapes, trust colours and badge colours, under the diagram. */
function legendSvg(x: number, y: number): { svg: string; width: number; height: number } {
  let out = `<g class="moat-legend" data-moat-kind="legend">`;
  let cx = x;
  const kinds = ['actor', 'external', 'process', 'store'] as const;
  for (const kind of kinds) {
    const w = 70;
    out += `<g class="moat-node moat-${kind}">${shape({ kind, x: cx, y, width: w, height: 26 })}<text class="moat-text moat-small" x="${num(cx + w / 2 + (kind === 'actor' ? 9 : 0))}" y="${num(y + 17)}" text-anchor="middle">${kind}</text></g>`;
    cx += w + 10;
  }
  cx += 10;
  for (const trust of Object.keys(trustColor) as Trust[]) {
    out += `<g class="moat-boundary moat-trust-${trust}"><rect class="moat-frame" x="${num(cx)}" y="${num(y + 5)}" width="16" height="16" rx="3"/><text class="moat-small moat-trust-${trust}-text" x="${num(cx + 20)}" y="${num(y + 17)}">${trust}</text></g>`;
    cx += 24 + textWidth(trust, smallFontSize) + 10;
  }
  cx += 10;
  for (const sev of ['critical', 'high', 'medium', 'low'] as const) {
    out += badge({ open: 1, highest: sev, mitigated: 0 }, cx + 8, y + 13) + `<text class="moat-text moat-small" x="${num(cx + 20)}" y="${num(y + 17)}">${sev}</text>`;
    cx += 24 + textWidth(sev, smallFontSize) + 10;
  }
  out += badge({ open: 0, highest: undefined, mitigated: 1 }, cx + 8, y + 13) + `<text class="moat-text moat-small" x="${num(cx + 20)}" y="${num(y + 17)}">closed</text>`;
  cx += 24 + textWidth('closed', smallFontSize);
  return { svg: out + `</g>`, width: cx - x, height: 30 };
}

/** Renders a laid-out diagram as a standalone, deterministic SVG document. */
export function renderSvg(diagram: LaidOutDiagram, options: SvgOptions = {}): string {
  const theme = options.theme ?? 'light';
  const header = diagram.title ? 30 : 0;
  const legend = options.legend === false ? undefined : legendSvg(metrics.margin, header + diagram.height + 4);
  const width = Math.ceil(Math.max(diagram.width, legend ? legend.width + 2 * metrics.margin : 0, diagram.title ? textWidth(diagram.title, 15) + 2 * metrics.margin : 0));
  const height = Math.ceil(header + diagram.height + (legend ? legend.height + 4 + metrics.margin : 0));
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="moat-diagram moat-theme-${theme}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">`,
  );
  parts.push(`<title>${escapeXml(diagram.title ?? 'Moat diagram')}</title>`);
  parts.push(`<style>\n${options.plainColors ? withoutVariables(style(theme)) : style(theme)}\n</style>`);
  parts.push(
    `<defs>` +
      `<marker id="moat-arrow-end" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" markerUnits="userSpaceOnUse" orient="auto"><path class="moat-arrow" d="M0 0 L10 5 L0 10 z"/></marker>` +
      `<marker id="moat-arrow-start" viewBox="0 0 10 10" refX="1" refY="5" markerWidth="8" markerHeight="8" markerUnits="userSpaceOnUse" orient="auto"><path class="moat-arrow" d="M10 0 L0 5 L10 10 z"/></marker>` +
      `</defs>`,
  );
  parts.push(`<rect class="moat-bg" x="0" y="0" width="${width}" height="${height}"/>`);
  if (diagram.title) parts.push(`<text class="moat-title" x="${metrics.margin}" y="22">${escapeXml(diagram.title)}</text>`);
  parts.push(`<g class="moat-content" transform="translate(0 ${header})">`);
  // Outer boundaries first so inner ones draw on top of them.
  const boundaries = [...diagram.boundaries].sort((a, b) => a.depth - b.depth);
  for (const b of boundaries) {
    parts.push(
      `<g class="moat-boundary moat-trust-${b.trust}" data-moat-id="${escapeXml(b.id)}" data-moat-kind="boundary" data-moat-trust="${b.trust}"><title>${escapeXml(`boundary ${b.id}: ${b.label} (trust: ${b.trust})`)}</title>` +
        `<rect class="moat-frame" x="${num(b.x)}" y="${num(b.y)}" width="${num(b.width)}" height="${num(b.height)}" rx="8" ry="8"/>` +
        `<text class="moat-boundary-title" x="${num(b.x + 10)}" y="${num(b.y + 18)}">${escapeXml(b.label || b.id)}</text>` +
        badge(b.badge, b.x + b.width, b.y) +
        `</g>`,
    );
  }
  for (const e of diagram.edges) parts.push(edgeSvg(e));
  for (const n of diagram.nodes) parts.push(nodeSvg(n));
  parts.push(`</g>`);
  if (legend) parts.push(legend.svg);
  parts.push(`</svg>`);
  return parts.join('\n') + '\n';
}

/** Lays a diagram graph out and renders it: the one path from graph to SVG that every shell takes. */
export async function drawDiagram(graph: DiagramGraph, options: SvgOptions = {}): Promise<string> {
  return renderSvg(await layoutDiagram(graph), options);
}
