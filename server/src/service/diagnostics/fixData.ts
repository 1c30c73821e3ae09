// The quick fixes a diagnostic carries in its `data`, computed when the rule fires (it
// knows the counts and the spellings) and turned into code actions by codeActions.ts.
// Diagnostics travel through the editor and back, possibly to a newer version of the
// text, so each edit records a fingerprint of the text it replaces: a fix whose text has
// changed since is not offered rather than applied to the wrong characters.

import type { Range } from '../../protocol';
import type { FicText } from '../text/text';

export interface FixEdit {
  range: Range;
  newText: string;
  /** Fingerprint of the text the edit replaces (see fingerprint()). */
  replaces: string;
}

export interface FixCommand {
  title: string;
  command: string;
  arguments?: unknown[];
}

export interface Fix {
  title: string;
  /** Empty for a fix that is only a command. */
  edits: FixEdit[];
  /** A command the client runs (changing a setting): the one way a fix reaches outside
   * the text, and only when the client said it has the command. */
  command?: FixCommand;
  /** The fix to apply without asking (one per diagnostic at most). */
  preferred?: boolean;
}

export interface FixData {
  fixes: Fix[];
}

/** A short fingerprint of a text: its length and an FNV-1a hash. Long removed lines (a
 * 100,000-character Summary) stay small on the wire. */
export function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${text.length}:${(h >>> 0).toString(16)}`;
}

export function edit(text: FicText, range: Range, newText: string): FixEdit {
  return { range, newText, replaces: fingerprint(text.getTextInRange(range)) };
}

/** The range of a field's whole lines with one adjacent line break, so deleting it leaves
 * no blank line behind: the break after the last line, or before the first line when the
 * field ends the file. */
export function wholeLinesRange(text: FicText, firstLine: number, lastLine: number): Range {
  if (lastLine + 1 < text.lineCount) return { start: { line: firstLine, character: 0 }, end: { line: lastLine + 1, character: 0 } };
  if (firstLine > 0) {
    return {
      start: { line: firstLine - 1, character: text.lineAt(firstLine - 1).length },
      end: { line: lastLine, character: text.lineAt(lastLine).length },
    };
  }
  return { start: { line: firstLine, character: 0 }, end: { line: lastLine, character: text.lineAt(lastLine).length } };
}

/** The file's own line ending: the one after `line`, else the first one in the file. */
export function eolNear(text: FicText, line: number): string {
  const own = text.eolAt(line);
  if (own) return own;
  for (let i = 0; i < Math.min(text.lineCount, 50); i++) {
    const e = text.eolAt(i);
    if (e) return e;
  }
  return '\n';
}

// ---------------------------------------------------------------------------------------
// Reading `data` back from the wire: it may come from an older server or be anything.

function isPosition(v: unknown): v is Range['start'] {
  if (!v || typeof v !== 'object') return false;
  const p = v as Record<string, unknown>;
  return Number.isInteger(p.line) && Number.isInteger(p.character) && (p.line as number) >= 0 && (p.character as number) >= 0;
}

function isRange(v: unknown): v is Range {
  if (!v || typeof v !== 'object') return false;
  const r = v as Record<string, unknown>;
  return isPosition(r.start) && isPosition(r.end);
}

function isFixEdit(v: unknown): v is FixEdit {
  if (!v || typeof v !== 'object') return false;
  const e = v as Record<string, unknown>;
  return isRange(e.range) && typeof e.newText === 'string' && typeof e.replaces === 'string';
}

function isFix(v: unknown): v is Fix {
  if (!v || typeof v !== 'object') return false;
  const f = v as Record<string, unknown>;
  const command = f.command as Record<string, unknown> | undefined;
  const commandOk = command === undefined || (!!command && typeof command === 'object' && typeof command.title === 'string' && typeof command.command === 'string' && (command.arguments === undefined || Array.isArray(command.arguments)));
  const hasWork = (Array.isArray(f.edits) && f.edits.length > 0) || command !== undefined;
  return typeof f.title === 'string' && Array.isArray(f.edits) && hasWork && commandOk && f.edits.every(isFixEdit) && (f.preferred === undefined || typeof f.preferred === 'boolean');
}

/** The fixes in a diagnostic's data, or none when the data is not ours. */
export function readFixes(data: unknown): Fix[] {
  if (!data || typeof data !== 'object') return [];
  const fixes = (data as Record<string, unknown>).fixes;
  return Array.isArray(fixes) ? fixes.filter(isFix) : [];
}
