import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-types';
import type { FicSettings } from '../protocol';
import type { FicDocument } from './document';

export function codeActions(_doc: FicDocument, _range: Range, _diagnostics: readonly Diagnostic[], _settings: FicSettings): CodeAction[] {
  return [];
}
