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

function putCursor(editor: vscode.TextEditor, line: number): void {
  const end = editor.document.lineAt(line).range.end;
  editor.selection = new vscode.Selection(end, end);
}

suite('completion rounds', () => {
  teardown(closeAll);

  test('commas and colons typed in the body ask for no completion; one typed in the header does', async () => {
    const editor = await openUntitled('Title: A Quiet Harbour\nRating: T\n\nThe boats came in late\n');
    const api = await ficApi();
    await waitFor('the first count', () => api.statusBarText().startsWith('5 words'));
    const before = api.completionRequests();

    putCursor(editor, 3);
    await typeText(', then: at dawn,');
    // The server has the typed words once the count shows them.
    await waitFor('the count of the typed words', () => api.statusBarText().startsWith('8 words'));

    // In the header: the request it opens comes after any the body's keys caused.
    putCursor(editor, 1);
    await typeText(',');
    await waitFor('a completion request from the header', () => api.completionRequests() > before);
    assert.equal(api.completionRequests(), before + 1, 'the comma and colons typed in the body asked for completion');
  });
});
