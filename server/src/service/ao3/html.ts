// A story's body as the HTML AO3 keeps unchanged (DOMAIN.md §9): blocks back to back,
// `<p>` per paragraph, `<br>` per line break inside one, emphasis as tags, `& < >` escaped,
// every other character as itself. The header, the trailer line and author's notes stay out
// of the text; notes before the story and after it come back apart, for the Notes fields.
//
// AO3 counts each text node of HTML apart, so a tag is a word boundary. The exporter puts a
// tag only where the plain count already splits, which makes AO3's count of the HTML equal
// to the `ao3` count of the body (the tests prove it): `*` is never part of an AO3 word, so
// a `*` marker may become a tag anywhere it pairs; `_` is a word character, so a `_` marker
// becomes a tag only where it is glued to a word inside and stands free of one outside.

import type { SceneBreakStyle } from '../../protocol';
import type { FicDocument } from '../header/document';
import { headingTitle, isSceneBreak, trimLine } from '../text/lines';
import { LineFlag } from '../text/text';

const WORD_CHAR = /[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}]/u;
// One AO3 word per character: a `_` beside one would be a word of its own in the plain text.
const SINGLE_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
const SPACE = /\s/u;
// AO3 deletes these before counting, joining whatever stands on either side of them.
const JOINERS = "'’‘-";

export function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/** The code point that ends just before `i`, or '' at the start. */
function before(text: string, i: number): string {
  if (i <= 0) return '';
  const low = text.charCodeAt(i - 1);
  if (low >= 0xdc00 && low <= 0xdfff && i >= 2) {
    const high = text.charCodeAt(i - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(i - 2, i);
  }
  return text.slice(i - 1, i);
}

/** The code point that starts at `i`, or '' at the end. */
function after(text: string, i: number): string {
  if (i >= text.length) return '';
  const cp = text.codePointAt(i) as number;
  return String.fromCodePoint(cp);
}

const isWord = (c: string) => c !== '' && WORD_CHAR.test(c);
const isSpace = (c: string) => c === '' || SPACE.test(c);

interface Marker {
  index: number;
  length: number;
  char: '*' | '_';
  canOpen: boolean;
  canClose: boolean;
  /** Set once paired: the tag this marker opens or closes. */
  tag?: 'em' | 'strong';
  opens?: boolean;
}

function markers(text: string): Marker[] {
  const found: Marker[] = [];
  for (let i = 0; i < text.length; ) {
    const c = text[i];
    if (c !== '*' && c !== '_') {
      i++;
      continue;
    }
    let j = i;
    while (j < text.length && text[j] === c) j++;
    const length = j - i;
    const prev = before(text, i);
    const next = after(text, j);
    if (c === '*' && length <= 2) {
      // Never inside a word (`2*3*4`): a letter or digit outside the marker keeps it literal.
      found.push({ index: i, length, char: c, canOpen: !isSpace(next) && !isWord(prev), canClose: !isSpace(prev) && !isWord(next) });
    } else if (c === '_' && length === 1) {
      const glued = (ch: string) => isWord(ch) && !SINGLE_CHAR.test(ch);
      const free = (ch: string) => !isWord(ch) && !JOINERS.includes(ch === '' ? '\u0000' : ch);
      found.push({ index: i, length, char: c, canOpen: glued(next) && free(prev), canClose: glued(prev) && free(next) });
    }
    i = j;
  }
  return found;
}

/** One paragraph's text (lines joined with `\n`) as inline HTML. Markers pair within the
 * paragraph only, innermost first; an unpaired marker stays as it was typed. */
export function inlineHtml(text: string): string {
  const all = markers(text);
  const open: Marker[] = [];
  // Per kind (`*`, `**`, `_`), where its openers sit in `open`, so that a closer finds its
  // opener without walking past thousands of others (linear on hostile lines).
  const byKind = new Map<string, { marker: Marker; at: number }[]>();
  const kind = (m: Marker) => m.char + m.length;
  for (const m of all) {
    if (m.canClose) {
      const list = byKind.get(kind(m));
      // An entry whose opener is no longer at its place was dropped when a pair closed over it.
      while (list && list.length && open[(list[list.length - 1] as { at: number }).at] !== (list[list.length - 1] as { marker: Marker }).marker) list.pop();
      const k = list && list.length ? (list.pop() as { at: number }).at : -1;
      if (k >= 0) {
        const opener = open[k] as Marker;
        const tag = m.length === 2 ? 'strong' : 'em';
        opener.tag = tag;
        opener.opens = true;
        m.tag = tag;
        m.opens = false;
        // Openers between the pair stay literal: tags must nest.
        open.length = k;
        continue;
      }
    }
    if (m.canOpen) {
      const list = byKind.get(kind(m)) ?? [];
      list.push({ marker: m, at: open.length });
      byKind.set(kind(m), list);
      open.push(m);
    }
  }
  let html = '';
  let at = 0;
  for (const m of all) {
    if (!m.tag) continue;
    html += escapeHtml(text.slice(at, m.index)) + (m.opens ? `<${m.tag}>` : `</${m.tag}>`);
    at = m.index + m.length;
  }
  html += escapeHtml(text.slice(at));
  return html.replace(/\n/g, '<br>');
}

/** Paragraphs (lists of lines) as `<p>` blocks, back to back. */
export function paragraphsHtml(paragraphs: readonly (readonly string[])[]): string {
  return paragraphs.map((lines) => `<p>${inlineHtml(lines.join('\n'))}</p>`).join('');
}

/** A header value (one paragraph) as HTML; '' for an empty value. */
export function valueHtml(value: string): string {
  const t = value.trim();
  return t ? paragraphsHtml([[t]]) : '';
}

export function sceneBreakHtml(line: string, style: SceneBreakStyle): string {
  if (style === 'rule') return '<hr>';
  if (style === 'stars') return '<p align="center">* * *</p>';
  return `<p align="center">${escapeHtml(trimLine(line))}</p>`;
}

const isTrimmed = (c: string) => c === '\ufeff' || SPACE.test(c);

function trimmedLength(line: string): number {
  let a = 0;
  let b = line.length;
  while (a < b && isTrimmed(line[a] as string)) a++;
  while (b > a && isTrimmed(line[b - 1] as string)) b--;
  return b - a;
}

export interface BodyHtml {
  html: string;
  /** Author's-note blocks before the story's first line, each a list of lines. */
  notesBefore: string[][];
  /** Author's-note blocks after its last line. */
  notesAfter: string[][];
  /** The first line of each note block inside the story, left out of the text. */
  notesInside: number[];
  /** AO3 words of the scene-break lines the chosen style replaced (`ooo` under a rule). */
  replacedWords: number;
  /** The chapter heading that opens the story (`Chapter 3: The Tide`), left out of the
   * text: its title, '' when it has none (`Chapter 3`); null when there is none. */
  heading: string | null;
  /** Its line. */
  headingLine: number | null;
  /** The file's chapters when two or more headings divide it, else one holding the whole
   * text. Each heading is left out of the HTML: it is its chapter's Chapter Title. */
  sections: BodySection[];
}

/** One AO3 chapter of a file: from its heading (or the top of the file for the first) to
 * the next heading (or the end of the file). */
export interface BodySection {
  /** Its heading's Chapter Title ('' for `Chapter 3`); null when no heading opens it. */
  title: string | null;
  headingLine: number | null;
  /** The lines it covers, `end` exclusive: the whole file between them, so that every line
   * the cursor can be on belongs to one chapter. */
  start: number;
  end: number;
  html: string;
  /** Code units of its prose and break lines, trimmed, and how many lines they are: what
   * decides, without the HTML, whether it may be outside AO3's bounds. The size of prose
   * lines is summed only in a file of several chapters (0 otherwise), the one case that
   * reads it. */
  size: number;
  lines: number;
}

/** The chapter headings of the story. Fic Writer never counts a heading; AO3 would count
 * it in the text, so a heading becomes a Chapter Title instead: the one that opens a story
 * of one chapter, or each of a file's two or more (a chapter each on AO3). A lone heading
 * inside the text stays a heading. */
function chapterHeadings(doc: FicDocument, first: number, end: number): number[] {
  if (first < 0) return [];
  const found: number[] = [];
  for (let i = first; i < end; i++) if (isHeadingLine(doc, i)) found.push(i);
  if (found.length >= 2) return found;
  return found[0] === first ? found : [];
}

function isHeadingLine(doc: FicDocument, line: number): boolean {
  const flags = doc.text.lineFlags(line);
  return (flags & LineFlag.Break) !== 0 && (flags & LineFlag.InNote) === 0 && !isSceneBreak(doc.text.lineAt(line));
}

/** The body of a parsed story as AO3 HTML. Without `withText` only the notes are read
 * (the diagnostics, while the text is surely within AO3's limits). */
export function bodyHtml(doc: FicDocument, style: SceneBreakStyle, countLine: (line: number) => number, withText = true): BodyHtml {
  const { text } = doc;
  const end = doc.trailerLine ?? text.lineCount;
  let first = -1;
  let last = -1;
  for (let i = doc.bodyStartLine; i < end; i++) {
    const flags = text.lineFlags(i);
    if (flags & (LineFlag.Blank | LineFlag.InNote)) continue;
    if (first < 0) first = i;
    last = i;
  }
  let blocks: string[] = [];
  const headings = chapterHeadings(doc, first, end);
  const heading = headings.length === 1 ? (headings[0] as number) : -1;
  const dropped = new Set(headings);
  const result: BodyHtml = {
    html: '',
    notesBefore: [],
    notesAfter: [],
    notesInside: [],
    replacedWords: 0,
    heading: heading < 0 ? null : headingTitle(text.lineAt(heading)),
    headingLine: heading < 0 ? null : heading,
    sections: [],
  };
  // Whether the current section has a line of its own (blocks stay empty without the text).
  let written = false;
  let section: BodySection = { title: null, headingLine: null, start: 0, end: text.lineCount, html: '', size: 0, lines: 0 };
  let paragraph: string[] = [];
  let note: string[] | null = null;
  const flush = () => {
    if (paragraph.length && withText) blocks.push(`<p>${inlineHtml(paragraph.join('\n'))}</p>`);
    paragraph = [];
  };
  // A file of several chapters: its headings split it, and each chapter's size is read
  // (work.ts). In one of a single chapter with its text left out a line of prose is never
  // read at all, so it is not decoded (the checks after a pause in a long story: 60 ms at a
  // million words).
  const several = headings.length >= 2;
  for (let i = doc.bodyStartLine; i < end; i++) {
    const flags = text.lineFlags(i);
    if (flags & LineFlag.InNote) {
      const line = text.lineAt(i);
      flush();
      if (!note || flags & LineFlag.NoteStart) {
        note = [];
        if (first < 0 || i < first) result.notesBefore.push(note);
        else if (i > last) result.notesAfter.push(note);
        else result.notesInside.push(i);
      }
      note.push(trimLine(line));
      continue;
    }
    note = null;
    if (flags & LineFlag.Blank) {
      flush();
      continue;
    }
    if (flags & LineFlag.Break) {
      const line = text.lineAt(i);
      flush();
      if (dropped.has(i) && several) {
        // Prose before the first heading is a chapter of its own, untitled.
        if (written || section.headingLine !== null) {
          section.html = blocks.join('');
          section.end = i;
          result.sections.push(section);
        }
        blocks = [];
        written = false;
        section = { title: headingTitle(line), headingLine: i, start: result.sections.length ? i : 0, end: text.lineCount, html: '', size: 0, lines: 0 };
        continue;
      }
      if (!dropped.has(i)) {
        written = true;
        section.size += trimmedLength(line);
        section.lines++;
      }
      if (!withText || dropped.has(i)) continue;
      if (isSceneBreak(line)) {
        blocks.push(sceneBreakHtml(line, style));
        if (style !== 'asWritten') result.replacedWords += countLine(i);
      } else {
        // A chapter heading: `#` marks are never words, so dropping them keeps the count.
        blocks.push(`<h3>${escapeHtml(trimLine(line).replace(/^#+\s*/, ''))}</h3>`);
      }
      continue;
    }
    written = true;
    section.lines++;
    if (!several && !withText) continue;
    const line = text.lineAt(i);
    if (several) section.size += trimmedLength(line);
    if (withText) paragraph.push(trimLine(line));
  }
  flush();
  section.html = blocks.join('');
  result.sections.push(section);
  result.html = result.sections.map((s) => s.html).join('');
  return result;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', nbsp: '\u00a0' };

/** The text of each text node of HTML this module wrote, entities decoded. */
export function textNodes(html: string): string[] {
  return html.split(/<[^>]*>/).map((part) => part.replace(/&(amp|lt|gt|quot|nbsp);/g, (_, name: string) => ENTITIES[name] as string));
}

/** Characters as AO3 measures a field: code points of the HTML, tags included. */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}
