// The editor's side of fic/findFiles and fic/readFile: the server lists and reads the
// workspace's stories through VS Code, so that the writer's excluded files (files.exclude)
// are left out, and so that it works wherever VS Code's file system does (remote, virtual,
// the web).

import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { FindFilesRequestMethod, ReadFileRequestMethod, type ReadFileParams } from '../../server/src/protocol';

/** Beyond this a file is not a story (the server's own limit for its file system). */
const MAX_STORY_BYTES = 64 * 1024 * 1024;
const MAX_FILES = 100_000;

export async function findStoryFiles(): Promise<string[]> {
  // With no exclude argument, VS Code applies files.exclude.
  const uris = await vscode.workspace.findFiles('**/*.fic', undefined, MAX_FILES);
  return uris.map((u) => u.toString());
}

/** A story's text, or null when it is gone, not text, or too large. */
export async function readStoryFile(uri: string): Promise<string | null> {
  try {
    const target = vscode.Uri.parse(uri, true);
    const stat = await vscode.workspace.fs.stat(target);
    if (stat.size > MAX_STORY_BYTES || stat.type & vscode.FileType.Directory) return null;
    const bytes = await vscode.workspace.fs.readFile(target);
    if (bytes.subarray(0, 8192).includes(0)) return null;
    return new TextDecoder('utf-8').decode(bytes);
  } catch {
    return null;
  }
}

export function registerFileRequests(client: BaseLanguageClient): vscode.Disposable[] {
  return [
    client.onRequest(FindFilesRequestMethod, () => findStoryFiles()),
    client.onRequest(ReadFileRequestMethod, (params: ReadFileParams) =>
      typeof params?.uri === 'string' ? readStoryFile(params.uri) : null,
    ),
  ];
}
