// Scene breaks are furniture and selections follow the total's rules (issue 8): a
// selection never counts more than the figure it is "of", and the outline's sections add
// up to the total, by both methods, whatever the story holds.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { DocumentSymbol } from 'vscode-languageserver-types';
import type { CountMethod, Range } from '../../server/src/protocol';
import { EOLS, service, source, withEol } from '../support/fixtures';

const METHODS: CountMethod[] = ['whitespace', 'ao3'];
const HEADER = ['Title: Salt and Lamplight', 'Author: Wren Marsh', 'Rating: General Audiences', 'Word Count: 9', ''].join('\n');
const BREAKS = ['***', '* * *', '~~~', '---', 'ooo', 'xXx', '#', '   #   ', 'o0o', '-o-', '~*~', '___', '==='];

function whole(text: string): Range {
  const ls = text.split(/\r\n|\r|\n/);
  return { start: { line: 0, character: 0 }, end: { line: ls.length - 1, character: (ls[ls.length - 1] as string).length } };
}

/** The number in an outline detail (`1,234 words`). */
function detailWords(s: DocumentSymbol): number {
  const m = /^([\d,]+) words?$/.exec(s.detail ?? '');
  assert.ok(m, `detail ${JSON.stringify(s.detail)} of ${s.name} is not a word count`);
  return Number((m[1] as string).replace(/,/g, ''));
}

describe('scene breaks are furniture', () => {
  for (const { name, eol } of EOLS) {
    for (const method of METHODS) {
      for (const brk of BREAKS) {
        it(`${name}, ${method}: ${JSON.stringify(brk)} counts nothing, and the outline adds up`, () => {
          const text = withEol(`${HEADER}\nThe lamp burned all night.\n\n${brk}\n\nShe didn't sleep, not once.\n\nThe End\n`, eol);
          const svc = service({ wordCount: { method } });
          const src = source(text);
          const stats = svc.stats(src, [whole(text)]);
          const expected = method === 'ao3' ? 5 + 5 : 5 + 5;
          assert.equal(stats.words, expected);
          assert.equal(stats.wordsByMethod.whitespace, 10);
          const outline = svc.symbols(src).filter((s) => s.name !== 'Header');
          assert.deepEqual(
            outline.map((s) => [s.name, s.detail]),
            [
              ['Scene 1', '5 words'],
              ['Scene 2', '5 words'],
            ],
          );
          assert.equal(stats.selections[0], stats.words, 'select all counts what the total counts');
        });
      }
    }
  }

  it('a scene break right before a chapter heading opens no empty scene', () => {
    const text = [
      'Title: Tides',
      'Rating: General Audiences',
      '',
      'Chapter 1',
      '',
      'The boats came in.',
      '',
      '* * *',
      '',
      'The nets went out.',
      '',
      '* * *',
      '',
      'Chapter 2',
      '',
      'Morning again.',
      '',
      '* * *',
      '',
    ].join('\n');
    const svc = service();
    const outline = svc.symbols(source(text));
    const names = (ss: DocumentSymbol[]): unknown => ss.map((s) => [s.name, s.detail, s.children ? names(s.children) : []]);
    assert.deepEqual(names(outline.filter((s) => s.name !== 'Header')), [
      ['Chapter 1', '8 words', [['Scene 1', '4 words', []], ['Scene 2', '4 words', []]]],
      ['Chapter 2', '2 words', []],
    ]);
    assert.equal(svc.stats(source(text)).words, 10, 'headings and breaks are furniture');
  });
});

describe('selections use the rules of the total', () => {
  const STORY = `${HEADER}\nThe lamp burned all night.\n\n* * *\n\nA/N: thanks to my beta!\n\nShe didn't sleep.\n\nThe End\n`;
  for (const { name, eol } of EOLS) {
    for (const method of METHODS) {
      it(`${name}, ${method}: select all is the total, header lines are nothing`, () => {
        const text = withEol(STORY, eol);
        const svc = service({ wordCount: { method } });
        const stats = svc.stats(source(text), [
          whole(text),
          { start: { line: 0, character: 0 }, end: { line: 3, character: 14 } },
          { start: { line: 6, character: 0 }, end: { line: 11, character: 4 } },
        ]);
        assert.equal(stats.selections[0], stats.words);
        assert.equal(stats.selections[1], 0, 'the header is not part of the count');
        // `* * *` and the note are out; `She ` is one word.
        assert.equal(stats.selections[2], 1);
      });
    }
  }

  it('a new story with only a header: the selection of its lines is 0 of 0', () => {
    const text = 'Title: \nAuthor: Wren\nRating: \n';
    const stats = service().stats(source(text), [whole(text)]);
    assert.equal(stats.words, 0);
    assert.deepEqual(stats.selections, [0]);
  });

  it('property: no selection counts more than the total, and the outline adds up to it', () => {
    const line = fc.oneof(
      fc.constantFrom('', '', 'The tide came in.', "Don't--stop, arm-rest!", '“Hey Bob,” said Alice.', 'Chapter 3', '## The Storm', 'Prologue', 'A/N: hello there', 'The End', 'TBC', '一个简单の栗子', 'Word Count: 5', '   '),
      fc.constantFrom(...BREAKS),
      fc.string({ maxLength: 12 }),
    );
    const header = fc.constantFrom('', 'Title: Tides\nRating: T\n\n', 'Title: Tides\nWord Count: 3\n---\n', 'Title: X\n\n***\n');
    fc.assert(
      fc.property(header, fc.array(line, { maxLength: 25 }), fc.constantFrom('\n', '\r\n'), fc.array(fc.tuple(fc.nat(30), fc.nat(40), fc.nat(30), fc.nat(40)), { maxLength: 4 }), (h, body, eol, picks) => {
        const text = withEol(h + body.join('\n'), eol);
        for (const method of METHODS) {
          const svc = service({ wordCount: { method } });
          const src = source(text);
          const ranges: Range[] = [whole(text), ...picks.map(([a, b, c, d]) => ({ start: { line: a, character: b }, end: { line: a + c, character: d } }))];
          const stats = svc.stats(src, ranges);
          for (const n of stats.selections) assert.ok(n <= stats.words, `a selection of ${n} in a total of ${stats.words}`);
          assert.equal(stats.selections[0], stats.words, 'select all is the total');
          const outline = svc.symbols(src).filter((s) => s.name !== 'Header');
          const sum = outline.reduce((acc, s) => acc + detailWords(s), 0);
          assert.equal(sum, stats.words, `outline ${JSON.stringify(outline.map((s) => [s.name, s.detail]))} against ${stats.words} (${method})`);
          for (const s of outline) {
            if (s.children?.length) assert.equal(s.children.reduce((acc, c) => acc + detailWords(c), 0), detailWords(s), `the scenes of ${s.name}`);
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});
