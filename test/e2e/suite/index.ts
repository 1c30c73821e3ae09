// The entry VS Code's extension host loads through extensionTestsPath: run every
// *.test.js beside this file with mocha, then write a result file the runner reads (the
// host's exit code alone says nothing about which test failed).

import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Mocha from 'mocha';

export interface SuiteResult {
  passed: string[];
  failed: { title: string; error: string }[];
}

/** Env var naming the JSON file for the result; scripts/e2e.mjs and electron.ts set it. */
export const RESULT_ENV = 'FIC_E2E_RESULT';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    reporter: 'spec',
    // Per test; each test waits for its own state with a shorter deadline and says what it saw.
    timeout: 60_000,
    // FIC_E2E_GREP=word narrows a local run to matching tests.
    ...(process.env.FIC_E2E_GREP ? { grep: process.env.FIC_E2E_GREP } : {}),
  });
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(join(__dirname, file));
  }
  const result: SuiteResult = { passed: [], failed: [] };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const out = process.env[RESULT_ENV];
      if (out) {
        mkdirSync(dirname(out), { recursive: true });
        writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
      }
      if (failures > 0) reject(new Error(`${failures} of ${result.passed.length + result.failed.length} tests failed in the extension host.`));
      else resolve();
    });
    runner.on('pass', (t) => result.passed.push(t.fullTitle()));
    runner.on('fail', (t, err: unknown) => {
      result.failed.push({ title: t.fullTitle(), error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    });
  });
}
