/**
 * Turns the server's SVG text into DOM nodes of this page without ever treating model text as
 * HTML: XML parse, then strip anything that could run or fetch (the renderer never emits such
 * things; this is defence in depth against a compromised or buggy renderer).
 */

import { detachInlineStyles, movedStyleAttribute } from './inline-style';

const svgNs = 'http://www.w3.org/2000/svg';

/** A diagram ready to insert: the SVG element (owned by this document) and its stylesheet text. */
export interface ParsedDiagram {
  readonly svg: SVGSVGElement;
  /** The text of the SVG's own `<style>` elements, removed from the SVG (see applyDiagramStyle). */
  readonly styleText: string;
  readonly width: number;
  readonly height: number;
}

/** Elements that can run code, embed HTML or pull in other documents. */
const forbidden = new Set(['script', 'foreignobject', 'iframe', 'object', 'embed', 'animate', 'set', 'animatemotion', 'animatetransform', 'handler', 'listener']);

/** True for an attribute that could run code or fetch something: event handlers, and links that are not in-document. */
function unsafeAttribute(attr: Attr): boolean {
  const name = attr.localName.toLowerCase();
  if (name.startsWith('on')) return true;
  if (name === 'href' || name === 'src' || name === 'action' || name === 'formaction') return !attr.value.trim().startsWith('#');
  return false;
}

/** Parses and cleans the SVG; a string is the reason it could not be used. */
export function parseDiagramSvg(text: string): ParsedDiagram | string {
  const { markup, css } = detachInlineStyles(text);
  const doc = new DOMParser().parseFromString(markup, 'image/svg+xml');
  const root = doc.documentElement;
  if (doc.getElementsByTagName('parsererror').length > 0 || root.namespaceURI !== svgNs || root.localName !== 'svg') {
    return 'The diagram could not be read (the SVG is malformed).';
  }
  // Collect first, remove after: removing while walking a live tree skips nodes.
  const doomed: Element[] = [];
  for (const node of [root, ...Array.from(root.getElementsByTagName('*'))]) {
    if (node.namespaceURI !== svgNs || forbidden.has(node.localName.toLowerCase())) {
      doomed.push(node);
      continue;
    }
    // Any styling detachInlineStyles missed was already blocked by the CSP; drop it.
    if (node.localName === 'style') {
      doomed.push(node);
      continue;
    }
    for (const attr of Array.from(node.attributes)) if (unsafeAttribute(attr) || attr.localName === 'style') node.removeAttributeNode(attr);
  }
  for (const node of doomed) if (node !== root) node.remove();
  const svg = document.importNode(root, true) as unknown as SVGSVGElement;
  // Through CSSOM, which the CSP allows (it is not markup).
  for (const node of Array.from(svg.querySelectorAll(`[${movedStyleAttribute}]`))) {
    if (node instanceof SVGElement) node.style.cssText = node.getAttribute(movedStyleAttribute) ?? '';
    node.removeAttribute(movedStyleAttribute);
  }
  return { svg, styleText: css, width: dimension(svg, 'width', 2), height: dimension(svg, 'height', 3) };
}

/** The SVG's intrinsic size, from its attribute or else its viewBox. */
function dimension(svg: SVGSVGElement, attr: 'width' | 'height', viewBoxIndex: number): number {
  const direct = Number.parseFloat(svg.getAttribute(attr) ?? '');
  if (Number.isFinite(direct) && direct > 0) return direct;
  const box = (svg.getAttribute('viewBox') ?? '').split(/[\s,]+/).map(Number);
  const fromBox = box[viewBoxIndex];
  return fromBox !== undefined && Number.isFinite(fromBox) && fromBox > 0 ? fromBox : 100;
}

let sheet: CSSStyleSheet | undefined;

/**
 * Styles the diagram with the renderer's own stylesheet. A `<style>` element would be inline
 * style, which the CSP (no 'unsafe-inline') blocks; a constructed stylesheet is CSSOM, which it
 * does not, and keeps the renderer the one place that decides how a diagram looks.
 */
export function applyDiagramStyle(styleText: string): void {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    // Adopted sheets come after the page's own: media/preview.css overrides use more specific selectors.
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }
  sheet.replaceSync(styleText);
}
