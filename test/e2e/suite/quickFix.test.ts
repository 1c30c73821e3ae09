import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { STALE, STORY } from '../expected';
import { closeAll, codeOf, EOLS, ficApi, ficDiagnostics, openFixture, openUntitled, readFixture, waitFor, withEol } from './helpers';

suite('Word Count diagnostic and quick fix', () => {
  teardown(closeAll);

  test('a stale Word Count is the only problem in the README story', async () => {
    const editor = await openFixture(STORY.file);
    await ficApi();
    const diagnostics = await waitFor('a diagnostic on story.fic', () => {
      const d = ficDiagnostics(editor.document.uri);
      return d.length ? d : undefined;
    });
    assert.deepEqual(diagnostics.map(codeOf), ['word-count-mismatch'], diagnostics.map((d) => d.message).join('\n'));
    const [d] = diagnostics as [vscode.Diagnostic];
    assert.equal(d.range.start.line, STORY.wordCountLine);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(editor.document.getText(d.range), STORY.declared, 'the squiggle should cover just the number');
  });

  for (const { name, eol, vscode: eolKind } of EOLS) {
    test(`the quick fix rewrites only the number and the warning goes (${name})`, async () => {
      const before = withEol(await readFixture(STALE.file), eol);
      const editor = await openUntitled(before);
      const doc = editor.document;
      assert.equal(doc.eol, eolKind, 'fixture opened with the wrong line endings');
      await ficApi();

      const diagnostic = await waitFor('word-count-mismatch', () =>
        ficDiagnostics(doc.uri).find((d) => codeOf(d) === 'word-count-mismatch'),
      );
      assert.equal(diagnostic.range.start.line, STALE.wordCountLine, `on line ${diagnostic.range.start.line}: ${diagnostic.message}`);

      const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
        'vscode.executeCodeActionProvider',
        doc.uri,
        diagnostic.range,
      );
      const fixes = actions.filter((a): a is vscode.CodeAction => 'kind' in a && !!a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind));
      const update = fixes.find((a) => a.title.startsWith('Update the Word Count to'));
      assert.ok(update, `no "Update the Word Count to" quick fix among: ${JSON.stringify(actions.map((a) => a.title))}`);
      assert.equal(update.title, `Update the Word Count to ${STALE.words.whitespace.toLocaleString('en-US')}`);
      assert.ok(update.edit, 'the quick fix carries no edit');
      assert.equal(await vscode.workspace.applyEdit(update.edit), true, 'applyEdit refused the fix');

      const expected = before.replace(`Word Count: ${STALE.declared}`, `Word Count: ${STALE.words.whitespace}`);
      assert.notEqual(expected, before);
      // Byte for byte: the story, its line endings and the rest of the header untouched.
      assert.equal(doc.getText(), expected);
      await waitFor('the warning to clear after the fix', () =>
        ficDiagnostics(doc.uri).every((d) => codeOf(d) !== 'word-count-mismatch'),
      );
    });
  }

  test('Fic: Update Word Count writes the current count, and says so when there is nothing to do', async () => {
    const before = await readFixture(STALE.file);
    const editor = await openUntitled(before);
    await ficApi();
    await waitFor('word-count-mismatch', () => ficDiagnostics(editor.document.uri).find((d) => codeOf(d) === 'word-count-mismatch'));
    assert.equal(await vscode.commands.executeCommand<boolean>('fic.updateWordCount'), true);
    assert.equal(editor.document.getText(), before.replace(`Word Count: ${STALE.declared}`, `Word Count: ${STALE.words.whitespace}`));
    assert.equal(await vscode.commands.executeCommand<boolean>('fic.updateWordCount'), false, 'a current count is left alone');
  });
});
