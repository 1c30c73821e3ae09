// The heading that opens a story's body, read from the live model: the first line of the
// body that is neither blank nor an author's note, when it is a chapter heading. The AO3
// form takes that same line's title as the Chapter Title when the header gives none, and
// the works list names the chapter by it. Cost: the blank and note lines before it.

import { openingTitle } from '../text/lines';
import { LineFlag, type FicText } from '../text/text';
import { findTrailer, type Header } from './document';

export function openingHeading(text: FicText, header: Header | null): string | null {
  const bodyStart = header ? header.bodyStartLine : 0;
  for (let i = bodyStart; i < text.lineCount; i++) {
    const flags = text.lineFlags(i);
    if (flags & (LineFlag.Blank | LineFlag.InNote)) continue;
    if (!(flags & LineFlag.Break) || flags & LineFlag.SceneBreak) return null;
    // A closing line is out of the story, so it opens nothing.
    return findTrailer(text, bodyStart) === i ? null : openingTitle(text.lineAt(i));
  }
  return null;
}
