// The warm-up runs in a service of its own while the server waits for `initialize`:
// nothing of its story may reach the writer's works, history or editor, and it must not
// fail (a failure is logged as an error).

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, test } from 'node:test';
import type { ProgressSummary, WorksResult } from '../../server/src/protocol';
import { LspClient } from '../support/lspClient';
import { assertNoServerErrors, changeStory, openStory } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'fic-idle-start-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe("the server's warm-up", () => {
  test('leaves no trace in the works, the history or anything sent', async () => {
    const file = join(dir, 'progress.jsonl');
    const folder = pathToFileURL(dir).href;
    // Started, then left long enough for the warm-up to have run before anything is asked.
    const client = await LspClient.start({
      workspaceFolders: [folder],
      initializationOptions: { progressFile: file },
      settings: { fic: { goals: { dailyWords: 10 } } },
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const uri = `${folder}/lamp.fic`;
      await openStory(client, uri, 'Title: Lamp\nAuthor: Wren Marsh\n\nThe lamp burned.\n');
      await changeStory(client, uri, 2, [{ range: { start: { line: 3, character: 16 }, end: { line: 3, character: 16 } }, text: ' All night.' }]);
      const works = await client.request<WorksResult>('fic/works', {});
      assert.deepEqual(works.works.map((w) => w.title), ['Lamp']);
      const progress = await client.request<ProgressSummary>('fic/progress', { textDocument: { uri } });
      assert.equal(progress.added, 2);
      assertNoServerErrors(client);
      const sent = JSON.stringify([...client.notifications, ...client.logMessages]);
      assert.doesNotMatch(sent, /warm-up|Lighthouse|Maren/);
    } finally {
      await client.close();
    }
    const history = readFileSync(file, 'utf8');
    assert.doesNotMatch(history, /warm-up/);
    assert.ok(history.trim().split('\n').every((line) => JSON.parse(line).work.endsWith('lamp.fic')), history);
  });
});
