// startClient(): everything the desktop and the web share. The two entries (node.ts,
// browser.ts) differ only in how the language server is started: they pass a factory.

import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  State,
  type BaseLanguageClient,
  type ErrorHandler,
  type LanguageClientOptions,
} from 'vscode-languageclient';
import type {
  Ao3Form,
  Ao3FormParams,
  EditReasonParams,
  FicInitializationOptions,
  FicStats,
  ProgressParams,
  ProgressReport,
  ProgressSummary,
  StatsParams,
  Work,
  WorksParams,
  WorksResult,
} from '../../server/src/protocol';
import {
  Ao3FormRequestMethod,
  EditReasonNotificationMethod,
  ProgressChangedNotificationMethod,
  ProgressCsvRequestMethod,
  ProgressReportRequestMethod,
  ProgressRequestMethod,
  SET_WORD_COUNT_METHOD_COMMAND,
  StatsChangedNotificationMethod,
  StatsRequestMethod,
  WorksChangedNotificationMethod,
  type WorksChangedParams,
  WorksRequestMethod,
} from '../../server/src/protocol';
import { Ao3Preview, type Ao3PreviewState } from './ao3Preview';
import { registerAo3Commands } from './ao3Commands';
import { registerCommands, statisticsItems } from './commands';
import { registerCompletionTrigger } from './completionTrigger';
import { registerEmptyStoryLens } from './emptyStory';
import { registerFileRequests } from './fileRequests';
import { registerHistoryRequests } from './historyRequests';
import { GoalStatusBar } from './goalStatusBar';
import { exportProgress, ProgressView, type ProgressRequests } from './progress';
import { registerSpellCheckers } from './spellCheck';
import { selectionRanges, WordCountStatusBar } from './statusBar';
import { StoryInView } from './storyInView';
import { registerWordCountCommands } from './wordCountCommands';
import { WorksView } from './worksView';

/** What activate() returns: used by the extension's own tests in a real VS Code. */
export interface FicExtensionApi {
  /** Resolves once the language client is running. */
  ready: Promise<void>;
  statusBarText(): string;
  statusBarTooltip(): string;
  statusBarVisible(): boolean;
  /** The AO3 preview, while it is open. */
  ao3Preview(): Ao3PreviewState | undefined;
  /** The works the Fic Works view shows. */
  works(): readonly Work[];
  /** The rows Fic: Show Statistics lists for the active fic, as the writer reads them. */
  statisticsRows(): Promise<string[]>;
  goalStatusText(): string;
  goalStatusTooltip(): string;
  /** The Show Progress page as last rendered ('' before it is shown). */
  progressHtml(): string;
  /** Completion rounds VS Code asked the server for in this window: prose must cost none. */
  completionRequests(): number;
  /** Where the writing history is kept (a path on the desktop, a uri on the web). */
  historyFile(): string;
}

/** The writing history file, in the editor's storage for this extension (see the README
 * for why there): a path the desktop server appends to, or on the web a uri the server
 * asks us to read and append to (fic/history/*), since the server there has no files. */
function historyFile(context: vscode.ExtensionContext): string {
  const file = vscode.Uri.joinPath(context.globalStorageUri, 'progress.jsonl');
  return file.scheme === 'file' ? file.fsPath : file.toString();
}

/** The `fic` settings as plain data (the configuration object also holds methods). */
function plainSettings(): unknown {
  return JSON.parse(JSON.stringify(vscode.workspace.getConfiguration('fic'))) as unknown;
}

/** Restarts allowed within the window before the client gives up and says so. */
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

/** Makes the platform's language client: id, name and the shared client options given. */
export type ClientFactory = (id: string, name: string, options: LanguageClientOptions) => BaseLanguageClient;

let client: BaseLanguageClient | undefined;

export function startClient(context: vscode.ExtensionContext, makeClient: ClientFactory): FicExtensionApi {
  const restarts: number[] = [];
  const errorHandler: ErrorHandler = {
    error: () => ({ action: ErrorAction.Continue, handled: true }),
    closed: () => {
      const now = Date.now();
      restarts.push(now);
      while (restarts.length && now - (restarts[0] as number) > RESTART_WINDOW_MS) restarts.shift();
      if (restarts.length > MAX_RESTARTS) {
        statusBar.setServerState('stopped');
        void vscode.window
          .showErrorMessage(
            `The Fic language server stopped ${restarts.length} times in 3 minutes, so word counts and header checks are off. The log is in Output → Fic Language Server.`,
            'Restart',
            'Show Log',
          )
          .then((choice) => {
            if (choice === 'Restart') void vscode.commands.executeCommand('fic.restartServer');
            if (choice === 'Show Log') client?.outputChannel.show();
          });
        return { action: CloseAction.DoNotRestart, handled: true };
      }
      statusBar.setServerState('restarting');
      return { action: CloseAction.Restart, handled: true };
    },
  };

  let completionRequests = 0;
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'fic' }],
    synchronize: {
      configurationSection: 'fic',
      // Saves, checkouts, new and deleted chapters: the server re-reads just those.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.fic'),
    },
    outputChannelName: 'Fic Language Server',
    errorHandler,
    // A function: a restarted server gets the settings as they are then.
    initializationOptions: (): FicInitializationOptions => ({
      // The writer's settings, so that the first count needs no round trip for them.
      settings: { fic: plainSettings() },
      // The server lists (and, without a file system, reads) the stories through us, so
      // that files.exclude applies.
      fileRequests: true,
      // Quick fixes may carry these commands: the server offers them only to a client that has them.
      clientCommands: [SET_WORD_COUNT_METHOD_COMMAND],
      // Where the writing history lives (the server appends to it).
      progressFile: historyFile(context),
      // Suggestions are opened here, in the header only (completionTrigger.ts).
      triggersCompletion: true,
      // fic/worksChanged carries just the works that changed (worksView.ts merges them).
      worksByFolder: true,
    }),
    middleware: {
      provideCompletionItem: (document, position, context, token, next) => {
        completionRequests++;
        return next(document, position, context, token);
      },
      // The server counts what is written; only the editor knows that a change was an
      // undo, and undone writing is taken back. Sent after the change it names.
      didChange: async (event, next) => {
        await next(event);
        if (event.reason === undefined) return;
        const params: EditReasonParams = {
          textDocument: { uri: event.document.uri.toString(), version: event.document.version },
          reason: event.reason === vscode.TextDocumentChangeReason.Undo ? 'undo' : 'redo',
        };
        void languageClient.sendNotification(EditReasonNotificationMethod, params).catch(() => undefined);
      },
    },
  };
  const languageClient = makeClient('fic', 'Fic Language Server', clientOptions);
  client = languageClient;

  // The error handler above reaches this through its closure, only once the client runs.
  // Both status items speak for the same story (storyInView.ts).
  const storyInView = new StoryInView();
  context.subscriptions.push(storyInView);
  const statusBar = new WordCountStatusBar({
    request: (params: StatsParams) => languageClient.sendRequest<FicStats>(StatsRequestMethod, params),
    onStats: (listener) => languageClient.onNotification(StatsChangedNotificationMethod, listener),
  }, storyInView);
  // A connection holds one handler per notification: the works view and the AO3 preview
  // (a later chapter shows its first chapter's fields) both listen through this emitter.
  const worksChanged = new vscode.EventEmitter<WorksChangedParams>();
  context.subscriptions.push(worksChanged, languageClient.onNotification(WorksChangedNotificationMethod, (p: WorksChangedParams) => worksChanged.fire(p)));
  const worksView = new WorksView({
    request: () => languageClient.sendRequest<WorksResult>(WorksRequestMethod, {} satisfies WorksParams),
    onWorks: worksChanged.event,
  });
  // Likewise the status item and the progress view share one emitter.
  const progressChanged = new vscode.EventEmitter<ProgressSummary>();
  context.subscriptions.push(progressChanged, languageClient.onNotification(ProgressChangedNotificationMethod, (p: ProgressSummary) => progressChanged.fire(p)));
  const goalBar = new GoalStatusBar({
    request: (params: ProgressParams) => languageClient.sendRequest<ProgressSummary>(ProgressRequestMethod, params),
    onProgress: progressChanged.event,
  }, storyInView);
  const progressRequests: ProgressRequests = {
    report: (params) => languageClient.sendRequest<ProgressReport>(ProgressReportRequestMethod, params),
    csv: (params) => languageClient.sendRequest<string>(ProgressCsvRequestMethod, params),
    onProgress: progressChanged.event,
  };
  const progressView = new ProgressView(progressRequests);
  const activeFic = () => {
    const editor = vscode.window.activeTextEditor;
    if (editor?.document.languageId === 'fic') return editor;
    void vscode.window.showInformationMessage('Open a fic (a .fic file, or set the language mode to Fic) first.');
    return undefined;
  };
  context.subscriptions.push(
    statusBar,
    worksView,
    goalBar,
    progressView,
    ...registerFileRequests(languageClient),
    registerCompletionTrigger((uri) => statusBar.completionEndLine(uri)),
    ...registerHistoryRequests(languageClient),
    languageClient.onDidChangeState(({ newState }) => {
      if (newState === State.Running) {
        statusBar.setServerState('running');
        void worksView.load();
      } else if (newState === State.Starting) statusBar.setServerState('starting');
      goalBar.setRunning(newState === State.Running);
    }),
    vscode.commands.registerCommand('fic.showProgress', async () => {
      const editor = activeFic();
      if (editor) await progressView.show(editor.document.uri.toString());
    }),
    // An optional target (a Uri) skips the save dialog: for keybindings, tasks and tests.
    vscode.commands.registerCommand('fic.exportProgress', async (target?: unknown) => {
      const editor = activeFic();
      if (editor) return exportProgress(progressRequests, editor.document, target instanceof vscode.Uri ? target : undefined);
      return undefined;
    }),
  );

  const stats = (editor: vscode.TextEditor, withSelections: boolean) =>
    languageClient.sendRequest<FicStats>(StatsRequestMethod, {
      textDocument: { uri: editor.document.uri.toString() },
      ranges: withSelections ? selectionRanges(editor) : [],
    });
  registerCommands(context, {
    stats,
    sessionWords: (stats) => statusBar.sessionWords(stats),
    work: async (uri) => (await languageClient.sendRequest<WorksResult>(WorksRequestMethod, { uri } satisfies WorksParams)).works[0] ?? null,
    restart: async () => {
      restarts.length = 0;
      statusBar.setServerState('restarting');
      // After the error handler gave up the client is StartFailed, and stop() refuses
      // anything that is not running. (Only the Node client has restart(): stop, then start.)
      if (languageClient.state === State.Running) await languageClient.stop();
      await languageClient.start();
    },
  });

  const ao3Form = (uri: string) => languageClient.sendRequest<Ao3Form>(Ao3FormRequestMethod, { textDocument: { uri } } satisfies Ao3FormParams);
  const preview = new Ao3Preview({ form: ao3Form, onWorks: worksChanged.event });
  context.subscriptions.push(preview);
  registerAo3Commands(context, { form: ao3Form, preview });
  registerWordCountCommands(context);
  registerEmptyStoryLens(context);
  registerSpellCheckers(context);

  const ready = languageClient.start().catch((error: unknown) => {
    statusBar.setServerState('stopped');
    void vscode.window.showErrorMessage(`The Fic language server could not start: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  });

  return {
    ready,
    statusBarText: () => statusBar.text,
    statusBarTooltip: () => statusBar.tooltip,
    statusBarVisible: () => statusBar.isVisible,
    ao3Preview: () => preview.state,
    works: () => worksView.current,
    goalStatusText: () => goalBar.text,
    goalStatusTooltip: () => goalBar.tooltip,
    progressHtml: () => progressView.html,
    completionRequests: () => completionRequests,
    historyFile: () => historyFile(context),
    statisticsRows: async () => {
      const editor = vscode.window.activeTextEditor;
      if (editor?.document.languageId !== 'fic') return [];
      const figures = await stats(editor, true);
      return statisticsItems(figures, statusBar.sessionWords(figures)).map((i) => [i.label, i.description, i.detail].filter(Boolean).join(' | '));
    },
  };
}

export async function stopClient(): Promise<void> {
  await client?.stop();
  client = undefined;
}
