// The invariants every answer of the language service must keep, whatever the input:
// no exception, every range inside the document, every proposed edit confined to the
// header with the body byte-identical after it. Shared by the property tests and the
// pathological-file tests.

import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, DocumentSymbol, Position, Range, TextEdit } from 'vscode-languageserver-types';
import type { FicService, FicSource } from '../../server/src/service';
import type { FicText } from '../../server/src/service/text/text';
import { referenceApplyEdits } from './hostile';

export function assertPosition(text: FicText, p: Position, what: string): void {
  assert.ok(Number.isInteger(p.line) && Number.isInteger(p.character), `${what}: ${JSON.stringify(p)} is not a position`);
  assert.ok(p.line >= 0 && p.line < text.lineCount, `${what}: line ${p.line} is outside the document (${text.lineCount} lines)`);
  const length = text.lineAt(p.line).length;
  assert.ok(p.character >= 0 && p.character <= length, `${what}: character ${p.character} is outside line ${p.line} (${length} long)`);
}

export function assertRange(text: FicText, r: Range, what: string): void {
  assertPosition(text, r.start, `${what} start`);
  assertPosition(text, r.end, `${what} end`);
  assert.ok(!after(r.start, r.end), `${what}: starts after it ends ${JSON.stringify(r)}`);
}

function after(a: Position, b: Position): boolean {
  return a.line > b.line || (a.line === b.line && a.character > b.character);
}

function inside(inner: Range, outer: Range): boolean {
  return !after(outer.start, inner.start) && !after(inner.end, outer.end);
}

export function assertSymbols(text: FicText, symbols: readonly DocumentSymbol[], parent: DocumentSymbol | null = null): void {
  for (const s of symbols) {
    assertRange(text, s.range, `symbol ${s.name}`);
    assertRange(text, s.selectionRange, `symbol ${s.name} selectionRange`);
    assert.ok(inside(s.selectionRange, s.range), `symbol ${s.name}: selectionRange ${JSON.stringify(s.selectionRange)} is outside its range ${JSON.stringify(s.range)}`);
    if (parent) assert.ok(inside(s.range, parent.range), `symbol ${s.name} lies outside its parent ${parent.name}`);
    assert.equal(typeof s.name, 'string');
    assert.ok(s.name.length > 0, 'a symbol needs a name (VS Code rejects empty ones)');
    if (s.children) assertSymbols(text, s.children, s);
  }
}

/** The edits an action proposes for `uri`; any other document is a failure. */
export function actionEdits(action: CodeAction, uri: string): TextEdit[] {
  const edits: TextEdit[] = [];
  const changes = action.edit?.changes ?? {};
  for (const [target, list] of Object.entries(changes)) {
    assert.equal(target, uri, `action '${action.title}' edits another document`);
    edits.push(...list);
  }
  for (const change of action.edit?.documentChanges ?? []) {
    assert.ok('textDocument' in change && 'edits' in change, `action '${action.title}' creates, renames or deletes files`);
    assert.equal(change.textDocument.uri, uri, `action '${action.title}' edits another document`);
    for (const e of change.edits) edits.push(e as TextEdit);
  }
  return edits;
}

/**
 * An action may change the header and nothing else: each edit lies between the header's
 * first line and the start of the body (a header inserted into a file without one lands
 * at the very start), and after all of them the body is the same bytes, only moved by the
 * lines the header gained or lost.
 */
export function assertHeaderOnly(source: FicSource, action: CodeAction): void {
  const text = source.text;
  const header = source.document().header;
  const headerStart: Position = { line: header ? header.startLine : 0, character: 0 };
  const bodyStart: Position = { line: header ? header.bodyStartLine : 0, character: 0 };
  const edits = actionEdits(action, source.uri);
  assert.ok(edits.length > 0, `action '${action.title}' proposes no edit`);
  for (const e of edits) {
    assertRange(text, e.range, `edit of '${action.title}'`);
    assert.equal(typeof e.newText, 'string');
    assert.ok(!after(headerStart, e.range.start) && !after(e.range.end, bodyStart), `action '${action.title}' edits ${JSON.stringify(e.range)}, outside the header (lines ${headerStart.line}-${bodyStart.line - 1})`);
  }
  const before = text.getText();
  const afterText = referenceApplyEdits(before, edits);
  assert.ok(afterText !== null, `action '${action.title}' has overlapping edits`);
  const body = bodyStart.line < text.lineCount ? text.getTextInRange({ start: bodyStart, end: text.fullRange().end }) : '';
  assert.ok(afterText.endsWith(body), `action '${action.title}' changed the body`);
  const cut = afterText.length - body.length;
  const seam = afterText[cut - 1];
  assert.ok(body === '' || cut === 0 || seam === '\n' || seam === '\r', `action '${action.title}' glued the header onto the body's first line`);
}

export interface Probe {
  /** Cursor positions to complete and hover at, in range or not. */
  positions?: readonly Position[];
  /** Ranges to ask code actions for, with made-up diagnostics. */
  ranges?: readonly Range[];
  /** Diagnostics a client might send back, ours or not. */
  foreign?: readonly Diagnostic[];
  /** Ask for code actions of at most this many diagnostics one by one (all at once too). */
  actionsPerDiagnostic?: number;
}

export interface ProbeResult {
  diagnostics: Diagnostic[];
  actions: number;
}

/** Every feature of the facade on one source; throws on any broken invariant. */
export function exercise(service: FicService, source: FicSource, probe: Probe = {}): ProbeResult {
  const text = source.text;
  const ranges = probe.ranges ?? [];
  const stats = service.stats(source, ranges);
  for (const [k, v] of Object.entries(stats)) {
    if (typeof v === 'number') assert.ok(Number.isInteger(v) && v >= 0, `stats.${k} = ${v}`);
  }
  assert.equal(stats.words, stats.wordsByMethod[stats.method]);
  assert.equal(stats.selections.length, ranges.length);
  for (const s of stats.selections) assert.ok(Number.isInteger(s) && s >= 0);
  assert.equal(stats.lines, text.lineCount);

  const diagnostics = service.diagnostics(source);
  for (const d of diagnostics) {
    assertRange(text, d.range, `diagnostic ${String(d.code)}`);
    assert.equal(typeof d.code, 'string', 'every diagnostic has a stable code');
    assert.ok((typeof d.message === 'string' ? d.message : d.message.value).length > 0, 'a diagnostic says something');
  }
  let actions = 0;
  const limit = probe.actionsPerDiagnostic ?? Number.POSITIVE_INFINITY;
  // Checking an action costs a copy of the text: on huge files, check the first few.
  const check = (list: CodeAction[]) => {
    for (const a of list.slice(0, limit)) {
      assertHeaderOnly(source, a);
      actions++;
    }
  };
  diagnostics.slice(0, limit).forEach((d) => check(service.codeActions(source, d.range, [d])));
  check(service.codeActions(source, text.fullRange(), diagnostics));
  for (const r of ranges) {
    check(service.codeActions(source, r, diagnostics.slice(0, 20)));
    check(service.codeActions(source, r, probe.foreign ?? []));
  }

  for (const p of probe.positions ?? []) {
    const list = service.completion(source, p);
    assert.ok(Array.isArray(list.items));
    for (const item of list.items) {
      assert.equal(typeof item.label, 'string');
      const edit = item.textEdit;
      if (edit && 'range' in edit) assertRange(text, edit.range, `completion '${item.label}'`);
      if (edit && 'insert' in edit) {
        assertRange(text, edit.insert, `completion '${item.label}' insert`);
        assertRange(text, edit.replace, `completion '${item.label}' replace`);
      }
      for (const extra of item.additionalTextEdits ?? []) assertRange(text, extra.range, `completion '${item.label}' additional edit`);
    }
    const hover = service.hover(source, p);
    if (hover?.range) assertRange(text, hover.range, 'hover');
  }

  assertSymbols(text, service.symbols(source));
  for (const f of service.folding(source)) {
    assert.ok(Number.isInteger(f.startLine) && Number.isInteger(f.endLine), `folding ${JSON.stringify(f)}`);
    assert.ok(f.startLine >= 0 && f.startLine <= f.endLine && f.endLine < text.lineCount, `folding ${JSON.stringify(f)} in ${text.lineCount} lines`);
  }
  return { diagnostics, actions };
}
