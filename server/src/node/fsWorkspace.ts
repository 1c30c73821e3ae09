// IFicWorkspace over the file system, for the Node server and the CLI. Listing walks the
// workspace folders for `*.fic` files, skipping what is never a writer's story (`.git`,
// `node_modules`, hidden folders) and following each folder only once (a symlink loop
// ends there). Reading refuses what is not a story: binaries, files too large to be one,
// files that vanish while read; a refusal is a null and a reason for the log, never a throw.

import { closeSync, constants, fstatSync, openSync, readSync, type Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { FileChangeEmitter, formatCount, type ChapterSummary, type FicFileStat, type FileChange, type IFicWorkspace } from '../service';
import { SummaryPool } from './summaryPool';

/** Threads for reading and summarising chapters: two where there are cores to spare (four
 * or more), none on a smaller machine. Each worker costs its start-up (a Node isolate, the
 * counting tables), which only pays when it runs beside the main thread: on two busy cores
 * (measured in `npm run bench`) the workers made indexing slower, not faster. Without them
 * a large chapter is counted in slices, the editor's messages let in between. */
export function summaryThreads(): number {
  return availableParallelism() >= 4 ? 2 : 0;
}

/** Chapters queued for a worker at most; the next is read on the caller's thread. */
const WORKER_QUEUE = 2;

/** The largest file read as a story: the longest novels are a few MB; 64 MB is a paste
 * accident or not a story. */
export const MAX_STORY_BYTES = 64 * 1024 * 1024;
/** Listing stops here and says so: beyond it a folder is not a writer's workspace. */
export const MAX_FILES = 100_000;

/** Folders whose listings are asked for before the walk reaches them. */
const LOOK_AHEAD = 8;

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn', 'out', 'dist']);

export class FsWorkspace implements IFicWorkspace {
  private readonly emitter = new FileChangeEmitter();
  readonly onDidChangeFiles = this.emitter.event;
  /** Why files were skipped, for the log (path -> reason). */
  readonly problems = new Map<string, string>();

  private readonly pool: SummaryPool | null;

  /** @param roots folder paths (or file: uris) to list.
   * @param options.workers threads to read and summarise chapters on (0: none, the
   * caller's thread does it). */
  constructor(
    private readonly roots: readonly string[],
    options: { workers?: number } = {},
  ) {
    this.pool = options.workers ? SummaryPool.create(options.workers) : null;
  }

  /** The summary, made on a worker thread; undefined (the index reads and summarises on
   * its own thread) without workers or once they failed. */
  async summarise(uri: string, canonical: string): Promise<ChapterSummary | null | undefined> {
    if (!this.pool || this.pool.failed || !this.pool.hasRoom(WORKER_QUEUE)) return undefined;
    try {
      const result = await this.pool.summarise(uri, canonical);
      if (result.summary === null) this.problems.set(toPath(uri), result.problem ?? 'it could not be read as a text file');
      else this.problems.delete(toPath(uri));
      return result.summary;
    } catch {
      return undefined;
    }
  }

  /** Stops the worker threads (they hold nothing alive while idle). */
  dispose(): void {
    this.pool?.dispose();
  }

  /** Changes the host learned of (the editor's file watcher, the CLI never). */
  fire(changes: readonly FileChange[]): void {
    this.emitter.fire(changes);
  }

  async findFiles(): Promise<string[]> {
    const found: string[] = [];
    const seen = new Set<string>();
    /** A folder's real path and entries, asked for ahead of the walk reaching it: a reason
     * when it cannot be listed, null when it is gone or already walked. */
    type Looked = { real: string; entries: Dirent[] } | string | null;
    const look = async (dir: string): Promise<Looked> => {
      let real: string;
      try {
        real = await realpath(dir);
      } catch {
        return null;
      }
      // Only spares a listing: the walk decides, in order, which way in counts.
      if (seen.has(real)) return null;
      try {
        return { real, entries: await readdir(dir, { withFileTypes: true }) };
      } catch (error) {
        return reason(error);
      }
    };
    // Depth first, in the order the folders are listed (so which of two ways into one
    // folder counts never depends on timing), with the next few folders' listings already
    // on their way: each is a round trip to the thread pool, and a workspace has many.
    const walk = async (dir: string, looked: Promise<Looked>): Promise<void> => {
      const result = await looked;
      if (result === null) return;
      if (typeof result === 'string') {
        this.problems.set(dir, result);
        return;
      }
      if (seen.has(result.real)) return; // a symlink back up the tree, or a second way in
      seen.add(result.real);
      const folders: string[] = [];
      for (const e of result.entries) {
        if (found.length >= MAX_FILES) return;
        const path = join(dir, e.name);
        if (e.isDirectory() || e.isSymbolicLink()) {
          if (e.isDirectory() && (SKIPPED_FOLDERS.has(e.name) || e.name.startsWith('.'))) continue;
          if (e.isSymbolicLink()) {
            // A link to a story counts; a link to a folder is walked (once).
            const target = await stat(path).catch(() => null);
            if (!target) continue;
            if (target.isDirectory()) folders.push(path);
            else if (target.isFile() && /\.fic$/i.test(e.name)) found.push(pathToFileURL(path).href);
            continue;
          }
          folders.push(path);
        } else if (e.isFile() && /\.fic$/i.test(e.name)) found.push(pathToFileURL(path).href);
      }
      const ahead: Promise<Looked>[] = [];
      for (let i = 0; i < folders.length; i++) {
        for (let k = ahead.length; k < Math.min(folders.length, i + LOOK_AHEAD); k++) ahead.push(look(folders[k] as string));
        await walk(folders[i] as string, ahead[i] as Promise<Looked>);
      }
    };
    for (const root of this.roots) {
      const path = toPath(root);
      // A story named on its own is a story, whatever its extension.
      const s = await stat(path).catch(() => null);
      if (s?.isFile()) found.push(pathToFileURL(path).href);
      else await walk(path, look(path));
    }
    if (found.length >= MAX_FILES) this.problems.set('(workspace)', `more than ${formatCount(MAX_FILES)} story files; the rest were not read`);
    return found;
  }

  /** Why the last read of a file gave nothing. */
  problem(uri: string): string | null {
    return this.problems.get(toPath(uri)) ?? null;
  }

  async stat(uri: string): Promise<FicFileStat | null> {
    try {
      const s = await stat(toPath(uri));
      return { size: s.size, mtime: s.mtimeMs };
    } catch {
      return null;
    }
  }

  async readFile(uri: string): Promise<string | null> {
    const bytes = await this.readBytes(uri);
    return bytes === null ? null : bytes.toString('utf8');
  }

  /** A turn of the event loop: the editor's messages are handled before the index goes on. */
  pause(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
  }

  /** The bytes, for the index to count without decoding them (a Buffer: its indexOf is
   * the fast one), in a buffer `lend` gives when it is given one. */
  async readBytes(uri: string, lend?: (size: number) => Uint8Array): Promise<Buffer | null> {
    // One file at a time, each after the event loop has had its turn: the editor's
    // messages (a keystroke in the open chapter) never wait for more than one file. The
    // read itself is synchronous: for a story-sized file that is faster than the thread
    // pool's round trips, which cost more than the read.
    await new Promise((resolve) => setImmediate(resolve));
    const path = toPath(uri);
    let fd: number;
    try {
      // Non-blocking: opening a named pipe would otherwise wait for a writer, forever.
      fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch (error) {
      this.problems.set(path, reason(error));
      return null;
    }
    try {
      const s = fstatSync(fd);
      if (!s.isFile()) {
        this.problems.set(path, s.isDirectory() ? 'it is a folder, not a story file' : 'it is not a regular file');
        return null;
      }
      if (s.size > MAX_STORY_BYTES) {
        this.problems.set(path, `${Math.round(s.size / 1048576)} MB is too large for a story file; skipped`);
        return null;
      }
      const lent = lend?.(s.size);
      const into = lent && lent.length >= s.size ? Buffer.from(lent.buffer, lent.byteOffset, s.size) : Buffer.allocUnsafe(s.size);
      const bytes = readAll(fd, into);
      if (bytes.subarray(0, 8192).includes(0)) {
        this.problems.set(path, 'looks like a binary file (it contains NUL bytes); skipped');
        return null;
      }
      this.problems.delete(path);
      return bytes;
    } catch (error) {
      this.problems.set(path, reason(error));
      return null;
    } finally {
      closeSync(fd);
    }
  }
}

/** The file's bytes, read into `bytes`, the size it had when opened (what readFileSync
 * does, less its second fstat and its buffer juggling); a file that grew or shrank while
 * read gives what was there, up to that size or to its end. */
function readAll(fd: number, bytes: Buffer): Buffer {
  const size = bytes.length;
  let read = 0;
  while (read < size) {
    const n = readSync(fd, bytes, read, size - read, read);
    if (n === 0) break;
    read += n;
  }
  return read < size ? bytes.subarray(0, read) : bytes;
}

export function toPath(uriOrPath: string): string {
  return uriOrPath.startsWith('file:') ? fileURLToPath(uriOrPath) : uriOrPath;
}

/** Why a file could not be read, in words rather than an errno. */
function reason(error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'it was deleted or moved while being read';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied; check who may read it';
    case 'EISDIR':
      return 'it is a folder, not a story file';
    case 'ELOOP':
      return 'it is a symbolic link that points back to itself';
    default:
      return `it could not be read (${code ?? String(error)})`;
  }
}
