// Hover in the header: what a field is for, what a rating means in every other system,
// whether a warning is one of AO3's Archive Warnings, and on the Word Count line the body
// count by both methods next to the declared one. The body gets no hovers: a writer's
// mouse resting on prose should not raise pop-ups.

import { MarkupKind, type Hover, type Position, type Range } from 'vscode-languageserver-types';
import type { CountMethod, FicSettings } from '../../protocol';
import {
  ARCHIVE_WARNINGS,
  CATEGORIES,
  LIST_SEPARATORS,
  RATING_SYSTEM_NAMES,
  RATINGS,
  STATUSES,
  type RatingInfo,
  type RatingSystem,
} from '../catalog';
import { agrees, formatCount, parseDeclaredCount } from '../header/declared';
import { lookupRating, ratingParts } from '../diagnostics/rating';
import { normaliseKey, type Field, type FicDocument } from '../header/document';
import { bodyFigures } from '../header/stats';

export function hover(doc: FicDocument, position: Position, settings: FicSettings): Hover | null {
  const pos = doc.text.clampPosition(position);
  const field = fieldAtLine(doc, pos.line);
  if (!field || !field.info) return null;
  const c = pos.character;
  const onKey = pos.line === field.line && within(field.keyRange, pos);
  if (field.name === 'Word Count') {
    if (onKey) return wordCountHover(doc, field, field.keyRange, settings);
    if (within(field.valueRange, pos)) return wordCountHover(doc, field, field.valueRange, settings);
    return null;
  }
  if (onKey) return markdown(fieldMarkdown(field), field.keyRange);
  const span = valueOnLine(doc, field, pos.line);
  if (!span || c < span.start || c > span.end) return null;
  switch (field.name) {
    case 'Rating':
      return ratingHover(doc, pos.line, span, c);
    case 'Warnings':
      return warningHover(doc, field, pos);
    case 'Category':
      return categoryHover(doc, field, pos);
    case 'Status':
      return statusHover(doc.text.lineAt(pos.line), pos.line, span);
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------
// Shared with completion

/** The header field whose lines include `line`, continuation lines included. */
export function fieldAtLine(doc: FicDocument, line: number): Field | null {
  const fields = doc.header?.fields;
  if (!fields || fields.length === 0) return null;
  // Fields are in line order: binary search, so a long header costs nothing extra.
  let lo = 0;
  let hi = fields.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const f = fields[mid] as Field;
    if (line < f.line) hi = mid - 1;
    else if (line > f.endLine) lo = mid + 1;
    else return f;
  }
  return null;
}

/** Where a field's value lies on one of its lines, as offsets in that line. */
export function valueOnLine(doc: FicDocument, field: Field, line: number): { start: number; end: number } | null {
  const { start, end } = field.valueRange;
  if (line < start.line || line > end.line) return null;
  const text = doc.text.lineAt(line);
  const from = line === start.line ? start.character : text.length - text.trimStart().length;
  const to = line === end.line ? end.character : text.trimEnd().length;
  return { start: from, end: Math.max(from, to) };
}

// Other systems are listed FFN, film-style, AO3, Fan Rating System: the short everyday
// letters first, the long AO3 tag after them, the rarely used FRS last.
const EQUIVALENT_ORDER: readonly RatingSystem[] = ['FFN', 'MPAA', 'AO3', 'FRS'];

/** The ratings of the same level in the other systems. */
export function ratingEquivalents(rating: RatingInfo): RatingInfo[] {
  if (rating.level === null) return [];
  const out: RatingInfo[] = [];
  for (const system of EQUIVALENT_ORDER) {
    if (system === rating.system) continue;
    for (const r of RATINGS) if (r.system === system && r.level === rating.level) out.push(r);
  }
  return out;
}

// ---------------------------------------------------------------------------------------

function within(range: Range, pos: Position): boolean {
  if (pos.line < range.start.line || pos.line > range.end.line) return false;
  if (pos.line === range.start.line && pos.character < range.start.character) return false;
  if (pos.line === range.end.line && pos.character > range.end.character) return false;
  return true;
}

/** The list item under the cursor (as listItems() splits them), found by scanning out from
 * the cursor only: a 10 MB Warnings line costs no more than its one item. */
function itemAt(doc: FicDocument, field: Field, pos: Position): { text: string; range: Range } | null {
  const span = valueOnLine(doc, field, pos.line);
  if (!span) return null;
  const text = doc.text.lineAt(pos.line);
  const isSeparator = (i: number) => LIST_SEPARATORS.includes(text[i] as string);
  let a = Math.min(pos.character, span.end);
  while (a > span.start && !isSeparator(a - 1)) a--;
  let b = Math.min(pos.character, span.end);
  while (b < span.end && !isSeparator(b)) b++;
  while (a < b && /\s/.test(text[a] as string)) a++;
  while (b > a && /\s/.test(text[b - 1] as string)) b--;
  if (b === a || pos.character < a || pos.character > b) return null;
  return { text: text.slice(a, b), range: { start: { line: pos.line, character: a }, end: { line: pos.line, character: b } } };
}

function markdown(value: string, range: Range): Hover {
  return { contents: { kind: MarkupKind.Markdown, value }, range };
}

/** A writer's own text in a hover: in quotes, with what Markdown would act on escaped. */
function quoted(s: string): string {
  return `“${s.replace(/[\\`*_{}[\]<>#|~]/g, (c) => `\\${c}`)}”`;
}

function fieldMarkdown(field: Field): string {
  const info = field.info;
  if (!info) return '';
  const out = [`**${info.name}**`];
  if (normaliseKey(field.key) !== normaliseKey(info.name)) out.push(`${quoted(field.key)} is another name for ${info.name}.`);
  out.push(info.description);
  if (info.ao3MaxLength !== undefined) out.push(`AO3 limit: ${formatCount(info.ao3MaxLength)} characters.`);
  return out.join('\n\n');
}

function ratingHover(doc: FicDocument, line: number, span: { start: number; end: number }, c: number): Hover | null {
  const text = doc.text.lineAt(line);
  const value = text.slice(span.start, span.end);
  const at = c - span.start;
  const part = ratingParts(value).find((p) => at >= p.start && at <= p.end);
  if (!part) return null;
  const rating = lookupRating(part.text);
  if (!rating) return null;
  const range: Range = { start: { line, character: span.start + part.start }, end: { line, character: span.start + part.end } };
  const out = [`**${rating.label}**: ${RATING_SYSTEM_NAMES[rating.system]} rating`];
  if (part.text !== rating.label) out.push(`${quoted(part.text)} means ${rating.label}.`);
  out.push(rating.description);
  if (rating.level === null) {
    out.push('No other system has an equivalent.');
  } else {
    const rows = (Object.keys(RATING_SYSTEM_NAMES) as RatingSystem[]).map((system) => {
      const same = RATINGS.filter((r) => r.system === system && r.level === rating.level).map((r) => (r === rating ? `**${r.label}**` : r.label));
      return `| ${RATING_SYSTEM_NAMES[system]} | ${same.length ? same.join(', ') : '—'} |`;
    });
    out.push(['| System | Same level |', '|---|---|', ...rows].join('\n'));
    out.push('_The equivalences are community convention, not official._');
  }
  return markdown(out.join('\n\n'), range);
}

function warningHover(doc: FicDocument, field: Field, pos: Position): Hover | null {
  const item = itemAt(doc, field, pos);
  if (!item) return null;
  const exact = ARCHIVE_WARNINGS.find((w) => w.label === item.text);
  const loose = exact ?? ARCHIVE_WARNINGS.find((w) => w.label.toLowerCase() === item.text.toLowerCase());
  let value: string;
  if (exact) {
    value = `**${exact.label}**: AO3 Archive Warning\n\n${exact.description}`;
  } else if (loose) {
    value = `**${item.text}**: AO3 Archive Warning, spelled differently\n\nAO3 matches Archive Warnings exactly: write ${quoted(loose.label)}.\n\n${loose.description}`;
  } else {
    value = `**${item.text}**: free-form warning\n\nNot one of AO3's Archive Warnings: fine in a header; AO3's importer turns it into an additional tag.`;
  }
  return markdown(value, item.range);
}

function categoryHover(doc: FicDocument, field: Field, pos: Position): Hover | null {
  const item = itemAt(doc, field, pos);
  if (!item) return null;
  const category = CATEGORIES.find((k) => k.label.toLowerCase() === item.text.toLowerCase());
  const value = category ? `**${category.label}**: AO3 category\n\n${category.description}` : `**${item.text}**: not one of AO3's categories (F/F, F/M, Gen, M/M, Multi, Other).`;
  return markdown(value, item.range);
}

function statusHover(text: string, line: number, span: { start: number; end: number }): Hover | null {
  const written = text.slice(span.start, span.end);
  const key = written.toLowerCase();
  const status = STATUSES.find((s) => s.label.toLowerCase() === key || s.variants.includes(key));
  if (!status) return null;
  const read = written === status.label ? '' : `${quoted(written)} means ${status.label}.\n\n`;
  return markdown(`**${status.label}**\n\n${read}${status.description}`, { start: { line, character: span.start }, end: { line, character: span.end } });
}

const METHOD_NAMES: Record<CountMethod, string> = { whitespace: 'As a word processor counts', ao3: 'As AO3 counts' };

function wordCountHover(doc: FicDocument, field: Field, range: Range, settings: FicSettings): Hover {
  const figures = bodyFigures(doc.text, doc.header);
  const method = settings.wordCount.method;
  const out = [`**Word Count**`];
  if (normaliseKey(field.key) !== normaliseKey('Word Count')) out.push(`${quoted(field.key)} is another name for Word Count.`);
  const rows = (['whitespace', 'ao3'] as const).map((m) => {
    const name = m === method ? `**${METHOD_NAMES[m]} (your count)**` : METHOD_NAMES[m];
    return `| ${name} | ${formatCount(figures.words[m])} |`;
  });
  out.push(['| Counted | Words in the story |', '|---|---:|', ...rows].join('\n'));

  const count = figures.words[method];
  const declared = parseDeclaredCount(field.value);
  if (field.value.length === 0) {
    out.push('The header gives no number yet.');
  } else if (!declared) {
    out.push(`The header says ${quoted(field.value)}, which has no number in it to check.`);
  } else {
    const reading = declared.exact ? formatCount(declared.value) : `about ${formatCount(declared.value)} (anything from ${formatCount(declared.min)} to ${formatCount(declared.max)} agrees)`;
    const verdict = agrees(declared, count) ? 'That agrees with your count.' : `Your count is ${formatCount(count)}.`;
    out.push(`The header says ${quoted(field.value)}: ${reading}. ${verdict}`);
  }
  const left = [`the header (${formatCount(figures.headerWords[method])})`];
  if (figures.trailerLine !== null) left.push(`the closing line ${quoted(doc.text.lineAt(figures.trailerLine).trim())} (${formatCount(figures.trailerWords[method])})`);
  left.push(`author's notes (${formatCount(figures.noteWords[method])})`);
  out.push(`Not counted: ${left.join(', ')}, scene breaks and chapter headings.`);
  return markdown(out.join('\n\n'), range);
}
