// A chapter as the work model holds it: header fields and counts, never the text. An
// unopened chapter is summarised once when read (and again only when it changes on disk);
// an open one is summarised from its live model, whose header parse is cached, so that a
// keystroke costs the same here as in a lone story.
//
// Reading a file for its summary does not build the line model: the header is parsed
// from the few lines it can occupy, and the body is counted in one pass with the same
// scanner the model uses, minus the author's notes and the closing line, which are found
// by their line tests, and the scene breaks and chapter headings. It gives exactly the model's figures (the tests compare the two on
// every fixture), at the speed of the scanner. The same pass notes the body's first line that
// is not blank nor a note: when it is a chapter heading, its title names the chapter.

import type { WordsByMethod } from '../../protocol';
import { LIST_SEPARATORS } from '../catalog';
import { headerLines, parseHeader, type Header } from '../header/document';
import { FicSource } from '../header/source';
import { openingHeading } from '../header/opening';
import { bodyFigures } from '../header/stats';
import { measure } from '../text/count';
import { isBlank, isChapterHeading, isNoteStart, isSceneBreak, isTrailer, openingTitle } from '../text/lines';

export interface ChapterSummary {
  uri: string;
  /** The folder's uri: works never span folders. */
  folder: string;
  /** The file's name, decoded (`02-storm.fic`). */
  fileName: string;
  /** The number in the file name (`02-storm.fic` -> 2), or null. */
  fileNumber: number | null;
  title: string | null;
  chapterTitle: string | null;
  /** The title of the chapter heading that opens the body (`Chapter 3: The Lighthouse` ->
   * `The Lighthouse`), as the AO3 form takes it for the Chapter Title; null when no titled
   * heading opens it. */
  headingTitle: string | null;
  /** `Chapter: 2/10` -> 2 and 10; `2/?` -> 2 and null. */
  chapter: number | null;
  chapterTotal: number | null;
  status: string | null;
  rating: string | null;
  fandoms: string[];
  warnings: string[];
  characters: string[];
  pairings: string[];
  tags: string[];
  /** The Word Count as written, or null. */
  declared: string | null;
  /** The Goal line as written, or null: a work's target is read from its chapters. */
  goal: string | null;
  words: WordsByMethod;
}

/** Whatever in a summary decides which work a chapter belongs to and where. */
export function placementKey(s: ChapterSummary): string {
  return `${s.title ?? ''}\u0000${s.chapter ?? ''}\u0000${s.chapterTotal ?? ''}`;
}

export function folderOf(uri: string): string {
  const cut = uri.lastIndexOf('/');
  return cut < 0 ? '' : uri.slice(0, cut);
}

export function fileNameOf(uri: string): string {
  const raw = uri.slice(uri.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** The chapter number a file name carries: its first run of one to three digits
 * (`02-storm`, `chapter10`, `part 3`); longer runs are years or dates, not chapters. */
export function fileNumberOf(fileName: string): number | null {
  const m = /(?:^|\D)(\d{1,3})(?!\d)/.exec(fileName.replace(/\.[^.]*$/, ''));
  return m ? Number(m[1]) : null;
}

const CHAPTER = /^(\d{1,6})\s*(?:\/\s*(\d{1,6}|\?))?$/;
const CHAPTER_OF = /^(?:part\s+)?(\d{1,6})\s+(?:of|out of)\s+(\d{1,6}|\?)$/i;

/** `3`, `3/10`, `3/?`, `3 of 10`: the number and the total (null when unknown). */
export function parseChapterValue(value: string): { number: number; total: number | null } | null {
  const v = value.trim();
  if (v.length > 40) return null;
  const m = CHAPTER.exec(v) ?? CHAPTER_OF.exec(v);
  if (!m) return null;
  const number = Number(m[1]);
  const total = m[2] === undefined || m[2] === '?' ? null : Number(m[2]);
  if (number < 1) return null;
  return { number, total: total === 0 ? null : total };
}

export function splitList(value: string): string[] {
  let parts = [value];
  for (const sep of LIST_SEPARATORS) parts = parts.flatMap((p) => p.split(sep));
  return parts.map((p) => p.trim()).filter((p) => p.length > 0 && p.length <= 150);
}

/** A copy that holds nothing else alive. A value cut from a file's text can be a slice
 * of the whole text in V8, which would keep the whole chapter in memory for a few words
 * of header; a summary holds only its own characters. */
function own(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}

/** Shared by every summary with an empty list: an empty array costs more than its
 * pointer, times thousands of chapters. */
const NONE: string[] = [];

/** One object literal with every field, so that V8 gives every summary the same compact
 * shape (spreading parts together left it a dictionary, three times the size). */
export function summary(uri: string, header: Header | null, words: WordsByMethod, heading: string | null): ChapterSummary {
  // The first field of the name that says something, as the AO3 form reads the header: an
  // empty `Chapter Title:` above a filled one leaves the filled one to name the chapter.
  const field = (name: string) => header?.fields.find((x) => x.name === name && x.value.trim() !== '');
  const first = (name: string): string | null => {
    const f = field(name);
    return f ? own(f.value) : null;
  };
  const chapterTitle = field('Chapter Title');
  const list = (name: string): string[] => {
    const values = (header?.fields ?? []).filter((x) => x.name === name).flatMap((x) => splitList(own(x.value)));
    // A copy holds exactly its items; the array built by pushing keeps room to grow.
    return values.length ? values.slice() : NONE;
  };
  const chapter = first('Chapter');
  const parsed = chapter === null ? null : parseChapterValue(chapter);
  const fileName = fileNameOf(uri);
  return {
    uri,
    folder: folderOf(uri),
    fileName,
    fileNumber: fileNumberOf(fileName),
    title: first('Title'),
    // Trimmed as the form posts it.
    chapterTitle: chapterTitle ? own(chapterTitle.value.trim()) : null,
    headingTitle: heading === null ? null : own(heading),
    chapter: parsed?.number ?? null,
    chapterTotal: parsed?.total ?? null,
    status: first('Status'),
    rating: first('Rating'),
    fandoms: list('Fandom'),
    warnings: list('Warnings'),
    characters: list('Characters'),
    pairings: list('Pairing'),
    tags: list('Genre'),
    declared: first('Word Count'),
    goal: first('Goal'),
    words: { whitespace: words.whitespace, ao3: words.ao3 },
  };
}

/** A summary that crossed a thread or a process (a structured copy), rebuilt as one of
 * ours: the same compact shape, the shared empty list, and the index's own copy of its
 * uri (`uri`, the name the index holds it by); null when it is not one. */
export function reviveSummary(value: unknown, uri: string): ChapterSummary | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  // Through own() as the summaries made here: the same values (a rating, a fandom) then
  // share one string across chapters instead of a copy each.
  const str = (x: unknown): string | null => (typeof x === 'string' ? own(x) : null);
  const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
  const list = (x: unknown): string[] => {
    const items = Array.isArray(x) ? x.filter((i): i is string => typeof i === 'string').map(own) : [];
    return items.length ? items : NONE;
  };
  const words = v.words as Record<string, unknown> | null | undefined;
  if (v.uri !== uri || typeof words !== 'object' || words === null) return null;
  return {
    uri,
    folder: folderOf(uri),
    fileName: fileNameOf(uri),
    fileNumber: num(v.fileNumber),
    title: str(v.title),
    chapterTitle: str(v.chapterTitle),
    headingTitle: str(v.headingTitle),
    chapter: num(v.chapter),
    chapterTotal: num(v.chapterTotal),
    status: str(v.status),
    rating: str(v.rating),
    fandoms: list(v.fandoms),
    warnings: list(v.warnings),
    characters: list(v.characters),
    pairings: list(v.pairings),
    tags: list(v.tags),
    declared: str(v.declared),
    goal: str(v.goal),
    words: { whitespace: num(words.whitespace) ?? 0, ao3: num(words.ao3) ?? 0 },
  };
}

/** The summary of an open chapter, from its live model (header parse cached; the counts
 * are the model's running totals). */
export function summariseSource(source: FicSource, uri = source.uri): ChapterSummary {
  const header = source.header();
  return summary(uri, header, bodyFigures(source.text, header).words, openingHeading(source.text, header));
}

/** The opening heading's title of an open chapter, as its summary holds it. */
export function liveHeading(source: FicSource): string | null {
  const heading = openingHeading(source.text, source.header());
  return heading === null ? null : own(heading);
}

/** The summary of a chapter read from disk. */
export function summariseText(uri: string, text: string): ChapterSummary {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const fast = fastFigures(text);
  if (fast) return summary(uri, fast.header, fast.words, fast.heading);
  // A header the quick path cannot bound: the whole model, once.
  return summariseSource(new FicSource(uri, text, 0));
}

/** The most lines a header's region may span before the quick path gives up. */
export const MAX_HEADER_LINES = 400;

interface Line {
  start: number;
  end: number;
  /** Where the next line starts. */
  next: number;
}

function lineAt(text: string, start: number): Line {
  let i = start;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10) return { start, end: i, next: i + 1 };
    if (c === 13) return { start, end: i, next: i + 1 < n && text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1 };
    i++;
  }
  return { start, end: n, next: n };
}

/** Header and body words without the line model; null when the header's region is
 * unusual enough (very long, or closed by a rule line a note could run through) that only
 * the model can say. */
function fastFigures(text: string): { header: Header | null; words: WordsByMethod; heading: string | null } | null {
  // The region the header can occupy: blank lines, the first block of non-blank lines,
  // the blank lines after it, and the line after those (a possible separator).
  const starts: number[] = [];
  let at = 0;
  let phase = 0; // 0 leading blanks, 1 block, 2 blanks after, 3 done
  while (at < text.length && phase < 3) {
    if (starts.length > MAX_HEADER_LINES) return null;
    const line = lineAt(text, at);
    const blank = isBlank(text.slice(line.start, line.end));
    starts.push(line.start);
    if (phase === 0 && !blank) phase = 1;
    else if (phase === 1 && blank) phase = 2;
    else if (phase === 2 && !blank) phase = 3;
    at = line.next;
  }
  const regionEnd = at;
  const headText = headerLines(text.slice(0, regionEnd));
  const header = parseHeader(headText);
  let bodyStart = 0;
  if (header) {
    // A rule line ending the header leaves no blank line to end a note in the header.
    if (header.terminatorLine !== null && !isBlank(headText.lineAt(header.terminatorLine))) return null;
    bodyStart = header.bodyStartLine < starts.length ? (starts[header.bodyStartLine] as number) : regionEnd;
  }
  const total = measure(text, bodyStart);
  let ws = total.whitespace;
  let ao3 = total.ao3;
  const subtract = (from: number, to: number) => {
    const m = measure(text, from, to);
    ws -= m.whitespace;
    ao3 -= m.ao3;
  };
  // Author's notes: from a note's first line to the next blank line. Candidates are the
  // lines that open with a note word; the line test decides.
  const noteSpans: [number, number][] = [];
  const noteAt = (lineStart: number): number => {
    const first = lineAt(text, lineStart);
    let end = first;
    for (let next = first.next; next < text.length; ) {
      const line = lineAt(text, next);
      if (isBlank(text.slice(line.start, line.end))) break;
      end = line;
      next = line.next;
    }
    noteSpans.push([first.start, end.end]);
    subtract(first.start, end.end);
    return end.next;
  };
  // Line by line, found with indexOf (the engine's fastest scan); only a line whose first
  // letter (after spaces and `([*_~`) can start a note word is tested.
  let crFrom = -1;
  let nextCr = -2; // unknown
  // The body's first line that is neither blank nor a note, and the title it gives.
  let opening = -1;
  let heading: string | null = null;
  const lineEnd = (from: number): number => {
    const lf = text.indexOf('\n', from);
    if (nextCr !== -1 && (nextCr < from || nextCr === -2)) nextCr = text.indexOf('\r', Math.max(from, crFrom));
    crFrom = from;
    const ends = [lf, nextCr].filter((i) => i >= 0);
    return ends.length ? Math.min(...ends) : text.length;
  };
  for (let pos = bodyStart; pos < text.length; ) {
    const end = lineEnd(pos);
    // A slice is a view in V8, not a copy.
    const line = text.slice(pos, end);
    if (opensNote(line)) {
      pos = noteAt(pos);
      continue;
    }
    // Scene breaks and chapter headings are furniture: no method counts them.
    if (opening < 0 && !isBlank(line)) {
      opening = pos;
      heading = openingTitle(line);
    }
    if (isSceneBreak(line) || isChapterHeading(line)) subtract(pos, end);
    if (end >= text.length) break;
    pos = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
  // The closing line: the last non-blank line, unless it ends a note.
  const last = lastNonBlankLine(text, bodyStart);
  if (last && !noteSpans.some(([a, b]) => last.start >= a && last.start <= b) && isTrailer(text.slice(last.start, last.end))) {
    subtract(last.start, last.end);
    // A closing line is out of the story, so it opens nothing.
    if (last.start === opening) heading = null;
  }
  return { header, words: { whitespace: ws, ao3 }, heading };
}

// What may come before a note's first word on its line: spaces (JavaScript's \s, as the
// line test skips them, line breaks aside) and the openers `([*_~`.
const OPENING = new Set(
  [0x09, 0x0b, 0x0c, 0x20, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff, 0x28, 0x5b, 0x2a, 0x5f, 0x7e].concat(
    Array.from({ length: 11 }, (_, k) => 0x2000 + k),
  ),
);
// The first letters of the note words (`a/n`, `an:`, `author's note`, `notes:`, `end notes`).
const NOTE_INITIALS = new Set([0x61, 0x41, 0x6e, 0x4e, 0x65, 0x45]);

/** Whether a line is an author's note's first line, as the model flags it (isNoteStart on
 * the whole line), the regex tried only when the first letter after spaces and openers
 * can start a note word. */
export function opensNote(line: string): boolean {
  let i = 0;
  while (i < line.length && OPENING.has(line.charCodeAt(i))) i++;
  return NOTE_INITIALS.has(line.charCodeAt(i)) && isNoteStart(line);
}

function lastNonBlankLine(text: string, from: number): { start: number; end: number } | null {
  let end = text.length;
  while (end > from) {
    let start = end;
    while (start > from && text.charCodeAt(start - 1) !== 10 && text.charCodeAt(start - 1) !== 13) start--;
    if (!isBlank(text.slice(start, end))) return { start, end };
    // Step over the line break (\r\n counts as one).
    end = start - 1;
    if (end > from && text.charCodeAt(end) === 10 && text.charCodeAt(end - 1) === 13) end--;
    if (start === from) break;
  }
  return null;
}

