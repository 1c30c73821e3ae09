// Diagnostics and the Word Count quick fix, as an editor shows and applies them.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LspClient, ResponseError } from '../support/lspClient';
import { EOLS, withEol } from '../support/fixtures';
import { SALT, SALT_MISCOUNTED } from './fixtures/stories';
import {
  applyChanges,
  applyTextEdits,
  assertNoServerErrors,
  figures,
  offsetAt,
  openStory,
  range,
  readSample,
  requestStats,
  uniqueUri,
  type Diagnostic,
  type PublishDiagnosticsParams,
  type TextEdit,
} from './helpers';

interface CodeAction {
  title: string;
  kind?: string;
  diagnostics?: Diagnostic[];
  isPreferred?: boolean;
  edit?: { changes?: Record<string, TextEdit[]>; documentChanges?: unknown[] };
}

const HINT = 4;
/** The sample's `Word Count: 1,293` line, zero-based, and where its digits sit. */
const WORD_COUNT_LINE = 7;
const DIGITS = range(WORD_COUNT_LINE, 12, WORD_COUNT_LINE, 17);

describe('diagnostics', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start()));
  after(async () => {
    assertNoServerErrors(client);
    await client.close();
  });

  test('the sample story has nothing but hints', async () => {
    const { diagnostics } = await openStory(client, uniqueUri('always-for-her.fic'), readSample());
    const loud = diagnostics.diagnostics.filter((d) => d.severity !== HINT);
    assert.deepEqual(loud, [], 'a correct header stays silent');
  });

  for (const { name, eol } of EOLS) {
    test(`our correct story has nothing but hints (${name})`, async () => {
      const { diagnostics } = await openStory(client, uniqueUri(`salt-${name}.fic`), withEol(SALT, eol));
      assert.deepEqual(
        diagnostics.diagnostics.filter((d) => d.severity !== HINT),
        [],
      );
    });

    test(`a wrong Word Count is a word-count-mismatch on its line (${name})`, async () => {
      const { diagnostics } = await openStory(client, uniqueUri(`salt-miscounted-${name}.fic`), withEol(SALT_MISCOUNTED, eol));
      const mismatch = diagnostics.diagnostics.find((d) => d.code === 'word-count-mismatch');
      assert.ok(mismatch, `no word-count-mismatch in ${JSON.stringify(diagnostics.diagnostics)}`);
      assert.equal(mismatch.range.start.line, 5);
      assert.equal(diagnostics.version, 1, 'diagnostics name the version they are for');
    });
  }

  test('five words added to the sample: a mismatch whose quick fix writes 1,298, and only that', async () => {
    const uri = uniqueUri('always-for-her.fic');
    let text = readSample();
    await openStory(client, uri, text);

    // Five words at the start of the body's first paragraph (line 11), typed as one edit.
    const addWords = [{ range: range(11, 0, 11, 0), text: 'Five more words, said Spike. ' }];
    const flagged = client.waitForNotification<PublishDiagnosticsParams>(
      'textDocument/publishDiagnostics',
      (d) => d.uri === uri && d.version === 2,
    );
    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: addWords });
    text = applyChanges(text, addWords);
    const published = await flagged;
    const mismatch = published.diagnostics.find((d) => d.code === 'word-count-mismatch');
    assert.ok(mismatch, `no word-count-mismatch after adding five words: ${JSON.stringify(published.diagnostics)}`);
    assert.equal(mismatch.range.start.line, WORD_COUNT_LINE);
    assert.equal(mismatch.range.end.line, WORD_COUNT_LINE);
    assert.equal((await requestStats(client, uri)).words, 1298);

    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: mismatch.range,
      context: { diagnostics: [mismatch], only: ['quickfix'] },
    });
    const fix = actions.find((a) => a.kind === 'quickfix' && a.edit?.changes?.[uri]);
    assert.ok(fix, `no quickfix with changes for ${uri}: ${JSON.stringify(actions)}`);
    const edits = fix.edit?.changes?.[uri] ?? [];
    assert.deepEqual(edits, [{ range: DIGITS, newText: '1,298' }], 'the fix replaces only the digits, in the writer’s format');

    // Apply it as the editor would: another didChange with the fix's edits.
    const fixed = applyTextEdits(text, edits);
    const cleared = client.waitForNotification<PublishDiagnosticsParams>(
      'textDocument/publishDiagnostics',
      (d) => d.uri === uri && d.version === 3,
    );
    client.notify('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: edits.map((e) => ({ range: e.range, text: e.newText })),
    });
    const after = await cleared;
    assert.deepEqual(
      after.diagnostics.filter((d) => d.code === 'word-count-mismatch'),
      [],
      'the diagnostic goes away once the fix is applied',
    );
    const stats = await requestStats(client, uri);
    assert.equal(stats.declared, 1298);
    assert.equal(stats.words, 1298);

    // Everything but the digits is byte-identical: header lines, the body, the trailer.
    const digitsAt = offsetAt(text, DIGITS.start);
    assert.equal(text.slice(digitsAt, digitsAt + 5), '1,293');
    assert.equal(fixed, text.slice(0, digitsAt) + '1,298' + text.slice(digitsAt + 5));
    // And the server holds that same text: a fresh open of it gives the same figures.
    const fresh = uniqueUri('always-for-her-fixed.fic');
    await openStory(client, fresh, fixed);
    assert.deepEqual(figures(await requestStats(client, fresh)), figures(stats));
  });

  test('didClose clears the diagnostics and forgets the document, the server carries on', async () => {
    const closing = uniqueUri('closing.fic');
    const staying = uniqueUri('staying.fic');
    await openStory(client, closing, SALT_MISCOUNTED);
    await openStory(client, staying, SALT);

    const cleared = client.waitForNotification<PublishDiagnosticsParams>(
      'textDocument/publishDiagnostics',
      (d) => d.uri === closing,
    );
    client.notify('textDocument/didClose', { textDocument: { uri: closing } });
    assert.deepEqual((await cleared).diagnostics, []);

    await assert.rejects(requestStats(client, closing), (error: unknown) => {
      assert.ok(error instanceof ResponseError, String(error));
      assert.equal(error.code, -32602, 'InvalidParams');
      assert.match(error.message, /not an open document/);
      return true;
    });
    assert.equal((await requestStats(client, staying)).words, 38);
  });

  test('a change just before didClose never publishes after the clearing []', async () => {
    const closing = uniqueUri('closing-while-typing.fic');
    const other = uniqueUri('other.fic');
    await openStory(client, closing, SALT_MISCOUNTED);
    await openStory(client, other, SALT);
    const from = client.notifications.length;

    // Diagnostics after a change wait for a pause in typing; the close comes inside it.
    client.notify('textDocument/didChange', { textDocument: { uri: closing, version: 2 }, contentChanges: [{ range: range(7, 0, 7, 0), text: 'So ' }] });
    const cleared = client.waitForNotification<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (d) => d.uri === closing);
    client.notify('textDocument/didClose', { textDocument: { uri: closing } });
    assert.deepEqual((await cleared).diagnostics, []);

    // A change to another document made after the close waits just as long: once its
    // diagnostics arrive, any left-over timer for the closed one has fired too.
    const otherDone = client.waitForNotification<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (d) => d.uri === other && d.version === 2);
    client.notify('textDocument/didChange', { textDocument: { uri: other, version: 2 }, contentChanges: [{ range: range(7, 0, 7, 0), text: 'So ' }] });
    await otherDone;
    const forClosed = client.notifications
      .slice(from)
      .filter((n) => (n.params as { uri?: string }).uri === closing)
      .map((n) => ({ method: n.method, diagnostics: (n.params as Partial<PublishDiagnosticsParams>).diagnostics }));
    assert.deepEqual(forClosed.at(-1), { method: 'textDocument/publishDiagnostics', diagnostics: [] }, JSON.stringify(forClosed));
  });
});
