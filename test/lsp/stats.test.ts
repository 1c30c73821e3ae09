// fic/stats and fic/statsChanged over the wire: exact figures for our fixture and the
// sample, and the counting method set each way an editor can set it.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FicStats } from '../../server/src/protocol';
import { LspClient, ResponseError } from '../support/lspClient';
import { EOLS, withEol } from '../support/fixtures';
import { SALT, SALT_WORDS } from './fixtures/stories';
import { assertNoServerErrors, openStory, range, readSample, requestStats, uniqueUri } from './helpers';

const AO3 = { fic: { wordCount: { method: 'ao3' } } };

describe('fic/stats on our own story', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start()));
  after(async () => {
    assertNoServerErrors(client);
    await client.close();
  });

  for (const { name, eol } of EOLS) {
    test(`opening it pushes fic/statsChanged with its words (${name})`, async () => {
      const uri = uniqueUri(`salt-${name}.fic`);
      const { stats } = await openStory(client, uri, withEol(SALT, eol));
      assert.equal(stats.uri, uri);
      assert.equal(stats.version, 1);
      assert.equal(stats.method, 'whitespace');
      assert.equal(stats.words, SALT_WORDS.whitespace);
      assert.deepEqual(stats.wordsByMethod, SALT_WORDS);
      assert.equal(stats.declared, 38);
      assert.equal(stats.declaredText, '38');
      assert.equal(stats.trailerWords, 2, '`The End` is the trailer');
      assert.deepEqual(stats.selections, [], 'notifications carry no selections');
    });

    test(`fic/stats counts the words inside each range (${name})`, async () => {
      const uri = uniqueUri(`salt-ranges-${name}.fic`);
      await openStory(client, uri, withEol(SALT, eol));
      const stats = await requestStats(client, uri, [
        range(7, 0, 7, 9), // "The radio"
        range(7, 0, 9, 200), // two paragraphs, the end clamped to the line's end
        range(11, 2, 11, 12), // "mas touche": parts of words are words
        range(9, 5, 9, 5), // an empty selection
        range(7, 44, 7, 47), // " --": a word by whitespace
      ]);
      assert.deepEqual(stats.selections, [2, 27, 2, 0, 1]);
      assert.equal(stats.words, SALT_WORDS.whitespace, 'ranges do not change the document total');
    });
  }

  test('a fic/stats request for a document that was never opened is InvalidParams', async () => {
    await assert.rejects(requestStats(client, 'file:///fic-tests/never-opened.fic'), (error: unknown) => {
      assert.ok(error instanceof ResponseError);
      assert.equal(error.code, -32602);
      return true;
    });
  });
});

describe('the sample story', () => {
  test('counts 1,293 words by default, what its header declares', async () => {
    const client = await LspClient.start();
    try {
      const uri = uniqueUri('always-for-her.fic');
      const { stats } = await openStory(client, uri, readSample());
      assert.equal(stats.method, 'whitespace');
      assert.equal(stats.words, 1293);
      assert.equal(stats.declared, 1293);
      assert.deepEqual(stats.wordsByMethod, { whitespace: 1293, ao3: 1289 });
      assert.equal((await requestStats(client, uri)).words, 1293);
    } finally {
      await client.close();
    }
  });

  test('counts 1,289 with ao3 from the workspace/configuration answer', async () => {
    const client = await LspClient.start({ settings: AO3 });
    try {
      const uri = uniqueUri('always-for-her.fic');
      // The settings arrive in answer to a request the server makes after `initialized`;
      // a notification sent before that answer may still use the defaults.
      const ao3 = client.waitForNotification<FicStats>('fic/statsChanged', (s) => s.uri === uri && s.method === 'ao3');
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'fic', version: 1, text: readSample() } });
      assert.equal((await ao3).words, 1289);
      const stats = await requestStats(client, uri, [range(11, 0, 11, 4)]);
      assert.equal(stats.method, 'ao3');
      assert.equal(stats.words, 1289);
      assert.deepEqual(stats.selections, [1], "`It's` is one AO3 word");
    } finally {
      await client.close();
    }
  });

  test('switches to ao3 and back on workspace/didChangeConfiguration', async () => {
    const client = await LspClient.start();
    try {
      const uri = uniqueUri('always-for-her.fic');
      const { stats } = await openStory(client, uri, readSample());
      assert.equal(stats.words, 1293);

      const ao3 = client.waitForNotification<FicStats>('fic/statsChanged', (s) => s.uri === uri && s.method === 'ao3');
      client.setSettings(AO3);
      assert.equal((await ao3).words, 1289);
      assert.equal((await requestStats(client, uri)).words, 1289);

      const back = client.waitForNotification<FicStats>('fic/statsChanged', (s) => s.uri === uri && s.method === 'whitespace');
      client.setSettings({ fic: { wordCount: { method: 'whitespace' } } });
      assert.equal((await back).words, 1293);
    } finally {
      await client.close();
    }
  });

  test('counts 1,289 with ao3 from initializationOptions.settings.fic (client without workspace/configuration)', async () => {
    const client = await LspClient.start({ initializationOptions: { settings: AO3 }, configuration: false });
    try {
      const uri = uniqueUri('always-for-her.fic');
      const { stats } = await openStory(client, uri, readSample());
      assert.equal(stats.method, 'ao3');
      assert.equal(stats.words, 1289);
    } finally {
      await client.close();
    }
  });

  test('initializationOptions survive a client whose workspace/configuration has no fic section', async () => {
    // Neovim answers workspace/configuration with null for sections it was not given,
    // while its users put settings in init_options.
    const client = await LspClient.start({ initializationOptions: { settings: AO3 }, configuration: true });
    try {
      const uri = uniqueUri('always-for-her.fic');
      await openStory(client, uri, readSample());
      // The null answer has been handled once the server answers a later request (it
      // asked before that request reached it).
      await client.request('textDocument/documentSymbol', { textDocument: { uri } });
      assert.ok(client.serverRequests.some((r) => r.method === 'workspace/configuration'));
      const stats = await requestStats(client, uri);
      assert.equal(stats.method, 'ao3');
      assert.equal(stats.words, 1289);
    } finally {
      await client.close();
    }
  });

  test('counts 1,289 with ao3 pushed in didChangeConfiguration (client without workspace/configuration)', async () => {
    const client = await LspClient.start({ configuration: false });
    try {
      const uri = uniqueUri('always-for-her.fic');
      await openStory(client, uri, readSample());
      const ao3 = client.waitForNotification<FicStats>('fic/statsChanged', (s) => s.uri === uri && s.method === 'ao3');
      client.setSettings(AO3);
      assert.equal((await ao3).words, 1289);
    } finally {
      await client.close();
    }
  });
});
