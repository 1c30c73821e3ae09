import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { STORY } from '../expected';
import { closeAll, extension, ficApi, openFixture, waitFor } from './helpers';

suite('activation', () => {
  suiteTeardown(closeAll);

  test('stays asleep until a fic is opened, then starts its language server', async () => {
    const ext = extension();
    // Activating on startup would slow every VS Code window, fic or not.
    assert.equal(ext.isActive, false, 'the extension activated before any fic was open');

    const editor = await openFixture(STORY.file);
    assert.equal(editor.document.languageId, 'fic', `${STORY.file} opened as ${editor.document.languageId}`);
    await waitFor('the extension to activate on a .fic', () => ext.isActive);
    const api = await ficApi();
    assert.equal(typeof api.statusBarVisible, 'function');
  });

  test("keeps the server's compiled code for its next start (Node 22 and later)", async () => {
    const api = await ficApi();
    const cache = join(dirname(api.historyFile()), 'compile-cache');
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
