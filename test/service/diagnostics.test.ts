// Diagnostics: each rule fires on a minimal header and stays silent on a correct one, in
// LF and CRLF. `[[...]]` in a fixture marks where a diagnostic is expected.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { Range } from '../../server/src/protocol';
import { DIAGNOSTIC_CODES } from '../../server/src/service/diagnostics/codes';
import { EOLS, service, source, STORY, withEol } from '../support/fixtures';

/** The text without its `[[ ]]` markers, and the range each pair marked. */
function marked(fixture: string, eol: string): { text: string; ranges: Range[] } {
  const lines = withEol(fixture, '\n').split('\n');
  const ranges: Range[] = [];
  const out = lines.map((line, n) => {
    let clean = '';
    let open: number | null = null;
    for (let i = 0; i < line.length; i++) {
      if (line.startsWith('[[', i)) {
        open = clean.length;
        i++;
      } else if (line.startsWith(']]', i) && open !== null) {
        ranges.push({ start: { line: n, character: open }, end: { line: n, character: clean.length } });
        open = null;
        i++;
      } else clean += line[i];
    }
    return clean;
  });
  return { text: out.join(eol), ranges };
}

/** A diagnostic whose message is plain text (ours always are). */
type Diag = Omit<Diagnostic, 'message'> & { message: string };

function diagnose(text: string, settings?: unknown): Diag[] {
  return service(settings)
    .diagnostics(source(text))
    .map((d) => ({ ...d, message: typeof d.message === 'string' ? d.message : d.message.value }));
}

function withCode(text: string, code: string, settings?: unknown): Diag[] {
  return diagnose(text, settings).filter((d) => d.code === code);
}

/** Body text of exactly n whitespace words (and as many AO3 words). */
function words(n: number): string {
  const pool = ['the', 'tide', 'came', 'in', 'slowly', 'over', 'grey', 'stones'];
  return Array.from({ length: n }, (_, i) => pool[i % pool.length]).join(' ');
}

const HEAD = ['Title: Salt', 'Author: Wren Marsh', 'Fandom: Original Work', 'Rating: General Audiences'];

/** A story with the required fields, the given extra header lines, and a body. */
function story(extra: string[], body = words(12)): string {
  return [...HEAD, ...extra, '', body, ''].join('\n');
}

/** Run `check` on a fixture in LF and CRLF: diagnostics with `code` must sit exactly on
 * the marked ranges. */
function expectAt(fixture: string, code: string, settings?: unknown): Diag[][] {
  return EOLS.map(({ eol }) => {
    const { text, ranges } = marked(fixture, eol);
    const found = withCode(text, code, settings);
    assert.deepEqual(
      found.map((d) => d.range),
      ranges,
      `${code} in ${JSON.stringify(text)}: ${JSON.stringify(found.map((d) => d.message))}`,
    );
    for (const d of found) assert.equal(d.source, 'fic');
    return found;
  });
}

describe('diagnostics: a correct header is silent', () => {
  for (const { name, eol } of EOLS) {
    it(`STORY has nothing above a hint (${name})`, () => {
      for (const method of ['whitespace', 'ao3']) {
        const loud = diagnose(withEol(STORY, eol), { wordCount: { method } }).filter((d) => d.severity !== DiagnosticSeverity.Hint);
        assert.deepEqual(loud, [], method);
      }
    });

    it(`a full, correct header has no diagnostics at all (${name})`, () => {
      const text = story(
        [
          'Pairing: Ada/Mae, Ada & Sam',
          'Warnings: Graphic Depictions Of Violence, Future AU, angst',
          'Category: F/F, Gen',
          'Status: Complete',
          'Chapter: 1/?',
          'Word Count: 12',
          'Date Written: 3 March 2024',
          'Posted: 4 March 2024',
          'Notes: For the exchange.',
          'End Notes: Thank you.',
        ],
        words(12),
      );
      assert.deepEqual(diagnose(withEol(text, eol)), []);
    });
  }

  it('an empty file and a blank file get nothing', () => {
    assert.deepEqual(diagnose(''), []);
    assert.deepEqual(diagnose('\n\n   \n'), []);
  });
});

describe('word-count-mismatch', () => {
  it('fires on the number inside the value and names both counts', () => {
    const [lf] = expectAt(story(['Word Count: [[1,293]] words'], words(12)), 'word-count-mismatch');
    assert.match(lf?.[0]?.message ?? '', /The Word Count says 1,293, but the story has 12 words \(counted as a word processor does\)\. Update it to 12\?/);
    assert.equal(lf?.[0]?.severity, DiagnosticSeverity.Warning);
  });

  it('is silent when the count agrees, exactly or within the rounding of an approximate value', () => {
    const agree: [string, number][] = [
      ['12', 12],
      ['1,293', 1293],
      ['1.293', 1293],
      ['~1,300', 1293],
      ['~1,300', 1349],
      ['1.3k', 1251],
      ['1300+', 1399],
      ['approx. 1300', 1310],
      ['1,293 words', 1293],
      ['100 (drabble)', 100],
    ];
    for (const [declared, n] of agree) {
      for (const { eol } of EOLS) {
        assert.deepEqual(withCode(withEol(story([`Word Count: ${declared}`], words(n)), eol), 'word-count-mismatch'), [], `${declared} for ${n}`);
      }
    }
  });

  it('fires outside the rounding', () => {
    const disagree: [string, number][] = [
      ['12', 13],
      ['~1,300', 1351],
      ['1.3k', 1351],
      ['1300+', 1400],
      ['1300+', 1299],
    ];
    for (const [declared, n] of disagree) {
      assert.equal(withCode(story([`Word Count: ${declared}`], words(n)), 'word-count-mismatch').length, 1, `${declared} for ${n}`);
    }
  });

  it('counts by the configured method', () => {
    // Whitespace: 6 words (`--` and `well-known` as written); AO3: 5.
    const body = "It's a well-known fact -- truly.";
    assert.equal(withCode(story(['Word Count: 6'], body), 'word-count-mismatch').length, 0);
    assert.equal(withCode(story(['Word Count: 5'], body), 'word-count-mismatch', { wordCount: { method: 'ao3' } }).length, 0);
    assert.equal(withCode(story(['Word Count: 7'], body), 'word-count-mismatch', { wordCount: { method: 'ao3' } }).length, 1);
  });
});

describe('word-count-other-method', () => {
  const body = "It's a well-known fact -- truly.";
  it("a count that is exactly the other method's is information, not a mismatch", () => {
    for (const found of expectAt(story(['Word Count: [[5]]'], body), 'word-count-other-method')) {
      assert.equal(found[0]?.severity, DiagnosticSeverity.Information);
      assert.equal(found[0]?.message, 'The Word Count, 5, is this story counted as AO3 does. Your stories are counted as a word processor does: 6 words. Count as AO3 does in this folder, or update the number.');
    }
    assert.deepEqual(withCode(story(['Word Count: 5'], body), 'word-count-mismatch'), []);
  });

  it('works the other way round', () => {
    const [found] = withCode(story(['Word Count: 6'], body), 'word-count-other-method', { wordCount: { method: 'ao3' } });
    assert.match(found?.message ?? '', /is this story counted as a word processor does\. Your stories are counted as AO3 does: 5 words\. Count as a word processor does in this folder/);
  });

  it('an approximate value is only judged by the configured method', () => {
    assert.deepEqual(withCode(story(['Word Count: 5+'], body), 'word-count-other-method'), []);
  });
});

describe('word-count-invalid', () => {
  it('fires on a value without a readable number and lists the formats', () => {
    for (const value of ['lots', '3.5', '1,29', '9'.repeat(400), 'TBD']) {
      const [found, ...more] = withCode(story([`Word Count: ${value}`]), 'word-count-invalid');
      assert.ok(found, value.slice(0, 20));
      assert.equal(more.length, 0);
      assert.match(found.message, /1,293, 1293, 1\.293, ~1,300, 1\.3k, 1300\+/);
    }
  });

  it('marks the whole value', () => {
    expectAt(story(['Wordcount: [[a lot]]']), 'word-count-invalid');
  });

  it('a named length alone is not invalid (length-mismatch judges it)', () => {
    assert.deepEqual(withCode(story(['Word Count: drabble'], words(100)), 'word-count-invalid'), []);
    assert.deepEqual(withCode(story(['Word Count: drabble'], words(100)), 'length-mismatch'), []);
  });

  it('an empty Word Count is empty-field, not invalid', () => {
    assert.deepEqual(withCode(story(['Word Count:']), 'word-count-invalid'), []);
    assert.equal(withCode(story(['Word Count:']), 'empty-field').length, 1);
  });
});

describe('length-mismatch', () => {
  it('a drabble that is not 100 words, named in any field', () => {
    const found = expectAt(
      ['Title: The Last [[Drabble]]', 'Author: Wren', 'Fandom: Original Work', 'Rating: G', 'Prompt: a [[double drabble]] for the fest', '', words(103), ''].join('\n'),
      'length-mismatch',
    );
    assert.equal(found[0]?.[0]?.message, 'A drabble is exactly 100 words; this story has 103 (counted as a word processor does).');
    assert.equal(found[0]?.[1]?.message, 'A double drabble is exactly 200 words; this story has 103 (counted as a word processor does).');
  });

  it('is silent at the exact length, and for words that merely contain the name', () => {
    assert.deepEqual(withCode(story(['Genre: drabble'], words(100)), 'length-mismatch'), []);
    assert.deepEqual(withCode(story(['Genre: double-drabble'], words(200)), 'length-mismatch'), []);
    assert.deepEqual(withCode(story(['Summary: She drabbled in paint.'], words(12)), 'length-mismatch'), []);
  });

  it('flags plural names too (a series of drabbles)', () => {
    expectAt(story(['Series: Tidal [[Drabbles]]'], words(12)), 'length-mismatch');
  });

  it('finds the name on a continuation line', () => {
    const text = ['Title: Salt', 'Author: Wren', 'Fandom: Original Work', 'Rating: G', 'Summary: A short piece,', '  a [[drabble]] really.', '', words(50), ''].join('\n');
    expectAt(text, 'length-mismatch');
  });
});

describe('unknown-rating and rating-conflict', () => {
  it('known labels, variants and combined values are silent', () => {
    for (const value of ['Explicit', 'explicit', 'PG13', 'PG-13', 'Teen and Up', 'Teen And Up Audiences', 'NC-17', 'K+', 'PG-13/T', 'T (PG-13)', 'Teen / PG-13', 'Teen - PG-13', 'FR13', 'G/A', 'T.', 'Not Rated', 'R for language', 'T (for violence)', 'Mature, mostly for later chapters', 'Teen And Up Audiences for some swearing']) {
      for (const { eol } of EOLS) {
        const text = withEol(['Title: Salt', 'Author: Wren', 'Fandom: Original Work', `Rating: ${value}`, '', words(5), ''].join('\n'), eol);
        const found = diagnose(text).filter((d) => d.code === 'unknown-rating' || d.code === 'rating-conflict');
        assert.deepEqual(found, [], value);
      }
    }
  });

  it('a near miss gets a did-you-mean on its own range', () => {
    const [lf] = expectAt('Title: Salt\nAuthor: Wren\nFandom: Original Work\nRating: [[Explict]]\n\nSea.\n', 'unknown-rating');
    assert.equal(lf?.[0]?.message, "Rating 'Explict' is not a known rating: did you mean 'Explicit'?");
  });

  it('an explanation does not excuse an unknown rating', () => {
    expectAt('Title: Salt\nAuthor: Wren\nFandom: Original Work\nRating: [[Spicy for language]]\n\nSea.\n', 'unknown-rating');
  });

  it('each unknown part of a combined rating gets its own diagnostic', () => {
    expectAt('Title: Salt\nAuthor: Wren\nFandom: Original Work\nRating: PG-13/[[Tean]] ([[Grown-ups]])\n\nSea.\n', 'unknown-rating');
  });

  it('an unknown rating without a near miss lists the ratings', () => {
    const [found] = withCode('Title: Salt\nAuthor: Wren\nFandom: Original Work\nRating: Spicy\n\nSea.\n', 'unknown-rating');
    assert.match(found?.message ?? '', /'Spicy' is not a known rating: use an AO3 rating \(General Audiences, Teen And Up Audiences/);
  });

  it('parts of different levels conflict, named with their levels', () => {
    const [lf] = expectAt('Title: Salt\nAuthor: Wren\nFandom: Original Work\nRating: [[G/M]]\n\nSea.\n', 'rating-conflict');
    assert.equal(lf?.[0]?.message, "Rating parts 'G' (general) and 'M' (mature) disagree: keep the one that fits, or combine ratings of the same level (such as PG-13/T).");
    assert.equal(withCode('Title: Salt\nRating: Teen - Mature\n\nSea.\n', 'rating-conflict').length, 1);
    assert.equal(withCode('Title: Salt\nRating: Not Rated / T\n\nSea.\n', 'rating-conflict').length, 0);
  });
});

describe('missing-field and header-missing', () => {
  for (const { name, eol } of EOLS) {
    it(`each required field missing is one warning on the header's first line (${name})`, () => {
      const text = withEol('Title: Salt\nRating: G\n\nSea.\n', eol);
      const found = withCode(text, 'missing-field');
      assert.deepEqual(
        found.map((d) => d.message),
        ['The header has no Author: add an Author line.', 'The header has no Fandom: add a Fandom line.'],
      );
      for (const d of found) assert.deepEqual(d.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 11 } });
    });
  }

  it('reads requiredFields case-insensitively and ignores names that are not fields', () => {
    const settings = { header: { requiredFields: ['word count', 'Bogus', 'TITLE'] } };
    const found = withCode('Title: Salt\nRating: G\n\nSea.\n', 'missing-field', settings);
    assert.deepEqual(
      found.map((d) => d.message),
      ['The header has no Word Count: add a Word Count line.'],
    );
    assert.deepEqual(withCode('Title: Salt\n\nSea.\n', 'missing-field', { header: { requiredFields: [] } }), []);
  });

  it('a field given under an alias is present', () => {
    assert.deepEqual(withCode('Story Title: Salt\nBy: Wren\nFandoms: Original Work\nRated: G\n\nSea.\n', 'missing-field'), []);
  });

  for (const { name, eol } of EOLS) {
    it(`a story with no header gets one header-missing instead (${name})`, () => {
      const text = withEol('The sea was grey.\nShe went in.\n', eol);
      const all = diagnose(text);
      assert.deepEqual(
        all.map((d) => d.code),
        ['header-missing'],
      );
      assert.equal(all[0]?.severity, DiagnosticSeverity.Information);
      assert.deepEqual(all[0]?.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 17 } });
      assert.match(all[0]?.message ?? '', /^This story has no header: add Title, Author, Fandom and Rating lines at the top/);
    });
  }

  it('no header-missing when nothing is required', () => {
    assert.deepEqual(diagnose('The sea was grey.\n', { header: { requiredFields: [] } }), []);
  });
});

describe('duplicate-field and empty-field', () => {
  it('the second of a field given twice, under any of its names', () => {
    const [lf] = expectAt('Title: Salt\nAuthor: Wren\nFandom: Original Work\nRating: G\n[[Rated]]: T\n[[Rating]]: G\n\nSea.\n', 'duplicate-field');
    assert.equal(lf?.[0]?.message, "'Rated' is another name for Rating, already given as 'Rating' (line 4): keep one and remove the other.");
    assert.equal(lf?.[1]?.message, 'Rating is given twice (line 4): keep one and remove the other.');
  });

  it('several dates and several notes are normal unless the same key repeats', () => {
    assert.deepEqual(withCode(story(['Date Written: May', 'Posted: June', 'Updated: July', 'Notes: a', 'End Notes: b']), 'duplicate-field'), []);
    assert.equal(withCode(story(['Posted: June', 'Posted: July']), 'duplicate-field').length, 1);
  });

  it('an empty value is flagged on its key', () => {
    const [lf] = expectAt(story(['[[Summary]]:', '[[Beta]]:   ']), 'empty-field');
    assert.equal(lf?.[0]?.message, 'Summary is empty: fill it in or remove the line.');
  });

  it('a value on the continuation line is not empty', () => {
    assert.deepEqual(withCode(story(['Summary:', '  She went to sea.']), 'empty-field'), []);
  });
});

describe('warnings', () => {
  it('No Archive Warnings Apply beside a specific warning conflicts', () => {
    const [lf] = expectAt(story(['Warnings: Angst, [[No Archive Warnings Apply]], Major Character Death']), 'warning-conflict');
    assert.match(lf?.[0]?.message ?? '', /'No Archive Warnings Apply' contradicts 'Major Character Death'/);
  });

  it('near misses and wrong case of an Archive Warning are information with the exact spelling', () => {
    const [lf] = expectAt(story(['Warning(s): [[Major character death]], [[Graphic Depiction of Violence]], [[Rape/Noncon]]']), 'unknown-warning');
    assert.equal(lf?.[0]?.severity, DiagnosticSeverity.Information);
    assert.equal(lf?.[0]?.message, "'Major character death' looks like the AO3 Archive Warning 'Major Character Death': AO3 needs its exact spelling.");
  });

  it('a misspelt No Archive Warnings Apply still conflicts', () => {
    assert.equal(withCode(story(['Warnings: no archive warnings apply, Underage Sex']), 'warning-conflict').length, 1);
  });

  it('free-form warnings are silent', () => {
    const text = story(['Warnings: Future AU, Character Deaths, angst, Violence, Underage, Creator Chose Not To Use Archive Warnings']);
    assert.deepEqual(diagnose(text), []);
  });
});

describe('unknown-field', () => {
  it('a near miss of a field name is a hint with a did-you-mean', () => {
    const [lf] = expectAt(story(['[[Ratng]]: G', '[[Sumary]]: Sea.']).replace('Rating: General Audiences\n', ''), 'unknown-field');
    assert.equal(lf?.[0]?.severity, DiagnosticSeverity.Hint);
    assert.equal(lf?.[0]?.message, "'Ratng' is not a field Fic Writer knows: did you mean 'Rating'?");
  });

  it('a key with no near miss is a hint that says it is not checked', () => {
    const [found] = withCode(story(['Mood: wistful']), 'unknown-field');
    assert.match(found?.message ?? '', /'Mood' is not a field Fic Writer knows, so it is not checked/);
  });
});

describe('category, status, chapter', () => {
  it('unknown categories, with did-you-mean where there is one', () => {
    const [lf] = expectAt(story(['Category: [[M/F]], F/F, [[gen]], [[Slash]], [[Harry Potter]]']), 'unknown-category');
    assert.deepEqual(
      lf?.map((d) => d.message),
      [
        "Category 'M/F' is not an AO3 category: did you mean 'F/M'?",
        "Category 'gen' is not an AO3 category: did you mean 'Gen'?",
        "Category 'Slash' is not an AO3 category: did you mean 'M/M'?",
        "Category 'Harry Potter' is not an AO3 category (F/F, F/M, Gen, M/M, Multi or Other). If it names the fandom, as on FFN, call the field Fandom.",
      ],
    );
  });

  it('statuses: known words are silent, others are hints', () => {
    for (const value of ['Complete', 'complete', 'WIP', 'In-Progress', 'Complete (one-shot)', 'On Hiatus', 'Complete!']) {
      assert.deepEqual(withCode(story([`Status: ${value}`]), 'unknown-status'), [], value);
    }
    const [lf] = expectAt(story(['Status: [[Compelte]]']), 'unknown-status');
    assert.equal(lf?.[0]?.severity, DiagnosticSeverity.Hint);
    assert.match(lf?.[0]?.message ?? '', /did you mean 'Complete'\?/);
    expectAt(story(['Status: [[whenever I feel like it]]']), 'unknown-status');
  });

  it('chapter values: N, N/M and N/? are fine; anything else or N > M is not', () => {
    for (const value of ['3', '3/10', '3/?', '10/10', '3 / 10']) assert.deepEqual(withCode(story([`Chapter: ${value}`]), 'chapter-format'), [], value);
    for (const value of ['5/3', 'three', '0/3', '2 of 3', '3/10 (final)', '1/0']) {
      assert.equal(withCode(story([`Chapters: ${value}`]), 'chapter-format').length, 1, value);
    }
    expectAt(story(['Chapter: [[5/3]]']), 'chapter-format');
    assert.match(withCode(story(['Chapter: 5/3']), 'chapter-format')[0]?.message ?? '', /chapter 5 is past the total of 3/);
  });
});

describe('ao3-limit', () => {
  it('says the limit and the actual length', () => {
    const title = 'T'.repeat(256);
    const [found] = withCode([`Title: ${title}`, 'Author: Wren', 'Fandom: Original Work', 'Rating: G', '', 'Sea.', ''].join('\n'), 'ao3-limit');
    assert.equal(found?.message, 'AO3 allows 255 characters in a Title; this one has 256. Shorten it before posting.');
    assert.equal(found?.severity, DiagnosticSeverity.Information);
    assert.deepEqual(withCode([`Title: ${'T'.repeat(255)}`, 'Author: Wren', 'Fandom: Original Work', 'Rating: G', '', 'Sea.', ''].join('\n'), 'ao3-limit'), []);
  });

  it('counts characters, not UTF-16 units', () => {
    assert.deepEqual(withCode(story([`Summary: ${'🌊'.repeat(1250)}`]), 'ao3-limit'), []);
    assert.equal(withCode(story([`Summary: ${'🌊'.repeat(1251)}`]), 'ao3-limit').length, 1);
  });

  it('summary, notes and each tag', () => {
    const long = 'x'.repeat(151);
    const found = expectAt(story([`Summary: [[${'s'.repeat(1251)}]]`, `Notes: [[${'n'.repeat(5001)}]]`, `Genre: Angst, [[${long}]], Fluff`]), 'ao3-limit');
    assert.deepEqual(
      found[0]?.map((d) => d.message),
      [
        'AO3 allows 1,250 characters in a Summary; this one has 1,251. Shorten it before posting.',
        'AO3 allows 5,000 characters in a Notes; this one has 5,001. Shorten it before posting.',
        `AO3 allows 150 characters in a tag; '${long.slice(0, 57)}...' has 151. Shorten it or split it with commas.`,
      ],
    );
  });

  it('a body past the chapter limit', () => {
    const line = 'abcdefghi '.repeat(100);
    const body = Array.from({ length: 511 }, () => line).join('\n');
    const [found] = withCode(story([], body), 'ao3-limit');
    assert.match(found?.message ?? '', /^AO3 allows 510,000 characters in a chapter; this body has 511,000\./);
    assert.equal(found?.range.start.line, HEAD.length + 1);
  });
});

describe('very long values', () => {
  it('100,000-character values are checked without suggestions and without failing', () => {
    const huge = 'Explict '.repeat(12500).trim();
    const text = story([`Summary: ${huge}`, `Warnings: ${huge}`, `Category: ${huge}`, `Status: ${huge}`, `Chapter: ${huge}`, `Word Count: ${huge}`, `Ratng: ${huge}`]).replace(
      'Rating: General Audiences',
      `Rating: ${huge}`,
    );
    const found = diagnose(text);
    const codes = new Set(found.map((d) => d.code));
    for (const code of ['unknown-rating', 'unknown-category', 'chapter-format', 'word-count-invalid', 'ao3-limit']) assert.ok(codes.has(code), code);
    for (const d of found) assert.ok(d.message.length < 400, `${String(d.code)} message is ${d.message.length} characters`);
  });
});

describe('levels', () => {
  it('fic.diagnostics.levels changes the severity, and off removes the rule', () => {
    const text = story(['Ratng: G', 'Word Count: 99']);
    assert.equal(withCode(text, 'unknown-field', { diagnostics: { levels: { 'unknown-field': 'error' } } })[0]?.severity, DiagnosticSeverity.Error);
    assert.equal(withCode(text, 'word-count-mismatch', { diagnostics: { levels: { 'word-count-mismatch': 'hint' } } })[0]?.severity, DiagnosticSeverity.Hint);
    assert.equal(withCode(text, 'word-count-mismatch', { diagnostics: { levels: { 'word-count-mismatch': 'information' } } })[0]?.severity, DiagnosticSeverity.Information);
    assert.deepEqual(withCode(text, 'unknown-field', { diagnostics: { levels: { 'unknown-field': 'off' } } }), []);
    assert.equal(withCode(text, 'word-count-mismatch', { diagnostics: { levels: { 'unknown-field': 'off' } } }).length, 1);
  });

  it('a level that is not a level falls back to the default', () => {
    const text = story(['Word Count: 99']);
    assert.equal(withCode(text, 'word-count-mismatch', { diagnostics: { levels: { 'word-count-mismatch': 'loud' } } })[0]?.severity, DiagnosticSeverity.Warning);
  });
});

describe('codes', () => {
  it('the codes are exactly the ones package.json declares for fic.diagnostics.levels', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { propertyNames?: { enum?: string[] } }> } };
    };
    const declared = manifest.contributes.configuration.properties['fic.diagnostics.levels']?.propertyNames?.enum ?? [];
    assert.deepEqual([...DIAGNOSTIC_CODES].sort(), [...declared].sort());
  });
});
