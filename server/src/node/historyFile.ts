// The writing history on disk: JSON lines, only ever appended to (never rewritten, so a
// crash mid-write can tear at most the last line, which the reader skips). Writes go to
// the history file only: never to a story.

import { appendFileSync, mkdirSync, openSync, closeSync, readFileSync, readSync, fstatSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import type { HistoryStore } from '../server';

/** Files whose end this process has checked: a torn last line left by a crash gets a line
 * break before the first new record, so the new record is not glued onto it. */
const checked = new Set<string>();

function endsTorn(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const size = fstatSync(fd).size;
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } catch {
    return false; // no file yet
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** `~/notes/history.jsonl` and a bare `history.jsonl` are in the writer's home folder: the
 * server's working folder is nothing a writer chose. */
function resolve(path: string): string {
  const expanded = path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path;
  return isAbsolute(expanded) ? expanded : join(homedir(), expanded);
}

export const historyFiles: HistoryStore = {
  read(file) {
    const path = resolve(file);
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
      throw error;
    }
  },
  append(file, lines) {
    const path = resolve(file);
    mkdirSync(dirname(path), { recursive: true });
    let text = lines;
    if (!checked.has(path)) {
      if (endsTorn(path)) text = `\n${text}`;
      checked.add(path);
    }
    appendFileSync(path, text, 'utf8');
  },
};
