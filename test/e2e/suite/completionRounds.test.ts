// Completion rounds cost VS Code work (its snippet providers answer too), so prose must
// cause none: the server gives VS Code no trigger characters, and the client opens the
// suggestions itself only for a `:` or `,` typed in the header. Typing goes through VS
// Code's own `type` command, the path a key press takes.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, ficApi, openUntitled, waitFor } from './helpers';

async function typeText(text: string): Promise<void> {
  for (const ch of text) await vscode.commands.executeCommand('type', { text: ch });
}

function putCursor(editor: vscode.TextEditor, line: number, character?: number): void {
  const at = character === undefined ? editor.document.lineAt(line).range.end : new vscode.Position(line, character);
  editor.selection = new vscode.Selection(at, at);
}

suite('completion rounds', () => {
  teardown(closeAll);

  test('commas and colons typed in the body ask for no completion; one typed in the header does', async () => {
    const editor = await openUntitled('Title: A Quiet Harbour\nRating: T\n\nThe boats came in late\n');
    const api = await ficApi();
    await waitFor('the first count', () => api.statusBarText().startsWith('5 words'));
    const before = api.completionRequests();

    // Punctuation only, against the words: the writing history (the goal item) sees no word
    // written, and the tests after this one start from an empty day.
    putCursor(editor, 3, 'The boats came'.length);
    await typeText(':');
    putCursor(editor, 3, 'The boats came: in'.length);
    await typeText(',');
    assert.equal(editor.document.lineAt(3).text, 'The boats came: in, late');

    // In the header. VS Code asks the providers as it handles a key, so a request the
    // body's keys caused reaches the extension before the one this key's round makes.
    putCursor(editor, 1);
    await typeText(',');
    await waitFor('a completion request from the header', () => api.completionRequests() > before);
    assert.equal(api.completionRequests(), before + 1, 'the comma or the colon typed in the body asked for completion');
  });
});
