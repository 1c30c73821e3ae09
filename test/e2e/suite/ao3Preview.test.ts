// Fic: Preview for AO3 in a real VS Code: it opens beside the story, the webview draws the
// mapped Rating and what AO3 would refuse, Copy Chapter as AO3 HTML puts the chapter's HTML
// on the clipboard, an edit reaches the preview, and a later chapter of a work shows the
// work's fields (from its first chapter, not open) and its place in the work.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { LANTERN, NIGHTS } from '../expected';
import { closeAll, ficApi, openFixture, openUntitled, waitFor, workspaceFile, type FicExtensionApi } from './helpers';

const STORY = [
  'Title: Harbour Lights',
  'Author: Wren Marsh',
  'Fandom: Original Work',
  'Rating: PG-13/T',
  'Warnings: Future AU',
  'Tags: fog, ferries^2',
  '',
  'The fog came in *thick* as wool, & Noor let the ferry go.',
  '',
  '* * *',
  '',
  'By noon it had cleared.',
  '',
  'The End',
  '',
].join('\n');

const HTML = '<p>The fog came in <em>thick</em> as wool, &amp; Noor let the ferry go.</p><hr><p>By noon it had cleared.</p>';

suite('AO3 preview', () => {
  let api: FicExtensionApi;
  let editor: vscode.TextEditor;

  suiteSetup(async () => {
    editor = await openUntitled(STORY);
    api = await ficApi();
  });
  suiteTeardown(closeAll);

  test('opens beside the story and draws the mapped Rating and the refused fields', async () => {
    await vscode.commands.executeCommand('fic.previewAo3');
    const state = await waitFor('the preview to draw the form', () => {
      const s = api.ao3Preview();
      return s?.rendered ? s : undefined;
    });
    assert.equal(state.uri, editor.document.uri.toString());
    assert.ok((state.viewColumn ?? 0) > (editor.viewColumn ?? 1), `preview in column ${state.viewColumn}, story in ${editor.viewColumn}`);
    const text = state.rendered ?? '';
    assert.match(text, /Teen And Up Audiences/, 'PG-13/T is posted as Teen And Up Audiences');
    assert.match(text, /AO3 would refuse this/);
    assert.match(text, /Archive Warnings: AO3 needs at least one Archive Warning/);
    assert.match(text, /Additional Tags: AO3 does not allow '\^' in a tag/);
    assert.match(text, /The fog came in thick as wool, & Noor let the ferry go\./, 'the chapter is drawn as text, emphasis as a tag');
    assert.doesNotMatch(text, /\bnull\b|\bundefined\b/, 'nothing half-drawn');
    assert.ok(vscode.window.activeTextEditor?.document === editor.document, 'the story keeps the focus');
  });

  test('Copy Chapter as AO3 HTML puts the chapter’s HTML on the clipboard', async () => {
    await vscode.window.showTextDocument(editor.document, editor.viewColumn);
    const returned = await vscode.commands.executeCommand<string>('fic.copyAo3Html');
    assert.equal(returned, HTML);
    assert.equal(await vscode.env.clipboard.readText(), HTML);
  });

  test('the preview follows an edit', async () => {
    const before = api.ao3Preview()?.version ?? 0;
    const rating = editor.document.lineAt(3).range;
    await editor.edit((e) => e.replace(rating, 'Rating: Explicit'));
    const state = await waitFor('the preview to redraw after the edit', () => {
      const s = api.ao3Preview();
      return s && s.version > before && s.rendered && /Explicit/.test(s.rendered) ? s : undefined;
    });
    assert.doesNotMatch(state.rendered ?? '', /Teen And Up Audiences/);
  });

  test('the preview follows the story being written', async () => {
    const other = await openUntitled(['Title: Second Story', 'Fandom: Original Work', 'Rating: Mature', 'Warnings: No Archive Warnings Apply', '', 'Another night, another ferry.', ''].join('\n'));
    const state = await waitFor('the preview to show the other story', () => {
      const s = api.ao3Preview();
      return s && s.uri === other.document.uri.toString() && s.rendered && /Second Story/.test(s.rendered) ? s : undefined;
    });
    assert.match(state.rendered ?? '', /Mature/);
    assert.match(state.rendered ?? '', /Ready to post/);
  });

  test('a later chapter of a work shows the work’s fields from chapter 1 and Chapter 2 of 3', async () => {
    // Chapter 2 of Lantern Street has no Rating, Fandom or Warnings: chapter 1 (not open) has.
    const second = await openFixture(LANTERN.chapters[1]?.file as string);
    const uri = second.document.uri.toString();
    const state = await waitFor('the preview to show chapter 2 of the work', () => {
      const s = api.ao3Preview();
      return s && s.uri === uri && s.rendered && /Chapter 2 of 3/.test(s.rendered) ? s : undefined;
    });
    const text = state.rendered ?? '';
    assert.match(text, /Preview for AO3: 02-night\.fic/);
    assert.match(text, /Rating\s+General Audiences/);
    assert.match(text, /Fandoms\s+Original Work/);
    assert.match(text, /Work Title\s+Lantern Street/);
    // Its heading (`Chapter 2: Night Watch`) is the Chapter Title, as Fic Works names it.
    assert.match(text, new RegExp(`Chapter Title\\s+${LANTERN.chapters[1]?.title}`));
    assert.match(text, /Ready to post/, 'the work has its Rating, Warnings and Fandom');
    assert.match(text, /the cats came out to judge it/);
    // Typing in chapter 2 still reaches the preview; the work's fields stay.
    const before = state.version;
    const end = second.document.lineAt(second.document.lineCount - 1).range.end;
    await second.edit((e) => e.insert(end, '\nThe moths came too.\n'));
    const typed = await waitFor('the preview to redraw after typing in chapter 2', () => {
      const s = api.ao3Preview();
      return s && s.uri === uri && s.version > before && s.rendered && /The moths came too\./.test(s.rendered) ? s : undefined;
    });
    assert.match(typed.rendered ?? '', /Rating\s+General Audiences/);
    assert.match(typed.rendered ?? '', /Chapter 2 of 3/);
    await vscode.commands.executeCommand('workbench.action.files.revert');

    // Chapter 1 changes on disk while it is closed (a checkout, another program): the
    // preview of chapter 2 follows without an edit of its own.
    const firstFile = workspaceFile(LANTERN.chapters[0]?.file as string);
    const saved = await vscode.workspace.fs.readFile(firstFile);
    try {
      const changed = new TextDecoder().decode(saved).replace(/^Rating:.*$/m, 'Rating: Explicit');
      await vscode.workspace.fs.writeFile(firstFile, new TextEncoder().encode(changed));
      await waitFor('the preview of chapter 2 to show the Rating chapter 1 has on disk', () => {
        const s = api.ao3Preview();
        return s && s.uri === uri && s.rendered && /Rating\s+Explicit/.test(s.rendered) ? s : undefined;
      });
    } finally {
      await vscode.workspace.fs.writeFile(firstFile, saved);
    }
    await waitFor('the preview of chapter 2 to show chapter 1’s Rating again', () => {
      const s = api.ao3Preview();
      return s && s.uri === uri && s.rendered && /Rating\s+General Audiences/.test(s.rendered) ? s : undefined;
    });

    // The writer changes the work's Rating in chapter 1 (edited, not shown): the preview of
    // chapter 2 follows.
    const first = await vscode.workspace.openTextDocument(workspaceFile(LANTERN.chapters[0]?.file as string));
    const line = first.getText().split('\n').findIndex((l) => l.startsWith('Rating:'));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(first.uri, first.lineAt(line).range, 'Rating: Mature');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const rated = await waitFor('the preview of chapter 2 to show the new Rating from chapter 1', () => {
      const s = api.ao3Preview();
      return s && s.uri === uri && s.rendered && /Rating\s+Mature/.test(s.rendered) ? s : undefined;
    });
    assert.match(rated.rendered ?? '', /Chapter 2 of 3/);
  });
});

// A file of several chapter headings posts as that many AO3 chapters: the preview shows the
// chapter the cursor is in and follows it, and Copy Chapter as AO3 HTML copies that one.

suite('AO3 preview of a file of several chapters', () => {
  let api: FicExtensionApi;
  let editor: vscode.TextEditor;

  suiteSetup(async () => {
    editor = await openUntitled(NIGHTS);
    api = await ficApi();
  });
  suiteTeardown(closeAll);

  const shown = (what: string, test: (text: string) => boolean) =>
    waitFor(what, () => {
      const s = api.ao3Preview();
      return s && s.uri === editor.document.uri.toString() && s.rendered && test(s.rendered) ? s : undefined;
    });
  const cursorAt = (line: number) => {
    editor.selection = new vscode.Selection(line, 0, line, 0);
  };

  test('shows the chapter the cursor is in and follows it; Copy Chapter as AO3 HTML copies that chapter', async () => {
    cursorAt(7);
    await vscode.commands.executeCommand('fic.previewAo3');
    const first = await shown('the preview to show chapter 1 of 2', (t) => /Chapter 1 of 2/.test(t));
    assert.match(first.rendered ?? '', /Chapter Title\s+Dusk/);
    assert.match(first.rendered ?? '', /The light went down over the hills/);
    assert.doesNotMatch(first.rendered ?? '', /Chapter 1: Dusk|Then the stars came out/, 'the heading is the title; chapter 2 is not in chapter 1');
    assert.equal(first.chapter, 1);

    cursorAt(11);
    const second = await shown('the preview to follow the cursor into chapter 2', (t) => /Chapter 2 of 2/.test(t) && /Then the stars came out/.test(t));
    assert.match(second.rendered ?? '', /Chapter Title\s+Dark/);
    assert.doesNotMatch(second.rendered ?? '', /The light went down over the hills/);
    assert.equal(second.version, first.version, 'followed from the form it had, without asking the server again');

    const returned = await vscode.commands.executeCommand<string>('fic.copyAo3Html');
    assert.equal(returned, '<p>Then the stars came out, one by one, and she counted them.</p>');
    assert.equal(await vscode.env.clipboard.readText(), returned);

    cursorAt(0);
    await shown('the preview to go back to chapter 1 with the cursor in the header', (t) => /Chapter 1 of 2/.test(t));
    assert.equal(await vscode.commands.executeCommand<string>('fic.copyAo3Html'), '<p>The light went down over the hills and nobody spoke.</p>');
  });
});
