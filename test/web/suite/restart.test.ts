import * as vscode from 'vscode';
import { STORY, TYPED } from '../../e2e/expected';
import { ok } from './check';
import { closeAll, ficApi, openFixture, waitForValue } from './helpers';

suite('on the web: restarting the language server', () => {
  suiteTeardown(closeAll);

  test('Fic: Restart Language Server starts a new worker that counts what is typed next', async () => {
    const editor = await openFixture(STORY.file);
    const api = await ficApi();
    const total = STORY.words.whitespace;
    await waitForValue('status bar before the restart', () => api.statusBarText(), `${total} words`);
    await vscode.commands.executeCommand('fic.restartServer');

    // Only a running server can count an edit made after the restart.
    const line = editor.document.getText().split('\n').findIndex((l) => l.endsWith(TYPED.after));
    ok(await editor.edit((b) => b.insert(editor.document.lineAt(line).range.end, TYPED.text)), 'the edit applies');
    await waitForValue('status bar after the restart and an edit', () => api.statusBarText(), `${total + TYPED.words} words`);
  });
});
