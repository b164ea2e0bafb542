import { ImportDeclaration, MoatFile } from '../syntax/ast';

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
 */
export function resolveImports(file: MoatFile, roots: readonly string[], links?: RealLocations): ResolvedImport[] {
  const inside = (uri: string, within: readonly string[]): boolean => within.some((root) => uri.startsWith(root.endsWith('/') ? root : root + '/'));
  const out: ResolvedImport[] = [];
  for (const declaration of file.declarations) {
    if (declaration.type !== 'import' || !declaration.path) continue;
    const path = declaration.path.value;
    let problem: string | undefined;
    let uri: string | undefined;
    if (!path.endsWith('.moat')) problem = `imports name \`.moat\` files; \`${path}\` does not end in .moat`;
    else {
      try {
        uri = new URL(path.replace(/\\/g, '/'), file.uri).href;
      } catch {
        problem = `\`${path}\` is not a usable path`;
      }
      if (uri && roots.length > 0 && !inside(uri, roots)) {
        problem = `\`${path}\` is outside the workspace; a model may only import files inside it`;
        uri = undefined;
      }
      const real = uri && links?.real(uri);
      if (real && real !== uri && !inside(real, links!.roots)) {
        problem = `\`${path}\` is a link to a file outside the workspace; a model may only import files inside it`;
        uri = undefined;
      }
    }
    out.push({ declaration, uri: problem ? undefined : uri, problem });
  }
  return out;
}
