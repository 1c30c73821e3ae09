// The preview's rows: AO3's Post New Work form top to bottom, each with what to paste and
// what AO3 would say about it. The client renders these and nothing else.

import type { Ao3Form, Ao3FormField, Ao3Work } from '../../protocol';
import { codePointLength } from './html';
import { fieldLabel, type Ao3Finding } from './work';

type ListKey = 'warnings' | 'categories' | 'fandoms' | 'relationships' | 'characters' | 'additionalTags';

export function formRows(work: Ao3Work, findings: readonly Ao3Finding[]): Ao3FormField[] {
  const f = work.fields;
  const chapter = work.chapters[0];
  const problemsOf = (...keys: string[]) => findings.filter((p) => keys.includes(p.field)).map((p) => p.message);
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
    // One chapter: the work's notes and the chapter's share the form's one Notes box.
    html('notes', f.notes + (chapter?.notes ?? '')),
  ];
  if (chapter) {
    rows.push(text('chapterNumber', `Chapter ${chapter.number} of ${chapter.of ?? '?'}`, []));
    rows[rows.length - 1] = { ...(rows[rows.length - 1] as Ao3FormField), label: 'Chapter' };
    rows.push(text('chapterTitle', chapter.title));
  }
  rows.push(html('endNotes', f.endNotes + (chapter?.endNotes ?? '')));
  return rows;
}

export function form(uri: string, version: number, work: Ao3Work, findings: readonly Ao3Finding[]): Ao3Form {
  const chapter = work.chapters[0];
  const html = chapter?.html ?? '';
  return {
    uri,
    version,
    work,
    fields: formRows(work, findings),
    chapter: { html, words: chapter?.words ?? 0, characters: codePointLength(html) },
  };
}
