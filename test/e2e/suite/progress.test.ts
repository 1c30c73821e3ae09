// Goals in the real editor: typing moves the goal item toward the daily goal, undo takes
// the writing back, a paste does not count, the history outlives a restart of the
// language server, and Show Progress and Export Progress work from the command palette's
// commands.

import * as assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { closeAll, ficApi, openUntitled, waitFor, waitForValue, workspaceFile, type FicExtensionApi } from './helpers';

const STORY = ['Title: Tide Tables', 'Author: Wren Marsh', 'Fandom: Original Work', 'Rating: General Audiences', 'Goal: 1,000 by 2099-12-31', '', 'The tide came in at four.', ''].join('\n');

/** The item's text without its icon and the figure spaces that keep its width. */
const plain = (text: string) => text.replace(/\$\([a-z-]+\)\s*/g, '').replace(/[\u2007\u2008]/g, '').trim();

suite('goals and progress', () => {
  let api: FicExtensionApi;
  let editor: vscode.TextEditor;
  const goal = (expected: string) => waitForValue('the goal item', () => `${plain(api.goalStatusText())}${api.goalStatusText() ? '' : ` (hidden; word count: ${api.statusBarText()})`}`, expected);

  suiteSetup(async () => {
    // The daily goal counts all of today's writing, and the suites before this one write
    // too: a history file of its own starts this suite's day at 0 (a new file is read
    // afresh, without the old one's records).
    const history = join(mkdtempSync(join(tmpdir(), 'fic-goals-')), 'progress.jsonl');
    await vscode.workspace.getConfiguration('fic').update('goals.historyFile', history, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('fic').update('goals.dailyWords', 20, vscode.ConfigurationTarget.Workspace);
    editor = await openUntitled(STORY);
    api = await ficApi();
  });
  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('fic').update('goals.dailyWords', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.getConfiguration('fic').update('goals.historyFile', undefined, vscode.ConfigurationTarget.Global);
    await closeAll();
  });

  test('typing moves the goal item; its width does not change', async () => {
    await goal('0 / 20 today');
    const before = api.goalStatusText().length;
    await editor.edit((e) => e.insert(editor.document.lineAt(6).range.end, ' She was late, as always.'));
    await goal('5 / 20 today');
    assert.equal(api.goalStatusText().length, before, 'padded with figure spaces to the goal\'s width');
    await waitFor('the target in the tooltip', () => /Work target\|11 of 1,000 words by 2099-12-31/.test(api.goalStatusTooltip()));
    await waitFor('the pace in the tooltip', () => /Pace needed\|/.test(api.goalStatusTooltip()));
    assert.doesNotMatch(api.goalStatusTooltip(), /lasts only until this window closes/, 'the desktop keeps the history in a file');
  });

  test('undo takes the writing back, redo writes it again', async () => {
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    await goal('0 / 20 today');
    assert.match(api.goalStatusTooltip(), /Cut today in this work\|0 words/, 'an undo is not a cut');
    await vscode.commands.executeCommand('redo');
    await goal('5 / 20 today');
  });

  test('a paste of more than 100 words is not counted as written', async () => {
    const draft = Array.from({ length: 150 }, (_, i) => (i % 12 === 11 ? 'sea.' : 'grey')).join(' ');
    await editor.edit((e) => e.insert(editor.document.lineAt(6).range.end, ` ${draft}`));
    await waitFor('the paste in the tooltip', () => /Pasted today, not counted\|150 words/.test(api.goalStatusTooltip()));
    assert.equal(plain(api.goalStatusText()), '5 / 20 today');
  });

  test('meeting the goal shows it done', async () => {
    await editor.edit((e) => e.insert(editor.document.lineAt(6).range.end, ' One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen.'));
    await goal('20 / 20 today');
    assert.match(api.goalStatusText(), /^\$\(pass-filled\)/);
  });

  test('the history outlives a restart of the language server', async () => {
    await vscode.commands.executeCommand('fic.restartServer');
    await api.ready;
    // The story is opened anew in the new server, which reads the history file back.
    await goal('20 / 20 today');
    await waitFor('the streak in the tooltip', () => /Streak\|1 day/.test(api.goalStatusTooltip()));
  });

  test('Show Progress draws the charts and the table', async () => {
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('fic.showProgress');
    const html = await waitFor('the progress page', () => api.progressHtml() || undefined);
    assert.equal((html.match(/<svg /g) ?? []).length, 3, 'three charts');
    assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
    assert.match(html, /<th scope="row">Written today, all works<\/th><td>20 words<\/td>/);
    assert.doesNotMatch(html, /<script/);
  });

  test('Export Progress (CSV) writes every day of the story', async () => {
    await vscode.window.showTextDocument(editor.document);
    const target = workspaceFile('progress-export.csv');
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('fic.exportProgress', target);
    assert.equal(written?.toString(), target.toString());
    const csv = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    assert.match(csv, /^date,words added,words removed,net,pasted \(not counted\),work words,words written in all works,daily goal,goal met\r\n/);
    assert.match(csv, /\r\n\d{4}-\d{2}-\d{2},20,0,20,150,176,20,20,yes\r\n$/);
  });
});
