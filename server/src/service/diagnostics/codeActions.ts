// Quick fixes for our diagnostics, keyed on the diagnostic's code and the fixes its rule
// put in `data`. An edit whose target text has changed since the diagnostic was made is
// dropped with its fix: a stale fix must never land on the wrong characters, and no fix
// ever reaches into the body.

import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver-types';
import { FIX_ALL_KIND, SET_WORD_COUNT_METHOD_COMMAND, type FicSettings, type SetWordCountMethodArgs } from '../../protocol';
import { createContext, type CheckOptions } from './context';
import { wordCountRules } from './wordCount';
import { isDiagnosticCode } from './codes';
import type { FicDocument } from '../header/document';
import { fingerprint, readFixes, type FixCommand, type FixEdit } from './fixData';

function before(a: Range['start'], b: Range['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** Whether two ranges overlap or touch (a cursor at either end of a diagnostic counts). */
function touches(a: Range, b: Range): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function stillApplies(doc: FicDocument, e: FixEdit): boolean {
  const clamped = doc.text.clampRange(e.range);
  const same = (p: Range['start'], q: Range['start']) => p.line === q.line && p.character === q.character;
  if (!same(clamped.start, e.range.start) || !same(clamped.end, e.range.end)) return false;
  return fingerprint(doc.text.getTextInRange(e.range)) === e.replaces;
}

/** Our fixes edit the header only (with no header: insert one at the very top). Data
 * comes back from the client, so this is checked rather than trusted. */
function inHeader(doc: FicDocument, e: FixEdit): boolean {
  const headerStart = { line: doc.header ? doc.header.startLine : 0, character: 0 };
  const bodyStart = { line: doc.bodyStartLine, character: 0 };
  return !before(e.range.start, headerStart) && !before(bodyStart, e.range.end);
}

/** Edits of one fix must not overlap, or their result depends on the order applied. */
function disjoint(edits: readonly FixEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => (before(a.range.start, b.range.start) ? -1 : before(b.range.start, a.range.start) ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    if (before((sorted[i] as FixEdit).range.start, (sorted[i - 1] as FixEdit).range.end)) return false;
  }
  return true;
}

export function codeActions(doc: FicDocument, range: Range, diagnostics: readonly Diagnostic[], settings: FicSettings, options: CodeActionOptions = {}): CodeAction[] {
  const uri = options.uri ?? '';
  const only = options.only;
  const actions: CodeAction[] = [];
  if (only && only.length > 0) {
    // A source action asked for by kind (on save, or Fic: Update Word Count).
    if (only.some((k) => FIX_ALL_KIND === k || FIX_ALL_KIND.startsWith(`${k}.`))) {
      const fixAll = fixAllAction(doc, settings, options);
      if (fixAll) actions.push(fixAll);
    }
    if (!only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${k}.`) || k === CodeActionKind.Empty)) return actions;
  }
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== 'fic' || !isDiagnosticCode(diagnostic.code)) continue;
    if (diagnostic.range && !touches(diagnostic.range, range)) continue;
    let preferredTaken = false;
    for (const fix of readFixes(diagnostic.data)) {
      if (!fix.edits.every((e) => inHeader(doc, e) && stillApplies(doc, e)) || !disjoint(fix.edits)) continue;
      const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic] };
      if (fix.command) {
        // Data comes back from the client: only a command it said it has, for this document.
        if (!commandAllowed(fix.command, uri, options.clientCommands)) continue;
        action.command = { title: fix.command.title, command: fix.command.command, arguments: fix.command.arguments ?? [] };
      }
      if (fix.edits.length > 0) {
        const edits: TextEdit[] = fix.edits.map((e) => ({ range: e.range, newText: e.newText }));
        action.edit = { changes: { [uri]: edits } };
      }
      if (fix.preferred && !preferredTaken) {
        action.isPreferred = true;
        preferredTaken = true;
      }
      actions.push(action);
    }
  }
  return actions;
}

export interface CodeActionOptions extends CheckOptions {
  /** CodeActionContext.only: the kinds the editor asks for. */
  only?: readonly string[];
}

function commandAllowed(command: FixCommand, uri: string, clientCommands: ReadonlySet<string> | undefined): boolean {
  if (!clientCommands?.has(command.command) || command.command !== SET_WORD_COUNT_METHOD_COMMAND) return false;
  const [args, ...rest] = command.arguments ?? [];
  const a = args as Partial<SetWordCountMethodArgs> | undefined;
  return rest.length === 0 && !!a && a.uri === uri && (a.method === 'ao3' || a.method === 'whitespace');
}

/** `source.fixAll.fic`: bring the Word Count's number up to date, in the writer's format,
 * when it disagrees with the writer's own method; nothing else, ever. */
function fixAllAction(doc: FicDocument, settings: FicSettings, options: CheckOptions): CodeAction | null {
  // The checks' own verdict: a count that matches the other method, and never agreed with
  // the writer's, is left for the writer to decide.
  const ctx = createContext(doc, settings, options);
  const finding = wordCountRules(ctx).find((f) => f.code === 'word-count-mismatch');
  const fix = finding?.fixes?.find((f) => f.preferred) ?? finding?.fixes?.[0];
  if (!fix || fix.edits.length === 0 || !fix.edits.every((e) => inHeader(doc, e))) return null;
  return {
    title: fix.title,
    kind: FIX_ALL_KIND,
    edit: { changes: { [options.uri ?? '']: fix.edits.map((e) => ({ range: e.range, newText: e.newText })) } },
  };
}
