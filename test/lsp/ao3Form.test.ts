// fic/ao3Form over the wire: the open story as AO3's form, following edits, and a refusal
// for a document the server does not have.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Ao3Form } from '../../server/src/protocol';
import { LspClient, ResponseError } from '../support/lspClient';
import { SALT } from './fixtures/stories';
import { assertNoServerErrors, changeStory, openStory, range, uniqueUri } from './helpers';

let client: LspClient;
before(async () => (client = await LspClient.start()));
after(async () => {
  assertNoServerErrors(client);
  await client.close();
});

const form = (uri: string) => client.request<Ao3Form>('fic/ao3Form', { textDocument: { uri } });

test('the open story as AO3’s form, rows in the form’s order, and after an edit', async () => {
  const uri = uniqueUri('ao3-form.fic');
  await openStory(client, uri, SALT);
  const first = await form(uri);
  assert.equal(first.version, 1);
  assert.deepEqual(first.fields.map((f) => f.key), ['rating', 'warnings', 'categories', 'fandoms', 'relationships', 'characters', 'additionalTags', 'language', 'title', 'summary', 'notes', 'chapterNumber', 'chapterTitle', 'endNotes']);
  assert.equal(first.fields.find((f) => f.key === 'rating')?.value, 'General Audiences');
  assert.equal(first.chapter.words, 37);
  assert.match(first.chapter.html, /^<p>The radio on the harbour wall/);
  assert.deepEqual(first.work.problems, []);

  // Rating line (line 3) to an unknown one, and a new first paragraph.
  await changeStory(client, uri, 2, [{ range: range(3, 8, 3, 25), text: 'FR15' }, { range: range(7, 0, 7, 0), text: 'A *new* line.\n\n' }]);
  const second = await form(uri);
  assert.equal(second.version, 2);
  assert.equal(second.fields.find((f) => f.key === 'rating')?.value, 'Not Rated');
  assert.deepEqual(second.fields.find((f) => f.key === 'rating')?.problems.length, 1);
  assert.match(second.chapter.html, /^<p>A <em>new<\/em> line\.<\/p><p>The radio/);
});

test('a document that is not open is refused, not guessed', async () => {
  await assert.rejects(form('file:///nowhere.fic'), (e: unknown) => e instanceof ResponseError);
});
