// Clients make mistakes; the server answers them, logs them, and keeps serving.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LspClient, ResponseError } from '../support/lspClient';
import { SALT } from './fixtures/stories';
import { assertNoServerErrors, openStory, requestStats, uniqueUri } from './helpers';

test('malformed or misdirected messages get sensible answers and the server carries on', async () => {
  const client = await LspClient.start();
  try {
    const uri = uniqueUri('robust.fic');
    await openStory(client, uri, SALT);
    const elsewhere = 'file:///fic-tests/never-opened.fic';

    const warned = client.waitForNotification<{ type: number; message: string }>('window/logMessage', (m) => m.message.includes(elsewhere));
    client.notify('textDocument/didChange', { textDocument: { uri: elsewhere, version: 2 }, contentChanges: [{ text: 'x' }] });
    assert.equal((await warned).type, 2, 'a change to a document never opened is logged as a warning');

    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: 42 }] });
    client.notify('textDocument/didOpen', { textDocument: { uri: uniqueUri('no-text.fic'), languageId: 'fic', version: 1 } });
    assert.equal(await client.request('textDocument/completion', { textDocument: { uri } }), null, 'completion without a position');
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: elsewhere }, position: { line: 0, character: 0 } }), null);
    assert.equal(await client.request('textDocument/codeAction', { textDocument: { uri }, context: { diagnostics: [] } }), null, 'codeAction without a range');
    await assert.rejects(client.request('fic/stats', null), (e: unknown) => e instanceof ResponseError && e.code === -32602);
    await assert.rejects(client.request('fic/nonsense', {}), (e: unknown) => e instanceof ResponseError && e.code === -32601);

    // The malformed change above was refused whole: the story is as it was opened.
    const stats = await requestStats(client, uri);
    assert.equal(stats.words, 38);
    assert.equal(stats.version, 1);
    assertNoServerErrors(client);
  } finally {
    assert.equal(await client.close(), 0);
  }
});
