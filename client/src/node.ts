// The desktop entry (and VS Code's remote Node hosts): the server runs as a Node process
// over stdio. Everything else is startClient's.

import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type * as vscode from 'vscode';
import { LanguageClient, State, type ServerOptions } from 'vscode-languageclient/node';
import { startClient, stopClient, type FicExtensionApi } from './extension';
import { EarlyServer, forkServer } from './serverProcess';

/** A server still running this long after its client stopped is ended (the library's rule). */
const EXIT_GRACE_MS = 2000;

/** The server's bin, beside this script in dist/. */
const SERVER_MODULE = join(__dirname, '..', 'server', 'main.js');

// VS Code calls activate() once this script is loaded and the extension's context is
// prepared (storage it reads through the window): the server starts in the meantime.
const early = EarlyServer.start(SERVER_MODULE);

export function activate(context: vscode.ExtensionContext): FicExtensionApi {
  let client: LanguageClient | undefined;
  let current: ChildProcess | undefined;
  // Over stdio, not Node's IPC channel: Node rescans the whole of a message it is still
  // receiving for its end after every chunk, so a 6 MB story took 290 ms to reach the server
  // (bench:editor), where our frame reader takes it in one pass. Each start (the first, and
  // every restart) asks here: the early server first, a fresh fork after it.
  const serverOptions: ServerOptions = () => {
    const child = early?.take() ?? forkServer(SERVER_MODULE);
    current = child;
    // What the library logs of a server it forked itself, for a writer's bug report.
    child.once('exit', (code, signal) => {
      if (code === 0) client?.info('Server process exited successfully', undefined, false);
      else if (code !== null) client?.error(`Server process exited with code ${code}.`, undefined, false);
      if (signal !== null) client?.error(`Server process exited with signal ${signal}.`, undefined, false);
    });
    return Promise.resolve(child);
  };
  return startClient(context, (id, name, clientOptions) => {
    client = new LanguageClient(id, name, serverOptions, clientOptions);
    // A stopped client has asked its server to exit; one that has not is ended.
    client.onDidChangeState(({ newState }) => {
      const child = current;
      if (newState !== State.Stopped || !child) return;
      setTimeout(() => {
        if (child.exitCode === null && child.signalCode === null) child.kill();
      }, EXIT_GRACE_MS).unref();
    });
    return client;
  });
}

export const deactivate = stopClient;
