// fic/worksChanged to a client that takes only the works that changed (worksByFolder):
// a keystroke in one chapter sends that work alone, a folder left with no works says so,
// and a client that did not ask still gets every work. Then what the editor does when
// files.exclude changes (client/src/fileRequests.ts): it lists again and sends the
// difference as one batch of file events, which the server reads as one change.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { WorksChangedParams, WorksResult } from '../../server/src/protocol';
import { LspClient } from '../support/lspClient';
import { chapter, threeChapters } from '../support/works';
import { assertNoServerErrors, changeStory, openStory } from './helpers';

const CREATED = 1;
const DELETED = 3;

describe('fic/worksChanged with only the works that changed', () => {
  let dir: string;
  const clients: LspClient[] = [];
  const uriOf = (name: string) => pathToFileURL(join(dir, name)).href;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'fic-works-delta-'));
    mkdirSync(join(dir, 'tidewater'));
    for (const [name, text] of Object.entries(threeChapters('tidewater'))) writeFileSync(join(dir, name), text);
    mkdirSync(join(dir, 'gulls'));
    writeFileSync(join(dir, 'gulls', 'gulls.fic'), chapter({ Title: 'Gulls' }, 'Loud birds.'));
  });
  after(async () => {
    for (const client of clients) {
      assertNoServerErrors(client);
      await client.close();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(worksByFolder: boolean): Promise<LspClient> {
    const client = await LspClient.start({ workspaceFolders: [pathToFileURL(dir).href], initializationOptions: { worksByFolder } });
    clients.push(client);
    await client.request<WorksResult>('fic/works', {});
    return client;
  }

  test('a keystroke in a chapter sends its work alone, with its folder', async () => {
    const client = await start(true);
    const uri = uriOf('tidewater/02-slack.fic');
    const text = chapter({ Title: 'Tidewater', Chapter: '2/3', 'Chapter Title': 'Slack' }, 'Nobody rowed out that day.');
    await openStory(client, uri, text);
    const sent = client.waitForNotification<WorksChangedParams>('fic/worksChanged', (p) => p.works.some((w) => w.words === 17));
    await changeStory(client, uri, 2, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: 'Two more ' }]);
    const params = await sent;
    assert.deepEqual(params.folders, [uriOf('tidewater')]);
    assert.deepEqual(params.works.map((w) => [w.title, w.words]), [['Tidewater', 17]]);
  });

  test('words typed without a pause send the work once, when the typing pauses', async () => {
    const client = await start(true);
    const uri = uriOf('tidewater/03-flood.fic');
    const text = chapter({ Title: 'Tidewater', Chapter: '3/3', 'Chapter Title': 'Flood' }, 'The water came up.');
    await openStory(client, uri, text);
    const sentFor = () => client.notifications.filter((n) => n.method === 'fic/worksChanged' && (n.params as WorksChangedParams).works.some((w) => w.title === 'Tidewater'));
    const before = sentFor().length;
    // Fifteen words, each its own change 80 ms after the last: each count goes at once, the
    // work's total once, after the last.
    for (const [i, word] of Array.from({ length: 15 }, () => 'gull ').entries()) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, 80));
      await changeStory(client, uri, i + 2, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: word }]);
    }
    // None before the last word (one, if a stalled machine made a pause of it).
    assert.ok(sentFor().length <= before + 1, `works sent while typing: ${sentFor().length - before}`);
    const total = (await client.request<WorksResult>('fic/works', {})).works.find((w) => w.title === 'Tidewater')?.words;
    const sent = await client.waitForNotification<WorksChangedParams>('fic/worksChanged', (p) => p.works.some((w) => w.title === 'Tidewater' && w.words === total));
    assert.ok(sent);
    assert.ok(sentFor().length <= before + 2);
  });

  test('a folder whose last story is gone is sent with no works', async () => {
    const client = await start(true);
    const gone = client.waitForNotification<WorksChangedParams>('fic/worksChanged', (p) => p.folders?.includes(uriOf('gulls')) === true);
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('gulls/gulls.fic'), type: DELETED }] });
    const params = await gone;
    assert.deepEqual(params.works.filter((w) => w.folder === uriOf('gulls')), []);
    assert.ok(!params.works.some((w) => w.title === 'Tidewater'), 'an unchanged work was sent again');
  });

  test('a client that did not ask gets every work', async () => {
    const client = await start(false);
    const sent = client.waitForNotification<WorksChangedParams>('fic/worksChanged', (p) => p.works.some((w) => w.title === 'Gulls' && w.words === 4));
    writeFileSync(join(dir, 'gulls', 'gulls.fic'), chapter({ Title: 'Gulls' }, 'Loud birds, louder still.'));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('gulls/gulls.fic'), type: CREATED }] });
    const params = await sent;
    assert.equal(params.folders, undefined);
    assert.deepEqual(params.works.map((w) => w.title), ['Gulls', 'Tidewater']);
  });
});

describe('files.exclude changed in the editor', () => {
  let dir: string;
  let client: LspClient | undefined;
  const uriOf = (name: string) => pathToFileURL(join(dir, name)).href;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'fic-exclude-'));
    mkdirSync(join(dir, 'tidewater'));
    for (const [name, text] of Object.entries(threeChapters('tidewater'))) writeFileSync(join(dir, name), text);
    mkdirSync(join(dir, 'drafts'));
    writeFileSync(join(dir, 'drafts', 'a.fic'), chapter({ Title: 'Draft A' }, 'One.'));
    writeFileSync(join(dir, 'drafts', 'b.fic'), chapter({ Title: 'Draft B' }, 'Two.'));
  });
  after(async () => {
    if (client) {
      assertNoServerErrors(client);
      await client.close();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  test('the difference of the two listings is read as one batch, told once', async () => {
    const tide = ['01-low.fic', '02-slack.fic', '03-flood.fic'].map((n) => uriOf(`tidewater/${n}`));
    const drafts = [uriOf('drafts/a.fic'), uriOf('drafts/b.fic')];
    // The editor lists with drafts/ excluded.
    client = await LspClient.start({
      workspaceFolders: [pathToFileURL(dir).href],
      initializationOptions: { fileRequests: true },
      handlers: { 'fic/findFiles': () => tide },
    });
    const announced = client.waitForNotification<WorksResult>('fic/worksChanged');
    const first = await client.request<WorksResult>('fic/works', {});
    assert.deepEqual(first.works.map((w) => w.title), ['Tidewater']);
    // The first reading's own announcement, before the change.
    await announced;
    // drafts/ taken out of files.exclude: the editor sends what its new listing adds.
    const seen: WorksResult[] = [];
    const listener = client.waitForNotification<WorksResult>('fic/worksChanged', (p) => {
      seen.push(p);
      return p.works.length === 3;
    });
    client.notify('workspace/didChangeWatchedFiles', { changes: drafts.map((uri) => ({ uri, type: CREATED })) });
    const shown = await listener;
    assert.deepEqual(shown.works.map((w) => w.title), ['Draft A', 'Draft B', 'Tidewater']);
    assert.equal(seen.length, 1, 'one notification for the batch');
    // Excluded again: the files are still on disk, and no longer the workspace's.
    const hidden = client.waitForNotification<WorksResult>('fic/worksChanged', (p) => p.works.length === 1);
    client.notify('workspace/didChangeWatchedFiles', { changes: drafts.map((uri) => ({ uri, type: DELETED })) });
    assert.deepEqual((await hidden).works.map((w) => w.title), ['Tidewater']);
  });
});
