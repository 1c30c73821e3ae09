import * as vscode from 'vscode';
import { STORY } from '../../e2e/expected';
import { equal, includesAll, ok } from './check';
import { closeAll, extension, ficApi, openFixture, waitFor, waitForValue } from './helpers';

suite('on the web: activation', () => {
  suiteTeardown(closeAll);

  test('runs as a web extension, in the web worker extension host', () => {
    equal(vscode.env.uiKind, vscode.UIKind.Web, 'vscode.env.uiKind');
    // A Node host would have `process`; the browser entry must be the one that loaded.
    equal(typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node, 'undefined', 'a Node runtime under the tests');
  });

  test('wakes for a fic (or earlier, for a folder of stories), and starts its language server in a worker', async () => {
    const ext = extension();
    // workspaceContains: a folder of stories wakes it with the window where the host can
    // search the folder's files; opening a fic wakes it everywhere.
    const editor = await openFixture(STORY.file);
    equal(editor.document.languageId, 'fic', `${STORY.file}'s language`);
    await waitFor('the extension to activate on a .fic', () => ext.isActive);
    const api = await ficApi();
    await waitForValue('the status bar count', () => api.statusBarText(), `${STORY.words.whitespace} words`);
  });

  test('contributes its commands', async () => {
    // Every command the manifest declares is registered on the web too.
    const declared = (extension().packageJSON as { contributes: { commands: { command: string }[] } }).contributes.commands.map((c) => c.command);
    ok(declared.length >= 3, `the manifest declares commands: ${JSON.stringify(declared)}`);
    includesAll(await vscode.commands.getCommands(true), declared, 'registered commands');
  });
});
