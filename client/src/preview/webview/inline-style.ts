/**
 * Takes the inline styling out of the SVG text before any DOM sees it. Chromium checks the
 * page's CSP (no 'unsafe-inline') even in DOMParser documents, so a parsed `<style>` or
 * `style="…"` is blocked and reported there. The renderer escapes every model string (`"`, `'`
 * and `<` never appear raw in text or attribute values), so these patterns can only match its
 * own markup; and they only move styling, never create anything that runs.
 */

/** The attribute a `style` attribute is renamed to, re-applied through CSSOM after parsing. */
export const movedStyleAttribute = 'data-moat-inline-style';

const styleElement = /<style\b[^>]*>([\s\S]*?)<\/style\s*>/g;
const styleAttribute = /(\s)style\s*=\s*("[^"]*"|'[^']*')/g;

const entities: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&apos;': "'", '&amp;': '&' };

/** The SVG text without `<style>` elements (their CSS returned apart) and with `style` attributes renamed. */
export function detachInlineStyles(svg: string): { markup: string; css: string } {
  const sheets: string[] = [];
  const markup = svg
    .replace(styleElement, (_all, css: string) => {
      sheets.push(css.replace(/&(lt|gt|quot|#39|apos|amp);/g, (e) => entities[e] ?? e));
      return '';
    })
    .replace(styleAttribute, (_all, space: string, value: string) => `${space}${movedStyleAttribute}=${value}`);
  return { markup, css: sheets.join('\n') };
}
