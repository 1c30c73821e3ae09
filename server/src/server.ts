// The LSP adapter: connection, open documents, settings, scheduling. No domain logic:
// every answer comes from the language service (./service). The server keeps its own
// line-based model of each open document instead of vscode-languageserver's TextDocuments,
// which would rebuild a multi-megabyte string on every keystroke.

import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import {
  Ao3FormRequestMethod,
  EditReasonNotificationMethod,
  FIX_ALL_KIND,
  ProgressChangedNotificationMethod,
  ProgressCsvRequestMethod,
  ProgressReportRequestMethod,
  ProgressRequestMethod,
  StatsChangedNotificationMethod,
  StatsRequestMethod,
  WorksChangedNotificationMethod,
  WorksRequestMethod,
  type Ao3Form,
  type Ao3FormParams,
  type EditReasonParams,
  type FicInitializationOptions,
  type FicStats,
  type ProgressParams,
  type ProgressReport,
  type ProgressSummary,
  type Range,
  type StatsParams,
  type WorksParams,
  type WorksChangedParams,
  type WorksResult,
} from './protocol';
import {
  byteCounter,
  createFicService,
  FicSource,
  formatCount,
  MemoryWorkspace,
  type Clock,
  type ContentChange,
  type FicService,
  type FileChange,
  type IFicWorkspace,
  type Recorded,
} from './service';
import { warmUp } from './service/warmUp';

/** Diagnostics wait for this pause in typing. */
const DIAGNOSTICS_DELAY_MS = 200;
/** A new problem on the line being typed waits for this longer pause: `Te` on the way to
 * `Teen` is not a mistake yet. */
const EDITED_LINE_DELAY_MS = 1200;
/** How long the first answers wait for the client's settings before using the defaults
 * (a client that never answers workspace/configuration). */
const SETTINGS_DEADLINE_MS = 1500;
/** fic/statsChanged is sent at most this often per document. Shorter than any writer's gap
 * between two keys (key repeat is ~33 ms), so each keystroke's figures leave at once and
 * the last of a burst never waits; only a program's flood of edits is held back. */
const STATS_INTERVAL_MS = 25;
/** The goal item's figures (fic/progressChanged) and the works' totals
 * (fic/worksChanged) change with every word typed, and each push makes VS Code redraw a
 * status item or the Fic Works tree: they wait until the writer pauses this long, so that
 * none shares a keystroke's frame with its count (the count itself leaves at once)... */
const FIGURES_QUIET_MS = 300;
/** ...but never longer than this while the writer types on. */
const FIGURES_MAX_WAIT_MS = 2000;
/** Lines stored per slice after an open (storeLines): a few ms for lines of prose. */
const STORE_LINES = 4096;
/** Watched-file events are gathered for this long after the last one, so that a
 * `git checkout` of hundreds of files is read as one batch... */
const FILE_EVENTS_QUIET_MS = 100;
/** ...but never held longer than this. */
const FILE_EVENTS_MAX_WAIT_MS = 1000;
/** New history records reach the file within this time (what a crash can lose). */
const HISTORY_FLUSH_MS = 2000;
/** Undo versions announced ahead of their change, kept per document at most. */
const MAX_PENDING_UNDOS = 64;

interface LineSpan {
  from: number;
  to: number;
}

/** Edited spans remembered one by one, before they are merged into one. */
const MAX_EDITED_SPANS = 64;

interface OpenDocument {
  source: FicSource;
  diagnosticsTimer: ReturnType<typeof setTimeout> | undefined;
  /** The full check once typing has paused long enough for the edited lines too. */
  quietTimer: ReturnType<typeof setTimeout> | undefined;
  /** Line spans [from, to] touched by edits since the last full check; null when none. */
  edited: LineSpan[] | null;
  /** The diagnostics last published, so that one already shown on an edited line stays. */
  published: Diagnostic[];
  statsTimer: ReturnType<typeof setTimeout> | undefined;
  lastStatsSent: number;
  /** The goal figures the client last got for this story (pushed or asked for), as JSON:
   * the same again is not pushed (a letter inside a word changes no word count). */
  progressSent: string | null;
  /** The goal figures' push, once typing pauses. */
  progressPause: PauseTimer;
  /** The changes of the latest version, as recorded in the history. */
  lastRecorded: { version: number; undo: boolean; records: Recorded[] } | null;
  /** Versions the client said were undos before their change arrived. */
  undoVersions: Set<number>;
  /** Just opened: the checks start once the first figures are on their way. */
  checksAfterCount: boolean;
  /** The next slice of storing the lines the open left as slices of its text. */
  storeTimer: ReturnType<typeof setTimeout> | undefined;
}

/** Where the writing history lives: one file of JSON lines, only ever appended to. The
 * Node server's file system answers at once; the web server's client answers later. */
export interface HistoryStore {
  /** The file's text; '' when it does not exist yet. */
  read(path: string): string | Promise<string>;
  /** Append these lines (each ends with a newline). */
  append(path: string, lines: string): void | Promise<void>;
}

/** The workspace the service reads other chapters through, and how the server passes on
 * the editor's watched-file events to it. */
export interface WorkspaceAdapter extends IFicWorkspace {
  fire(changes: readonly FileChange[]): void;
}

export interface WorkspaceRequest {
  /** The workspace folders' uris (none when the editor opened single files). */
  folders: string[];
  /** The client answers fic/findFiles and fic/readFile. */
  fileRequests: boolean;
  connection: Connection;
}

export interface ServerOptions {
  /** Name and version reported in initialize. */
  version: string;
  /** The platform's workspace: the file system (Node) or the editor (browser). */
  makeWorkspace?: (request: WorkspaceRequest) => WorkspaceAdapter;
  /** How the history file is read and appended to; without one, history is kept in memory. */
  history?: HistoryStore;
  /** The clock and time zone (tests pass a fake); the computer's by default. */
  clock?: Clock;
}

export function startServer(connection: Connection, options: ServerOptions): void {
  const world = options.clock ? { clock: options.clock } : {};
  // Replaced at initialize, once the workspace folders are known.
  let service: FicService = createFicService(undefined, new MemoryWorkspace(), world);
  let workspace: WorkspaceAdapter | null = null;
  const documents = new Map<string, OpenDocument>();
  /** The history file from the editor (initializationOptions.progressFile). */
  let editorHistoryFile: string | null = null;
  /** The history file in use, once read. */
  let historyFile: string | null = null;
  let historyTimer: ReturnType<typeof setTimeout> | undefined;
  let configurationCapable = false;
  /** initializationOptions carried the settings. */
  let settingsGiven = false;
  let shuttingDown = false;
  /** Settles when the latest settings request has been answered (or given up on): every
   * answer that depends on settings waits for it, so the first ones already use them. */
  let settingsReady: Promise<void> = Promise.resolve();

  const log = (message: string) => connection.console.log(message);
  const warn = (message: string) => connection.console.warn(message);

  /** Run a handler; a bug in one feature must never take the server down. */
  function guarded<T>(what: string, fallback: T, run: () => T): T {
    try {
      return run();
    } catch (error) {
      connection.console.error(`${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return fallback;
    }
  }

  function validPosition(p: unknown, what: string): boolean {
    if (isPosition(p)) return true;
    warn(`${what}: refused position ${JSON.stringify(p)?.slice(0, 200)}, which is not {line, character} numbers`);
    return false;
  }

  function validRange(r: unknown, what: string): boolean {
    if (isRange(r)) return true;
    warn(`${what}: refused range ${JSON.stringify(r)?.slice(0, 200)}, which is not a range`);
    return false;
  }

  function lookup(uri: unknown, what: string): OpenDocument | undefined {
    if (typeof uri !== 'string') {
      warn(`${what}: refused a request without a document uri`);
      return undefined;
    }
    const doc = documents.get(uri);
    if (!doc) warn(`${what}: ${uri} is not open; answering with nothing`);
    return doc;
  }

  // ---- lifecycle ----------------------------------------------------------------------

  let watchRegistrationCapable = false;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    configurationCapable = params.capabilities.workspace?.configuration === true;
    watchRegistrationCapable = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    // `{ settings: { fic } }` (Neovim's init_options convention) or `{ fic }` (Helix sends
    // its language-server `config` as it is).
    const init = (params.initializationOptions ?? undefined) as FicInitializationOptions | undefined;
    const initial = init?.settings?.fic ?? init?.fic;
    const folders = (Array.isArray(params.workspaceFolders) ? params.workspaceFolders.map((f) => f?.uri) : [params.rootUri]).filter(
      (u): u is string => typeof u === 'string',
    );
    const experimental = params.capabilities.experimental as { ficFileRequests?: unknown } | undefined;
    const fileRequests = init?.fileRequests === true || experimental?.ficFileRequests === true;
    worksByFolder = init?.worksByFolder === true;
    workspace = guarded('workspace', null, () => options.makeWorkspace?.({ folders, fileRequests, connection }) ?? null);
    service = createFicService(initial ?? service.settings, workspace ?? new MemoryWorkspace(), world);
    service.works.onDidChange((change) => worksChanged(change.folders));
    const commands = (params.initializationOptions as { clientCommands?: unknown } | undefined)?.clientCommands;
    if (Array.isArray(commands)) service.setClientCommands(commands.filter((c): c is string => typeof c === 'string'));
    // Settings the client gave here are the writer's (VS Code's client sends them): the
    // first answers need no round trip, and workspace/configuration only confirms them.
    settingsGiven = initial !== undefined && initial !== null;
    // Asked for at once, though the request can only go out after `initialized`: documents
    // opened in between wait for the answer.
    if (configurationCapable && !settingsGiven) {
      settingsReady = new Promise((resolve) => {
        releaseInitialSettings = resolve;
        // A client that never sends `initialized` still gets answers, from what it gave.
        setTimeout(resolve, 2 * SETTINGS_DEADLINE_MS);
      });
    }
    const progressFile = (params.initializationOptions as { progressFile?: unknown } | undefined)?.progressFile;
    if (typeof progressFile === 'string' && progressFile !== '') editorHistoryFile = progressFile;
    if (!configurationCapable) void useHistoryFile();
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        // Not the space: a writer types one every few keys, nearly always in the body, and
        // each would cost the editor a completion round. Values are offered after `:` and
        // `,`, and the list stays open while the space after them is typed. A client that
        // opens suggestions itself, in the header only (VS Code's), gets no trigger
        // characters: the commas and colons of the body then cost nothing.
        completionProvider: init?.triggersCompletion === true ? { resolveProvider: false } : { triggerCharacters: [':', ','], resolveProvider: false },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
      },
      serverInfo: { name: 'fic-language-server', version: options.version },
    };
  });

  connection.onInitialized(() => {
    log(`fic-language-server ${options.version} ready`);
    if (configurationCapable) {
      const release = releaseInitialSettings;
      // Settings given at initialize: the first answers wait for the writing history only
      // (read here, not in initialize: on the web reading it is a request to the client).
      if (settingsGiven) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, SETTINGS_DEADLINE_MS)));
        settingsReady = Promise.race([useHistoryFile(), deadline]).finally(() => clearTimeout(timer));
      }
      void refreshSettings(!settingsGiven).then(release);
    }
    if (watchRegistrationCapable) {
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.fic' }] })
        .catch((error: unknown) => warn(`could not watch story files; changes on disk will not be seen: ${String(error)}`));
    }
    void indexWorkspace();
  });

  async function indexWorkspace(): Promise<void> {
    if (!workspace) {
      worksReady = true;
      return;
    }
    const started = Date.now();
    try {
      await service.works.index();
    } catch (error) {
      connection.console.error(`reading the workspace failed: ${String(error)}`);
    }
    worksReady = true;
    worksChanged(new Set());
    const skipped = [...service.works.skipped];
    // Which counter read them: a host that refuses WebAssembly (a web page's content
    // policy) is slower, and this is where that shows.
    const counter = byteCounter() === 'webassembly' ? 'WebAssembly' : 'JavaScript';
    // formatCount, not toLocaleString: the first call of that sets up ICU's number
    // formats, 30 ms of the main thread just as the writer's first story may arrive.
    log(`read ${formatCount(service.works.chapterCount)} story files in ${Date.now() - started} ms (counted in ${counter})${skipped.length ? `; skipped ${skipped.length}` : ''}`);
    for (const [uri, why] of skipped.slice(0, 20)) warn(`skipped ${uri}: ${why}`);
  }

  connection.onShutdown(() => {
    shuttingDown = true;
    for (const doc of documents.values()) clearTimers(doc);
    worksPause.cancel();
    fileEventsPause.cancel();
    // The shutdown answer waits for the last records to reach the history.
    return flushHistory();
  });
  connection.onExit(() => void flushHistory());

  // ---- settings -----------------------------------------------------------------------

  let releaseInitialSettings: () => void = () => undefined;
  let settingsGeneration = 0;

  /** Ask the client for the settings; answers given meanwhile wait (up to a deadline)
   * unless `hold` is false (the settings held are already the client's). */
  function refreshSettings(hold = true): Promise<void> {
    const generation = ++settingsGeneration;
    const request = (async () => {
      const held = JSON.stringify(service.settings);
      try {
        const [fic] = (await connection.workspace.getConfiguration([{ section: 'fic' }])) as unknown[];
        // A later request is under way: its answer is the newer one.
        if (generation !== settingsGeneration) return;
        // Editors answer null for a section they hold nothing for (Neovim does, while its
        // users pass settings in init_options): keep what initializationOptions gave.
        if (fic !== null && fic !== undefined) service.updateSettings(fic);
      } catch (error) {
        warn(`could not read settings, keeping the current ones: ${String(error)}`);
      }
      await useHistoryFile();
      // Confirming what initializationOptions gave: the figures and checks made from it
      // stand, and a story just opened is not checked a second time.
      if (hold || JSON.stringify(service.settings) !== held) revalidateAll();
    })();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        warn(`the client has not answered workspace/configuration within ${SETTINGS_DEADLINE_MS} ms; answering with the settings held`);
        resolve();
      }, SETTINGS_DEADLINE_MS);
    });
    const ready = Promise.race([request, deadline]).finally(() => clearTimeout(timer));
    if (hold) settingsReady = ready;
    return ready;
  }

  connection.onDidChangeConfiguration((params) => {
    if (configurationCapable) {
      void refreshSettings();
    } else {
      // Editors without workspace/configuration push settings here instead.
      const settings = (params?.settings as { fic?: unknown } | undefined)?.fic;
      if (settings !== undefined) service.updateSettings(settings);
      void useHistoryFile();
      revalidateAll();
    }
  });

  function revalidateAll(): void {
    for (const doc of documents.values()) {
      scheduleDiagnostics(doc, 0);
      scheduleStats(doc);
    }
    // The counting method may have changed, and with it every work's total.
    if (workspace) worksChanged(new Set());
  }

  // ---- the writing history ------------------------------------------------------------

  /** The history file being read (a client's store answers later), and its reading. */
  let historyReading: string | null = null;
  let historyRead: Promise<void> = Promise.resolve();

  /** Read the history file the settings name (or the editor's), once per file. Records
   * made before it was read stay: records add up, in any order. Settles once it is read,
   * so that no figure is answered from a history half known. */
  function useHistoryFile(): Promise<void> {
    const store = options.history;
    const path = service.settings.goals.historyFile || editorHistoryFile;
    if (!store || !path || path === historyFile || path === historyReading) return historyRead;
    historyReading = path;
    let text: string | Promise<string>;
    try {
      text = store.read(path);
    } catch (error) {
      historyUnreadable(path, error);
      return Promise.resolve();
    }
    if (typeof text === 'string') {
      loadHistory(path, text);
      return Promise.resolve();
    }
    historyRead = text.then(
      (t) => loadHistory(path, t),
      (error: unknown) => historyUnreadable(path, error),
    );
    return historyRead;
  }

  function historyUnreadable(path: string, error: unknown): void {
    if (historyReading === path) historyReading = null;
    // Unreadable: keep counting in memory, and never append to a file that could not be read.
    warn(`could not read the writing history ${path}: ${error instanceof Error ? error.message : String(error)}; keeping today's writing in memory until it can be`);
  }

  function loadHistory(path: string, text: string): void {
    // Another file was chosen while this one was read: that one wins.
    if (historyReading !== path) return;
    historyReading = null;
    guarded('history', undefined, () => {
      if (historyFile !== null) {
        // Another file was chosen: what the old one holds is not the new one's history.
        void flushHistory();
        service.progress.history.clear();
      }
      historyFile = path;
      const { records, skipped } = service.progress.history.load(text);
      log(`writing history: ${records} records from ${path}${skipped ? `, ${skipped} unreadable lines skipped` : ''}`);
      scheduleHistoryFlush();
    });
  }

  function scheduleHistoryFlush(): void {
    if (historyTimer || !service.progress.history.hasPending) return;
    historyTimer = setTimeout(() => {
      historyTimer = undefined;
      void flushHistory();
    }, HISTORY_FLUSH_MS);
  }

  /** An append a client's store has not confirmed yet: the next waits for it, so records
   * reach the file in the order they were taken. */
  let historyAppending: Promise<void> | null = null;

  /** Append what was recorded since the last flush. Until a file is known (settings not
   * read yet) records wait in memory. A file store appends at once (a server about to
   * exit loses nothing); a client's store settles later. */
  function flushHistory(): Promise<void> {
    if (historyTimer) clearTimeout(historyTimer);
    historyTimer = undefined;
    if (historyAppending) return historyAppending.then(() => flushHistory());
    const store = options.history;
    const file = historyFile;
    if (!store || file === null || !service.progress.history.hasPending) return Promise.resolve();
    const records = service.progress.history.takePending();
    const failed = (error: unknown) => {
      // Kept in memory and tried again: the history must not be lost to a full disk.
      for (const r of records) service.progress.history.requeue(r);
      warn(`could not write the writing history to ${file}: ${error instanceof Error ? error.message : String(error)}; trying again`);
      scheduleHistoryFlush();
    };
    let written: void | Promise<void>;
    try {
      written = store.append(file, records.map((r) => `${JSON.stringify(r)}\n`).join(''));
    } catch (error) {
      failed(error);
      return Promise.resolve();
    }
    if (!(written instanceof Promise)) return Promise.resolve();
    const appending: Promise<void> = written.then(() => undefined, failed).finally(() => {
      if (historyAppending === appending) historyAppending = null;
    });
    historyAppending = appending;
    return appending;
  }

  // ---- documents ----------------------------------------------------------------------

  connection.onDidOpenTextDocument(({ textDocument }) => {
    if (typeof textDocument?.uri !== 'string' || typeof textDocument.text !== 'string') {
      warn('didOpen: refused a document without uri or text');
      return;
    }
    const existing = documents.get(textDocument.uri);
    if (existing) clearTimers(existing);
    const doc: OpenDocument = {
      // The version comes back in every stats answer: a client's garbage must not. Its
      // lines are stored after the first figures are sent (storeLines), not before them.
      source: new FicSource(textDocument.uri, textDocument.text, Number.isFinite(textDocument.version) ? textDocument.version : 0, { storeLater: true }),
      diagnosticsTimer: undefined,
      quietTimer: undefined,
      edited: null,
      published: [],
      statsTimer: undefined,
      lastStatsSent: 0,
      progressSent: null,
      progressPause: new PauseTimer(FIGURES_QUIET_MS, FIGURES_MAX_WAIT_MS),
      lastRecorded: null,
      undoVersions: new Set(),
      checksAfterCount: true,
      storeTimer: undefined,
    };
    documents.set(textDocument.uri, doc);
    guarded('works', undefined, () => service.works.open(doc.source));
    // The count first: the writer looks for it the moment the story opens. The checks
    // wait for it (scheduleStats starts them).
    scheduleStats(doc);
  });

  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    const doc = lookup(textDocument?.uri, 'didChange');
    if (!doc) return;
    if (!Array.isArray(contentChanges)) {
      warn(`didChange: refused a change without contentChanges for ${textDocument.uri}`);
      return;
    }
    const changes: ContentChange[] = [];
    for (const change of contentChanges) {
      // All or nothing: applying part of a batch would leave a text the client never had.
      const fields = (change !== null && typeof change === 'object' ? change : {}) as { text?: unknown; range?: unknown };
      if (typeof fields.text !== 'string' || (fields.range !== undefined && !isRange(fields.range))) {
        warn(`didChange: refused a malformed change for ${textDocument.uri} (${JSON.stringify(change).slice(0, 200)}); no change of this batch was applied`);
        return;
      }
      changes.push(change);
    }
    let version = textDocument.version;
    if (typeof version !== 'number' || !Number.isFinite(version)) {
      warn(`didChange: ${textDocument.uri} came without a version; counting on from ${doc.source.version}`);
      version = doc.source.version + 1;
    } else if (version <= doc.source.version) {
      // Out-of-order versions are a client bug; the changes still describe the client's
      // text, so they are applied, and the log says so.
      warn(`didChange: version ${version} for ${textDocument.uri} is not newer than ${doc.source.version}`);
    }
    const next = version;
    const undo = doc.undoVersions.delete(next);
    const records: Recorded[] = [];
    guarded('didChange', undefined, () => {
      for (const change of changes) {
        noteEdited(doc, change);
        // Editors clamp positions past a line's end; so does the model, but a range that
        // needed it means the client's text and ours may differ, which the log should show.
        if (change.range && !fits(doc.source.text, change.range)) {
          warn(`didChange: range ${JSON.stringify(change.range)} lies outside ${textDocument.uri} (${doc.source.text.lineCount} lines); clamped to the document`);
        }
        // Each change is measured on its own, so a paste among keystrokes stays a paste.
        const before = guarded('progress', null, () => service.progress.size(doc.source));
        doc.source.applyChanges([change], next);
        if (before) {
          const recorded = guarded('progress', null, () => service.progress.record(before, doc.source, undo));
          if (recorded) records.push(recorded);
        }
      }
    });
    guarded('works', false, () => service.works.edited(doc.source));
    doc.lastRecorded = { version: next, undo, records };
    scheduleHistoryFlush();
    scheduleStats(doc);
    scheduleDiagnostics(doc, DIAGNOSTICS_DELAY_MS);
  });

  connection.onDidCloseTextDocument(({ textDocument }) => {
    const doc = lookup(textDocument?.uri, 'didClose');
    if (!doc) return;
    clearTimers(doc);
    documents.delete(textDocument.uri);
    void flushHistory();
    void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
    service.works.close(textDocument.uri).catch((error: unknown) => warn(`works: ${String(error)}`));
  });

  // ---- works --------------------------------------------------------------------------

  let pendingFileChanges: FileChange[] = [];
  const fileEventsPause = new PauseTimer(FILE_EVENTS_QUIET_MS, FILE_EVENTS_MAX_WAIT_MS);

  connection.onDidChangeWatchedFiles((params) => {
    const changes = Array.isArray(params?.changes) ? params.changes : [];
    for (const c of changes) {
      if (typeof c?.uri !== 'string') continue;
      const type = c.type === FileChangeType.Created ? 'created' : c.type === FileChangeType.Deleted ? 'deleted' : 'changed';
      pendingFileChanges.push({ uri: c.uri, type });
    }
    if (pendingFileChanges.length === 0) return;
    fileEventsPause.hold(() => {
      const batch = pendingFileChanges;
      pendingFileChanges = [];
      if (!shuttingDown) guarded('file changes', undefined, () => workspace?.fire(batch));
    });
  });

  const worksPause = new PauseTimer(FIGURES_QUIET_MS, FIGURES_MAX_WAIT_MS);
  /** Until the workspace is read, a list of works would be a partial one. */
  let worksReady = false;
  /** The client takes the works of the changed folders only (worksByFolder). */
  let worksByFolder = false;
  /** Folders whose works changed since the last fic/worksChanged; null: all of them. */
  let unsentFolders: Set<string> | null = null;

  /** Works changed in these folders: their open chapters' figures and checks are
   * refreshed, and the client hears of the works once the changes pause. */
  function worksChanged(folders: ReadonlySet<string>): void {
    for (const doc of documents.values()) {
      const summary = service.works.summary(doc.source.uri);
      if (summary && folders.has(summary.folder)) {
        scheduleStats(doc);
        scheduleDiagnostics(doc, DIAGNOSTICS_DELAY_MS);
      }
    }
    // No folder named: every work may have changed (the first reading, the counting method).
    if (folders.size === 0 || !worksReady) unsentFolders = null;
    else if (unsentFolders) for (const f of folders) unsentFolders.add(f);
    if (shuttingDown || !worksReady) return;
    // Every work at once (the first reading, the counting method) goes at once: no typing
    // made it.
    worksPause.hold(() => {
      // Files still to be read (a checkout arriving in parts): their batch ends with a
      // change of its own, which sends the works once for all of them.
      if (shuttingDown || service.works.busy || pendingFileChanges.length > 0) return;
      const changed = worksByFolder ? unsentFolders : null;
      unsentFolders = new Set();
      const all = guarded('works', null, () => service.listWorks());
      if (!all) return;
      const params: WorksChangedParams = changed ? { works: all.filter((w) => changed.has(w.folder)), folders: [...changed] } : { works: all };
      void connection.sendNotification(WorksChangedNotificationMethod, params);
    }, unsentFolders === null);
  }

  connection.onRequest(WorksRequestMethod, async (params: WorksParams | null): Promise<WorksResult | ResponseError<void>> => {
    const uri = params?.uri;
    if (uri !== undefined && typeof uri !== 'string') {
      return new ResponseError(ErrorCodes.InvalidParams, 'fic/works: uri must be a string when given');
    }
    // The first answer is the whole workspace, not the part read so far.
    await (service.works.indexed ?? service.works.index()).catch(() => undefined);
    try {
      return { works: service.listWorks(uri) };
    } catch (error) {
      connection.console.error(`fic/works failed: ${String(error)}`);
      return new ResponseError(ErrorCodes.InternalError, `fic/works failed: ${String(error)}`);
    }
  });

  connection.onNotification(EditReasonNotificationMethod, (params: EditReasonParams) => {
    const uri = params?.textDocument?.uri;
    const version = params?.textDocument?.version;
    const doc = typeof uri === 'string' ? documents.get(uri) : undefined;
    if (!doc || typeof version !== 'number' || params.reason !== 'undo') return;
    const last = doc.lastRecorded;
    if (last && last.version === version) {
      // The change came first (the usual order): record it again as what it was.
      if (last.undo) return;
      last.undo = true;
      last.records = guarded('progress', last.records, () => last.records.map((r) => service.progress.reclassifyAsUndo(r)));
      scheduleHistoryFlush();
      scheduleStats(doc);
    } else if (version > doc.source.version && doc.undoVersions.size < MAX_PENDING_UNDOS) {
      doc.undoVersions.add(version);
    }
  });

  function clearTimers(doc: OpenDocument): void {
    if (doc.diagnosticsTimer) clearTimeout(doc.diagnosticsTimer);
    if (doc.quietTimer) clearTimeout(doc.quietTimer);
    if (doc.statsTimer) clearTimeout(doc.statsTimer);
    if (doc.storeTimer) clearTimeout(doc.storeTimer);
    doc.progressPause.cancel();
    doc.diagnosticsTimer = undefined;
    doc.quietTimer = undefined;
    doc.statsTimer = undefined;
    doc.storeTimer = undefined;
  }

  /** Store the lines an open left as slices of its text, a few thousand at a time (a few
   * ms), the editor's messages let in between; then the text itself is let go (a story
   * with curly quotes is held at two bytes a character until then). */
  function scheduleStoring(doc: OpenDocument): void {
    if (doc.storeTimer || !doc.source.text.unstored) return;
    doc.storeTimer = setTimeout(() => {
      doc.storeTimer = undefined;
      if (shuttingDown || documents.get(doc.source.uri) !== doc) return;
      if (!doc.source.text.storeLines(STORE_LINES)) scheduleStoring(doc);
    }, 0);
  }

  /** Add a change's lines to the edited ones, shifting those below it. */
  function noteEdited(doc: OpenDocument, change: ContentChange): void {
    if (!change.range) {
      doc.edited = null;
      return;
    }
    const from = Math.max(0, change.range.start.line);
    const removed = Math.max(0, change.range.end.line - from);
    const added = (change.text.match(/\r\n|\r|\n/g) ?? []).length;
    const to = from + added;
    const shift = (line: number) => (line > from + removed ? line - removed + added : Math.min(line, to));
    const spans = (doc.edited ?? []).map((s) => ({ from: shift(s.from), to: shift(s.to) }));
    spans.push({ from, to });
    // Many edits at once (a find-and-replace): one span holds them all.
    doc.edited = spans.length > MAX_EDITED_SPANS ? [{ from: Math.min(...spans.map((s) => s.from)), to: Math.max(...spans.map((s) => s.to)) }] : spans;
  }

  // ---- pushed results -----------------------------------------------------------------

  /** After a short pause, the checks of the whole document, except that a problem new on
   * a line being typed waits for a longer pause (quiet while typing); with delay 0 (open,
   * new settings) everything at once. */
  function scheduleDiagnostics(doc: OpenDocument, delay: number): void {
    if (doc.diagnosticsTimer) clearTimeout(doc.diagnosticsTimer);
    if (doc.quietTimer) clearTimeout(doc.quietTimer);
    doc.quietTimer = undefined;
    if (delay === 0) doc.edited = null;
    doc.diagnosticsTimer = setTimeout(() => {
      doc.diagnosticsTimer = undefined;
      void settingsReady.then(() => publishDiagnostics(doc, doc.edited));
    }, delay);
    if (doc.edited) {
      doc.quietTimer = setTimeout(() => {
        doc.quietTimer = undefined;
        doc.edited = null;
        void settingsReady.then(() => publishDiagnostics(doc, null));
      }, EDITED_LINE_DELAY_MS);
    }
  }

  function publishDiagnostics(doc: OpenDocument, held: readonly LineSpan[] | null): void {
    if (shuttingDown || documents.get(doc.source.uri) !== doc) return;
    let diagnostics = guarded('diagnostics', [], () => service.diagnostics(doc.source));
    if (held) {
      const onHeld = (d: Diagnostic) => held.some((s) => d.range.start.line <= s.to && d.range.end.line >= s.from);
      // Keep one already shown there (same code): it is not news, and hiding it would flicker.
      const shown = new Set(doc.published.filter(onHeld).map((d) => String(d.code)));
      diagnostics = diagnostics.filter((d) => !onHeld(d) || shown.has(String(d.code)));
    }
    doc.published = diagnostics;
    void connection.sendDiagnostics({ uri: doc.source.uri, version: doc.source.version, diagnostics });
  }

  /** Coalesce: a burst of keystrokes sends one notification per interval, and the last
   * one always carries the latest version. */
  function scheduleStats(doc: OpenDocument): void {
    if (doc.statsTimer) return;
    const wait = Math.max(0, doc.lastStatsSent + STATS_INTERVAL_MS - Date.now());
    doc.statsTimer = setTimeout(() => {
      void settingsReady.then(() => {
        doc.statsTimer = undefined;
        if (shuttingDown || documents.get(doc.source.uri) !== doc) return;
        doc.lastStatsSent = Date.now();
        const stats = guarded('stats', null, () => service.stats(doc.source));
        if (stats) void connection.sendNotification(StatsChangedNotificationMethod, stats);
        scheduleProgress(doc);
        scheduleHistoryFlush();
        // The connection writes in a later turn of the event loop; a 0 ms timer set now
        // fires after that write, where one set at open fired before it and held the first
        // figures back for the whole check of the story (40 ms at a million words).
        if (doc.checksAfterCount) {
          doc.checksAfterCount = false;
          scheduleDiagnostics(doc, 0);
          scheduleStoring(doc);
        }
      });
    }, wait);
  }

  /** The goal item's figures: a story's first ones once its count is written (the
   * connection writes in a later turn of the event loop: the first summary of a session
   * reads the time zone and the history, and held the first count back by 15 ms); later
   * ones once typing pauses. */
  function scheduleProgress(doc: OpenDocument): void {
    doc.progressPause.hold(() => {
      if (shuttingDown || documents.get(doc.source.uri) !== doc) return;
      const progress = guarded('progress', null, () => service.progress.summary(doc.source));
      if (!progress || !changedProgress(doc, progress)) return;
      void connection.sendNotification(ProgressChangedNotificationMethod, progress);
    }, doc.progressSent === null);
  }

  // ---- requests -----------------------------------------------------------------------

  connection.onRequest(StatsRequestMethod, async (params: StatsParams, token: CancellationToken): Promise<FicStats | ResponseError<void>> => {
    await settingsReady;
    const doc = openDocument(StatsRequestMethod, params);
    if (doc instanceof ResponseError) return doc;
    if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, "fic/stats: cancelled");
    const ranges = Array.isArray(params.ranges) ? params.ranges : undefined;
    // A dropped range would shift every later count onto the wrong selection: refuse instead.
    const bad = ranges?.findIndex((r) => !isRange(r)) ?? -1;
    if (bad >= 0) {
      warn(`fic/stats: refused ranges[${bad}] = ${JSON.stringify(ranges?.[bad]).slice(0, 200)}, which is not a range`);
      return new ResponseError(ErrorCodes.InvalidParams, `fic/stats: ranges[${bad}] is not a range`);
    }
    try {
      return service.stats(doc.source, ranges);
    } catch (error) {
      connection.console.error(`fic/stats failed: ${String(error)}`);
      return new ResponseError(ErrorCodes.InternalError, `fic/stats failed: ${String(error)}`);
    }
  });

  connection.onRequest(Ao3FormRequestMethod, async (params: Ao3FormParams, token: CancellationToken): Promise<Ao3Form | ResponseError<void>> => {
    const doc = openDocument(Ao3FormRequestMethod, params);
    if (doc instanceof ResponseError) return doc;
    if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'fic/ao3Form: cancelled');
    try {
      // A later chapter reads its work's first chapter through the workspace.
      return await service.ao3Form(doc.source);
    } catch (error) {
      connection.console.error(`fic/ao3Form failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return new ResponseError(ErrorCodes.InternalError, `fic/ao3Form failed: ${String(error)}`);
    }
  });

  /** The open story a request is about, or the error to answer with. */
  function openDocument(method: string, params: { textDocument?: { uri?: unknown } } | undefined): OpenDocument | ResponseError<void> {
    const uri = params?.textDocument?.uri;
    const doc = typeof uri === 'string' ? documents.get(uri) : undefined;
    if (doc) return doc;
    warn(`${method}: refused, ${String(uri)} is not an open document`);
    return new ResponseError(ErrorCodes.InvalidParams, `${method}: ${String(uri)} is not an open document`);
  }

  function progressAnswer<T>(method: string, params: ProgressParams, answer: (doc: OpenDocument) => T): T | ResponseError<void> {
    const doc = openDocument(method, params);
    if (doc instanceof ResponseError) return doc;
    try {
      return answer(doc);
    } catch (error) {
      connection.console.error(`${method} failed: ${String(error)}`);
      return new ResponseError(ErrorCodes.InternalError, `${method} failed: ${String(error)}`);
    }
  }

  // Like fic/stats, progress waits for the settings: the history file is read once they
  // are known (it may be named there), and a figure before that would be a wrong 0.
  connection.onRequest(ProgressRequestMethod, async (params: ProgressParams): Promise<ProgressSummary | ResponseError<void>> => {
    await settingsReady;
    return progressAnswer(ProgressRequestMethod, params, (doc) => {
      const summary = service.progress.summary(doc.source);
      changedProgress(doc, summary);
      return summary;
    });
  });

  /** Notes `summary` as what the client now has for `doc`; false when it already had it. */
  function changedProgress(doc: OpenDocument, summary: ProgressSummary): boolean {
    const key = JSON.stringify(summary);
    if (key === doc.progressSent) return false;
    doc.progressSent = key;
    return true;
  }
  connection.onRequest(ProgressReportRequestMethod, async (params: ProgressParams): Promise<ProgressReport | ResponseError<void>> => {
    await settingsReady;
    return progressAnswer(ProgressReportRequestMethod, params, (doc) => service.progress.report(doc.source));
  });
  connection.onRequest(ProgressCsvRequestMethod, async (params: ProgressParams): Promise<string | ResponseError<void>> => {
    await settingsReady;
    return progressAnswer(ProgressCsvRequestMethod, params, (doc) => service.progress.csv(doc.source));
  });

  connection.onCompletion((params, token) => {
    const doc = lookup(params?.textDocument?.uri, 'completion');
    if (!doc || token.isCancellationRequested || !validPosition(params.position, 'completion')) return null;
    return guarded('completion', null, () => service.completion(doc.source, params.position));
  });

  connection.onHover((params, token) => {
    const doc = lookup(params?.textDocument?.uri, 'hover');
    if (!doc || token.isCancellationRequested || !validPosition(params.position, 'hover')) return null;
    return guarded('hover', null, () => service.hover(doc.source, params.position));
  });

  connection.onCodeAction((params, token) => {
    const doc = lookup(params?.textDocument?.uri, 'codeAction');
    if (!doc || token.isCancellationRequested || !validRange(params.range, 'codeAction')) return null;
    const diagnostics = Array.isArray(params.context?.diagnostics) ? params.context.diagnostics : [];
    const only = Array.isArray(params.context?.only) ? params.context.only.filter((k): k is string => typeof k === 'string') : undefined;
    return guarded('codeAction', null, () => service.codeActions(doc.source, params.range, diagnostics, only));
  });

  connection.onDocumentSymbol((params, token) => {
    const doc = lookup(params?.textDocument?.uri, 'documentSymbol');
    if (!doc || token.isCancellationRequested) return null;
    return guarded('documentSymbol', null, () => service.symbols(doc.source));
  });

  connection.onFoldingRanges((params, token) => {
    const doc = lookup(params?.textDocument?.uri, 'foldingRange');
    if (!doc || token.isCancellationRequested) return null;
    return guarded('foldingRange', null, () => service.folding(doc.source));
  });

  connection.listen();
  // While the editor prepares its side (VS Code: 100-450 ms before `initialize`), once.
  setTimeout(() => guarded('warm-up', null, warmUp), 0);
}

/** Runs a task once changes pause: `quietMs` after the latest `hold`, but never later than
 * `maxWaitMs` after the first one it held back. */
class PauseTimer {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private heldSince = 0;

  constructor(
    private readonly quietMs: number,
    private readonly maxWaitMs: number,
  ) {}

  /** `run` (replacing any task held) once the changes pause; at once, in a later turn of
   * the event loop, when `now`. */
  hold(run: () => void, now = false): void {
    const at = Date.now();
    if (this.timer) clearTimeout(this.timer);
    else this.heldSince = at;
    const wait = now ? 0 : Math.min(this.quietMs, Math.max(0, this.heldSince + this.maxWaitMs - at));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      run();
    }, wait);
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

function isPosition(p: unknown): p is { line: number; character: number } {
  const q = p as { line?: unknown; character?: unknown } | null;
  return !!q && typeof q.line === 'number' && typeof q.character === 'number' && Number.isFinite(q.line) && Number.isFinite(q.character);
}

/** Whether a range lies inside the text as it is, start before end. */
function fits(text: FicSource['text'], r: Range): boolean {
  const inside = (p: Range['start']) =>
    Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.line < text.lineCount && p.character >= 0 && p.character <= text.lineAt(p.line).length;
  const ordered = r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character);
  return inside(r.start) && inside(r.end) && ordered;
}

function isRange(r: unknown): r is Range {
  const q = r as { start?: unknown; end?: unknown } | null;
  return !!q && isPosition(q.start) && isPosition(q.end);
}
