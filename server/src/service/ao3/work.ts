// A parsed story as AO3's Post New Work form: each field mapped by AO3's own rules
// (DOMAIN.md §9), and everything AO3 would refuse or change, each tied to the header line
// it comes from so the same findings serve the form, the CLI and the diagnostics.
//
// A work is a list of chapters: a single story is a work of one. Works of many chapters
// plug in by building more chapters the same way.

import type { Ao3Chapter, Ao3Fields, Ao3Work, FicSettings, Range } from '../../protocol';
import { AO3_LIMITS, ARCHIVE_WARNINGS, CATEGORIES, CHOOSE_NOT_TO_WARN, CHOSE_NOT_TO_WARN_DISPLAYED, type FieldName } from '../catalog';
import { formatCount } from '../header/declared';
import { listItems, normaliseKey, type Field, type FicDocument, type ListItem } from '../header/document';
import { quote } from '../diagnostics/context';
import type { DiagnosticCode } from '../diagnostics/codes';
import { bodyHtml, codePointLength, paragraphsHtml, textNodes, valueHtml } from './html';
import { countAo3 } from '../text/count';

export const AO3_RATINGS = ['Not Rated', 'General Audiences', 'Teen And Up Audiences', 'Mature', 'Explicit'] as const;

// AO3's importer (story_parser.rb), tried in this order on the lower-cased value.
const RATING_RULES: readonly [RegExp, string][] = [
  [/^(nc-?1[78]|x|ma|explicit)/, 'Explicit'],
  [/^(r|m|mature)/, 'Mature'],
  [/^(pg-?1[35]|t|teen)/, 'Teen And Up Audiences'],
  [/^(pg|g|k+|k|general audiences)/, 'General Audiences'],
];

/** The AO3 rating a header's value imports as. One of AO3's own five is itself: the
 * importer alone would read `Mature` as Explicit (`ma` is tried first). */
export function ao3Rating(value: string): string {
  const v = value.trim().toLowerCase();
  const own = AO3_RATINGS.find((r) => r.toLowerCase() === v);
  if (own) return own;
  for (const [pattern, rating] of RATING_RULES) if (pattern.test(v)) return rating;
  return 'Not Rated';
}

const ARCHIVE_LABELS = new Set(ARCHIVE_WARNINGS.map((w) => w.label));
const CATEGORY_LABELS = new Set(CATEGORIES.map((c) => c.label));
// Characters AO3 refuses in a tag (the comma and its CJK cousins split instead).
const TAG_FORBIDDEN = AO3_LIMITS.tagForbidden.filter((c) => c !== ',');
const ONLY_FORMAT = /^\p{Cf}+$/u;

/** What AO3 would refuse (`refuses`) or change, with the line it comes from. */
export interface Ao3Finding {
  field: string;
  code: DiagnosticCode;
  message: string;
  range: Range;
  refuses: boolean;
}

export interface Ao3Result {
  work: Ao3Work;
  findings: Ao3Finding[];
  /** The lines of the file each chapter covers, `end` exclusive. */
  lines: { start: number; end: number }[];
}

interface Tag {
  text: string;
  range: Range;
  /** The form field it goes to. */
  field: 'fandoms' | 'relationships' | 'characters' | 'additionalTags';
}

const FIELD_LABELS: Record<string, string> = {
  title: 'Work Title',
  rating: 'Rating',
  warnings: 'Archive Warnings',
  categories: 'Categories',
  fandoms: 'Fandoms',
  relationships: 'Relationships',
  characters: 'Characters',
  additionalTags: 'Additional Tags',
  summary: 'Summary',
  notes: 'Notes',
  endNotes: 'End Notes',
  language: 'Language',
  chapterTitle: 'Chapter Title',
  chapterSummary: 'Chapter Summary',
  chapterNotes: 'Chapter Notes',
  chapterEndNotes: 'Chapter End Notes',
  chapter: 'Work Text',
};

export function fieldLabel(key: string): string {
  return FIELD_LABELS[key] ?? key;
}

/** The whole first line of the header (or of the story), where a missing field is reported. */
function topLine(doc: FicDocument): Range {
  const line = doc.header ? doc.header.startLine : Math.min(doc.bodyStartLine, doc.text.lineCount - 1);
  return { start: { line, character: 0 }, end: { line, character: doc.text.lineAt(line).length } };
}

function lineRange(doc: FicDocument, line: number): Range {
  return { start: { line, character: 0 }, end: { line, character: doc.text.lineAt(line).length } };
}

function isEndNotes(field: Field): boolean {
  return /^end ?notes?$/.test(normaliseKey(field.key));
}

/** A relationship written in a Characters field (`Character/Pairing: Spike/Buffy`). */
function isRelationship(text: string): boolean {
  return text.includes('/') || / & /.test(text);
}

function parseChapter(value: string): { number: number; of: number | null } | null {
  const m = /^(?:chapter\s+|part\s+)?(\d+)\s*(?:(?:\/|of)\s*(\d+|\?))?/i.exec(value.trim());
  if (!m) return null;
  const number = Number(m[1]);
  const total = m[2] === undefined || m[2] === '?' ? null : Number(m[2]);
  // AO3 shows `?` when the expected total is blank, 0 or below the chapters posted.
  return { number, of: total === null || total === 0 || total < number ? null : total };
}

/** A title as AO3 stores it: `<` and `>` become `&lt;` and `&gt;` before it is measured. */
function titleLength(title: string): number {
  return codePointLength(title.replace(/</g, '&lt;').replace(/>/g, '&gt;'));
}

/** Whether the chapter text's HTML may be outside AO3's 10 to 510,000 characters: only
 * then must the diagnostics build it. The HTML is at most five characters for each one of
 * the body (`&amp;`) plus a paragraph's tags for each line. */
export function textNeedsMeasuring(characters: number, lines: number): boolean {
  return characters < 4 * AO3_LIMITS.chapterMinChars || characters * 5 + lines * 11 > AO3_LIMITS.chapterMaxChars;
}

/** The work's form. With `withText` false the chapter's html is '' and its length is judged
 * by `atLeast`, a lower bound on it (the diagnostics of a story far past AO3's limit). */
export function buildWork(doc: FicDocument, settings: FicSettings, withText = true, atLeast = 0): Ao3Result {
  const findings: Ao3Finding[] = [];
  const refuse = (field: string, code: DiagnosticCode, range: Range, message: string) => findings.push({ field, code, range, message, refuses: true });
  const notice = (field: string, code: DiagnosticCode, range: Range, message: string) => findings.push({ field, code, range, message, refuses: false });
  const named = (name: FieldName) => doc.header?.fields.filter((f) => f.name === name) ?? [];
  const first = (name: FieldName) => named(name).find((f) => f.value.trim() !== '');
  const items = (name: FieldName): ListItem[] => named(name).flatMap((f) => listItems(doc, f));
  const top = topLine(doc);
  const hasHeader = doc.header !== null;

  // ---- Title
  const titleField = first('Title');
  const title = titleField?.value.trim() ?? '';
  if (!titleField) {
    if (hasHeader) refuse('title', 'ao3-missing', top, 'AO3 needs a Work Title: add a Title line to the header.');
  } else if (titleLength(title) > AO3_LIMITS.titleMax) {
    refuse('title', 'ao3-too-long', titleField.valueRange, `AO3 allows ${AO3_LIMITS.titleMax} characters in a Work Title; this one has ${formatCount(titleLength(title))}. Shorten it.`);
  }

  // ---- Rating
  const ratingField = first('Rating');
  const rating = ratingField ? ao3Rating(ratingField.value) : 'Not Rated';
  if (!ratingField) {
    if (hasHeader) notice('rating', 'ao3-not-rated', top, 'No Rating: AO3 would post this as Not Rated. Add a Rating line if you want General Audiences, Teen And Up Audiences, Mature or Explicit.');
  } else if (rating === 'Not Rated' && ratingField.value.trim().toLowerCase() !== 'not rated') {
    notice('rating', 'ao3-not-rated', ratingField.valueRange, `AO3 does not know the rating ${quote(ratingField.value.trim())} and would post this as Not Rated. Write General Audiences, Teen And Up Audiences, Mature or Explicit instead.`);
  }

  // ---- Warnings: the Archive Warnings exactly; anything else is a free-form warning, an
  // additional tag on AO3.
  const warnings: string[] = [];
  const tags: Tag[] = [];
  for (const item of items('Warnings')) {
    if (ARCHIVE_LABELS.has(item.text)) {
      const label = item.text === CHOOSE_NOT_TO_WARN ? CHOSE_NOT_TO_WARN_DISPLAYED : item.text;
      if (!warnings.includes(label)) warnings.push(label);
    } else {
      tags.push({ text: item.text, range: item.range, field: 'additionalTags' });
      notice('warnings', 'ao3-warning-as-tag', item.range, `${quote(item.text)} is not one of AO3's Archive Warnings, so it goes to Additional Tags.`);
    }
  }
  if (hasHeader && warnings.length === 0) {
    const where = named('Warnings')[0]?.valueRange ?? top;
    refuse('warnings', 'ao3-missing', where, "AO3 needs at least one Archive Warning: add No Archive Warnings Apply, Creator Chose Not To Use Archive Warnings, or the ones that apply, to Warnings.");
  }

  // ---- Categories
  const categories: string[] = [];
  for (const item of items('Category')) {
    if (CATEGORY_LABELS.has(item.text)) {
      if (!categories.includes(item.text)) categories.push(item.text);
    } else {
      notice('categories', 'ao3-category', item.range, `${quote(item.text)} is not an AO3 category (F/F, F/M, Gen, M/M, Multi, Other), so it is left out.`);
    }
  }

  // ---- Tags
  for (const item of items('Fandom')) tags.push({ ...item, field: 'fandoms' });
  for (const item of items('Pairing')) tags.push({ ...item, field: 'relationships' });
  for (const item of items('Characters')) tags.push({ ...item, field: isRelationship(item.text) ? 'relationships' : 'characters' });
  for (const item of items('Genre')) tags.push({ ...item, field: 'additionalTags' });
  const byField = (field: Tag['field']) => tags.filter((t) => t.field === field).map((t) => t.text);
  if (hasHeader && !tags.some((t) => t.field === 'fandoms')) {
    refuse('fandoms', 'ao3-missing', named('Fandom')[0]?.valueRange ?? top, 'AO3 needs at least one Fandom: add a Fandom line (Original Work if it has none).');
  }
  for (const tag of tags) {
    const length = codePointLength(tag.text);
    if (length > AO3_LIMITS.tagMax) {
      refuse(tag.field, 'ao3-too-long', tag.range, `AO3 allows ${AO3_LIMITS.tagMax} characters in a tag; ${quote(tag.text)} has ${formatCount(length)}. Shorten it, or split it with commas.`);
    }
    const bad = TAG_FORBIDDEN.filter((c) => tag.text.includes(c));
    if (bad.length) {
      refuse(tag.field, 'ao3-tag-character', tag.range, `AO3 does not allow ${bad.map((c) => `'${c}'`).join(' or ')} in a tag: take ${bad.length === 1 ? 'it' : 'them'} out of ${quote(tag.text)}.`);
    } else if (ONLY_FORMAT.test(tag.text)) {
      refuse(tag.field, 'ao3-tag-character', tag.range, 'This tag is only invisible characters: AO3 refuses it. Delete it or write the tag.');
    }
  }
  if (tags.length > AO3_LIMITS.tagsPerWork) {
    const last = tags[tags.length - 1] as Tag;
    refuse(last.field, 'ao3-too-many-tags', last.range, `AO3 allows ${AO3_LIMITS.tagsPerWork} fandoms, relationships, characters and additional tags together; this story has ${formatCount(tags.length)}. Drop ${formatCount(tags.length - AO3_LIMITS.tagsPerWork)}.`);
  }

  // ---- Summary and notes: HTML, measured as AO3 stores them.
  const summaryField = first('Summary');
  const summary = valueHtml(summaryField?.value ?? '');
  if (summaryField && codePointLength(summary) > AO3_LIMITS.summaryMax) {
    refuse('summary', 'ao3-too-long', summaryField.valueRange, `AO3 allows ${formatCount(AO3_LIMITS.summaryMax)} characters in a Summary, counting its HTML; this one has ${formatCount(codePointLength(summary))}. Shorten it.`);
  }
  const noteFields = named('Notes').filter((f) => f.value.trim() !== '');
  const headerNotes = noteFields.filter((f) => !isEndNotes(f));
  const headerEndNotes = noteFields.filter(isEndNotes);

  const countLine = (line: number) => doc.text.lineWords(line, 'ao3');
  const outline = bodyHtml(doc, settings.ao3.sceneBreak, countLine, withText);
  // Each chapter of a file of several has its own bounds, which the whole file's size
  // cannot vouch for: they are measured on the text.
  const measured = withText || (outline.sections.length > 1 && outline.sections.some((s) => textNeedsMeasuring(s.size, s.lines)));
  const body = measured === withText ? outline : bodyHtml(doc, settings.ao3.sceneBreak, countLine, true);
  // A work of one chapter has one Notes box and one End Notes box on the form: the header's
  // notes and the story's author's notes go in together, so they are measured together.
  const notesOf = (fields: Field[], blocks: string[][]) => fields.map((f) => valueHtml(f.value)).join('') + paragraphsHtml(blocks);
  const notes = notesOf(headerNotes, body.notesBefore);
  const endNotes = notesOf(headerEndNotes, body.notesAfter);
  const noteLine = (fields: Field[]) => fields[0]?.valueRange ?? top;
  if (codePointLength(notes) > AO3_LIMITS.notesMax) {
    refuse('notes', 'ao3-too-long', noteLine(headerNotes), `AO3 allows ${formatCount(AO3_LIMITS.notesMax)} characters in the Notes, counting their HTML; these have ${formatCount(codePointLength(notes))}. Shorten them.`);
  }
  if (codePointLength(endNotes) > AO3_LIMITS.notesMax) {
    refuse('endNotes', 'ao3-too-long', noteLine(headerEndNotes), `AO3 allows ${formatCount(AO3_LIMITS.notesMax)} characters in the End Notes, counting their HTML; these have ${formatCount(codePointLength(endNotes))}. Shorten them.`);
  }
  for (const line of body.notesInside) {
    notice('chapter', 'ao3-note-left-out', { start: { line, character: 0 }, end: { line, character: doc.text.lineAt(line).length } },
      "This author's note sits inside the story, so it is left out of the chapter text for AO3. Move it before the story (Notes) or after it (End Notes).");
  }

  // ---- The chapter
  const chapterField = first('Chapter');
  const position = chapterField ? parseChapter(chapterField.value) : null;
  const chapterTitleField = first('Chapter Title');
  // The header's Chapter Title wins; else the heading that opens the story, which the text leaves out.
  const chapterTitle = chapterTitleField?.value.trim() ?? body.heading ?? '';
  const chapterTitleRange = chapterTitleField?.valueRange ?? (body.headingLine === null ? null : lineRange(doc, body.headingLine));
  const bodyLine = Math.min(doc.bodyStartLine, doc.text.lineCount - 1);
  const bodyRange = { start: { line: bodyLine, character: 0 }, end: { line: bodyLine, character: doc.text.lineAt(bodyLine).length } };
  const several = body.sections.length > 1;
  // A file of several chapters: each is measured on its own, as AO3 measures each chapter;
  // without the text, only the whole file's lower bound can say it is too long.
  const textChecks = (html: string, range: Range, say: (m: string) => string) => {
    const length = codePointLength(html);
    if (!measured) {
      // Several chapters left unmeasured are each surely within AO3's bounds.
      if (!several && atLeast > AO3_LIMITS.chapterMaxChars) {
        refuse('chapter', 'ao3-too-long', range, say(`AO3 allows ${formatCount(AO3_LIMITS.chapterMaxChars)} characters in a chapter, counting its HTML; this one has more than ${formatCount(atLeast)}. Split it into chapters before posting.`));
      }
    } else if (length < AO3_LIMITS.chapterMinChars) {
      refuse('chapter', 'ao3-too-short', range, say(`AO3 needs at least ${AO3_LIMITS.chapterMinChars} characters of chapter text, counting its HTML; this ${several ? 'chapter' : 'story'} has ${formatCount(length)}. Write a little more before posting.`));
    } else if (length > AO3_LIMITS.chapterMaxChars) {
      refuse('chapter', 'ao3-too-long', range, say(`AO3 allows ${formatCount(AO3_LIMITS.chapterMaxChars)} characters in a chapter, counting its HTML; this one has ${formatCount(length)}. Split it into chapters before posting.`));
    }
  };
  const titleCheck = (value: string, range: Range | null, say: (m: string) => string) => {
    if (range && titleLength(value) > AO3_LIMITS.titleMax) {
      refuse('chapterTitle', 'ao3-too-long', range, say(`AO3 allows ${AO3_LIMITS.titleMax} characters in a Chapter Title; this one has ${formatCount(titleLength(value))}. Shorten it.`));
    }
  };
  const chapters: Ao3Chapter[] = [];
  if (!several) {
    titleCheck(chapterTitle, chapterTitleRange, (m) => m);
    textChecks(body.html, bodyRange, (m) => m);
    chapters.push({
      number: position?.number ?? 1,
      of: position ? position.of : 1,
      title: chapterTitle,
      summary: '',
      notes: paragraphsHtml(body.notesBefore),
      endNotes: paragraphsHtml(body.notesAfter),
      html: body.html,
      words: htmlWords(body.html),
    });
  } else {
    // The file holds chapters `start` on: the header's Chapter line numbers its first one
    // (chapters 3 and 4 of a work in one file), and its total counts when it leaves room
    // for them all; without a Chapter line the file is the whole work.
    const start = position?.number ?? 1;
    const lastNumber = start + body.sections.length - 1;
    const of = !position ? lastNumber : position.of !== null && position.of >= lastNumber ? position.of : null;
    body.sections.forEach((section, i) => {
      const number = start + i;
      const say = (m: string) => `Chapter ${number}: ${m}`;
      // The header's Chapter Title names the first chapter, as it names a story's only one.
      const ownTitle = i === 0 && chapterTitleField ? chapterTitle : (section.title ?? '');
      const headingRange = section.headingLine === null ? null : lineRange(doc, section.headingLine);
      titleCheck(ownTitle, i === 0 && chapterTitleField ? chapterTitleField.valueRange : headingRange, say);
      textChecks(section.html, headingRange ?? bodyRange, say);
      chapters.push({
        number,
        of,
        title: ownTitle,
        summary: '',
        notes: i === 0 ? paragraphsHtml(body.notesBefore) : '',
        endNotes: i === body.sections.length - 1 ? paragraphsHtml(body.notesAfter) : '',
        html: section.html,
        words: htmlWords(section.html),
      });
    });
  }

  const language = first('Language')?.value.trim() || settings.ao3.language;
  const fields: Ao3Fields = {
    title,
    rating,
    warnings,
    categories,
    fandoms: byField('fandoms'),
    relationships: byField('relationships'),
    characters: byField('characters'),
    additionalTags: byField('additionalTags'),
    summary,
    notes: headerNotes.map((f) => valueHtml(f.value)).join(''),
    endNotes: headerEndNotes.map((f) => valueHtml(f.value)).join(''),
    language,
  };
  // In reading order, as a writer goes down the header fixing them.
  findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  const work: Ao3Work = {
    fields,
    chapters,
    problems: findings.map((f) => ({ field: f.field, code: f.code, message: f.message })),
  };
  const lines = several ? body.sections.map((s) => ({ start: s.start, end: s.end })) : [{ start: 0, end: doc.text.lineCount }];
  return { work, findings, lines };
}

/** AO3's count of HTML this module wrote: each text node apart. */
export function htmlWords(html: string): number {
  let words = 0;
  for (const node of textNodes(html)) words += countAo3(node);
  return words;
}
