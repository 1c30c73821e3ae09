import type { DocumentSymbol } from 'vscode-languageserver-types';
import type { FicDocument } from './document';

export function symbols(_doc: FicDocument): DocumentSymbol[] {
  return [];
}
