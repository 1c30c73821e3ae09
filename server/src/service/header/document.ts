// parse(text) -> FicDocument: the header's fields with exact ranges, where the body starts,
// the trailer line, author's-note blocks and sections. Every feature reads this one result.
//
// The header (DOMAIN.md §1): the first non-blank line must be a `Key: Value` line (an
// opening rule line such as `---` before it is allowed); the header runs over consecutive
// non-blank lines, a line without a key continuing the field above it, and ends at the
// first blank line or rule line (`---`, `***`, `~~~`, `===`). A rule line after the blank
// lines that end the header is the header/body separator. At least one field must be one
// we know, so that prose which happens to open with `Then he said: no` is not a header.

import type { Range } from '../../protocol';
import { FIELDS, LIST_SEPARATORS, type FieldInfo, type FieldName } from '../catalog';
import { isBlank, isRuleLine, isTrailer, parseKeyLine } from '../text/lines';
import { LineFlag, type FicText } from '../text/text';

export interface Field {
  /** The key as written (`Warning(s)`, `Character/Pairing`), without bold markers. */
  key: string;
  /** The canonical field it names, or null for a key we do not know. */
  name: FieldName | null;
  info: FieldInfo | null;
  /** The value, continuation lines joined with a single space. */
  value: string;
  /** The field's first and last line (continuation lines included). */
  line: number;
  endLine: number;
  keyRange: Range;
  /** From the first character of the value to the end of its last non-space character;
   * empty (start = end, just after the colon) for an empty value. */
  valueRange: Range;
  /** Whole lines of the field, without the final line break. */
  range: Range;
}

export interface Header {
  fields: Field[];
  /** The first field line (or the opening rule line before it). */
  startLine: number;
  /** The line that ended the header: a blank line or rule line; null at end of file. */
  terminatorLine: number | null;
  /** The separator line between header and body (`---`), if any. */
  separatorLine: number | null;
  /** The first line of the body (= lineCount when there is no body). */
  bodyStartLine: number;
}

export type SectionKind = 'opening' | 'scene' | 'chapter';

export interface Section {
  kind: SectionKind;
  /** The heading or scene-break line that opens it, or the body's first line. */
  line: number;
  /** Inclusive line span of the section, heading included. */
  startLine: number;
  endLine: number;
  /** The chapter heading's text, or null. */
  title: string | null;
  words: { whitespace: number; ao3: number };
}

export interface LineSpan {
  startLine: number;
  endLine: number;
}

export interface FicDocument {
  text: FicText;
  header: Header | null;
  bodyStartLine: number;
  trailerLine: number | null;
  notes: LineSpan[];
  sections: Section[];
}

// ---------------------------------------------------------------------------------------
// Field names

/** Lower case, `’` as `'`, `(s)` dropped, spaces collapsed. */
export function normaliseKey(key: string): string {
  return key
    .toLowerCase()
    .replace(/’/g, "'")
    .replace(/\(s\)/g, '')
    .replace(/\s+/g, ' ')
    // Spaces are single by now; `\s*\/\s*` would be quadratic in a run of them.
    .replace(/ ?\/ ?/g, '/')
    .trim();
}

const FIELD_BY_KEY = new Map<string, FieldInfo>();
for (const info of FIELDS) {
  for (const k of [info.name, ...info.aliases]) FIELD_BY_KEY.set(normaliseKey(k), info);
}

/** The field a key names: exact alias, then singular, then the first known part of a
 * combined key (`Author/Artist`, `Rating/Warnings`). */
export function lookupField(key: string): FieldInfo | null {
  const k = normaliseKey(key);
  const direct = FIELD_BY_KEY.get(k) ?? (k.endsWith('s') ? FIELD_BY_KEY.get(k.slice(0, -1)) : undefined);
  if (direct) return direct;
  if (k.includes('/')) {
    for (const part of k.split('/')) {
      const p = FIELD_BY_KEY.get(part) ?? (part.endsWith('s') ? FIELD_BY_KEY.get(part.slice(0, -1)) : undefined);
      if (p) return p;
    }
  }
  return null;
}

export function fieldInfo(name: FieldName): FieldInfo {
  return FIELDS.find((f) => f.name === name) as FieldInfo;
}

// ---------------------------------------------------------------------------------------
// The header

/** The lines parseHeader reads: a story's model, or the lines of a header on its own. */
export interface HeaderLines {
  readonly lineCount: number;
  lineAt(line: number): string;
}

/** The lines of a text as the model splits them (at \r\n, \r and \n), for reading a
 * header without building a whole model (a chapter summarised from disk). */
export function headerLines(text: string): HeaderLines {
  const lines = text.split(/\r\n|\r|\n/);
  return { lineCount: lines.length, lineAt: (line) => lines[line] ?? '' };
}

export function parseHeader(text: HeaderLines): Header | null {
  const n = text.lineCount;
  let i = 0;
  while (i < n && isBlank(text.lineAt(i))) i++;
  if (i >= n) return null;
  const startLine = i;
  if (isRuleLine(text.lineAt(i)) && i + 1 < n && parseKeyLine(text.lineAt(i + 1))) i++;
  if (!parseKeyLine(text.lineAt(i))) return null;

  const fields: Field[] = [];
  let terminatorLine: number | null = null;
  let known = false;
  for (; i < n; i++) {
    const line = text.lineAt(i);
    if (isBlank(line) || isRuleLine(line)) {
      terminatorLine = i;
      break;
    }
    let kl = parseKeyLine(line);
    // A wrapped Summary line such as `from him: the truth.` reads like a key; keys are
    // capitalised, so an unknown one in lower case continues the field above.
    if (kl && fields.length > 0 && /^\p{Ll}/u.test(kl.key) && !lookupField(kl.key)) kl = null;
    if (kl) {
      const info = lookupField(kl.key);
      if (info) known = true;
      fields.push({
        key: kl.key,
        name: info?.name ?? null,
        info,
        value: line.slice(kl.valueStart, kl.valueEnd),
        line: i,
        endLine: i,
        keyRange: { start: { line: i, character: kl.keyStart }, end: { line: i, character: kl.keyEnd } },
        valueRange: { start: { line: i, character: kl.valueStart }, end: { line: i, character: kl.valueEnd } },
        range: { start: { line: i, character: 0 }, end: { line: i, character: line.length } },
      });
    } else {
      const f = fields[fields.length - 1] as Field;
      const t = line.trim();
      f.value = f.value.length ? `${f.value} ${t}` : t;
      f.endLine = i;
      const end = line.trimEnd().length;
      if (f.valueRange.start.line === f.line && f.valueRange.start.character === f.valueRange.end.character && f.value === t) {
        // The value starts on this continuation line.
        f.valueRange = { start: { line: i, character: line.length - line.trimStart().length }, end: { line: i, character: end } };
      } else {
        f.valueRange = { start: f.valueRange.start, end: { line: i, character: end } };
      }
      f.range = { start: f.range.start, end: { line: i, character: line.length } };
    }
  }
  if (!known) return null;

  let bodyStartLine = terminatorLine === null ? n : terminatorLine + 1;
  let separatorLine: number | null = terminatorLine !== null && isRuleLine(text.lineAt(terminatorLine)) ? terminatorLine : null;
  if (separatorLine === null && terminatorLine !== null) {
    let j = terminatorLine + 1;
    while (j < n && isBlank(text.lineAt(j))) j++;
    if (j < n && isRuleLine(text.lineAt(j))) {
      separatorLine = j;
      bodyStartLine = j + 1;
    }
  }
  return { fields, startLine, terminatorLine, separatorLine, bodyStartLine };
}

/** The last line a change must reach for the header's parse to change. */
export function headerExtent(header: Header | null, text: FicText): number {
  if (!header) {
    // No header: the first non-blank line decides (and the one after an opening rule
    // line), unless it is a `Key:` line; then the block it opens was read and found to hold
    // no field we know, and a change anywhere in it, or to the line ending it, may add one.
    const n = text.lineCount;
    let i = 0;
    while (i < n && isBlank(text.lineAt(i))) i++;
    if (i < n && isRuleLine(text.lineAt(i))) i++;
    if (i >= n || !parseKeyLine(text.lineAt(i))) return i;
    while (i < n && !isBlank(text.lineAt(i)) && !isRuleLine(text.lineAt(i))) i++;
    return i;
  }
  if (header.separatorLine !== null) return header.separatorLine;
  if (header.terminatorLine === null) return text.lineCount;
  // A change to the first non-blank line after the blank terminator can make it a
  // separator, however many blank lines come between.
  let i = header.terminatorLine + 1;
  while (i < text.lineCount && isBlank(text.lineAt(i))) i++;
  return i;
}

// ---------------------------------------------------------------------------------------
// The body

/** The trailer: the last non-blank body line, if it is `The End`, `~fin~`, `TBC` ... */
export function findTrailer(text: FicText, bodyStartLine: number): number | null {
  let i = text.lineCount - 1;
  while (i >= bodyStartLine && text.lineFlags(i) & LineFlag.Blank) i--;
  if (i < bodyStartLine) return null;
  if (text.lineFlags(i) & LineFlag.InNote) return null;
  return isTrailer(text.lineAt(i)) ? i : null;
}

export function parse(text: FicText, header: Header | null = parseHeader(text)): FicDocument {
  const bodyStartLine = header ? header.bodyStartLine : 0;
  const trailerLine = findTrailer(text, bodyStartLine);
  const n = text.lineCount;
  const notes: LineSpan[] = [];
  const sections: Section[] = [];
  let current: Section | null = null;
  let hasContent = false;
  const bodyEnd = trailerLine ?? n;
  for (let i = bodyStartLine; i < bodyEnd; i++) {
    const flags = text.lineFlags(i);
    if (flags & LineFlag.InNote) {
      const last = notes[notes.length - 1];
      if (last && last.endLine === i - 1) last.endLine = i;
      else notes.push({ startLine: i, endLine: i });
      if (current) current.endLine = i;
      hasContent = true;
      continue;
    }
    if (flags & LineFlag.Break) {
      const line = text.lineAt(i);
      const heading = !(flags & LineFlag.SceneBreak);
      // A scene break with nothing after it before the next break (one right before a
      // chapter heading) opens no scene: the stretch is empty.
      if (current && current.kind === 'scene' && !hasContent) sections.pop();
      current = {
        kind: heading ? 'chapter' : 'scene',
        line: i,
        startLine: i,
        endLine: i,
        title: heading ? line.trim().replace(/^#+\s*/, '') : null,
        // Headings and breaks are furniture: their own words count nowhere.
        words: { whitespace: 0, ao3: 0 },
      };
      hasContent = false;
      sections.push(current);
      continue;
    }
    if (flags & LineFlag.Blank) {
      if (current) current.endLine = i;
      continue;
    }
    if (!current) {
      current = { kind: 'opening', line: i, startLine: i, endLine: i, title: null, words: { whitespace: 0, ao3: 0 } };
      sections.push(current);
    }
    current.endLine = i;
    hasContent = true;
    current.words.whitespace += text.lineWords(i, 'whitespace');
    current.words.ao3 += text.lineWords(i, 'ao3');
  }
  if (current && current.kind === 'scene' && !hasContent) sections.pop();
  // Trailing blank lines belong to no section.
  for (const s of sections) {
    while (s.endLine > s.startLine && text.lineFlags(s.endLine) & LineFlag.Blank) s.endLine--;
  }
  return { text, header, bodyStartLine, trailerLine, notes, sections };
}

// ---------------------------------------------------------------------------------------
// Helpers for features

export function fieldsNamed(doc: FicDocument, name: FieldName): Field[] {
  return doc.header ? doc.header.fields.filter((f) => f.name === name) : [];
}

export interface ListItem {
  text: string;
  range: Range;
}

/** The comma-separated items of a field's value (also `，` and `、`, as AO3 splits),
 * each trimmed, with its exact range. Empty items are left out. */
export function listItems(doc: FicDocument, field: Field): ListItem[] {
  const items: ListItem[] = [];
  const { start, end } = field.valueRange;
  for (let line = start.line; line <= end.line; line++) {
    const text = doc.text.lineAt(line);
    const from = line === start.line ? start.character : 0;
    const to = line === end.line ? end.character : text.length;
    let itemStart = from;
    for (let i = from; i <= to; i++) {
      if (i === to || LIST_SEPARATORS.includes(text[i] as string)) {
        let a = itemStart;
        let b = i;
        while (a < b && /\s/.test(text[a] as string)) a++;
        while (b > a && /\s/.test(text[b - 1] as string)) b--;
        if (b > a) items.push({ text: text.slice(a, b), range: { start: { line, character: a }, end: { line, character: b } } });
        itemStart = i + 1;
      }
    }
  }
  return items;
}
