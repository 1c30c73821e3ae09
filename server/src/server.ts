// The LSP adapter: connection, open documents, settings, scheduling. No domain logic:
// every answer comes from the language service (./service). The server keeps its own
// line-based model of each open document instead of vscode-languageserver's TextDocuments,
// which would rebuild a multi-megabyte string on every keystroke.

import {
  CodeActionKind,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import {
  EditReasonNotificationMethod,
  ProgressChangedNotificationMethod,
  ProgressCsvRequestMethod,
  ProgressReportRequestMethod,
  ProgressRequestMethod,
  StatsChangedNotificationMethod,
  StatsRequestMethod,
  type EditReasonParams,
  type FicStats,
  type ProgressParams,
  type ProgressReport,
  type ProgressSummary,
  type Range,
  type StatsParams,
} from './protocol';
import { createFicService, FicSource, type Clock, type ContentChange, type Recorded } from './service';

/** Diagnostics wait for this pause in typing. */
const DIAGNOSTICS_DELAY_MS = 200;
/** fic/statsChanged is sent at most this often per document. */
const STATS_INTERVAL_MS = 100;
/** New history records reach the file within this time (what a crash can lose). */
const HISTORY_FLUSH_MS = 2000;
/** Undo versions announced ahead of their change, kept per document at most. */
const MAX_PENDING_UNDOS = 64;

interface OpenDocument {
  source: FicSource;
  diagnosticsTimer: ReturnType<typeof setTimeout> | undefined;
  statsTimer: ReturnType<typeof setTimeout> | undefined;
  lastStatsSent: number;
  /** The changes of the latest version, as recorded in the history. */
  lastRecorded: { version: number; undo: boolean; records: Recorded[] } | null;
  /** Versions the client said were undos before their change arrived. */
  undoVersions: Set<number>;
}

/** Where the writing history lives: one file of JSON lines, only ever appended to. */
export interface HistoryStore {
  /** The file's text; '' when it does not exist yet. */
  read(path: string): string;
  /** Append these lines (each ends with a newline). */
  append(path: string, lines: string): void;
}

export interface ServerOptions {
  /** Name and version reported in initialize. */
  version: string;
  /** How the history file is read and appended to; without one, history is kept in memory. */
  history?: HistoryStore;
  /** The clock and time zone (tests pass a fake); the computer's by default. */
  clock?: Clock;
}

/** The work a story belongs to. Until works of many chapters exist (service/work), a lone
 * story is a work and its uri is the work's id: this is the one place to change then. */
function workIdFor(uri: string): string {
  return uri;
}

export function startServer(connection: Connection, options: ServerOptions): void {
  const service = createFicService(undefined, options.clock ? { clock: options.clock } : {});
  const documents = new Map<string, OpenDocument>();
  /** The history file from the editor (initializationOptions.progressFile). */
  let editorHistoryFile: string | null = null;
  /** The history file in use, once read. */
  let historyFile: string | null = null;
  let historyTimer: ReturnType<typeof setTimeout> | undefined;
  let configurationCapable = false;
  let shuttingDown = false;

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

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    configurationCapable = params.capabilities.workspace?.configuration === true;
    // `{ settings: { fic } }` (Neovim's init_options convention) or `{ fic }` (Helix sends
    // its language-server `config` as it is).
    const init = params.initializationOptions as { settings?: { fic?: unknown }; fic?: unknown } | undefined;
    const initial = init?.settings?.fic ?? init?.fic;
    if (initial !== undefined) service.updateSettings(initial);
    const progressFile = (params.initializationOptions as { progressFile?: unknown } | undefined)?.progressFile;
    if (typeof progressFile === 'string' && progressFile !== '') editorHistoryFile = progressFile;
    if (!configurationCapable) useHistoryFile();
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: [':', ',', ' '], resolveProvider: false },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
      },
      serverInfo: { name: 'fic-language-server', version: options.version },
    };
  });

  connection.onInitialized(() => {
    log(`fic-language-server ${options.version} ready`);
    if (configurationCapable) void refreshSettings();
  });

  connection.onShutdown(() => {
    shuttingDown = true;
    for (const doc of documents.values()) clearTimers(doc);
    flushHistory();
  });
  connection.onExit(() => flushHistory());

  // ---- settings -----------------------------------------------------------------------

  async function refreshSettings(): Promise<void> {
    try {
      const [fic] = (await connection.workspace.getConfiguration([{ section: 'fic' }])) as unknown[];
      // Editors answer null for a section they hold nothing for (Neovim does, while its
      // users pass settings in init_options): keep what initializationOptions gave.
      if (fic !== null && fic !== undefined) service.updateSettings(fic);
    } catch (error) {
      warn(`could not read settings, keeping the current ones: ${String(error)}`);
    }
    useHistoryFile();
    revalidateAll();
  }

  connection.onDidChangeConfiguration((params) => {
    if (configurationCapable) {
      void refreshSettings();
    } else {
      // Editors without workspace/configuration push settings here instead.
      const settings = (params?.settings as { fic?: unknown } | undefined)?.fic;
      if (settings !== undefined) service.updateSettings(settings);
      useHistoryFile();
      revalidateAll();
    }
  });

  function revalidateAll(): void {
    for (const doc of documents.values()) {
      scheduleDiagnostics(doc, 0);
      scheduleStats(doc);
    }
  }

  // ---- the writing history ------------------------------------------------------------

  /** Read the history file the settings name (or the editor's), once per file. Records
   * made before it was read stay: records add up, in any order. */
  function useHistoryFile(): void {
    const store = options.history;
    const path = service.settings.goals.historyFile || editorHistoryFile;
    if (!store || !path || path === historyFile) return;
    guarded('history', undefined, () => {
      let text: string;
      try {
        text = store.read(path);
      } catch (error) {
        // Unreadable: keep counting in memory, and never append to a file that could not be read.
        warn(`could not read the writing history ${path}: ${String(error)}; keeping today's writing in memory until it can be`);
        return;
      }
      if (historyFile !== null) {
        // Another file was chosen: what the old one holds is not the new one's history.
        flushHistory();
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
      flushHistory();
    }, HISTORY_FLUSH_MS);
  }

  /** Append what was recorded since the last flush. Until a file is known (settings not
   * read yet) records wait in memory. */
  function flushHistory(): void {
    if (historyTimer) clearTimeout(historyTimer);
    historyTimer = undefined;
    const store = options.history;
    if (!store || historyFile === null || !service.progress.history.hasPending) return;
    const records = service.progress.history.takePending();
    try {
      store.append(historyFile, records.map((r) => `${JSON.stringify(r)}\n`).join(''));
    } catch (error) {
      // Kept in memory and tried again: the history must not be lost to a full disk.
      for (const r of records) service.progress.history.requeue(r);
      warn(`could not write the writing history to ${historyFile}: ${String(error)}; trying again`);
      scheduleHistoryFlush();
    }
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
      // The version comes back in every stats answer: a client's garbage must not.
      source: new FicSource(textDocument.uri, textDocument.text, Number.isFinite(textDocument.version) ? textDocument.version : 0),
      diagnosticsTimer: undefined,
      statsTimer: undefined,
      lastStatsSent: 0,
      lastRecorded: null,
      undoVersions: new Set(),
    };
    documents.set(textDocument.uri, doc);
    scheduleDiagnostics(doc, 0);
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
        // Editors clamp positions past a line's end; so does the model, but a range that
        // needed it means the client's text and ours may differ, which the log should show.
        if (change.range && !fits(doc.source.text, change.range)) {
          warn(`didChange: range ${JSON.stringify(change.range)} lies outside ${textDocument.uri} (${doc.source.text.lineCount} lines); clamped to the document`);
        }
        // Each change is measured on its own, so a paste among keystrokes stays a paste.
        const before = guarded('progress', null, () => service.progress.size(doc.source));
        doc.source.applyChanges([change], next);
        if (before) {
          const recorded = guarded('progress', null, () => service.progress.record(workIdFor(doc.source.uri), before, doc.source, undo));
          if (recorded) records.push(recorded);
        }
      }
    });
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
    flushHistory();
    void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
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
    if (doc.statsTimer) clearTimeout(doc.statsTimer);
    doc.diagnosticsTimer = undefined;
    doc.statsTimer = undefined;
  }

  // ---- pushed results -----------------------------------------------------------------

  function scheduleDiagnostics(doc: OpenDocument, delay: number): void {
    if (doc.diagnosticsTimer) clearTimeout(doc.diagnosticsTimer);
    doc.diagnosticsTimer = setTimeout(() => {
      doc.diagnosticsTimer = undefined;
      if (shuttingDown || documents.get(doc.source.uri) !== doc) return;
      const diagnostics = guarded('diagnostics', [], () => service.diagnostics(doc.source));
      void connection.sendDiagnostics({ uri: doc.source.uri, version: doc.source.version, diagnostics });
    }, delay);
  }

  /** Coalesce: a burst of keystrokes sends one notification per interval, and the last
   * one always carries the latest version. */
  function scheduleStats(doc: OpenDocument): void {
    if (doc.statsTimer) return;
    const wait = Math.max(0, doc.lastStatsSent + STATS_INTERVAL_MS - Date.now());
    doc.statsTimer = setTimeout(() => {
      doc.statsTimer = undefined;
      if (shuttingDown || documents.get(doc.source.uri) !== doc) return;
      doc.lastStatsSent = Date.now();
      const stats = guarded('stats', null, () => service.stats(doc.source));
      if (stats) void connection.sendNotification(StatsChangedNotificationMethod, stats);
      const progress = guarded('progress', null, () => service.progress.summary(doc.source, workIdFor(doc.source.uri)));
      if (progress) void connection.sendNotification(ProgressChangedNotificationMethod, progress);
      scheduleHistoryFlush();
    }, wait);
  }

  // ---- requests -----------------------------------------------------------------------

  connection.onRequest(StatsRequestMethod, (params: StatsParams, token: CancellationToken): FicStats | ResponseError<void> => {
    const uri = params?.textDocument?.uri;
    const doc = typeof uri === 'string' ? documents.get(uri) : undefined;
    if (!doc) {
      warn(`fic/stats: refused, ${String(uri)} is not an open document`);
      return new ResponseError(ErrorCodes.InvalidParams, `fic/stats: ${String(uri)} is not an open document`);
    }
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

  /** The open story a progress request is about, or the error to answer with. */
  function progressDoc(method: string, params: ProgressParams): OpenDocument | ResponseError<void> {
    const uri = params?.textDocument?.uri;
    const doc = typeof uri === 'string' ? documents.get(uri) : undefined;
    if (doc) return doc;
    warn(`${method}: refused, ${String(uri)} is not an open document`);
    return new ResponseError(ErrorCodes.InvalidParams, `${method}: ${String(uri)} is not an open document`);
  }

  function progressAnswer<T>(method: string, params: ProgressParams, answer: (doc: OpenDocument) => T): T | ResponseError<void> {
    const doc = progressDoc(method, params);
    if (doc instanceof ResponseError) return doc;
    try {
      return answer(doc);
    } catch (error) {
      connection.console.error(`${method} failed: ${String(error)}`);
      return new ResponseError(ErrorCodes.InternalError, `${method} failed: ${String(error)}`);
    }
  }

  connection.onRequest(ProgressRequestMethod, (params: ProgressParams): ProgressSummary | ResponseError<void> =>
    progressAnswer(ProgressRequestMethod, params, (doc) => service.progress.summary(doc.source, workIdFor(doc.source.uri))),
  );
  connection.onRequest(ProgressReportRequestMethod, (params: ProgressParams): ProgressReport | ResponseError<void> =>
    progressAnswer(ProgressReportRequestMethod, params, (doc) => service.progress.report(doc.source, workIdFor(doc.source.uri))),
  );
  connection.onRequest(ProgressCsvRequestMethod, (params: ProgressParams): string | ResponseError<void> =>
    progressAnswer(ProgressCsvRequestMethod, params, (doc) => service.progress.csv(doc.source, workIdFor(doc.source.uri))),
  );

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
    return guarded('codeAction', null, () => service.codeActions(doc.source, params.range, diagnostics));
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
