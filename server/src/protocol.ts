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
  /** The first line where completion offers nothing: the lines above it are the header,
   * the blank line after it where a next field can begin, or, before there is a header,
   * the first lines where one may be being started. A client that opens suggestions itself
   * (`triggersCompletion`) does so only above this line. */
  completionEndLine: number;
  /** The work this chapter belongs to; a lone story (or one outside the workspace) is a
   * work of one chapter. */
  work: WorkFigures;
}

/** What the status bar needs of the work around a chapter. */
export interface WorkFigures {
  id: string;
  title: string;
  /** The work's total by `method`: the sum of its chapters' body words. */
  words: number;
  wordsByMethod: WordsByMethod;
  /** Chapters present, and this chapter's place among them (1-based). */
  chapters: number;
  position: number;
  declaredChapters: number | null;
}

/** Request: client -> server. */
export const StatsRequestMethod = 'fic/stats';
/** Notification: server -> client, same shape as FicStats with `selections` empty. At most
 * one every 100 ms per document, always ending with the figures of the latest version. */
export const StatsChangedNotificationMethod = 'fic/statsChanged';

/** A work: the `.fic` files of one folder that belong together (same Title, chapter
 * numbers, or numbered file names), in reading order. A lone story is a work of one. */
export interface Work {
  /** Stable while the work keeps its folder and title. */
  id: string;
  title: string;
  /** The folder's uri. */
  folder: string;
  /** The sum of the chapters' body words by the configured method. */
  words: number;
  wordsByMethod: WordsByMethod;
  /** The total the chapters declare (`Chapter: 3/10` -> 10), or null when unknown (`3/?`). */
  declaredChapters: number | null;
  /** The first chapter's Status as written (`Complete`, `WIP`), or null. */
  status: string | null;
  /** The first chapter's Rating as written, or null. */
  rating: string | null;
  chapters: WorkChapter[];
}

export interface WorkChapter {
  uri: string;
  /** The chapter's number: its `Chapter:` number, else its place in the work. */
  number: number;
  /** Its Chapter Title, else the title of the chapter heading that opens its text (the one
   * the AO3 form posts as its Chapter Title: `Chapter 3: The Lighthouse` -> `The Lighthouse`),
   * else the work's title for a one-chapter work, else the file name. */
  title: string;
  words: number;
  wordsByMethod: WordsByMethod;
}

export interface WorksParams {
  /** Only the work holding this chapter; all works when absent. */
  uri?: string;
}
export interface WorksResult {
  works: Work[];
}

/** fic/worksChanged. `folders` is there only for a client that asked for it
 * (FicInitializationOptions.worksByFolder): then `works` holds just the works of those
 * folders, which replace every work the client holds in them (none left: the folder has
 * no works now). Without `folders`, `works` is every work, as in fic/works. */
export interface WorksChangedParams extends WorksResult {
  folders?: string[];
}

/** Request: client -> server, WorksParams -> WorksResult. */
export const WorksRequestMethod = 'fic/works';
/** Notification: server -> client, WorksChangedParams: every work, or to a client that
 * asked only the works of the folders that changed; sent when works change (a file saved,
 * added, deleted; typing in a chapter), at most one every 500 ms. */
export const WorksChangedNotificationMethod = 'fic/worksChanged';
/** Request: server -> client, `{}` -> string[]: the uris of every `*.fic` file in the
 * workspace, the editor's excluded files (`files.exclude`) left out. */
export const FindFilesRequestMethod = 'fic/findFiles';
/** Request: server -> client, `{ uri }` -> the file's text, or null when it cannot be read. */
export const ReadFileRequestMethod = 'fic/readFile';
export interface ReadFileParams {
  uri: string;
}

/** Request: server -> client, HistoryReadParams -> the writing history's text ('' when
 * there is none yet). The web server has no file system: the client keeps the history
 * (`initializationOptions.progressFile` is then a uri in the editor's storage). */
export const HistoryReadRequestMethod = 'fic/history/read';
export interface HistoryReadParams {
  file: string;
}
/** Request: server -> client, HistoryAppendParams -> null once the lines are kept. Only
 * ever adds to the end (a torn last line gets a line break first); never a story file. */
export const HistoryAppendRequestMethod = 'fic/history/append';
export interface HistoryAppendParams {
  file: string;
  /** JSON lines, each ending with a newline. */
  lines: string;
}

/** `initializationOptions.fileRequests: true` tells the server that the client answers
 * fic/findFiles and fic/readFile, and that the server should list (and, where it has no
 * file system, read) the workspace's stories through them. */
export interface FicInitializationOptions {
  fileRequests?: boolean;
  /** Commands the client can run, offered in quick fixes (SET_WORD_COUNT_METHOD_COMMAND). */
  clientCommands?: string[];
  settings?: { fic?: unknown };
  fic?: unknown;
  /** Where the writing history is kept when `fic.goals.historyFile` is empty (the editor's storage). */
  progressFile?: string;
  /** The client opens suggestions itself when `:` or `,` is typed above
   * FicStats.completionEndLine (VS Code's does): the server then advertises no trigger
   * characters to it, so that no comma or colon typed in the body costs the editor a
   * completion round. Other clients keep the trigger characters. */
  triggersCompletion?: boolean;
  /** fic/worksChanged may carry only the works of the folders that changed, with their
   * `folders` (WorksChangedParams): a keystroke in one chapter then sends one work, not
   * all of them. */
  worksByFolder?: boolean;
}

/** Settings, section `fic`. Every field is optional on the wire; the server fills defaults. */
export type DiagnosticLevel = 'error' | 'warning' | 'information' | 'hint' | 'off';

/** How a scene break reaches AO3: a horizontal rule, a centred `* * *`, or the writer's
 * own line, centred. */
export type SceneBreakStyle = 'rule' | 'stars' | 'asWritten';
export const SCENE_BREAK_STYLES: readonly SceneBreakStyle[] = ['rule', 'stars', 'asWritten'];
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
  ao3: { sceneBreak: SceneBreakStyle; language: string };
  goals: GoalSettings;
}

export const DEFAULT_SETTINGS: FicSettings = {
  wordCount: { method: 'whitespace' },
  header: { requiredFields: ['Title', 'Author', 'Fandom', 'Rating'] },
  diagnostics: { levels: {} },
  readingSpeed: 250,
  ao3: { sceneBreak: 'rule', language: 'English' },
  goals: { dailyWords: 0, dayStartsAt: '00:00', unit: 'words', pasteThreshold: 100, countPastes: false, timeZone: '', historyFile: '' },
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

// ---------------------------------------------------------------------------------------
// AO3: a story as AO3's Post New Work form takes it (`fic export --ao3 --json`, fic/ao3Form).

/** The work-level fields of AO3's form. Summary and notes are HTML; the rest plain text. */
export interface Ao3Fields {
  title: string;
  rating: string;
  warnings: string[];
  categories: string[];
  fandoms: string[];
  relationships: string[];
  characters: string[];
  additionalTags: string[];
  summary: string;
  notes: string;
  endNotes: string;
  language: string;
}

export interface Ao3Chapter {
  number: number;
  /** The expected number of chapters; null for `?`. */
  of: number | null;
  title: string;
  summary: string;
  notes: string;
  endNotes: string;
  /** The chapter text for AO3's HTML mode. */
  html: string;
  /** AO3's count of `html`. */
  words: number;
}

/** Something AO3 would refuse, or change, said in a writer's words. Whether AO3 refuses
 * it follows from the code alone (ao3Refuses). */
export interface Ao3Problem {
  /** The form field concerned: a key of Ao3Fields, `chapterTitle`, or `chapter` (the text). */
  field: string;
  code: string;
  message: string;
}

/** The codes of what AO3 refuses to post; every other ao3-* code is a change AO3 makes. */
export const AO3_REFUSING_CODES: readonly string[] = ['ao3-missing', 'ao3-too-long', 'ao3-too-short', 'ao3-tag-character', 'ao3-too-many-tags'];

export function ao3Refuses(problem: { code: string }): boolean {
  return AO3_REFUSING_CODES.includes(problem.code);
}

export interface Ao3Work {
  fields: Ao3Fields;
  chapters: Ao3Chapter[];
  problems: Ao3Problem[];
}

/** One row of the form as the preview lays it out, in AO3's order. */
export interface Ao3FormField {
  /** A key of Ao3Fields, or `chapterNumber`, `chapterTitle`. */
  key: string;
  label: string;
  /** What to paste: plain text, a comma-separated tag list, or HTML (`html` true). */
  value: string;
  html: boolean;
  /** The tags, for list fields; null otherwise. */
  items: string[] | null;
  problems: string[];
}

export interface Ao3FormParams {
  textDocument: { uri: string };
}

export interface Ao3Form {
  uri: string;
  version: number;
  /** The work's fields (from its first chapter) and this story's one chapter, numbered in
   * its work; the problems of both. */
  work: Ao3Work;
  fields: Ao3FormField[];
  /** The chapter text as AO3 will show it: the HTML and its figures. */
  chapter: { html: string; words: number; characters: number };
  /** Every AO3 chapter of this file, in order: one for most stories, one per chapter
   * heading for a file of several. The first is `fields` and `chapter` above. */
  chapters: Ao3FormChapter[];
}

/** One AO3 chapter of the open file, with the lines it covers, so the preview can follow
 * the cursor from chapter to chapter without asking the server again. */
export interface Ao3FormChapter {
  number: number;
  /** The expected number of chapters; null for `?`. */
  of: number | null;
  title: string;
  /** The lines of the file it covers (`endLine` exclusive); together they cover the file. */
  startLine: number;
  endLine: number;
  /** The form as it is filled in to post this chapter. */
  fields: Ao3FormField[];
  html: string;
  words: number;
  characters: number;
}

/** Request: client -> server, the open story as AO3's form. */
export const Ao3FormRequestMethod = 'fic/ao3Form';

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
  /** The id of the work the story is a chapter of (the works' id, fic/works). */
  work: string;
  workTitle: string;
  /** The work's chapters. */
  chapters: number;
  /** Today in this work's chapters (in `unit`). */
  inWork: { added: number; removed: number; pasted: number };
  /** The writer's today, `YYYY-MM-DD`. */
  day: string;
  unit: GoalUnit;
  /** Written today in every work (in `unit`), which the daily goal is about: pastes left
   * out, undone writing taken back. */
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

/** One writer's day of a work, in the summary's unit: added, removed, net, pasted and
 * total are the work's; written, goal and met the writer's (every work). */
export interface ProgressDay {
  day: string;
  added: number;
  removed: number;
  net: number;
  pasted: number;
  /** Written that day in every work. */
  written: number;
  /** The daily goal that day (null: none recorded or off). */
  goal: number | null;
  met: boolean;
  /** The work's size at the end of the day, when known. */
  total: number | null;
}

export interface ProgressReport {
  summary: ProgressSummary;
  /** The work's last 30 days, oldest first, today last. */
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
