// When the language server dies: VS Code restarts it and the count comes back; when it
// keeps dying, the client stops restarting and the status bar says so instead of showing
// a stale count; the restart command brings it back. Runs last (file name): it kills the
// server this host started. The server is found as a child process of this extension host.

import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import { STORY } from '../expected';
import { closeAll, ficApi, openFixture, waitFor, waitForValue, type FicExtensionApi } from './helpers';

/** PIDs of this host's language-server children. */
function serverPids(): number[] {
  try {
    const out = execFileSync('pgrep', ['-P', String(process.pid), '-f', 'dist/server/main.js'], { encoding: 'utf8' });
    return out.split('\n').filter(Boolean).map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

async function runningServer(exclude: readonly number[] = []): Promise<number> {
  const pids = await waitFor('a running language server', () => {
    const now = serverPids().filter((p) => !exclude.includes(p));
    return now.length === 1 ? now : undefined;
  });
  return pids[0] as number;
}

suite('server recovery', () => {
  let api: FicExtensionApi;
  const total = `${STORY.words.whitespace} words`;

  suiteSetup(async () => {
    await openFixture(STORY.file);
    api = await ficApi();
    await waitForValue('status bar text', () => api.statusBarText(), total);
  });
  suiteTeardown(closeAll);

  test('a crashed server is restarted and the count comes back', async () => {
    const pid = await runningServer();
    process.kill(pid, 'SIGKILL');
    const next = await runningServer([pid]);
    assert.notEqual(next, pid);
    await waitForValue('status bar after the restart', () => api.statusBarText(), total);
  });

  test('repeated crashes stop with a clear message instead of a loop, and the restart command recovers', async () => {
    const seen = new Set<string>();
    let pid = await runningServer();
    // The first test's crash counts too: four more make five within three minutes.
    for (let i = 0; i < 4; i++) {
      process.kill(pid, 'SIGKILL');
      if (i < 3) {
        pid = await runningServer([pid]);
        await waitFor('the count after a restart', () => {
          seen.add(api.statusBarText());
          return api.statusBarText() === total;
        });
      }
    }
    await waitForValue('status bar once restarts stop', () => api.statusBarText(), '$(warning) Fic: no word count');
    assert.equal(serverPids().length, 0, 'no server should be running once the client gives up');
    assert.ok(![...seen].some((t) => t !== total && /\d+ words/.test(t)), `a wrong count was shown: ${[...seen].join(' | ')}`);

    await vscode.commands.executeCommand('fic.restartServer');
    await runningServer();
    await waitForValue('status bar after Fic: Restart Language Server', () => api.statusBarText(), total);
  });
});
