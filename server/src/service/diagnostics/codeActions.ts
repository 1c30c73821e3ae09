// Quick fixes for our diagnostics, keyed on the diagnostic's code and the fixes its rule
// put in `data`. An edit whose target text has changed since the diagnostic was made is
// dropped with its fix: a stale fix must never land on the wrong characters, and no fix
// ever reaches into the body.

import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver-types';
import type { FicSettings } from '../../protocol';
import { isDiagnosticCode } from './codes';
import type { FicDocument } from '../header/document';
import { fingerprint, readFixes, type FixEdit } from './fixData';

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

export function codeActions(doc: FicDocument, range: Range, diagnostics: readonly Diagnostic[], _settings: FicSettings, uri = ''): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== 'fic' || !isDiagnosticCode(diagnostic.code)) continue;
    if (diagnostic.range && !touches(diagnostic.range, range)) continue;
    let preferredTaken = false;
    for (const fix of readFixes(diagnostic.data)) {
      if (!fix.edits.every((e) => inHeader(doc, e) && stillApplies(doc, e)) || !disjoint(fix.edits)) continue;
      const edits: TextEdit[] = fix.edits.map((e) => ({ range: e.range, newText: e.newText }));
      const action: CodeAction = {
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: { changes: { [uri]: edits } },
      };
      if (fix.preferred && !preferredTaken) {
        action.isPreferred = true;
        preferredTaken = true;
      }
      actions.push(action);
    }
  }
  return actions;
}
