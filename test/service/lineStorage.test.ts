// FicText holds most lines as UTF-8 "byte strings" and decodes them on read (text.ts, "How
// a line is held"). These tests are about that storage alone: every code unit a writer's
// file can hold must come back exactly, whatever the line's mix of characters, however it
// was edited, and positions must count UTF-16 code units, never bytes.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FicText, type ContentChange } from '../../server/src/service/text/text';
import { countAo3, countWhitespace } from '../../server/src/service/text/count';
import type { Range } from '../../server/src/protocol';
import { referenceApply } from '../support/hostile';

/** Lines that take each way a line can be held, and the edges of UTF-8. */
const TRICKY_LINES = [
  '',
  'plain ASCII',
  'café au lait, naïve',
  'café “quoted” and naïve—dashed',
  '\ufeffTitle: starts with a BOM',
  '\ufeff',
  'ends on a lone high surrogate \ud83d',
  '\ude00 starts on a lone low surrogate',
  'a pair 😀 and a lone \udbff in one line',
  'C1 and Latin-1 edges: \u0080\u009f\u00a0\u00ff then \u0100',
  'U+FFFD itself: \ufffd, and U+FFFF: \uffff',
  'NUL \u0000 and DEL \u007f',
  '漢字とひらがな、カタカナ。',
  'astral 𝒜𝒷𝒸 and Hangul 한국어',
  `${'long paragraph — '.repeat(1500)}end`,
  `\ud800${'x'.repeat(9000)} a lone surrogate in a long line`,
];

function lines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function assertHolds(model: FicText, text: string, context: string): void {
  assert.equal(model.getText(), text, `${context}: text`);
  const expected = lines(text);
  assert.equal(model.lineCount, expected.length, `${context}: line count`);
  expected.forEach((line, i) => {
    assert.equal(model.lineAt(i), line, `${context}: line ${i}`);
    // Past a line's end clamps to its length in UTF-16 code units, not in bytes.
    assert.deepEqual(model.clampPosition({ line: i, character: 1e9 }), { line: i, character: line.length }, `${context}: end of line ${i}`);
  });
  const last = expected.length - 1;
  assert.deepEqual(model.fullRange().end, { line: last, character: (expected[last] as string).length }, `${context}: full range`);
}

describe('FicText line storage', () => {
  for (const eol of ['\n', '\r\n', '\r']) {
    it(`gives back every tricky line exactly, alone and together (${JSON.stringify(eol)})`, () => {
      for (const line of TRICKY_LINES) {
        // Alone (a one-line story, or one next to plain lines only) and among the others.
        assertHolds(new FicText(line), line, JSON.stringify(line.slice(0, 40)));
        const text = `plain\n${line}${eol}plain`;
        assertHolds(new FicText(text), text, JSON.stringify(line.slice(0, 40)));
      }
      const all = TRICKY_LINES.join(eol);
      assertHolds(new FicText(all), all, 'all together');
    });
  }

  it('reads parts of byte-string lines by UTF-16 offsets', () => {
    const model = new FicText('“Go,” she said—and went 😀.\nnext');
    assert.equal(model.getTextInRange({ start: { line: 0, character: 1 }, end: { line: 0, character: 3 } }), 'Go');
    assert.equal(model.getTextInRange({ start: { line: 0, character: 14 }, end: { line: 1, character: 2 } }), '—and went 😀.\nne');
    assert.equal(model.countRange({ start: { line: 0, character: 5 }, end: { line: 0, character: 14 } }, 'whitespace'), 2);
  });

  it('keeps a line longer than the hot-line limit exact through edits', () => {
    const long = `“${'word — '.repeat(12_000)}”`;
    const model = new FicText(`a\n${long}\nb`);
    const at = { line: 1, character: 5 };
    model.applyChange({ range: { start: at, end: at }, text: '’' });
    const edited = `${long.slice(0, 5)}’${long.slice(5)}`;
    assertHolds(model, `a\n${edited}\nb`, 'long line');
  });
});

// ---------------------------------------------------------------------------------------
// Random edits over text made of the characters that matter to the storage

/** Code units and pairs that take every branch of storing and reading a line. */
const UNITS = ['a', 'b', ' ', 'é', '\u00ff', '\u0080', '\u0100', '’', '—', '\ufeff', '😀', '\ud83d', '\ude00', '\ufffd', '\u0000', '\n', '\r\n', '\r'];
const piece = fc.array(fc.constantFrom(...UNITS), { maxLength: 12 }).map((xs) => xs.join(''));

// Small documents, so that edits land on every line, in the middle of surrogate pairs and
// next to line breaks; typing in one line and then in another exercises the line held
// plain while it is edited.
const position = fc.record({ line: fc.nat({ max: 6 }), character: fc.nat({ max: 14 }) });
const edit: fc.Arbitrary<ContentChange> = fc.record({
  range: fc.record({ start: position, end: position }).map((r): Range => r),
  text: piece,
});
const typing = fc.tuple(position, fc.array(fc.constantFrom(...UNITS), { minLength: 1, maxLength: 6 })).map(([p, chars]): ContentChange[] =>
  chars.map((text, k) => {
    const at = { line: p.line, character: p.character + k };
    return { range: { start: at, end: at }, text };
  }),
);

describe('FicText line storage under random edits', () => {
  it('matches a plain string after every edit, line by line (1500 runs)', () => {
    fc.assert(
      fc.property(piece, fc.array(fc.oneof(edit.map((e) => [e]), typing), { minLength: 1, maxLength: 20 }), (initial, batches) => {
        const model = new FicText(initial);
        let plain = initial;
        for (const change of batches.flat()) {
          model.applyChange(change);
          plain = referenceApply(plain, change);
          assertHolds(model, plain, JSON.stringify(change));
          const whole = model.fullRange();
          assert.equal(model.countRange(whole, 'whitespace'), countWhitespace(plain));
          assert.equal(model.countRange(whole, 'ao3'), countAo3(plain));
        }
      }),
      { numRuns: 1500 },
    );
  });
});
