// Completion in the header, and only there: field names at the start of a line, values
// after `Key: ` for the fields with a closed vocabulary (ratings, warnings, categories,
// statuses), the live count for Word Count. In the body the answer is an empty list at
// once: writers type prose there, and suggestions would be noise. Only the cursor's line
// and the parsed header are read, so the cost does not grow with the story.

import {
  CompletionItemKind,
  MarkupKind,
  type Command,
  type CompletionItem,
  type CompletionList,
  type Position,
  type Range,
} from 'vscode-languageserver-types';
import type { FicSettings } from '../../protocol';
import {
  ARCHIVE_WARNINGS,
  CATEGORIES,
  CHOOSE_NOT_TO_WARN,
  CHOSE_NOT_TO_WARN_DISPLAYED,
  FIELDS,
  FREEFORM_WARNINGS,
  METHOD_WAYS,
  LIST_SEPARATORS,
  NO_WARNINGS_APPLY,
  RATING_SYSTEM_NAMES,
  RATINGS,
  SPECIFIC_ARCHIVE_WARNINGS,
  STATUSES,
  type FieldInfo,
  type FieldName,
  type RatingSystem,
} from '../catalog';
import { formatCount } from '../header/declared';
import { listItems, lookupField, type Field, type FicDocument, type Header } from '../header/document';
import type { FicText } from '../text/text';
import { fieldAtLine, ratingEquivalents } from './hover';
import { isBlank, parseKeyLine } from '../text/lines';
import { bodyFigures } from '../header/stats';

/** Values the writer has used in other stories for a field, most used first. */
export type UsedValues = (field: FieldName) => readonly { value: string; stories: number }[];

/** The fields whose values are the writer's own vocabulary (AO3 tags): completed from the
 * writer's other stories. */
const FROM_OTHER_STORIES: ReadonlySet<FieldName> = new Set(['Fandom', 'Characters', 'Pairing', 'Genre']);

/** `today` (the writer's day, `YYYY-MM-DD`) dates the Goal suggestions. */
export function complete(
  doc: FicDocument,
  position: Position,
  settings: FicSettings,
  used: UsedValues = () => [],
  today: string | null = null,
): CompletionList {
  const pos = doc.text.clampPosition(position);
  const place = placeOf(doc, pos.line);
  if (!place) return list([]);
  const line = doc.text.lineAt(pos.line);
  const c = pos.character;

  if (place.kind === 'new-line') return list(fieldNameItems(doc, null, { start: pos, end: pos }, true));

  const kl = place.kind === 'continuation' ? null : parseKeyLine(line);
  if (kl && place.kind === 'headerless' && !looksLikeKey(kl.key)) return list([]);
  if (kl) {
    const colon = line.indexOf(':', kl.keyEnd);
    // In the indent or the opening bold markers: nothing to replace there.
    if (c < kl.keyStart) return list([]);
    if (c <= kl.keyEnd || c <= colon) {
      // In the key of an existing `Key: value` line: swap the key, keep the rest.
      const range = lineRange(pos.line, kl.keyStart, kl.keyEnd);
      return list(fieldNameItems(doc, place.field, range, false));
    }
    const info = lookupField(kl.key);
    if (!info) return list([]);
    return list(valueItems(doc, info, place.field, pos, valueRegionStart(line, colon), settings, used, today));
  }

  // A line without a key: the writer typing a new key (`Rat|`), or more of the field above
  // (a wrapped Summary, a Warnings list carried onto the next line).
  const indent = line.length - line.trimStart().length;
  const before = line.slice(indent, c);
  if ((indent === 0 || place.kind === 'headerless') && isPartialKey(before)) {
    const start = indent + leadingMarkers(before);
    return list(fieldNameItems(doc, null, lineRange(pos.line, start, keyRunEnd(line, c)), true));
  }
  if (place.kind === 'continuation' && place.field.info) {
    return list(valueItems(doc, place.field.info, place.field, pos, indent, settings, used, today));
  }
  return list([]);
}

// ---------------------------------------------------------------------------------------
// Where the cursor is

type Place =
  /** A blank line where a new field could start: an empty file, the blank line ending
   * the header, blank lines above it. */
  | { kind: 'new-line' }
  /** The first line of a header field. */
  | { kind: 'field'; field: Field }
  /** A further line of a header field. */
  | { kind: 'continuation'; field: Field }
  /** No header yet, but every line above the cursor in the first block is a `Key:` line. */
  | { kind: 'headerless'; field: null };

// Without a header, a header being started can only be this far down.
const HEADERLESS_LINES = 100;

function placeOf(doc: FicDocument, lineNo: number): Place | null {
  const text = doc.text;
  const header = doc.header;
  if (header) {
    const first = header.fields[0] as Field;
    const last = header.fields[header.fields.length - 1] as Field;
    if (lineNo < first.line) return lineNo < header.startLine && isBlank(text.lineAt(lineNo)) ? { kind: 'new-line' } : null;
    if (lineNo > last.endLine) return lineNo === header.terminatorLine && isBlank(text.lineAt(lineNo)) ? { kind: 'new-line' } : null;
    const field = fieldAtLine(doc, lineNo);
    if (!field) return null;
    return field.line === lineNo ? { kind: 'field', field } : { kind: 'continuation', field };
  }
  if (lineNo > HEADERLESS_LINES) return null;
  let i = 0;
  while (i < lineNo && isBlank(text.lineAt(i))) i++;
  if (i === lineNo && isBlank(text.lineAt(lineNo))) return { kind: 'new-line' };
  for (; i < lineNo; i++) {
    const kl = parseKeyLine(text.lineAt(i));
    if (!kl || !looksLikeKey(kl.key)) return null;
  }
  return { kind: 'headerless', field: null };
}

/** The first line where placeOf finds no place, and no later line has one: the header
 * and the blank line that ends it, or, without a header, the leading blank lines, the
 * key lines under them and the first line that is not one (a key may be being typed
 * there). Read from the header already parsed and at most the first hundred lines. */
export function completionEndLine(text: FicText, header: Header | null): number {
  if (header) {
    const last = header.fields[header.fields.length - 1];
    const end = last ? last.endLine : header.startLine;
    const t = header.terminatorLine;
    return (t !== null && t > end && isBlank(text.lineAt(t)) ? t : end) + 1;
  }
  const limit = Math.min(HEADERLESS_LINES, text.lineCount - 1);
  let i = 0;
  while (i < limit && isBlank(text.lineAt(i))) i++;
  for (; i < limit; i++) {
    const kl = parseKeyLine(text.lineAt(i));
    if (!kl || !looksLikeKey(kl.key)) break;
  }
  return i + 1;
}

/** A key we know, or one written like a key (`Spoiler Space`), not prose that happens to
 * have a colon in it (`Then he said: no`). */
function looksLikeKey(key: string): boolean {
  return lookupField(key) !== null || key.split(/\s+/).every((word) => !/^\p{Ll}/u.test(word));
}

// ---------------------------------------------------------------------------------------
// Field names

// Every spelling a key may start with, lower case, for telling a key being typed from
// prose being typed on a line of its own.
const KEY_SPELLINGS: readonly string[] = FIELDS.flatMap((f) => [f.name, ...f.aliases].map((s) => s.toLowerCase()));

function leadingMarkers(s: string): number {
  let i = 0;
  while (i < s.length && i < 3 && (s[i] === '*' || s[i] === '_')) i++;
  return i;
}

/** `Rat`, `**Word C`, `date w`: the start of some field's name or alias, nothing else. */
function isPartialKey(s: string): boolean {
  const t = s.slice(leadingMarkers(s)).toLowerCase().replace(/’/g, "'");
  if (t.length === 0 || t.length > 48 || !/^\p{L}[\p{L}\p{N}'()/&.\- ]*$/u.test(t)) return false;
  return KEY_SPELLINGS.some((k) => k.startsWith(t));
}

/** The end of the key being typed: the cursor, or further if it sits inside a word. */
function keyRunEnd(line: string, c: number): number {
  let e = c;
  while (e < line.length && /[\p{L}\p{N}'’]/u.test(line[e] as string)) e++;
  return e;
}

// After choosing a field with values to offer, ask the editor for them at once.
const SUGGEST_VALUES: Command = { title: 'Suggest values', command: 'editor.action.triggerSuggest' };
const HAS_VALUES = new Set<FieldName>(['Rating', 'Warnings', 'Category', 'Status', 'Word Count', 'Chapter']);

function fieldNameItems(doc: FicDocument, editing: Field | null, range: Range, withColon: boolean): CompletionItem[] {
  const present = new Set<FieldName>();
  for (const f of doc.header?.fields ?? []) if (f.name && f !== editing) present.add(f.name);
  return FIELDS.map((info, i) => {
    const has = present.has(info.name);
    const item: CompletionItem = {
      label: info.name,
      kind: CompletionItemKind.Property,
      documentation: { kind: MarkupKind.Markdown, value: fieldDocumentation(info) },
      // Fields the header lacks first, each group in the catalog's (template) order.
      sortText: `${has ? 1 : 0}${String(i).padStart(2, '0')}`,
      // The aliases too, so that `Relationship` or `Rated` finds its canonical field.
      filterText: [info.name, ...info.aliases].join(' '),
      textEdit: { range, newText: withColon ? `${info.name}: ` : info.name },
    };
    if (has) item.detail = 'already in the header';
    if (withColon && HAS_VALUES.has(info.name)) item.command = SUGGEST_VALUES;
    return item;
  });
}

function fieldDocumentation(info: FieldInfo): string {
  const out = [info.description];
  if (info.aliases.length) out.push(`Also written: ${info.aliases.join(', ')}.`);
  return out.join('\n\n');
}

// ---------------------------------------------------------------------------------------
// Values

/** Where a value may start: after the colon and any closing bold markers (`**Rating:** `). */
function valueRegionStart(line: string, colon: number): number {
  let i = colon + 1;
  while (i < line.length && (line[i] === '*' || line[i] === '_')) i++;
  return i;
}

const RATING_SEPARATORS = ['/', '(', ')', '[', ']', ',', '|'];

interface Part {
  start: number;
  end: number;
  /** What the writer has typed of it, before the cursor. */
  typed: string;
  /** The text inserted before a suggestion: a space after `:` or `,` when there is none. */
  lead: string;
}

/** The part of the value the cursor is in, between separators, trimmed. */
function partAt(line: string, regionStart: number, c: number, separators: readonly string[]): Part {
  const regionEnd = line.trimEnd().length;
  let start = regionStart;
  for (let i = c - 1; i >= regionStart; i--) {
    if (separators.includes(line[i] as string)) {
      start = i + 1;
      break;
    }
  }
  while (start < c && /\s/.test(line[start] as string)) start++;
  let end = Math.max(c, regionEnd);
  for (let i = c; i < regionEnd; i++) {
    if (separators.includes(line[i] as string)) {
      end = i;
      break;
    }
  }
  while (end > c && /\s/.test(line[end - 1] as string)) end--;
  const prev = start > 0 ? (line[start - 1] as string) : '';
  const lead = start === c && /[:,*_]/.test(prev) ? ' ' : '';
  return { start, end, typed: line.slice(start, c), lead };
}

function valueItems(
  doc: FicDocument,
  info: FieldInfo,
  field: Field | null,
  pos: Position,
  regionStart: number,
  settings: FicSettings,
  used: UsedValues,
  today: string | null,
): CompletionItem[] {
  const line = doc.text.lineAt(pos.line);
  const c = Math.max(pos.character, regionStart);
  if (pos.character < regionStart) return [];
  const at = (separators: readonly string[]) => partAt(line, regionStart, c, separators);
  if (FROM_OTHER_STORIES.has(info.name)) {
    const part = at(LIST_SEPARATORS);
    const present = presentItems(doc, field, line, pos.line, regionStart, part);
    return used(info.name)
      .filter((u) => !present.has(u.value.toLowerCase()))
      .slice(0, 200)
      .map((u, i) =>
        valueItem(pos.line, part, u.value, i, {
          kind: CompletionItemKind.Value,
          detail: `used in ${u.stories} ${u.stories === 1 ? 'story' : 'stories'}`,
          documentation: 'From your other stories in this workspace: AO3 tags must be spelled the same every time.',
        }),
      );
  }
  switch (info.name) {
    case 'Rating':
      return ratingItems(pos.line, at(RATING_SEPARATORS));
    case 'Warnings': {
      const part = at(LIST_SEPARATORS);
      return warningItems(pos.line, part, presentItems(doc, field, line, pos.line, regionStart, part));
    }
    case 'Category': {
      const part = at(LIST_SEPARATORS);
      const present = presentItems(doc, field, line, pos.line, regionStart, part);
      return CATEGORIES.filter((k) => !present.has(k.label.toLowerCase())).map((k, i) =>
        valueItem(pos.line, part, k.label, i, { kind: CompletionItemKind.EnumMember, documentation: k.description }),
      );
    }
    case 'Status': {
      const part = at([]);
      return STATUSES.map((s, i) => valueItem(pos.line, part, s.label, i, { kind: CompletionItemKind.EnumMember, documentation: s.description }));
    }
    case 'Word Count': {
      const part = at([]);
      const method = settings.wordCount.method;
      const count = formatCount(bodyFigures(doc.text, doc.header).words[method]);
      return [
        valueItem(pos.line, part, count, 0, {
          kind: CompletionItemKind.Value,
          detail: 'words in the story now',
          documentation: `The story counted ${METHOD_WAYS[method]}: the header, the closing line, author's notes and scene breaks left out.`,
          // Whatever the old value was (`~1.3k`, `TBD`), this is the one suggestion: let it
          // through the editor's filter.
          filterText: count.startsWith(part.typed) ? count : `${part.typed} ${count}`,
        }),
      ];
    }
    case 'Goal': {
      const part = at([]);
      return goalItems(pos.line, part, bodyFigures(doc.text, doc.header).words[settings.wordCount.method], today);
    }
    case 'Chapter': {
      const part = at([]);
      return [
        valueItem(pos.line, part, '1/1', 0, { kind: CompletionItemKind.Value, detail: 'a one-shot: chapter 1 of 1' }),
        valueItem(pos.line, part, '1/?', 1, { kind: CompletionItemKind.Value, detail: 'chapter 1, total not known yet' }),
      ];
    }
    default:
      return [];
  }
}

/** The last day of the month `months` after today's. */
function monthEnd(today: string, months: number): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m + months, 0)).toISOString().slice(0, 10);
}

/** Targets a writer is likely to set: NaNoWriMo's 50,000 by the end of the month, and the
 * next round number above the story by the end of next month. */
function goalItems(line: number, part: Part, words: number, today: string | null): CompletionItem[] {
  const round = Math.max(10_000, Math.ceil((words + 1) / 10_000) * 10_000);
  const goals: [number, number][] = [[50_000, 0]];
  if (round !== 50_000) goals.push([round, 1]);
  return goals.map(([target, months], i) => {
    const value = today ? `${formatCount(target)} by ${monthEnd(today, months)}` : formatCount(target);
    return valueItem(line, part, value, i, {
      kind: CompletionItemKind.Value,
      detail: months === 0 ? 'a NaNoWriMo month' : `the story has ${formatCount(words)} words`,
      documentation: 'A target for this work and, after "by", the day it is due (year-month-day). The goal item in the status bar and Fic: Show Progress show the pace it needs.',
    });
  });
}

function valueItem(
  line: number,
  part: Part,
  label: string,
  order: number,
  extra: { kind: CompletionItem['kind']; detail?: string; documentation?: string; filterText?: string },
): CompletionItem {
  const item: CompletionItem = {
    label,
    kind: extra.kind,
    sortText: String(order).padStart(3, '0'),
    // Opened by the `:` or `,` just typed, the list is filtered on what follows them: the
    // space a writer types next must not empty it.
    filterText: part.lead + (extra.filterText ?? label),
    textEdit: { range: lineRange(line, part.start, part.end), newText: part.lead + label },
  };
  if (extra.detail) item.detail = extra.detail;
  if (extra.documentation) item.documentation = { kind: MarkupKind.Markdown, value: extra.documentation };
  return item;
}

// AO3's own tags first: they are what the archive will show.
const RATING_ORDER: readonly RatingSystem[] = ['AO3', 'FFN', 'MPAA', 'FRS'];
const SORTED_RATINGS = RATING_ORDER.flatMap((system) => RATINGS.filter((r) => r.system === system));

function ratingItems(line: number, part: Part): CompletionItem[] {
  return SORTED_RATINGS.map((r, i) => {
    const same = ratingEquivalents(r).map((e) => e.label);
    const detail = `${r.label} — ${RATING_SYSTEM_NAMES[r.system]}; ${same.length ? `≈ ${same.join(', ')}` : 'no equivalent elsewhere'}`;
    return valueItem(line, part, r.label, i, { kind: CompletionItemKind.EnumMember, detail, documentation: r.description });
  });
}

function warningItems(line: number, part: Part, present: ReadonlySet<string>): CompletionItem[] {
  // The two spellings of "chose not to warn" are one warning; and "No Archive Warnings
  // Apply" next to a specific Archive Warning is a contradiction (warning-conflict), so it
  // is not offered once one is listed.
  const specific = SPECIFIC_ARCHIVE_WARNINGS.some((w) => present.has(w.toLowerCase()));
  const skip = (label: string) =>
    present.has(label.toLowerCase()) ||
    (label === NO_WARNINGS_APPLY && specific) ||
    ((label === CHOOSE_NOT_TO_WARN || label === CHOSE_NOT_TO_WARN_DISPLAYED) &&
      (present.has(CHOOSE_NOT_TO_WARN.toLowerCase()) || present.has(CHOSE_NOT_TO_WARN_DISPLAYED.toLowerCase())));
  const items: CompletionItem[] = [];
  ARCHIVE_WARNINGS.forEach((w, i) => {
    // One tag under two names is one entry: the form's spelling, found by either name.
    if (w.label === CHOSE_NOT_TO_WARN_DISPLAYED || skip(w.label)) return;
    const both = w.label === CHOOSE_NOT_TO_WARN;
    items.push(
      valueItem(line, part, w.label, i, {
        kind: CompletionItemKind.EnumMember,
        detail: both ? `AO3 Archive Warning, shown on AO3 as ${CHOSE_NOT_TO_WARN_DISPLAYED}` : 'AO3 Archive Warning',
        documentation: w.description,
        ...(both ? { filterText: `${CHOOSE_NOT_TO_WARN} ${CHOSE_NOT_TO_WARN_DISPLAYED}` } : {}),
      }),
    );
  });
  FREEFORM_WARNINGS.forEach((label, i) => {
    if (!skip(label)) items.push(valueItem(line, part, label, ARCHIVE_WARNINGS.length + i, { kind: CompletionItemKind.Value, detail: 'free-form warning' }));
  });
  return items;
}

/** The items already in a list field, lower case, leaving out the one being typed. */
function presentItems(doc: FicDocument, field: Field | null, line: string, lineNo: number, regionStart: number, part: Part): Set<string> {
  const present = new Set<string>();
  // Other lines of a wrapped list; a one-line field needs no second pass over its line.
  if (field && field.endLine > field.line) {
    for (const item of listItems(doc, field)) {
      if (item.range.start.line === lineNo) continue;
      present.add(item.text.toLowerCase());
    }
  }
  // The cursor's line is split here: listItems knows nothing of the cursor.
  let from = regionStart;
  const end = line.length;
  for (let i = regionStart; i <= end; i++) {
    if (i === end || LIST_SEPARATORS.includes(line[i] as string)) {
      const text = line.slice(from, i).trim();
      const isCurrent = from <= part.start && part.start <= i;
      if (text && !isCurrent) present.add(text.toLowerCase());
      from = i + 1;
    }
  }
  return present;
}

// ---------------------------------------------------------------------------------------

function lineRange(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

function list(items: CompletionItem[]): CompletionList {
  return { isIncomplete: false, items };
}
