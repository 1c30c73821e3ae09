// Hover: fields, ratings across systems, warnings, and the Word Count line's figures.
// The cursor `|` marks the hovered character; every fixture runs with LF and CRLF.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import type { Position, Range } from '../../server/src/protocol';
import { cursor, EOLS, service, source, withEol } from '../support/fixtures';

function hoverAt(fixture: string, eol: string, settings?: unknown): Hover | null {
  const { text, position } = cursor(withEol(fixture, eol));
  return hoverText(text, position, settings);
}

function hoverText(text: string, position: Position, settings?: unknown): Hover | null {
  return service(settings).hover(source(text), position);
}

function markdownOf(h: Hover | null): string {
  assert.ok(h, 'expected a hover');
  const contents = h.contents as MarkupContent;
  assert.equal(contents.kind, 'markdown');
  return contents.value;
}

function range(l1: number, c1: number, l2: number, c2: number): Range {
  return { start: { line: l1, character: c1 }, end: { line: l2, character: c2 } };
}

const BODY = '\n\nThe lamp had not gone out in forty years.\n';

for (const { name: eolName, eol } of EOLS) {
  describe(`field keys (${eolName})`, () => {
    test('the canonical name, description and AO3 limit', () => {
      const h = hoverAt(`Ti|tle: Low Tide${BODY}`, eol);
      const md = markdownOf(h);
      assert.match(md, /^\*\*Title\*\*/);
      assert.ok(md.includes("The story's title."));
      assert.ok(md.includes('AO3 limit: 255 characters.'));
      assert.ok(!md.includes('another name'));
      assert.deepEqual(h?.range, range(0, 0, 0, 5));
    });

    test('an alias says what it is read as', () => {
      const h = hoverAt(`Title: Low Tide\nWarn|ing(s): Angst${BODY}`, eol);
      const md = markdownOf(h);
      assert.ok(md.includes('“Warning(s)” is another name for Warnings.'));
      assert.ok(md.includes('AO3 requires at least one Archive Warning'));
      assert.ok(!md.includes('AO3 limit'));
      assert.deepEqual(h?.range, range(1, 0, 1, 10));
    });

    test('a combined key', () => {
      assert.ok(markdownOf(hoverAt(`Character/Pai|ring: Ada/Mae${BODY}`, eol)).includes('“Character/Pairing” is another name for Characters.'));
    });

    test('a bold key: the range is the key without its markers', () => {
      assert.deepEqual(hoverAt(`**Sum|mary:** Two keepers.${BODY}`, eol)?.range, range(0, 2, 0, 9));
    });

    test('an unknown key, and free-text values, have no hover', () => {
      assert.equal(hoverAt(`Title: Low Tide\nMo|od: wistful${BODY}`, eol), null);
      assert.equal(hoverAt(`Title: Low T|ide${BODY}`, eol), null);
    });
  });

  describe(`ratings (${eolName})`, () => {
    test('a rating: its system, description and every equivalent', () => {
      const h = hoverAt(`Rating: |T${BODY}`, eol);
      const md = markdownOf(h);
      assert.match(md, /^\*\*T\*\*: FFN rating/);
      assert.ok(md.includes('ages 13 and up'));
      assert.ok(md.includes('| AO3 | Teen And Up Audiences |'));
      assert.ok(md.includes('| FFN | **T** |'));
      assert.ok(md.includes('| MPAA-style | PG-13 |'));
      assert.ok(md.includes('| Fan Rating System | FRT |'));
      assert.deepEqual(h?.range, range(0, 8, 0, 9));
    });

    test('one part of a combined value', () => {
      const pg = hoverAt(`Rating: P|G-13/T${BODY}`, eol);
      assert.match(markdownOf(pg), /^\*\*PG-13\*\*: MPAA-style rating/);
      assert.deepEqual(pg?.range, range(0, 8, 0, 13));
      const t = hoverAt(`Rating: PG-13/|T${BODY}`, eol);
      assert.match(markdownOf(t), /^\*\*T\*\*: FFN rating/);
      assert.deepEqual(t?.range, range(0, 14, 0, 15));
      const paren = hoverAt(`Rating: T (PG|-13)${BODY}`, eol);
      assert.deepEqual(paren?.range, range(0, 11, 0, 16));
    });

    test('a variant spelling says what it is read as', () => {
      const h = hoverAt(`Rating: Teen / PG|13${BODY}`, eol);
      const md = markdownOf(h);
      assert.ok(md.includes('“PG13” means PG-13.'));
      assert.deepEqual(h?.range, range(0, 15, 0, 19));
    });

    test('several ratings of one level in a system are all listed', () => {
      const md = markdownOf(hoverAt(`Rating: Gen|eral Audiences${BODY}`, eol));
      assert.ok(md.includes('| FFN | K, K+ |'));
      assert.ok(md.includes('| MPAA-style | G, PG |'));
      assert.ok(md.includes('| AO3 | **General Audiences** |'));
    });

    test('Not Rated has no equivalent', () => {
      assert.ok(markdownOf(hoverAt(`Rating: Not |Rated${BODY}`, eol)).includes('No other system has an equivalent.'));
    });

    test('a value that is no rating has no hover', () => {
      assert.equal(hoverAt(`Rating: PG-|14${BODY}`, eol), null);
    });
  });

  describe(`warnings, categories, statuses (${eolName})`, () => {
    test('an Archive Warning, a free-form one, and a misspelled Archive Warning', () => {
      const fixture = 'Warnings: Major Character Death, angst, graphic depictions of violence';
      const archive = hoverAt(`Warnings: Major Char|acter Death, angst, graphic depictions of violence${BODY}`, eol);
      assert.match(markdownOf(archive), /^\*\*Major Character Death\*\*: AO3 Archive Warning/);
      assert.deepEqual(archive?.range, range(0, 10, 0, 31));
      const free = hoverAt(`Warnings: Major Character Death, an|gst, graphic depictions of violence${BODY}`, eol);
      assert.match(markdownOf(free), /^\*\*angst\*\*: free-form warning/);
      assert.deepEqual(free?.range, range(0, 33, 0, 38));
      const loose = hoverAt(`${fixture.replace('graphic', 'gra|phic')}${BODY}`, eol);
      assert.ok(markdownOf(loose).includes('write “Graphic Depictions Of Violence”'));
    });

    test('a warning on a continuation line', () => {
      const h = hoverAt(`Warnings: Angst,\n  Rape/Non|-Con\n${BODY}`, eol);
      assert.match(markdownOf(h), /AO3 Archive Warning/);
      assert.deepEqual(h?.range, range(1, 2, 1, 14));
    });

    test('categories', () => {
      assert.ok(markdownOf(hoverAt(`Category: F|/M, Slash${BODY}`, eol)).includes('Female/male relationships.'));
      assert.ok(markdownOf(hoverAt(`Category: F/M, Sla|sh${BODY}`, eol)).includes("not one of AO3's categories"));
    });

    test('statuses', () => {
      const md = markdownOf(hoverAt(`Status: ongo|ing${BODY}`, eol));
      assert.ok(md.includes('“ongoing” means WIP.'));
    });
  });

  describe(`word count (${eolName})`, () => {
    const story = "Title: Low Tide\nWords: 5\n\nA/N: for my sister\n\nDon't stop -- the arm-rest.\n\nThe End\n";

    test('on the key: both methods, the configured one marked, and what was left out', () => {
      const h = hoverAt(story.replace('Words', 'Wo|rds'), eol);
      const md = markdownOf(h);
      assert.ok(md.includes('“Words” is another name for Word Count.'));
      assert.ok(md.includes('| **As a word processor counts (your count)** | 5 |'));
      assert.ok(md.includes('| As AO3 counts | 4 |'));
      assert.ok(md.includes('The header says “5”: 5. That agrees with your count.'));
      assert.ok(md.includes('Not counted: the header (5), the closing line “The End” (2), author\'s notes (4), scene breaks and chapter headings.'), md);
      assert.deepEqual(h?.range, range(1, 0, 1, 5));
    });

    test('on the value, with the AO3 method configured', () => {
      const h = hoverAt(story.replace('Words: 5', 'Words: |5'), eol, { wordCount: { method: 'ao3' } });
      const md = markdownOf(h);
      assert.ok(md.includes('| As a word processor counts | 5 |'));
      assert.ok(md.includes('| **As AO3 counts (your count)** | 4 |'));
      assert.ok(md.includes('Your count is 4.'));
      assert.deepEqual(h?.range, range(1, 7, 1, 8));
    });

    test('an approximate and an unreadable declared count', () => {
      assert.ok(markdownOf(hoverAt(`Word Count: ~1.3|k${BODY}`, eol)).includes('The header says “\\~1.3k”: about 1,300 (anything from 1,250 to 1,350 agrees). Your count is 9.'));
      assert.ok(markdownOf(hoverAt(`Word Count: TB|D${BODY}`, eol)).includes('“TBD”, which has no number in it to check'));
    });
  });

  describe(`no hover (${eolName})`, () => {
    test('in the body, even on a line that looks like a field', () => {
      assert.equal(hoverAt(`Title: Low Tide\n\nRa|ting: T\n`, eol), null);
      assert.equal(hoverAt(`The lamp burned.\n\nRa|ting: T\n`, eol), null);
      assert.equal(hoverAt(`Title: Low Tide\n\nThe la|mp.\n`, eol), null);
    });

    test('positions out of range are clamped, never thrown on', () => {
      const text = withEol(`Rating: T\n`, eol);
      assert.equal(hoverText(text, { line: 99, character: 99 }), null);
      assert.ok(hoverText(text, { line: -1, character: -5 })?.range);
    });
  });
}

test('the sample story: AO3 shows 1,289 where the header says 1,293', () => {
  // The third party's story beside the project: read by path, never copied.
  const text = readFileSync(join(__dirname, '..', '..', '..', '..', 'shared', 'samples', 'always-for-her.fic'), 'utf8');
  const line = text.split(/\r?\n/).findIndex((l) => l.startsWith('Word Count:'));
  const md = markdownOf(hoverText(text, { line, character: 14 }));
  assert.ok(md.includes('| **As a word processor counts (your count)** | 1,293 |'));
  assert.ok(md.includes('| As AO3 counts | 1,289 |'));
  assert.ok(md.includes('That agrees with your count.'));
});
