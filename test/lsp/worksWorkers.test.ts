// The file-system workspace with worker threads (FsWorkspace({ workers })): chapters read
// and summarised on the workers give exactly what the main thread gives, and what cannot
// be read is skipped with the same reasons.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { FsWorkspace } from '../../server/src/node/fsWorkspace';
import { createFicService } from '../../server/src/service';
import { chapter, threeChapters } from '../support/works';

describe('chapters summarised on worker threads', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'fic-workers-'));
    mkdirSync(join(dir, 'tide'));
    for (const [name, text] of Object.entries(threeChapters('tide'))) writeFileSync(join(dir, name), text);
    // Named by its opening heading: the worker's summary carries the heading's title.
    writeFileSync(join(dir, 'tide', '03-flood.fic'), chapter({ Title: 'Tidewater', Chapter: '3/3' }, 'Chapter 3: The Flood\n\nThen the water came.'));
    writeFileSync(join(dir, 'crlf.fic'), chapter({ Title: 'Crlf', Rating: 'Mature', Goal: '5,000', Fandom: 'Original Work, Tide' }, 'A/N: hello\r\nthere\r\n\r\n“Curly” words — 你好 😀\r\n\r\n* * *\r\n\r\nThe End').replace(/\n/g, '\r\n'));
    writeFileSync(join(dir, 'cover.fic'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function index(workers: number) {
    const fs = new FsWorkspace([dir], { workers });
    const service = createFicService(undefined, fs);
    await service.works.index();
    const summaries = [...service.works.summaries()].sort((a, b) => a.uri.localeCompare(b.uri));
    const result = { works: service.listWorks(), skipped: [...service.works.skipped.values()], summaries };
    fs.dispose();
    return result;
  }

  test('give the same works and the same reasons as the main thread', async () => {
    const onThread = await index(0);
    const onWorkers = await index(2);
    assert.deepEqual(onWorkers.works, onThread.works);
    assert.deepEqual(onWorkers.skipped, onThread.skipped);
    // Every field of every chapter, the header's Goal and lists included.
    assert.deepEqual(onWorkers.summaries, onThread.summaries);
    assert.equal(onWorkers.summaries.find((c) => c.title === 'Crlf')?.goal, '5,000');
    assert.deepEqual(onWorkers.works.find((w) => w.title === 'Tidewater')?.chapters.map((c) => c.title), ['Low Water', 'Slack', 'The Flood']);
    assert.deepEqual(onWorkers.works.map((w) => [w.title, w.words]), [['Crlf', 6], ['Tidewater', 15]]);
    assert.match(onWorkers.skipped.join('\n'), /looks like a binary file/);
  });
});
