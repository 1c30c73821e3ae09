// Trigger characters per kind of client: VS Code's client opens suggestions itself, in the
// header only, so the server gives it none (a comma typed in the body would otherwise cost
// VS Code a completion round); every other editor keeps `:` and `,`.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FicStats } from '../../server/src/protocol';
import { LspClient } from '../support/lspClient';
import { assertNoServerErrors, openStory, uniqueUri } from './helpers';

type CompletionResult = { label: string }[] | { items: { label: string }[] } | null;

const STORY = 'Title: Salt and Static\nRating: T\n\nThe radio crackled: twice, then once.\n';

async function labels(client: LspClient, uri: string, line: number, character: number): Promise<string[]> {
  const result = await client.request<CompletionResult>('textDocument/completion', { textDocument: { uri }, position: { line, character }, context: { triggerKind: 1 } });
  return (result === null ? [] : Array.isArray(result) ? result : result.items).map((i) => i.label);
}

test('an editor that says nothing gets the trigger characters : and ,', async () => {
  const client = await LspClient.start();
  try {
    assert.deepEqual(client.initializeResult?.capabilities.completionProvider, { triggerCharacters: [':', ','], resolveProvider: false });
  } finally {
    await client.close();
  }
});

test('a client that triggers completion itself gets none, and completion still answers when asked', async () => {
  const client = await LspClient.start({ initializationOptions: { triggersCompletion: true } });
  try {
    assert.deepEqual(client.initializeResult?.capabilities.completionProvider, { resolveProvider: false });
    const uri = uniqueUri('triggers.fic');
    const { stats } = await openStory(client, uri, STORY.replace('Rating: T', 'Rating: '));
    assert.equal(stats.completionEndLine, 3, 'the header, then the blank line under it');
    assert.ok((await labels(client, uri, 1, 8)).includes('Teen And Up Audiences'), 'no ratings at "Rating: "');
    assertNoServerErrors(client);
  } finally {
    await client.close();
  }
});

test('completionEndLine follows the header as it grows, in pushed and requested figures', async () => {
  const client = await LspClient.start({ initializationOptions: { triggersCompletion: true } });
  try {
    const uri = uniqueUri('grows.fic');
    const { stats } = await openStory(client, uri, STORY);
    assert.equal(stats.completionEndLine, 3);
    const pushed = client.waitForNotification<FicStats>('fic/statsChanged', (s) => s.uri === uri && s.version === 2);
    client.notify('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: 'Warnings: None\n' }],
    });
    assert.equal((await pushed).completionEndLine, 4);
    const asked = await client.request<FicStats>('fic/stats', { textDocument: { uri } });
    assert.equal(asked.completionEndLine, 4);
    // Below it, in the body, a colon or a comma has nothing to offer.
    assert.deepEqual(await labels(client, uri, 4, 'The radio crackled:'.length), []);
    assertNoServerErrors(client);
  } finally {
    await client.close();
  }
});
