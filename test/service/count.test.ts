// The word counters against their definitions: AO3's own spec cases, wc's separators,
// and every code point of Unicode against the regex references.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { countAo3, countCharacters, countWhitespace, countWords, measure } from '../../server/src/service/text/count';
import { ao3Reference, wcReference } from '../support/ao3Reference';

/** DOMAIN.md §5 "AO3's own expectations", from otwarchive spec/lib/word_counter_spec.rb. */
const AO3_EXPECTATIONS: [string, number][] = [
  ['one two three four', 4],
  ['one\ntwo\nthree\nfour', 4],
  ['arm-rest is hyphenated', 3],
  ["don't do that", 3],
  ['zwölf naïve fiancés', 3],
  ['one—two—three', 3],
  ['one--two--three', 3],
  ['one,two,three', 3],
  ['one/two/three', 3],
  ['one|two|three', 3],
  ['one — two — three', 3],
  ['one -- two -- three', 3],
  ['one - two - three', 3],
  ['one ! two ! three', 3],
  ['one ? two ? three', 3],
  ['one . two . three', 3],
  ['one , two , three', 3],
  ['one / two / three', 3],
  ['one " two " three', 3],
  ["one ' two ' three", 3],
  ['one | two | three', 3],
  [`"Hey Bob," said Alice, 'Yay?!?'`, 5],
  ['一个简单の栗子', 7],
  ['“嘿Bob,” Alice说，‘啊？！？’', 5],
  ['嘿|bob|说', 3],
  ['**********', 0],
  ['~~~~~~~~~~', 0],
  ['!?!?!?!?!?!?!?!?!?!?', 0],
  ['----------', 0],
  ['~*~*~*~*~*~*~*~*~*~*', 0],
  ['~!~!~!~!~!~!~!~!~!~!', 0],
  ['||||||||||', 0],
  ['""', 0],
  ['', 0],
];

/** DOMAIN.md §5 "Consequences", and the rules they follow from. */
const AO3_CONSEQUENCES: [string, number][] = [
  ['1,293', 2],
  ['3.5', 2],
  ['U.S.', 2],
  ['Spike/Buffy', 2],
  ['one–two–three', 3], // an en dash always splits
  ['one – two', 2],
  ['one---two', 2], // `--` becomes a dash first, the third `-` is deleted
  ['one----two', 2],
  ['don’t ‘quote’ me', 3],
  ["rock'n'roll", 1],
  ['snake_case', 1],
  ['one\u00a0two', 2], // NBSP separates
  ['one\u200dtwo', 2], // ZWJ is no word character
  ['😀 👩‍👩‍👧 👍🏽', 0], // emoji are never words
  ['Ⅻ Ⓐ 🅰', 3], // Ruby's [[:word:]] is Alphabetic, not just letters
  ['漢字かなカナไทย', 9], // each character of the four scripts
  ['한국어 단어', 2], // Hangul is not one of them: words as usual
  ['ラーメン', 4], // ー is Common script: a word character, not a word on its own
  ['e\u0301te\u0301', 1], // combining marks belong to the word
  ['𝒜𝒷𝒸 𐐀𐐨 𠀀𠀁', 4], // astral letters; CJK Extension B is Han
];

/** GNU wc -w, LC_ALL=C.UTF-8 (DOMAIN.md §5). */
const WC_SEPARATORS = [
  '\t', '\n', '\v', '\f', '\r', ' ', '\u00a0', '\u1680',
  '\u2000', '\u2001', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006', '\u2007', '\u2008', '\u2009', '\u200a',
  '\u202f', '\u205f', '\u2060', '\u3000',
];
/** Where JavaScript's \s and wc disagree, and other near-spaces wc does not split on. */
const WC_NOT_SEPARATORS = ['\u0085', '\u200b', '\u2028', '\u2029', '\ufeff', '\u180e', '\u00ad', '\u200c', '\u200d'];

const hex = (s: string) => [...s].map((c) => (c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')).join(' ');

describe('countAo3', () => {
  for (const [text, words] of [...AO3_EXPECTATIONS, ...AO3_CONSEQUENCES]) {
    it(`${JSON.stringify(text)} is ${words}`, () => {
      assert.equal(countAo3(text), words);
      assert.equal(ao3Reference(text), words, 'the reference itself');
    });
  }

  it('counts a tag-free story body the way the reference does, line by line or whole', () => {
    const body = 'She said, "Don\'t--please." Then—nothing.\r\nThe U.S. flag; 1,293 words.\n\n嘿 Bob!';
    assert.equal(countAo3(body), ao3Reference(body));
    assert.equal(countAo3(body), 6 + 7 + 2);
  });
});

describe('countWhitespace', () => {
  it('counts spaced --, —, ***, ... as words, as wc does', () => {
    assert.equal(countWhitespace('one -- two — three *** four ... five'), 9);
    assert.equal(countWhitespace('***'), 1);
    assert.equal(countWhitespace('one--two'), 1);
  });

  for (const sep of WC_SEPARATORS) {
    it(`splits on U+${hex(sep)}`, () => {
      assert.equal(countWhitespace(`one${sep}two`), 2);
      assert.equal(countWhitespace(`${sep}${sep}`), 0);
    });
  }

  for (const ch of WC_NOT_SEPARATORS) {
    it(`does not split on U+${hex(ch)}`, () => {
      assert.equal(countWhitespace(`one${ch}two`), 1);
    });
  }

  it('neither starts nor ends a word at a character wc cannot print', () => {
    // glibc: controls, U+2028 and U+2029 are not printable; wc reads past them.
    for (const ch of ['\u0000', '\u0001', '\u007f', '\u0085', '\u009f', '\u2028', '\u2029']) {
      assert.equal(countWhitespace(` ${ch} `), 0, `U+${hex(ch)} alone`);
      assert.equal(countWhitespace(`a${ch}b`), 1, `U+${hex(ch)} inside a word`);
    }
    // Format characters are printable to glibc: on their own they are a word.
    for (const ch of ['\u200b', '\ufeff', '\u00ad', '\u200d']) assert.equal(countWhitespace(` ${ch} `), 1, `U+${hex(ch)} alone`);
  });

  it('reads a lone surrogate as the U+FFFD it is saved as: a printable character', () => {
    assert.equal(countWhitespace('a\ud800b'), 1);
    assert.equal(countWhitespace(' \udc00 '), 1);
    assert.equal(countWhitespace('😀 𝒜'), 2);
  });
});

describe('every code point', () => {
  // Exhaustive: the scanners' tables against the references' regexes, one code point at a
  // time, alone and inside a word. About two seconds.
  it('classifies all 1,112,064 scalar values as the references do', () => {
    const wrong: string[] = [];
    for (let cp = 0; cp < 0x110000; cp++) {
      if (cp === 0xd800) cp = 0xe000;
      const ch = String.fromCodePoint(cp);
      const inWord = `a${ch}a`;
      if (countAo3(ch) !== ao3Reference(ch) || countAo3(inWord) !== ao3Reference(inWord)) wrong.push(`ao3 U+${hex(ch)}`);
      if (countWhitespace(ch) !== wcReference(ch) || countWhitespace(inWord) !== wcReference(inWord)) wrong.push(`whitespace U+${hex(ch)}`);
      const m = measure(inWord);
      if (m.whitespace !== wcReference(inWord) || m.ao3 !== ao3Reference(inWord) || m.nonSpace !== countCharacters(inWord).nonSpace) wrong.push(`measure U+${hex(ch)}`);
      if (wrong.length > 20) break;
    }
    assert.deepEqual(wrong, []);
  });

  it('treats lone surrogates as the references do (as U+FFFD)', () => {
    // `\ud800’\udc00`: deleting the apostrophe must not pair the halves into U+10000.
    for (const s of ['\ud800', '\udfff', 'a\ud83da', 'a\ude00a', '\ude00\ud83d', '漢\ud840字', '\ud800’\udc00', '\ud800-\udc00']) {
      assert.equal(countAo3(s), ao3Reference(s), JSON.stringify(s));
      assert.equal(countWhitespace(s), wcReference(s), JSON.stringify(s));
    }
  });
});

describe('ranges', () => {
  const text = 'arm-rest 😀 don’t one--two 漢字 a\u0085b';
  it('count(text, a, b) is count(text.slice(a, b)), also cutting pairs and `--`', () => {
    for (let a = 0; a <= text.length; a++) {
      for (let b = a; b <= text.length; b++) {
        const part = text.slice(a, b);
        assert.equal(countAo3(text, a, b), ao3Reference(part), `ao3 [${a}, ${b})`);
        assert.equal(countWhitespace(text, a, b), wcReference(part), `whitespace [${a}, ${b})`);
        assert.deepEqual(countCharacters(text, a, b), countCharacters(part), `characters [${a}, ${b})`);
        assert.deepEqual(measure(text, a, b), separately(part), `measure [${a}, ${b})`);
      }
    }
  });

  it('clamps offsets outside the string and counts nothing when start >= end', () => {
    assert.equal(countWhitespace('one two', -5, 99), 2);
    assert.equal(countAo3('one two', 5, 2), 0);
    assert.equal(countWords('one two', 'ao3', 4), 1);
  });
});

/** What measure() must return: the three counters, each on its own. */
function separately(text: string) {
  const { characters, nonSpace } = countCharacters(text);
  return { whitespace: countWhitespace(text), ao3: countAo3(text), characters, nonSpace };
}

describe('measure', () => {
  for (const [text] of [...AO3_EXPECTATIONS, ...AO3_CONSEQUENCES, ['a\u0085b \u2028 x--y -- 😀\ud800 \udc00']]) {
    it(`gives every figure of ${JSON.stringify(text)} in one pass`, () => {
      assert.deepEqual(measure(text), separately(text));
    });
  }
});

describe('countCharacters', () => {
  it('counts code points, and those that are not wc separators', () => {
    assert.deepEqual(countCharacters('a b\u00a0😀'), { characters: 5, nonSpace: 3 });
    assert.deepEqual(countCharacters('\ud83d'), { characters: 1, nonSpace: 1 }); // a U+FFFD once saved
    assert.deepEqual(countCharacters(''), { characters: 0, nonSpace: 0 });
  });
});
