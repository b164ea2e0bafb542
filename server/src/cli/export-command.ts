import { statSync, writeFileSync } from 'node:fs';
import { DiagramTooLarge } from '../core/diagram/diagram-size';
import { diagramGraph } from '../core/diagram/graph';
import { renderDot } from '../core/diagram/dot';
import type { DiagramTheme } from '../core/diagram/svg';
import { Workspace } from '../core/model/workspace';
import { diskFileSystem, importRoots, toUri, UsageError } from '../node/disk';
import { displayLocation, paintSeverity, Terminal } from './terminal';

export interface ExportOptions {
  readonly paths: readonly string[];
  readonly format: string;
  /** Where to write; stdout when undefined. */
  readonly output: string | undefined;
  readonly theme: string;
  readonly debug: boolean;
}

const themes: readonly DiagramTheme[] = ['light', 'dark', 'vscode'];

/**
 * `moat export MODEL --format svg|png|dot [-o FILE]`. Checks arguments and the model synchronously
 * (usage problems throw UsageError like the other commands) and returns a promise only for the
 * layout, which is asynchronous.
 */
export function runExport(term: Terminal, options: ExportOptions): number | Promise<number> {
  if (!['svg', 'png', 'dot'].includes(options.format)) throw new UsageError(`--format must be svg, png or dot for export, not \`${options.format}\``);
  // Image bytes on a terminal help nobody, and in a pipe they are easy to lose: PNG goes to a file.
  if (options.format === 'png' && options.output === undefined) throw new UsageError('--format png writes a file: give it with -o FILE.png');
  if (options.format === 'png' && options.theme === 'vscode') throw new UsageError('--theme vscode needs VS Code\'s colours; a PNG takes light or dark');
  if (!themes.includes(options.theme as DiagramTheme)) throw new UsageError(`--theme must be light, dark or vscode, not \`${options.theme}\``);
  if (options.paths.length !== 1) throw new UsageError('`moat export` takes exactly one .moat file');
  const path = options.paths[0]!;
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch {
    throw new UsageError(`cannot read ${path}: no such file`);
  }
  if (!isFile) throw new UsageError(`${path} is not a file; \`moat export\` takes one .moat file`);

  const uri = toUri(path);
  const workspace = new Workspace(diskFileSystem, { roots: importRoots(term.cwd, [path]) });
  workspace.addFile(uri);
  const analysis = workspace.analyze();
  const errors = [...analysis.diagnostics.values()].flat().filter((d) => d.severity === 'error');
  if (errors.length) {
    // A diagram of a broken model would silently miss parts of it: report like `check` and stop.
    for (const d of errors) term.err(`${displayLocation(term, d.uri, d.range.start)}: ${paintSeverity(term, d.severity)}: ${d.message} [${d.code}]`);
    return 1;
  }
  const model = analysis.models.find((m) => m.rootUri === uri) ?? analysis.models[0];
  if (!model) throw new UsageError(`${path} holds no model`);
  const graph = diagramGraph(model.model, model.findings);

  const write = (text: string | Uint8Array): number => {
    if (options.output === undefined || typeof text !== 'string') {
      if (options.output === undefined) {
        // term.out adds the final newline.
        const t = text as string;
        term.out(t.endsWith('\n') ? t.slice(0, -1) : t);
        return 0;
      }
    }
    try {
      writeFileSync(options.output, text);
    } catch (error) {
      term.err(`moat: cannot write ${options.output}: ${(error as Error).message}`);
      return 2;
    }
    return 0;
  };

  if (options.format === 'dot') return write(renderDot(graph));
  // ELK is large: loaded only by the command that lays a diagram out, so every other command starts fast.
  const theme = options.theme as DiagramTheme;
  // The SVG writer brings the layout (and ELK) with it: loaded here, not at every start.
  return import('../core/diagram/svg')
    .then(({ drawDiagram }): Promise<string | Uint8Array> => (options.format === 'png' ? drawDiagram(graph, { theme, plainColors: true }).then(pngOf) : drawDiagram(graph, { theme })))
    .then(write, (error: Error) => {
      if (error instanceof DiagramTooLarge) term.err(`moat: ${error.message}`);
      else term.err(`moat: internal error: ${error.message}${options.debug ? `\n${error.stack}` : ' (run with --debug for details)'}`);
      return 2;
    });
}

/** Rasterises the SVG at twice its size (sharp on high-DPI screens and in slides) with resvg, loaded only for PNG. */
async function pngOf(svg: string): Promise<Uint8Array> {
  const { Resvg } = await import('@resvg/resvg-js');
  return new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng();
}
