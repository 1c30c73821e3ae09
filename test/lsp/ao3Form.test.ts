// fic/ao3Form over the wire: the open story as AO3's form, following edits, and a refusal
// for a document the server does not have.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import type { Ao3Form } from '../../server/src/protocol';
import { LspClient, ResponseError } from '../support/lspClient';
import { SALT } from './fixtures/stories';
import { threeChapters } from '../support/works';
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

test('a later chapter of a work on disk: the work’s fields from chapter 1 (not open), Chapter 2 of 3', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fic-ao3-work-'));
  const files = threeChapters(pathToFileURL(join(dir, 'tidewater')).href);
  mkdirSync(join(dir, 'tidewater'));
  for (const [uri, text] of Object.entries(files)) writeFileSync(new URL(uri), text);
  const server = await LspClient.start({ workspaceFolders: [pathToFileURL(dir).href] });
  try {
    const uri = pathToFileURL(join(dir, 'tidewater', '02-slack.fic')).href;
    await openStory(server, uri, files[uri] as string);
    const got = await server.request<Ao3Form>('fic/ao3Form', { textDocument: { uri } });
    const row = (key: string) => got.fields.find((f) => f.key === key)?.value;
    assert.equal(row('rating'), 'Teen And Up Audiences');
    assert.equal(row('fandoms'), 'Original Work');
    assert.equal(row('chapterNumber'), 'Chapter 2 of 3');
    assert.equal(row('chapterTitle'), 'Slack');
    assert.deepEqual(got.work.problems, []);
    // Typing in chapter 2 is followed; the work's fields stay chapter 1's.
    await changeStory(server, uri, 2, [{ range: range(4, 0, 4, 0), text: 'Chapter Three: Not Yet\n\n' }]);
    const typed = await server.request<Ao3Form>('fic/ao3Form', { textDocument: { uri } });
    assert.equal(typed.version, 2);
    assert.equal(typed.fields.find((f) => f.key === 'rating')?.value, 'Teen And Up Audiences');
    assert.equal(typed.chapter.html, '<p>Nobody rowed out that day.</p>', 'the opening heading is not chapter text');
    assertNoServerErrors(server);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
