// files.exclude changed while VS Code is open: the Fic Works view follows at once, with no
// reload. The fixture excludes drafts/ (its .vscode/settings.json); showing it lists its
// story, hiding it again takes the story away.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ficApi, waitFor, type FicExtensionApi } from './helpers';

const HIDDEN = 'A Hidden Draft';

suite('works follow files.exclude', () => {
  let api: FicExtensionApi;
  const files = () => vscode.workspace.getConfiguration('files');
  const listed = () => api.works().some((w) => w.title === HIDDEN);

  suiteSetup(async () => {
    api = await ficApi();
  });
  suiteTeardown(async () => {
    await files().update('exclude', { '**/drafts': true }, vscode.ConfigurationTarget.Workspace);
  });

  test('a folder taken out of files.exclude is listed, and put back it is gone', async () => {
    await waitFor('the works read, drafts/ left out', () => api.works().some((w) => w.title === 'Salt and Static') && !listed());
    const others = api.works().filter((w) => w.title !== HIDDEN).length;
    await files().update('exclude', { '**/drafts': false }, vscode.ConfigurationTarget.Workspace);
    await waitFor('the draft in the Fic Works view', () => listed() || undefined);
    assert.equal(api.works().filter((w) => w.title !== HIDDEN).length, others, 'the other works stay as they were');
    await files().update('exclude', { '**/drafts': true }, vscode.ConfigurationTarget.Workspace);
    await waitFor('the draft gone from the Fic Works view', () => !listed() || undefined);
  });
});
