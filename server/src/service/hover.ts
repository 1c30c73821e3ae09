import type { Hover, Position } from 'vscode-languageserver-types';
import type { FicSettings } from '../protocol';
import type { FicDocument } from './document';

export function hover(_doc: FicDocument, _position: Position, _settings: FicSettings): Hover | null {
  return null;
}
