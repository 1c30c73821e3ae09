// IFicWorkspace: how the language service reads stories it does not have open. The service
// never touches a file system: the Node server gives it one over `fs`, the web build one
// over `fic/findFiles` / `fic/readFile` requests to the editor, the tests one in memory.

import type { ChapterSummary } from './summary';

export interface FicFileStat {
  /** Bytes on disk. */
  size: number;
  /** Last modification, in milliseconds since the epoch. */
  mtime: number;
}

export type FileChangeType = 'created' | 'changed' | 'deleted';

export interface FileChange {
  uri: string;
  type: FileChangeType;
}

export interface Disposable {
  dispose(): void;
}

export interface IFicWorkspace {
  /** The uris of every story file (`*.fic`) in the workspace, excluded files left out. */
  findFiles(): Promise<string[]>;
  /** A story's text; null when it is gone, unreadable, not text, or too large to be a
   * story. Never rejects. */
  readFile(uri: string): Promise<string | null>;
  /** A story's bytes (UTF-8), as readFile would decode them; null as readFile. Optional:
   * a workspace that has the bytes anyway (a file system) offers them, and the index then
   * counts a chapter without decoding it, which is most of the cost of reading one.
   * `lend`, when given, offers a buffer of at least `size` bytes to read into (the caller
   * reuses its buffers from one chapter to the next: a fresh one costs the memory's first
   * touch, page by page); the bytes returned may then be a view of it, valid until the
   * caller lends it again. */
  readBytes?(uri: string, lend?: (size: number) => Uint8Array): Promise<Uint8Array | null>;
  /** A story's summary, read and made wherever the workspace likes (the Node server: on
   * worker threads, beside the editor's messages), from summariseBytes of its bytes and
   * named `canonical`; null as readFile; undefined when the workspace leaves this one to
   * the index. Optional: without it the index reads and summarises. */
  summarise?(uri: string, canonical: string): Promise<ChapterSummary | null | undefined>;
  /** Resolves after the host's other work has had a turn (the editor's messages): the index
   * waits on it between slices of a large chapter. Optional: without it a chapter is read
   * in one go. */
  pause?(): Promise<void>;
  /** Size and modification time; null when the file is gone. Never rejects. Optional:
   * a workspace that cannot tell cheaply (the editor over LSP) leaves it out, and every
   * change it reports is re-read. */
  stat?(uri: string): Promise<FicFileStat | null>;
  /** Why `readFile` gave null for a file, in a writer's words (`looks like a binary
   * file`), when the workspace knows. Optional. */
  problem?(uri: string): string | null;
  /** Files created, changed or deleted on disk, in batches (one `git checkout` is one
   * batch when the adapter can tell). */
  onDidChangeFiles(listener: (changes: readonly FileChange[]) => void): Disposable;
}

/** The listeners of a change event, for IFicWorkspace adapters. */
export class FileChangeEmitter {
  private readonly listeners = new Set<(changes: readonly FileChange[]) => void>();

  readonly event = (listener: (changes: readonly FileChange[]) => void): Disposable => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };

  fire(changes: readonly FileChange[]): void {
    if (changes.length === 0) return;
    for (const listener of [...this.listeners]) listener(changes);
  }
}

/** A workspace held in memory: for tests, and for hosts that already hold every file. */
export class MemoryWorkspace implements IFicWorkspace {
  private readonly files = new Map<string, { text: string; mtime: number }>();
  private readonly emitter = new FileChangeEmitter();
  private clock = 0;
  /** How many times each uri was read: lets tests see what a change re-read. */
  readonly reads = new Map<string, number>();

  constructor(files: Record<string, string> = {}) {
    for (const [uri, text] of Object.entries(files)) this.files.set(uri, { text, mtime: ++this.clock });
  }

  readonly onDidChangeFiles = this.emitter.event;

  async findFiles(): Promise<string[]> {
    return [...this.files.keys()].filter((uri) => uri.toLowerCase().endsWith('.fic'));
  }

  async readFile(uri: string): Promise<string | null> {
    this.reads.set(uri, (this.reads.get(uri) ?? 0) + 1);
    return this.files.get(uri)?.text ?? null;
  }

  async stat(uri: string): Promise<FicFileStat | null> {
    const f = this.files.get(uri);
    return f ? { size: f.text.length, mtime: f.mtime } : null;
  }

  /** Write files and announce them as one batch. */
  write(files: Record<string, string>): void {
    const changes: FileChange[] = [];
    for (const [uri, text] of Object.entries(files)) {
      changes.push({ uri, type: this.files.has(uri) ? 'changed' : 'created' });
      this.files.set(uri, { text, mtime: ++this.clock });
    }
    this.emitter.fire(changes);
  }

  delete(...uris: string[]): void {
    for (const uri of uris) this.files.delete(uri);
    this.emitter.fire(uris.map((uri) => ({ uri, type: 'deleted' as const })));
  }
}
