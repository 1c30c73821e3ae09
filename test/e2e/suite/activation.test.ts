import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { STORY } from '../expected';
import { closeAll, extension, ficApi, openFixture, waitFor } from './helpers';

suite('activation', () => {
  suiteTeardown(closeAll);

  test('wakes in a folder of stories before any is opened, so the first one opened is counted at once', async () => {
    const ext = extension();
    // This window's folder holds .fic files (workspaceContains): the language server starts
    // with the window, not when the writer opens a chapter. A window without stories is
    // never woken (package.json asks for nothing else; manifest.test.ts holds it to that).
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.languageId === 'fic'), 'a fic was open before the test');
    await waitFor('the extension to activate in a folder of stories', () => ext.isActive);
    const api = await ficApi();
    const editor = await openFixture(STORY.file);
    assert.equal(editor.document.languageId, 'fic', `${STORY.file} opened as ${editor.document.languageId}`);
    assert.equal(typeof api.statusBarVisible, 'function');
  });

  test("keeps the server's compiled code for its next start (Node 22 and later)", async () => {
    await ficApi();
    // The server's own bin asks for Node's cache in the temporary folder (this window's
    // TMPDIR is a scratch folder of its own: nothing else writes there).
    const cache = join(tmpdir(), 'node-compile-cache');
    // Node makes the folder at start-up; the server writes its code there a few seconds
    // later (its bundle's cache is well over 10 KB), where without that it would wait for exit.
    const written = (dir: string): boolean =>
      existsSync(dir) && readdirSync(dir, { withFileTypes: true }).some((e) => (e.isDirectory() ? written(join(dir, e.name)) : statSync(join(dir, e.name)).size > 10_000));
    await waitFor(`the server's compiled code in ${cache}`, () => written(cache), 20_000);
  });

  test('contributes its commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['fic.showStatistics', 'fic.insertHeader', 'fic.restartServer']) {
      assert.ok(commands.includes(id), `command ${id} is not registered`);
    }
  });
});
