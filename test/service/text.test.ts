// FicText, the incremental document model: after any sequence of LSP edits its text, its
// running totals and the stats derived from them must be exactly what a fresh model of
// the same text gives. A plain-string applier of LSP edits is the reference for the text.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FicText, type ContentChange } from '../../server/src/service/text/text';
import { FicSource } from '../../server/src/service/header/source';
import { countAo3, countWhitespace } from '../../server/src/service/text/count';
import { createFicService } from '../../server/src/service';
import type { Range } from '../../server/src/protocol';
import { EOLS, withEol } from '../support/fixtures';
import { referenceApply, referenceOffset } from '../support/hostile';

// The reference, LSP edits applied to a plain string, is test/support/hostile.ts's.

// ---------------------------------------------------------------------------------------
// Generators

const LINES = [
  'Title: The Lighthouse Keeper',
  'Rating: T',
  'Word Count: 12',
  '**Warnings:** None',
  '',
  '   ',
  '---',
  '***',
  '* * *',
  'xXx',
  'Chapter 2',
  'A/N: thanks to my beta!',
  "(Author's note: short one)",
  'The lamp had not gone out in forty years.',
  "Mae didn't speak -- not once.",
  '“Go,” she said—and went.',
  '灯台の光が消えた。',
  'The End',
  '~fin~',
  'TBC',
];
const FRAGMENTS = ['\n', '\r\n', '\r', '\n\n', '\r\n\r\n', 'word ', ' ', 'Title: ', 'A/N: ', '***', 'The End', '-', "'", '漢字', '😀', '\ud83d', 'e\u0301', '\u00a0', '\u2028'];

const eol = fc.constantFrom('\n', '\r\n', '\r');
const docText = fc
  .array(fc.tuple(fc.constantFrom(...LINES), eol), { maxLength: 14 })
  .map((ls) => ls.map(([l, e]) => l + e).join(''));
const insert = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 2, arbitrary: fc.constantFrom(...LINES).chain((l) => eol.map((e) => l + e)) },
  { weight: 2, arbitrary: fc.constant('') },
  fc.array(fc.constantFrom(...FRAGMENTS, ...LINES), { maxLength: 6 }).map((xs) => xs.join('')),
);
// Mostly inside a small document, sometimes past its end (editors clamp those).
const position = fc.record({ line: fc.nat({ max: 16 }), character: fc.nat({ max: 44 }) });
const selection: fc.Arbitrary<Range> = fc.record({ start: position, end: position });
const rangeEdit = fc.record({ range: selection, text: insert });
const change: fc.Arbitrary<ContentChange> = fc.oneof(
  { weight: 12, arbitrary: rangeEdit },
  // A typed character or a deleted one, right at a line's end or start: where CR/LF pairs
  // are split and merged.
  { weight: 4, arbitrary: fc.record({ range: position.map((p): Range => ({ start: p, end: p })), text: fc.constantFrom('\n', '\r', 'x', ' ') }) },
  { weight: 1, arbitrary: docText.map((text): ContentChange => ({ text })) },
);

// ---------------------------------------------------------------------------------------
// What "the same" means

function modelFigures(t: FicText) {
  return {
    text: t.getText(),
    lineCount: t.lineCount,
    totals: { ...t.totals() },
    notes: { ...t.noteTotals() },
    paragraphs: t.paragraphCount(),
    breaks: t.breakCount(),
    lines: Array.from({ length: t.lineCount }, (_, i) => ({ text: t.lineAt(i), eol: t.eolAt(i), flags: t.lineFlags(i), ws: t.lineWords(i, 'whitespace'), ao3: t.lineWords(i, 'ao3') })),
  };
}

const services = [createFicService({ wordCount: { method: 'whitespace' } }), createFicService({ wordCount: { method: 'ao3' } })];

const RUNS = 2000;
const MAX_EDITS = 30;

describe('FicText under random edits', () => {
  it(`matches a plain string and a fresh model after every edit, selections included (${RUNS} runs of up to ${MAX_EDITS} edits)`, (t) => {
    let edits = 0;
    fc.assert(
      fc.property(docText, fc.array(fc.tuple(change, selection), { minLength: 1, maxLength: MAX_EDITS, size: 'max' }), (initial, steps) => {
        const model = new FicText(initial);
        let plain = initial;
        for (const [c, range] of steps) {
          model.applyChange(c);
          plain = referenceApply(plain, c);
          edits++;
          assert.equal(model.getText(), plain, `text after ${JSON.stringify(c)}`);
          assert.deepEqual(modelFigures(model), modelFigures(new FicText(plain)), `figures after ${JSON.stringify(c)}`);
          // A selection's count, from cached whole lines and scanned partial ones.
          let a = referenceOffset(plain, range.start);
          let b = referenceOffset(plain, range.end);
          if (a > b) [a, b] = [b, a];
          const selected = plain.slice(a, b);
          assert.equal(model.countRange(range, 'whitespace'), countWhitespace(selected), `whitespace in ${JSON.stringify(range)}`);
          assert.equal(model.countRange(range, 'ao3'), countAo3(selected), `ao3 in ${JSON.stringify(range)}`);
        }
      }),
      { numRuns: RUNS },
    );
    t.diagnostic(`${RUNS} runs, ${edits} edits`);
  });

  it(`gives the stats of a fresh source after every edit, both methods (${RUNS} runs of up to ${MAX_EDITS} edits)`, (t) => {
    let edits = 0;
    fc.assert(
      fc.property(docText, fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: MAX_EDITS, size: 'max' }), (initial, batches) => {
        const source = new FicSource('file:///story.fic', initial, 1);
        let version = 1;
        for (const batch of batches) {
          source.applyChanges(batch, ++version);
          edits += batch.length;
          const fresh = new FicSource('file:///story.fic', source.text.getText(), version);
          for (const service of services) {
            assert.deepEqual(service.stats(source), service.stats(fresh), `${service.settings.wordCount.method} after ${JSON.stringify(batch)}`);
          }
        }
      }),
      { numRuns: RUNS },
    );
    t.diagnostic(`${RUNS} runs, ${edits} edits`);
  });
});

describe('FicText edits at line breaks', () => {
  const cases: { name: string; text: string; change: ContentChange; expected: string }[] = [
    { name: 'a \\n typed after a lone \\r makes one CRLF', text: 'a\rb', change: { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '\n' }, expected: 'a\r\nb' },
    { name: 'deleting what stood between \\r and \\n merges them', text: 'a\rX\nb', change: { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } }, text: '' }, expected: 'a\r\nb' },
    { name: 'a \\r typed before a \\n makes one CRLF', text: 'a\nb', change: { range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, text: '\r' }, expected: 'a\r\nb' },
    { name: 'joining two lines', text: 'one\r\ntwo', change: { range: { start: { line: 0, character: 3 }, end: { line: 1, character: 0 } }, text: ' ' }, expected: 'one two' },
    { name: 'a range past the end is clamped', text: 'one\ntwo', change: { range: { start: { line: 1, character: 1 }, end: { line: 9, character: 9 } }, text: 'en' }, expected: 'one\nten' },
    { name: 'a reversed range is the same range', text: 'one two', change: { range: { start: { line: 0, character: 7 }, end: { line: 0, character: 3 } }, text: '' }, expected: 'one' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const model = new FicText(c.text);
      model.applyChange(c.change);
      assert.equal(model.getText(), c.expected);
      assert.equal(referenceApply(c.text, c.change), c.expected, 'the reference applier agrees');
      assert.deepEqual(modelFigures(model), modelFigures(new FicText(c.expected)));
    });
  }

  it('takes a paste of 200,000 lines in one change (no spread of the lines onto the stack)', () => {
    const model = new FicText('Title: T\n\nfirst\nlast');
    const pasted = 'one two\n'.repeat(200_000);
    model.applyChange({ range: { start: { line: 2, character: 5 }, end: { line: 3, character: 0 } }, text: `\n${pasted}` });
    const expected = `Title: T\n\nfirst\n${pasted}last`;
    assert.equal(model.lineCount, 200_004);
    assert.equal(model.getText(), expected);
    assert.deepEqual(model.totals(), new FicText(expected).totals());
  });

  for (const { name, eol } of EOLS) {
    it(`keeps per-line counts and totals through typing (${name})`, () => {
      const model = new FicText(withEol('Title: T\n\nOne two.\n', eol));
      const typed = ' three';
      for (let i = 0; i < typed.length; i++) {
        const at = { line: 2, character: 'One two.'.length + i };
        model.applyChange({ range: { start: at, end: at }, text: typed[i] as string });
      }
      assert.equal(model.lineAt(2), 'One two. three');
      assert.equal(model.lineWords(2, 'whitespace'), 3);
      assert.equal(model.totals().ws, 2 + 3);
      assert.equal(model.eolAt(2), eol);
    });
  }
});
