// Bad input in a writer's workspace: a binary `.fic`, a folder named like a story, a
// symlink loop, a link to itself, a named pipe, a file deleted while it is read, a 50 MB
// chapter, 10,000 files. Each is skipped or counted, with a reason a writer understands;
// nothing crashes, and an open chapter keeps its count while the workspace is read.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { FicStats, WorksResult } from '../../server/src/protocol';
import { FsWorkspace } from '../../server/src/node/fsWorkspace';
import { createFicService } from '../../server/src/service';
import { LspClient } from '../support/lspClient';
import { chapter, threeChapters } from '../support/works';
import { assertNoServerErrors, openStory } from './helpers';

describe('bad input in the workspace (file system)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'fic-bad-'));
    mkdirSync(join(dir, 'tide'));
    for (const [name, text] of Object.entries(threeChapters('tide'))) writeFileSync(join(dir, name), text);
    writeFileSync(join(dir, 'cover.fic'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
    mkdirSync(join(dir, 'drafts.fic'));
    symlinkSync('..', join(dir, 'tide', 'up'));
    symlinkSync(join(dir, 'self.fic'), join(dir, 'self.fic'));
    execFileSync('mkfifo', [join(dir, 'pipe.fic')]);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('lists every story once, follows a symlink loop no further, and skips what is not a story', async () => {
    const workspace = new FsWorkspace([dir]);
    const files = await workspace.findFiles();
    const names = files.map((u) => u.slice(pathToFileURL(dir).href.length + 1)).sort();
    assert.deepEqual(names, ['cover.fic', 'tide/01-low.fic', 'tide/02-slack.fic', 'tide/03-flood.fic']);
  });

  test('indexes the stories and says why the others were skipped', async () => {
    const service = createFicService(undefined, new FsWorkspace([dir]));
    await service.works.index();
    assert.deepEqual(service.listWorks().map((w) => [w.title, w.words]), [['Tidewater', 15]]);
    assert.match([...service.works.skipped.values()].join('\n'), /looks like a binary file/);
  });

  test('a folder, a named pipe or a link to itself given as a story is refused, never waited on', async () => {
    const workspace = new FsWorkspace([dir]);
    for (const [name, why] of [
      ['drafts.fic', /is a folder/],
      ['pipe.fic', /not a regular file/],
      ['self.fic', /points back to itself/],
    ] as const) {
      assert.equal(await workspace.readFile(pathToFileURL(join(dir, name)).href), null, name);
      assert.match(workspace.problem(pathToFileURL(join(dir, name)).href) ?? '', why, name);
    }
  });

  test('a file that cannot be read is skipped with the reason', { skip: process.getuid?.() === 0 ? 'root reads any file' : false }, async () => {
    const locked = join(dir, 'locked.fic');
    writeFileSync(locked, chapter({ Title: 'Locked' }, 'Secret.'));
    chmodSync(locked, 0);
    try {
      const workspace = new FsWorkspace([dir]);
      assert.equal(await workspace.readFile(pathToFileURL(locked).href), null);
      assert.match(workspace.problem(pathToFileURL(locked).href) ?? '', /permission denied/);
    } finally {
      unlinkSync(locked);
    }
  });

  test('a file deleted between listing and reading is skipped, and the rest are read', async () => {
    const gone = join(dir, 'tide', '04-gone.fic');
    writeFileSync(gone, chapter({ Title: 'Tidewater', Chapter: '4' }, 'Soon deleted.'));
    const fs = new FsWorkspace([dir]);
    const workspace = {
      findFiles: async () => {
        const files = await fs.findFiles();
        unlinkSync(gone);
        return files;
      },
      readFile: (uri: string) => fs.readFile(uri),
      problem: (uri: string) => fs.problem(uri),
      onDidChangeFiles: fs.onDidChangeFiles,
    };
    const service = createFicService(undefined, workspace);
    await service.works.index();
    assert.deepEqual(service.listWorks().map((w) => [w.title, w.chapters.length, w.words]), [['Tidewater', 3, 15]]);
    assert.match(service.works.skipped.get(pathToFileURL(gone).href) ?? '', /deleted or moved while being read/);
  });

  test('a story is read into the buffer it is lent, or into its own when that one is too small', async () => {
    const workspace = new FsWorkspace([dir]);
    const uri = pathToFileURL(join(dir, 'tide', '01-low.fic')).href;
    const expected = await workspace.readFile(uri);
    const roomy = new Uint8Array(1 << 16).fill(0x7a);
    const into = await workspace.readBytes(uri, (size) => (size <= roomy.length ? roomy : new Uint8Array(0)));
    assert.ok(into);
    assert.equal(into.buffer, roomy.buffer, 'a view of the lent buffer');
    assert.equal(into.toString('utf8'), expected);
    const own = await workspace.readBytes(uri, () => new Uint8Array(3));
    assert.equal(own?.toString('utf8'), expected);
    // A binary file in a lent buffer is refused all the same.
    assert.equal(await workspace.readBytes(pathToFileURL(join(dir, 'cover.fic')).href, () => roomy), null);
  });

  test('a 50 MB chapter is counted, exactly', async () => {
    const big = join(dir, 'big');
    mkdirSync(big);
    const paragraph = 'The tide came in and the tide went out, and nobody in the town said a word about it.\n\n';
    const repeats = Math.ceil((50 * 1024 * 1024) / paragraph.length);
    writeFileSync(join(big, 'epic.fic'), `Title: Epic\n\n${paragraph.repeat(repeats)}`);
    const service = createFicService(undefined, new FsWorkspace([big]));
    await service.works.index();
    assert.deepEqual(service.listWorks().map((w) => [w.title, w.words]), [['Epic', 19 * repeats]]);
  });
});

describe('a workspace of 10,000 files, through the server', () => {
  let dir: string;
  let client: LspClient;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'fic-10k-'));
    for (let f = 0; f < 100; f++) {
      mkdirSync(join(dir, `work-${f}`));
      for (let c = 1; c <= 100; c++) writeFileSync(join(dir, `work-${f}`, `${c}.fic`), `Title: Work ${f}\nChapter: ${c}/100\n\nOne two three.\n`);
    }
  });
  after(async () => {
    assertNoServerErrors(client);
    await client.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('an open chapter is counted while the workspace is read, and every work is listed', async () => {
    client = await LspClient.start({ workspaceFolders: [pathToFileURL(dir).href] });
    // Opened at once, while the server reads 10,000 files: its count does not wait for them.
    const uri = pathToFileURL(join(dir, 'scratch.fic')).href;
    const { stats } = await openStory(client, uri, 'Title: Scratch\n\nStill counted, at once.\n');
    assert.equal((stats as FicStats).words, 4);
    const result = await client.request<WorksResult>('fic/works', {}, 60_000);
    assert.equal(result.works.length, 101);
    assert.ok(result.works.filter((w) => w.title.startsWith('Work')).every((w) => w.chapters.length === 100 && w.words === 300));
  });
});
