// One open story: its text model and the parses derived from it, cached so that every
// feature reads the same parse of the same version ("parse once per document version").
// The header parse survives edits below the header, so per-keystroke stats never re-read
// the header, let alone the body.

import { headerExtent, parse, parseHeader, type FicDocument, type Header } from './document';
import { FicText, type ContentChange } from '../text/text';
import type { CountMethod } from '../../protocol';

/** What a document's checks remember from one run to the next: the declared Word Count
 * last seen agreeing with the count by the writer's own method. */
export interface DocumentMemory {
  agreed: { value: number; method: CountMethod } | null;
}

export class FicSource {
  readonly text: FicText;
  version: number;
  /** What the checks remember between runs on this document (see DocumentMemory). */
  readonly memory: DocumentMemory = { agreed: null };
  private cachedHeader: { header: Header | null } | null = null;
  private cachedDocument: { revision: number; doc: FicDocument } | null = null;

  /** @param options.storeLater see FicText: the lines are stored later, by storeLines(). */
  constructor(
    readonly uri: string,
    content: string | FicText,
    version = 0,
    options: { storeLater?: boolean } = {},
  ) {
    this.text = typeof content === 'string' ? new FicText(content, options) : content;
    this.version = version;
  }

  applyChanges(changes: readonly ContentChange[], version: number): void {
    for (const change of changes) this.text.applyChange(change);
    this.version = version;
  }

  /** The header, re-parsed only when a change reached into it. */
  header(): Header | null {
    const dirtyFrom = this.text.takeDirtyFrom();
    if (this.cachedHeader && dirtyFrom <= headerExtent(this.cachedHeader.header, this.text)) this.cachedHeader = null;
    if (!this.cachedHeader) this.cachedHeader = { header: parseHeader(this.text) };
    return this.cachedHeader.header;
  }

  /** The full parse of the current version. */
  document(): FicDocument {
    const revision = this.text.changeCount;
    if (!this.cachedDocument || this.cachedDocument.revision !== revision) {
      this.cachedDocument = { revision, doc: parse(this.text, this.header()) };
    }
    return this.cachedDocument.doc;
  }
}
