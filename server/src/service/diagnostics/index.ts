// The diagnostics: every rule reads the same parse and the same body figures (one pass
// over the header; the body only through its running totals), so checking a 1M-word story
// after a pause in typing costs about what checking a drabble does. Each finding gets its
// stable code, `source: 'fic'`, the level the writer chose for that code (or its default)
// and its quick fixes in `data`.

import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { DiagnosticLevel, FicSettings } from '../../protocol';
import { DEFAULT_LEVELS } from './codes';
import { createContext, type CheckOptions, type Finding, type Rule } from './context';
import { duplicateFields, emptyFields, missingFields, unknownFields } from './header';
import { joinedLines } from './headerLines';
import { goalRules } from './goal';
import { ratingRules } from './rating';
import { categoryRules, chapterRules, statusRules, warningRules } from './values';
import { wordCountRules } from './wordCount';
import type { FicDocument } from '../header/document';
import type { FixData } from './fixData';

const RULES: readonly Rule[] = [
  missingFields,
  duplicateFields,
  emptyFields,
  joinedLines,
  unknownFields,
  wordCountRules,
  ratingRules,
  warningRules,
  categoryRules,
  statusRules,
  chapterRules,
  goalRules,
];

const SEVERITY: Record<Exclude<DiagnosticLevel, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function diagnose(doc: FicDocument, settings: FicSettings, options: CheckOptions = {}): Diagnostic[] {
  const ctx = createContext(doc, settings, options);
  const diagnostics: Diagnostic[] = [];
  for (const findings of [...RULES.map((rule) => rule(ctx)), options.extra ?? []]) {
    for (const finding of findings) {
      const diagnostic = toDiagnostic(finding, settings);
      if (diagnostic) diagnostics.push(diagnostic);
    }
  }
  return diagnostics;
}

/** A finding at the level the writer chose for its code (or its default); null when off. */
export function toDiagnostic(finding: Finding, settings: FicSettings): Diagnostic | null {
  const level = settings.diagnostics.levels[finding.code] ?? DEFAULT_LEVELS[finding.code];
  if (level === 'off') return null;
  const diagnostic: Diagnostic = {
    range: finding.range,
    severity: SEVERITY[level],
    code: finding.code,
    source: 'fic',
    message: finding.message,
  };
  if (finding.fixes && finding.fixes.length > 0) diagnostic.data = { fixes: finding.fixes } satisfies FixData;
  return diagnostic;
}
