// Mocha's spec output, then the totals on a line of their own (`N passed, N failed`),
// the line CI reads. Pending (skipped) tests are not counted as passed.
const Mocha = require('mocha');

const { EVENT_RUN_END, EVENT_TEST_PASS, EVENT_TEST_FAIL } = Mocha.Runner.constants;

class TotalsReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    let passed = 0;
    let failed = 0;
    runner.on(EVENT_TEST_PASS, () => passed++);
    runner.on(EVENT_TEST_FAIL, () => failed++);
    runner.once(EVENT_RUN_END, () => {
      // After Spec's epilogue, so this is the last line of the run.
      process.nextTick(() => process.stdout.write(`${passed} passed, ${failed} failed\n`));
    });
  }
}

module.exports = TotalsReporter;
