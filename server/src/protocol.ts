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

/** What goals count: words (by `fic.wordCount.method`) or characters (CJK writers). */
export type GoalUnit = 'words' | 'characters';

export interface GoalSettings {
  /** Today's goal in `unit`; 0 turns the daily goal off. */
  dailyWords: number;
  /** When the writer's day starts, `HH:MM` on their clock (writers write past midnight). */
  dayStartsAt: string;
  unit: GoalUnit;
  /** A single change adding more than this (in `unit`) is a paste, not writing; 0: no limit. */
  pasteThreshold: number;
  /** Count pastes as written after all. */
  countPastes: boolean;
  /** IANA zone (`Europe/Berlin`) the writer's days follow; '' for the computer's own. */
  timeZone: string;
  /** Where the writing history is kept; '' for the editor's storage (initializationOptions.progressFile). */
  historyFile: string;
}

export interface FicSettings {
  wordCount: { method: CountMethod };
  header: { requiredFields: string[] };
  diagnostics: { levels: Record<string, DiagnosticLevel> };
  readingSpeed: number;
  goals: GoalSettings;
}

export const DEFAULT_SETTINGS: FicSettings = {
  wordCount: { method: 'whitespace' },
  header: { requiredFields: ['Title', 'Author', 'Fandom', 'Rating'] },
  diagnostics: { levels: {} },
  readingSpeed: 250,
  goals: { dailyWords: 0, dayStartsAt: '00:00', unit: 'words', pasteThreshold: 100, countPastes: false, timeZone: '', historyFile: '' },
};

// ---- goals and progress ------------------------------------------------------------------

/** A work's target from its header's Goal line, with the figures it implies today. */
export interface WorkTarget {
  target: number;
  unit: GoalUnit;
  /** `YYYY-MM-DD`, or null for a target without a date. */
  deadline: string | null;
  /** The work now, in `unit`. */
  current: number;
  remaining: number;
  /** Days after today up to the deadline (0 on the day itself and after it), or null. */
  daysLeft: number | null;
  /** What each day needs from today on: remaining ÷ (days left + 1), rounded up. */
  pace: number | null;
  /** The deadline has passed with words still to write. */
  overdue: boolean;
}

/** Progress of the work holding a document, as the status bar shows it. */
export interface ProgressSummary {
  uri: string;
  /** The work the figures are for. Until works of many chapters exist, a story's own uri. */
  work: string;
  /** The writer's today, `YYYY-MM-DD`. */
  day: string;
  unit: GoalUnit;
  /** Written today (in `unit`): pastes left out, undone writing taken back. */
  added: number;
  removed: number;
  /** Pasted today and not counted as written. */
  pasted: number;
  /** Today's goal; 0 when the daily goal is off. */
  dailyGoal: number;
  goalMet: boolean;
  /** Days in a row up to today (or up to yesterday, while today's goal is not met yet). */
  streak: number;
  target: WorkTarget | null;
}

/** One writer's day of a work, in the summary's unit. */
export interface ProgressDay {
  day: string;
  added: number;
  removed: number;
  net: number;
  pasted: number;
  /** The daily goal that day (null: none recorded or off). */
  goal: number | null;
  met: boolean;
  /** The work's size at the end of the day, when known. */
  total: number | null;
}

export interface ProgressReport {
  summary: ProgressSummary;
  /** The last 30 days, oldest first, today last. */
  days: ProgressDay[];
  /** Charts as SVG (colours from CSS classes the view styles with theme colours). */
  charts: { daily: string; work: string; streak: string };
}

export interface ProgressParams {
  textDocument: { uri: string };
}

/** Request: client -> server, ProgressParams -> ProgressSummary. */
export const ProgressRequestMethod = 'fic/progress';
/** Request: client -> server, ProgressParams -> ProgressReport (the Show Progress view). */
export const ProgressReportRequestMethod = 'fic/progressReport';
/** Request: client -> server, ProgressParams -> string: every recorded day of the work as CSV. */
export const ProgressCsvRequestMethod = 'fic/progressCsv';
/** Notification: server -> client, ProgressSummary, sent with fic/statsChanged. */
export const ProgressChangedNotificationMethod = 'fic/progressChanged';
/** Notification: client -> server, { textDocument: { uri, version }, reason: 'undo' | 'redo' }:
 * the change that made this version was an undo (or redo). Undone writing is taken back. */
export const EditReasonNotificationMethod = 'fic/editReason';
export interface EditReasonParams {
  textDocument: { uri: string; version: number };
  reason: 'undo' | 'redo';
}
