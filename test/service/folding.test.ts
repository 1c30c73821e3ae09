// Folding: the header, wrapped fields, chapters and scenes, author's notes.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FoldingRange } from 'vscode-languageserver-types';
import { EOLS, service, source, withEol } from '../support/fixtures';

function fold(text: string, eol: string): FoldingRange[] {
  const src = source(withEol(text, eol));
  const ranges = service().folding(src);
  // Editors keep one range per start line; every range inside the document.
  const starts = ranges.map((r) => r.startLine);
  assert.deepEqual(starts, [...new Set(starts)].sort((a, b) => a - b), 'sorted, one range per start line');
  for (const r of ranges) assert.ok(r.startLine < r.endLine && r.endLine < src.text.lineCount, JSON.stringify(r));
  return ranges;
}

function spans(ranges: FoldingRange[]): [number, number, string?][] {
  return ranges.map((r) => (r.kind ? [r.startLine, r.endLine, r.kind] : [r.startLine, r.endLine]));
}

for (const { name: eolName, eol } of EOLS) {
  describe(`folding (${eolName})`, () => {
    test('the header, from the first field to the last header line, and a wrapped field', () => {
      const ranges = fold('Title: Low Tide\nRating: T\nSummary: Two keepers,\n  one lamp.\n\nThe lamp burned.\n', eol);
      assert.deepEqual(spans(ranges), [
        [0, 3, 'imports'],
        [2, 3],
      ]);
    });

    test('an opening rule line is not part of the folded header', () => {
      assert.deepEqual(spans(fold('---\nTitle: Low Tide\nRating: T\n---\n\nBody.', eol)), [[1, 2, 'imports']]);
    });

    test('a one-line header does not fold', () => {
      assert.deepEqual(fold('Title: Low Tide\n\nThe lamp burned.\n', eol), []);
    });

    test('a wrapped first field: the header wins the shared start line', () => {
      assert.deepEqual(spans(fold('Summary: Two keepers,\n  one lamp.\nTitle: Low Tide\n\nBody.', eol)), [[0, 2, 'imports']]);
    });

    test('scenes of two or more lines, from the break line', () => {
      const ranges = fold('Title: Low Tide\n\nOne.\n\n***\n\nTwo.\nThree.\n\n* * *\nFour.\n\n\n', eol);
      assert.deepEqual(spans(ranges), [
        [4, 7],
        [9, 10],
      ]);
    });

    test('a chapter folds over its scenes; the scenes fold too', () => {
      const text = 'Title: Low Tide\n\nChapter 1\nThey came ashore.\n\n***\n\nThe boat left.\n\nChapter 2\nMorning.\nNoon.\n\nThe End\n';
      assert.deepEqual(spans(fold(text, eol)), [
        [2, 7],
        [5, 7],
        [9, 11],
      ]);
    });

    test("author's note blocks fold as comments", () => {
      const text = "Title: Low Tide\n\nA/N: For my sister.\nShe knows why.\n\nThe lamp burned.\n\n(Author's note: thanks!)\n";
      assert.deepEqual(spans(fold(text, eol)), [
        [2, 3, 'comment'],
        [5, 7],
      ]);
    });

    test('a story without a header still folds its chapters', () => {
      assert.deepEqual(spans(fold('Prologue\nIt began.\n\nChapter 1\nIt went on.\n', eol)), [
        [0, 1],
        [3, 4],
      ]);
    });
  });
}
