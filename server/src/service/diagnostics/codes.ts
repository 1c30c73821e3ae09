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
  'warning-conflict': 'warning',
  'unknown-warning': 'information',
  'unknown-field': 'hint',
  'unknown-category': 'warning',
  'unknown-status': 'hint',
  'chapter-format': 'warning',
  'ao3-limit': 'information',
  'goal-format': 'warning',
} as const satisfies Record<string, DiagnosticLevel>;

export type DiagnosticCode = keyof typeof DEFAULT_LEVELS;

export const DIAGNOSTIC_CODES = Object.keys(DEFAULT_LEVELS) as DiagnosticCode[];

export function isDiagnosticCode(code: unknown): code is DiagnosticCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(DEFAULT_LEVELS, code);
}
