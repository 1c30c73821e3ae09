import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, cursor, EOLS, ficApi, openUntitled, withEol } from './helpers';

async function labelsAt(fixture: string): Promise<string[]> {
  const { text, position } = cursor(fixture);
  const editor = await openUntitled(text);
  await ficApi();
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position);
  return list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
}

function assertOffers(labels: string[], expected: string[]): void {
  const missing = expected.filter((label) => !labels.includes(label));
  assert.deepEqual(missing, [], `missing from the ${labels.length} completions: ${JSON.stringify(labels)}`);
}

suite('completion', () => {
  teardown(closeAll);

  for (const { name, eol } of EOLS) {
    test(`Rating: offers the ratings of every system (${name})`, async () => {
      const labels = await labelsAt(withEol('Title: A Quiet Harbour\nAuthor: Juniper Vale\nRating: |\n\nThe boats came in late.\n', eol));
      assertOffers(labels, ['General Audiences', 'Teen And Up Audiences', 'Mature', 'Explicit', 'T', 'K+', 'MA', 'PG-13', 'NC-17']);
      assert.ok(!labels.includes('No Archive Warnings Apply'), 'a warning was offered as a rating');
    });

    test(`Warnings: offers AO3's Archive Warnings (${name})`, async () => {
      const labels = await labelsAt(withEol('Title: A Quiet Harbour\nRating: T\nWarnings: |\n\nThe boats came in late.\n', eol));
      assertOffers(labels, [
        'No Archive Warnings Apply',
        'Major Character Death',
        'Graphic Depictions Of Violence',
        'Choose Not To Use Archive Warnings',
        'Rape/Non-Con',
        'Underage Sex',
      ]);
      assert.ok(!labels.includes('Teen And Up Audiences'), 'a rating was offered as a warning');
    });

    test(`no header values offered inside the story (${name})`, async () => {
      const labels = await labelsAt(withEol('Title: A Quiet Harbour\nRating: T\n\nShe wrote Rating: |\n', eol));
      assert.ok(!labels.includes('Teen And Up Audiences'), `ratings offered in the body: ${JSON.stringify(labels)}`);
    });
  }
});
