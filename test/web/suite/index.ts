// The entry VS Code's web worker extension host loads through extensionTestsPath. No Node
// here: mocha's browser build, the test files bundled in (scripts/web.mjs builds this with
// esbuild for the browser), and the result handed back as one console line the runner reads.

import 'mocha/mocha.js';
import { RESULT_MARKER, type WebSuiteResult } from './result';

export function run(): Promise<void> {
  mocha.setup({ ui: 'tdd', reporter: 'spec', color: false, timeout: 60_000 });
  // The order is the order a writer meets things; activation must come first, since it
  // checks that nothing started before a fic was opened.
  require('./activation.test');
  require('./features.test');
  require('./quickFix.test');
  require('./works.test');
  require('./commands.test');
  require('./restart.test');
  require('./history.test');

  const result: WebSuiteResult = { passed: [], failed: [] };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      console.log(`${RESULT_MARKER}${JSON.stringify(result)}`);
      if (failures > 0) reject(new Error(`${failures} of ${result.passed.length + result.failed.length} tests failed in the web extension host.`));
      else resolve();
    });
    runner.on('pass', (t) => result.passed.push(t.fullTitle()));
    runner.on('fail', (t, err: unknown) => {
      result.failed.push({ title: t.fullTitle(), error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    });
  });
}
