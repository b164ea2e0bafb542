import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * A file shipped with Moat (`docs/rules.md`), found from the code that asks: the package root is
 * one folder above the server bundle (`dist/server.js`), two above the CLI's chunks
 * (`dist/chunks/…`) and three above the sources (`server/src/lsp/…`). Undefined when none holds it.
 */
export function shippedFile(path: string, from: string): URL | undefined {
  for (const up of ['../', '../../', '../../../']) {
    const url = new URL(up + path, from);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
}
