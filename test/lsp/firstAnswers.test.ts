// The server's first answers already use the writer's settings (issue 8): a client that
// changes its settings right after `initialized` and opens a story at once never sees a
// figure or a check made from the defaults.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FicStats } from '../../server/src/protocol';
import { LspClient } from '../support/lspClient';
import { SALT } from './fixtures/stories';
import { assertNoServerErrors, requestStats, uniqueUri, type PublishDiagnosticsParams } from './helpers';

test('didChangeConfiguration right after initialized, then open at once: the first stats and checks use the new method', async () => {
  const client = await LspClient.start();
  try {
    client.setSettings({ fic: { wordCount: { method: 'ao3' } } });
    const uri = uniqueUri('salt-first.fic');
    const firstStats = client.waitForNotification<FicStats>('fic/statsChanged', (s) => s.uri === uri);
    const firstDiagnostics = client.waitForNotification<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (d) => d.uri === uri);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'fic', version: 1, text: SALT } });
    const asked = requestStats(client, uri);
    const stats = await firstStats;
    assert.equal(stats.method, 'ao3');
    assert.equal(stats.words, 37);
    assert.equal((await asked).method, 'ao3', 'a fic/stats sent at once waits for the settings too');
    // Word Count: 38 is the whitespace count: by AO3 (37) it is the other method's number.
    const codes = (await firstDiagnostics).diagnostics.map((d) => d.code);
    assert.deepEqual(codes, ['word-count-other-method']);
    assertNoServerErrors(client);
  } finally {
    await client.close();
  }
});

test('settings given in initializationOptions are used from the first answer, whatever the client holds', async () => {
  const client = await LspClient.start({ configuration: false, initializationOptions: { settings: { fic: { wordCount: { method: 'ao3' } } } } });
  try {
    const uri = uniqueUri('salt-init.fic');
    const firstStats = client.waitForNotification<FicStats>('fic/statsChanged', (s) => s.uri === uri);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'fic', version: 1, text: SALT } });
    assert.equal((await firstStats).method, 'ao3');
  } finally {
    await client.close();
  }
});

test('a client that never answers workspace/configuration still gets its answers, from the defaults, after a short wait', async () => {
  const client = await LspClient.start({ unresponsive: true });
  try {
    const uri = uniqueUri('salt-silent.fic');
    const firstStats = client.waitForNotification<FicStats>('fic/statsChanged', (s) => s.uri === uri);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'fic', version: 1, text: SALT } });
    const stats = await firstStats;
    assert.equal(stats.method, 'whitespace');
    assert.equal(stats.words, 38);
    assert.ok(client.serverRequests.some((r) => r.method === 'workspace/configuration'), 'the server did ask');
    assert.ok(client.logMessages.some((m) => /has not answered workspace\/configuration/.test(m.message)), 'the log says why the defaults');
  } finally {
    await client.close();
  }
});
