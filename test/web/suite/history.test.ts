// The writing history on the web: the server in the Worker has no files, so the client
// keeps the history in the editor's storage. What was written before a restart of the
// language server (a new Worker, which knows nothing by itself) is still today's writing.

import * as vscode from 'vscode';
import { equal, ok } from './check';
import { closeAll, ficApi, openUntitled, waitFor, waitForValue, type FicExtensionApi } from './helpers';

const STORY = 'Title: Ferry Lights\nAuthor: Juniper Vale\n\nThe ferry left at dawn.\n';

/** `$(edit) 12 today` -> 12 (figure spaces keep the item's width; they are not digits). */
function today(api: FicExtensionApi): number | undefined {
  const m = /(\d[\d,]*)\s*(?:\/ [\d,]+ )?today/.exec(api.goalStatusText().replace(/[\u2007\u2008]/g, ''));
  return m ? Number((m[1] as string).replace(/,/g, '')) : undefined;
}

suite('on the web: the writing history', () => {
  suiteTeardown(closeAll);

  test('what was written today outlives a restart of the language server', async () => {
    const editor = await openUntitled(STORY);
    const api = await ficApi();
    // Earlier tests wrote too: the figure is all of today's writing.
    const before = await waitFor('the goal item', () => today(api));
    const end = editor.document.lineAt(3).range.end;
    ok(await editor.edit((b) => b.insert(end, ' Gulls followed it out past the harbour.')), 'the edit applies');
    await waitForValue('the goal item after typing', () => today(api), before + 7);
    ok(!api.goalStatusTooltip().includes('lasts only'), `the tooltip no longer says the history is lost: ${api.goalStatusTooltip()}`);

    await vscode.commands.executeCommand('fic.restartServer');
    await api.ready;
    // A new Worker: only the history the client kept can give it today's writing back.
    await waitFor('the goal item after the restart', () => api.goalStatusText() !== '' && today(api) === before + 7);
    equal(today(api), before + 7, 'today after the restart');
  });

  test('the history is JSON lines in the editor\'s storage; a torn last line is skipped, and new records start a line of their own', async () => {
    const api = await ficApi();
    const file = vscode.Uri.parse(api.historyFile(), true);
    ok(file.scheme !== 'file' && file.path.endsWith('/progress.jsonl'), `kept in the editor's storage: ${file.toString()}`);
    const read = async () => new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
    const kept = await read();
    const lines = kept.split('\n').filter((l) => l !== '');
    ok(lines.length > 0 && lines.every((l) => typeof (JSON.parse(l) as { work?: unknown }).work === 'string'), `one JSON record a line:\n${kept.slice(0, 400)}`);
    ok(kept.endsWith('\n'), 'every record ends its line');

    // A write cut short leaves half a record behind.
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(`${kept}{"v":1,"work":"untitled:torn","day":"20`));
    await vscode.commands.executeCommand('fic.restartServer');
    await api.ready;
    const editor = await openUntitled(STORY);
    const before = await waitFor('the goal item after the restart', () => today(api));
    const end = editor.document.lineAt(3).range.end;
    ok(await editor.edit((b) => b.insert(end, ' The bell rang twice.')), 'the edit applies');
    await waitForValue('the goal item after typing', () => today(api), before + 4);
    // The server hands new records to the editor within a couple of seconds.
    const after = await waitFor('the new records in the history', async () => {
      const text = await read();
      return text.length > kept.length + 60 && text.endsWith('\n') ? text : undefined;
    });
    ok(after.startsWith(kept), 'what was kept is never rewritten, only added to');
    const added = after.slice(kept.length).split('\n');
    equal(added[0], '{"v":1,"work":"untitled:torn","day":"20', 'the torn line is left as it was');
    ok(added.slice(1).filter((l) => l !== '').every((l) => typeof JSON.parse(l) === 'object'), `the new records stand on lines of their own: ${added.join(' / ')}`);
  });
});
