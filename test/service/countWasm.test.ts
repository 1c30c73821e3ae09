// The WebAssembly byte counter (count.wat) must count exactly as the JavaScript one
// (measureBytesJs, itself held to the text path by workBytes.test.ts), on any bytes at
// all: prose, punctuation, every class of character, broken UTF-8, and inputs longer than
// the window the bytes are copied in by, cut wherever a window may end. And the bytes that
// ship (countModule.ts) must be the compiled source beside them.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import fc from 'fast-check';
import { byteCounter, measureBytes, measureBytesJs, useWebAssembly } from '../../server/src/service/text/count';
import { summariseBytes } from '../../server/src/service/work/summaryBytes';
import { repoRoot } from '../support/repo';

const encoder = new TextEncoder();
const utf8 = (s: string) => encoder.encode(s);

/** Pieces of text, as UTF-8: what the eight-byte step takes, and everything it hands on. */
const PIECES = [
  'word', 'Tamsin', 'a', 'I', '1,204', '3.5', 'x_y',
  ' ', '  ', '\n', '\r\n', '\r', '\t', '\v', '\f',
  '.', ',', '!', '?', '"', ';', ':', '(', ')', '*', '#', '~', '/',
  "'", "don't", "'tis", "rock 'n' roll", '-', '--', '---', 'well-worn', 'a - b', 'end-',
  '\u0000', '\u0001', '\u001f', '\u007f',
  '“', '”', '‘', '’', 'don’t', '—', '–', '…', 'é', 'naïve', 'Ⅻ', 'Ⓐ', '\u00a0', '\u00ad', '\u0085',
  '\u2000', '\u200b', '\u2028', '\u2060', '\u3000', '\ufeff', '\ufffd',
  '漢字', 'ひらがな', 'カタカナ', 'ภาษาไทย', '한국어',
  '😀', '𝐀𝐁', '𠀀', '👩‍👩‍👧', '\u{1f3fb}', '\u{e0001}', '\u{10ffff}',
];
/** Bytes that are not UTF-8: stray continuations, truncated sequences, overlongs,
 * surrogates, and lead bytes that never start one. */
const BROKEN = [[0x80], [0xbf], [0xc0, 0x80], [0xc1, 0xbf], [0xc2], [0xdf], [0xe0, 0x80, 0x80], [0xe0, 0xa0], [0xe2, 0x80],
  [0xed, 0xa0, 0x80], [0xed, 0xbf, 0xbf], [0xef, 0xbf], [0xf0, 0x80, 0x80, 0x80], [0xf0, 0x9f, 0x98], [0xf4, 0x90, 0x80, 0x80],
  [0xf5, 0x80], [0xf8], [0xfe], [0xff]].map((b) => Uint8Array.from(b));

const piece = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom(...PIECES).map(utf8) },
  { weight: 2, arbitrary: fc.constantFrom(...BROKEN) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }).map(utf8) },
);
const bytesOf = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const anyBytes = fc.array(piece, { maxLength: 400 }).map(bytesOf);

function same(bytes: Uint8Array, start = 0, end = bytes.length): void {
  assert.deepEqual(measureBytes(bytes, start, end), measureBytesJs(bytes, start, end));
}

describe('the WebAssembly byte counter', () => {
  it('is the one in use here (Node has WebAssembly)', () => {
    assert.equal(byteCounter(), 'webassembly');
  });

  it('ships the bytes count.wat compiles to', () => {
    execFileSync(process.execPath, [join(repoRoot(), 'scripts', 'build-wasm.mjs'), '--check'], { stdio: 'pipe' });
  });

  it('counts as the JavaScript counter on any bytes (3,000 generated runs)', () => {
    fc.assert(fc.property(anyBytes, (bytes) => same(bytes)), { numRuns: 3000 });
  });

  it('counts as the JavaScript counter on any part of them', () => {
    const withRange = fc.tuple(anyBytes, fc.nat(), fc.nat()).map(([bytes, x, y]) => {
      const a = bytes.length ? x % (bytes.length + 1) : 0;
      const b = bytes.length ? y % (bytes.length + 1) : 0;
      return { bytes, start: Math.min(a, b), end: Math.max(a, b) };
    });
    fc.assert(fc.property(withRange, ({ bytes, start, end }) => same(bytes, start, end)), { numRuns: 2000 });
  });

  it('every character of the BMP, alone and between words (the class table)', () => {
    const parts: string[] = [];
    for (let cp = 0; cp < 0x10000; cp++) {
      if (cp >= 0xd800 && cp < 0xe000) continue;
      const c = String.fromCharCode(cp);
      parts.push(`a${c}b ${c} ${c}${c}a`);
    }
    // In runs of a few hundred characters, so a miscount points at its neighbourhood.
    for (let i = 0; i < parts.length; i += 200) same(utf8(parts.slice(i, i + 200).join(' ')));
  });

  it('a module that fails is set aside, and every count is still made (in JavaScript)', () => {
    const story = utf8(`Title: T\n\nA/N: a note\n\n${'One “two” three -- four. '.repeat(200)}\n\n* * *\n\nThe End\n`);
    const expected = summariseBytes('file:///w/x.fic', story);
    try {
      useWebAssembly('failing');
      assert.equal(byteCounter(), 'webassembly');
      assert.deepEqual(measureBytes(story), measureBytesJs(story));
      assert.equal(byteCounter(), 'javascript', 'set aside after its first failure');
      useWebAssembly('failing');
      assert.deepEqual(summariseBytes('file:///w/x.fic', story), expected);
      assert.equal(byteCounter(), 'javascript');
    } finally {
      useWebAssembly(true);
    }
  });

  it('inputs longer than a window, cut inside sequences, dashes and words', () => {
    const MB = 1 << 20;
    const fill = (length: number, unit: string) => utf8(unit.repeat(Math.ceil(length / utf8(unit).length))).subarray(0, length);
    const around = (unit: string, at: number) => {
      // `unit` repeated across the first window's end, whatever its phase there.
      for (let shift = 0; shift < 8; shift++) {
        const bytes = bytesOf([fill(at - 40 + shift, 'prose words '), fill(200, unit), fill(300, ' more words')]);
        same(bytes);
      }
    };
    for (const unit of ['—', '😀', '-', '--x', "'", 'é', 'x', '\u0085', 'a\u3000', '\r\n']) around(unit, MB);
    // One long word, no space anywhere; a long run of broken bytes; three windows of prose.
    same(fill(3 * MB + 7, 'y'));
    same(bytesOf([fill(MB - 3, 'z'), Uint8Array.from([0xe2, 0x80]), fill(10, ' w')]));
    same(bytesOf([fill(MB - 1, 'z'), new Uint8Array(5000).fill(0x80), fill(10, ' w')]));
    same(fill(3 * MB + 11, 'don’t stop -- the well-worn stair; ’tis 潮 😀 '));
    // Megabytes with no place to cut a window (dashes, stray continuation bytes): counted
    // all the same (by the JavaScript counter, which the module hands them to).
    same(bytesOf([fill(10, 'a b '), new Uint8Array(2 * MB + 3).fill(0x2d), fill(10, ' c d')]));
    same(bytesOf([fill(MB - 7, 'e f '), new Uint8Array(2 * MB).fill(0x80), fill(10, ' g h')]));
  });
});
