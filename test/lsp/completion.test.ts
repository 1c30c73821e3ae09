// Completion over the wire: header values where a writer would want them, silence in prose.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LspClient } from '../support/lspClient';
import { cursor, EOLS, withEol } from '../support/fixtures';
import { assertNoServerErrors, openStory, uniqueUri } from './helpers';

interface CompletionItem {
  label: string;
  detail?: string;
}
type CompletionResult = CompletionItem[] | { isIncomplete: boolean; items: CompletionItem[] } | null;

/** The Archive Warnings still open after `Major Character Death, ` (`No Archive Warnings
 * Apply` would contradict it, so it is not offered). */
const ARCHIVE_WARNINGS = ['Graphic Depictions Of Violence', 'Rape/Non-Con', 'Underage Sex'];

describe('completion', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start()));
  after(async () => {
    assertNoServerErrors(client);
    await client.close();
  });

  /** Open the fixture (cursor marked with `|`) and ask for completion at the cursor, the
   * way an editor does right after the writer typed the trigger character. */
  async function labelsAt(fixture: string, eol: string, triggerCharacter?: string): Promise<string[]> {
    const { text, position } = cursor(withEol(fixture, eol));
    const uri = uniqueUri('completion.fic');
    await openStory(client, uri, text);
    const result = await client.request<CompletionResult>('textDocument/completion', {
      textDocument: { uri },
      position,
      context: triggerCharacter ? { triggerKind: 2, triggerCharacter } : { triggerKind: 1 },
    });
    const items = result === null ? [] : Array.isArray(result) ? result : result.items;
    return items.map((i) => i.label);
  }

  for (const { name, eol } of EOLS) {
    test(`at "Rating: " it offers ratings of every system (${name})`, async () => {
      const labels = await labelsAt('Title: Salt and Static\nRating: |\n\nThe radio crackled twice.\n', eol, ' ');
      for (const rating of ['Teen And Up Audiences', 'General Audiences', 'Explicit', 'Not Rated', 'T', 'K+', 'PG-13', 'NC-17']) {
        assert.ok(labels.includes(rating), `${rating} missing from ${JSON.stringify(labels)}`);
      }
    });

    test(`after "Warnings: Major Character Death, " it offers the other Archive Warnings (${name})`, async () => {
      const labels = await labelsAt('Title: Salt and Static\nWarnings: Major Character Death, |\n\nThe radio crackled twice.\n', eol, ' ');
      for (const warning of ARCHIVE_WARNINGS) {
        assert.ok(labels.includes(warning), `${warning} missing from ${JSON.stringify(labels)}`);
      }
      assert.ok(!labels.includes('Major Character Death'), 'a warning already chosen is not offered again');
      assert.ok(!labels.includes('No Archive Warnings Apply'), 'it would contradict Major Character Death');
    });

    test(`in the body it offers nothing, even after a trigger character (${name})`, async () => {
      assert.deepEqual(await labelsAt('Title: Salt and Static\nRating: General Audiences\n\nShe said: |\n', eol, ' '), []);
      assert.deepEqual(await labelsAt('Title: Salt and Static\nRating: General Audiences\n\nThe radio, |crackled.\n', eol), []);
    });
  }
});
