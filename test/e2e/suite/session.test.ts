// "Written since you opened it" in the tooltip: words written (or cut) since this window first counted
// the story, by the configured method.

import * as vscode from 'vscode';
import { closeAll, ficApi, openUntitled, waitFor, waitForValue, type FicExtensionApi } from './helpers';

const STORY = ['Title: Tide Tables', 'Author: Wren Marsh', 'Fandom: Original Work', 'Rating: General Audiences', '', 'The tide came in at four.', ''].join('\n');

suite('session count', () => {
  let api: FicExtensionApi;
  let editor: vscode.TextEditor;

  suiteSetup(async () => {
    editor = await openUntitled(STORY);
    api = await ficApi();
    await waitForValue('status bar text', () => api.statusBarText(), '6 words');
  });
  suiteTeardown(closeAll);

  test('starts at ±0, counts words typed, and words cut', async () => {
    await waitFor('the session row at ±0', () => /Written since you opened it\|±0 words/.test(api.statusBarTooltip()));

    const end = editor.document.lineAt(5).range.end;
    await editor.edit((e) => e.insert(end, ' She was late, as always.'));
    await waitForValue('status bar after typing', () => api.statusBarText(), '11 words');
    await waitFor('the session row at +5', () => /Written since you opened it\|\+5 words/.test(api.statusBarTooltip()));

    const line = editor.document.lineAt(5).range;
    await editor.edit((e) => e.replace(line, 'The tide.'));
    await waitForValue('status bar after cutting', () => api.statusBarText(), '2 words');
    await waitFor('the session row at −4', () => /Written since you opened it\|−4 words/.test(api.statusBarTooltip()));
  });
});
