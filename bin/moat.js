#!/usr/bin/env node
// The `moat` command: the bundled CLI, built by `npm ci` (prepare) or `npm run build`.
import '../dist/cli.js';
