// Writing prose in the real editor: nothing types a character the writer did not type,
// VS Code's code-editing helpers stay out of the way, and an empty story says how to start.
// Typing goes through VS Code's own `type` command, one character at a time, exactly the
// path a key press takes (auto-closing included).

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, ficApi, openUntitled, waitFor } from './helpers';

async function typeText(text: string): Promise<void> {
  for (const ch of text) await vscode.commands.executeCommand('type', { text: ch });
}

async function lensesOf(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? [];
}

suite('writing prose', () => {
  teardown(closeAll);

  for (const [name, open, more] of [
    ['straight quotes', 'Juno said, "I kept the boats', 'and the nets," she said.'],
    ['straight quotes at the start of a line', '"I kept the boats', 'and the nets."'],
    ['curly quotes', 'Juno said, “I kept the boats', 'and the nets,” she said.'],
    ['brackets', 'The boats (all of them', 'even the red one) stayed.'],
  ] as const) {
    test(`a speech left open with ${name} runs on into the next paragraph untouched`, async () => {
      const editor = await openUntitled('');
      await ficApi();
      await typeText(open);
      await typeText('\n');
      await typeText(more);
      const eol = editor.document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
      assert.equal(editor.document.getText(), `${open}${eol}${more}`);
    });
  }

  test('a quote typed over a selection still wraps it, as the writer asked', async () => {
    const editor = await openUntitled('She said no.');
    await ficApi();
    editor.selection = new vscode.Selection(0, 9, 0, 11);
    await typeText('“');
    assert.equal(editor.document.getText(), 'She said “no”.');
  });

  test('the editor defaults for a fic are a writer’s, not a programmer’s', () => {
    const config = vscode.workspace.getConfiguration('editor', { languageId: 'fic' });
    const expected: Record<string, unknown> = {
      autoClosingQuotes: 'never',
      autoClosingBrackets: 'never',
      occurrencesHighlight: 'off',
      selectionHighlight: false,
      'stickyScroll.enabled': false,
      matchBrackets: 'never',
      'bracketPairColorization.enabled': false,
      'guides.indentation': false,
      'minimap.enabled': false,
      wordWrap: 'on',
      codeLens: true,
    };
    for (const [key, value] of Object.entries(expected)) {
      assert.deepEqual(config.get(key), value, `editor.${key} for fic`);
    }
    assert.deepEqual(config.get('rulers'), []);
  });

  test('an empty story offers to insert a header, and the offer goes once there is text', async () => {
    const editor = await openUntitled('\n  \n');
    await ficApi();
    const lenses = await waitFor('the Insert header lens', async () => {
      const found = await lensesOf(editor.document);
      return found.length ? found : undefined;
    });
    assert.equal(lenses.length, 1);
    const lens = lenses[0] as vscode.CodeLens;
    assert.equal(lens.command?.command, 'fic.insertHeader');
    assert.match(lens.command?.title ?? '', /insert a header/i);
    assert.equal(lens.range.start.line, 0);

    await vscode.commands.executeCommand(lens.command?.command as string);
    const text = await waitFor('the header from the lens', () => (/^Title:/.test(editor.document.getText()) ? editor.document.getText() : undefined));
    assert.match(text, /^Chapter: 1\/\?$/m);
    assert.deepEqual(await lensesOf(editor.document), []);
  });

  test('the header template writes no Word Count that would go stale, and has a Chapter line', async () => {
    const editor = await openUntitled('');
    await ficApi();
    await vscode.commands.executeCommand('fic.insertHeader');
    const text = await waitFor('the header', () => editor.document.getText() || undefined);
    assert.doesNotMatch(text, /^Word Count:/m, `the template has a Word Count line:\n${text}`);
    assert.match(text, /^Chapter: 1\/\?$/m);
    const keys = text.split(/\r?\n/).map((l) => /^([A-Za-z ]+):/.exec(l)?.[1]).filter(Boolean);
    assert.deepEqual(keys, ['Title', 'Author', 'Fandom', 'Pairing', 'Rating', 'Warnings', 'Chapter', 'Summary']);
  });
});
