// Web Worker entry of the language server (vscode.dev, github.dev, any VS Code for the
// web): the same startServer as the Node bin, over the worker's message port. Nothing here
// or below it may reach for Node: this file is type-checked against the WebWorker library
// only (tsconfig.browser.json) and bundled for the browser.

import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { startServer } from '../server';
import { VERSION } from '../version';
import { clientHistory } from './clientHistory';
import { ClientWorkspace } from './clientWorkspace';

declare const self: DedicatedWorkerGlobalScope;

const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(self), new BrowserMessageWriter(self));

// The server must outlive any bug in a handler: log it and keep serving.
self.addEventListener('error', (event) => {
  event.preventDefault();
  connection.console.error(`uncaught: ${event.error instanceof Error ? (event.error.stack ?? event.error.message) : event.message}`);
});
self.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  connection.console.error(`unhandled rejection: ${String(event.reason)}`);
});
// The library's browser watchdog does nothing on exit; a worker left running would hold
// the previous server's documents after every restart.
connection.onExit(() => self.close());

// No file system in a worker: other chapters are listed and read through the editor
// (fic/findFiles, fic/readFile), which our client always offers. A client that does not
// answer them leaves every story a work of its own, and the log says so.
// The writing history likewise lives with the editor (fic/history/read and append).
startServer(connection, {
  version: VERSION,
  history: clientHistory(connection),
  makeWorkspace: ({ fileRequests }) => {
    if (!fileRequests) connection.console.warn('this editor does not answer fic/findFiles and fic/readFile, so works of several chapters cannot be read');
    return new ClientWorkspace(connection);
  },
});
