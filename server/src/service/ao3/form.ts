// The preview's rows: AO3's Post New Work form top to bottom, each with what to paste and
// what AO3 would say about it. The client renders these and nothing else.

import type { Ao3Form, Ao3FormChapter, Ao3FormField, Ao3Work } from '../../protocol';
import { codePointLength } from './html';
import { fieldLabel } from './work';

type ListKey = 'warnings' | 'categories' | 'fandoms' | 'relationships' | 'characters' | 'additionalTags';

/** The work's fields and its first (or only) chapter. A first chapter shares the form's
 * Notes and End Notes boxes with the work; a later one has boxes of its own. */
export function formRows(work: Ao3Work, problems: readonly { field: string; message: string }[]): Ao3FormField[] {
  const f = work.fields;
  const chapter = work.chapters[0];
  const later = (chapter?.number ?? 1) > 1;
  const problemsOf = (...keys: string[]) => problems.filter((p) => keys.includes(p.field)).map((p) => p.message);
  const text = (key: string, value: string, problemKeys: string[] = [key]): Ao3FormField => ({
    key,
    label: fieldLabel(key),
    value,
    html: false,
    items: null,
    problems: problemsOf(...problemKeys),
  });
  const html = (key: string, value: string): Ao3FormField => ({ ...text(key, value), html: true });
  const list = (key: ListKey): Ao3FormField => ({ ...text(key, f[key].join(', ')), items: [...f[key]] });
  const shared = (value: string, own: string | undefined) => (later ? value : value + (own ?? ''));
  const rows: Ao3FormField[] = [
    text('rating', f.rating),
    list('warnings'),
    list('categories'),
    list('fandoms'),
    list('relationships'),
    list('characters'),
    list('additionalTags'),
    text('language', f.language),
    text('title', f.title),
    html('summary', f.summary),
    html('notes', shared(f.notes, chapter?.notes)),
  ];
  if (chapter) {
    rows.push({ ...text('chapterNumber', `Chapter ${chapter.number} of ${chapter.of ?? '?'}`, []), label: 'Chapter' });
    rows.push(text('chapterTitle', chapter.title));
    if (later) rows.push(html('chapterSummary', chapter.summary), html('chapterNotes', chapter.notes));
  }
  rows.push(html('endNotes', shared(f.endNotes, chapter?.endNotes)));
  if (chapter && later) rows.push(html('chapterEndNotes', chapter.endNotes));
  return rows;
}

/** A problem of the work, or of chapter `number`: not one of another chapter of the file. */
function ownProblem(message: string, number: number): boolean {
  const m = /^Chapter (\d+): /.exec(message);
  return !m || Number(m[1]) === number;
}

/** The form of the open file. `lines` are the lines each chapter of `work` covers; a
 * chapter's rows are the form as the writer fills it in to post that chapter. */
export function form(uri: string, version: number, work: Ao3Work, lines: readonly { start: number; end: number }[]): Ao3Form {
  const chapters: Ao3FormChapter[] = work.chapters.map((c, i) => ({
    number: c.number,
    of: c.of,
    title: c.title,
    startLine: lines[i]?.start ?? 0,
    endLine: lines[i]?.end ?? 0,
    fields: formRows({ ...work, chapters: [c] }, work.chapters.length > 1 ? work.problems.filter((p) => ownProblem(p.message, c.number)) : work.problems),
    html: c.html,
    words: c.words,
    characters: codePointLength(c.html),
  }));
  const first = chapters[0];
  return {
    uri,
    version,
    work,
    fields: first?.fields ?? formRows(work, work.problems),
    chapter: { html: first?.html ?? '', words: first?.words ?? 0, characters: first?.characters ?? 0 },
    chapters,
  };
}
