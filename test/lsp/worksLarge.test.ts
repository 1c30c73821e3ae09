// A 50 MB chapter in the workspace does not stall the open chapter's count: while the
// server reads it, keystrokes in an open story get their fic/stats answers, in order and
// exact, before the reading is done (the server reads it off its main thread, or in
// slices with the editor's messages let in between).

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { FicStats, WorksResult } from '../../server/src/protocol';
import { LspClient } from '../support/lspClient';
import { assertNoServerErrors } from './helpers';

describe('a 50 MB chapter while the writer types', () => {
  let dir: string;
  let client: LspClient | undefined;
  const paragraph = 'The tide came in and the tide went out, and nobody in the town said a word about it.\n\n';
  const repeats = Math.ceil((50 * 1024 * 1024) / paragraph.length);
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'fic-large-'));
    mkdirSync(join(dir, 'epic'));
    writeFileSync(join(dir, 'epic', 'epic.fic'), `Title: Epic\n\n${paragraph.repeat(repeats)}`);
  });
  after(async () => {
    if (client) {
      assertNoServerErrors(client);
      await client.close();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  test('keystrokes in an open story are answered while the chapter is read', async (t) => {
    client = await LspClient.start({ workspaceFolders: [pathToFileURL(join(dir, 'epic')).href] });
    const uri = pathToFileURL(join(dir, 'scratch.fic')).href;
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'fic', version: 1, text: 'Title: Scratch\n\nOne\n' } });
    let worksDone = false;
    const works = client.request<WorksResult>('fic/works', {}, 60_000).then((r) => {
      worksDone = true;
      return r;
    });
    // Type a word at a time; each answer must carry that keystroke's count.
    let answeredWhileReading = 0;
    let version = 1;
    let body = 'One';
    while (!worksDone && version < 2000) {
      version++;
      const at = { line: 2, character: body.length };
      body += ' word';
      client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: at, end: at }, text: ' word' }] });
      const stats: FicStats = await client.request<FicStats>('fic/stats', { textDocument: { uri } }, 60_000);
      assert.equal(stats.words, version, `the answer after keystroke ${version}`);
      if (!worksDone) answeredWhileReading++;
    }
    const result = await works;
    assert.equal(result.works.find((w) => w.title === 'Epic')?.words, 19 * repeats);
    // Read in one go on the main thread, the chapter would hold every answer until the
    // works were complete (at most one could slip in before the reading starts).
    t.diagnostic(`${answeredWhileReading} keystrokes answered while the 50 MB chapter was read`);
    assert.ok(answeredWhileReading >= 3, `${answeredWhileReading} keystrokes answered while the 50 MB chapter was read`);
  });
});
