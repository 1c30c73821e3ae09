import * as vscode from 'vscode';
import { STORY } from '../expected';
import { closeAll, ficApi, openFixture, waitForValue } from './helpers';

suite('settings', () => {
  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('fic').update('wordCount.method', undefined, vscode.ConfigurationTarget.Workspace);
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
});
