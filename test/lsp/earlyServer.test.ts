// The desktop client forks the language server as VS Code loads the extension, before
// activate() (client/src/serverProcess.ts): the server it forks must be the real one over
// stdio, given to the first client that asks and to no other, and never left running when
// nobody takes it or after it has died.

import assert from 'node:assert/strict';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { EarlyServer, forkServer, hostIsDebugged } from '../../client/src/serverProcess';
import { LspClient, serverPath } from '../support/lspClient';
import { openStory, uniqueUri } from './helpers';

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(what: string, check: () => boolean, deadlineMs = 5000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the server forked before activation', () => {
  test('is the language server over stdio, and counts a story for the client that takes it', async () => {
    const early = EarlyServer.start(serverPath());
    assert.ok(early?.pid, 'the server was forked');
    const child = early.take();
    assert.ok(child, 'the first to ask gets it');
    const client = await LspClient.start({ process: child as ChildProcessWithoutNullStreams });
    try {
      const { stats } = await openStory(client, uniqueUri('early.fic'), 'Title: Early\n\nThree small words.\n');
      assert.equal(stats.words, 3);
    } finally {
      assert.equal(await client.close(), 0);
    }
  });

  test('is given once: whoever asks next forks another', async () => {
    const early = EarlyServer.start(serverPath());
    const child = early?.take();
    assert.ok(child);
    assert.equal(early?.take(), undefined);
    child.kill();
    await once(child, 'exit');
  });

  test('is ended when nobody takes it in time', async () => {
    const early = EarlyServer.start(serverPath(), 300);
    const pid = early?.pid;
    assert.ok(pid && running(pid));
    try {
      await until('the unclaimed server to end', () => !running(pid));
      assert.equal(early?.take(), undefined);
    } finally {
      // Failing, it must not keep the test run waiting on a server nobody stops.
      early?.take()?.kill();
    }
  });

  test('is not given once it has died: the client forks a fresh one', async () => {
    const early = EarlyServer.start(serverPath());
    const pid = early?.pid;
    assert.ok(pid);
    process.kill(pid, 'SIGKILL');
    await until('the killed server to be gone', () => early?.pid === undefined);
    assert.equal(early?.take(), undefined);
  });

  test('a fork carries none of the host\'s own Node flags (an inspector port would clash)', { skip: !existsSync('/proc/self/cmdline') && 'reads /proc' }, async () => {
    const saved = [...process.execArgv];
    process.execArgv.push('--max-old-space-size=777');
    let child;
    try {
      child = forkServer(serverPath(), false);
    } finally {
      process.execArgv.splice(0, process.execArgv.length, ...saved);
    }
    try {
      const args = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0');
      assert.ok(args.includes('--stdio') && args.some((a) => a.startsWith('--clientProcessId=')), args.join(' '));
      assert.ok(!args.includes('--max-old-space-size=777'), `the host's flag was passed on: ${args.join(' ')}`);
    } finally {
      child.kill();
      await once(child, 'exit');
    }
  });

  test('an extension host under a debugger starts the server to be debugged', () => {
    const saved = [...process.execArgv];
    try {
      assert.equal(hostIsDebugged(), false);
      process.execArgv.push('--inspect-brk=9229');
      assert.equal(hostIsDebugged(), true);
    } finally {
      process.execArgv.splice(0, process.execArgv.length, ...saved);
    }
  });
});
