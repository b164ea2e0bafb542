import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * Where a `code:` link (`path/to/file.ts#Symbol.member`, relative to the model file) points,
 * refused when it would leave the workspace: a model is input, and input must not make the
 * editor open files elsewhere on the machine.
 */
export type CodeTarget = { readonly path: string; readonly symbol: string | undefined } | { readonly refused: string };

/** Resolves a code link of a model file against the folders it may point into. */
export function resolveCodeLink(modelPath: string, link: string, allowedFolders: readonly string[]): CodeTarget {
  const hash = link.indexOf('#');
  const file = hash < 0 ? link : link.slice(0, hash);
  const symbol = hash < 0 ? undefined : link.slice(hash + 1) || undefined;
  if (!file) return { refused: `the code link \`${link}\` names no file` };
  if (isAbsolute(file)) return { refused: `the code link \`${link}\` is absolute; write it relative to the model file` };
  const path = resolve(modelPath, '..', file);
  const inside = allowedFolders.some((folder) => {
    const rel = relative(folder, path);
    return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
  });
  if (!inside) return { refused: `the code link \`${link}\` points outside the workspace` };
  return { path, symbol };
}
