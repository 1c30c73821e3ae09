import type { CompletionList, Position } from 'vscode-languageserver-types';
import type { FicSettings } from '../protocol';
import type { FicDocument } from './document';

export function complete(_doc: FicDocument, _position: Position, _settings: FicSettings): CompletionList {
  return { isIncomplete: false, items: [] };
}
