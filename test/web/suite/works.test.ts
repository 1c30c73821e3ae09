import * as vscode from 'vscode';
import { WORK } from '../expected';
import { equal, ok } from './check';
import { closeAll, ficApi, openFixture, waitFor, waitForValue, workspaceFile, type FicExtensionApi } from './helpers';

// The status bar pads numbers with figure spaces so that it keeps its width.
const FIGURE_SPACE = /\u2007/g;

suite('on the web: a work of two chapters', () => {
  let api: FicExtensionApi;
  suiteSetup(async () => {
    api = await ficApi();
  });
  suiteTeardown(closeAll);

  const work = () => api.works().find((w) => w.title === WORK.title);

  test('the server reads the other chapter through the editor and totals the work', async () => {
    // Nothing of the work is open yet: both chapters were listed and read over
    // fic/findFiles and fic/readFile, from the browser's file system.
    const found = await waitFor(`${WORK.title} among the works`, () => work());
    equal(found.words, WORK.words.whitespace, 'the work total');
    equal(
      JSON.stringify(found.chapters.map((c) => [c.uri, c.title, c.words])),
      JSON.stringify(WORK.chapters.map((c) => [workspaceFile(c.file).toString(), c.title, c.words.whitespace])),
      'the chapters in order, each with its name',
    );
    // The Fic Works view is a tree view, which VS Code for the web shows as the desktop does.
    await vscode.commands.executeCommand('fic.works.focus');
  });

  test('the status bar shows the chapter and the work, and typing updates both', async () => {
    const [first] = WORK.chapters;
    const editor = await openFixture(first.file);
    const text = () => api.statusBarText().replace(FIGURE_SPACE, '');
    await waitForValue('the status bar on chapter 1', text, `${first.words.whitespace} words · ${WORK.words.whitespace} in work`);

    const lastLine = editor.document.lineAt(editor.document.lineCount - 1);
    ok(await editor.edit((b) => b.insert(lastLine.range.end, ' The gulls did not mind.')), 'the edit applies');
    const total = WORK.words.whitespace + 5;
    await waitForValue('the status bar after typing', text, `${first.words.whitespace + 5} words · ${total} in work`);
    await waitFor('the work total after typing', () => work()?.words === total);
  });
});
