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

/** assertHolds, and the whole text's counts by both methods are the plain string's. */
function assertHoldsAndCounts(model: FicText, text: string, context: string): void {
  assertHolds(model, text, context);
  const whole = model.fullRange();
  assert.equal(model.countRange(whole, 'whitespace'), countWhitespace(text), `${context}: whitespace words`);
  assert.equal(model.countRange(whole, 'ao3'), countAo3(text), `${context}: AO3 words`);
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
          assertHoldsAndCounts(model, plain, JSON.stringify(change));
        }
      }),
      { numRuns: 1500 },
    );
  });
});

// ---------------------------------------------------------------------------------------
// Stored later: the server opens a story with `storeLater` and stores its lines while idle

interface Held {
  lines: string[];
  hot: number;
}

/** Every line held as a wide text built at once holds it (the line being typed in aside):
 * stored, none a slice of the text it came from. (A text of one-byte characters keeps its
 * slices, so the reference gets a wide first line of its own.) */
function assertStoredAsAtOnce(model: FicText, text: string, context: string): void {
  const held = model as unknown as Held;
  const atOnce = new FicText(`“\n${text}`) as unknown as Held;
  assert.equal(held.lines.length + 1, atOnce.lines.length, `${context}: line count`);
  held.lines.forEach((line, i) => {
    if (i !== held.hot) assert.equal(line, atOnce.lines[i + 1], `${context}: line ${i} as held`);
  });
}

describe('FicText lines stored later', () => {
  it('reads every tricky line exactly before, during and after storing, and then holds them as stored at once', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const all = TRICKY_LINES.join(eol);
      const model = new FicText(all, { storeLater: true });
      assert.equal(model.unstored, true, 'a wide text waits to be stored');
      assertHolds(model, all, 'not stored yet');
      assert.equal(model.storeLines(5), false, 'five lines stored, more to go');
      assertHolds(model, all, 'partly stored');
      while (!model.storeLines(3));
      assert.equal(model.unstored, false);
      assertHolds(model, all, 'stored');
      assertStoredAsAtOnce(model, all, JSON.stringify(eol));
    }
    // A text of one-byte characters is held as its slices either way: nothing to store.
    assert.equal(new FicText('café\nplain', { storeLater: true }).unstored, false);
  });

  it('matches a plain string through edits and partial storing, then is held as if stored at once (1000 runs)', () => {
    const step = fc.oneof(
      fc.oneof(edit.map((e) => [e]), typing).map((changes) => ({ changes, store: 0 })),
      fc.integer({ min: 1, max: 4 }).map((store) => ({ changes: [] as ContentChange[], store })),
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), fc.array(step, { minLength: 1, maxLength: 16 }), (pieces, steps) => {
        // Wide from the start (a curly quote), so that the lines wait to be stored.
        const initial = `“${pieces.join('\n')}`;
        const model = new FicText(initial, { storeLater: true });
        let plain = initial;
        for (const { changes, store } of steps) {
          if (store) model.storeLines(store);
          for (const change of changes) {
            model.applyChange(change);
            plain = referenceApply(plain, change);
          }
          assertHoldsAndCounts(model, plain, JSON.stringify(changes));
        }
        while (!model.storeLines(2));
        assertHolds(model, plain, 'stored');
        assertStoredAsAtOnce(model, plain, 'after the edits');
      }),
      { numRuns: 1000 },
    );
  });
});
