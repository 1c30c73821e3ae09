// A real editor other than VS Code: headless Neovim runs test/lsp/nvim/check.lua against
// the built server. Neovim missing is a failure with the fix in its message, never a skip:
// a skipped check looks exactly like a passing one in a CI summary.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot, serverPath } from '../support/lspClient';
import { MISCOUNTED_UNRATED } from './fixtures/stories';

const NVIM = process.env.FIC_NVIM ?? 'nvim';
const DEADLINE_MS = 60_000;

test('Neovim attaches the server, shows the Word Count diagnostic and completes a rating', () => {
  const version = spawnSync(NVIM, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  if (version.error) {
    assert.fail(
      `Neovim is needed for this test and '${NVIM}' could not be run (${version.error.message}). ` +
        'Install it with `sudo apt-get install neovim` (0.7 or newer), or point FIC_NVIM at an nvim binary.',
    );
  }

  const dir = mkdtempSync(join(tmpdir(), 'fic-nvim-'));
  try {
    const story = join(dir, 'story.fic');
    writeFileSync(story, MISCOUNTED_UNRATED);
    const script = join(repoRoot(), 'test', 'lsp', 'nvim', 'check.lua');
    const run = spawnSync(NVIM, ['--headless', '--clean', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${script}`], {
      encoding: 'utf8',
      input: '',
      timeout: DEADLINE_MS,
      killSignal: 'SIGKILL',
      env: { ...process.env, FIC_SERVER: serverPath(), FIC_FILE: story, FIC_NODE: process.execPath, HOME: dir, XDG_STATE_HOME: dir },
    });
    const transcript = `nvim status ${String(run.status)} signal ${String(run.signal)}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;
    assert.equal(run.signal, null, `nvim did not finish within ${DEADLINE_MS} ms\n${transcript}`);
    assert.match(run.stdout, /^RESULT PASS$/m, transcript);
    assert.equal(run.status, 0, transcript);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
