// A header line without a colon is glued to the field above it: where that field does not
// wrap as prose, the writer is told (issue 8), and offered the colon when the line starts
// with a field's name.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TextEdit } from 'vscode-languageserver-types';
import { FicText } from '../../server/src/service';
import { EOLS, service, source, withEol } from '../support/fixtures';

const HEAD = 'Title: Harbour Lights\nAuthor: Wren Marsh\nFandom: Original Work\nRating: Teen And Up Audiences\n';

function joined(text: string) {
  return service().diagnostics(source(text)).filter((d) => d.code === 'header-line-joined');
}

describe('header-line-joined', () => {
  for (const { name, eol } of EOLS) {
    it(`\`Chapter 1 of 3\` under Pairing is flagged, and the fix adds only the colon (${name})`, () => {
      const text = withEol(`${HEAD}Pairing: Ines/Tobiah\nChapter 1 of 3\n\nThe boats came in.\n`, eol);
      const svc = service();
      const src = source(text);
      const [d, ...rest] = svc.diagnostics(src).filter((x) => x.code === 'header-line-joined');
      assert.ok(d);
      assert.deepEqual(rest, []);
      assert.equal(d.severity, 2);
      assert.deepEqual(d.range, { start: { line: 5, character: 0 }, end: { line: 5, character: 14 } });
      const message = String(d.message);
      assert.match(message, /no colon/);
      assert.match(message, /Ines\/Tobiah Chapter 1 of 3/);
      assert.doesNotMatch(message, /`/);
      const [fix] = svc.codeActions(src, d.range, [d]);
      assert.equal(fix?.title, 'Make Chapter a field of its own');
      const edits = fix?.edit?.changes?.[src.uri] as TextEdit[];
      const t = new FicText(text);
      for (const e of edits) t.applyChange({ range: e.range, text: e.newText });
      assert.equal(t.getText(), text.replace('Chapter 1 of 3', 'Chapter: 1 of 3'));
      assert.deepEqual(joined(t.getText()), []);
    });

    it(`a wrapped Summary, an indented line and a list after a comma are fine (${name})`, () => {
      const text = withEol(`${HEAD}Summary: Ines keeps the lamp.\nTobiah keeps the boats.\nWarnings: Blood,\nAngst\nPairing: Ines/Tobiah\n  Mae & Ada\n\nBody.\n`, eol);
      assert.deepEqual(joined(text), []);
    });
  }

  it('a line that names no field still says how to fix it', () => {
    const [d] = joined(`${HEAD}Pairing: Ines/Tobiah\nsomething else entirely\n\nBody.\n`);
    assert.ok(d);
    assert.match(String(d.message), /indent it/);
  });
});
