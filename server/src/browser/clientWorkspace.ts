// IFicWorkspace served by the editor: `fic/findFiles` lists the workspace's stories (the
// editor applies its own excluded files) and `fic/readFile` reads one. This is how the
// server sees other chapters where it has no file system (the web build, virtual
// workspaces); no Node API may be used here.

import {
  FindFilesRequestMethod,
  ReadFileRequestMethod,
  type ReadFileParams,
} from '../protocol';
import { FileChangeEmitter, type FileChange, type IFicWorkspace } from '../service';

/** The part of an LSP connection this needs. */
export interface RequestSender {
  sendRequest<R>(method: string, params: unknown): Promise<R>;
}

export class ClientWorkspace implements IFicWorkspace {
  private readonly emitter = new FileChangeEmitter();
  readonly onDidChangeFiles = this.emitter.event;
  /** The last failure, for the log. */
  lastProblem: string | null = null;

  constructor(private readonly connection: RequestSender) {}

  /** Changes the editor reported (workspace/didChangeWatchedFiles), one batch at a time. */
  fire(changes: readonly FileChange[]): void {
    this.emitter.fire(changes);
  }

  async findFiles(): Promise<string[]> {
    try {
      const uris = await this.connection.sendRequest<unknown>(FindFilesRequestMethod, {});
      return Array.isArray(uris) ? uris.filter((u): u is string => typeof u === 'string') : [];
    } catch (error) {
      this.lastProblem = `the editor did not list the workspace's stories: ${String(error)}`;
      return [];
    }
  }

  /** A turn of the worker's event loop, between slices of a large chapter. */
  pause(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, 0));
  }

  async readFile(uri: string): Promise<string | null> {
    try {
      const text = await this.connection.sendRequest<unknown>(ReadFileRequestMethod, { uri } satisfies ReadFileParams);
      return typeof text === 'string' ? text : null;
    } catch (error) {
      this.lastProblem = `the editor could not read ${uri}: ${String(error)}`;
      return null;
    }
  }
}
