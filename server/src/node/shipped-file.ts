import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The first of `candidates` (paths relative to the code that asks, `from`) that exists: how code
 * finds a file shipped beside it, wherever the build put that code (`dist/server.js`, one of the
 * CLI's chunks in `dist/chunks/`, or the sources under `server/src/`). Undefined when none does.
 */
export function shippedFile(from: string, candidates: readonly string[]): URL | undefined {
  for (const candidate of candidates) {
    const url = new URL(candidate, from);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
}
