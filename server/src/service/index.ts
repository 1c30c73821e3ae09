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
import { ao3Diagnostics, buildWork, form } from './ao3';
import { codeActions } from './diagnostics/codeActions';
import { complete } from './features/completion';
import { diagnose } from './diagnostics';
import { folding } from './features/folding';
import { hover } from './features/hover';
import { FicSource } from './header/source';
import { bodyFigures, declaredOf, readingMinutes, selectionWords } from './header/stats';
import { symbols } from './features/symbols';
import { MemoryWorkspace, type IFicWorkspace } from './work/workspace';
import { WorkIndex } from './work/works';
import { workFindings } from './work/rules';
import type { WorkContext } from './diagnostics/context';
import { createProgress, systemClock, type Clock, type Progress } from './progress';

export { FicSource } from './header/source';
export { FicText, type ContentChange } from './text/text';
export { parse, parseHeader, type FicDocument, type Field, type Header } from './header/document';
export { countAo3, countWhitespace, countWords } from './text/count';
export { parseDeclaredCount, formatCount } from './header/declared';
export { ao3Rating, htmlWords, inlineHtml, escapeHtml } from './ao3';
export { WorkIndex, type WorkChange } from './work/works';
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
  /** The story as AO3's Post New Work form takes it. */
  ao3Work(source: FicSource): Ao3Work;
  /** The same, laid out as the form's rows for the preview. */
  ao3Form(source: FicSource): Ao3Form;
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
  const progress = createProgress(() => current, world.clock ?? systemClock);
  const works = new WorkIndex(workspace);
  let clientCommands: ReadonlySet<string> = new Set();
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
    ao3Form: (source) => {
      const { work, findings } = buildWork(source.document(), current);
      return form(source.uri, source.version, work, findings);
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
