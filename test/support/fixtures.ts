// Helpers for service tests: fixtures read like what the writer sees. A `|` in the text
// marks the cursor; every fixture can be run with LF and with CRLF line endings.

import { createFicService, FicSource, type FicService } from '../../server/src/service';
import type { Position } from '../../server/src/protocol';

export const EOLS = [
  { name: 'LF', eol: '\n' },
  { name: 'CRLF', eol: '\r\n' },
] as const;

/** Join lines with the given line ending. */
export function lines(eol: string, ...ls: string[]): string {
  return ls.join(eol);
}

/** Convert a fixture written with \n to another line ending. */
export function withEol(text: string, eol: string): string {
  return text.replace(/\r\n|\r|\n/g, eol);
}

/** Remove the `|` cursor marker and return its position. */
export function cursor(textWithCursor: string): { text: string; position: Position } {
  const at = textWithCursor.indexOf('|');
  if (at < 0) throw new Error('fixture has no | cursor marker');
  const text = textWithCursor.slice(0, at) + textWithCursor.slice(at + 1);
  const before = text.slice(0, at);
  const linesBefore = before.split(/\r\n|\r|\n/);
  return { text, position: { line: linesBefore.length - 1, character: (linesBefore[linesBefore.length - 1] as string).length } };
}

export function source(text: string, uri = 'file:///test/story.fic'): FicSource {
  return new FicSource(uri, text, 1);
}

export function service(settings?: unknown): FicService {
  return createFicService(settings);
}

/** A small, correct story used across tests (our own text). */
export const STORY = [
  'Title: The Lighthouse Keeper',
  'Author: Wren Marsh',
  'Fandom: Original Work',
  'Pairing: Ada/Mae',
  'Rating: Teen And Up Audiences',
  'Warnings: No Archive Warnings Apply',
  'Word Count: 26',
  '',
  'The lamp had not gone out in forty years, and Ada meant to keep it that way.',
  '',
  "Mae brought the oil at dusk. They didn't speak.",
  '',
  'The End',
  '',
].join('\n');
