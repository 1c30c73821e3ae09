// The document model: the story as an array of lines, each with its word counts and its
// line-level classification cached. An edit re-splits only the lines it touches, recounts
// those, and adjusts the running totals, so a keystroke costs the same in a 1,000-word
// drabble and a 1,000,000-word epic. Nothing here holds the whole text as one string:
// concatenating a 6 MB string per keystroke is exactly the lag this exists to avoid.
//
// Positions are LSP positions: zero-based lines split at \n, \r\n or \r, and UTF-16 code
// unit offsets within a line. Out-of-range positions are clamped, as editors expect.

import type { Position, Range } from '../protocol';
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

export class FicText {
  private lines: string[] = [''];
  private eols: string[] = [''];
  private ws: number[] = [0];
  private ao3: number[] = [0];
  private chars: number[] = [0];
  private nonSpace: number[] = [0];
  private flags: number[] = [LineFlag.Blank];
  private readonly total: Figures = zero();
  private readonly notes: Figures = zero();
  private paragraphStarts = 0;
  private breaks = 0;
  /** Bumped on every change; lets caches (the parsed header, the full parse) key on it. */
  private revision = 0;
  /** The first line any change since `markClean` touched; header caches re-parse only if
   * a change reached into the header. */
  private dirtyFrom = 0;

  constructor(text = '') {
    this.setText(text);
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
    return this.lines[line] ?? '';
  }

  /** The line break after the line: `\n`, `\r\n`, `\r`, or '' for the last line. */
  eolAt(line: number): string {
    return this.eols[line] ?? '';
  }

  lineFlags(line: number): number {
    return this.flags[line] ?? 0;
  }

  lineWords(line: number, method: 'whitespace' | 'ao3'): number {
    return (method === 'ao3' ? this.ao3[line] : this.ws[line]) ?? 0;
  }

  /** The whole text, line breaks as they were. O(n): for saving and whole-file tools,
   * never for per-keystroke work. */
  getText(): string {
    let out = '';
    for (let i = 0; i < this.lines.length; i++) out += (this.lines[i] as string) + (this.eols[i] as string);
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
    if (p.line > last) return { line: last, character: (this.lines[last] as string).length };
    const line = clampIndex(p.line, last);
    return { line, character: clampIndex(p.character, (this.lines[line] as string).length) };
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
    return { start: { line: 0, character: 0 }, end: { line: last, character: (this.lines[last] as string).length } };
  }

  /** Words in a range by a method. Whole lines inside it use the cached counts. */
  countRange(range: Range, method: 'whitespace' | 'ao3'): number {
    const r = this.clampRange(range);
    const count = method === 'ao3' ? countAo3 : countWhitespace;
    const first = this.lineAt(r.start.line);
    if (r.start.line === r.end.line) return count(first, r.start.character, r.end.character);
    let words = r.start.character === 0 ? this.lineWords(r.start.line, method) : count(first, r.start.character);
    for (let i = r.start.line + 1; i < r.end.line; i++) words += this.lineWords(i, method);
    const last = this.lineAt(r.end.line);
    words += r.end.character === last.length ? this.lineWords(r.end.line, method) : count(last, 0, r.end.character);
    return words;
  }

  setText(text: string): void {
    const { lines, eols } = splitLines(text);
    this.lines = lines;
    this.eols = eols;
    const n = lines.length;
    this.ws = new Array<number>(n);
    this.ao3 = new Array<number>(n);
    this.chars = new Array<number>(n);
    this.nonSpace = new Array<number>(n);
    this.flags = new Array<number>(n);
    Object.assign(this.total, zero());
    Object.assign(this.notes, zero());
    this.paragraphStarts = 0;
    this.breaks = 0;
    // Counted in the whole text, by offsets: a line is a slice of it, and V8 reads the
    // characters of a sliced string markedly slower than those of the string it slices.
    let offset = 0;
    for (let i = 0; i < n; i++) {
      const length = (lines[i] as string).length;
      this.measure(i, text, offset, offset + length);
      offset += length + (eols[i] as string).length;
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
    let startLine = r.start.line;
    const endLine = r.end.line;
    let prefix = (this.lines[startLine] as string).slice(0, r.start.character);
    const suffix = (this.lines[endLine] as string).slice(r.end.character);
    let chunk = prefix + change.text + suffix + (this.eols[endLine] as string);
    // A "\r" ending the previous line and a "\n" starting this chunk are one CRLF.
    if (startLine > 0 && this.eols[startLine - 1] === '\r' && chunk.charCodeAt(0) === 0x0a) {
      startLine--;
      prefix = (this.lines[startLine] as string) + '\r';
      chunk = prefix + chunk;
    }
    const split = splitLines(chunk);
    // The chunk ended with the end line's own terminator, so the split has one empty
    // trailing line too many unless the chunk was the end of the document.
    if (this.eols[endLine] !== '' || endLine < this.lines.length - 1) {
      split.lines.pop();
      split.eols.pop();
    }
    const removed = endLine - startLine + 1;
    for (let i = startLine; i <= endLine; i++) this.addLine(this.total, i, -1);
    // Notes, paragraph starts and breaks of the touched lines and of the lines whose
    // derived flags may change are settled by propagate(); take them out first.
    this.retractDerived(startLine, endLine);
    const added = split.lines.length;
    const blank = new Array<number>(added).fill(0);
    this.lines = replaceItems(this.lines, startLine, removed, split.lines);
    this.eols = replaceItems(this.eols, startLine, removed, split.eols);
    this.ws = replaceItems(this.ws, startLine, removed, blank);
    this.ao3 = replaceItems(this.ao3, startLine, removed, blank);
    this.chars = replaceItems(this.chars, startLine, removed, blank);
    this.nonSpace = replaceItems(this.nonSpace, startLine, removed, blank);
    this.flags = replaceItems(this.flags, startLine, removed, blank);
    let offset = 0;
    for (let k = 0; k < added; k++) {
      const length = (split.lines[k] as string).length;
      this.measure(startLine + k, chunk, offset, offset + length);
      offset += length + (split.eols[k] as string).length;
      this.addLine(this.total, startLine + k, 1);
    }
    this.propagate(startLine, startLine + added - 1);
    this.revision++;
    this.dirtyFrom = Math.min(this.dirtyFrom, startLine);
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
      if (filter !== 0 && ((this.flags[i] as number) & filter) === 0) continue;
      add(f, this.ws[i] as number, this.ao3[i] as number, this.chars[i] as number, this.nonSpace[i] as number, 1);
    }
    return f;
  }

  /** Figures of one line. */
  lineFigures(line: number): Figures {
    return this.sumLines(line, line + 1);
  }

  // -------------------------------------------------------------------------------------

  /** Count and classify line i, whose text is `text` or [start, end) of it. */
  private measure(i: number, text: string = this.lines[i] as string, start = 0, end = text.length): void {
    const line = this.lines[i] as string;
    const m = measure(text, start, end);
    this.ws[i] = m.whitespace;
    this.ao3[i] = m.ao3;
    this.chars[i] = m.characters;
    this.nonSpace[i] = m.nonSpace;
    let flags = 0;
    if (isBlank(line)) flags |= LineFlag.Blank;
    else {
      if (isNoteStart(line)) flags |= LineFlag.NoteStart;
      if (isSceneBreak(line) || isChapterHeading(line)) flags |= LineFlag.Break;
    }
    this.flags[i] = flags;
  }

  private addLine(into: Figures, i: number, sign: number): void {
    add(into, this.ws[i] as number, this.ao3[i] as number, this.chars[i] as number, this.nonSpace[i] as number, sign);
  }

  /** Remove the derived contributions (note figures, paragraph starts, breaks) of lines
   * [from, to]; propagate() adds back the new ones. */
  private retractDerived(from: number, to: number): void {
    for (let i = from; i <= to; i++) {
      const f = this.flags[i] as number;
      if (f & LineFlag.InNote) this.addLine(this.notes, i, -1);
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
      const old = this.flags[i] as number;
      const prev = i > 0 ? (this.flags[i - 1] as number) : LineFlag.Blank;
      let f = old & (LineFlag.Blank | LineFlag.NoteStart | LineFlag.Break);
      if (f & LineFlag.NoteStart || (!(f & LineFlag.Blank) && prev & LineFlag.InNote)) f |= LineFlag.InNote;
      const prose = (g: number) => !(g & (LineFlag.Blank | LineFlag.InNote | LineFlag.Break));
      if (prose(f) && !prose(prev)) f |= LineFlag.ParagraphStart;
      if (i > to) {
        if (f === old) break;
        // An untouched line whose derived flags change: swap its contributions.
        this.retractDerived(i, i);
      }
      this.flags[i] = f;
      if (f & LineFlag.InNote) this.addLine(this.notes, i, 1);
      if (f & LineFlag.ParagraphStart) this.paragraphStarts++;
      if (f & LineFlag.Break) this.breaks++;
    }
  }
}
