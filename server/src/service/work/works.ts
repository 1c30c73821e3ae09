// WorkIndex: every chapter of the workspace, grouped into works. Unopened chapters are
// summaries read through the IFicWorkspace; open chapters are their live models. A
// keystroke in an open chapter adjusts its work's total by the chapter's change (the
// chapter's own figures are running totals), so it never re-sums the other chapters; the
// grouping is redone only for a folder whose chapters changed title, number or membership.

import type { CountMethod, Work, WorkFigures, WordsByMethod } from '../../protocol';
import type { FicSource } from '../header/source';
import { bodyFigures } from '../header/stats';
import { groupFolder, type WorkGroup } from './grouping';
import { canonicalUri } from './uri';
import { liveHeading, placementKey, reviveSummary, summariseSource, summariseText, type ChapterSummary } from './summary';
import { SLICE_BYTES, summariseBytes, summaryInSlices } from './summaryBytes';
import type { Disposable, FicFileStat, FileChange, IFicWorkspace } from './workspace';

const encoder = new TextEncoder();

interface Entry {
  summary: ChapterSummary;
  /** The live model while the chapter is open in the editor. */
  source: FicSource | null;
  /** The header parse the summary was taken from (open chapters): a new parse means the
   * header changed and the summary's fields are re-read. */
  header: unknown;
  /** Size and time when read from disk, when the workspace can tell. */
  stat?: FicFileStat | null;
}

export interface WorkState {
  group: WorkGroup;
  /** The running total: the sum of the chapters' words, adjusted by each edit's change. */
  words: WordsByMethod;
  /** Each chapter's place (0-based), and the declared total: fixed until a regrouping. */
  position: Map<string, number>;
  declaredChapters: number | null;
}

/** Buffers kept for reuse by a batch of reads: up to this size (a chapter larger than that
 * is rare, and its buffer is not held). */
const REUSED_BUFFER_BYTES = 8 << 20;

/** The buffers one batch of reads lends the workspace, each back once its chapter is
 * summarised. Reading every chapter into a fresh buffer costs the first touch of each of
 * its pages, about a third of the reading on a small VM; and they are let go with the batch. */
class ReadBuffers {
  private readonly free: ArrayBuffer[] = [];
  /** Weakly: a buffer lent for a file the workspace then refused (binary, vanished) never
   * comes back, and a folder of thousands of those must not be held until the batch ends. */
  private readonly lent = new WeakSet<ArrayBuffer>();

  readonly lend = (size: number): Uint8Array => {
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      const length = (this.free[i] as ArrayBuffer).byteLength;
      if (length >= size && (best < 0 || length < (this.free[best] as ArrayBuffer).byteLength)) best = i;
    }
    const buffer = best >= 0 ? (this.free.splice(best, 1)[0] as ArrayBuffer) : new ArrayBuffer(Math.max(size, 1 << 16));
    this.lent.add(buffer);
    return new Uint8Array(buffer);
  };

  /** Bytes read: their buffer, if lent by this batch, may be lent again. */
  giveBack(bytes: Uint8Array): void {
    const buffer = bytes.buffer as ArrayBuffer;
    if (!this.lent.delete(buffer)) return;
    if (buffer.byteLength <= REUSED_BUFFER_BYTES) this.free.push(buffer);
  }
}

/** Reads at once at most this many files: enough to keep the disk busy, few enough that
 * 10,000 files do not open 10,000 handles. */
const READ_CONCURRENCY = 16;

export interface WorkChange {
  /** Works were added, removed, regrouped or reordered (not only a total changed). */
  structure: boolean;
  /** The folders whose works changed. */
  folders: ReadonlySet<string>;
}

export class WorkIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly folders = new Map<string, Set<string>>();
  private readonly dirty = new Set<string>();
  private readonly groups = new Map<string, WorkState[]>();
  private readonly workOfUri = new Map<string, WorkState>();
  private readonly listeners = new Set<(change: WorkChange) => void>();
  private readonly subscription: Disposable;
  private indexing: Promise<void> | null = null;
  /** Files that could not be read, and why, for the log. */
  readonly skipped = new Map<string, string>();

  constructor(private readonly workspace: IFicWorkspace) {
    this.subscription = workspace.onDidChangeFiles((changes) => {
      this.filesChanged(changes).catch((error: unknown) => this.skipped.set('(changes)', `a change on disk could not be read: ${String(error)}`));
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.listeners.clear();
  }

  /** Told after every change to the works: a batch of files, an open, a close, an edit. */
  onDidChange(listener: (change: WorkChange) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Read every story of the workspace once. Later calls wait for the same reading. */
  index(): Promise<void> {
    this.indexing ??= this.readAll();
    return this.indexing;
  }

  /** The first reading of the workspace, once started (null before `index()`). */
  get indexed(): Promise<void> | null {
    return this.indexing;
  }

  private async readAll(): Promise<void> {
    this.inFlight++;
    const touched = new Set<string>();
    try {
      await this.readEverything(touched);
    } finally {
      this.inFlight--;
    }
    this.emit(true, touched);
  }

  private async readEverything(touched: Set<string>): Promise<void> {
    let uris: string[];
    try {
      uris = await this.workspace.findFiles();
    } catch (error) {
      this.skipped.set('(workspace)', `the workspace's stories could not be listed: ${String(error)}`);
      return;
    }
    await this.readMany(uris, touched);
  }

  private async readMany(uris: readonly string[], touched: Set<string>, stats?: ReadonlyMap<string, FicFileStat | null>): Promise<void> {
    let next = 0;
    const buffers = new ReadBuffers();
    const worker = async () => {
      while (next < uris.length) {
        const uri = uris[next++] as string;
        await this.readOne(uri, touched, stats?.get(uri) ?? null, buffers);
      }
    };
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, uris.length) }, worker));
  }

  /** @param stat the file's size and time, when the caller asked (a change on disk): kept
   * to tell a later touch that changed nothing.
   * @param buffers the batch's buffers to read into, when it is a batch. */
  private async readOne(raw: string, touched: Set<string>, stat: FicFileStat | null = null, buffers?: ReadBuffers): Promise<void> {
    const uri = canonicalUri(raw);
    if (this.entries.get(uri)?.source) return; // open: the editor's text wins
    let content: string | Uint8Array | ChapterSummary | null = null;
    try {
      const made = this.workspace.summarise ? await this.workspace.summarise(raw, uri) : undefined;
      if (made !== undefined) content = made === null ? null : reviveSummary(made, uri);
      else content = this.workspace.readBytes ? await this.workspace.readBytes(raw, buffers?.lend) : await this.workspace.readFile(raw);
    } catch (error) {
      this.skipped.set(uri, String(error));
    }
    try {
      await this.take(raw, uri, content, touched, stat);
    } finally {
      if (content instanceof Uint8Array) buffers?.giveBack(content);
    }
  }

  /** What was read of a chapter (its text, bytes or summary; null: nothing) into the index. */
  private async take(raw: string, uri: string, content: string | Uint8Array | ChapterSummary | null, touched: Set<string>, stat: FicFileStat | null): Promise<void> {
    // Opened while it was being read: the live model is newer than the disk.
    if (this.entries.get(uri)?.source) return;
    if (content === null) {
      if (!this.skipped.has(uri)) this.skipped.set(uri, this.workspace.problem?.(raw) ?? 'it could not be read as a text file');
      this.remove(uri, touched);
      return;
    }
    this.skipped.delete(uri);
    let summary: ChapterSummary;
    try {
      // A large text from the editor is counted as bytes too, to be taken in slices.
      if (typeof content === 'string') summary = content.length > SLICE_BYTES && this.workspace.pause ? await this.summariseBytes(uri, encoder.encode(content)) : summariseText(uri, content);
      else if (content instanceof Uint8Array) summary = await this.summariseBytes(uri, content);
      else summary = content;
    } catch (error) {
      this.skipped.set(uri, `it could not be summarised: ${String(error)}`);
      this.remove(uri, touched);
      return;
    }
    // Opened while a large chapter was being counted in slices.
    if (this.entries.get(uri)?.source) return;
    this.put(uri, { summary, source: null, header: null, stat }, touched);
  }

  /** A chapter's bytes summarised; a large one a slice at a time, with the host's other
   * work (a keystroke in the open chapter) let in between slices. */
  private async summariseBytes(uri: string, bytes: Uint8Array): Promise<ChapterSummary> {
    if (!this.workspace.pause || bytes.length <= SLICE_BYTES) return summariseBytes(uri, bytes);
    const steps = summaryInSlices(uri, bytes);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      await this.workspace.pause();
    }
  }

  private inFlight = 0;

  /** Files are being read (the first reading, or a batch of changes). */
  get busy(): boolean {
    return this.inFlight > 0;
  }

  /** A batch of changes on disk: only those files are re-read, and listeners hear once. */
  async filesChanged(changes: readonly FileChange[]): Promise<void> {
    this.inFlight++;
    const touched = new Set<string>();
    try {
      await this.readChanges(changes, touched);
    } finally {
      this.inFlight--;
    }
    // Told once the batch is read, when the index is no longer busy with it.
    if (touched.size > 0) this.emit(true, touched);
  }

  private async readChanges(changes: readonly FileChange[], touched: Set<string>): Promise<void> {
    if (this.indexing) await this.indexing;
    const toRead = new Map<string, FicFileStat | null>();
    for (const change of changes) {
      if (!change || typeof change.uri !== 'string') continue;
      const uri = canonicalUri(change.uri);
      if (change.type === 'deleted') {
        toRead.delete(change.uri);
        if (!this.entries.get(uri)?.source) this.remove(uri, touched);
        // A deleted folder arrives as one event for the folder.
        const prefix = uri.endsWith('/') ? uri : `${uri}/`;
        for (const held of [...this.entries.keys()]) if (held.startsWith(prefix) && !this.entries.get(held)?.source) this.remove(held, touched);
      } else if (/\.fic$/i.test(uri)) {
        const entry = this.entries.get(uri);
        const stat = this.workspace.stat ? await this.workspace.stat(change.uri) : null;
        // Touched but not changed (a checkout that rewrote the same bytes): nothing to read.
        if (change.type === 'changed' && entry && !entry.source && stat && entry.stat && stat.size === entry.stat.size && stat.mtime === entry.stat.mtime) continue;
        toRead.set(change.uri, stat);
      }
    }
    await this.readMany([...toRead.keys()], touched, toRead);
  }

  /** A chapter opened in the editor: from now on its live model counts. */
  open(source: FicSource): void {
    const touched = new Set<string>();
    const uri = canonicalUri(source.uri);
    this.put(uri, { summary: summariseSource(source, uri), source, header: source.header() }, touched);
    this.emit(true, touched);
  }

  /** A chapter closed: what is on disk counts again (unsaved changes were discarded). */
  async close(raw: string): Promise<void> {
    const uri = canonicalUri(raw);
    const entry = this.entries.get(uri);
    if (!entry?.source) return;
    entry.source = null;
    const touched = new Set<string>();
    if (uri.startsWith('untitled:')) this.remove(uri, touched);
    else await this.readOne(raw, touched);
    this.emit(true, touched);
  }

  /** An open chapter was edited. Cost: the chapter's header (already parsed, unless the
   * edit reached into it), never the other chapters. Returns whether its work changed. */
  edited(source: FicSource): boolean {
    const uri = canonicalUri(source.uri);
    const entry = this.entries.get(uri);
    if (!entry || entry.source !== source) return false;
    const header = source.header();
    if (header !== entry.header) {
      const before = placementKey(entry.summary);
      const touched = new Set<string>();
      const summary = summariseSource(source, uri);
      entry.header = header;
      if (placementKey(summary) !== before) {
        this.put(uri, { summary, source, header }, touched);
        this.emit(true, touched);
        return true;
      }
      this.adjust(entry, summary.words);
      // In place: the work's chapter list holds this very object.
      Object.assign(entry.summary, summary);
      this.usedCache = null;
      this.emit(false, new Set([summary.folder]));
      return true;
    }
    const words = bodyFigures(source.text, header).words;
    // The body's opening heading names the chapter: retitling it is a change of the work.
    const heading = liveHeading(source);
    const sameWords = words.whitespace === entry.summary.words.whitespace && words.ao3 === entry.summary.words.ao3;
    if (sameWords && heading === entry.summary.headingTitle) return false;
    if (!sameWords) {
      this.adjust(entry, words);
      entry.summary.words = words;
    }
    entry.summary.headingTitle = heading;
    this.emit(false, new Set([entry.summary.folder]));
    return true;
  }

  /** Add the chapter's change to its work's running total. */
  private adjust(entry: Entry, words: WordsByMethod): void {
    const state = this.dirty.has(entry.summary.folder) ? undefined : this.workOfUri.get(entry.summary.uri);
    if (!state) return; // regrouped (and re-summed) before anyone reads it
    state.words = {
      whitespace: state.words.whitespace + words.whitespace - entry.summary.words.whitespace,
      ao3: state.words.ao3 + words.ao3 - entry.summary.words.ao3,
    };
  }

  private put(uri: string, entry: Entry, touched: Set<string>): void {
    this.usedCache = null;
    const old = this.entries.get(uri);
    if (old && old.summary.folder !== entry.summary.folder) this.remove(uri, touched);
    this.entries.set(uri, entry);
    const folder = entry.summary.folder;
    let set = this.folders.get(folder);
    if (!set) this.folders.set(folder, (set = new Set()));
    set.add(uri);
    this.dirty.add(folder);
    touched.add(folder);
  }

  private remove(uri: string, touched: Set<string>): void {
    const entry = this.entries.get(uri);
    if (!entry) return;
    this.usedCache = null;
    this.entries.delete(uri);
    const folder = entry.summary.folder;
    const set = this.folders.get(folder);
    set?.delete(uri);
    if (set && set.size === 0) this.folders.delete(folder);
    this.dirty.add(folder);
    touched.add(folder);
  }

  private emit(structure: boolean, folders: ReadonlySet<string>): void {
    for (const listener of [...this.listeners]) listener({ structure, folders });
  }

  // ---- reading the works --------------------------------------------------------------

  private regroup(): void {
    for (const folder of this.dirty) {
      for (const old of this.groups.get(folder) ?? []) {
        for (const c of old.group.chapters) if (this.workOfUri.get(c.uri) === old) this.workOfUri.delete(c.uri);
      }
      const uris = this.folders.get(folder);
      if (!uris) {
        this.groups.delete(folder);
        continue;
      }
      const summaries = [...uris].map((u) => (this.entries.get(u) as Entry).summary);
      const states = groupFolder(folder, summaries).map(
        (group): WorkState => ({
          group,
          words: sum(group.chapters),
          position: new Map(group.chapters.map((c, i) => [c.uri, i])),
          declaredChapters: declaredChapters(group.chapters),
        }),
      );
      this.groups.set(folder, states);
      for (const state of states) for (const c of state.group.chapters) this.workOfUri.set(c.uri, state);
    }
    this.dirty.clear();
  }

  /** The work holding a chapter, with its chapters' current summaries. */
  workState(uri: string): WorkState | undefined {
    if (this.dirty.size > 0) this.regroup();
    return this.workOfUri.get(canonicalUri(uri));
  }

  /** The summary of a chapter the index holds. */
  summary(uri: string): ChapterSummary | undefined {
    return this.entries.get(canonicalUri(uri))?.summary;
  }

  /** The live model of a chapter open in the editor, or null (read it from the workspace). */
  openSource(uri: string): FicSource | null {
    return this.entries.get(canonicalUri(uri))?.source ?? null;
  }

  /** Every summary (for completion values across the workspace). */
  *summaries(): Iterable<ChapterSummary> {
    for (const e of this.entries.values()) yield e.summary;
  }

  private usedCache: Map<string, { value: string; stories: number }[]> | null = null;

  /** The values of a list field across the workspace's stories, most used first (ties in
   * alphabetical order), each spelling counted once per story; the story `except` (the one
   * being typed in) left out. Recounted only after a story's header changed. */
  usedValues(field: 'Fandom' | 'Characters' | 'Pairing' | 'Genre', except?: string): { value: string; stories: number }[] {
    const key = `${field}\u0000${except === undefined ? '' : canonicalUri(except)}`;
    this.usedCache ??= new Map();
    const cached = this.usedCache.get(key);
    if (cached) return cached;
    const pick = { Fandom: 'fandoms', Characters: 'characters', Pairing: 'pairings', Genre: 'tags' } as const;
    const skip = except === undefined ? undefined : canonicalUri(except);
    const counts = new Map<string, { value: string; stories: number }>();
    for (const [uri, entry] of this.entries) {
      if (uri === skip) continue;
      const seen = new Set<string>();
      for (const value of entry.summary[pick[field]]) {
        // The most used spelling wins the label; case differences are one tag to AO3 anyway.
        const k = value.toLowerCase();
        if (seen.has(k)) continue;
        seen.add(k);
        const c = counts.get(k);
        if (c) c.stories++;
        else counts.set(k, { value, stories: 1 });
      }
    }
    const sorted = [...counts.values()].sort((a, b) => b.stories - a.stories || a.value.localeCompare(b.value));
    this.usedCache.set(key, sorted);
    return sorted;
  }

  get chapterCount(): number {
    return this.entries.size;
  }

  /** The figures the status bar shows for a chapter's work. A chapter the index does not
   * hold (a story checked on its own) is a work of one. */
  figures(source: FicSource, method: CountMethod): WorkFigures {
    const uri = canonicalUri(source.uri);
    const state = this.workState(uri);
    if (!state) {
      const summary = summariseSource(source, uri);
      const group = groupFolder(summary.folder, [summary])[0] as WorkGroup;
      return {
        id: group.id,
        title: group.title,
        words: summary.words[method],
        wordsByMethod: { ...summary.words },
        chapters: 1,
        position: 1,
        declaredChapters: summary.chapterTotal,
      };
    }
    return {
      id: state.group.id,
      title: state.group.title,
      words: state.words[method],
      wordsByMethod: { ...state.words },
      chapters: state.group.chapters.length,
      position: (state.position.get(uri) ?? 0) + 1,
      declaredChapters: state.declaredChapters,
    };
  }

  /** Every work, or the one holding `uri`; works sorted by folder, then title. */
  works(method: CountMethod, uri?: string): Work[] {
    if (this.dirty.size > 0) this.regroup();
    if (uri !== undefined) {
      const state = this.workState(uri);
      return state ? [toWork(state, method)] : [];
    }
    const folders = [...this.groups.keys()].sort();
    return folders.flatMap((f) => (this.groups.get(f) ?? []).map((s) => toWork(s, method)));
  }
}

function sum(chapters: readonly ChapterSummary[]): WordsByMethod {
  let whitespace = 0;
  let ao3 = 0;
  for (const c of chapters) {
    whitespace += c.words.whitespace;
    ao3 += c.words.ao3;
  }
  return { whitespace, ao3 };
}

/** The total the work declares: the first chapter (in order) that states one. */
export function declaredChapters(chapters: readonly ChapterSummary[]): number | null {
  for (const c of chapters) if (c.chapterTotal !== null) return c.chapterTotal;
  return null;
}

function firstField<K extends 'status' | 'rating'>(chapters: readonly ChapterSummary[], key: K): string | null {
  for (const c of chapters) if (c[key] !== null) return c[key];
  return null;
}

function toWork(state: WorkState, method: CountMethod): Work {
  const chapters = state.group.chapters;
  const single = chapters.length === 1;
  return {
    id: state.group.id,
    title: state.group.title,
    folder: state.group.folder,
    words: state.words[method],
    wordsByMethod: { ...state.words },
    declaredChapters: state.declaredChapters,
    status: firstField(chapters, 'status'),
    rating: firstField(chapters, 'rating'),
    chapters: chapters.map((c, i) => ({
      uri: c.uri,
      number: c.chapter ?? i + 1,
      title: c.chapterTitle ?? c.headingTitle ?? (single ? state.group.title : c.fileName.replace(/\.[^.]*$/, '')),
      words: c.words[method],
      wordsByMethod: { ...c.words },
    })),
  };
}
