import * as vscode from 'vscode';
import { STALE } from '../../e2e/expected';
import { equal, ok } from './check';
import { closeAll, codeOf, ficApi, ficDiagnostics, openUntitled, readFixture, waitFor } from './helpers';

suite('on the web: the Word Count quick fix', () => {
  teardown(closeAll);

  test('rewrites only the number, and the warning goes', async () => {
    const before = await readFixture(STALE.file);
    const editor = await openUntitled(before);
    const doc = editor.document;
    await ficApi();
    const diagnostic = await waitFor('word-count-mismatch', () => ficDiagnostics(doc.uri).find((d) => codeOf(d) === 'word-count-mismatch'));
    equal(diagnostic.range.start.line, STALE.wordCountLine, 'the line of the warning');

    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', doc.uri, diagnostic.range);
    const update = actions.find((a): a is vscode.CodeAction => 'kind' in a && a.title.startsWith('Update the Word Count to'));
    ok(update?.edit, `an "Update the Word Count to" fix with an edit among ${JSON.stringify(actions.map((a) => a.title))}`);
    equal(update.title, `Update the Word Count to ${STALE.words.whitespace.toLocaleString('en-US')}`, 'the fix');
    ok(await vscode.workspace.applyEdit(update.edit), 'applyEdit accepts the fix');

    equal(doc.getText(), before.replace(`Word Count: ${STALE.declared}`, `Word Count: ${STALE.words.whitespace}`), 'the story after the fix');
    await waitFor('the warning to clear', () => ficDiagnostics(doc.uri).every((d) => codeOf(d) !== 'word-count-mismatch'));
  });
});
