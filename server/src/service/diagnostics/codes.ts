// Every diagnostic code and its default level. The codes are a public contract: they are
// listed in package.json (`fic.diagnostics.levels`) and the README, and quick fixes and
// writers' settings key on them.

import type { DiagnosticLevel } from '../../protocol';

export const DEFAULT_LEVELS = {
  'word-count-mismatch': 'warning',
  'word-count-other-method': 'information',
  'word-count-invalid': 'warning',
  'length-mismatch': 'warning',
  'unknown-rating': 'warning',
  'rating-conflict': 'warning',
  'missing-field': 'warning',
  'header-missing': 'information',
  'duplicate-field': 'warning',
  'empty-field': 'warning',
  'header-line-joined': 'warning',
  'warning-conflict': 'warning',
  'unknown-warning': 'information',
  'unknown-field': 'hint',
  'unknown-category': 'warning',
  'unknown-status': 'hint',
  'chapter-format': 'warning',
  // Before posting to AO3 (ao3/work.ts): what it would refuse, then what it would change.
  // A header without an Archive Warning is fine until the day it is posted: a hint, and
  // the preview and `fic export` list it as a refusal.
  'ao3-missing': 'hint',
  'ao3-too-long': 'information',
  'ao3-too-short': 'information',
  'ao3-tag-character': 'information',
  'ao3-too-many-tags': 'information',
  'ao3-not-rated': 'information',
  // Free-form warnings and other categories are fine in a header (a correct header is
  // silent); the preview and `fic export` say where they go. A writer may turn these on.
  'ao3-warning-as-tag': 'off',
  'ao3-category': 'off',
  'ao3-note-left-out': 'information',
  'chapter-number-clash': 'warning',
  'chapter-number-gap': 'information',
  'chapter-total-mismatch': 'warning',
  'chapter-count-over': 'warning',
  'complete-missing-chapters': 'warning',
  'work-field-conflict': 'warning',
  'work-word-count-mismatch': 'warning',
  'chapter-without-work': 'information',
  'goal-format': 'warning',
} as const satisfies Record<string, DiagnosticLevel>;

export type DiagnosticCode = keyof typeof DEFAULT_LEVELS;

export const DIAGNOSTIC_CODES = Object.keys(DEFAULT_LEVELS) as DiagnosticCode[];

export function isDiagnosticCode(code: unknown): code is DiagnosticCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(DEFAULT_LEVELS, code);
}
