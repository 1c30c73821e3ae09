// Quiet while typing (issue 8): a problem new on the line being typed is published only
// after a longer pause, while the word count and problems elsewhere stay live. Waits are
// for messages, with deadlines; nothing here measures time.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FicStats } from '../../server/src/protocol';
import { LspClient } from '../support/lspClient';
import { SALT } from './fixtures/stories';
import { assertNoServerErrors, openStory, range, uniqueUri, type PublishDiagnosticsParams } from './helpers';

const RATING_LINE = 3;

describe('quiet while typing', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start()));
  after(async () => {
    assertNoServerErrors(client);
    await client.close();
  });

  test('`Te` on the way to `Teen`: the count is live, the squiggle waits for a pause', async () => {
    const uri = uniqueUri('salt-typing.fic');
    await openStory(client, uri, SALT);
    const line = SALT.split('\n')[RATING_LINE] as string;
    const stats = client.waitForNotification<FicStats>('fic/statsChanged', (s) => s.uri === uri && s.version === 2);
    const first = client.waitForNotification<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (d) => d.uri === uri && d.version === 2);
    const settled = client.waitForNotification<PublishDiagnosticsParams>(
      'textDocument/publishDiagnostics',
      (d) => d.uri === uri && d.version === 2 && d.diagnostics.some((x) => x.code === 'unknown-rating'),
    );
    // The writer replaces the rating and has typed `Te` so far; a body word goes in too.
    client.notify('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [
        { range: range(RATING_LINE, 8, RATING_LINE, line.length), text: 'Te' },
        { range: range(7, 0, 7, 0), text: 'Static. ' },
      ],
    });
    assert.equal((await stats).words, 39, 'the word count follows every keystroke');
    const early = await first;
    assert.ok(!early.diagnostics.some((d) => d.range.start.line === RATING_LINE), `flagged while typing: ${JSON.stringify(early.diagnostics)}`);
    // The Word Count line was not being typed on: its warning is not held back.
    assert.ok(early.diagnostics.some((d) => d.code === 'word-count-mismatch'), JSON.stringify(early.diagnostics));
    const late = await settled;
    assert.equal(late.diagnostics.find((d) => d.code === 'unknown-rating')?.range.start.line, RATING_LINE);
  });

  test('a problem already shown on the line stays while the writer types on it', async () => {
    const uri = uniqueUri('salt-shown.fic');
    const text = SALT.replace('Rating: General Audiences', 'Rating: Genral');
    const { diagnostics } = await openStory(client, uri, text);
    assert.ok(diagnostics.diagnostics.some((d) => d.code === 'unknown-rating'));
    const next = client.waitForNotification<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (d) => d.uri === uri && d.version === 2);
    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: range(RATING_LINE, 14, RATING_LINE, 14), text: 'x' }] });
    assert.ok((await next).diagnostics.some((d) => d.code === 'unknown-rating'));
  });
});
