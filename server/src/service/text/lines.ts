// What a single line is, judged on its own: blank, a scene break, a chapter heading, the
// start of an author's note, a trailer, a header field. Each test looks at one line only,
// so the document model can re-classify just the lines an edit touched. Hand-written
// scans or anchored regexes without nested quantifiers: every test is linear in the line.

import { TRAILER_WORDS } from '../catalog';

/** Separators of `wc -w` plus the other Unicode spaces: a line of only these is blank. */
export function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0b || c === 0x0c || c === 0xa0 || c === 0xfeff || c === 0x3000) continue;
    if (c >= 0x2000 && c <= 0x200b) continue;
    if (c === 0x202f || c === 0x205f || c === 0x2060 || c === 0x1680) continue;
    return false;
  }
  return true;
}

const SEPARATOR_CHARS = new Set(['-', '*', '~', '=', '_']);

/** `---`, `***`, `~~~`, `===`, `___`, optionally spaced (`* * *`): three or more of one
 * character. Such a line may end a header; in the body it is a scene break. */
export function isRuleLine(line: string): boolean {
  let ch = '';
  let n = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (c === ' ' || c === '\t') continue;
    if (!SEPARATOR_CHARS.has(c)) return false;
    if (ch === '') ch = c;
    else if (c !== ch) return false;
    n++;
  }
  return n >= 3;
}

// Decoration that writers build scene breaks from, besides the rule characters.
const BREAK_DECORATION = /^[\s*~\-=_#+.•·◦°<>/\\|:§❧❦✦✧★☆♥♡oOxX0]+$/u;
const HAS_LETTERS_OTHER_THAN_OX = /[^\s*~\-=_#+.•·◦°<>/\\|:§❧❦✦✧★☆♥♡oOxX0]/u;

/** A scene break: a rule line, a lone centred `#`, or a short run of decoration such as
 * `ooo`, `xXx`, `o0o`, `-o-`, `~*~`. */
export function isSceneBreak(line: string): boolean {
  const t = line.trim();
  if (t.length === 0 || t.length > 40) return false;
  if (t === '#') return true;
  if (isRuleLine(t)) return true;
  if (!BREAK_DECORATION.test(t) || HAS_LETTERS_OTHER_THAN_OX.test(t)) return false;
  const compact = t.replace(/\s+/g, '');
  if (compact.length < 3) return false;
  // `...` alone is a pause in dialogue, not a break.
  if (/^\.+$/.test(compact)) return false;
  return true;
}

const NUMBER_WORDS =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty';
const CHAPTER_HEADING = new RegExp(
  '^\\s*(?:#{1,6}\\s*)?(?:' +
    `(?:chapter|ch\\.|part|book)\\s+(?:\\d+|[ivxlc]+|${NUMBER_WORDS})\\b(?:\\s*[:.\\-–—]\\s*.*|\\s*)` +
    '|(?:prologue|epilogue|interlude|coda|afterword|foreword)(?:\\s*[:.\\-–—]\\s*.*|\\s*)' +
    ')$',
  'i',
);

/** A chapter heading: `Chapter 3`, `Chapter Three: Homecoming`, `Part II`, `Prologue`,
 * `# Epilogue - After`, or a Markdown heading `## Title`. */
export function isChapterHeading(line: string): boolean {
  if (line.length > 120) return false;
  if (CHAPTER_HEADING.test(line)) return true;
  return /^#{1,6}\s+\S/.test(line);
}

const CHAPTER_WORD = /^(?:chapter|ch\.|part|book)\s+(?:\d+|[ivxlc]+\b|[a-z]+(?:-[a-z]+)?)(?:\s*[:.\-–—]\s*(.*))?$/i;

/** What AO3's Chapter Title takes from a heading: `Chapter 3: The Tide` -> `The Tide`,
 * `Chapter Three` -> '', `Prologue` and `## The Storm` as they read. The one reading of a
 * heading's title: the AO3 form and the works list both name a chapter by it. */
export function headingTitle(line: string): string {
  const t = trimLine(line).replace(/^#{1,6}\s*/, '');
  const m = CHAPTER_WORD.exec(t);
  return m ? (m[1] ?? '').trim() : t;
}

/** The title a line gives the chapter it opens, or null: not a chapter heading (a scene
 * break is none), or a heading without a title (`Chapter 3`). At most 120 characters, the
 * longest line taken for a heading: well within AO3's 255 for a Chapter Title, and all a
 * summary holds of it. */
export function openingTitle(line: string): string | null {
  if (isSceneBreak(line) || !isChapterHeading(line)) return null;
  return headingTitle(line) || null;
}

const TRIMMED = /\s/u;
const isTrimmed = (c: string) => c === '\ufeff' || TRIMMED.test(c);

/** Whitespace at either end of a line shows nothing in HTML and is never a word. A scan:
 * `/\s+$/` is quadratic on a long run of spaces followed by a letter. */
export function trimLine(line: string): string {
  let a = 0;
  let b = line.length;
  while (a < b && isTrimmed(line[a] as string)) a++;
  while (b > a && isTrimmed(line[b - 1] as string)) b--;
  return line.slice(a, b);
}

// Sticky: tried at one index only. The opening (`\s*[([*_~]*\s*`) is skipped by a scan
// instead: as a regex, `^\s*[...]*\s*` re-splits a long run of spaces between its two
// `\s*` on every failure, quadratic in the indent (12 s for 100,000 spaces and an `x`).
const NOTE_WORDS = /a\/n\b|an:|author'?s?\s*notes?\b|author’s\s*notes?\b|authors’\s*notes?\b|notes?:|end\s+notes?\b/iy;
const NOTE_OPENERS = '([*_~';

/** The first line of an author's note block in the body (`A/N: ...`, `(Author's note: ...`). */
export function isNoteStart(line: string): boolean {
  // The note words start with a letter, which neither spaces nor openers are, so the only
  // place they can match is where the greedy skip of spaces, openers, spaces stops.
  let i = 0;
  while (i < line.length && /\s/.test(line[i] as string)) i++;
  while (i < line.length && NOTE_OPENERS.includes(line[i] as string)) i++;
  while (i < line.length && /\s/.test(line[i] as string)) i++;
  NOTE_WORDS.lastIndex = i;
  return NOTE_WORDS.test(line);
}

const TRAILERS = new Set(TRAILER_WORDS);

/** A closing line that is not part of the story: `The End`, `~fin~`, `TBC...`. */
export function isTrailer(line: string): boolean {
  if (line.length > 60) return false;
  // Trim decoration (`~`, `*`, `-`, `.`, brackets, spaces) from both ends.
  let a = 0;
  let b = line.length;
  const isDecoration = (c: string) => !/[\p{L}\p{N}?]/u.test(c);
  while (a < b && isDecoration(line[a] as string)) a++;
  while (b > a && isDecoration(line[b - 1] as string)) b--;
  if (a === b) return false;
  const core = line.slice(a, b).toLowerCase().replace(/\s+/g, ' ');
  return TRAILERS.has(core);
}

export interface KeyLine {
  /** The key as written, without Markdown bold markers. */
  key: string;
  keyStart: number;
  keyEnd: number;
  /** Where the value starts (after the colon, markers and spaces) and ends (trimmed). */
  valueStart: number;
  valueEnd: number;
}

/**
 * A `Key: Value` line: optional indent and Markdown bold or italics around the key (`**Rating:**`
 * or `**Rating**:`), a key of at most five words starting with a letter, a colon followed by
 * whitespace or the end of the line (so `http://` and `10:30` are not keys).
 */
export function parseKeyLine(line: string): KeyLine | null {
  let i = 0;
  const n = line.length;
  if (n > 0 && line.charCodeAt(0) === 0xfeff) i = 1;
  while (i < n && (line[i] === ' ' || line[i] === '\t')) i++;
  let markers = 0;
  while (i < n && (line[i] === '*' || line[i] === '_') && markers < 3) {
    i++;
    markers++;
  }
  const keyStart = i;
  if (i >= n || !/\p{L}/u.test(line[i] as string)) return null;
  let words = 1;
  let colon = -1;
  const limit = Math.min(n, keyStart + 48);
  for (; i < limit; i++) {
    const c = line[i] as string;
    if (c === ':') {
      colon = i;
      break;
    }
    if (c === ' ') {
      if (line[i - 1] !== ' ') words++;
      if (words > 5) return null;
      continue;
    }
    if (c === '*' || c === '_') continue; // closing bold before the colon
    if (!/[\p{L}\p{N}'’()/&.\-+]/u.test(c)) return null;
  }
  if (colon < 0) return null;
  let keyEnd = colon;
  while (keyEnd > keyStart && (line[keyEnd - 1] === '*' || line[keyEnd - 1] === '_' || line[keyEnd - 1] === ' ')) keyEnd--;
  if (keyEnd === keyStart) return null;
  let v = colon + 1;
  // After the colon: closing bold markers (`**Rating:** T`), then whitespace. The colon must be
  // followed by whitespace or the end of the line.
  let afterMarkers = v;
  while (afterMarkers < n && (line[afterMarkers] === '*' || line[afterMarkers] === '_')) afterMarkers++;
  if (afterMarkers < n && line[afterMarkers] !== ' ' && line[afterMarkers] !== '\t') {
    if (afterMarkers === v) return null;
  }
  v = afterMarkers;
  while (v < n && (line[v] === ' ' || line[v] === '\t')) v++;
  let valueEnd = n;
  while (valueEnd > v && /\s/.test(line[valueEnd - 1] as string)) valueEnd--;
  return { key: line.slice(keyStart, keyEnd), keyStart, keyEnd, valueStart: v, valueEnd };
}
