// The handshake and the bin's command line, as an editor's set-up meets them first.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { keptInCompileCache, NEWER_NODE, withoutNewerNode } from '../support/compileCache';
import { join } from 'node:path';
import { test } from 'node:test';
import { LspClient, repoRoot, serverPath } from '../support/lspClient';

test('initialize announces exactly the capabilities DESIGN.md promises', async () => {
  const client = await LspClient.start();
  try {
    const result = client.initializeResult;
    assert.ok(result, 'initialize returned nothing');
    assert.deepEqual(result.capabilities, {
      textDocumentSync: { openClose: true, change: 2 },
      completionProvider: { triggerCharacters: [':', ','], resolveProvider: false },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix', 'source.fixAll.fic'] },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
    });
    assert.equal(result.serverInfo?.name, 'fic-language-server');
    assert.equal(result.serverInfo?.version, packageVersion());
  } finally {
    assert.equal(await client.close(), 0, 'a clean shutdown/exit ends with status 0');
  }
});

test('after initialized the server asks for the fic settings and says it is ready', async () => {
  const client = await LspClient.start();
  try {
    // `initialized` went out before this wait started; the log of it may already be in.
    if (!client.logMessages.some((m) => m.message.includes('ready'))) {
      await client.waitForNotification<{ message: string }>('window/logMessage', (m) => m.message.includes('ready'));
    }
    // The server asks right after logging; any answer to a later request comes after it.
    await client.request('textDocument/documentSymbol', { textDocument: { uri: 'file:///not-open.fic' } });
    const asked = client.serverRequests.find((r) => r.method === 'workspace/configuration');
    assert.ok(asked, `no workspace/configuration request; saw ${JSON.stringify(client.serverRequests)}`);
    assert.deepEqual(asked.params, { items: [{ section: 'fic' }] });
  } finally {
    await client.close();
  }
});

test('--help prints usage and exits 0', () => {
  const run = runServer(['--help']);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /Usage: fic-language-server --stdio/);
});

test('--version prints the package.json version', () => {
  const run = runServer(['--version']);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, `${packageVersion()}\n`);
});

test('no transport flag exits 2 with usage on stderr, and nothing on stdout', () => {
  const run = runServer([]);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /Usage: fic-language-server --stdio/);
  // An editor launched without --stdio reads stdout as LSP: usage there would be garbage.
  assert.equal(run.stdout, '');
});

function runServer(args: string[]) {
  return spawnSync(process.execPath, [serverPath(), ...args], { encoding: 'utf8', timeout: 10_000, input: '' });
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

// The server's bin asks Node for its compile cache before loading the server, as the `fic`
// bin does (support/compileCache); VS Code's client starts the server through it too.
test('the server keeps its compiled code between starts on a Node that can (the temporary folder)', { skip: withoutNewerNode }, async () => {
  const kept = await keptInCompileCache('fic-server-cache-', async (env) => {
    const client = await LspClient.start({ node: NEWER_NODE, env });
    assert.ok(client.initializeResult, 'initialize was answered');
    assert.equal(await client.close(), 0, 'a clean exit');
  });
  assert.ok(kept.length > 0, 'nothing kept in the compile cache');
});
