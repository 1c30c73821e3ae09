// Folding: the header, each chapter and scene, fields that wrap onto more lines, and
// author's-note blocks. The header folds as kind `imports`, so that VS Code's
// `editor.foldingImportsByDefault` lets a writer open every story with its header tucked
// away. Editors keep one range per start line, so where two would share one the larger wins.

import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { FicDocument } from '../header/document';

export function folding(doc: FicDocument): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const add = (startLine: number, endLine: number, kind?: string) => {
    if (endLine <= startLine) return;
    const r: FoldingRange = { startLine, endLine };
    if (kind) r.kind = kind;
    ranges.push(r);
  };

  const header = doc.header;
  if (header && header.fields.length > 0) {
    const first = header.fields[0];
    const last = header.fields[header.fields.length - 1];
    if (first && last) add(first.line, last.endLine, FoldingRangeKind.Imports);
    for (const f of header.fields) add(f.line, f.endLine);
  }

  // A chapter folds over its own text and the scenes that follow it, up to the next chapter.
  const sections = doc.sections;
  for (let i = 0; i < sections.length; i++) {
    const s = sections[i];
    if (!s) continue;
    if (s.kind === 'chapter') {
      let end = s.endLine;
      for (let j = i + 1; j < sections.length && sections[j]?.kind !== 'chapter'; j++) end = (sections[j] as typeof s).endLine;
      add(s.startLine, end);
    } else {
      add(s.startLine, s.endLine);
    }
  }

  for (const n of doc.notes) add(n.startLine, n.endLine, FoldingRangeKind.Comment);

  return dedupe(ranges);
}

/** Sorted by start line, one range per start line: the one reaching furthest. */
function dedupe(ranges: FoldingRange[]): FoldingRange[] {
  ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  const out: FoldingRange[] = [];
  for (const r of ranges) {
    const prev = out[out.length - 1];
    if (prev && prev.startLine === r.startLine) continue;
    out.push(r);
  }
  return out;
}
