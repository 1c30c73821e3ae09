// The desktop entry (and VS Code's remote Node hosts): the server runs as a Node process
// over stdio. Everything else is startClient's.

import { join } from 'node:path';
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { startClient, stopClient, type FicExtensionApi } from './extension';

export function activate(context: vscode.ExtensionContext): FicExtensionApi {
  const module = context.asAbsolutePath('dist/server/main.js');
  // Node 22.1 and later (VS Code's own) keep the server's compiled code here, so that from
  // the second start on the server skips compiling itself and counts sooner (about 20 ms
  // of a start of 120, measured over stdio); an older Node ignores it.
  const env = { NODE_COMPILE_CACHE: join(context.globalStorageUri.fsPath, 'compile-cache') };
  // Over stdio, not Node's IPC channel: Node rescans the whole of a message it is still
  // receiving for its end after every chunk, so a 6 MB story took 290 ms to reach the server
  // (bench:editor), where our frame reader takes it in one pass.
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio, options: { env } },
    debug: { module, transport: TransportKind.stdio, options: { env, execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  return startClient(context, (id, name, clientOptions) => new LanguageClient(id, name, serverOptions, clientOptions));
}

export const deactivate = stopClient;
