// Shared steps of the over-the-wire tests: opening documents, asking for stats, and a
// reference implementation of LSP text edits to mirror what the server should hold.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FicStats, Range } from '../../server/src/protocol';
import { LspClient, repoRoot } from '../support/lspClient';

/** The third party's story beside the project, read from there (never copied). */
export const SAMPLE_PATH = join(repoRoot(), '..', 'shared', 'samples', 'always-for-her.fic');

export function readSample(): string {
  return readFileSync(SAMPLE_PATH, 'utf8');
}

export interface Diagnostic {
  range: Range;
  severity?: number;
  code?: string | number;
  message: string;
  data?: unknown;
}

export interface PublishDiagnosticsParams {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface ContentChange {
  range?: Range;
  text: string;
}

let counter = 0;
/** A fresh uri per document, so tests in one server never see each other's messages. */
export function uniqueUri(name: string): string {
  // A folder each: stories in one folder with the same Title are one work.
  return `file:///fic-tests/${++counter}/${name}`;
}

/** didOpen, resolving with the first fic/statsChanged and the first diagnostics for it. */
export async function openStory(
  client: LspClient,
  uri: string,
  text: string,
  version = 1,
): Promise<{ stats: FicStats; diagnostics: PublishDiagnosticsParams }> {
  const stats = client.waitForNotification<FicStats>('fic/statsChanged', (s) => s.uri === uri && s.version === version);
  const diagnostics = client.waitForNotification<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (d) => d.uri === uri);
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'fic', version, text } });
  return { stats: await stats, diagnostics: await diagnostics };
}

/** didChange, resolving with the fic/statsChanged that carries `version`. */
export async function changeStory(client: LspClient, uri: string, version: number, changes: ContentChange[]): Promise<FicStats> {
  const stats = client.waitForNotification<FicStats>('fic/statsChanged', (s) => s.uri === uri && s.version === version);
  client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  return stats;
}

/** No handler failed: the server logs a caught exception as an error and carries on, so
 * only its log shows it. */
export function assertNoServerErrors(client: LspClient): void {
  const errors = client.logMessages.filter((m) => m.type === 1);
  assert.deepEqual(errors, [], 'the server logged errors');
  assert.equal(client.stderr, '', 'the server wrote to stderr');
}

export function requestStats(client: LspClient, uri: string, ranges?: Range[]): Promise<FicStats> {
  return client.request<FicStats>('fic/stats', ranges ? { textDocument: { uri }, ranges } : { textDocument: { uri } });
}

/** The figures of a stats answer, without what names the document (uri, version, its
 * work's id and a title taken from the file name). */
export function figures(stats: FicStats): Omit<FicStats, 'uri' | 'version' | 'work'> & { work: Omit<FicStats['work'], 'id' | 'title'> } {
  const { uri: _uri, version: _version, work, ...rest } = stats;
  const { id: _id, title: _title, ...workFigures } = work;
  return { ...rest, work: workFigures };
}

export function range(startLine: number, startCharacter: number, endLine: number, endCharacter: number): Range {
  return { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } };
}

/** Apply LSP content changes to a string the way the protocol defines them: lines split at
 * \n, \r\n or \r, characters in UTF-16 code units, positions past the end clamped. */
export function applyChanges(text: string, changes: readonly ContentChange[]): string {
  let result = text;
  for (const change of changes) {
    if (!change.range) {
      result = change.text;
      continue;
    }
    const start = offsetAt(result, change.range.start);
    const end = offsetAt(result, change.range.end);
    result = result.slice(0, start) + change.text + result.slice(Math.max(start, end));
  }
  return result;
}

export function offsetAt(text: string, position: { line: number; character: number }): number {
  let lineStart = 0;
  for (let line = 0; line < position.line; line++) {
    const next = nextLineStart(text, lineStart);
    if (next < 0) return text.length;
    lineStart = next;
  }
  let lineEnd = lineStart;
  while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
  return Math.min(lineStart + position.character, lineEnd);
}

function nextLineStart(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\n') return i + 1;
    if (text[i] === '\r') return text[i + 1] === '\n' ? i + 2 : i + 1;
  }
  return -1;
}

/** Apply a WorkspaceEdit's text edits for one document (non-overlapping, any order). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start));
  let result = text;
  for (const edit of sorted) {
    result = result.slice(0, offsetAt(result, edit.range.start)) + edit.newText + result.slice(offsetAt(result, edit.range.end));
  }
  return result;
}

/** A server whose workspace folder `folder` holds `files` (uri -> text), listed and read
 * through the client (fic/findFiles, fic/readFile), as VS Code for the web serves them. */
export function startOnClientFiles(folder: string, files: ReadonlyMap<string, string>): Promise<LspClient> {
  return LspClient.start({
    initializationOptions: { fileRequests: true },
    workspaceFolders: [folder],
    handlers: {
      'fic/findFiles': () => [...files.keys()],
      'fic/readFile': (params) => files.get((params as { uri: string }).uri) ?? null,
    },
  });
}
