// Where completion ends (FicStats.completionEndLine): VS Code's client opens suggestions
// only above that line, so no line below it may ever have anything to offer, and the
// lines a writer adds a field on must lie above it.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { completionEndLine } from '../../server/src/service/features/completion';
import { parseHeader } from '../../server/src/service/header/document';
import { FicText } from '../../server/src/service/text/text';
import { EOLS, service, source, withEol } from '../support/fixtures';

const STORIES: { name: string; text: string; end: number }[] = [
  { name: 'a header and a blank line', text: 'Title: Low Tide\nRating: T\n\nShe said: no, not yet.\nHe said: fine, then.\n', end: 3 },
  { name: 'a separator under the header', text: 'Title: Low Tide\nWarnings: None\n---\nThe lamp, lit: again.\n', end: 2 },
  { name: 'a wrapped Summary', text: 'Title: Low Tide\nSummary: Two keepers\n  and a lamp.\n\nBody, with: colons.\n', end: 4 },
  { name: 'blank lines above the header', text: '\n\nTitle: Low Tide\n\nBody: text.\n', end: 4 },
  { name: 'no header: prose from the first line', text: 'The lamp burned, low.\nHe said: no.\n', end: 1 },
  { name: 'no header: blank lines first', text: '\n\nThe lamp burned, low.\nHe said: no.\n', end: 3 },
  { name: 'an empty file', text: '', end: 1 },
  { name: 'a header at the end of the file', text: 'Title: Low Tide\nRating: T', end: 2 },
];

/** Every position of every line at or below `from`. */
function* positions(text: FicText, from: number): Generator<{ line: number; character: number }> {
  for (let line = from; line < text.lineCount; line++) {
    for (let character = 0; character <= text.lineAt(line).length; character++) yield { line, character };
  }
}

for (const { name: eolName, eol } of EOLS) {
  describe(`completionEndLine (${eolName})`, () => {
    for (const story of STORIES) {
      const text = withEol(story.text, eol);
      test(`${story.name}: ends at line ${story.end}`, () => {
        const model = new FicText(text);
        assert.equal(completionEndLine(model, parseHeader(model)), story.end);
      });

      test(`${story.name}: nothing is offered at or below it`, () => {
        const model = new FicText(text);
        const end = completionEndLine(model, parseHeader(model));
        const fic = service();
        const src = source(text);
        for (const position of positions(model, end)) {
          assert.deepEqual(fic.completion(src, position).items, [], `offered at ${JSON.stringify(position)}`);
        }
      });
    }

    test('the blank line after the header, where a next field is typed, lies above it', () => {
      const text = withEol('Title: Low Tide\nRating: T\n\nBody.\n', eol);
      const fic = service();
      assert.equal(fic.stats(source(text)).completionEndLine, 3);
      assert.ok(fic.completion(source(text), { line: 2, character: 0 }).items.length > 0, 'no field names on the blank line');
    });
  });
}
