// The editor's side of fic/history/read and fic/history/append: where the language server
// has no file system (the web), the writing history is kept here, in the editor's storage
// for the extension (context.globalStorageUri), through vscode.workspace.fs. The desktop
// server appends to its own file and never asks.

import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { HistoryAppendRequestMethod, HistoryReadRequestMethod, type HistoryAppendParams, type HistoryReadParams } from '../../server/src/protocol';

/** A history file: a uri (not a bare path, which only the desktop server can reach) whose
 * name ends in .jsonl, so that no request can ever read or write a story. */
export function historyUri(file: unknown): vscode.Uri {
  if (typeof file !== 'string' || !/^[a-z][a-z0-9+.-]+:/i.test(file)) throw new Error(`${String(file)} is not a place the editor keeps a history`);
  const uri = vscode.Uri.parse(file, true);
  if (!/\.jsonl$/i.test(uri.path)) throw new Error(`${uri.toString()} is not a history file (.jsonl)`);
  return uri;
}

async function readText(uri: vscode.Uri): Promise<string> {
  try {
    return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return '';
    throw error;
  }
}

export function registerHistoryRequests(client: BaseLanguageClient): vscode.Disposable[] {
  // The editor's file system has no append: each append reads the file and writes it back
  // longer, one at a time, so two appends never write over each other.
  let queue: Promise<unknown> = Promise.resolve();
  const append = async ({ file, lines }: HistoryAppendParams): Promise<null> => {
    const uri = historyUri(file);
    if (typeof lines !== 'string') throw new Error('no lines to append');
    const before = await readText(uri);
    // A torn last line (a write cut short) gets a line break, so the new records stand alone.
    const joint = before === '' || before.endsWith('\n') ? '' : '\n';
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(before + joint + lines));
    return null;
  };
  return [
    client.onRequest(HistoryReadRequestMethod, (params: HistoryReadParams) => readText(historyUri(params?.file))),
    client.onRequest(HistoryAppendRequestMethod, (params: HistoryAppendParams) => {
      const next = queue.then(() => append(params ?? { file: '', lines: '' }));
      queue = next.catch(() => undefined);
      return next;
    }),
  ];
}
