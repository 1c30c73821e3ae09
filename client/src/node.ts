// The desktop entry (and VS Code's remote Node hosts): the server runs as a Node process
// over IPC. Everything else is startClient's.

import type * as vscode from 'vscode';
import type { ForkOptions as NodeForkOptions } from 'node:child_process';
import { LanguageClient, TransportKind, type ForkOptions, type ServerOptions } from 'vscode-languageclient/node';
import { startClient, stopClient, type FicExtensionApi } from './extension';

/** Node's structured-clone IPC instead of JSON: a story's text crosses to the server as
 * its raw characters, not escaped, stringified and parsed again. Opening a 1M-word story,
 * that is the difference between ~0.3 s and ~0.05 s on each side of the channel. The
 * client library passes these options to fork() as they are; its type lists only a few. */
const IPC: ForkOptions = { serialization: 'advanced' } satisfies NodeForkOptions as ForkOptions;

export function activate(context: vscode.ExtensionContext): FicExtensionApi {
  const module = context.asAbsolutePath('dist/server/main.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: IPC },
    debug: { module, transport: TransportKind.ipc, options: { ...IPC, execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  return startClient(context, (id, name, clientOptions) => new LanguageClient(id, name, serverOptions, clientOptions));
}

export const deactivate = stopClient;
