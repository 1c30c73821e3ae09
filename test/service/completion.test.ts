// Completion: field names and values in the header, silence in the body. Each fixture marks
// the cursor with `|` and runs with LF and CRLF; accepting a suggestion is checked by
// applying its edit and reading the line the writer would see.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import type { Position } from '../../server/src/protocol';
import { ARCHIVE_WARNINGS, FIELDS, FREEFORM_WARNINGS, RATINGS } from '../../server/src/service/catalog';
import { complete } from '../../server/src/service/features/completion';
import { FicText } from '../../server/src/service/text/text';
import { DEFAULT_SETTINGS } from '../../server/src/protocol';
import { cursor, EOLS, service, source, withEol } from '../support/fixtures';

function completeAt(fixture: string, eol: string, settings?: unknown) {
  const { text, position } = cursor(withEol(fixture, eol));
  return completeText(text, position, settings);
}

function completeText(text: string, position: Position, settings?: unknown) {
  const list = service(settings).completion(source(text), position);
  const item = (label: string): CompletionItem => {
    const found = list.items.find((i) => i.label === label);
    assert.ok(found, `no '${label}' among ${JSON.stringify(list.items.map((i) => i.label))}`);
    return found;
  };
  return {
    list,
    labels: list.items.map((i) => i.label),
    item,
    /** The document after accepting the suggestion. */
    accept(label: string): string {
      const edit = item(label).textEdit as TextEdit;
      assert.ok(edit && 'range' in edit, 'every suggestion carries a text edit');
      const t = new FicText(text);
      t.applyChange({ range: edit.range, text: edit.newText });
      return t.getText();
    },
    /** What the editor filters on: the text from the edit's start to the cursor. */
    typed(label: string): string {
      const edit = item(label).textEdit as TextEdit;
      assert.equal(edit.range.start.line, position.line);
      return new FicText(text).lineAt(position.line).slice(edit.range.start.character, position.character);
    },
  };
}

/** The items in the order the editor shows them before filtering. */
function sorted(items: CompletionItem[]): string[] {
  return [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((i) => i.label);
}

const FIELD_NAMES = FIELDS.map((f) => f.name);
const BODY = '\n\nThe lamp had not gone out in forty years.\n';

for (const { name: eolName, eol } of EOLS) {
  const w = (s: string) => withEol(s, eol);

  describe(`field names (${eolName})`, () => {
    test('an empty file offers every field, each inserting `Name: `', () => {
      const c = completeAt('|', eol);
      assert.deepEqual([...c.labels].sort(), [...FIELD_NAMES].sort());
      assert.equal(c.accept('Rating'), 'Rating: ');
      assert.equal(c.accept('Word Count'), 'Word Count: ');
    });

    test('an empty first line above the story offers fields', () => {
      const c = completeAt('|\nThe lamp had not gone out.', eol);
      assert.equal(c.accept('Title'), w('Title: \nThe lamp had not gone out.'));
    });

    test('a partial key replaces what was typed, and the filter sees it', () => {
      const c = completeAt(`Rat|${BODY}`, eol);
      assert.equal(c.typed('Rating'), 'Rat');
      assert.ok(c.item('Rating').filterText?.toLowerCase().includes('rat'));
      assert.equal(c.accept('Rating'), w(`Rating: ${BODY}`));
    });

    test('a partial key on a new line under the header', () => {
      const c = completeAt(`Title: Low Tide\nWar|${BODY}`, eol);
      assert.equal(c.accept('Warnings'), w(`Title: Low Tide\nWarnings: ${BODY}`));
    });

    test('a partial key in the middle of its word replaces the whole word', () => {
      const c = completeAt(`Title: Low Tide\nRat|in${BODY}`, eol);
      assert.equal(c.accept('Rating'), w(`Title: Low Tide\nRating: ${BODY}`));
    });

    test('a partial key inside Markdown bold keeps the markers', () => {
      const c = completeAt(`**Ti|${BODY}`, eol);
      assert.equal(c.typed('Title'), 'Ti');
      assert.equal(c.accept('Title'), w(`**Title: ${BODY}`));
    });

    test('aliases find their canonical field through the filter text', () => {
      const c = completeAt(`Title: Low Tide\nRelation|${BODY}`, eol);
      assert.match(c.item('Pairing').filterText ?? '', /relationship/i);
      assert.equal(c.accept('Pairing'), w(`Title: Low Tide\nPairing: ${BODY}`));
    });

    test('fields the header lacks come first; present ones say so', () => {
      const c = completeAt(`Title: Low Tide\nRating: T\n|${BODY}`, eol);
      const order = sorted(c.list.items);
      assert.deepEqual(order.slice(-2), ['Title', 'Rating']);
      assert.equal(order[0], 'Chapter Title');
      assert.equal(c.item('Title').detail, 'already in the header');
      assert.equal(c.item('Author').detail, undefined);
    });

    test('each field is documented with its description', () => {
      const c = completeAt('|', eol);
      for (const info of FIELDS) {
        const doc = c.item(info.name).documentation;
        assert.ok(doc && typeof doc === 'object' && doc.value.includes(info.description), info.name);
      }
    });

    test('choosing a field with values asks the editor for them', () => {
      const c = completeAt('Rat|', eol);
      assert.equal(c.item('Rating').command?.command, 'editor.action.triggerSuggest');
      assert.equal(c.item('Title').command, undefined);
    });

    test('in the key of an existing line only the key is swapped', () => {
      const c = completeAt(`Rat|ing: T\nTitle: Low Tide${BODY}`, eol);
      assert.equal(c.typed('Rating'), 'Rat');
      assert.equal(c.accept('Rating'), w(`Rating: T\nTitle: Low Tide${BODY}`));
      // The line being edited does not count as already present.
      assert.equal(c.item('Rating').detail, undefined);
      assert.equal(c.item('Title').detail, 'already in the header');
    });

    test('every edit range contains the cursor, even in bold markers', () => {
      for (const fixture of [`|**Rating:** T${BODY}`, `*|*Rating:** T${BODY}`, `**|Rating:** T${BODY}`, `**Rating|:** T${BODY}`, `**Rating:*|* T${BODY}`]) {
        const { text, position } = cursor(withEol(fixture, eol));
        for (const item of completeText(text, position).list.items) {
          const r = (item.textEdit as TextEdit).range;
          assert.ok(r.start.character <= position.character && position.character <= r.end.character, `${fixture}: ${item.label} ${JSON.stringify(r)}`);
        }
      }
      assert.ok(completeAt(`**Rat|ing:** T${BODY}`, eol).labels.includes('Rating'));
    });

    test('a header being started: every line above is a Key: line', () => {
      const c = completeAt(`Mood: wistful\nFan|${BODY}`, eol);
      assert.equal(c.accept('Fandom'), w(`Mood: wistful\nFandom: ${BODY}`));
    });
  });

  describe(`ratings (${eolName})`, () => {
    test('every rating of every system, AO3 tags first', () => {
      const c = completeAt(`Title: Low Tide\nRating: |${BODY}`, eol);
      assert.deepEqual([...c.labels].sort(), RATINGS.map((r) => r.label).sort());
      assert.deepEqual(sorted(c.list.items).slice(0, 5), ['General Audiences', 'Teen And Up Audiences', 'Mature', 'Explicit', 'Not Rated']);
    });

    test('detail names the system and the equivalents in the others', () => {
      const c = completeAt('Rating: |', eol);
      assert.equal(c.item('T').detail, 'T — FFN; ≈ PG-13, Teen And Up Audiences, FRT');
      assert.equal(c.item('Mature').detail, 'Mature — AO3; ≈ M, R, FRM');
      assert.equal(c.item('K').detail, 'K — FFN; ≈ G, PG, General Audiences, FRC');
      assert.match(c.item('Not Rated').detail ?? '', /no equivalent/);
      const doc = c.item('MA').documentation;
      assert.ok(doc && typeof doc === 'object' && doc.value.includes('does not accept MA'));
    });

    test('an empty value right after the space', () => {
      const c = completeAt(`Rating: |${BODY}`, eol);
      assert.equal(c.accept('Explicit'), w(`Rating: Explicit${BODY}`));
    });

    test('right after the colon, a space is inserted too', () => {
      const c = completeAt(`Rating:|${BODY}`, eol);
      assert.equal(c.accept('Explicit'), w(`Rating: Explicit${BODY}`));
    });

    test('opened by the colon, the list is filtered from the colon: the space typed next keeps every rating', () => {
      // The space is no trigger character (a writer types one every few keys in the body),
      // so the list the colon opened must survive it: the editor filters on " ", then " T".
      const c = completeAt(`Rating:|${BODY}`, eol);
      for (const label of c.labels) assert.equal(c.item(label).filterText, ` ${label}`, label);
    });

    test('a partial word is replaced, filtered from where it starts', () => {
      const c = completeAt(`Rating: Exp|${BODY}`, eol);
      assert.equal(c.typed('Explicit'), 'Exp');
      assert.equal(c.item('Explicit').filterText, 'Explicit');
      assert.equal(c.accept('Explicit'), w(`Rating: Explicit${BODY}`));
    });

    test('a word with more after the cursor is replaced whole', () => {
      const c = completeAt(`Rating: Ma|ture${BODY}`, eol);
      assert.equal(c.accept('Mature'), w(`Rating: Mature${BODY}`));
    });

    test('one part of a combined rating', () => {
      assert.equal(completeAt(`Rating: PG-13/|${BODY}`, eol).accept('T'), w(`Rating: PG-13/T${BODY}`));
      assert.equal(completeAt(`Rating: T (P|)${BODY}`, eol).accept('PG-13'), w(`Rating: T (PG-13)${BODY}`));
    });

    test('Markdown bold and aliases of the key', () => {
      assert.equal(completeAt(`**Rating:** |${BODY}`, eol).accept('M'), w(`**Rating:** M${BODY}`));
      assert.equal(completeAt(`**Rating:**|${BODY}`, eol).accept('M'), w(`**Rating:** M${BODY}`));
      assert.equal(completeAt(`Rated: |${BODY}`, eol).accept('R'), w(`Rated: R${BODY}`));
    });
  });

  describe(`warnings (${eolName})`, () => {
    test('Archive Warnings spelled exactly, then free-form ones', () => {
      const c = completeAt(`Warnings: |${BODY}`, eol);
      const order = sorted(c.list.items);
      // The tag AO3 shows as "Creator Chose Not To Use ..." is one entry under the form's name.
      const archive = ARCHIVE_WARNINGS.map((x) => x.label).filter((l) => l !== 'Creator Chose Not To Use Archive Warnings');
      assert.deepEqual(order.slice(0, archive.length), archive);
      assert.deepEqual(order.slice(archive.length), [...FREEFORM_WARNINGS]);
      assert.equal(c.item('Rape/Non-Con').detail, 'AO3 Archive Warning');
      assert.equal(c.item('Angst').detail, 'free-form warning');
    });

    test('after a comma: items already there are not offered again', () => {
      const c = completeAt(`Title: Low Tide\nWarnings: Major Character Death, Angst, |${BODY}`, eol);
      assert.ok(!c.labels.includes('Major Character Death'));
      assert.ok(!c.labels.includes('Angst'));
      assert.equal(c.accept('Underage Sex'), w(`Title: Low Tide\nWarnings: Major Character Death, Angst, Underage Sex${BODY}`));
    });

    test('after a specific Archive Warning, No Archive Warnings Apply (a contradiction) is not offered', () => {
      const c = completeAt(`Title: Low Tide\nWarnings: Major Character Death, |${BODY}`, eol);
      assert.ok(!c.labels.includes('No Archive Warnings Apply'));
      assert.ok(c.labels.includes('Graphic Depictions Of Violence'));
      assert.ok(completeAt(`Title: Low Tide\nWarnings: Angst, |${BODY}`, eol).labels.includes('No Archive Warnings Apply'));
    });

    test('right after a comma, a space is inserted', () => {
      const c = completeAt(`Warnings: Angst,|${BODY}`, eol);
      assert.equal(c.accept('Gore'), w(`Warnings: Angst, Gore${BODY}`));
    });

    test('the item under the cursor is what gets replaced', () => {
      const c = completeAt(`Warnings: Angst,  Gra|ph, Blood${BODY}`, eol);
      assert.equal(c.typed('Graphic Depictions Of Violence'), 'Gra');
      assert.ok(!c.labels.includes('Blood'));
      assert.ok(c.labels.includes('Gore'));
      assert.equal(c.accept('Graphic Depictions Of Violence'), w(`Warnings: Angst,  Graphic Depictions Of Violence, Blood${BODY}`));
    });

    test('the item being typed is offered even if it matches fully', () => {
      const c = completeAt(`Warnings: Angst, Blood|${BODY}`, eol);
      assert.ok(c.labels.includes('Blood'));
      assert.ok(!c.labels.includes('Angst'));
    });

    test('a list carried onto a continuation line', () => {
      const c = completeAt(`Warnings: Blood,\n  Angst, |\nRating: T${BODY}`, eol);
      assert.ok(!c.labels.includes('Blood'));
      assert.ok(!c.labels.includes('Angst'));
      assert.equal(c.accept('Gore'), w(`Warnings: Blood,\n  Angst, Gore\nRating: T${BODY}`));
    });

    test('either spelling of "chose not to warn" rules out both', () => {
      const c = completeAt(`Warnings: Creator Chose Not To Use Archive Warnings, |${BODY}`, eol);
      assert.ok(!c.labels.includes('Choose Not To Use Archive Warnings'));
      assert.ok(!c.labels.includes('Creator Chose Not To Use Archive Warnings'));
    });

    test('one entry for the tag AO3 writes under two names, found by either', () => {
      const c = completeAt(`Warnings: |${BODY}`, eol);
      assert.equal(c.labels.filter((l) => /Chose Not To Use|Choose Not To Use/.test(l)).length, 1);
      assert.ok(c.labels.includes('Choose Not To Use Archive Warnings'));
      const item = c.item('Choose Not To Use Archive Warnings');
      assert.match(item.filterText ?? '', /Creator Chose Not To Use Archive Warnings/);
    });

    test('full-width separators split items as AO3 does', () => {
      const c = completeAt(`Warnings: Angst，|${BODY}`, eol);
      assert.ok(!c.labels.includes('Angst'));
      assert.equal(c.accept('Gore'), w(`Warnings: Angst，Gore${BODY}`));
    });
  });

  describe(`other values (${eolName})`, () => {
    test('categories, comma-aware', () => {
      const c = completeAt(`Category: F/M, |${BODY}`, eol);
      assert.deepEqual([...c.labels].sort(), ['F/F', 'Gen', 'M/M', 'Multi', 'Other']);
      assert.equal(c.accept('Gen'), w(`Category: F/M, Gen${BODY}`));
    });

    test('statuses', () => {
      const c = completeAt(`Status: W|${BODY}`, eol);
      assert.ok(c.labels.includes('Complete') && c.labels.includes('WIP') && c.labels.includes('In-Progress'));
      assert.equal(c.accept('WIP'), w(`Status: WIP${BODY}`));
    });

    test('chapter', () => {
      const c = completeAt(`Chapter: |${BODY}`, eol);
      assert.deepEqual(c.labels, ['1/1', '1/?']);
      assert.equal(c.accept('1/?'), w(`Chapter: 1/?${BODY}`));
    });

    test('word count: the body count now, by the configured method', () => {
      const story = "Title: Low Tide\nWord Count: |\n\nDon't stop -- the arm-rest.\n\nThe End\n";
      assert.deepEqual(completeAt(story, eol).labels, ['5']);
      assert.deepEqual(completeAt(story, eol, { wordCount: { method: 'ao3' } }).labels, ['4']);
    });

    test('word count: formatted, replacing whatever was there', () => {
      const body = Array.from({ length: 1234 }, (_, i) => `w${i}`).join(' ');
      const c = completeAt(`Word Count: ~1.3k|\n\n${body}\n`, eol);
      assert.deepEqual(c.labels, ['1,234']);
      // The editor filters on `~1.3k`: the one suggestion must get through.
      assert.ok(c.item('1,234').filterText?.startsWith('~1.3k'));
      assert.equal(c.accept('1,234'), w(`Word Count: 1,234\n\n${body}\n`));
    });

    test('free-text fields offer nothing', () => {
      for (const fixture of [`Title: |${BODY}`, `Author: Wr|${BODY}`, `Summary: Two keepers|${BODY}`, `Mood: |${BODY}`]) {
        assert.deepEqual(completeAt(fixture, eol).labels, [], fixture);
      }
    });
  });

  describe(`never in the body (${eolName})`, () => {
    const cases = [
      'Title: Low Tide\n\nShe said: |',
      'Title: Low Tide\n\nRating: |',
      'Title: Low Tide\n\nRat|',
      'Title: Low Tide\n\n|',
      'Title: Low Tide\n\nThe radio, |crackled.',
      'Title: Low Tide\n---\nWarnings: |',
      'The lamp burned.\n\nRat|',
      'The lamp burned.\nRating: |',
      'It was|',
      'He said: |',
      'He sa|id: no',
      'Then he said: no\nRat|',
      'Title: Low Tide\nSummary: Two keepers\nand a lamp|\n\nBody.',
      'Title: Low Tide\n  wrapped value Rat|\n\nBody.',
    ];
    for (const fixture of cases) {
      test(JSON.stringify(fixture), () => {
        assert.deepEqual(completeAt(fixture, eol).labels, []);
      });
    }
  });

  describe(`positions (${eolName})`, () => {
    test('positions out of range are clamped', () => {
      const text = w('Title: Low Tide\nRating: ');
      // Past the end: the end of the last line.
      assert.ok(completeText(text, { line: 999, character: 999 }).labels.includes('Explicit'));
      assert.ok(completeText(text, { line: 1, character: 999 }).labels.includes('Explicit'));
      // Before the start: the start of the first line, in the key.
      const c = completeText(text, { line: -3, character: -1 });
      assert.ok(c.labels.includes('Title'));
      assert.deepEqual((c.item('Title').textEdit as TextEdit).range, { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } });
    });
  });
}

describe('cost', () => {
  test('completion reads the header and the cursor line, not the body', () => {
    const body = Array.from({ length: 50_000 }, (_, i) => `Line ${i} of the story: it goes on.`).join('\n');
    const cases = [
      { text: `Title: Low Tide\nRating: T\n\n${body}`, position: { line: 40_000, character: 10 } },
      { text: `Title: Low Tide\nRating: \n\n${body}`, position: { line: 1, character: 8 } },
      { text: `Title: Low Tide\nWarnings: Angst, \n\n${body}`, position: { line: 1, character: 17 } },
      { text: `Title: Low Tide\nWord Count: \n\n${body}`, position: { line: 1, character: 12 } },
      { text: `The lamp burned.\n${body}`, position: { line: 40_000, character: 10 } },
    ];
    for (const { text, position } of cases) {
      const doc = source(text).document();
      let reads = 0;
      const lineAt = doc.text.lineAt.bind(doc.text);
      doc.text.lineAt = (line: number) => {
        reads++;
        return lineAt(line);
      };
      complete(doc, position, DEFAULT_SETTINGS);
      assert.ok(reads < 50, `${reads} lines read for a completion at ${JSON.stringify(position)}`);
    }
  });
});
