// The summary of a chapter read from disk, taken from its UTF-8 bytes. Decoding a whole
// chapter into a string costs as much as counting it twice, and the summary needs only the
// header and a few lines of the body as text: the header is decoded (it is small), the
// body is counted straight from the bytes (measureBytes), and a body line is decoded only
// when its first characters say it may be an author's note, a scene break, a chapter
// heading or the closing line. Each decoded line then goes through the very tests of the
// text path (summary.ts), so the figures are exactly those of the decoded text.
//
// A large chapter is taken in slices: the generator yields between them, and the caller
// (the index) can let the editor's messages in before the next one.

import { headerLines, parseHeader } from '../header/document';
import { codePointAtBytes, measureBytes, scanBytes, type LineStarts } from '../text/count';
import { isBlank, isChapterHeading, isSceneBreak, isTrailer, openingTitle } from '../text/lines';
import { MAX_HEADER_LINES, opensNote, summariseText, summary, type ChapterSummary } from './summary';

/** About this many bytes (a few milliseconds of counting) between two yields. */
export const SLICE_BYTES = 1 << 20;

// ignoreBOM: a U+FEFF inside the text is text; the file's own BOM is skipped before.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** The summary of a chapter's bytes, at once. Equal to summariseText of the decoded text. */
export function summariseBytes(uri: string, bytes: Uint8Array): ChapterSummary {
  const steps = summaryInSlices(uri, bytes);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The same, yielding after each slice of about `sliceBytes` bytes of the body. */
export function* summaryInSlices(uri: string, bytes: Uint8Array, sliceBytes = SLICE_BYTES): Generator<void, ChapterSummary, void> {
  const end = bytes.length;
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const decode = (from: number, to: number) => decoder.decode(bytes.subarray(from, to));
  // Line ends: the next \n from indexOf (a memchr on Node's buffers), the next \r looked
  // up again only once passed (or when asked about an earlier line), so a file without
  // one is searched for it once.
  let crFrom = start;
  let cr = bytes.indexOf(13, start);
  const lineEnd = (from: number): number => {
    const lf = bytes.indexOf(10, from);
    if (from < crFrom || (cr >= 0 && cr < from)) {
      cr = bytes.indexOf(13, from);
      crFrom = from;
    }
    const stop = lf < 0 ? end : lf;
    return cr >= 0 && cr < stop ? cr : stop;
  };
  const nextLine = (e: number): number => (e >= end ? end : e + (bytes[e] === 13 && bytes[e + 1] === 10 ? 2 : 1));
  const blank = (from: number, to: number): boolean => {
    for (let i = from; i < to; i++) {
      const b = bytes[i] as number;
      if (b === 0x20 || b === 0x09 || b === 0x0b || b === 0x0c) continue;
      return b < 0x80 ? false : isBlank(decode(from, to));
    }
    return true;
  };

  // The header's region, as the text path bounds it.
  const starts: number[] = [];
  let at = start;
  let phase = 0;
  while (at < end && phase < 3) {
    if (starts.length > MAX_HEADER_LINES) return summariseText(uri, decode(0, end));
    const e = lineEnd(at);
    const isBlankLine = blank(at, e);
    starts.push(at);
    if (phase === 0 && !isBlankLine) phase = 1;
    else if (phase === 1 && isBlankLine) phase = 2;
    else if (phase === 2 && !isBlankLine) phase = 3;
    at = nextLine(e);
  }
  const regionEnd = at;
  const headText = headerLines(decode(start, regionEnd));
  const header = parseHeader(headText);
  let bodyStart = start;
  if (header) {
    // The cases the text path hands to the whole model: the same, from the whole text.
    if (header.terminatorLine !== null && !isBlank(headText.lineAt(header.terminatorLine))) return summariseText(uri, decode(0, end));
    bodyStart = header.bodyStartLine < starts.length ? (starts[header.bodyStartLine] as number) : regionEnd;
  }

  let ws = 0;
  let ao3 = 0;
  const subtract = (from: number, to: number) => {
    const m = measureBytes(bytes, from, to);
    ws -= m.whitespace;
    ao3 -= m.ao3;
  };
  const noteSpans: [number, number][] = [];
  /** Where a note whose first line ends at `firstEnd` ends: before the next blank line. */
  const noteEnd = (firstEnd: number): number => {
    let last = firstEnd;
    for (let next = nextLine(firstEnd); next < end; ) {
      const e = lineEnd(next);
      if (blank(next, e)) break;
      last = e;
      next = nextLine(e);
    }
    return last;
  };
  /** A note from its first line, taken out of the count; where to go on. */
  const noteAt = (first: number, firstEnd: number): number => {
    const last = noteEnd(firstEnd);
    noteSpans.push([first, last]);
    subtract(first, last);
    return nextLine(last);
  };

  /** The line at `pos`, when it is a note, a scene break or a heading, taken out of the
   * count; where the next line to look at starts (past a note's last line). */
  const furnitureAt = (pos: number): number => {
    const e = lineEnd(pos);
    if (mayBeFurniture(bytes, pos, e)) {
      const line = decode(pos, e);
      if (opensNote(line)) return noteAt(pos, e);
      if (isSceneBreak(line) || isChapterHeading(line)) subtract(pos, e);
    }
    return nextLine(e);
  };

  // The body's first line that is neither blank nor a note, and the title it gives when it
  // is a chapter heading: the lines before it are walked here (the count below looks only
  // at lines that may be furniture), and the tests are the text path's, on decoded lines.
  let opening = -1;
  let heading: string | null = null;
  for (let at = bodyStart; at < end && opening < 0; ) {
    const e = lineEnd(at);
    if (blank(at, e)) {
      at = nextLine(e);
      continue;
    }
    // Prose (mayBeFurniture is never false for a heading or a note) opens the story untitled.
    const line = mayBeFurniture(bytes, at, e) ? decode(at, e) : null;
    if (line === null || !opensNote(line)) {
      opening = at;
      heading = line === null ? null : openingTitle(line);
      break;
    }
    at = nextLine(noteEnd(e));
  }

  // The count, in slices cut just after a space (where neither method is inside a word),
  // so that even a chapter without line breaks can be taken in parts. Each slice is
  // counted in one pass that also finds the few lines whose first character may start
  // furniture (scanBytes); only those are looked at here.
  let scanned = true;
  let pos = bodyStart;
  for (let from = bodyStart; from < end; ) {
    const to = sliceEndAfter(bytes, from, sliceBytes);
    const previous = bytes[from - 1];
    const scan = scanBytes(bytes, from, to, from === bodyStart || previous === 0x0a || previous === 0x0d, furnitureStarts());
    if (!scan) {
      scanned = false;
      break;
    }
    ws += scan.figures.whitespace;
    ao3 += scan.figures.ao3;
    for (const head of scan.heads) if (head >= pos) pos = furnitureAt(head);
    from = to;
    if (from < end) yield;
  }
  if (!scanned) {
    // No WebAssembly: every line looked at, then the count, as two passes.
    ws = 0;
    ao3 = 0;
    noteSpans.length = 0;
    let sliceEnd = bodyStart + sliceBytes;
    for (let at = bodyStart; at < end; ) {
      if (at >= sliceEnd) {
        yield;
        sliceEnd = at + sliceBytes;
      }
      at = furnitureAt(at);
    }
    for (let from = bodyStart; from < end; ) {
      const to = sliceEndAfter(bytes, from, sliceBytes);
      const m = measureBytes(bytes, from, to);
      ws += m.whitespace;
      ao3 += m.ao3;
      from = to;
      if (from < end) yield;
    }
  }

  // The closing line: the last non-blank line, unless it ends a note.
  const last = lastNonBlankLine(bytes, bodyStart, blank);
  // A trailer is at most 60 characters, and no character is more than 3 bytes a unit.
  if (last && last.end - last.start <= 180 && !noteSpans.some(([a, b]) => last.start >= a && last.start <= b) && isTrailer(decode(last.start, last.end))) {
    subtract(last.start, last.end);
    // A closing line is out of the story, so it opens nothing.
    if (last.start === opening) heading = null;
  }
  return summary(uri, header, { whitespace: ws, ao3 }, heading);
}

/** Where a slice that starts at `from` ends: about `size` bytes on, just after a space or
 * a line break, or at the end. */
function sliceEndAfter(bytes: Uint8Array, from: number, size: number): number {
  let to = from + size;
  if (to >= bytes.length) return bytes.length;
  while (to < bytes.length && !isCutByte(bytes[to - 1] as number)) to++;
  return to;
}

/** A space or a line break: both methods end a word there and carry nothing past it. */
function isCutByte(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

// Whether a character may start a scene break (the text test on a short run of it), by
// code point, for the few first characters it is asked about.
const breakStarts = new Map<number, boolean>();
function mayStartBreak(cp: number): boolean {
  let known = breakStarts.get(cp);
  if (known === undefined) {
    const c = String.fromCodePoint(cp);
    known = isSceneBreak(`${c}o${c}`) || isSceneBreak(c);
    breakStarts.set(cp, known);
  }
  return known;
}

const SPACE = /^\s$/u;
const spaces = new Map<number, boolean>();
function isSpace(cp: number): boolean {
  let known = spaces.get(cp);
  if (known === undefined) {
    known = SPACE.test(String.fromCodePoint(cp));
    spaces.set(cp, known);
  }
  return known;
}

/** For scanBytes: the lines mayBeFurniture may say yes to, by their first characters. */
let lineStarts: LineStarts | null = null;
function furnitureStarts(): LineStarts {
  if (!lineStarts) {
    const ascii = new Uint8Array(128);
    const pairs = new Uint8Array(128 * 128);
    for (let b = 0x21; b < 0x7f; b++) if (mayStartBreak(b)) ascii[b] = 1;
    for (const c of '([*_~#') ascii[c.charCodeAt(0)] = 1;
    // A letter: the note and heading words by their first two letters (mayBeFurniture's).
    const second: Record<string, string> = { a: '/nuf', n: 'o', e: 'np', c: 'ho', p: 'ar', b: 'o', f: 'o', i: 'n' };
    for (const [first, nexts] of Object.entries(second)) {
      for (const f of [first, first.toUpperCase()]) {
        const b = f.charCodeAt(0);
        if (ascii[b] === 1) continue;
        ascii[b] = 2;
        for (let n = 0; n < 0x80; n++) {
          // As mayBeFurniture reads the next byte: lower-cased by | 0x20; a line break ends the line.
          if (n !== 0x0a && n !== 0x0d && nexts.includes(String.fromCharCode(n | 0x20))) pairs[(b << 7) | n] = 1;
        }
      }
    }
    lineStarts = { ascii, pairs, nonAscii: (cp) => isSpace(cp) || mayStartBreak(cp) };
  }
  return lineStarts;
}

/** The first words of a note (a/n, an:, author's note, notes:, end notes) and of a
 * chapter heading (lines.ts), lower case, by initial letter. */
const NOTE_WORDS_BY_INITIAL = byInitial(['a/n', 'an:', 'author', 'note', 'end']);
const HEADING_WORDS_BY_INITIAL = byInitial(['chapter', 'ch.', 'part', 'book', 'prologue', 'epilogue', 'interlude', 'coda', 'afterword', 'foreword']);

function byInitial(words: string[]): string[][] {
  const table: string[][] = Array.from({ length: 26 }, () => []);
  for (const w of words) (table[w.charCodeAt(0) - 0x61] as string[]).push(w);
  return table;
}

/** Whether the bytes at `i` (before `to`) spell `word`, ASCII letters in either case. */
function startsWithWord(bytes: Uint8Array, i: number, to: number, word: string): boolean {
  if (to - i < word.length) return false;
  for (let k = 0; k < word.length; k++) {
    const b = bytes[i + k] as number;
    const w = word.charCodeAt(k);
    if (b !== w && !(w >= 0x61 && w <= 0x7a && (b | 0x20) === w)) return false;
  }
  return true;
}

/** Whether a line (bytes `from` to `to`) may be a note's first line, a scene break or a
 * chapter heading, judged from its first characters: true sends it to the text tests, so
 * this may say true too often but never false for a line that is one. Every one of those
 * lines starts, after spaces, with an opener `([*_~`, a `#`, a character scene breaks are
 * made of, or the first two letters of a note word or heading word. */
function mayBeFurniture(bytes: Uint8Array, from: number, to: number): boolean {
  let i = from;
  let cp = 0;
  while (i < to) {
    const b = bytes[i] as number;
    if (b === 0x20 || b === 0x09 || b === 0x0b || b === 0x0c) {
      i++;
      continue;
    }
    const c = codePointAtBytes(bytes, i, to);
    cp = c.codePoint;
    if (b >= 0x80 && isSpace(cp)) {
      i += c.length;
      continue;
    }
    break;
  }
  if (i >= to) return false; // blank
  // Openers (a note may follow them) and `#` (a Markdown heading or a lone break).
  if (cp === 0x28 || cp === 0x5b || cp === 0x2a || cp === 0x5f || cp === 0x7e || cp === 0x23) return true;
  const lower = cp | 0x20;
  if (lower >= 0x61 && lower <= 0x7a) {
    // The words a note or a heading starts with (lines.ts), case aside: a heading is at
    // most 120 characters, 360 bytes.
    for (const word of NOTE_WORDS_BY_INITIAL[lower - 0x61] as string[]) if (startsWithWord(bytes, i, to, word)) return true;
    if (to - from <= 360) for (const word of HEADING_WORDS_BY_INITIAL[lower - 0x61] as string[]) if (startsWithWord(bytes, i, to, word)) return true;
  }
  if (!mayStartBreak(cp)) return false;
  // A scene break is at most 40 characters once trimmed: when both ends are ASCII, the
  // trimmed line is exactly these bytes.
  let j = to - 1;
  while (j > i) {
    const b = bytes[j] as number;
    if (b === 0x20 || b === 0x09 || b === 0x0b || b === 0x0c) j--;
    else break;
  }
  return !(cp < 0x80 && (bytes[j] as number) < 0x80 && j - i + 1 > 120);
}

function lastNonBlankLine(bytes: Uint8Array, from: number, blank: (from: number, to: number) => boolean): { start: number; end: number } | null {
  let end = bytes.length;
  while (end > from) {
    let start = end;
    while (start > from && bytes[start - 1] !== 10 && bytes[start - 1] !== 13) start--;
    if (!blank(start, end)) return { start, end };
    // Step over the line break (\r\n counts as one).
    end = start - 1;
    if (end > from && bytes[end] === 10 && bytes[end - 1] === 13) end--;
    if (start === from) break;
  }
  return null;
}
