import * as vscode from 'vscode';
import { STORY, TYPED } from '../../e2e/expected';
import { equal, includesAll, ok } from './check';
import { closeAll, codeOf, cursor, ficApi, ficDiagnostics, openFixture, openUntitled, waitFor, waitForValue, type FicExtensionApi } from './helpers';

suite('on the web: what a writer uses', () => {
  let api: FicExtensionApi;
  suiteSetup(async () => {
    await openFixture(STORY.file);
    api = await ficApi();
  });
  teardown(closeAll);

  test('the status bar counts the story and follows typing', async () => {
    const editor = await openFixture(STORY.file);
    const total = STORY.words.whitespace;
    await waitForValue('status bar text', () => api.statusBarText(), `${total} words`);
    const tooltip = api.statusBarTooltip();
    ok(tooltip.includes(String(STORY.words.ao3)), `the AO3 count in the tooltip: ${tooltip}`);

    const line = editor.document.getText().split('\n').findIndex((l) => l.endsWith(TYPED.after));
    ok(line >= 0, `"${TYPED.after}" in ${STORY.file}`);
    const end = editor.document.lineAt(line).range.end;
    ok(await editor.edit((b) => b.insert(end, TYPED.text)), 'the edit applies');
    await waitForValue('status bar after typing', () => api.statusBarText(), `${total + TYPED.words} words`);
  });

  test('the goal item shows today and the work', async () => {
    await openFixture(STORY.file);
    const tooltip = await waitFor('the goal item', () => api.goalStatusTooltip() || undefined);
    ok(tooltip.includes('Written today in this work') && !tooltip.includes('lasts only'), `the tooltip: ${tooltip}`);
  });

  test('a stale Word Count is flagged', async () => {
    const editor = await openFixture(STORY.file);
    const diagnostics = await waitFor('a diagnostic on the story', () => {
      const d = ficDiagnostics(editor.document.uri);
      return d.length ? d : undefined;
    });
    equal(diagnostics.map(codeOf).join(','), 'word-count-mismatch', 'the problems');
    const [d] = diagnostics as [vscode.Diagnostic];
    equal(d.range.start.line, STORY.wordCountLine, 'the line of the warning');
    equal(editor.document.getText(d.range), STORY.declared, 'the squiggled text');
  });

  test('Rating: completes the ratings of every system', async () => {
    const { text, position } = cursor('Title: A Quiet Harbour\nAuthor: Juniper Vale\nRating: |\n\nThe boats came in late.\n');
    const editor = await openUntitled(text);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position);
    const labels = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    includesAll(labels, ['General Audiences', 'Teen And Up Audiences', 'Mature', 'Explicit', 'T', 'PG-13'], 'completions after Rating:');
  });

  test('hover explains a rating', async () => {
    const editor = await openFixture(STORY.file);
    const line = editor.document.getText().split('\n').findIndex((l) => l.startsWith('Rating:'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(line, 'Rating: G'.length));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    ok(text.includes('| FFN | K, K+ |') && text.includes('| AO3 | **General Audiences** |'), `a hover with the rating's equivalents, got: ${text}`);
  });

  test('the outline lists the header and the story', async () => {
    const editor = await openFixture(STORY.file);
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri);
    ok(symbols.length >= 2, `a header and the story's sections, got ${JSON.stringify(symbols.map((s) => s.name))}`);
  });

  test('the header folds', async () => {
    const editor = await openFixture(STORY.file);
    const ranges = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', editor.document.uri);
    ok(ranges.some((r) => r.start === 0), `a folding range starting at the header, got ${JSON.stringify(ranges)}`);
  });
});

suite('on the web: commands', () => {
  teardown(closeAll);

  test('Fic: Insert Header fills a new empty fic', async () => {
    const editor = await openUntitled('');
    await ficApi();
    await vscode.commands.executeCommand('fic.insertHeader');
    const text = await waitFor('the header to be inserted', () => editor.document.getText() || undefined);
    const keys = text.split('\n').map((line) => /^([A-Za-z][A-Za-z ']*):/.exec(line)?.[1]).filter((k): k is string => !!k);
    equal(keys[0], 'Title', 'the first field of the inserted header');
    includesAll(keys, ['Author', 'Fandom', 'Rating', 'Warnings'], 'the inserted header');
  });
});
