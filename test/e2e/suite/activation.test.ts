import * as assert from 'node:assert/strict';
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

  test('contributes its commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['fic.showStatistics', 'fic.insertHeader', 'fic.restartServer']) {
      assert.ok(commands.includes(id), `command ${id} is not registered`);
    }
  });
});
