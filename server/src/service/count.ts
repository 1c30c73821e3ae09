// Word counting. Two methods, each a hand-written scanner over UTF-16 code units.
// The counts of a string are the sum of the counts of its lines: both methods treat a
// line break as a separator, so per-line counts can be cached and summed (text.ts).

import type { CountMethod } from '../protocol';

// Separators of GNU wc -w in a UTF-8 locale (DOMAIN.md §5). Not JavaScript's \s: wc does
// not split on U+0085, U+200B, U+2028, U+2029 or U+FEFF, and does split on U+2060.
const WS_SEPARATOR = new Uint8Array(0x10000);
for (const c of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2007, 0x202f, 0x205f, 0x2060, 0x3000]) WS_SEPARATOR[c] = 1;
for (let c = 0x2000; c <= 0x200a; c++) WS_SEPARATOR[c] = 1;

/** Words as `wc -w` counts them: maximal runs of non-separators. */
export function countWhitespace(text: string, start = 0, end = text.length): number {
  let words = 0;
  let inWord = false;
  for (let i = start; i < end; i++) {
    if (WS_SEPARATOR[text.charCodeAt(i)] === 1) {
      inWord = false;
    } else if (!inWord) {
      inWord = true;
      words++;
    }
  }
  return words;
}

// AO3 (otwarchive lib/word_counter.rb): `--` becomes an em dash; ' ’ ‘ and - are deleted;
// each Han, Hiragana, Katakana or Thai character is a word; any other maximal run of
// letters, marks, decimal digits and connector punctuation is a word.
const enum Ao3Class {
  Separator = 0,
  Word = 1,
  /** Counts as one word on its own (Han, Hiragana, Katakana, Thai). */
  Single = 2,
  /** Deleted before counting: joins what is on either side. */
  Deleted = 3,
  /** A surrogate: classify the whole code point. */
  Surrogate = 4,
}

const WORD_CHAR = /[\p{L}\p{M}\p{Nd}\p{Pc}]/u;
const SINGLE_CHAR = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}]/u;

function classify(codePoint: number): Ao3Class {
  const ch = String.fromCodePoint(codePoint);
  if (SINGLE_CHAR.test(ch)) return Ao3Class.Single;
  if (WORD_CHAR.test(ch)) return Ao3Class.Word;
  return Ao3Class.Separator;
}

// The Basic Multilingual Plane is classified once, at load; astral code points are rare
// in prose and classified on demand through a small cache.
const AO3_BMP = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) {
  AO3_BMP[c] = c >= 0xd800 && c <= 0xdfff ? Ao3Class.Surrogate : classify(c);
}
AO3_BMP[0x27] = Ao3Class.Deleted;
AO3_BMP[0x2019] = Ao3Class.Deleted;
AO3_BMP[0x2018] = Ao3Class.Deleted;
AO3_BMP[0x2d] = Ao3Class.Deleted; // a lone hyphen; a `--` pair is handled in the scanner
const astralCache = new Map<number, Ao3Class>();

function astralClass(codePoint: number): Ao3Class {
  let cls = astralCache.get(codePoint);
  if (cls === undefined) {
    cls = classify(codePoint);
    astralCache.set(codePoint, cls);
  }
  return cls;
}

/** Words exactly as Archive of Our Own counts them. */
export function countAo3(text: string, start = 0, end = text.length): number {
  let words = 0;
  let inWord = false;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    let cls = AO3_BMP[code] as Ao3Class;
    if (cls === Ao3Class.Deleted) {
      if (code === 0x2d && i + 1 < end && text.charCodeAt(i + 1) === 0x2d) {
        // `--` is an em dash: a separator.
        i++;
        inWord = false;
      }
      continue;
    }
    if (cls === Ao3Class.Surrogate) {
      const next = i + 1 < end ? text.charCodeAt(i + 1) : 0;
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        cls = astralClass(((code - 0xd800) << 10) + (next - 0xdc00) + 0x10000);
        i++;
      } else {
        cls = Ao3Class.Separator; // a lone surrogate is not a letter
      }
    }
    if (cls === Ao3Class.Word) {
      if (!inWord) {
        inWord = true;
        words++;
      }
    } else if (cls === Ao3Class.Single) {
      words++;
      inWord = false;
    } else {
      inWord = false;
    }
  }
  return words;
}

export function countWords(text: string, method: CountMethod, start = 0, end = text.length): number {
  return method === 'ao3' ? countAo3(text, start, end) : countWhitespace(text, start, end);
}

export interface CharacterCount {
  /** Unicode code points. */
  characters: number;
  /** Code points that are not wc separators. */
  nonSpace: number;
}

export function countCharacters(text: string, start = 0, end = text.length): CharacterCount {
  let characters = 0;
  let nonSpace = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    // The low half of a surrogate pair is part of the code point already counted.
    if (code >= 0xdc00 && code <= 0xdfff && i > start) {
      const prev = text.charCodeAt(i - 1);
      if (prev >= 0xd800 && prev <= 0xdbff) continue;
    }
    characters++;
    if (WS_SEPARATOR[code] !== 1) nonSpace++;
  }
  return { characters, nonSpace };
}
