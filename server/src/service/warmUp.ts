// warmUp(): the writer's first story of a session no longer pays for the server's first run.
//
// The first time each function runs, V8 compiles it and its property lookups start cold:
// the first didOpen of a 1k-word story took 18-24 ms to its figures in a quiet Node and
// about 30 in a busy editor, against 5 once warm (test/bench/editor/results.md). VS Code
// starts our server before it asks anything of it (the early fork,
// client/src/serverProcess.ts), and the server then waits 100-450 ms for `initialize`: this
// runs a first story's work once in that wait, on a story of our own, in a service of its
// own, so nothing of it reaches the writer's service, history or editor.

import { createFicService } from './index';
import { FicSource } from './header/source';
import { byteCounter } from './text/count';

/** A short story that goes down the paths a real one does: a header with the usual fields
 * (a pairing, ratings and warnings from the lists, a chapter count, a Word Count out of
 * date), curly quotes, a dash, letters outside ASCII, a scene break, a note and `The End`. */
const LINES = [
  'Title: The Lighthouse Keeper\u2019s Garden',
  'Author: warm_up',
  'Fandom: Original Work',
  'Pairing: Maren/Ilse',
  'Rating: Teen And Up Audiences',
  'Warnings: No Archive Warnings Apply',
  'Tags: Slow Burn, Found Family',
  'Chapter: 1/2',
  'Word Count: 120',
  'Summary: Two keepers, one lamp, and the winter between them.',
  '',
  'A/N: Written for a prompt about lamps.',
  '',
  '\u201cYou\u2019re late,\u201d Maren said, not looking up from the seed trays. The wind off the water rattled the glass.',
  '',
  'Ilse shrugged out of her coat \u2014 salt in every seam \u2014 and hung it by the stove. \u201cThe boat\u2019s engine again. Na\u00efve of me to trust it.\u201d',
  '',
  '* * *',
  '',
  'By spring the garden had taken the whole south wall, and nobody on the mainland believed them.',
  '',
  'The End',
  '',
];
const STORY = LINES.join('\n');
/** The last paragraph, where the warm-up's keystroke goes (before `The End`). */
const LAST = LINES.indexOf('The End') - 2;

/** Runs a first story's work (open, figures, a selection, checks, outline, folding, a
 * keystroke and its figures) in a service of its own, and readies the byte counter.
 * Returns the story's figures, for the tests; the server ignores them. Pure: no file, no
 * timer, nothing sent. */
export function warmUp(): { words: number; afterEdit: number } {
  const service = createFicService();
  const source = new FicSource('untitled:fic-warm-up', STORY, 1, { storeLater: true });
  service.works.open(source);
  const first = service.stats(source, [{ start: { line: 13, character: 0 }, end: { line: 15, character: 20 } }]);
  service.progress.summary(source);
  source.text.storeLines(Number.POSITIVE_INFINITY);
  service.diagnostics(source);
  service.symbols(source);
  service.folding(source);
  // A keystroke: a word typed at the end of the last paragraph before `The End`.
  const end = { line: LAST, character: (LINES[LAST] as string).length };
  source.applyChanges([{ range: { start: end, end }, text: ' Ever.' }], 2);
  service.works.edited(source);
  const after = service.stats(source);
  // The counter of story files read as bytes (the works index, at `initialized`): its
  // WebAssembly module is compiled on first use.
  byteCounter();
  return { words: first.words, afterEdit: after.words };
}
