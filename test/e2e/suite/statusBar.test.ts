import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { STORY } from '../expected';
import { closeAll, ficApi, openFixture, openUntitled, rangeOf, waitFor, waitForValue, type FicExtensionApi } from './helpers';

suite('status bar', () => {
  let api: FicExtensionApi;
  let editor: vscode.TextEditor;
  const total = `${STORY.words.whitespace} words`;

  suiteSetup(async () => {
    editor = await openFixture(STORY.file);
    api = await ficApi();
  });
  // Each test starts on the story with no selection, whatever the one before left behind.
  setup(async () => {
    editor = await vscode.window.showTextDocument(editor.document);
    const start = new vscode.Position(0, 0);
    editor.selection = new vscode.Selection(start, start);
  });
  suiteTeardown(closeAll);

  test('counts the body of the active story', async () => {
    await waitForValue('status bar text', () => api.statusBarText(), total);
    assert.equal(api.statusBarVisible(), true);
  });

  test('tooltip gives both methods, characters and reading time', async () => {
    await waitForValue('status bar text', () => api.statusBarText(), total);
    const tooltip = api.statusBarTooltip();
    assert.match(tooltip, new RegExp(`\\b${STORY.words.whitespace}\\b`), `no whitespace count in: ${tooltip}`);
    assert.match(tooltip, new RegExp(`\\b${STORY.words.ao3}\\b`), `no AO3 count in: ${tooltip}`);
    assert.match(tooltip, /characters/i, `no character count in: ${tooltip}`);
    assert.match(tooltip, /reading/i, `no reading time in: ${tooltip}`);
  });

  test('Select All counts what the total counts; header lines are 0 of the total', async () => {
    await waitForValue('status bar text', () => api.statusBarText(), total);
    await vscode.commands.executeCommand('editor.action.selectAll');
    await waitForValue('status bar with everything selected', () => api.statusBarText(), `${STORY.words.whitespace} of ${total}`);
    editor.selection = new vscode.Selection(new vscode.Position(0, 0), new vscode.Position(STORY.wordCountLine + 1, 0));
    await waitForValue('status bar with header lines selected', () => api.statusBarText(), `0 of ${total}`);
  });

  test('the tooltip and Fic: Show Statistics speak to a writer, not a programmer', async () => {
    await waitForValue('status bar text', () => api.statusBarText(), total);
    const rows = await api.statisticsRows();
    assert.ok(rows.length >= 8, `too few statistics: ${JSON.stringify(rows)}`);
    assert.ok(rows.some((r) => r.startsWith(`${STORY.words.whitespace} |`)), `no ${STORY.words.whitespace} among ${JSON.stringify(rows)}`);
    for (const text of [api.statusBarTooltip(), ...rows]) {
      assert.doesNotMatch(text, /`|wc -w|configur|\bfic\.[a-z]|setting [a-z]+\.|trailer|\bbody\b/i, `programmer's words in: ${text}`);
    }
  });

  test('a selection shows "N of total"', async () => {
    const line = rangeOf(editor.document, '"You\'re on the air," she said.');
    editor.selection = new vscode.Selection(line.start, line.end);
    await waitForValue('status bar with one selection', () => api.statusBarText(), `6 of ${total}`);
  });

  test('several cursors are added up', async () => {
    const first = rangeOf(editor.document, '"You\'re on the air," she said.');
    const second = rangeOf(editor.document, 'thick as wool.');
    editor.selections = [new vscode.Selection(first.start, first.end), new vscode.Selection(second.start, second.end)];
    await waitForValue('status bar with two selections', () => api.statusBarText(), `9 of ${total}`);

    const start = new vscode.Position(0, 0);
    editor.selection = new vscode.Selection(start, start);
    await waitForValue('status bar after clearing the selection', () => api.statusBarText(), total);
  });

  test('stays on the story while the AO3 preview beside it has the focus', async () => {
    await waitForValue('status bar text', () => api.statusBarText(), total);
    await vscode.commands.executeCommand('fic.previewAo3');
    await waitFor('the AO3 preview to draw the story', () => api.ao3Preview()?.rendered);
    // The writer clicks into the preview (to press Copy): no text editor has the focus.
    await vscode.commands.executeCommand('workbench.action.focusRightGroup');
    await waitFor('the focus to leave the text editors', () => vscode.window.activeTextEditor === undefined);
    try {
      // The story is still on screen: its count stays, no blink out and back.
      assert.equal(api.statusBarText(), total);
      assert.equal(api.statusBarVisible(), true);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
    await waitForValue('status bar text back on the story', () => api.statusBarText(), total);
  });

  test('hidden for other languages, back for a fic', async () => {
    await openUntitled('Not a story, just a shopping list.', 'plaintext');
    await waitFor('the item to hide for plain text', () => !api.statusBarVisible());
    assert.equal(api.statusBarText(), '');

    await vscode.window.showTextDocument(editor.document);
    await waitForValue('status bar text back on the story', () => api.statusBarText(), total);
  });
});
