// Checks across the chapters of a work, for the chapter open in the editor (or checked by
// the CLI): chapter numbers that clash, skip, or disagree on the total; more chapters
// than declared; a Complete work with chapters missing; a later chapter whose Rating,
// Fandom or Warnings contradict the work's (AO3 holds them once, for the whole work); a
// chapter that fits no work. Each reads the chapters' summaries, never their text.

import type { FieldName } from '../catalog';
import { ARCHIVE_WARNINGS, CHOOSE_NOT_TO_WARN, CHOSE_NOT_TO_WARN_DISPLAYED } from '../catalog';
import { quote, type Finding } from '../diagnostics/context';
import { lookupRating, ratingParts } from '../diagnostics/rating';
import type { Field, FicDocument } from '../header/document';
import type { WorkGroup } from './grouping';
import { declaredChapters } from './works';
import type { ChapterSummary } from './summary';

const COMPLETE = /^(complete|completed|finished|done)\.?$/i;

function fieldOf(doc: FicDocument, name: FieldName): Field | undefined {
  return doc.header?.fields.find((f) => f.name === name && f.value.length > 0);
}

/** Where a finding about the work goes in this chapter: the named field, else the Title,
 * else the first line. */
function anchor(doc: FicDocument, ...names: FieldName[]) {
  for (const name of names) {
    const f = fieldOf(doc, name);
    if (f) return f.valueRange;
  }
  const first = doc.header?.fields[0];
  return first ? first.range : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

function label(s: ChapterSummary): string {
  return s.fileName;
}

/** The rating's level (0 General to 3 Explicit), or null when it names no known level. */
function ratingLevel(value: string): number | null {
  let level: number | null = null;
  for (const part of ratingParts(value)) {
    const r = lookupRating(part.text);
    if (r && r.level !== null) level = Math.max(level ?? 0, r.level);
  }
  return level;
}

const ARCHIVE = new Map(ARCHIVE_WARNINGS.map((w) => [w.label.toLowerCase(), w.label === CHOSE_NOT_TO_WARN_DISPLAYED ? CHOOSE_NOT_TO_WARN : w.label]));

function archiveWarnings(values: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const v of values) {
    const w = ARCHIVE.get(v.trim().toLowerCase());
    if (w) out.add(w);
  }
  return out;
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

export function workFindings(doc: FicDocument, group: WorkGroup, me: ChapterSummary): Finding[] {
  const findings: Finding[] = [];
  const chapters = group.chapters;
  const first = chapters[0] as ChapterSummary;
  const others = chapters.filter((c) => c.uri !== me.uri);

  if (group.orphans) {
    findings.push({
      code: 'chapter-without-work',
      range: anchor(doc, 'Chapter'),
      message: `This chapter has no Title, and this folder holds several works: Fic Writer cannot tell which one it belongs to. Add the work's Title to its header.`,
    });
  }

  if (chapters.length < 2) return findings;
  const declared = declaredChapters(chapters);
  const numbered = chapters.filter((c) => c.chapter !== null);

  if (me.chapter !== null) {
    const clash = others.find((c) => c.chapter === me.chapter);
    if (clash) {
      findings.push({
        code: 'chapter-number-clash',
        range: anchor(doc, 'Chapter'),
        message: `Chapter ${me.chapter} is claimed twice in this work: ${label(clash)} says it is chapter ${me.chapter} too. Give each chapter its own number.`,
      });
    }
    const lower = numbered.map((c) => c.chapter as number).filter((n) => n < (me.chapter as number));
    const previous = lower.length ? Math.max(...lower) : 0;
    if (me.chapter - previous > 1) {
      const missing = me.chapter - previous === 2 ? `chapter ${previous + 1} is` : `chapters ${previous + 1} to ${me.chapter - 1} are`;
      findings.push({
        code: 'chapter-number-gap',
        range: anchor(doc, 'Chapter'),
        message: `${previous === 0 ? 'This work starts at' : `After chapter ${previous} comes`} chapter ${me.chapter}: ${missing} not in this folder.`,
      });
    }
    // The work's total is the first one stated; a chapter stating another disagrees.
    const reference = chapters.find((c) => c.chapterTotal !== null);
    if (reference && reference.uri !== me.uri && me.chapterTotal !== null && me.chapterTotal !== declared) {
      findings.push({
        code: 'chapter-total-mismatch',
        range: anchor(doc, 'Chapter'),
        message: `This chapter says the work has ${me.chapterTotal} chapters, but ${label(reference)} says ${declared} (Chapter: ${reference.chapter ?? '?'}/${declared}). Make the totals agree.`,
      });
    }
    if (reference && reference.uri === me.uri && declared !== null && chapters.length > declared) {
      findings.push({
        code: 'chapter-count-over',
        range: anchor(doc, 'Chapter'),
        message: `This work has ${chapters.length} chapters in its folder, but its header plans ${declared}. Raise the total to ${chapters.length}, or write ${me.chapter}/? while it is not known.`,
      });
    }
  }

  const status = fieldOf(doc, 'Status');
  if (status && COMPLETE.test(status.value.trim())) {
    const present = chapters.length;
    const highest = Math.max(0, ...numbered.map((c) => c.chapter as number));
    const gaps: number[] = [];
    const have = new Set(numbered.map((c) => c.chapter));
    for (let n = 1; n < highest && gaps.length < 5; n++) if (!have.has(n)) gaps.push(n);
    const expected = declared ?? null;
    if ((expected !== null && present < expected) || gaps.length > 0) {
      const what = gaps.length ? `chapter ${gaps.join(', ')} ${gaps.length === 1 ? 'is' : 'are'} missing` : `only ${present} of ${expected} chapters are here`;
      findings.push({
        code: 'complete-missing-chapters',
        range: status.valueRange,
        message: `Status says ${quote(status.value)}, but ${what}. Add the missing chapters, or change the status to WIP.`,
      });
    }
  }

  if (me.uri !== first.uri) {
    const rating = fieldOf(doc, 'Rating');
    if (rating && first.rating !== null) {
      const mine = ratingLevel(rating.value);
      const theirs = ratingLevel(first.rating);
      if (mine !== null && theirs !== null && mine !== theirs) {
        findings.push({
          code: 'work-field-conflict',
          range: rating.valueRange,
          message: `This chapter is rated ${quote(rating.value)}, but the work is rated ${quote(first.rating)} in ${label(first)}. AO3 gives a whole work one rating: rate it once, by its most explicit chapter.`,
        });
      }
    }
    const fandom = fieldOf(doc, 'Fandom');
    if (fandom && first.fandoms.length > 0) {
      const known = new Set(first.fandoms.map((f) => f.toLowerCase()));
      const extra = me.fandoms.filter((f) => !known.has(f.toLowerCase()));
      if (extra.length > 0) {
        findings.push({
          code: 'work-field-conflict',
          range: fandom.valueRange,
          message: `Fandom ${extra.map(quote).join(', ')} is not among the work's fandoms (${first.fandoms.join(', ')}, in ${label(first)}). AO3 tags fandoms on the whole work: add it to the first chapter, or spell it the same.`,
        });
      }
    }
    const warnings = fieldOf(doc, 'Warnings');
    if (warnings) {
      const mine = archiveWarnings(me.warnings);
      const theirs = archiveWarnings(first.warnings);
      if (mine.size > 0 && theirs.size > 0 && !sameSet(mine, theirs)) {
        findings.push({
          code: 'work-field-conflict',
          range: warnings.valueRange,
          message: `The Archive Warnings here (${[...mine].join(', ')}) differ from the work's (${[...theirs].join(', ')}, in ${label(first)}). AO3 shows one set of warnings for the whole work: give it every warning any chapter needs.`,
        });
      }
    }
  }
  return findings;
}
