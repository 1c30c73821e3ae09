// Which chapters of a folder make one work, and in what order (DOMAIN.md §8). Files with
// the same Title are one work; a file without a Title that has a chapter number, or a
// number in its name, joins the folder's one work of chapters (or, with none, the other
// such files); anything else is a work of its own. Order: the Chapter number, else the
// number in the file name, compared as numbers; never alphabetical (`2` before `10`).
// Files are never renamed or moved: the order is only ever how they are shown.

import type { ChapterSummary } from './summary';

export interface WorkGroup {
  id: string;
  folder: string;
  title: string;
  /** In reading order. */
  chapters: ChapterSummary[];
  /** Chapters with no Title that could belong to more than one work of the folder. */
  orphans: boolean;
}

export function normaliseTitle(title: string): string {
  return title.trim().replace(/\s+/g, ' ').toLowerCase();
}

let collator: Intl.Collator | undefined;

/** Names compared as a reader orders them: numbers by value (`2` before `10`), letters
 * without regard to case or accents. The collator is made on first use: it costs a few
 * milliseconds of every start, and a folder whose chapters are numbered never needs it. */
function byName(a: string, b: string): number {
  collator ??= new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
  return collator.compare(a, b);
}

function orderKey(s: ChapterSummary): number {
  return s.chapter ?? s.fileNumber ?? Number.POSITIVE_INFINITY;
}

export function compareChapters(a: ChapterSummary, b: ChapterSummary): number {
  const ka = orderKey(a);
  const kb = orderKey(b);
  if (ka !== kb) return ka < kb ? -1 : 1;
  return byName(a.fileName, b.fileName) || (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0);
}

function nameWithoutExtension(fileName: string): string {
  return fileName.replace(/\.[^.]*$/, '');
}

/** The works of one folder. */
export function groupFolder(folder: string, files: readonly ChapterSummary[]): WorkGroup[] {
  const titled = new Map<string, ChapterSummary[]>();
  const loose: ChapterSummary[] = [];
  const single: ChapterSummary[] = [];
  for (const s of files) {
    if (s.title !== null) {
      const key = normaliseTitle(s.title);
      const list = titled.get(key);
      if (list) list.push(s);
      else titled.set(key, [s]);
    } else if (s.chapter !== null || s.fileNumber !== null) loose.push(s);
    else single.push(s);
  }

  let orphans = false;
  if (loose.length > 0) {
    const multi = [...titled.values()].filter((list) => list.length > 1 || list.some((s) => s.chapter !== null));
    const home = titled.size === 1 ? [...titled.values()][0] : multi.length === 1 ? multi[0] : undefined;
    if (home) home.push(...loose);
    else orphans = titled.size > 0;
  }

  const groups: WorkGroup[] = [];
  const folderName = fileNameOfFolder(folder);
  for (const [key, list] of titled) {
    list.sort(compareChapters);
    groups.push({ id: `${folder}/#${key}`, folder, title: (list.find((s) => s.title !== null)?.title ?? key).trim(), chapters: list, orphans: false });
  }
  if (loose.length > 0 && !groups.some((g) => g.chapters.includes(loose[0] as ChapterSummary))) {
    loose.sort(compareChapters);
    const title = loose.length === 1 ? nameWithoutExtension((loose[0] as ChapterSummary).fileName) : folderName;
    groups.push({ id: `${folder}/#?${loose.length === 1 ? (loose[0] as ChapterSummary).fileName : ''}`, folder, title, chapters: loose, orphans });
  }
  for (const s of single) {
    groups.push({ id: `${folder}/#?${s.fileName}`, folder, title: nameWithoutExtension(s.fileName), chapters: [s], orphans: false });
  }
  return groups.sort((a, b) => byName(a.title, b.title) || (a.id < b.id ? -1 : 1));
}

function fileNameOfFolder(folder: string): string {
  const raw = folder.slice(folder.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(raw) || 'Untitled';
  } catch {
    return raw || 'Untitled';
  }
}
