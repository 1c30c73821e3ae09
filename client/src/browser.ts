// The web entry (vscode.dev, github.dev): the language server runs in a Web Worker from the
// extension's own bundle. Everything else is startClient's.

import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient, type MessageTransports } from 'vscode-languageclient/browser';
import { startClient, stopClient, type FicExtensionApi } from './extension';

let worker: Worker | undefined;

export function activate(context: vscode.ExtensionContext): FicExtensionApi {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist/server/browser.js');
  // A fresh worker for every start: after a crash or a restart the old one is ended, so it
  // never keeps serving a stale copy of the writer's documents. The transports are built
  // here because the web extension host wraps the Worker constructor: the client library's
  // own `instanceof Worker` test fails on the worker it returns.
  const startWorker = async (): Promise<MessageTransports> => {
    worker?.terminate();
    worker = new Worker(serverMain.toString(true), { name: 'Fic Language Server' });
    return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
  };
  return startClient(context, (id, name, clientOptions) => new LanguageClient(id, name, startWorker, clientOptions));
}

export async function deactivate(): Promise<void> {
  await stopClient();
  worker?.terminate();
  worker = undefined;
}
