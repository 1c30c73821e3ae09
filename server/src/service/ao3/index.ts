// AO3 posting: the form (fields, chapter HTML, problems) and its checks as diagnostics.

import type { Diagnostic } from 'vscode-languageserver-types';
import type { FicSettings } from '../../protocol';
import { toDiagnostic } from '../diagnostics';
import type { FicDocument } from '../header/document';
import { bodyFigures } from '../header/stats';
import { buildWork, textNeedsMeasuring } from './work';
import { AO3_LIMITS } from '../catalog';

export { buildWork, ao3Rating, htmlWords, AO3_RATINGS, type Ao3Finding, type Ao3Result } from './work';
export { form } from './form';
export { wholeWork, type ChapterFile, type WholeWork, type WorkShape } from './whole';
export { bodyHtml, inlineHtml, escapeHtml } from './html';

// Fields the header check already reports as missing when the writer requires them.
const REQUIRED_NAMES: Record<string, string> = { title: 'title', fandoms: 'fandom' };

/** The checks before posting, on the header lines concerned. The chapter text is built
 * only when its length may be outside AO3's bounds. */
export function ao3Diagnostics(doc: FicDocument, settings: FicSettings, laterChapter = false): Diagnostic[] {
  // A file without a header is not being readied for posting yet (header-missing says so).
  if (!doc.header) return [];
  const figures = bodyFigures(doc.text, doc.header);
  // Every visible character of the story's prose reaches the HTML (the figures leave out
  // scene breaks and headings): far past the limit, that alone decides, without the HTML.
  const atLeast = figures.charactersNoSpaces;
  const withText = atLeast <= AO3_LIMITS.chapterMaxChars && (figures.paragraphs === 0 || textNeedsMeasuring(figures.characters, doc.text.lineCount));
  const required = new Set(settings.header.requiredFields.map((f) => f.toLowerCase()));
  const out: Diagnostic[] = [];
  for (const finding of buildWork(doc, settings, withText, atLeast).findings) {
    const name = REQUIRED_NAMES[finding.field];
    if (finding.code === 'ao3-missing' && name && required.has(name)) continue;
    // A later chapter of a work posts into the work its first chapter made: the work's
    // Title, Fandom, Rating, Warnings and its count of tags are that chapter's to give.
    if (laterChapter && (finding.code === 'ao3-missing' || finding.code === 'ao3-not-rated' || finding.code === 'ao3-too-many-tags')) continue;
    // A story not begun yet is not too short: the preview and `fic export` still say so.
    if (finding.code === 'ao3-too-short' && figures.characters === 0) continue;
    const d = toDiagnostic(finding, settings);
    if (d) out.push(d);
  }
  return out;
}
