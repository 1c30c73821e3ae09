// A work of many chapter files as one AO3 work (DOMAIN.md §8): the work's fields from its
// first chapter's header (later chapters may repeat them; AO3 keeps them once, on the
// work), then one chapter per file in the work's order, each with its own title, summary,
// notes, end notes and text. The works model (work/) decides which files make a work and
// in what order; this file is given them, already read.

import { ao3Refuses, type Ao3Chapter, type Ao3Problem, type Ao3Work, type FicSettings } from '../../protocol';
import { AO3_LIMITS } from '../catalog';
import { formatCount } from '../header/declared';
import type { FicDocument } from '../header/document';
import { codePointLength } from './html';
import { buildWork, fieldLabel, type Ao3Finding } from './work';

export interface ChapterFile {
  uri: string;
  doc: FicDocument;
  /** Its place in the work, from 1. */
  position: number;
}

export interface WholeWork {
  work: Ao3Work;
  /** AO3 would refuse to post it as it is. */
  refused: boolean;
  /** The file of each chapter of `work.chapters`. */
  uris: string[];
  /** The lines of its file each chapter covers, `end` exclusive. */
  lines: { start: number; end: number }[];
}

export interface WorkShape {
  /** How many chapters the work has. */
  chapters: number;
  /** The total its headers declare (`Chapter: 2/10`), or null. */
  declared: number | null;
}

/** What the work's first chapter gives: AO3 keeps these once, on the work. */
const WORK_FIELDS = new Set(['title', 'rating', 'warnings', 'categories', 'fandoms', 'relationships', 'characters', 'additionalTags', 'summary', 'notes', 'endNotes', 'language']);

const problem = (f: Ao3Finding): Ao3Problem => ({ field: f.field, code: f.code, message: f.message });

/**
 * The AO3 work of `chapters` (in the work's order; all of them for a whole work, or only
 * the ones wanted). `first` is the work's first chapter, whose header gives the fields.
 * A work of one chapter is today's single story: its own header numbers it.
 */
export function wholeWork(first: ChapterFile, chapters: readonly ChapterFile[], shape: WorkShape, settings: FicSettings): WholeWork {
  if (shape.chapters <= 1) {
    const only = chapters[0] ?? first;
    const { work, lines } = buildWork(only.doc, settings);
    // A file of several chapters is a work of them all, each from the same file.
    return { work, refused: work.problems.some(ao3Refuses), uris: work.chapters.map(() => only.uri), lines };
  }
  const built = new Map<string, ReturnType<typeof buildWork>>();
  const build = (file: ChapterFile) => {
    let result = built.get(file.uri);
    if (!result) built.set(file.uri, (result = buildWork(file.doc, settings)));
    return result;
  };
  // The first chapter's text is needed only when it is one of those asked for.
  const head = chapters.some((c) => c.uri === first.uri) ? build(first) : buildWork(first.doc, settings, false);
  const fields = head.work.fields;
  const problems: Ao3Problem[] = head.findings.filter((f) => WORK_FIELDS.has(f.field)).map(problem);
  // AO3 shows `?` when the expected total is unknown or below the chapters posted.
  const of = shape.declared !== null && shape.declared >= shape.chapters ? shape.declared : null;
  const out: Ao3Chapter[] = [];
  for (const file of chapters) {
    const { work, findings } = build(file);
    const own = work.chapters[0] as Ao3Chapter;
    const later = file.position > 1;
    // A later chapter's header may repeat the work's summary and notes: only its own count.
    const ownValue = (mine: string, works: string) => (later && mine !== works ? mine : '');
    const chapter: Ao3Chapter = {
      number: file.position,
      of,
      title: own.title,
      summary: ownValue(work.fields.summary, fields.summary),
      notes: ownValue(work.fields.notes, fields.notes) + own.notes,
      endNotes: ownValue(work.fields.endNotes, fields.endNotes) + own.endNotes,
      html: own.html,
      words: own.words,
    };
    out.push(chapter);
    const said = (p: Ao3Problem) => problems.push(chapters.length > 1 ? { ...p, message: `Chapter ${file.position}: ${p.message}` } : p);
    for (const f of findings) if (f.field === 'chapter' || f.field === 'chapterTitle') said(problem(f));
    if (later) {
      const limit = (key: 'chapterSummary' | 'chapterNotes' | 'chapterEndNotes', value: string, max: number) => {
        const length = codePointLength(value);
        if (length > max) {
          said({ field: key, code: 'ao3-too-long', message: `AO3 allows ${formatCount(max)} characters in the ${fieldLabel(key)}, counting the HTML; these have ${formatCount(length)}. Shorten them.` });
        }
      };
      limit('chapterSummary', chapter.summary, AO3_LIMITS.summaryMax);
      limit('chapterNotes', chapter.notes, AO3_LIMITS.notesMax);
      limit('chapterEndNotes', chapter.endNotes, AO3_LIMITS.notesMax);
    }
  }
  const work: Ao3Work = { fields, chapters: out, problems };
  return { work, refused: problems.some(ao3Refuses), uris: chapters.map((c) => c.uri), lines: chapters.map((c) => ({ start: 0, end: c.doc.text.lineCount })) };
}
