import * as vscode from 'vscode';
import { STORY } from '../expected';
import * as assert from 'node:assert/strict';
import { closeAll, codeOf, ficApi, ficDiagnostics, openFixture, waitFor, waitForValue } from './helpers';

suite('settings', () => {
  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('fic').update('wordCount.method', undefined, vscode.ConfigurationTarget.Workspace);
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (folder) await vscode.workspace.getConfiguration('fic', folder.uri).update('wordCount.method', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    await closeAll();
  });

  test('fic.wordCount.method switches the count without a reload', async () => {
    await openFixture(STORY.file);
    const api = await ficApi();
    await waitForValue('status bar text (whitespace)', () => api.statusBarText(), `${STORY.words.whitespace} words`);

    await vscode.workspace.getConfiguration('fic').update('wordCount.method', 'ao3', vscode.ConfigurationTarget.Workspace);
    await waitForValue('status bar text after switching to ao3', () => api.statusBarText(), `${STORY.words.ao3} words`);

    await vscode.workspace.getConfiguration('fic').update('wordCount.method', undefined, vscode.ConfigurationTarget.Workspace);
    await waitForValue('status bar text after switching back', () => api.statusBarText(), `${STORY.words.whitespace} words`);
  });

  test('a Word Count by the other method: the quick fix switches the method for the folder', async () => {
    const editor = await openFixture(STORY.file);
    const api = await ficApi();
    await waitForValue('status bar text (whitespace)', () => api.statusBarText(), `${STORY.words.whitespace} words`);
    const line = editor.document.lineAt(STORY.wordCountLine);
    await editor.edit((b) => b.replace(line.range, `Word Count: ${STORY.words.ao3}`));
    const other = await waitFor('word-count-other-method', () => ficDiagnostics(editor.document.uri).find((d) => codeOf(d) === 'word-count-other-method'));
    assert.doesNotMatch(other.message, /--method|fic\.wordCount|`/, other.message);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, other.range);
    const sw = actions.find((a) => a.command?.command === 'fic.setWordCountMethod');
    assert.ok(sw?.command, `no switch among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(sw.title, 'Count words as AO3 does in this folder');
    await vscode.commands.executeCommand(sw.command.command, ...(sw.command.arguments ?? []));
    await waitForValue('status bar text after the switch', () => api.statusBarText(), `${STORY.words.ao3} words`);
    const inspected = vscode.workspace.getConfiguration('fic', editor.document.uri).inspect<string>('wordCount.method');
    assert.equal(inspected?.workspaceFolderValue, 'ao3');
    await waitFor('the check to go quiet', () => ficDiagnostics(editor.document.uri).every((d) => !String(codeOf(d)).startsWith('word-count')));
  });
});
