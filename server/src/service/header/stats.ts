// The figures behind `fic/stats`: derived from the document model's running totals, minus
// the header lines, the trailer line and the notes. Cost: the header's lines, not the body's.

import type { CountMethod, Range, WordsByMethod } from '../../protocol';
import { findTrailer, type Header } from './document';
import { parseDeclaredCount } from './declared';
import { LineFlag, type FicText } from '../text/text';

export interface BodyFigures {
  words: WordsByMethod;
  headerWords: WordsByMethod;
  trailerWords: WordsByMethod;
  noteWords: WordsByMethod;
  characters: number;
  charactersNoSpaces: number;
  paragraphs: number;
  sections: number;
  trailerLine: number | null;
}

export function bodyFigures(text: FicText, header: Header | null): BodyFigures {
  const bodyStart = header ? header.bodyStartLine : 0;
  const total = text.totals();
  const head = text.sumLines(0, bodyStart);
  const notesInHeader = text.sumLines(0, bodyStart, LineFlag.InNote);
  // Scene breaks and chapter headings are furniture, as the header is: the running total,
  // less any in the header lines (already out with them). A note's break is out with the note.
  const breaksInHeader = breaksIn(text, 0, bodyStart);
  const allBreaks = text.breakTotals();
  const bodyBreaks = {
    ws: allBreaks.ws - breaksInHeader.ws,
    ao3: allBreaks.ao3 - breaksInHeader.ao3,
    chars: allBreaks.chars - breaksInHeader.chars,
    nonSpace: allBreaks.nonSpace - breaksInHeader.nonSpace,
  };
  const notes = text.noteTotals();
  const trailerLine = findTrailer(text, bodyStart);
  const trailer = trailerLine === null ? text.sumLines(0, 0) : text.lineFigures(trailerLine);

  let paragraphs = text.paragraphCount();
  let breaks = text.breakCount();
  for (let i = 0; i < Math.min(bodyStart, text.lineCount); i++) {
    const f = text.lineFlags(i);
    if (f & LineFlag.ParagraphStart) paragraphs--;
    if (f & LineFlag.Break) breaks--;
  }
  if (trailerLine !== null && text.lineFlags(trailerLine) & LineFlag.ParagraphStart) paragraphs--;
  if (header?.separatorLine != null && header.separatorLine >= bodyStart) breaks--;

  const bodyNotes = {
    ws: notes.ws - notesInHeader.ws,
    ao3: notes.ao3 - notesInHeader.ao3,
    chars: notes.chars - notesInHeader.chars,
    nonSpace: notes.nonSpace - notesInHeader.nonSpace,
  };
  const words = {
    whitespace: total.ws - head.ws - bodyNotes.ws - trailer.ws - bodyBreaks.ws,
    ao3: total.ao3 - head.ao3 - bodyNotes.ao3 - trailer.ao3 - bodyBreaks.ao3,
  };
  return {
    words,
    headerWords: { whitespace: head.ws, ao3: head.ao3 },
    trailerWords: { whitespace: trailer.ws, ao3: trailer.ao3 },
    noteWords: { whitespace: bodyNotes.ws, ao3: bodyNotes.ao3 },
    characters: total.chars - head.chars - bodyNotes.chars - trailer.chars - bodyBreaks.chars,
    charactersNoSpaces: total.nonSpace - head.nonSpace - bodyNotes.nonSpace - trailer.nonSpace - bodyBreaks.nonSpace,
    paragraphs,
    // A body with text in it is one section, plus one for each break or heading after text.
    sections: words.whitespace > 0 || breaks > 0 ? Math.max(1, breaks + (startsWithText(text, bodyStart) ? 1 : 0)) : 0,
    trailerLine,
  };
}

/** Figures of the break lines of [from, to) that are not in a note. */
function breaksIn(text: FicText, from: number, to: number): { ws: number; ao3: number; chars: number; nonSpace: number } {
  const f = { ws: 0, ao3: 0, chars: 0, nonSpace: 0 };
  for (let i = from; i < Math.min(to, text.lineCount); i++) {
    const flags = text.lineFlags(i);
    if (!(flags & LineFlag.Break) || flags & LineFlag.InNote) continue;
    const l = text.lineFigures(i);
    f.ws += l.ws;
    f.ao3 += l.ao3;
    f.chars += l.chars;
    f.nonSpace += l.nonSpace;
  }
  return f;
}

/** Whether the body's first non-blank line is prose (then it opens a section of its own). */
function startsWithText(text: FicText, bodyStart: number): boolean {
  for (let i = bodyStart; i < text.lineCount; i++) {
    const f = text.lineFlags(i);
    if (f & LineFlag.Blank) continue;
    return !(f & LineFlag.Break);
  }
  return false;
}

/** Words in each range by the rules of the total: only the body between the header and
 * the trailer line, notes, scene breaks and chapter headings left out. So a selection never counts more than
 * the figure it is "of". */
export function selectionWords(text: FicText, header: Header | null, ranges: readonly Range[] | undefined, method: CountMethod): number[] {
  if (!ranges || ranges.length === 0) return [];
  const bodyStart = header ? header.bodyStartLine : 0;
  const trailerLine = findTrailer(text, bodyStart);
  const end = trailerLine ?? text.lineCount;
  return ranges.map((range) => {
    const r = text.clampRange(range);
    const start = r.start.line < bodyStart ? { line: bodyStart, character: 0 } : r.start;
    const stop = r.end.line >= end ? { line: end, character: 0 } : r.end;
    if (start.line > stop.line || (start.line === stop.line && start.character >= stop.character)) return 0;
    if (start.line >= text.lineCount) return 0;
    return text.countRange({ start, end: stop }, method, LineFlag.InNote | LineFlag.Break);
  });
}

export function readingMinutes(words: number, wordsPerMinute: number): number {
  const speed = Number.isFinite(wordsPerMinute) && wordsPerMinute > 0 ? wordsPerMinute : 250;
  return words === 0 ? 0 : Math.max(1, Math.ceil(words / speed));
}

export function declaredOf(header: Header | null): { value: number | null; text: string | null } {
  const field = header?.fields.find((f) => f.name === 'Word Count');
  if (!field) return { value: null, text: null };
  const parsed = parseDeclaredCount(field.value);
  return { value: parsed ? parsed.value : null, text: field.value };
}
