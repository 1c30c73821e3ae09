// The custom messages between the Fic language server and its clients. This is a public
// contract: the VS Code client, other editors and the tests all import or mirror it.
// Only plain types and method names here, so both sides can import it without pulling in
// either runtime (the client bundles this file; it has no imports).

export type CountMethod = 'whitespace' | 'ao3';
export const COUNT_METHODS: readonly CountMethod[] = ['whitespace', 'ao3'];

export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

/** Words, by each method, of some stretch of the story. */
export interface WordsByMethod {
  whitespace: number;
  ao3: number;
}

export interface StatsParams {
  textDocument: { uri: string };
  /** Count the words inside each of these ranges too (the editor's selections). */
  ranges?: Range[];
}

export interface FicStats {
  uri: string;
  /** The document version these figures are for. */
  version: number;
  /** The configured method (`fic.wordCount.method`); `words` and `selections` use it. */
  method: CountMethod;
  /** Body words by `method`: header, trailer line and author's notes left out. */
  words: number;
  /** Body words by every method, for tooltips and the statistics view. */
  wordsByMethod: WordsByMethod;
  /** Words inside each requested range, same method; empty in notifications. */
  selections: number[];
  /** The header's Word Count as a number, or null when absent or unreadable. */
  declared: number | null;
  /** The declared value as written (`~1.3k`), or null. */
  declaredText: string | null;
  /** Words in the header lines (never part of `words`). */
  headerWords: number;
  /** Words on the trailer line (`The End`, `TBC`, ...). */
  trailerWords: number;
  /** Words in author's-note blocks (`A/N: ...`) in the body, counted apart. */
  noteWords: number;
  /** Body characters (Unicode code points, line breaks excluded). */
  characters: number;
  /** Body characters that are not whitespace. */
  charactersNoSpaces: number;
  /** Non-empty body paragraphs (runs of non-blank lines), notes and trailer excluded. */
  paragraphs: number;
  /** Sections of the body, split at scene breaks and chapter headings. */
  sections: number;
  /** Estimated reading time at `fic.readingSpeed` words a minute, rounded up. */
  readingMinutes: number;
  lines: number;
}

/** Request: client -> server. */
export const StatsRequestMethod = 'fic/stats';
/** Notification: server -> client, same shape as FicStats with `selections` empty. At most
 * one every 100 ms per document, always ending with the figures of the latest version. */
export const StatsChangedNotificationMethod = 'fic/statsChanged';

/** Settings, section `fic`. Every field is optional on the wire; the server fills defaults. */
export type DiagnosticLevel = 'error' | 'warning' | 'information' | 'hint' | 'off';

export interface FicSettings {
  wordCount: { method: CountMethod };
  header: { requiredFields: string[] };
  diagnostics: { levels: Record<string, DiagnosticLevel> };
  readingSpeed: number;
}

export const DEFAULT_SETTINGS: FicSettings = {
  wordCount: { method: 'whitespace' },
  header: { requiredFields: ['Title', 'Author', 'Fandom', 'Rating'] },
  diagnostics: { levels: {} },
  readingSpeed: 250,
};

/** A command the VS Code client runs for a quick fix: set `fic.wordCount.method` for the
 * workspace folder holding `uri`. The server offers it only to a client that lists it in
 * `initializationOptions.clientCommands`; other editors never see an action they cannot run. */
export const SET_WORD_COUNT_METHOD_COMMAND = 'fic.setWordCountMethod';
export interface SetWordCountMethodArgs {
  uri: string;
  method: CountMethod;
}

/** The code action kind that brings the header's Word Count up to date and changes
 * nothing else (for `editor.codeActionsOnSave`). */
export const FIX_ALL_KIND = 'source.fixAll.fic';
