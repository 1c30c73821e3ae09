// A chapter named by the heading that opens it, over the wire: fic/works lists it by the
// heading's title (the AO3 form's Chapter Title) when its header gives no Chapter Title,
// through the file-system workspace and the client-request one, and fic/worksChanged
// follows the writer retitling the heading, in the editor and on disk.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { Ao3Form, Work, WorksResult } from '../../server/src/protocol';
import { LspClient } from '../support/lspClient';
import { chapter, WORK_FIELDS } from '../support/works';
import { assertNoServerErrors, changeStory, openStory, startOnClientFiles } from './helpers';

const CHANGED = 2;

/** The lighthouse work: a Chapter Title, a heading, and a heading below a note. */
function lighthouse(folder: string): Record<string, string> {
  return {
    [`${folder}/chapter-01.fic`]: chapter({ ...WORK_FIELDS, Title: 'The Keeper', Chapter: '1/3', 'Chapter Title': 'Arrival' }, 'The boat left her on the rocks.'),
    [`${folder}/chapter-02.fic`]: chapter({ Title: 'The Keeper', Chapter: '2/3' }, 'Chapter 2: The Lighthouse\n\nShe climbed the stair at dusk.'),
    [`${folder}/chapter-03.fic`]: chapter({ Title: 'The Keeper', Chapter: '3/3' }, 'A/N: the last one\n\n# Chapter Three — The Lamp\n\nIt turned all night.'),
  };
}

const names = (works: readonly Work[]) => works.map((w) => [w.title, w.chapters.map((c) => c.title)]);

describe('chapters named by their opening heading, from the file system', () => {
  let dir: string;
  let client: LspClient;
  const uriOf = (name: string) => pathToFileURL(join(dir, name)).href;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fic-headings-'));
    mkdirSync(join(dir, 'keeper'));
    for (const [name, text] of Object.entries(lighthouse('keeper'))) writeFileSync(join(dir, name), text);
    client = await LspClient.start({ workspaceFolders: [pathToFileURL(dir).href] });
  });
  after(async () => {
    assertNoServerErrors(client);
    await client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('fic/works names each chapter as the AO3 form titles it', async () => {
    const { works } = await client.request<WorksResult>('fic/works', {});
    assert.deepEqual(names(works), [['The Keeper', ['Arrival', 'The Lighthouse', 'The Lamp']]]);
    assert.equal(works[0]?.words, 7 + 6 + 4, 'headings and notes are not counted');
    const uri = uriOf('keeper/chapter-02.fic');
    await openStory(client, uri, lighthouse('keeper')['keeper/chapter-02.fic'] as string);
    const form = await client.request<Ao3Form>('fic/ao3Form', { textDocument: { uri } });
    assert.equal(form.work.chapters[0]?.title, works[0]?.chapters[1]?.title);
  });

  test('retitling the heading in the editor renames the chapter', async () => {
    const uri = uriOf('keeper/chapter-02.fic');
    const sent = client.waitForNotification<WorksResult>('fic/worksChanged', (p) => p.works.some((w) => w.chapters[1]?.title === 'The Lantern Room'));
    // `Chapter 2: The Lighthouse` on line 3: replace its title.
    await changeStory(client, uri, 2, [{ range: { start: { line: 3, character: 11 }, end: { line: 3, character: 25 } }, text: 'The Lantern Room' }]);
    assert.deepEqual(names((await sent).works), [['The Keeper', ['Arrival', 'The Lantern Room', 'The Lamp']]]);
    const { works } = await client.request<WorksResult>('fic/works', { uri });
    assert.equal(works[0]?.chapters[1]?.title, 'The Lantern Room');
  });

  test('a heading retitled on disk renames the chapter', async () => {
    const uri = uriOf('keeper/chapter-03.fic');
    writeFileSync(join(dir, 'keeper', 'chapter-03.fic'), chapter({ Title: 'The Keeper', Chapter: '3/3' }, 'A/N: the last one\n\n# Chapter Three — Morning\n\nIt turned all night.'));
    const sent = client.waitForNotification<WorksResult>('fic/worksChanged', (p) => p.works.some((w) => w.chapters[2]?.title === 'Morning'));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: CHANGED }] });
    assert.deepEqual(names((await sent).works), [['The Keeper', ['Arrival', 'The Lantern Room', 'Morning']]]);
  });
});

describe('chapters named by their opening heading, through the client-request workspace', () => {
  const files = new Map<string, string>(Object.entries(lighthouse('vscode-vfs://github/wren/keeper')));
  let client: LspClient;

  before(async () => {
    client = await startOnClientFiles('vscode-vfs://github/wren', files);
  });
  after(async () => {
    assertNoServerErrors(client);
    await client.close();
  });

  test('fic/works names them alike', async () => {
    const { works } = await client.request<WorksResult>('fic/works', {});
    assert.deepEqual(names(works), [['The Keeper', ['Arrival', 'The Lighthouse', 'The Lamp']]]);
  });
});
