import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FileSystem } from '../core/model/workspace';

/** The core's view of the disk: bytes by file URI, undefined for anything unreadable. */
export const diskFileSystem: FileSystem = {
  readFile(uri: string): Uint8Array | undefined {
    try {
      const path = fileURLToPath(uri);
      // Only regular files: reading a named pipe or a device would wait for ever.
      return statSync(path).isFile() ? readFileSync(path) : undefined;
    } catch {
      return undefined;
    }
  },
  realUri(uri: string): string | undefined {
    try {
      const real = pathToFileURL(realpathSync(fileURLToPath(uri))).href;
      return uri.endsWith('/') && !real.endsWith('/') ? `${real}/` : real;
    } catch {
      return undefined;
    }
  },
};

/** A problem with a path the user gave: reported as a usage error (exit status 2). */
export class UsageError extends Error {}

/** The `.moat` files under the given paths: folders recursively, skipping `node_modules` and dot-folders. */
export function findModelFiles(paths: readonly string[]): string[] {
  const found = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.isDirectory()) {
        if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
        walk(join(dir, entry.name));
      } else if (entry.isFile() && entry.name.endsWith('.moat')) {
        found.add(resolve(dir, entry.name));
      }
    }
  };
  for (const path of paths) {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      throw new UsageError(`cannot read ${path}: no such file or folder`);
    }
    if (stats.isDirectory()) walk(path);
    else if (stats.isFile()) found.add(resolve(path));
    else throw new UsageError(`cannot read ${path}: not a file or folder`);
  }
  return [...found].sort();
}

/** The URI of a local path. */
export function toUri(path: string): string {
  return pathToFileURL(resolve(path)).href;
}

/** A folder URI (ending in `/`), as the workspace's import roots want it. */
export function toFolderUri(path: string): string {
  const uri = toUri(path);
  return uri.endsWith('/') ? uri : uri + '/';
}

/**
 * The folders whose `.moat` files a CLI run may import: the current folder, each path given (a
 * file's folder), and the repository each of them is in (the nearest folder above it with a
 * `.git`). A model in `models/` importing `../shared/common.moat` checks the same from the
 * repository's root as from `models/`; nothing outside the repository is read.
 */
export function importRoots(cwd: string, paths: readonly string[]): string[] {
  const folders = [cwd, ...paths.map((p) => (isFolder(p) ? p : dirname(p)))].map((p) => resolve(p));
  const roots = new Set<string>();
  for (const folder of folders) {
    roots.add(toFolderUri(folder));
    const repository = repositoryOf(folder);
    if (repository) roots.add(toFolderUri(repository));
  }
  return [...roots];
}

/** The nearest folder at or above `folder` that holds a `.git` (a folder, or a file in a worktree), if any. */
function repositoryOf(folder: string): string | undefined {
  for (let at = folder; ; at = dirname(at)) {
    if (existsSync(join(at, '.git'))) return at;
    if (dirname(at) === at) return undefined;
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
