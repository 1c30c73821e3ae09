// `npm run test:vscode`: the same in-host suite under @vscode/test-electron, which downloads
// a desktop VS Code (so it needs the network; `npm run test:e2e` is the offline route CI
// uses). VSCODE_VERSION picks the build: `stable` by default, or e.g. `1.91.0`, the oldest
// VS Code package.json's engines allow.

import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { RESULT_ENV } from './suite/index';

async function main(): Promise<number> {
  const repo = resolve(__dirname, '../../..');
  // A copy: the suite edits settings and documents in its workspace.
  const workspace = mkdtempSync(join(tmpdir(), 'fic-e2e-electron-'));
  cpSync(join(repo, 'test/e2e/fixtures/workspace'), workspace, { recursive: true });
  try {
    return await runTests({
      version: process.env.VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: repo,
      extensionTestsPath: join(__dirname, 'suite'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
      extensionTestsEnv: { [RESULT_ENV]: join(repo, 'test-results', 'electron.json') },
    });
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`test:vscode: ${error instanceof Error ? error.message : String(error)}`);
    console.error('This runner downloads VS Code; offline, use npm run test:e2e.');
    process.exit(1);
  },
);
