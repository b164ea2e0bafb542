// Bundles the shells with esbuild: one file each, dependencies inlined, so the CLI, the
// language server and the extension ship without node_modules.
import { build } from 'esbuild';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  // A native addon (PNG export): loaded from node_modules at run time, never bundled.
  external: ['@resvg/resvg-js'],
  logLevel: 'warning',
  define: { MOAT_VERSION: JSON.stringify(pkg.version) },
};

// Chunk names carry content hashes: old ones would pile up (and ship) without this.
rmSync('dist/chunks', { recursive: true, force: true });

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

// The diagram preview's page script: runs in the webview (a browser), loaded by a <script
// nonce> tag; no Node APIs, no dependencies.
if (existsSync('client/src/preview/webview/main.ts')) {
  await build({
    ...common,
    platform: 'browser',
    target: 'es2022',
    entryPoints: { preview: 'client/src/preview/webview/main.ts' },
    outdir: 'dist',
    format: 'iife',
  });
}

// The diagram layout thread the language server starts (ELK off the thread answering edits).
await build({
  ...common,
  entryPoints: { 'layout-worker': 'server/src/node/layout-worker.ts' },
  outdir: 'dist',
  format: 'esm',
  banner: { js: "import { createRequire as __moatRequire } from 'node:module'; const require = __moatRequire(import.meta.url);" },
});
