// The document model: the story as an array of lines, each with its word counts and its
// line-level classification cached. An edit re-splits only the lines it touches, recounts
// those, and adjusts the running totals, so a keystroke costs the same in a 1,000-word
// drabble and a 1,000,000-word epic. Nothing here holds the whole text as one string:
// concatenating a 6 MB string per keystroke is exactly the lag this exists to avoid.
//
// Positions are LSP positions: zero-based lines split at \n, \r\n or \r, and UTF-16 code
// unit offsets within a line. Out-of-range positions are clamped, as editors expect.
//
// How a line is held: V8 stores a string at two bytes a character as soon as one of its
// characters is above U+00FF, and fan fiction is full of curly quotes and em dashes, so
// held as strings a story costs twice its size on disk. Lines are therefore held as "byte
// strings": their UTF-8 bytes, one character per byte, which V8 keeps at a byte a
// character, decoded when read. (A story with no character above U+00FF is one-byte
// already; its lines are held as they are.) A line with a lone surrogate, which UTF-8
// cannot carry, is held as it is, so every code unit comes back exactly as it went in.
// The line being typed in is held plain until an edit elsewhere, so that a keystroke
// neither decodes nor re-encodes it.

import type { Position, Range } from '../../protocol';
import { countAo3, countWhitespace, measure } from './count';
import { isBlank, isChapterHeading, isNoteStart, isSceneBreak } from './lines';

export interface ContentChange {
  /** Absent: replace the whole document. */
  range?: Range;
  text: string;
}

/** Per-line flags, packed into one small integer. */
export const enum LineFlag {
  Blank = 1,
  NoteStart = 2,
  /** Inside an author's note block: from a note start to the next blank line. */
  InNote = 4,
  Break = 8,
  /** The first line of a paragraph of prose: non-blank, not a note or break, after a
   * line that is not prose. */
  ParagraphStart = 16,
  /** A scene break (`* * *`, `ooo`, a centred `#`), as opposed to a chapter heading; both
   * are Break, and both are furniture that no method counts. */
  SceneBreak = 32,
}

/** Per-line figures that are summed into totals. */
interface Figures {
  ws: number;
  ao3: number;
  chars: number;
  nonSpace: number;
}

const zero = (): Figures => ({ ws: 0, ao3: 0, chars: 0, nonSpace: 0 });

function add(into: Figures, ws: number, ao3: number, chars: number, nonSpace: number, sign: number): void {
  into.ws += sign * ws;
  into.ao3 += sign * ao3;
  into.chars += sign * chars;
  into.nonSpace += sign * nonSpace;
}

const LINE_BREAK = /\r\n|\r|\n/g;

function splitLines(text: string): { lines: string[]; eols: string[] } {
  const lines: string[] = [];
  const eols: string[] = [];
  let last = 0;
  LINE_BREAK.lastIndex = 0;
  for (let m = LINE_BREAK.exec(text); m !== null; m = LINE_BREAK.exec(text)) {
    lines.push(text.slice(last, m.index));
    eols.push(m[0]);
    last = m.index + m[0].length;
  }
  lines.push(text.slice(last));
  eols.push('');
  return { lines, eols };
}

/** An index in [0, max]: NaN and anything that is not a number are 0, fractions round down. */
function clampIndex(v: number, max: number): number {
  return typeof v === 'number' && !Number.isNaN(v) ? Math.min(Math.max(0, Math.floor(v)), max) : 0;
}

/** `items.splice(start, removed, ...inserted)`, except that a paste of a few hundred
 * thousand lines does not overflow the call stack with arguments. May return a new array. */
function replaceItems<T>(items: T[], start: number, removed: number, inserted: readonly T[]): T[] {
  if (inserted.length <= 8192) {
    items.splice(start, removed, ...inserted);
    return items;
  }
  return items.slice(0, start).concat(inserted, items.slice(start + removed));
}

/** Per-line integers in a typed array, which takes four bytes a line (or one) where a JS
 * array of numbers takes eight, with room to grow. Only [0, lineCount) is meaningful. */
class Column<A extends Int32Array | Uint8Array> {
  values: A;

  constructor(private readonly make: (n: number) => A) {
    this.values = make(1);
  }

  /** Zeroed, for n lines. */
  reset(n: number): void {
    this.values = this.make(n);
  }

  /** Of `length` lines, replace [start, start + removed) with `added` zeroed ones. */
  splice(length: number, start: number, removed: number, added: number): void {
    const newLength = length - removed + added;
    const old = this.values;
    // Grown by an eighth, so that typing Enter does not copy the column at each keystroke
    // and a long story wastes little; shrunk when a story loses most of its lines.
    if (newLength > old.length || newLength + 1024 < old.length >> 2) {
      const values = this.make(newLength + (newLength >> 3) + 16);
      values.set(old.subarray(0, start));
      values.set(old.subarray(start + removed, length), start + added);
      this.values = values;
      return;
    }
    if (added !== removed) old.copyWithin(start + added, start + removed, length);
    old.fill(0, start, start + added);
  }
}

const int32 = (n: number) => new Int32Array(n);
const uint8 = (n: number) => new Uint8Array(n);

/** The longest line held plain while it is being edited (in UTF-16 code units): a line
 * pasted whole is stored at once. */
const HOT_MAX = 1 << 16;

/** Line breaks as held, one byte a line: the index of the break in this list. */
const EOLS = ['', '\n', '\r\n', '\r'];

// ---------------------------------------------------------------------------------------
// Line storage

/** Scratch buffers, grown on demand and reused: storing or reading a line allocates only
 * its string. */
let bytes = new Uint8Array(1024);
let latin1 = new Uint8Array(1024);
const utf8 = new TextEncoder();
// ignoreBOM: a U+FEFF that starts a line is text (the first line of a file saved with a
// BOM), not a marker to drop.
const fromUtf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** The byte string of a text without lone surrogates. Made by a decoder, as the string
 * whose characters are the bytes: each byte above 0x7F is written as the two-byte UTF-8
 * of that character, and a decoder gives a one-byte string when every character fits.
 * (String.fromCharCode over the bytes makes the same string, slower, and allocates an
 * argument list eight times the line's size on the way.) */
function toByteString(text: string): string {
  if (bytes.length < text.length * 3) bytes = new Uint8Array(text.length * 3);
  // No lone surrogate, so encodeInto writes exact UTF-8 and never a U+FFFD.
  const n = utf8.encodeInto(text, bytes).written;
  // As many bytes as code units: all ASCII, the bytes are the characters.
  if (n === text.length) return fromUtf8.decode(bytes.subarray(0, n));
  if (latin1.length < n * 2) latin1 = new Uint8Array(n * 2);
  const from = bytes;
  const to = latin1;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const b = from[i] as number;
    if (b < 0x80) to[k++] = b;
    else {
      to[k++] = 0xc0 | (b >> 6);
      to[k++] = 0x80 | (b & 0x3f);
    }
  }
  return fromUtf8.decode(to.subarray(0, k));
}

/** A string with `text`'s characters that holds nothing else alive. V8 joins a space and a
 * slice of a long text by reference, and flattens the join into a fresh string of its own
 * when it is sliced: the result is a slice of that fresh copy, never of `text`'s parent
 * (the heap-snapshot test of an open story holds this to account). A copy made by
 * String.fromCharCode over the code units took ten times as long on lines of prose. */
function ownCopy(text: string): string {
  return (' ' + text).slice(1);
}

/** Whether [start, end) of text has a lone surrogate, which UTF-8 cannot carry. */
function hasLoneSurrogate(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c >= 0xdc00) return true;
    const d = i + 1 < end ? text.charCodeAt(i + 1) : 0;
    if (d < 0xdc00 || d > 0xdfff) return true;
    i++;
  }
  return false;
}

/** Whether text has no lone surrogate: String.prototype.isWellFormed (ES2024, a fast scan)
 * where the engine has it. */
function isWellFormed(text: string): boolean {
  const native = (text as { isWellFormed?: () => boolean }).isWellFormed;
  return native ? native.call(text) : !hasLoneSurrogate(text, 0, text.length);
}

/** The line [start, end) of text (which is `line`), as it is held: its UTF-8 bytes as a
 * byte string, or, if it has a lone surrogate, a copy of its own (ownCopy). Either way a
 * new string, which does not keep the whole text it was sliced from alive. `wellFormed`:
 * the whole text is known to have no lone surrogate (a surrogate pair never spans a line
 * break). */
function storeLine(text: string, start: number, end: number, line: string, wellFormed: boolean): string {
  if (start === end) return '';
  return wellFormed || !hasLoneSurrogate(text, start, end) ? toByteString(line) : ownCopy(line);
}

/** A held line's text, given its length in UTF-16 code units. A held line of that length is
 * its text: a copy, a slice, or the byte string of a line of ASCII, which is the same
 * string. A longer one is a byte string, as UTF-8 takes more than a byte for any other
 * character (four for a surrogate pair, two code units). */
function readLine(held: string, length: number): string {
  const n = held.length;
  if (n === length) return held;
  if (bytes.length < n) bytes = new Uint8Array(n);
  for (let i = 0; i < n; i++) bytes[i] = held.charCodeAt(i);
  return fromUtf8.decode(bytes.subarray(0, n));
}

export class FicText {
  /** Each line as it is held (see storeLine): its text, or its UTF-8 bytes. */
  private lines: string[] = [''];
  // The per-line figures, one entry a line, as this.lines.
  /** Each line's length in UTF-16 code units, what LSP positions count. */
  private readonly lengths = new Column(int32);
  /** Each line's break, an index into EOLS. */
  private readonly eols = new Column(uint8);
  private readonly ws = new Column(int32);
  private readonly ao3 = new Column(int32);
  private readonly chars = new Column(int32);
  private readonly nonSpace = new Column(int32);
  private readonly flags = new Column(uint8);
  private readonly total: Figures = zero();
  private readonly notes: Figures = zero();
  /** Figures of break lines (scene breaks, chapter headings) outside notes (a note's lines
   * are taken out as notes). */
  private readonly breakFigures: Figures = zero();
  private paragraphStarts = 0;
  private breaks = 0;
  /** The line last edited, held as plain text until an edit elsewhere (-1: none), so that
   * typing in a line neither decodes nor re-encodes it at each keystroke. */
  private hot = -1;
  /** Bumped on every change; lets caches (the parsed header, the full parse) key on it. */
  private revision = 0;
  /** The first line any change since `markClean` touched; header caches re-parse only if
   * a change reached into the header. */
  private dirtyFrom = 0;
  /** Lines from here on may still be slices of a wide text set with `storeLater`, waiting
   * for storeLines(); Infinity when every line is held as it is kept. */
  private unstoredFrom = Infinity;

  /** @param options.storeLater a text with characters above U+00FF keeps its lines as
   * slices of itself until storeLines() re-stores them: re-storing is a quarter of the
   * model's build, and an editor opening a long story wants the count first. Until then the
   * whole text is held (two bytes a character). Without it, lines are stored at once. */
  constructor(text = '', options: { storeLater?: boolean } = {}) {
    this.setText(text, options.storeLater === true);
  }

  static fromString(text: string): FicText {
    return new FicText(text);
  }

  get lineCount(): number {
    return this.lines.length;
  }

  get changeCount(): number {
    return this.revision;
  }

  /** The line's text without its line break. Clamped: a line past the end is empty. */
  lineAt(line: number): string {
    const held = this.lines[line];
    if (held === undefined) return '';
    const length = this.lengths.values[line] as number;
    // A line still to store is a slice of the text as it arrived, and any string cut from
    // a slice (a field's value, a heading's title) would keep all of that text alive: it
    // is read as a copy of its own, as a stored line is read as a fresh decode.
    if (line >= this.unstoredFrom && line !== this.hot && held.length === length) return ownCopy(held);
    return readLine(held, length);
  }

  /** The line break after the line: `\n`, `\r\n`, `\r`, or '' for the last line. */
  eolAt(line: number): string {
    return this.has(line) ? (EOLS[this.eols.values[line] as number] as string) : '';
  }

  lineFlags(line: number): number {
    return this.has(line) ? (this.flags.values[line] as number) : 0;
  }

  lineWords(line: number, method: 'whitespace' | 'ao3'): number {
    if (!this.has(line)) return 0;
    return (method === 'ao3' ? this.ao3 : this.ws).values[line] as number;
  }

  /** The whole text, line breaks as they were. O(n): for saving and whole-file tools,
   * never for per-keystroke work. */
  getText(): string {
    let out = '';
    for (let i = 0; i < this.lines.length; i++) out += this.lineAt(i) + this.eolAt(i);
    return out;
  }

  /** The text of a range, line breaks included. */
  getTextInRange(range: Range): string {
    const r = this.clampRange(range);
    if (r.start.line === r.end.line) return this.lineAt(r.start.line).slice(r.start.character, r.end.character);
    let out = this.lineAt(r.start.line).slice(r.start.character) + this.eolAt(r.start.line);
    for (let i = r.start.line + 1; i < r.end.line; i++) out += this.lineAt(i) + this.eolAt(i);
    return out + this.lineAt(r.end.line).slice(0, r.end.character);
  }

  clampPosition(p: Position): Position {
    const last = this.lines.length - 1;
    // Past the last line (Infinity included) is the end of the document, as editors clamp.
    if (p.line > last) return { line: last, character: this.lengths.values[last] as number };
    const line = clampIndex(p.line, last);
    return { line, character: clampIndex(p.character, this.lengths.values[line] as number) };
  }

  /** A range inside the document with start before end. */
  clampRange(r: Range): Range {
    let start = this.clampPosition(r.start);
    let end = this.clampPosition(r.end);
    if (start.line > end.line || (start.line === end.line && start.character > end.character)) [start, end] = [end, start];
    return { start, end };
  }

  /** The range of the whole document. */
  fullRange(): Range {
    const last = this.lines.length - 1;
    return { start: { line: 0, character: 0 }, end: { line: last, character: this.lengths.values[last] as number } };
  }

  /** Words in a range by a method. Whole lines inside it use the cached counts. Lines
   * with any of the `skip` flags (notes, scene breaks) count nothing. */
  countRange(range: Range, method: 'whitespace' | 'ao3', skip = 0): number {
    const r = this.clampRange(range);
    const count = method === 'ao3' ? countAo3 : countWhitespace;
    if (skip !== 0) return this.countRangeSkipping(r, method, skip);
    if (r.start.line === r.end.line) return count(this.lineAt(r.start.line), r.start.character, r.end.character);
    // Whole lines are cached; only a partly selected first or last line is read and counted.
    let words = r.start.character === 0 ? this.lineWords(r.start.line, method) : count(this.lineAt(r.start.line), r.start.character);
    for (let i = r.start.line + 1; i < r.end.line; i++) words += this.lineWords(i, method);
    const whole = r.end.character === this.lengths.values[r.end.line];
    words += whole ? this.lineWords(r.end.line, method) : count(this.lineAt(r.end.line), 0, r.end.character);
    return words;
  }

  private countRangeSkipping(r: Range, method: 'whitespace' | 'ao3', skip: number): number {
    const count = method === 'ao3' ? countAo3 : countWhitespace;
    const flags = this.flags.values;
    let words = 0;
    for (let i = r.start.line; i <= r.end.line; i++) {
      if ((flags[i] as number) & skip) continue;
      const from = i === r.start.line ? r.start.character : 0;
      const to = i === r.end.line ? r.end.character : (this.lengths.values[i] as number);
      words += from === 0 && to === this.lengths.values[i] ? this.lineWords(i, method) : count(this.lineAt(i), from, to);
    }
    return words;
  }

  setText(text: string, storeLater = false): void {
    const { lines, eols } = splitLines(text);
    const n = lines.length;
    this.lines = lines;
    for (const column of this.columns()) column.reset(n);
    Object.assign(this.total, zero());
    Object.assign(this.notes, zero());
    Object.assign(this.breakFigures, zero());
    this.paragraphStarts = 0;
    this.breaks = 0;
    // A text with no character above U+00FF is one-byte already: its lines are held as
    // the slices they are, at no cost. Otherwise every line is re-stored (storeLine), and
    // the two-byte text is left to the garbage collector.
    this.hot = -1;
    const wide = /[^\0-\xff]/.test(text);
    const store = wide && !storeLater;
    this.unstoredFrom = wide && storeLater ? 0 : Infinity;
    const wellFormed = store && isWellFormed(text);
    // Counted in the whole text, by offsets: a line is a slice of it, and V8 reads the
    // characters of a sliced string markedly slower than those of the string it slices.
    let offset = 0;
    for (let i = 0; i < n; i++) {
      const line = lines[i] as string;
      const end = offset + line.length;
      const eol = eols[i] as string;
      if (store) lines[i] = storeLine(text, offset, end, line, wellFormed);
      this.lengths.values[i] = line.length;
      this.eols.values[i] = EOLS.indexOf(eol);
      this.measure(i, line, text, offset, end);
      offset = end + eol.length;
      this.addLine(this.total, i, 1);
    }
    this.propagate(0, n - 1);
    this.revision++;
    this.dirtyFrom = 0;
  }

  /** Apply one LSP content change. */
  applyChange(change: ContentChange): void {
    if (!change.range) {
      this.setText(change.text);
      return;
    }
    const r = this.clampRange(change.range);
    if (r.start.line !== this.hot || r.end.line !== this.hot) this.cool();
    let startLine = r.start.line;
    const endLine = r.end.line;
    const first = this.lineAt(startLine);
    const prefix = first.slice(0, r.start.character);
    const suffix = (endLine === startLine ? first : this.lineAt(endLine)).slice(r.end.character);
    let chunk = prefix + change.text + suffix + this.eolAt(endLine);
    // A "\r" ending the previous line and a "\n" starting this chunk are one CRLF.
    if (startLine > 0 && this.eolAt(startLine - 1) === '\r' && chunk.charCodeAt(0) === 0x0a) {
      startLine--;
      chunk = this.lineAt(startLine) + '\r' + chunk;
    }
    const split = splitLines(chunk);
    // The chunk ended with the end line's own terminator, so the split has one empty
    // trailing line too many unless the chunk was the end of the document.
    if (this.eolAt(endLine) !== '' || endLine < this.lines.length - 1) {
      split.lines.pop();
      split.eols.pop();
    }
    const removed = endLine - startLine + 1;
    for (let i = startLine; i <= endLine; i++) this.addLine(this.total, i, -1);
    // Notes, paragraph starts and breaks of the touched lines and of the lines whose
    // derived flags may change are settled by propagate(); take them out first.
    this.retractDerived(startLine, endLine);
    const added = split.lines.length;
    let held: string[];
    let offset = 0;
    if (added === 1 && chunk.length <= HOT_MAX) {
      // The line being typed in: held plain until an edit elsewhere cools it.
      held = split.lines;
      this.hot = startLine;
    } else {
      // Every new line is re-stored, whatever the chunk: its pieces came from decoded
      // lines and may be two-byte strings even where their characters are not.
      held = new Array<string>(added);
      const wellFormed = isWellFormed(chunk);
      for (let k = 0; k < added; k++) {
        const line = split.lines[k] as string;
        held[k] = storeLine(chunk, offset, offset + line.length, line, wellFormed);
        offset += line.length + (split.eols[k] as string).length;
      }
      this.hot = -1;
    }
    const before = this.lines.length;
    this.lines = replaceItems(this.lines, startLine, removed, held);
    // Lines still to store keep their place: after the edit they move with it; storing that
    // had reached into the edit goes back to its first line (a stored line stored again is
    // the same); storing not yet at the edit stays where it is.
    if (this.unstoredFrom !== Infinity) this.unstoredFrom = this.unstoredFrom > endLine ? this.unstoredFrom + added - removed : Math.min(this.unstoredFrom, startLine);
    for (const column of this.columns()) column.splice(before, startLine, removed, added);
    offset = 0;
    for (let k = 0; k < added; k++) {
      const line = split.lines[k] as string;
      const eol = split.eols[k] as string;
      this.lengths.values[startLine + k] = line.length;
      this.eols.values[startLine + k] = EOLS.indexOf(eol);
      this.measure(startLine + k, line, chunk, offset, offset + line.length);
      offset += line.length + eol.length;
      this.addLine(this.total, startLine + k, 1);
    }
    this.propagate(startLine, startLine + added - 1);
    this.revision++;
    this.dirtyFrom = Math.min(this.dirtyFrom, startLine);
  }

  /** Whether lines of a text set with `storeLater` are still to be stored. */
  get unstored(): boolean {
    return this.unstoredFrom !== Infinity;
  }

  /** Store up to `maxLines` of the lines a `storeLater` text left as slices of itself (the
   * line being typed in is stored when the writer moves on, as always). True when none is
   * left, and the text they were sliced from is no longer held. */
  storeLines(maxLines: number): boolean {
    const n = this.lines.length;
    const stop = Math.min(n, this.unstoredFrom + Math.max(1, maxLines));
    for (let i = this.unstoredFrom; i < stop; i++) {
      if (i === this.hot) continue;
      const held = this.lines[i] as string;
      // A line stored as its UTF-8 bytes is longer than its text; one the length of its
      // text is a slice, or a line of ASCII or a copy, which storing again leaves as is.
      if (held.length === this.lengths.values[i]) this.lines[i] = storeLine(held, 0, held.length, held, false);
    }
    this.unstoredFrom = stop >= n ? Infinity : stop;
    return this.unstoredFrom === Infinity;
  }

  /** The first line touched since the last `takeDirtyFrom`, and reset. */
  takeDirtyFrom(): number {
    const d = this.dirtyFrom;
    this.dirtyFrom = Number.MAX_SAFE_INTEGER;
    return d;
  }

  /** Totals over the whole document. */
  totals(): Readonly<Figures> {
    return this.total;
  }

  noteTotals(): Readonly<Figures> {
    return this.notes;
  }

  /** Figures of the break lines (scene breaks, chapter headings) not inside a note. */
  breakTotals(): Readonly<Figures> {
    return this.breakFigures;
  }

  paragraphCount(): number {
    return this.paragraphStarts;
  }

  breakCount(): number {
    return this.breaks;
  }

  /** Sum the per-line figures of lines [from, to). */
  sumLines(from: number, to: number, filter = 0): Figures {
    const f = zero();
    const end = Math.min(to, this.lines.length);
    for (let i = Math.max(0, from); i < end; i++) {
      if (filter !== 0 && ((this.flags.values[i] as number) & filter) === 0) continue;
      this.addLine(f, i, 1);
    }
    return f;
  }

  /** Figures of one line. */
  lineFigures(line: number): Figures {
    return this.sumLines(line, line + 1);
  }

  // -------------------------------------------------------------------------------------

  /** Store the hot line as every other line is stored. */
  private cool(): void {
    if (this.hot < 0) return;
    const line = this.lines[this.hot] as string;
    this.lines[this.hot] = storeLine(line, 0, line.length, line, false);
    this.hot = -1;
  }

  private has(line: number): boolean {
    return line >= 0 && line < this.lines.length && Number.isInteger(line);
  }

  private columns(): Column<Int32Array | Uint8Array>[] {
    return [this.lengths, this.eols, this.ws, this.ao3, this.chars, this.nonSpace, this.flags];
  }

  /** Count and classify line i, whose text is `line`, found at [start, end) of `text`. */
  private measure(i: number, line: string, text: string, start: number, end: number): void {
    const m = measure(text, start, end);
    this.ws.values[i] = m.whitespace;
    this.ao3.values[i] = m.ao3;
    this.chars.values[i] = m.characters;
    this.nonSpace.values[i] = m.nonSpace;
    let flags = 0;
    if (isBlank(line)) flags |= LineFlag.Blank;
    else {
      if (isNoteStart(line)) flags |= LineFlag.NoteStart;
      if (isSceneBreak(line)) flags |= LineFlag.Break | LineFlag.SceneBreak;
      else if (isChapterHeading(line)) flags |= LineFlag.Break;
    }
    this.flags.values[i] = flags;
  }

  private addLine(into: Figures, i: number, sign: number): void {
    add(into, this.ws.values[i] as number, this.ao3.values[i] as number, this.chars.values[i] as number, this.nonSpace.values[i] as number, sign);
  }

  /** Remove the derived contributions (note figures, paragraph starts, breaks) of lines
   * [from, to]; propagate() adds back the new ones. */
  private retractDerived(from: number, to: number): void {
    for (let i = from; i <= to; i++) {
      const f = this.flags.values[i] as number;
      if (f & LineFlag.InNote) this.addLine(this.notes, i, -1);
      else if (f & LineFlag.Break) this.addLine(this.breakFigures, i, -1);
      if (f & LineFlag.ParagraphStart) this.paragraphStarts--;
      if (f & LineFlag.Break) this.breaks--;
    }
  }

  /** Derive InNote and ParagraphStart for lines [from, to] (freshly measured, their old
   * contributions already retracted), then onward until a line's derived flags come out
   * as they were: both are forward recurrences that settle at the next blank line. */
  private propagate(from: number, to: number): void {
    const n = this.lines.length;
    for (let i = from; i < n; i++) {
      const old = this.flags.values[i] as number;
      const prev = i > 0 ? (this.flags.values[i - 1] as number) : LineFlag.Blank;
      let f = old & (LineFlag.Blank | LineFlag.NoteStart | LineFlag.Break | LineFlag.SceneBreak);
      if (f & LineFlag.NoteStart || (!(f & LineFlag.Blank) && prev & LineFlag.InNote)) f |= LineFlag.InNote;
      const prose = (g: number) => !(g & (LineFlag.Blank | LineFlag.InNote | LineFlag.Break));
      if (prose(f) && !prose(prev)) f |= LineFlag.ParagraphStart;
      if (i > to) {
        if (f === old) break;
        // An untouched line whose derived flags change: swap its contributions.
        this.retractDerived(i, i);
      }
      this.flags.values[i] = f;
      if (f & LineFlag.InNote) this.addLine(this.notes, i, 1);
      else if (f & LineFlag.Break) this.addLine(this.breakFigures, i, 1);
      if (f & LineFlag.ParagraphStart) this.paragraphStarts++;
      if (f & LineFlag.Break) this.breaks++;
    }
  }
}
