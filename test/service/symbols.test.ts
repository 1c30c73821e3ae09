// The outline: a Header symbol with its fields, then chapters and scenes with word counts.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS } from '../../server/src/protocol';
import { symbols } from '../../server/src/service/features/symbols';
import { assertSymbols } from '../support/hostileChecks';
import { EOLS, service, source, withEol } from '../support/fixtures';

function outline(text: string, eol: string): DocumentSymbol[] {
  const src = source(withEol(text, eol));
  const result = service().symbols(src);
  assertSymbols(src.text, result);
  return result;
}

/** Name, detail and children, the way the outline view shows them. */
function tree(list: readonly DocumentSymbol[]): unknown[] {
  return list.map((s) => (s.children?.length ? [s.name, s.detail, tree(s.children)] : [s.name, s.detail]));
}

function lines(s: DocumentSymbol): [number, number] {
  return [s.range.start.line, s.range.end.line];
}

for (const { name: eolName, eol } of EOLS) {
  describe(`header (${eolName})`, () => {
    const text =
      'Title: Low Tide\nWarning(s): Angst\nSummary: Two keepers, one lamp, and a storm that will not pass before morning comes\n  to the island.\n\nThe lamp burned.\n';

    test('one Header symbol, a child per field named by its key as written', () => {
      const [header] = outline(text, eol);
      assert.equal(header?.name, 'Header');
      assert.equal(header?.kind, SymbolKind.Namespace);
      assert.equal(header?.detail, '3 fields');
      assert.deepEqual(header && lines(header), [0, 3]);
      assert.deepEqual(
        header?.children?.map((c) => [c.name, c.kind, lines(c)]),
        [
          ['Title', SymbolKind.Property, [0, 0]],
          ['Warning(s)', SymbolKind.Property, [1, 1]],
          ['Summary', SymbolKind.Property, [2, 3]],
        ],
      );
    });

    test('field details are their values, long ones cut to about 60 characters', () => {
      const [header] = outline(text, eol);
      const [title, , summary] = header?.children ?? [];
      assert.equal(title?.detail, 'Low Tide');
      assert.ok(summary?.detail && summary.detail.length <= 60, summary?.detail);
      assert.ok(summary.detail.startsWith('Two keepers, one lamp,'));
      assert.ok(summary.detail.endsWith('…'));
    });

    test('the selection is the key', () => {
      const [header] = outline('**Rating:** T\n\nBody.', eol);
      assert.deepEqual(header?.children?.[0]?.selectionRange, { start: { line: 0, character: 2 }, end: { line: 0, character: 8 } });
    });

    test('front-matter style: the rule lines belong to the header', () => {
      const [header] = outline('---\nTitle: Low Tide\n---\n\nBody.', eol);
      assert.deepEqual(header && lines(header), [0, 2]);
    });

    test('no header, no Header symbol', () => {
      assert.deepEqual(tree(outline('The lamp burned.\n', eol)), [['Opening', '3 words']]);
      assert.deepEqual(outline('', eol), []);
    });
  });

  describe(`body (${eolName})`, () => {
    test('a story without breaks is one Opening section', () => {
      const result = outline('Title: Low Tide\n\nThe lamp burned.\nIt burned all night.\n\nThe End\n', eol);
      assert.deepEqual(tree(result.slice(1)), [['Opening', '7 words']]);
      assert.deepEqual(lines(result[1] as DocumentSymbol), [2, 3]);
    });

    test('scene breaks: numbered scenes, each with its count', () => {
      const result = outline('Title: Low Tide\n\nOne two three.\n\n***\n\nFour five.\n\n* * *\n\nSix.\n', eol);
      assert.deepEqual(tree(result.slice(1)), [
        ['Scene 1', '3 words'],
        ['Scene 2', '2 words'],
        ['Scene 3', '1 word'],
      ]);
      assert.deepEqual(result.slice(1).map(lines), [
        [2, 2],
        [4, 6],
        [8, 10],
      ]);
      assert.equal(result[2]?.kind, SymbolKind.String);
    });

    test('chapters named by their titles, scenes nested under them', () => {
      const result = outline(
        'Title: Low Tide\n\nForeword words.\n\nChapter 1: Arrival\nThey came ashore.\n\n***\n\nThe boat left.\n\nChapter 2\n\n~~~\nMorning came.\n',
        eol,
      );
      assert.deepEqual(tree(result.slice(1)), [
        ['Opening', '2 words'],
        [
          'Chapter 1: Arrival',
          '6 words',
          [
            ['Scene 1', '3 words'],
            ['Scene 2', '3 words'],
          ],
        ],
        ['Chapter 2', '2 words', [['Scene 1', '2 words']]],
      ]);
      const chapter1 = result[2] as DocumentSymbol;
      assert.equal(chapter1.kind, SymbolKind.Module);
      assert.deepEqual(lines(chapter1), [4, 9]);
      assert.deepEqual(chapter1.selectionRange, { start: { line: 4, character: 0 }, end: { line: 4, character: 18 } });
      assert.deepEqual(chapter1.children?.map(lines), [
        [5, 5],
        [7, 9],
      ]);
    });

    test('a chapter without breaks has no children', () => {
      const result = outline('Title: Low Tide\n\n## The Storm\nRain, all night.\n', eol);
      assert.deepEqual(tree(result.slice(1)), [['The Storm', '3 words']]);
      assert.equal(result[1]?.children, undefined);
    });

    test('counts are formatted, notes and trailer left out', () => {
      const body = Array.from({ length: 1204 }, (_, i) => `w${i}`).join(' ');
      const result = outline(`Title: Low Tide\n\nA/N: not counted here\n\n${body}\n\nThe End\n`, eol);
      assert.deepEqual(tree(result.slice(1)), [['Opening', '1,204 words']]);
    });
  });
}

describe('the configured method', () => {
  test('details count by the method in the settings', () => {
    const doc = source("Title: Low Tide\n\nDon't stop -- the arm-rest.\n").document();
    assert.equal(symbols(doc)[1]?.detail, '5 words');
    assert.equal(symbols(doc, { ...DEFAULT_SETTINGS, wordCount: { method: 'ao3' } })[1]?.detail, '4 words');
  });
});
