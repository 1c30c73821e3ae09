// createFicService(settings): the one facade the LSP server, the CLI and the tests use.
// Pure TypeScript: no Node built-ins, no connection, no timers (it must run in a web
// worker as it is). Every feature reads the cached parse of a FicSource.

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
import { DEFAULT_SETTINGS, type FicSettings, type FicStats } from '../protocol';
import { codeActions } from './diagnostics/codeActions';
import { complete } from './features/completion';
import { diagnose } from './diagnostics';
import { folding } from './features/folding';
import { hover } from './features/hover';
import { FicSource } from './header/source';
import { bodyFigures, declaredOf, readingMinutes, selectionWords } from './header/stats';
import { symbols } from './features/symbols';
import { createProgress, systemClock, type Clock, type Progress } from './progress';

export { FicSource } from './header/source';
export { FicText, type ContentChange } from './text/text';
export { parse, parseHeader, type FicDocument, type Field, type Header } from './header/document';
export { countAo3, countWhitespace, countWords } from './text/count';
export { parseDeclaredCount, formatCount } from './header/declared';
export { ProgressHistory, parseRecord, systemClock, writerDay, type Clock, type Progress, type ProgressRecord, type Recorded, type Size } from './progress';

export interface FicService {
  readonly settings: FicSettings;
  updateSettings(settings: unknown): void;
  stats(source: FicSource, ranges?: readonly Range[]): FicStats;
  diagnostics(source: FicSource): Diagnostic[];
  completion(source: FicSource, position: Position): CompletionList;
  hover(source: FicSource, position: Position): Hover | null;
  codeActions(source: FicSource, range: Range, diagnostics: readonly Diagnostic[]): CodeAction[];
  symbols(source: FicSource): DocumentSymbol[];
  folding(source: FicSource): FoldingRange[];
  /** Goals, the writing history and the progress figures. */
  readonly progress: Progress;
}

/** What the service needs from the world: the clock (and time zone) for the writer's day. */
export interface FicWorld {
  clock?: Clock;
}

export function createFicService(settings?: unknown, world: FicWorld = {}): FicService {
  let current = normaliseSettings(settings);
  const progress = createProgress(() => current, world.clock ?? systemClock);
  return {
    progress,
    get settings() {
      return current;
    },
    updateSettings(next) {
      current = normaliseSettings(next);
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
        selections: selectionWords(source.text, ranges, method),
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
      };
    },
    diagnostics: (source) => diagnose(source.document(), current),
    completion: (source, position) => complete(source.document(), position, current, progress.today()),
    hover: (source, position) => hover(source.document(), position, current),
    codeActions: (source, range, diagnostics) => codeActions(source.document(), range, diagnostics, current, source.uri),
    symbols: (source) => symbols(source.document(), current),
    folding: (source) => folding(source.document()),
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
