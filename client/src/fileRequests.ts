// The editor's side of fic/findFiles and fic/readFile: the server lists and reads the
// workspace's stories through VS Code, so that the writer's excluded files (files.exclude)
// are left out, and so that it works wherever VS Code's file system does (remote, virtual,
// the web).

import * as vscode from 'vscode';
import { DidChangeWatchedFilesNotification, FileChangeType, type BaseLanguageClient, type FileEvent } from 'vscode-languageclient';
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

/** What changed between two listings, as file events: the stories newly listed are
 * created, those no longer listed deleted (to the server; nothing on disk changes). */
export function listingChanges(before: ReadonlySet<string>, after: readonly string[]): FileEvent[] {
  const now = new Set(after);
  const changes: FileEvent[] = [];
  for (const uri of now) if (!before.has(uri)) changes.push({ uri, type: FileChangeType.Created });
  for (const uri of before) if (!now.has(uri)) changes.push({ uri, type: FileChangeType.Deleted });
  return changes;
}

export function registerFileRequests(client: BaseLanguageClient): vscode.Disposable[] {
  // The stories as last listed for the server: a change of files.exclude is told to it as
  // the difference, one batch of file events, which it reads as it reads a checkout.
  let listed: ReadonlySet<string> | null = null;
  let relisting = Promise.resolve();
  const relist = async () => {
    if (listed === null) return; // never asked: the server's first listing will apply it
    const before = listed;
    const after = await findStoryFiles();
    listed = new Set(after);
    const changes = listingChanges(before, after);
    if (changes.length) await client.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  };
  return [
    client.onRequest(FindFilesRequestMethod, async () => {
      const uris = await findStoryFiles();
      listed = new Set(uris);
      return uris;
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration('files.exclude')) return;
      // One at a time, in order: two quick changes end with the last one's listing.
      relisting = relisting.then(relist).catch(() => undefined);
    }),
    client.onRequest(ReadFileRequestMethod, (params: ReadFileParams) =>
      typeof params?.uri === 'string' ? readStoryFile(params.uri) : null,
    ),
  ];
}
