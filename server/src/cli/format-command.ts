import { readFileSync, writeFileSync } from 'node:fs';
import { formatMoat } from '../core/syntax/format';
import { decodeUtf8 } from '../core/text/decode';
import { formatPosition } from '../core/text/range';
import { findModelFiles } from '../node/disk';
import { displayPath, Terminal } from './terminal';
import { plural } from '../core/text/plural';
import { pathToFileURL } from 'node:url';

export interface FormatOptions {
  readonly paths: readonly string[];
  /** Report files that would change instead of writing them. */
  readonly check: boolean;
}

/** `moat format`: rewrite files canonically, or with `--check` list the ones that are not; returns the exit status. */
export function runFormat(term: Terminal, options: FormatOptions): number {
  const files = findModelFiles(options.paths.length ? options.paths : ['.']);
  let changed = 0;
  let refused = 0;
  for (const file of files) {
    const shown = displayPath(term, pathToFileURL(file).href);
    // Bytes that are not UTF-8 would be written back as U+FFFD: a comment in Latin-1 silently changed.
    const { text, invalidAt } = decodeUtf8(readFileSync(file));
    if (invalidAt) {
      refused++;
      term.err(`${shown}:${formatPosition(invalidAt)}: not valid UTF-8 (not formatted: save the file as UTF-8 first)`);
      continue;
    }
    const result = formatMoat(text);
    if (!result.ok) {
      refused++;
      // `file:line:col: message`, as check writes its problems.
      if (result.at) term.err(`${shown}:${formatPosition(result.at)}: ${result.reason} (not formatted: fix the syntax error first)`);
      else term.err(`${shown}: ${result.reason}`);
      continue;
    }
    if (result.text === text) continue;
    changed++;
    if (options.check) term.out(`${shown}: not formatted`);
    else {
      writeFileSync(file, result.text);
      term.out(`${shown}: formatted`);
    }
  }
  const verb = options.check ? 'would be reformatted' : 'reformatted';
  term.out(`${plural(files.length, 'file')}: ${changed} ${verb}${refused ? `, ${refused} left as they are (see above)` : ''}`);
  return refused > 0 || (options.check && changed > 0) ? 1 : 0;
}
