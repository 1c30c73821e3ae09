// Works of many chapters in a real VS Code: the Fic Works view lists the fixture's
// three-chapter work with its total, typing in chapter 2 updates the total in the view and
// the status bar, retitling the heading that names chapter 2 renames it in the view, and a
// check across chapters shows in chapter 3.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { LANTERN } from '../expected';
import { closeAll, ficApi, openFixture, rangeOf, waitFor, workspaceFile, type FicExtensionApi } from './helpers';

const FIGURE_SPACE = /\u2007/g;

suite('works of many chapters', () => {
  let api: FicExtensionApi;

  suiteSetup(async () => {
    api = await ficApi();
  });
  suiteTeardown(closeAll);

  const lantern = () => api.works().find((w) => w.title === LANTERN.title);

  test('the Fic Works view lists the work with its chapters in order and its total', async () => {
    const work = await waitFor('Lantern Street in the Fic Works view', () => lantern());
    assert.equal(work.words, LANTERN.words);
    assert.equal(work.declaredChapters, 3);
    assert.deepEqual(
      work.chapters.map((c) => [c.uri, c.title, c.words]),
      LANTERN.chapters.map((c) => [workspaceFile(c.file).toString(), c.title, c.words]),
    );
    // The lone stories of the fixture folder are works of one chapter.
    assert.ok(api.works().some((w) => w.title === 'Salt and Static' && w.chapters.length === 1));
    // drafts/ is in files.exclude (the fixture's .vscode/settings.json): not listed.
    assert.ok(!api.works().some((w) => w.title === 'A Hidden Draft'), 'an excluded file was listed');
    // The view itself is registered and can be shown.
    await vscode.commands.executeCommand('fic.works.focus');
  });

  test('typing in chapter 2 updates the work total in the status bar and the view', async () => {
    const editor = await openFixture(LANTERN.chapters[1]?.file as string);
    const chapterWords = LANTERN.chapters[1]?.words as number;
    const text = () => api.statusBarText().replace(FIGURE_SPACE, '');
    await waitFor('the status bar with the work total', () => text() === `${chapterWords} words · ${LANTERN.words} in work` || undefined);
    const at = rangeOf(editor.document, LANTERN.typed.after).end;
    await editor.edit((b) => b.insert(at, LANTERN.typed.text));
    const total = LANTERN.words + LANTERN.typed.words;
    await waitFor('the status bar after typing', () => text() === `${chapterWords + LANTERN.typed.words} words · ${total} in work` || undefined);
    await waitFor('the view after typing', () => lantern()?.words === total || undefined);
    assert.match(api.statusBarTooltip(), /Lantern Street/);
    assert.match(api.statusBarTooltip(), /2 of 3/);
  });

  test('retitling chapter 2\'s opening heading renames it in the view', async () => {
    const editor = await openFixture(LANTERN.chapters[1]?.file as string);
    const range = rangeOf(editor.document, LANTERN.retitled.from);
    await editor.edit((b) => b.replace(range, LANTERN.retitled.to));
    await waitFor('the new chapter title in the view', () => lantern()?.chapters[1]?.title === LANTERN.retitled.to || undefined);
    assert.deepEqual(lantern()?.chapters.map((c) => c.title), [LANTERN.chapters[0]?.title, LANTERN.retitled.to, LANTERN.chapters[2]?.title]);
  });

  test('a check across chapters shows in chapter 3', async () => {
    const editor = await openFixture(LANTERN.chapters[2]?.file as string);
    const diagnostics = await waitFor('chapter-total-mismatch in chapter 3', () => {
      const found = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.code === 'chapter-total-mismatch');
      return found.length ? found : undefined;
    });
    assert.equal(diagnostics[0]?.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(diagnostics[0]?.message ?? '', /says the work has 4 chapters, but 01-dusk\.fic says 3/);
    assert.equal(diagnostics[0]?.range.start.line, 1, 'on the Chapter line');
  });
});
