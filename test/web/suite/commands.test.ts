// Commands that go through the language server, on the web: Fic: Show Statistics (its
// quick pick) and the AO3 form behind the preview and the copy commands. The offline
// workbench loads no webview content, so the preview is checked up to the form it got.

import * as vscode from 'vscode';
import { STORY } from '../../e2e/expected';
import { ok } from './check';
import { closeAll, ficApi, openFixture, waitFor } from './helpers';

suite('on the web: statistics and the AO3 form', () => {
  teardown(closeAll);

  test('Fic: Show Statistics lists the figures in a quick pick, and picking one closes it', async () => {
    await openFixture(STORY.file);
    const api = await ficApi();
    const rows = await waitFor('the statistics rows', async () => {
      const r = await api.statisticsRows();
      return r.length ? r : undefined;
    });
    ok(rows.some((r) => r.startsWith(String(STORY.words.whitespace))), `the word count among the figures: ${rows.join(' / ')}`);
    let settled = false;
    const shown = Promise.resolve(vscode.commands.executeCommand('fic.showStatistics')).finally(() => (settled = true));
    // The command waits on its quick pick: it settles only once the pick is accepted, so
    // accepting until it settles proves the quick pick was there.
    await waitFor('the statistics quick pick to take a pick', async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return settled;
    });
    await shown;
  });

  test('the AO3 form answers on the web: the chapter as AO3 HTML, and the preview gets its form', async () => {
    const editor = await openFixture(STORY.file);
    const api = await ficApi();
    const html = await vscode.commands.executeCommand<string | undefined>('fic.copyAo3Html');
    ok(typeof html === 'string' && html.startsWith('<p>'), `the chapter as AO3 HTML: ${String(html).slice(0, 120)}`);
    ok(!/<script|style=/.test(html ?? ''), 'nothing AO3 would strip');
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('fic.previewAo3');
    const state = await waitFor('the preview to get its form', () => api.ao3Preview());
    ok(state.uri === editor.document.uri.toString(), `the preview is of the story: ${state.uri}`);
  });
});
