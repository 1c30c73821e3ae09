// createFicService(settings, workspace): the one facade the LSP server, the CLI and the
// tests use. Pure TypeScript: no Node built-ins, no connection, no timers (it must run in
// a web worker as it is). Every feature reads the cached parse of a FicSource.
//
// Works: `service.works` is the index of every chapter in the workspace, read through the
// IFicWorkspace given here (the server's file system, the editor over LSP requests, or an
// in-memory one). The host tells it what the editor does: `open`, `edited`, `close`;
// changes on disk come through the workspace's own change event. Per-file features
// (stats, diagnostics, completion) read the chapter's work from it.

import type {
  CodeAction,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Position,
  Range,
} from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS, SCENE_BREAK_STYLES, type Ao3Form, type Ao3Work, type FicSettings, type FicStats, type SceneBreakStyle, type Work } from '../protocol';
import { ao3Diagnostics, buildWork, form, wholeWork, type ChapterFile, type WholeWork } from './ao3';
import { codeActions } from './diagnostics/codeActions';
import { complete, completionEndLine } from './features/completion';
import { diagnose } from './diagnostics';
import { folding } from './features/folding';
import { hover } from './features/hover';
import { FicSource } from './header/source';
import { bodyFigures, declaredOf, readingMinutes, selectionWords } from './header/stats';
import { symbols } from './features/symbols';
import { MemoryWorkspace, type IFicWorkspace } from './work/workspace';
import { WorkIndex } from './work/works';
import { canonicalUri } from './work/uri';
import { fileNameOf, type ChapterSummary } from './work/summary';
import { workFindings } from './work/rules';
import type { WorkContext } from './diagnostics/context';
import { createProgress, systemClock, type Clock, type Progress } from './progress';

export { FicSource } from './header/source';
export { FicText, type ContentChange } from './text/text';
export { parse, parseHeader, type FicDocument, type Field, type Header } from './header/document';
export { byteCounter, countAo3, countWhitespace, countWords } from './text/count';
export { parseDeclaredCount, formatCount } from './header/declared';
export { ao3Rating, htmlWords, inlineHtml, escapeHtml, type WholeWork } from './ao3';
export { WorkIndex, type WorkChange } from './work/works';
export { canonicalUri } from './work/uri';
export { summariseText, summariseSource, type ChapterSummary } from './work/summary';
export { summariseBytes, summaryInSlices } from './work/summaryBytes';
export { FileChangeEmitter, MemoryWorkspace, type FicFileStat, type FileChange, type IFicWorkspace } from './work/workspace';
export { ProgressHistory, parseRecord, systemClock, writerDay, type Clock, type Progress, type ProgressRecord, type Recorded, type Size } from './progress';

export interface FicService {
  readonly settings: FicSettings;
  /** The writer's works: every chapter of the workspace, grouped and totalled. Call
   * `works.index()` once the host is ready to read files. */
  readonly works: WorkIndex;
  /** Every work, or the one holding `uri`, counted by the configured method. */
  listWorks(uri?: string): Work[];
  updateSettings(settings: unknown): void;
  /** Commands the client can run for a quick fix (its initializationOptions.clientCommands). */
  setClientCommands(commands: readonly string[]): void;
  stats(source: FicSource, ranges?: readonly Range[]): FicStats;
  diagnostics(source: FicSource): Diagnostic[];
  completion(source: FicSource, position: Position): CompletionList;
  hover(source: FicSource, position: Position): Hover | null;
  /** `only`: the kinds asked for (CodeActionContext.only), e.g. `source.fixAll.fic`. */
  codeActions(source: FicSource, range: Range, diagnostics: readonly Diagnostic[], only?: readonly string[]): CodeAction[];
  symbols(source: FicSource): DocumentSymbol[];
  folding(source: FicSource): FoldingRange[];
  /** A story on its own as AO3's Post New Work form takes it: a work of one chapter. */
  ao3Work(source: FicSource): Ao3Work;
  /** The AO3 work of the work holding `target` (an open story, or the uri of a file the
   * works index holds): the fields from the work's first chapter, one chapter per file in
   * the work's order, numbered by the work. `'one'` keeps only target's own chapter (the
   * preview; posting the next chapter). Chapters not open are read through the workspace;
   * a story the index does not hold is a work of one. Rejects, in a writer's words, when a
   * chapter cannot be read. */
  ao3WorkOf(target: FicSource | string, chapters?: 'all' | 'one'): Promise<WholeWork>;
  /** The story's chapter of its work, laid out as the form's rows for the preview. */
  ao3Form(source: FicSource): Promise<Ao3Form>;
  /** Goals, the writing history and the progress figures. */
  readonly progress: Progress;
}

/** What the service needs from the world besides the other stories: the clock (and time
 * zone) for the writer's day. */
export interface FicWorld {
  clock?: Clock;
}

export function createFicService(settings?: unknown, workspace: IFicWorkspace = new MemoryWorkspace(), world: FicWorld = {}): FicService {
  let current = normaliseSettings(settings);
  const works = new WorkIndex(workspace);
  const progress = createProgress(() => current, world.clock ?? systemClock, works);
  let clientCommands: ReadonlySet<string> = new Set();
  // Unopened first chapters read for an export, kept while their summary stands (the file
  // has not changed on disk): the preview of a later chapter would otherwise re-read its
  // work's first chapter on every keystroke. A few: a preview looks at one work at a time;
  // every other chapter stays a summary once its export is done.
  const read = new Map<string, { summary: ChapterSummary; source: FicSource }>();
  const readChapter = async (uri: string, keep = false): Promise<FicSource> => {
    const open = works.openSource(uri);
    if (open) return open;
    const summary = works.summary(uri);
    const kept = read.get(uri);
    if (kept && summary && kept.summary === summary) return kept.source;
    const text = await workspace.readFile(uri);
    if (text === null) throw new Error(`${fileNameOf(uri)} could not be read: ${workspace.problem?.(uri) ?? 'it is gone or is not a text file'}.`);
    const source = new FicSource(uri, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, 0);
    if (summary && keep) {
      read.delete(uri);
      read.set(uri, { summary, source });
      if (read.size > 4) read.delete(read.keys().next().value as string);
    }
    return source;
  };
  const ao3WorkOf = async (target: FicSource | string, chapters: 'all' | 'one' = 'all'): Promise<WholeWork> => {
    await works.indexed?.catch(() => undefined);
    const self = typeof target === 'string' ? null : target;
    const uri = canonicalUri(typeof target === 'string' ? target : target.uri);
    const state = works.workState(uri);
    const ordered = state?.group.chapters ?? [];
    const at = state?.position.get(uri) ?? 0;
    const wanted = chapters === 'one' ? ordered.slice(at, at + 1) : ordered;
    // Every read first, then the build in one go: nothing changes the texts in between.
    const sourceOf = (u: string, keep = false) => (self && u === uri ? self : readChapter(u, keep));
    const first = ordered[0] && ordered.length > 1 ? await sourceOf(ordered[0].uri, true) : (self ?? (await readChapter(uri)));
    const sources = ordered.length > 1 ? await Promise.all(wanted.map((c) => sourceOf(c.uri))) : [first];
    const files: ChapterFile[] = sources.map((s, i) => ({
      uri: ordered.length > 1 ? (wanted[i] as ChapterSummary).uri : uri,
      doc: s.document(),
      position: ordered.length > 1 ? (state?.position.get((wanted[i] as ChapterSummary).uri) ?? 0) + 1 : 1,
    }));
    const head: ChapterFile = { uri: ordered[0]?.uri ?? uri, doc: first.document(), position: 1 };
    return wholeWork(head, files, { chapters: Math.max(ordered.length, 1), declared: state?.declaredChapters ?? null }, current);
  };
  return {
    progress,
    get settings() {
      return current;
    },
    works,
    listWorks: (uri) => works.works(current.wordCount.method, uri),
    updateSettings(next) {
      current = normaliseSettings(next);
    },
    setClientCommands(commands) {
      clientCommands = new Set(commands.filter((c) => typeof c === 'string'));
    },
    stats(source, ranges) {
      const header = source.header();
      const figures = bodyFigures(source.text, header);
      const method = current.wordCount.method;
      const declared = declaredOf(header);
      return {
        uri: source.uri,
        version: source.version,
        method,
        words: figures.words[method],
        wordsByMethod: figures.words,
        selections: selectionWords(source.text, header, ranges, method),
        declared: declared.value,
        declaredText: declared.text,
        headerWords: figures.headerWords[method],
        trailerWords: figures.trailerWords[method],
        noteWords: figures.noteWords[method],
        characters: figures.characters,
        charactersNoSpaces: figures.charactersNoSpaces,
        paragraphs: figures.paragraphs,
        sections: figures.sections,
        readingMinutes: readingMinutes(figures.words[method], current.readingSpeed),
        lines: source.text.lineCount,
        completionEndLine: completionEndLine(source.text, header),
        work: works.figures(source, method),
      };
    },
    diagnostics(source) {
      const doc = source.document();
      const options = { uri: source.uri, memory: source.memory, clientCommands };
      const state = works.workState(source.uri);
      const me = works.summary(source.uri);
      if (!state || !me) return [...diagnose(doc, current, options), ...ao3Diagnostics(doc, current)];
      const chapters = state.group.chapters;
      const ao3 = ao3Diagnostics(doc, current, chapters.length > 1 && chapters[0]?.uri !== me.uri);
      let work: WorkContext | null = null;
      if (chapters.length > 1) {
        // Diagnostics wait for a pause in typing: summing the chapters here is no keystroke cost.
        const soFar = { whitespace: 0, ao3: 0 };
        for (const c of chapters) {
          soFar.whitespace += c.words.whitespace;
          soFar.ao3 += c.words.ao3;
          if (c.uri === me.uri) break;
        }
        work = { words: state.words, wordsSoFar: soFar, chapters: chapters.length, first: chapters[0]?.uri === me.uri };
      }
      return [...diagnose(doc, current, { ...options, work, extra: workFindings(doc, state.group, me) }), ...ao3];
    },
    completion: (source, position) =>
      complete(
        source.document(),
        position,
        current,
        (field) => (field === 'Fandom' || field === 'Characters' || field === 'Pairing' || field === 'Genre' ? works.usedValues(field, source.uri) : []),
        progress.today(),
      ),
    hover: (source, position) => hover(source.document(), position, current),
    codeActions: (source, range, diagnostics, only) =>
      codeActions(source.document(), range, diagnostics, current, { uri: source.uri, memory: source.memory, clientCommands, ...(only ? { only } : {}) }),
    symbols: (source) => symbols(source.document(), current),
    folding: (source) => folding(source.document()),
    ao3Work: (source) => buildWork(source.document(), current).work,
    ao3WorkOf,
    ao3Form: async (source) => {
      const { work, lines } = await ao3WorkOf(source, 'one');
      return form(source.uri, source.version, work, lines);
    },
  };
}

const LEVELS = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** Settings from the wire: anything missing or malformed falls back to the default. */
export function normaliseSettings(raw: unknown): FicSettings {
  const s = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const get = (path: string[]): unknown => {
    let v: unknown = s;
    for (const k of path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
    return v;
  };
  const method = get(['wordCount', 'method']);
  const required = get(['header', 'requiredFields']);
  const levels = get(['diagnostics', 'levels']);
  const speed = get(['readingSpeed']);
  const sceneBreak = get(['ao3', 'sceneBreak']);
  const language = get(['ao3', 'language']);
  const goals = get(['goals']);
  const cleanLevels: FicSettings['diagnostics']['levels'] = {};
  if (levels && typeof levels === 'object') {
    for (const [code, level] of Object.entries(levels as Record<string, unknown>)) {
      if (typeof level === 'string' && LEVELS.has(level)) cleanLevels[code] = level as FicSettings['diagnostics']['levels'][string];
    }
  }
  return {
    wordCount: { method: method === 'ao3' || method === 'whitespace' ? method : DEFAULT_SETTINGS.wordCount.method },
    header: {
      requiredFields: Array.isArray(required)
        ? required.filter((x): x is string => typeof x === 'string').slice(0, 100)
        : [...DEFAULT_SETTINGS.header.requiredFields],
    },
    diagnostics: { levels: cleanLevels },
    // At least a word a minute: a speed of 5e-324 made the reading time Infinity (null on the wire).
    readingSpeed: typeof speed === 'number' && Number.isFinite(speed) && speed >= 1 ? speed : DEFAULT_SETTINGS.readingSpeed,
    ao3: {
      sceneBreak: SCENE_BREAK_STYLES.includes(sceneBreak as SceneBreakStyle) ? (sceneBreak as SceneBreakStyle) : DEFAULT_SETTINGS.ao3.sceneBreak,
      language: typeof language === 'string' && language.trim() ? language.trim().slice(0, 100) : DEFAULT_SETTINGS.ao3.language,
    },
    goals: normaliseGoals(goals),
  };
}

function normaliseGoals(raw: unknown): FicSettings['goals'] {
  const g = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const d = DEFAULT_SETTINGS.goals;
  const count = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.min(Math.floor(v), 1e9) : fallback);
  return {
    dailyWords: count(g.dailyWords, d.dailyWords),
    dayStartsAt: typeof g.dayStartsAt === 'string' && /^\s*\d{1,2}(?::\d{2})?\s*$/.test(g.dayStartsAt) ? g.dayStartsAt.trim() : d.dayStartsAt,
    unit: g.unit === 'characters' || g.unit === 'words' ? g.unit : d.unit,
    pasteThreshold: count(g.pasteThreshold, d.pasteThreshold),
    countPastes: typeof g.countPastes === 'boolean' ? g.countPastes : d.countPastes,
    timeZone: typeof g.timeZone === 'string' ? g.timeZone.trim().slice(0, 100) : d.timeZone,
    historyFile: typeof g.historyFile === 'string' ? g.historyFile.trim() : d.historyFile,
  };
}
