// fic/works and fic/worksChanged over the wire, while files change on disk: through the
// file-system workspace (the server reads the folder itself) and through the
// client-request workspace (this test answers fic/findFiles and fic/readFile as an editor).

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { FicStats, WorksResult } from '../../server/src/protocol';
import { LspClient } from '../support/lspClient';
import { chapter, threeChapters, WORK_FIELDS } from '../support/works';
import { assertNoServerErrors, changeStory, openStory, startOnClientFiles } from './helpers';

const CREATED = 1;
const CHANGED = 2;
const DELETED = 3;

function totals(result: WorksResult): [string, number, number][] {
  return result.works.map((w) => [w.title, w.chapters.length, w.words]);
}

describe('fic/works over the file system', () => {
  let dir: string;
  let folderUri: string;
  let client: LspClient;
  const uriOf = (name: string) => pathToFileURL(join(dir, name)).href;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fic-works-'));
    mkdirSync(join(dir, 'tidewater'));
    for (const [uri, text] of Object.entries(threeChapters('tidewater'))) writeFileSync(join(dir, uri), text);
    writeFileSync(join(dir, 'gulls.fic'), chapter({ Title: 'Gulls' }, 'Loud birds.'));
    folderUri = pathToFileURL(dir).href;
    client = await LspClient.start({ workspaceFolders: [folderUri] });
  });
  after(async () => {
    assertNoServerErrors(client);
    await client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('lists every work with its chapters and total once initialized', async () => {
    const result = await client.request<WorksResult>('fic/works', {});
    assert.deepEqual(totals(result), [
      ['Gulls', 1, 2],
      ['Tidewater', 3, 15],
    ]);
    const tide = result.works[1];
    assert.equal(tide?.folder, pathToFileURL(join(dir, 'tidewater')).href);
    assert.deepEqual(tide?.chapters.map((c) => c.uri), ['01-low.fic', '02-slack.fic', '03-flood.fic'].map((n) => uriOf(`tidewater/${n}`)));
    assert.equal(tide?.declaredChapters, 3);
    assert.equal(tide?.rating, 'Teen And Up Audiences');
  });

  test('answers for one chapter with the work that holds it', async () => {
    const result = await client.request<WorksResult>('fic/works', { uri: uriOf('tidewater/02-slack.fic') });
    assert.deepEqual(totals(result), [['Tidewater', 3, 15]]);
  });

  test('an open chapter counts live, and its stats carry the work total', async () => {
    const uri = uriOf('tidewater/02-slack.fic');
    const text = threeChapters('x')['x/02-slack.fic'] as string;
    const { stats } = await openStory(client, uri, text);
    assert.deepEqual(stats.work && [stats.work.title, stats.work.words, stats.work.position, stats.work.chapters], ['Tidewater', 15, 2, 3]);
    const line = text.split('\n').length - 2;
    const at = { line, character: (text.split('\n')[line] as string).length };
    const works = client.waitForNotification<WorksResult>('fic/worksChanged', (w) => w.works.some((x) => x.words === 18));
    const next: FicStats = await changeStory(client, uri, 2, [{ range: { start: at, end: at }, text: ' and never again' }]);
    assert.equal(next.words, 8);
    assert.equal(next.work?.words, 18);
    await works;
    // Closed without saving: the file on disk counts again.
    const back = client.waitForNotification<WorksResult>('fic/worksChanged', (w) => w.works.some((x) => x.title === 'Tidewater' && x.words === 15));
    client.notify('textDocument/didClose', { textDocument: { uri } });
    await back;
  });

  test('re-reads a file saved on disk, a file added, and a file deleted', async () => {
    writeFileSync(join(dir, 'tidewater', '04-ebb.fic'), chapter({ Title: 'Tidewater', Chapter: '4/4' }, 'Out it went again.'));
    writeFileSync(join(dir, 'tidewater', '01-low.fic'), chapter({ ...WORK_FIELDS, Chapter: '1/4' }, 'Shorter now.'));
    let seen = client.waitForNotification<WorksResult>('fic/worksChanged', (w) => w.works.some((x) => x.title === 'Tidewater' && x.chapters.length === 4));
    client.notify('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: uriOf('tidewater/04-ebb.fic'), type: CREATED },
        { uri: uriOf('tidewater/01-low.fic'), type: CHANGED },
      ],
    });
    const added = await seen;
    assert.deepEqual(totals(added).find((t) => t[0] === 'Tidewater'), ['Tidewater', 4, 2 + 5 + 4 + 4]);
    assert.equal(added.works.find((w) => w.title === 'Tidewater')?.declaredChapters, 4);

    rmSync(join(dir, 'gulls.fic'));
    seen = client.waitForNotification<WorksResult>('fic/worksChanged', (w) => !w.works.some((x) => x.title === 'Gulls'));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('gulls.fic'), type: DELETED }] });
    assert.deepEqual(totals(await seen), [['Tidewater', 4, 15]]);
  });

  test('a checkout that rewrites 300 files is read as one batch: the first notification has them all', async () => {
    const names: string[] = [];
    for (let w = 0; w < 30; w++) {
      mkdirSync(join(dir, `work${w}`));
      for (let c = 1; c <= 10; c++) {
        const name = `work${w}/${String(c).padStart(2, '0')}.fic`;
        names.push(name);
        writeFileSync(join(dir, name), chapter({ Title: `Work ${w}`, Chapter: `${c}/10` }, 'one two three'));
      }
    }
    let seen = client.waitForNotification<WorksResult>('fic/worksChanged', (w) => w.works.length === 31);
    client.notify('workspace/didChangeWatchedFiles', { changes: names.map((n) => ({ uri: uriOf(n), type: CREATED })) });
    await seen;
    // The checkout: every file rewritten, the events arriving in several notifications.
    for (const n of names) writeFileSync(join(dir, n), chapter({ Title: `Work ${n.split('/')[0]?.slice(4)}`, Chapter: `${Number(n.slice(-6, -4))}/10` }, 'one two three four'));
    const before = client.notifications.filter((n) => n.method === 'fic/worksChanged').length;
    seen = client.waitForNotification<WorksResult>('fic/worksChanged', (w) => w.works.some((x) => x.title.startsWith('Work')));
    for (let i = 0; i < names.length; i += 50) {
      client.notify('workspace/didChangeWatchedFiles', { changes: names.slice(i, i + 50).map((n) => ({ uri: uriOf(n), type: CHANGED })) });
    }
    const first = await seen;
    assert.equal(client.notifications.filter((n) => n.method === 'fic/worksChanged').length, before + 1);
    const works = first.works.filter((w) => w.title.startsWith('Work'));
    assert.equal(works.length, 30);
    assert.ok(works.every((w) => w.words === 40), 'every rewritten chapter was read before the first notification');
  });
});

describe('fic/works through the client-request workspace', () => {
  const files = new Map<string, string>(Object.entries(threeChapters('vscode-vfs://github/wren/tide')));
  let client: LspClient;

  before(async () => {
    client = await startOnClientFiles('vscode-vfs://github/wren', files);
  });
  after(async () => {
    assertNoServerErrors(client);
    await client.close();
  });

  test('lists the works from what the editor lists and reads', async () => {
    const result = await client.request<WorksResult>('fic/works', {});
    assert.deepEqual(totals(result), [['Tidewater', 3, 15]]);
    assert.ok(client.serverRequests.some((r) => r.method === 'fic/findFiles'));
    assert.equal(client.serverRequests.filter((r) => r.method === 'fic/readFile').length, 3);
  });

  test('re-reads only the file the editor says changed', async () => {
    const uri = 'vscode-vfs://github/wren/tide/03-flood.fic';
    files.set(uri, chapter({ Title: 'Tidewater', Chapter: '3/3' }, 'Then the water came back in.'));
    const reads = client.serverRequests.filter((r) => r.method === 'fic/readFile').length;
    const seen = client.waitForNotification<WorksResult>('fic/worksChanged', (w) => w.works[0]?.words === 17);
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: CHANGED }] });
    await seen;
    const after = client.serverRequests.filter((r) => r.method === 'fic/readFile');
    assert.equal(after.length, reads + 1);
    assert.deepEqual(after[after.length - 1]?.params, { uri });
  });
});

describe('fic/works and watched files under misuse', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start()));
  after(async () => {
    assertNoServerErrors(client);
    await client.close();
  });

  test('a uri that is not a string is refused; null params list every work', async () => {
    await assert.rejects(client.request('fic/works', { uri: 5 }), /uri must be a string/);
    assert.deepEqual(await client.request<WorksResult>('fic/works', null), { works: [] });
  });

  test('garbage file events are ignored, and the server still answers', async () => {
    for (const params of [null, {}, { changes: 'all' }, { changes: [null, 5, { uri: 7, type: 2 }, { uri: 'file:///nowhere/x.fic', type: 99 }] }]) {
      client.notify('workspace/didChangeWatchedFiles', params);
    }
    const uri = 'file:///misuse-works/alone.fic';
    const { stats } = await openStory(client, uri, 'Title: Alone\n\nStill here.\n');
    assert.deepEqual([stats.words, stats.work.chapters, stats.work.title], [2, 1, 'Alone']);
    assert.deepEqual(totals(await client.request<WorksResult>('fic/works', { uri })), [['Alone', 1, 2]]);
  });
});
