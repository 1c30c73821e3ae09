// Web Worker entry of the language server (vscode.dev, github.dev, any VS Code for the
// web): the same startServer as the Node bin, over the worker's message port. Nothing here
// or below it may reach for Node: this file is type-checked against the WebWorker library
// only (tsconfig.browser.json) and bundled for the browser.

import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { startServer } from '../server';
import { VERSION } from '../version';

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

startServer(connection, { version: VERSION });
