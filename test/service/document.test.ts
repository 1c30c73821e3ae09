// The header parser (DOMAIN.md §1–2): every variant real headers show, each in LF and CRLF,
// with the exact ranges features rely on. Then the body: trailer, notes, sections.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Range } from '../../server/src/protocol';
import { listItems, lookupField, type FicDocument, type Field } from '../../server/src/service/header/document';
import { EOLS, source, withEol } from '../support/fixtures';

function parsed(text: string, eol: string): FicDocument {
  return source(withEol(text, eol)).document();
}

function fields(doc: FicDocument): Field[] {
  assert.ok(doc.header, 'expected a header');
  return doc.header.fields;
}

function only(doc: FicDocument): Field {
  const fs = fields(doc);
  assert.equal(fs.length, 1, `expected one field, got ${fs.map((f) => f.key).join(', ')}`);
  return fs[0] as Field;
}

function range(l1: number, c1: number, l2: number, c2: number): Range {
  return { start: { line: l1, character: c1 }, end: { line: l2, character: c2 } };
}

for (const { name: eolName, eol } of EOLS) {
  describe(`header fields (${eolName})`, () => {
    test('keys are read in any case', () => {
      const doc = parsed('TITLE: Night Shift\nrating: T\nWoRd CoUnT: 12\n\nBody.', eol);
      assert.deepEqual(
        fields(doc).map((f) => [f.key, f.name, f.value]),
        [
          ['TITLE', 'Title', 'Night Shift'],
          ['rating', 'Rating', 'T'],
          ['WoRd CoUnT', 'Word Count', '12'],
        ],
      );
    });

    const variants: [string, string][] = [
      ['Story Title', 'Title'],
      ['Chapter Title', 'Chapter Title'],
      ['Writer', 'Author'],
      ['By', 'Author'],
      ['Fandoms', 'Fandom'],
      ['Crossover', 'Fandom'],
      ['Pairings', 'Pairing'],
      ['Relationships', 'Pairing'],
      ['Ships', 'Pairing'],
      ['Character', 'Characters'],
      ['Ratings', 'Rating'],
      ['Rated', 'Rating'],
      ['Warning', 'Warnings'],
      ['CW', 'Warnings'],
      ['TW', 'Warnings'],
      ['Wordcount', 'Word Count'],
      ['Words', 'Word Count'],
      ['WC', 'Word Count'],
      ['Length', 'Word Count'],
      ['Description', 'Summary'],
      ['Blurb', 'Summary'],
      ['Note', 'Notes'],
      ["Author's Notes", 'Notes'],
      ['Author’s Note', 'Notes'],
      ['A/N', 'Notes'],
      ['Dedication', 'Notes'],
      ['Betas', 'Beta'],
      ["Beta'd by", 'Beta'],
      ['Timeline', 'Spoilers'],
      ['Genres', 'Genre'],
      ['Additional Tags', 'Genre'],
      ['Categories', 'Category'],
      ['Completed', 'Status'],
      ['Chapters', 'Chapter'],
      ['Part', 'Chapter'],
      ['Challenge', 'Prompt'],
      ['Written for', 'Prompt'],
      ['Date Written', 'Date'],
      ['Posted', 'Date'],
      ['Updated', 'Date'],
      ['Sequel to', 'Series'],
      ['Feedback', 'Archive'],
    ];
    test('aliases and plurals name their canonical field', () => {
      const text = variants.map(([key], i) => `${key}: value ${i}`).join('\n') + '\n\nBody.';
      const doc = parsed(text, eol);
      assert.deepEqual(
        fields(doc).map((f) => [f.key, f.name]),
        variants,
      );
    });

    test('`(s)` is read as an optional plural', () => {
      const keys: [string, string][] = [
        ['Warning(s)', 'Warnings'],
        ['Archive Warning(s)', 'Warnings'],
        ['Content Warning(s)', 'Warnings'],
        ['Relationship(s)', 'Pairing'],
        ['Character(s)', 'Characters'],
        ["Author's Note(s)", 'Notes'],
        ['Fandom(s)', 'Fandom'],
      ];
      const doc = parsed(keys.map(([k]) => `${k}: x`).join('\n'), eol);
      assert.deepEqual(
        fields(doc).map((f) => [f.key, f.name]),
        keys,
      );
    });

    test('combined keys name the field they are used for', () => {
      const keys: [string, string][] = [
        ['Character/Pairing', 'Characters'],
        ['Challenge/Prompt', 'Prompt'],
        ['Author/Artist', 'Author'],
        ['Pairing(s)/Character(s)', 'Characters'],
        ['Prompt / Challenge', 'Prompt'],
      ];
      const doc = parsed(keys.map(([k]) => `${k}: x`).join('\n'), eol);
      assert.deepEqual(
        fields(doc).map((f) => [f.key, f.name]),
        keys,
      );
    });

    test('an unknown key is still a field, with no canonical name', () => {
      const doc = parsed('Title: Tidewater\nMood: wistful\n\nBody.', eol);
      const mood = fields(doc)[1] as Field;
      assert.equal(mood.key, 'Mood');
      assert.equal(mood.name, null);
      assert.equal(mood.info, null);
      assert.equal(mood.value, 'wistful');
    });

    test('Markdown bold around the key, colon inside or outside', () => {
      const doc = parsed('**Rating:** T\n**Title**: Low Tide\n__Author:__ Wren\n\nBody.', eol);
      const [rating, title, author] = fields(doc) as [Field, Field, Field];
      assert.equal(rating.key, 'Rating');
      assert.equal(rating.name, 'Rating');
      assert.equal(rating.value, 'T');
      assert.deepEqual(rating.keyRange, range(0, 2, 0, 8));
      assert.deepEqual(rating.valueRange, range(0, 12, 0, 13));
      assert.equal(title.key, 'Title');
      assert.equal(title.value, 'Low Tide');
      assert.deepEqual(title.keyRange, range(1, 2, 1, 7));
      assert.deepEqual(title.valueRange, range(1, 11, 1, 19));
      assert.equal(author.name, 'Author');
      assert.equal(author.value, 'Wren');
    });

    test('a byte order mark before the first key', () => {
      const doc = parsed('\uFEFFTitle: Low Tide\nRating: T\n\nBody.', eol);
      const [title, rating] = fields(doc) as [Field, Field];
      assert.equal(title.key, 'Title');
      assert.equal(title.name, 'Title');
      // The BOM is a character of the line: the key starts after it.
      assert.deepEqual(title.keyRange, range(0, 1, 0, 6));
      assert.equal(rating.value, 'T');
      assert.equal(doc.bodyStartLine, 3);
    });

    test('a byte order mark alone on the first line', () => {
      const doc = parsed('\uFEFF\nTitle: Low Tide\n\nBody.', eol);
      assert.equal(only(doc).line, 1);
    });

    test('tabs after the colon', () => {
      const doc = parsed('Rating:\tT\nTitle:\t\tLow Tide \t\n\nBody.', eol);
      const [rating, title] = fields(doc) as [Field, Field];
      assert.equal(rating.value, 'T');
      assert.deepEqual(rating.valueRange, range(0, 8, 0, 9));
      assert.equal(title.value, 'Low Tide');
      assert.deepEqual(title.valueRange, range(1, 8, 1, 16));
    });

    test('exact key, value and line ranges', () => {
      const doc = parsed('Title: The Lighthouse\nWord Count:  1,293  \n\nBody.', eol);
      const [title, wc] = fields(doc) as [Field, Field];
      assert.deepEqual(title.keyRange, range(0, 0, 0, 5));
      assert.deepEqual(title.valueRange, range(0, 7, 0, 21));
      assert.deepEqual(title.range, range(0, 0, 0, 21));
      assert.deepEqual(wc.keyRange, range(1, 0, 1, 10));
      assert.deepEqual(wc.valueRange, range(1, 13, 1, 18));
      assert.deepEqual(wc.range, range(1, 0, 1, 20));
      assert.equal(wc.value, '1,293');
    });

    test('an empty value is an empty range just after the colon', () => {
      const doc = parsed('Title: Low Tide\nRating:\nWarnings:   \n\nBody.', eol);
      const [, rating, warnings] = fields(doc) as [Field, Field, Field];
      assert.equal(rating.value, '');
      assert.deepEqual(rating.valueRange, range(1, 7, 1, 7));
      assert.equal(warnings.value, '');
      assert.equal(warnings.valueRange.start.character, warnings.valueRange.end.character);
    });

    test('a value that wraps onto continuation lines is joined, its range spanning them', () => {
      const doc = parsed(
        'Title: Low Tide\nSummary: Two keepers, one lamp,\n  and a storm that will not pass.\nDisclaimer: Not mine;\nno profit made.\nRating: T\n\nBody.',
        eol,
      );
      const [, summary, disclaimer, rating] = fields(doc) as [Field, Field, Field, Field];
      assert.equal(summary.value, 'Two keepers, one lamp, and a storm that will not pass.');
      assert.equal(summary.line, 1);
      assert.equal(summary.endLine, 2);
      assert.deepEqual(summary.valueRange, range(1, 9, 2, 33));
      assert.deepEqual(summary.range, range(1, 0, 2, 33));
      assert.equal(disclaimer.value, 'Not mine; no profit made.');
      assert.deepEqual(disclaimer.valueRange, range(3, 12, 4, 15));
      assert.equal(rating.line, 5);
      assert.equal(rating.value, 'T');
    });

    test('a wrapped line with a colon in its prose continues the value, not a new field', () => {
      const doc = parsed('Summary: She wanted one thing\nfrom him: the truth.\nMood: wistful\nrating: T\n\nBody.', eol);
      assert.deepEqual(
        fields(doc).map((f) => [f.key, f.name, f.value]),
        [
          ['Summary', 'Summary', 'She wanted one thing from him: the truth.'],
          ['Mood', null, 'wistful'],
          ['rating', 'Rating', 'T'],
        ],
      );
      assert.deepEqual(fields(doc)[0]?.valueRange, range(0, 9, 1, 20));
    });

    test('a value that starts on the line after its key', () => {
      const doc = parsed('Title: Low Tide\nSummary:\n    Two keepers and a lamp.\n\nBody.', eol);
      const summary = fields(doc)[1] as Field;
      assert.equal(summary.value, 'Two keepers and a lamp.');
      assert.deepEqual(summary.valueRange, range(2, 4, 2, 27));
    });

    test('list items of a field, with ranges, across continuation lines and every separator', () => {
      const doc = parsed('Warnings: Angst,  Major Character Death ,\n  Blood，Gore、Fluff\n\nBody.', eol);
      const items = listItems(doc, only(doc));
      assert.deepEqual(
        items.map((i) => [i.text, i.range]),
        [
          ['Angst', range(0, 10, 0, 15)],
          ['Major Character Death', range(0, 18, 0, 39)],
          ['Blood', range(1, 2, 1, 7)],
          ['Gore', range(1, 8, 1, 12)],
          ['Fluff', range(1, 13, 1, 18)],
        ],
      );
    });
  });

  describe(`where the header ends (${eolName})`, () => {
    test('at the first blank line', () => {
      const doc = parsed('Title: Low Tide\nRating: T\n\nAuthor: not a field, prose\n', eol);
      assert.equal(fields(doc).length, 2);
      assert.equal(doc.header?.terminatorLine, 2);
      assert.equal(doc.header?.separatorLine, null);
      assert.equal(doc.bodyStartLine, 3);
    });

    test('at end of file when there is no body', () => {
      const doc = parsed('Title: Low Tide\nRating: T', eol);
      assert.equal(doc.header?.terminatorLine, null);
      assert.equal(doc.bodyStartLine, 2);
      assert.deepEqual(doc.sections, []);
    });

    for (const sep of ['---', '***', '~~~', '===', '* * *', '___']) {
      test(`at a separator line ${sep} right under the fields`, () => {
        const doc = parsed(`Title: Low Tide\nRating: T\n${sep}\nThe lamp burned.\n`, eol);
        assert.equal(fields(doc).length, 2);
        assert.equal(doc.header?.terminatorLine, 2);
        assert.equal(doc.header?.separatorLine, 2);
        assert.equal(doc.bodyStartLine, 3);
        assert.deepEqual(
          doc.sections.map((s) => [s.kind, s.startLine]),
          [['opening', 3]],
        );
      });

      test(`at a blank line, with a separator ${sep} after it`, () => {
        const doc = parsed(`Title: Low Tide\n\n${sep}\n\nThe lamp burned.\n`, eol);
        assert.equal(doc.header?.terminatorLine, 1);
        assert.equal(doc.header?.separatorLine, 2);
        assert.equal(doc.bodyStartLine, 3);
        assert.deepEqual(
          doc.sections.map((s) => s.kind),
          ['opening'],
        );
      });
    }

    test('an opening rule line before the fields (front-matter style)', () => {
      const doc = parsed('---\nTitle: Low Tide\nRating: T\n---\n\nThe lamp burned.', eol);
      assert.equal(doc.header?.startLine, 0);
      assert.equal(fields(doc)[0]?.line, 1);
      assert.equal(doc.header?.separatorLine, 3);
      assert.equal(doc.bodyStartLine, 4);
    });

    test('blank lines before the header', () => {
      const doc = parsed('\n\nTitle: Low Tide\n\nBody.', eol);
      assert.equal(doc.header?.startLine, 2);
      assert.equal(only(doc).line, 2);
    });

    test('scene breaks in the body never end or move the header', () => {
      const doc = parsed('Title: Low Tide\nRating: T\n\nFirst.\n\n---\n\nSecond.\n* * *\nThird.\n~~~\nFourth.\n***\nFifth.\n', eol);
      assert.equal(fields(doc).length, 2);
      assert.equal(doc.header?.separatorLine, null);
      assert.equal(doc.bodyStartLine, 3);
      assert.deepEqual(
        doc.sections.map((s) => [s.kind, s.startLine, s.endLine, s.words.whitespace]),
        [
          ['opening', 3, 3, 1],
          ['scene', 5, 7, 1],
          ['scene', 8, 9, 1],
          ['scene', 10, 11, 1],
          ['scene', 12, 13, 1],
        ],
      );
    });
  });

  describe(`no header (${eolName})`, () => {
    test('a file with no Key: line at the top', () => {
      const doc = parsed('The lamp had not gone out in forty years.\n\nTitle: a word in the story\n', eol);
      assert.equal(doc.header, null);
      assert.equal(doc.bodyStartLine, 0);
      assert.equal(doc.sections[0]?.kind, 'opening');
    });

    test('a first line without a colon, even with fields under it', () => {
      const doc = parsed('Low Tide\nRating: T\nAuthor: Wren\n\nBody.', eol);
      assert.equal(doc.header, null);
    });

    test('prose that opens with "He said: no" is not a header', () => {
      for (const text of ['He said: no.\n\nThen he left.', 'He said: no, and that was that.\nShe left.', 'Then: the storm.\n']) {
        const doc = parsed(text, eol);
        assert.equal(doc.header, null, JSON.stringify(text));
        assert.equal(doc.bodyStartLine, 0);
      }
    });

    test('times and links are not keys', () => {
      for (const text of ['At 10:30 the lamp went out.\nRating: T', 'http://example.invalid/story\nRating: T']) {
        assert.equal(parsed(text, eol).header, null, JSON.stringify(text));
      }
    });

    test('an empty file and a blank one', () => {
      for (const text of ['', '\n\n  \n']) {
        const doc = parsed(text, eol);
        assert.equal(doc.header, null);
        assert.deepEqual(doc.sections, []);
        assert.equal(doc.trailerLine, null);
      }
    });
  });

  describe(`trailer (${eolName})`, () => {
    for (const trailer of ['The End', 'THE END.', '~fin~', 'Fin', 'TBC', 'TBC...', 'To be continued...', '- The End -', '*END*']) {
      test(`"${trailer}" as the last line`, () => {
        const doc = parsed(`Title: Low Tide\n\nThe lamp burned.\n\n${trailer}\n\n`, eol);
        assert.equal(doc.trailerLine, 4);
        // The trailer is no part of any section.
        assert.ok(doc.sections.every((s) => s.endLine < 4));
      });
    }

    test('a closing sentence is not a trailer', () => {
      for (const last of ['The end of the road was near.', 'Finally, the end.', 'It was the end']) {
        assert.equal(parsed(`Title: Low Tide\n\nThe lamp burned.\n${last}\n`, eol).trailerLine, null, last);
      }
    });

    test('"The End" in the middle of the story is not the trailer', () => {
      const doc = parsed('Title: Low Tide\n\nThe End\n\nBut it was not.\n', eol);
      assert.equal(doc.trailerLine, null);
    });
  });

  describe(`author's notes (${eolName})`, () => {
    test('note blocks run from A/N to the next blank line', () => {
      const doc = parsed("Title: Low Tide\n\nA/N: For my sister.\nShe knows why.\n\nThe lamp burned.\n\n(Author's note: thanks for reading!)\n\nThe End\n", eol);
      assert.deepEqual(doc.notes, [
        { startLine: 2, endLine: 3 },
        { startLine: 7, endLine: 7 },
      ]);
      assert.equal(doc.trailerLine, 9);
      // Notes are not story words.
      assert.equal(doc.sections.reduce((n, s) => n + s.words.whitespace, 0), 3);
    });

    test('an A/N line in the header is the Notes field, not a body note', () => {
      const doc = parsed('Title: Low Tide\nA/N: for my sister\n\nThe lamp burned.', eol);
      assert.equal(fields(doc)[1]?.name, 'Notes');
      assert.deepEqual(doc.notes, []);
    });
  });

  describe(`sections (${eolName})`, () => {
    test('chapter headings open sections named by their title', () => {
      const doc = parsed(
        'Title: Low Tide\n\nPrologue\nIt began at sea.\n\nChapter 1: Arrival\nThey came ashore.\n\n## The Storm\nRain, all night long.\n\nChapter Two\nMorning.\n\nEpilogue - After\nQuiet.\n',
        eol,
      );
      assert.deepEqual(
        doc.sections.map((s) => [s.kind, s.title, s.startLine, s.endLine, s.words.whitespace]),
        [
          ['chapter', 'Prologue', 2, 3, 4],
          ['chapter', 'Chapter 1: Arrival', 5, 6, 3],
          ['chapter', 'The Storm', 8, 9, 4],
          ['chapter', 'Chapter Two', 11, 12, 1],
          ['chapter', 'Epilogue - After', 14, 15, 1],
        ],
      );
    });

    test('text before the first break is the opening; breaks open scenes', () => {
      const doc = parsed('Title: Low Tide\n\nOne two three.\n\nxXx\n\nFour five.\n\n#\n\nSix.\n', eol);
      assert.deepEqual(
        doc.sections.map((s) => [s.kind, s.line, s.startLine, s.endLine, s.words.whitespace]),
        [
          ['opening', 2, 2, 2, 3],
          ['scene', 4, 4, 6, 2],
          ['scene', 8, 8, 10, 1],
        ],
      );
    });

    test('section words by both methods', () => {
      const doc = parsed("Title: Low Tide\n\nDon't stop -- the arm-rest.\n", eol);
      const s = doc.sections[0];
      assert.deepEqual(s?.words, { whitespace: 5, ao3: 4 });
    });

    test('a headerless story still has sections', () => {
      const doc = parsed('Chapter 1\nIt began.\n\n***\n\nIt ended.', eol);
      assert.deepEqual(
        doc.sections.map((s) => [s.kind, s.startLine, s.endLine]),
        [
          ['chapter', 0, 1],
          ['scene', 3, 5],
        ],
      );
    });
  });
}

describe('lookupField', () => {
  test('names the field of a key however it is written, or null', () => {
    assert.equal(lookupField('WARNING(S)')?.name, 'Warnings');
    assert.equal(lookupField('  Word   Count ')?.name, 'Word Count');
    assert.equal(lookupField('Author’s Notes')?.name, 'Notes');
    assert.equal(lookupField('Rating/Warnings')?.name, 'Rating');
    assert.equal(lookupField('Mood'), null);
    assert.equal(lookupField(''), null);
  });
});

// The third party's story beside the project: read by path, never copied.
const SAMPLE = join(__dirname, '..', '..', '..', '..', 'shared', 'samples', 'always-for-her.fic');

for (const { name: eolName, eol } of EOLS) {
  test(`the sample story's header and body (${eolName})`, () => {
    const doc = parsed(readFileSync(SAMPLE, 'utf8'), eol);
    assert.deepEqual(
      fields(doc).map((f) => f.name),
      ['Title', 'Author', 'Fandom', 'Characters', 'Rating', 'Prompt', 'Warnings', 'Word Count', 'Date', 'Disclaimer'],
    );
    assert.equal(fields(doc)[7]?.value, '1,293');
    assert.equal(doc.bodyStartLine, 11);
    assert.ok(doc.trailerLine !== null && /the end/i.test(doc.text.lineAt(doc.trailerLine)));
    assert.equal(doc.sections.reduce((n, s) => n + s.words.whitespace, 0), 1293);
  });
}
