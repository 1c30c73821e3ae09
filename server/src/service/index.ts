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
import { DEFAULT_SETTINGS, SCENE_BREAK_STYLES, type Ao3Form, type Ao3Work, type FicSettings, type FicStats, type SceneBreakStyle } from '../protocol';
import { ao3Diagnostics, buildWork, form } from './ao3';
import { codeActions } from './diagnostics/codeActions';
import { complete } from './features/completion';
import { diagnose } from './diagnostics';
import { folding } from './features/folding';
import { hover } from './features/hover';
import { FicSource } from './header/source';
import { bodyFigures, declaredOf, readingMinutes, selectionWords } from './header/stats';
import { symbols } from './features/symbols';

export { FicSource } from './header/source';
export { FicText, type ContentChange } from './text/text';
export { parse, parseHeader, type FicDocument, type Field, type Header } from './header/document';
export { countAo3, countWhitespace, countWords } from './text/count';
export { parseDeclaredCount, formatCount } from './header/declared';
export { ao3Rating, htmlWords, inlineHtml, escapeHtml } from './ao3';

export interface FicService {
  readonly settings: FicSettings;
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
}

export function createFicService(settings?: unknown): FicService {
  let current = normaliseSettings(settings);
  let clientCommands: ReadonlySet<string> = new Set();
  return {
    get settings() {
      return current;
    },
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
      };
    },
    diagnostics: (source) => [
      ...diagnose(source.document(), current, { uri: source.uri, memory: source.memory, clientCommands }),
      ...ao3Diagnostics(source.document(), current),
    ],
    completion: (source, position) => complete(source.document(), position, current),
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
  };
}
