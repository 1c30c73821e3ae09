// activate(): start the language client and wire the status bar and commands to it.

import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  State,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import type { FicStats, StatsParams } from '../../server/src/protocol';
import { StatsChangedNotificationMethod, StatsRequestMethod } from '../../server/src/protocol';
import { registerCommands } from './commands';
import { selectionRanges, WordCountStatusBar } from './statusBar';

/** What activate() returns: used by the extension's own tests in a real VS Code. */
export interface FicExtensionApi {
  /** Resolves once the language client is running. */
  ready: Promise<void>;
  statusBarText(): string;
  statusBarTooltip(): string;
  statusBarVisible(): boolean;
}

/** Restarts allowed within the window before the client gives up and says so. */
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): FicExtensionApi {
  const serverModule = context.asAbsolutePath('dist/server/main.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };

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

  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'fic' }],
    synchronize: { configurationSection: 'fic' },
    outputChannelName: 'Fic Language Server',
    errorHandler,
  };
  const languageClient = new LanguageClient('fic', 'Fic Language Server', serverOptions, clientOptions);
  client = languageClient;

  // The error handler above reaches this through its closure, only once the client runs.
  const statusBar = new WordCountStatusBar({
    request: (params: StatsParams) => languageClient.sendRequest<FicStats>(StatsRequestMethod, params),
    onStats: (listener) => languageClient.onNotification(StatsChangedNotificationMethod, listener),
  });
  context.subscriptions.push(
    statusBar,
    languageClient.onDidChangeState(({ newState }) => {
      if (newState === State.Running) statusBar.setServerState('running');
      else if (newState === State.Starting) statusBar.setServerState('starting');
    }),
  );

  registerCommands(context, {
    stats: (editor, withSelections) =>
      languageClient.sendRequest<FicStats>(StatsRequestMethod, {
        textDocument: { uri: editor.document.uri.toString() },
        ranges: withSelections ? selectionRanges(editor) : [],
      }),
    sessionWords: (stats) => statusBar.sessionWords(stats),
    restart: async () => {
      restarts.length = 0;
      statusBar.setServerState('restarting');
      // After the error handler gave up the client is StartFailed, and stop() (inside
      // restart()) refuses anything that is not running.
      if (languageClient.state === State.Running) await languageClient.restart();
      else await languageClient.start();
    },
  });

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
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
