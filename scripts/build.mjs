// Bundles the shells with esbuild: one file each, dependencies inlined, so the CLI, the
// language server and the extension ship without node_modules.
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  define: { MOAT_VERSION: JSON.stringify(pkg.version) },
};

await build({
  ...common,
  entryPoints: { cli: 'server/src/cli/entry.ts' },
  outdir: 'dist',
  format: 'esm',
  // Code behind a dynamic import (the diagram layout, the language server) goes into chunks,
  // so `moat check` does not load and compile ELK at start.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  // Bundled CommonJS dependencies may call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __moatRequire } from 'node:module'; const require = __moatRequire(import.meta.url);" },
});

// The language server: `dist/server.js`, started by the VS Code client over IPC (the CLI's
// `moat lsp --stdio` runs the same code from dist/cli.js).
await build({
  ...common,
  entryPoints: { server: 'server/src/main.ts' },
  outdir: 'dist',
  format: 'esm',
  banner: { js: "import { createRequire as __moatRequire } from 'node:module'; const require = __moatRequire(import.meta.url);" },
});

// The VS Code extension's client: CommonJS, as VS Code loads extensions with require();
// `vscode` is provided by the editor at run time.
if (existsSync('client/src/extension.ts')) {
  await build({
    ...common,
    entryPoints: { client: 'client/src/extension.ts' },
    outdir: 'dist',
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    external: ['vscode'],
  });
}
