import { ImportDeclaration, MoatFile } from '../syntax/ast';
import { quote } from '../text/quote';

/** An `import` with the file it names, resolved against the importing file. */
export interface ResolvedImport {
  readonly declaration: ImportDeclaration;
  /** The absolute URI, or undefined when the path is not usable (the reason says why). */
  readonly uri: string | undefined;
  readonly problem: string | undefined;
}

/** Where files really are, links followed, and the workspace roots as written and as they really are. */
export interface RealLocations {
  readonly roots: readonly string[];
  readonly real: (uri: string) => string | undefined;
}

/**
 * Resolves the imports of one file relative to it; paths outside every root are refused, and so
 * are links to files outside them when `links` says where files really are (a model in a pull
 * request could otherwise link to `/proc/self/environ` and have its text echoed in CI logs).
 *
 * With no roots (an editor showing a file with no folder open) the file's own folder stands for
 * one: a model opened from a download could otherwise import any `.moat` file on the disk, and a
 * diagram exported from it would show that file's elements.
 */
export function resolveImports(file: MoatFile, roots: readonly string[], links?: RealLocations): ResolvedImport[] {
  const inside = (uri: string, within: readonly string[]): boolean => within.some((root) => uri.startsWith(root.endsWith('/') ? root : root + '/'));
  const folder = roots.length === 0 ? folderOf(file.uri) : undefined;
  // An unsaved file has no folder: with no roots either, it may import nothing.
  const allowed = roots.length > 0 ? roots : folder ? [folder] : [];
  const where = roots.length > 0 ? 'the workspace' : "this file's folder";
  const rule = roots.length > 0 ? 'a model may only import files inside it' : 'with no folder open, a model may only import files in its own folder';
  // Where the allowed folders really are, asked of the file system once per file and only when an import is a link.
  let reallyAllowed: readonly string[] | undefined;
  const out: ResolvedImport[] = [];
  for (const declaration of file.declarations) {
    if (declaration.type !== 'import' || !declaration.path) continue;
    const path = declaration.path.value;
    let problem: string | undefined;
    let uri: string | undefined;
    if (!path.endsWith('.moat')) problem = `imports name \`.moat\` files; ${quote(path)} does not end in .moat`;
    else {
      try {
        uri = new URL(path.replace(/\\/g, '/'), file.uri).href;
      } catch {
        problem = `${quote(path)} is not a usable path`;
      }
      if (uri && !inside(uri, allowed)) {
        problem = `${quote(path)} is outside ${where}; ${rule}`;
        uri = undefined;
      }
      const real = uri && links?.real(uri);
      if (real && real !== uri && !inside(real, (reallyAllowed ??= folder ? [folder, links!.real(folder) ?? folder] : links!.roots))) {
        problem = `${quote(path)} is a link to a file outside ${where}; ${rule}`;
        uri = undefined;
      }
    }
    out.push({ declaration, uri: problem ? undefined : uri, problem });
  }
  return out;
}

/** The folder holding a file, as a URI ending in `/`; undefined for a URI that has none (an unsaved editor buffer). */
function folderOf(uri: string): string | undefined {
  try {
    const folder = new URL('./', uri);
    return folder.protocol === 'file:' ? folder.href : undefined;
  } catch {
    return undefined;
  }
}
