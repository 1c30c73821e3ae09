// The desktop entry (and VS Code's remote Node hosts): the server runs as a Node process
// over IPC. Everything else is startClient's.

import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { startClient, stopClient, type FicExtensionApi } from './extension';

export function activate(context: vscode.ExtensionContext): FicExtensionApi {
  const module = context.asAbsolutePath('dist/server/main.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  return startClient(context, (id, name, clientOptions) => new LanguageClient(id, name, serverOptions, clientOptions));
}

export const deactivate = stopClient;
