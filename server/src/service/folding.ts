import type { FoldingRange } from 'vscode-languageserver-types';
import type { FicDocument } from './document';

export function folding(_doc: FicDocument): FoldingRange[] {
  return [];
}
