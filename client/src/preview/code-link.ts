import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * Where a `code:` link (`path/to/file.ts#Symbol.member`, relative to the model file) points,
 * refused when it would leave the workspace: a model is input, and input must not make the
 * editor open files elsewhere on the machine.
 */
export type CodeTarget = { readonly path: string; readonly symbol: string | undefined } | { readonly refused: string };

/**
 * Resolves a code link of a model file against the folders it may point into. With `realPath`
 * (where a path really is, links followed; undefined when it does not exist), a link that leads
 * out through a symbolic link is refused too.
 */
export function resolveCodeLink(modelPath: string, link: string, allowedFolders: readonly string[], realPath?: (path: string) => string | undefined): CodeTarget {
  const hash = link.indexOf('#');
  const file = hash < 0 ? link : link.slice(0, hash);
  const symbol = hash < 0 ? undefined : link.slice(hash + 1) || undefined;
  if (!file) return { refused: `the code link \`${link}\` names no file` };
  if (isAbsolute(file)) return { refused: `the code link \`${link}\` is absolute; write it relative to the model file` };
  const path = resolve(modelPath, '..', file);
  const inside = (target: string, folders: readonly string[]): boolean =>
    folders.some((folder) => {
      const rel = relative(folder, target);
      return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
    });
  if (!inside(path, allowedFolders)) return { refused: `the code link \`${link}\` points outside the workspace` };
  const real = realPath?.(path);
  if (real !== undefined && real !== path) {
    const realFolders = [...allowedFolders, ...allowedFolders.map((folder) => realPath!(folder) ?? folder)];
    if (!inside(real, realFolders)) return { refused: `the code link \`${link}\` leads outside the workspace through a link` };
  }
  return { path, symbol };
}
