// Word counting. Two methods, each a hand-written scanner over UTF-16 code units with a
// lookup table per code unit. The counts of a string are the sum of the counts of its
// lines: both methods treat a line break as a separator, so per-line counts can be cached
// and summed (text.ts).
//
// The tables come from the JavaScript engine's own Unicode data, built by a few regex
// scans over a whole plane: the BMP at load (a few milliseconds), an astral plane the first time
// one of its characters is met. So the scanners cannot drift from the regex references
// the tests hold them to (test/support/ao3Reference.ts), whatever Unicode version the
// engine brings.
//
// A lone surrogate (a JavaScript string can hold one) counts as the U+FFFD it becomes when
// the story is saved as UTF-8.

import type { CountMethod } from '../../protocol';
import { COUNT_WASM } from './countModule';

// ---------------------------------------------------------------------------------------
// Classes

/** What a character does to a `wc -w` count. */
const enum Ws {
  /** Printable and not a separator: starts or continues a word. */
  Word = 0,
  Separator = 1,
  /** Not printable (controls, U+2028, U+2029, unassigned): GNU wc reads past it without
   * starting or ending a word, so `a\u0085b` is one word and a lone U+0085 is none. */
  Invisible = 2,
  /** Half of a surrogate pair: classify the code point. */
  Surrogate = 3,
}

/** What a character does to an AO3 count (otwarchive lib/word_counter.rb). */
const enum Ao3 {
  /** Alphabetic, mark, decimal digit or connector punctuation: Ruby's [[:word:]]. */
  Word = 0,
  Separator = 1,
  /** Han, Hiragana, Katakana or Thai: one word per character. */
  Single = 2,
  /** ' ’ ‘: deleted before counting, so they join what is on either side. */
  Deleted = 3,
  /** `-` is deleted too, except that `--` first becomes an em dash: a separator. */
  Hyphen = 4,
  Surrogate = 5,
}

// wc's separators in a UTF-8 locale (DOMAIN.md §5): the ASCII ones, then the printable
// characters glibc calls spaces plus wc's own non-breaking ones. Not JavaScript's \s: wc
// does not split on U+0085, U+200B, U+2028, U+2029 or U+FEFF, and does split on U+2060.
const WS_SEPARATORS = '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u2060\u3000';

// Ruby defines [[:word:]] as Alphabetic + Mark + Decimal_Number + Connector_Punctuation,
// wider than \p{L} (it takes in `Ⅻ` and `Ⓐ`); the scripts are Script, not Script_Extensions.
const AO3_WORD_RUNS = /[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}]+/gu;
const AO3_SINGLE_RUNS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]+/gu;
const WS_INVISIBLE_RUNS = /[\p{Cc}\p{Cn}\p{Zl}\p{Zp}]+/gu;

/** Set `table[k] = value` for each code point k of `chars` (a whole plane, in order, each
 * code point `width` code units wide) that `runs` matches. */
function mark(table: Uint8Array, chars: string, width: number, runs: RegExp, value: number): void {
  runs.lastIndex = 0;
  for (let m = runs.exec(chars); m !== null; m = runs.exec(chars)) {
    table.fill(value, m.index / width, (m.index + m[0].length) / width);
  }
}

const utf16 = new TextDecoder('utf-16le', { ignoreBOM: true });

/** Every code point of a plane, in order; the surrogate block of plane 0 as U+0000. Built
 * as UTF-16 code units and decoded at once: pushing 65,536 code points through
 * String.fromCodePoint took half the time of classifying them. */
function planeChars(plane: number): string {
  const units = new Uint16Array(plane === 0 ? 0x10000 : 0x20000);
  if (plane === 0) {
    for (let cp = 0; cp < 0x10000; cp++) units[cp] = cp >= 0xd800 && cp <= 0xdfff ? 0 : cp;
  } else {
    const high = 0xd800 + ((plane - 1) << 6);
    for (let low = 0; low < 0x10000; low++) {
      units[2 * low] = high + (low >>> 10);
      units[2 * low + 1] = 0xdc00 + (low & 0x3ff);
    }
  }
  return utf16.decode(units);
}

/** Both classes, wc's and AO3's, of every code point of a plane. */
function classifyPlane(plane: number): { ws: Uint8Array; ao3: Uint8Array } {
  const chars = planeChars(plane);
  const width = plane === 0 ? 1 : 2;
  const ws = new Uint8Array(0x10000); // Ws.Word
  const ao3 = new Uint8Array(0x10000).fill(Ao3.Separator);
  mark(ws, chars, width, WS_INVISIBLE_RUNS, Ws.Invisible);
  mark(ao3, chars, width, AO3_WORD_RUNS, Ao3.Word);
  mark(ao3, chars, width, AO3_SINGLE_RUNS, Ao3.Single);
  return { ws, ao3 };
}

const bmp = classifyPlane(0);
const WS_BMP = bmp.ws;
const AO3_BMP = bmp.ao3;
for (let i = 0; i < WS_SEPARATORS.length; i++) WS_BMP[WS_SEPARATORS.charCodeAt(i)] = Ws.Separator;
WS_BMP.fill(Ws.Surrogate, 0xd800, 0xe000);
AO3_BMP.fill(Ao3.Surrogate, 0xd800, 0xe000);
AO3_BMP[0x27] = Ao3.Deleted; // '
AO3_BMP[0x2018] = Ao3.Deleted; // ‘
AO3_BMP[0x2019] = Ao3.Deleted; // ’
AO3_BMP[0x2d] = Ao3.Hyphen;

// Astral planes, classified on first use: most stories never leave the BMP, and emoji,
// math letters and CJK Extension B live in planes 1 and 2.
const WS_ASTRAL: (Uint8Array | undefined)[] = [];
const AO3_ASTRAL: (Uint8Array | undefined)[] = [];

function astral(plane: number): void {
  const { ws, ao3 } = classifyPlane(plane);
  WS_ASTRAL[plane] = ws;
  AO3_ASTRAL[plane] = ao3;
}

/** The code point of the pair at `high`, `low` (both already known to be surrogates of the
 * right kind). */
function pairCodePoint(high: number, low: number): number {
  return ((high - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
}

function wsAstral(cp: number): number {
  const plane = cp >>> 16;
  if (WS_ASTRAL[plane] === undefined) astral(plane);
  return (WS_ASTRAL[plane] as Uint8Array)[cp & 0xffff] as number;
}

function ao3Astral(cp: number): number {
  const plane = cp >>> 16;
  if (AO3_ASTRAL[plane] === undefined) astral(plane);
  return (AO3_ASTRAL[plane] as Uint8Array)[cp & 0xffff] as number;
}

function clampEnd(text: string, end: number): number {
  return end > text.length ? text.length : end;
}

// ---------------------------------------------------------------------------------------
// The scanners. Offsets are code units, clamped to the string: count(text, a, b) is
// count(text.slice(a, b)) for 0 <= a <= b <= text.length, and 0 when a >= b.

// Both scanners keep `prev`, the class of the last character that mattered, as 0 (in a
// word) or 1 (not): a word starts where a Word follows a non-word, `words += prev & ~cls`,
// which keeps the common path free of branches on the state.

/** Words as `wc -w` counts them (GNU coreutils, UTF-8 locale). */
export function countWhitespace(text: string, start = 0, end = text.length): number {
  end = clampEnd(text, end);
  let words = 0;
  let prev = 1;
  for (let i = start > 0 ? start : 0; i < end; i++) {
    const code = text.charCodeAt(i);
    let cls = WS_BMP[code] as number;
    if (cls <= Ws.Separator) {
      words += prev & (cls ^ 1);
      prev = cls;
      continue;
    }
    if (cls === Ws.Invisible) continue;
    const next = i + 1 < end ? text.charCodeAt(i + 1) : 0;
    if (code > 0xdbff || next < 0xdc00 || next > 0xdfff) {
      // A lone surrogate is saved as U+FFFD, which wc prints: part of a word.
      words += prev;
      prev = 0;
      continue;
    }
    i++;
    cls = wsAstral(pairCodePoint(code, next));
    // No astral character is a separator; the others are invisible.
    if (cls === Ws.Word) {
      words += prev;
      prev = 0;
    }
  }
  return words;
}

/** Words exactly as Archive of Our Own counts them. */
export function countAo3(text: string, start = 0, end = text.length): number {
  end = clampEnd(text, end);
  let words = 0;
  let prev = 1;
  for (let i = start > 0 ? start : 0; i < end; i++) {
    const code = text.charCodeAt(i);
    let cls = AO3_BMP[code] as number;
    if (cls <= Ao3.Separator) {
      words += prev & (cls ^ 1);
      prev = cls;
      continue;
    }
    if (cls === Ao3.Deleted) continue;
    if (cls === Ao3.Hyphen) {
      if (i + 1 < end && text.charCodeAt(i + 1) === 0x2d) {
        i++;
        prev = 1;
      }
      continue;
    }
    if (cls === Ao3.Surrogate) {
      const next = i + 1 < end ? text.charCodeAt(i + 1) : 0;
      if (code > 0xdbff || next < 0xdc00 || next > 0xdfff) {
        prev = 1; // a lone surrogate is saved as U+FFFD: no letter
        continue;
      }
      i++;
      cls = ao3Astral(pairCodePoint(code, next));
      if (cls <= Ao3.Separator) {
        words += prev & (cls ^ 1);
        prev = cls;
        continue;
      }
    }
    // Single: a word on its own, and the end of any word before it.
    words++;
    prev = 1;
  }
  return words;
}

/** Every figure of a stretch of text (a line, for the document model), in one pass. */
export interface Measure {
  whitespace: number;
  ao3: number;
  /** Unicode code points. */
  characters: number;
  /** Code points that are not wc separators. */
  nonSpace: number;
}

/** countWhitespace, countAo3 and countCharacters at once: the two scanners above, fused,
 * so that opening a story reads each character once. */
export function measure(text: string, start = 0, end = text.length): Measure {
  end = clampEnd(text, end);
  let ws = 0;
  let wsPrev = 1;
  let ao3 = 0;
  let ao3Prev = 1;
  let separators = 0;
  let pairs = 0;
  let i = start > 0 ? start : 0;
  const first = i;
  for (; i < end; i++) {
    const code = text.charCodeAt(i);
    const w = WS_BMP[code] as number;
    let a = AO3_BMP[code] as number;
    if (w <= Ws.Separator) {
      ws += wsPrev & (w ^ 1);
      wsPrev = w;
      separators += w;
      if (a <= Ao3.Separator) {
        ao3 += ao3Prev & (a ^ 1);
        ao3Prev = a;
        continue;
      }
      if (a === Ao3.Deleted) continue;
      if (a === Ao3.Hyphen) {
        if (i + 1 < end && text.charCodeAt(i + 1) === 0x2d) {
          // `--`: an AO3 separator; to wc the second half only continues the word.
          i++;
          ao3Prev = 1;
        }
        continue;
      }
      // Single
      ao3++;
      ao3Prev = 1;
      continue;
    }
    if (w === Ws.Invisible) {
      // Invisible to wc; to AO3 a separator, a word character or one of the scripts.
      if (a <= Ao3.Separator) {
        ao3 += ao3Prev & (a ^ 1);
        ao3Prev = a;
      } else {
        ao3++;
        ao3Prev = 1;
      }
      continue;
    }
    // A surrogate.
    const next = i + 1 < end ? text.charCodeAt(i + 1) : 0;
    if (code > 0xdbff || next < 0xdc00 || next > 0xdfff) {
      // A lone surrogate reads as U+FFFD: printable to wc, a separator to AO3.
      ws += wsPrev;
      wsPrev = 0;
      ao3Prev = 1;
      continue;
    }
    i++;
    pairs++;
    const cp = pairCodePoint(code, next);
    if (wsAstral(cp) === Ws.Word) {
      ws += wsPrev;
      wsPrev = 0;
    }
    a = ao3Astral(cp);
    if (a <= Ao3.Separator) {
      ao3 += ao3Prev & (a ^ 1);
      ao3Prev = a;
    } else {
      ao3++;
      ao3Prev = 1;
    }
  }
  const characters = (end > first ? end - first : 0) - pairs;
  return { whitespace: ws, ao3, characters, nonSpace: characters - separators };
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
  end = clampEnd(text, end);
  let characters = 0;
  let separators = 0;
  for (let i = start > 0 ? start : 0; i < end; i++) {
    const code = text.charCodeAt(i);
    characters++;
    if (WS_BMP[code] === Ws.Separator) separators++;
    // A pair is one code point.
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < end) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return { characters, nonSpace: characters - separators };
}

/** The word counts of UTF-8 bytes, exactly those of `measure` over the text they decode
 * to, without decoding them: a chapter read from disk is counted straight from its bytes,
 * which costs less than turning them into a string. A byte sequence that is not UTF-8
 * counts as the U+FFFD a decoder makes of it (one per maximal invalid subpart, as the
 * WHATWG decoder and Node's do; how many there are never changes a count). */
export function measureBytes(bytes: Uint8Array, start = 0, end = bytes.length): WordsFigures {
  if (end > bytes.length) end = bytes.length;
  if (end - start >= WASM_FROM_BYTES) {
    const wasm = wasmCounter();
    if (wasm) {
      try {
        return wasm.measure(bytes, start, end);
      } catch {
        setAside();
      }
    }
  }
  return measureBytesJs(bytes, start, end);
}

/** The same in JavaScript: for short runs (a line a note starts with), where WebAssembly
 * is not available, and as the reference the WebAssembly counter is tested against. */
export function measureBytesJs(bytes: Uint8Array, start = 0, end = bytes.length): WordsFigures {
  if (end > bytes.length) end = bytes.length;
  let ws = 0;
  let wsPrev = 1;
  let ao3 = 0;
  let ao3Prev = 1;
  let i = start > 0 ? start : 0;
  while (i < end) {
    if (i + 1 < end) {
      // Two bytes at once while both are letters or spaces to both methods: most of a story.
      const p = ALIKE_PAIRS[(bytes[i] as number) | ((bytes[i + 1] as number) << 8)] as number;
      if (p < 4) {
        const k1 = p & 1;
        const k2 = p >> 1;
        // A word starts at the first byte after a non-word, or at the second after a space.
        const inside = k1 & (k2 ^ 1);
        ws += (wsPrev & (k1 ^ 1)) + inside;
        ao3 += (ao3Prev & (k1 ^ 1)) + inside;
        wsPrev = k2;
        ao3Prev = k2;
        i += 2;
        continue;
      }
    }
    const b = bytes[i] as number;
    let cp: number;
    if (b < 0x80) {
      // Letters and spaces, the bulk of a story, are alike to both methods: one test.
      const k = ASCII_ALIKE[b] as number;
      if (k <= 1) {
        i++;
        ws += wsPrev & (k ^ 1);
        wsPrev = k;
        ao3 += ao3Prev & (k ^ 1);
        ao3Prev = k;
        continue;
      }
      // ASCII, nearly every byte of a story: its own classes, no decoding.
      const w = WS_BMP[b] as number;
      const a = AO3_BMP[b] as number;
      i++;
      if (w !== Ws.Invisible) {
        ws += wsPrev & (w ^ 1);
        wsPrev = w;
      }
      if (a <= Ao3.Separator) {
        ao3 += ao3Prev & (a ^ 1);
        ao3Prev = a;
      } else if (a === Ao3.Hyphen) {
        if (i < end && bytes[i] === 0x2d) {
          // `--`: an AO3 separator; to wc the second half only continues the word.
          i++;
          ao3Prev = 1;
        }
      } else if (a !== Ao3.Deleted) {
        ao3++;
        ao3Prev = 1;
      }
      continue;
    }
    cp = decodeAt(bytes, i, end);
    i += cp >>> 21;
    cp &= 0x1fffff;
    const w = cp < 0x10000 ? (WS_BMP[cp] as number) : wsAstral(cp) === Ws.Word ? Ws.Word : Ws.Invisible;
    const a = cp < 0x10000 ? (AO3_BMP[cp] as number) : ao3Astral(cp);
    if (w !== Ws.Invisible) {
      ws += wsPrev & (w ^ 1);
      wsPrev = w;
    }
    if (a <= Ao3.Separator) {
      ao3 += ao3Prev & (a ^ 1);
      ao3Prev = a;
    } else if (a !== Ao3.Deleted) {
      // Single (a decoded code point is never a hyphen nor half of a pair).
      ao3++;
      ao3Prev = 1;
    }
  }
  return { whitespace: ws, ao3 };
}

/** An ASCII byte that is a word character to both methods (0), a separator to both (1),
 * or something else (2). */
const ASCII_ALIKE = new Uint8Array(0x80).map((_, b) => {
  const w = WS_BMP[b] as number;
  const a = AO3_BMP[b] as number;
  return w === Ws.Word && a === Ao3.Word ? 0 : w === Ws.Separator && a === Ao3.Separator ? 1 : 2;
});

/** Two bytes (the first in the low 8 bits): both alike (ASCII_ALIKE 0 or 1) as
 * `first | second << 1`, else 4. */
const ALIKE_PAIRS = new Uint8Array(0x10000).fill(4);
for (let a = 0; a < 0x80; a++) {
  for (let b = 0; b < 0x80; b++) {
    const k1 = ASCII_ALIKE[a] as number;
    const k2 = ASCII_ALIKE[b] as number;
    if (k1 <= 1 && k2 <= 1) ALIKE_PAIRS[a | (b << 8)] = k1 | (k2 << 1);
  }
}

export interface WordsFigures {
  whitespace: number;
  ao3: number;
}

/** The code point of the UTF-8 sequence at `i` (lead byte 0x80 or above), U+FFFD for an
 * invalid one, with the bytes it takes shifted left by 21. */
function decodeAt(bytes: Uint8Array, i: number, end: number): number {
  const b = bytes[i] as number;
  const bad = 0xfffd | (1 << 21);
  const cont = (k: number, lo = 0x80, hi = 0xbf): number => {
    if (i + k >= end) return -1;
    const c = bytes[i + k] as number;
    return c >= lo && c <= hi ? c & 0x3f : -1;
  };
  if (b >= 0xc2 && b <= 0xdf) {
    const c1 = cont(1);
    return c1 < 0 ? bad : (((b & 0x1f) << 6) | c1) | (2 << 21);
  }
  if (b >= 0xe0 && b <= 0xef) {
    const c1 = cont(1, b === 0xe0 ? 0xa0 : 0x80, b === 0xed ? 0x9f : 0xbf);
    if (c1 < 0) return bad;
    const c2 = cont(2);
    if (c2 < 0) return 0xfffd | (2 << 21);
    return (((b & 0x0f) << 12) | (c1 << 6) | c2) | (3 << 21);
  }
  if (b >= 0xf0 && b <= 0xf4) {
    const c1 = cont(1, b === 0xf0 ? 0x90 : 0x80, b === 0xf4 ? 0x8f : 0xbf);
    if (c1 < 0) return bad;
    const c2 = cont(2);
    if (c2 < 0) return 0xfffd | (2 << 21);
    const c3 = cont(3);
    if (c3 < 0) return 0xfffd | (3 << 21);
    return (((b & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3) | (4 << 21);
  }
  return bad;
}

/** The code point at `i` of UTF-8 bytes and how many bytes it takes (U+FFFD for an invalid
 * sequence), for callers that look at a line's first character without decoding it. */
export function codePointAtBytes(bytes: Uint8Array, i: number, end = bytes.length): { codePoint: number; length: number } {
  const b = bytes[i] as number;
  if (b < 0x80) return { codePoint: b, length: 1 };
  const r = decodeAt(bytes, i, end);
  return { codePoint: r & 0x1fffff, length: r >>> 21 };
}

// ---------------------------------------------------------------------------------------
// The byte counter in WebAssembly (count.wat): the same counts as measureBytesJs, two to
// five times as fast, which is what lets indexing a workspace of chapters keep up with
// `wc -w`. Built on first use; where WebAssembly is missing or refused (a content policy
// on the web), the JavaScript counter does the work.

/** Shorter runs are counted in JavaScript: copying them over costs more than it saves. */
const WASM_FROM_BYTES = 256;
/** Bytes copied into the module's memory at a time. */
const WINDOW = 1 << 20;
/** How far past a window's size its end may move to find a place to cut. */
const WINDOW_SLACK = 4096;
/** Where things are in its memory (count.wat says what each holds). */
const FIRST = 0x40000;
const HEADS = 0x40100;
const PAIRS = 0x44100;
const INPUT = 0x50000;
/** count.wat's class table: the character's line-start answer was asked, and was yes. */
const ASKED = 1 << 30;
const STARTS = 1 << 31;
const PAGE = 0x10000;

// The little of the WebAssembly API used here, typed here: the service is compiled
// against neither the DOM's library nor Node's, and both hosts have it.
interface WasmApi {
  Module: new (binary: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}
interface WasmGlobal {
  value: number;
}
interface CounterExports {
  memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  ws: WasmGlobal;
  ao3: WasmGlobal;
  /** Bit 0: the last character was a word character to wc; bit 16: to AO3. */
  p: WasmGlobal;
  /** Where heads goes on from. */
  next: WasmGlobal;
  run(from: number, end: number): number;
  heads(from: number, end: number, atLineStart: number): number;
}

/** What a character does to each count, as count.wat's table holds it. */
function tableEntry(w: number, a: number): number {
  return (
    (w === Ws.Word ? 1 : 0) |
    (w === Ws.Invisible ? 1 << 8 : 0) |
    (a === Ao3.Word ? 1 << 16 : 0) |
    (a === Ao3.Deleted ? 1 << 24 : 0) |
    (a === Ao3.Single ? 1 << 28 : 0)
  );
}

class WasmCounter {
  private x: CounterExports;
  private bytes: Uint8Array;
  /** Whose line-start tables are in its memory now. */
  private starts: LineStarts | null = null;

  constructor(wasm: WasmApi) {
    const binary = Uint8Array.from(atob(COUNT_WASM), (c) => c.charCodeAt(0));
    const imports = { lines: { startsLine: (cp: number) => (this.starts?.nonAscii(cp) ? 1 : 0) } };
    this.x = new wasm.Instance(new wasm.Module(binary), imports).exports as CounterExports;
    this.bytes = new Uint8Array(this.x.memory.buffer);
    const table = new Int32Array(this.x.memory.buffer, 0, 0x10000);
    for (let cp = 0; cp < 0x10000; cp++) table[cp] = tableEntry(WS_BMP[cp] as number, AO3_BMP[cp] as number);
  }

  measure(bytes: Uint8Array, start: number, end: number): WordsFigures {
    return this.scan(bytes, start, end, null) ?? measureBytesJs(bytes, start, end);
  }

  /** The counts, and with `lines` the lines that may be furniture (see scanBytes); null
   * for bytes it will not take. */
  scan(bytes: Uint8Array, start: number, end: number, lines: { starts: LineStarts; atLineStart: boolean; heads: number[] } | null): WordsFigures | null {
    const x = this.x;
    x.ws.value = 0;
    x.ao3.value = 0;
    x.p.value = 0;
    if (lines && lines.starts !== this.starts) {
      this.bytes.set(lines.starts.ascii, FIRST);
      this.bytes.set(lines.starts.pairs, PAIRS);
      // Answers another caller's rules gave are not this one's (the first rules find none).
      if (this.starts) {
        const table = new Int32Array(x.memory.buffer, 0, 0x10000);
        for (let cp = 0x80; cp < 0x10000; cp++) table[cp] = (table[cp] as number) & ~(ASKED | STARTS);
      }
      this.starts = lines.starts;
    }
    for (let from = start; from < end; ) {
      // A window never ends inside a UTF-8 sequence (before a continuation byte) nor just
      // after a `-` (the next may make `--`): the state carries over everything else.
      let to = end - from > WINDOW ? from + WINDOW : end;
      while (to < end && (((bytes[to] as number) & 0xc0) === 0x80 || bytes[to - 1] === 0x2d)) to++;
      // Megabytes of dashes or of stray continuation bytes leave no place to cut: not a
      // story, and not worth memory the module would hold from then on. JavaScript counts it.
      if (to - from > WINDOW + WINDOW_SLACK) return null;
      const length = to - from;
      if (INPUT + length > this.bytes.length) {
        x.memory.grow(Math.ceil((INPUT + length - this.bytes.length) / PAGE));
        this.bytes = new Uint8Array(x.memory.buffer);
      }
      this.bytes.set(bytes.subarray(from, to), INPUT);
      for (let i = x.run(0, length); i < length; i = x.run(i, length)) i = this.character(i, length);
      if (lines) {
        const prev = bytes[from - 1];
        let atStart = from === start ? lines.atLineStart : prev === 0x0a || prev === 0x0d;
        const found = new Int32Array(x.memory.buffer, HEADS, 4096);
        for (let i = 0; i < length; atStart = true) {
          const n = x.heads(i, length, atStart ? 1 : 0);
          for (let k = 0; k < n; k++) lines.heads.push(from + (found[k] as number));
          i = x.next.value;
        }
      }
      from = to;
    }
    return { whitespace: x.ws.value, ao3: x.ao3.value };
  }

  /** For the tests: every call into the module fails from now on. */
  trap(): void {
    // The module's exports are frozen: a copy with a run that traps.
    const run = (): number => {
      throw new Error('unreachable (a trap, for the tests)');
    };
    this.x = { ...this.x, run };
  }

  /** A character the module hands back (astral, or not UTF-8) at `i` of the window of
   * `length` bytes, counted as measureBytesJs counts it; where the next one starts. */
  private character(i: number, length: number): number {
    const x = this.x;
    let cp = decodeAt(this.bytes, INPUT + i, INPUT + length);
    const next = i + (cp >>> 21);
    cp &= 0x1fffff;
    const w = cp < 0x10000 ? (WS_BMP[cp] as number) : wsAstral(cp) === Ws.Word ? Ws.Word : Ws.Invisible;
    const a = cp < 0x10000 ? (AO3_BMP[cp] as number) : ao3Astral(cp);
    let p = x.p.value;
    if (w !== Ws.Invisible) {
      if (w === Ws.Word && !(p & 1)) x.ws.value++;
      p = w === Ws.Word ? p | 1 : p & ~1;
    }
    if (a <= Ao3.Separator) {
      if (a === Ao3.Word && !(p & 0x10000)) x.ao3.value++;
      p = a === Ao3.Word ? p | 0x10000 : p & ~0x10000;
    } else if (a !== Ao3.Deleted) {
      x.ao3.value++;
      p &= ~0x10000;
    }
    x.p.value = p;
    return next;
  }
}

/** The host's WebAssembly, if it has one. */
function wasmApi(): WasmApi | undefined {
  return (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
}

/** undefined: not tried yet; null: WebAssembly is not there, was refused, or failed. */
let counter: WasmCounter | null | undefined;

/** The module failed (a trap would be a bug in it): from now on JavaScript counts, so that
 * no chapter is ever lost to it. */
function setAside(): void {
  counter = null;
}

function wasmCounter(): WasmCounter | null {
  if (counter === undefined) {
    try {
      const wasm = wasmApi();
      counter = wasm ? new WasmCounter(wasm) : null;
    } catch {
      counter = null;
    }
  }
  return counter;
}

/** Which lines scanBytes lists, by their first character after spaces (ASCII spaces and
 * tabs): the caller's rules, which may say yes too often but never no to a line it wants. */
export interface LineStarts {
  /** Per ASCII byte: 0 never, 1 yes, 2 when `pairs` says yes for the byte after it. */
  readonly ascii: Uint8Array;
  /** Per (first << 7 | next), both ASCII, for the bytes marked 2. */
  readonly pairs: Uint8Array;
  /** For a character from U+0080 (asked once per character, for the same LineStarts). */
  nonAscii(codePoint: number): boolean;
}

/** The counts of UTF-8 bytes (as measureBytes), and where the lines start that `starts`
 * says yes to, or that run past `end` before their first character; blank lines never.
 * A line starts at `start` when `atLineStart`, and after each \n and each \r. Null where
 * WebAssembly is not there (or for bytes no story holds, megabytes of dashes): the caller
 * then reads every line itself. */
export function scanBytes(bytes: Uint8Array, start: number, end: number, atLineStart: boolean, starts: LineStarts): { figures: WordsFigures; heads: number[] } | null {
  const wasm = wasmCounter();
  if (!wasm) return null;
  const heads: number[] = [];
  try {
    const figures = wasm.scan(bytes, start, end > bytes.length ? bytes.length : end, { starts, atLineStart, heads });
    return figures && { figures, heads };
  } catch {
    setAside();
    return null;
  }
}

/** Which counter measureBytes uses for runs of bytes long enough: for the tests and the
 * bench, which must know that the WebAssembly one is the one they measure. */
export function byteCounter(): 'webassembly' | 'javascript' {
  return wasmCounter() ? 'webassembly' : 'javascript';
}

/** For the tests: off, measureBytes and scanBytes do what a host without WebAssembly
 * does (the JavaScript counter, every line read); on again, the module is rebuilt;
 * 'failing', a module that traps, which must be set aside without losing a count. */
export function useWebAssembly(on: boolean | 'failing'): void {
  counter = on === 'failing' ? failingCounter() : on ? undefined : null;
}

/** A counter whose module traps on every call, as a bug in it would. */
function failingCounter(): WasmCounter | null {
  const wasm = wasmApi();
  if (!wasm) return null;
  const failing = new WasmCounter(wasm);
  failing.trap();
  return failing;
}
