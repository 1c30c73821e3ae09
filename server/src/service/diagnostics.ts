import type { Diagnostic } from 'vscode-languageserver-types';
import type { FicSettings } from '../protocol';
import type { FicDocument } from './document';

export function diagnose(_doc: FicDocument, _settings: FicSettings): Diagnostic[] {
  return [];
}
