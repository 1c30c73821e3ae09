// The preview's rows: AO3's Post New Work form top to bottom, each with what to paste and
// what AO3 would say about it. The client renders these and nothing else.

import type { Ao3Form, Ao3FormField, Ao3Work } from '../../protocol';
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

export function form(uri: string, version: number, work: Ao3Work): Ao3Form {
  const chapter = work.chapters[0];
  const html = chapter?.html ?? '';
  return {
    uri,
    version,
    work,
    fields: formRows(work, work.problems),
    chapter: { html, words: chapter?.words ?? 0, characters: codePointLength(html) },
  };
}
