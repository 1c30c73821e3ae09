import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, ficApi, openUntitled, waitFor } from './helpers';

suite('header snippet', () => {
  teardown(closeAll);

  test('Fic: Insert Header fills a new empty fic', async () => {
    const editor = await openUntitled('');
    await ficApi();
    await vscode.commands.executeCommand('fic.insertHeader');
    const text = await waitFor('the header to be inserted', () => {
      const t = editor.document.getText();
      return t.length ? t : undefined;
    });
    const keys = text
      .split(/\r?\n/)
      .map((line) => /^([A-Za-z][A-Za-z ']*):/.exec(line)?.[1])
      .filter((k): k is string => !!k);
    assert.equal(keys[0], 'Title', `the header should open with Title:\n${text}`);
    for (const key of ['Author', 'Fandom', 'Rating', 'Warnings']) {
      assert.ok(keys.includes(key), `no ${key}: line in the inserted header:\n${text}`);
    }
  });

  test('the same snippet by name through editor.action.insertSnippet', async () => {
    const editor = await openUntitled('');
    await ficApi();
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'fic', name: 'Fic header' });
    const text = await waitFor('the snippet to be inserted', () => editor.document.getText() || undefined);
    assert.match(text, /^Title:/);
  });
});
