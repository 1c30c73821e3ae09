// Settings in initializationOptions (VS Code's client sends the writer's there): the first
// count needs no workspace/configuration round trip, which costs the first story of a
// session its wait; the answer, when it comes, still wins.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FicStats } from '../../server/src/protocol';
import { LspClient } from '../support/lspClient';
import { SALT } from './fixtures/stories';
import { assertNoServerErrors, uniqueUri } from './helpers';

const SILENT = /has not answered workspace\/configuration/;

test('with settings in initializationOptions the first stats wait for no configuration answer', async () => {
  // The client never answers: a server that waited would send the stats after its deadline
  // warning; this one sends them first.
  const client = await LspClient.start({ unresponsive: true, initializationOptions: { settings: { fic: { wordCount: { method: 'ao3' } } } } });
  try {
    const uri = uniqueUri('salt-given.fic');
    const firstStats = client.waitForNotification<FicStats>('fic/statsChanged', (s) => s.uri === uri);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'fic', version: 1, text: SALT } });
    const stats = await firstStats;
    assert.equal(stats.method, 'ao3');
    assert.ok(!client.logMessages.some((m) => SILENT.test(m.message)), 'the stats waited for the configuration deadline');
    const asked = await client.request<FicStats>('fic/stats', { textDocument: { uri } });
    assert.equal(asked.method, 'ao3');
    assert.ok(!client.logMessages.some((m) => SILENT.test(m.message)), 'fic/stats waited for the configuration deadline');
    assert.ok(client.serverRequests.some((r) => r.method === 'workspace/configuration'), 'the server still asks');
  } finally {
    await client.close();
  }
});

test('the configuration answer still replaces what initializationOptions gave', async () => {
  const client = await LspClient.start({
    settings: { fic: { wordCount: { method: 'whitespace' } } },
    initializationOptions: { settings: { fic: { wordCount: { method: 'ao3' } } } },
  });
  try {
    const uri = uniqueUri('salt-answer.fic');
    const whitespace = client.waitForNotification<FicStats>('fic/statsChanged', (s) => s.uri === uri && s.method === 'whitespace');
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'fic', version: 1, text: SALT } });
    assert.equal((await whitespace).words, 38);
    assertNoServerErrors(client);
  } finally {
    await client.close();
  }
});
