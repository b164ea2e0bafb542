// `npm test`: build (the CLI and server tests run the built bundles), type-check, then run
// every test once; mocha's reporter ends with the `N passed, N failed` line CI reads.
import { spawnSync } from 'node:child_process';

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\n${command} ${args.join(' ')} failed`);
    console.log('0 passed, 1 failed');
    process.exit(result.status ?? 1);
  }
}

run(process.execPath, ['scripts/build.mjs']);
run(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.']);
run(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'client/src/preview/webview']);
const mocha = spawnSync(process.execPath, ['node_modules/mocha/bin/mocha.js', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(mocha.status ?? 1);
