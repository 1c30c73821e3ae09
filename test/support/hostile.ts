// Generators of hostile stories and edits for the robustness tests (fast-check). A story is
// built from the pieces real headers are made of (DOMAIN.md §1: known keys and their
// variants, bold keys, tabs, continuation lines, separators) and the pieces that break
// parsers (mixed line endings, a BOM, NUL and control characters, lone surrogates, astral
// characters), so that the generated cases land near every branch of the parser instead
// of in uniform noise.

import fc from 'fast-check';
import { ARCHIVE_WARNINGS, CATEGORIES, FIELDS, RATINGS, STATUSES } from '../../server/src/service/catalog';
import type { Position, Range } from '../../server/src/protocol';
import type { ContentChange } from '../../server/src/service';

/** Characters that have broken text tools somewhere. */
export const NASTY_CHARS: readonly string[] = [
  '\u0000', '\u0001', '\u0007', '\u001b', '\u007f', '\u0085', '\u00a0', '\u00ad', '\u200b', '\u200d', '\u2028',
  '\u2029', '\u2060', '\u3000', '\ufeff', '\ufffd', '\ufffe', '\uffff', '\ud800', '\udbff', '\udc00', '\udfff',
  '\u{1f600}', '\u{1d504}', '\u{10ffff}', 'e\u0301', '\u05e9\u05dc\u05d5\u05dd', '\u202e', '\t', '\v', '\f',
  '\u4e00\u4e2a', '\u0e44\u0e17\u0e22', '\u30ab\u30ca', '\u2014', '--', '\u2026', '\u2019', "'", '-', '\\', '"',
];

const WORDS = ['she', 'said', 'nothing', "didn't", 'arm-rest', 'rain', 'Ada', 'Mae', 'the', 'lamp', '1,293', 'U.S.', 'one--two', 'A/B', '…'];

const KNOWN_KEYS: string[] = FIELDS.flatMap((f) => [f.name, ...f.aliases]);
const ODD_KEYS = [
  'Warning(s)', 'Character/Pairing', 'Rating/Warnings', 'Author’s Note', 'A/N', 'TITLE', 'word count', 'Wordcount',
  'Then he said', 'Chapter 3', 'Mood', 'X', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'Word  Count', '\u00c9pilogue',
];

const VALUES: string[] = [
  '', ' ', '\t', 'The Long Way Home', 'Wren Marsh', 'Original Work', 'Ada/Mae, Ada & Mae',
  ...RATINGS.flatMap((r) => [r.label, ...r.variants]),
  'PG-13/T', 'T (PG-13)', 'Teen / PG-13', 'PG13', 'NC17', 'R18', 'FR15', 'G/NC-17', 'teen/explicit', '/', '//',
  ...ARCHIVE_WARNINGS.map((w) => w.label),
  'No Archive Warnings Apply, Major Character Death', 'Future AU, Character Deaths', 'none，angst、blood', ',,,', ', ,',
  '1,293', '1293', '1.293', '1 293', '~1,300', '1.3k', '1,3k', '1300+', 'approx. 1300', '1,293 words', '100 (drabble)',
  '3.5', '1,29', '0', '-5', '1e9', '9'.repeat(20), '9'.repeat(400), 'TBD', '~', '~~~~', 'k', '1.2.3.4k', '1,000,000,000,000,000',
  ...CATEGORIES.map((c) => c.label), 'F/M, M/M, Gen', 'Het',
  ...STATUSES.map((s) => s.label), 'wip', 'Complete!',
  '3/10', '3/?', '0/0', '11/10', '-1/5', '1/', '/5', 'one of ten',
  'a drabble', 'double drabble', 'ficlet', 'x'.repeat(300), 'y, '.repeat(80), '<b>bold</b> {x} = %s `code` \\',
];

const SEPARATORS = ['---', '***', '~~~', '===', '___', '* * *', '- - -', '--', '**', '----------'];
const BODY_FURNITURE = [
  '***', '* * *', '~~~', '---', 'ooo', 'xXx', '#', 'o0o', '-o-', '~*~', '...', '. . .',
  'Chapter 3', 'Chapter Three: Homecoming', 'CHAPTER 12 - Return', 'Part II', 'Prologue', '# Epilogue - After', '## A Title', '######',
  'A/N: thanks for reading!', "(Author's note: this was hard)", 'Notes:', 'End Notes', '*A/N*', 'an: x',
  'The End', '~fin~', 'TBC', 'To be continued...', 'END', '- The End -', 'Fin.', 'the end?',
  'Title: not a header here', 'Rating: X', 'Word Count: 12',
];

const eol = fc.constantFrom('\n', '\r\n', '\r');

/** A short run of text: words, nasty characters and random code units. */
export const noise: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...WORDS) },
      { weight: 2, arbitrary: fc.constantFrom(...NASTY_CHARS) },
      { weight: 2, arbitrary: fc.constantFrom(' ', ' ', '  ', '\t', ':', ',', '*', '_', '/', '(', ')') },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) },
    ),
    { maxLength: 10 },
  )
  .map((parts) => parts.join(''));

const key: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...KNOWN_KEYS) },
  { weight: 2, arbitrary: fc.constantFrom(...ODD_KEYS) },
  { weight: 1, arbitrary: noise },
);

const headerLine: fc.Arbitrary<string> = fc
  .record({
    indent: fc.constantFrom('', '', '', ' ', '\t', '\ufeff'),
    key,
    upper: fc.boolean(),
    style: fc.constantFrom('plain', 'plain', 'plain', 'bold-in', 'bold-out', 'italic', 'glued'),
    gap: fc.constantFrom(' ', ' ', '\t', '  ', ' \t ', ''),
    value: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...VALUES) }, { weight: 2, arbitrary: noise }),
    tail: fc.constantFrom('', '', '', ' ', '\t', '  '),
  })
  .map(({ indent, key: k, upper, style, gap, value, tail }) => {
    const name = upper ? k.toUpperCase() : k;
    const head =
      style === 'bold-in' ? `**${name}:**` : style === 'bold-out' ? `**${name}**:` : style === 'italic' ? `_${name}:_` : `${name}:`;
    return `${indent}${head}${style === 'glued' ? '' : gap}${value}${tail}`;
  });

/** A field line as most writers type it: a known key, a colon, a space, a value. */
const plainHeaderLine: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...KNOWN_KEYS), fc.constantFrom(...VALUES))
  .map(([k, v]) => `${k}: ${v}`);

const continuationLine = fc.tuple(fc.constantFrom('  ', '\t', ' ', ''), fc.oneof(fc.constantFrom(...WORDS), noise)).map(([a, b]) => a + b);

const bodyLine: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.array(fc.constantFrom(...WORDS), { maxLength: 12 }).map((w) => w.join(' ')) },
  { weight: 3, arbitrary: fc.constantFrom(...BODY_FURNITURE) },
  { weight: 2, arbitrary: fc.constantFrom('', '', ' ', '\t', '\u00a0', '\u3000 ') },
  { weight: 2, arbitrary: noise },
  { weight: 1, arbitrary: headerLine },
);

export interface HostileStory {
  /** The story's text, exactly as a client would send it. */
  text: string;
  /** How it was built, for a readable counterexample. */
  lines: string[];
}

/** A whole story: maybe a BOM, maybe an opening rule, a header of up to a dozen fields
 * (with continuation lines), a terminator, maybe a separator, a body, each line ending
 * in a line break of its own choosing (or all the same one). */
export const hostileStory: fc.Arbitrary<HostileStory> = fc
  .record({
    bom: fc.boolean(),
    opening: fc.option(fc.constantFrom(...SEPARATORS), { freq: 6 }),
    // Mostly a header that parses (a plain first field), so the features behind it run;
    // sometimes one that opens with anything at all.
    first: fc.oneof({ weight: 3, arbitrary: plainHeaderLine }, { weight: 1, arbitrary: headerLine }),
    header: fc.array(
      fc.oneof({ weight: 3, arbitrary: plainHeaderLine }, { weight: 3, arbitrary: headerLine }, { weight: 1, arbitrary: continuationLine }),
      { maxLength: 12 },
    ),
    terminator: fc.constantFrom<string[]>([''], [''], ['', ''], ['---'], ['', '***'], ['', '', '~~~'], [], [' '], ['\t']),
    body: fc.array(bodyLine, { maxLength: 20 }),
    eols: fc.oneof(
      eol.map((e) => (n: number) => Array<string>(n).fill(e)),
      fc.array(eol, { minLength: 40, maxLength: 40 }).map((es) => (n: number) => Array.from({ length: n }, (_, i) => es[i % es.length] as string)),
    ),
    finalEol: fc.boolean(),
  })
  .map(({ bom, opening, first, header, terminator, body, eols, finalEol }) => {
    const lines = [...(opening === null ? [] : [opening]), first, ...header, ...terminator, ...body];
    const ends = eols(lines.length);
    let text = bom ? '\ufeff' : '';
    lines.forEach((line, i) => {
      text += line + (i < lines.length - 1 || finalEol ? (ends[i] as string) : '');
    });
    return { text, lines };
  });

/** Arbitrary code units, for stories that are not stories at all. */
export const binaryStory: fc.Arbitrary<HostileStory> = fc
  .array(fc.oneof(fc.constantFrom(...NASTY_CHARS, '\n', '\r', '\r\n', ': ', 'Title: ', 'Rating:'), fc.string({ unit: 'binary', maxLength: 8 })), { maxLength: 60 })
  .map((parts) => ({ text: parts.join(''), lines: parts }));

/** Any story, mostly well-formed-ish. */
export const anyStory: fc.Arbitrary<HostileStory> = fc.oneof({ weight: 5, arbitrary: hostileStory }, { weight: 1, arbitrary: binaryStory });

/** Coordinates as a buggy or hostile client might send them: mostly inside a small
 * document, sometimes negative, huge, fractional or not a number at all. */
const coordinate: fc.Arbitrary<number> = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: 0, max: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom(-1, -1000, 2 ** 31, Number.MAX_SAFE_INTEGER, 1e300, 0.5, 3.7, -0, Number.NaN, Infinity, -Infinity) },
);

export const position: fc.Arbitrary<Position> = fc.record({ line: coordinate, character: coordinate });
export const range: fc.Arbitrary<Range> = fc.record({ start: position, end: position });

/** One LSP content change: usually a small insertion, deletion or replacement; now and then
 * the whole text, a run of line breaks, or a header line. */
export const contentChange: fc.Arbitrary<ContentChange> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.record({
      range,
      text: fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom('', 'x', ' ', 'word ', '\n', '\r', '\r\n', '\n\n', ':', 'Rating: ', 'Word Count: 12', '---', '***', 'A/N: ', 'The End') },
        { weight: 2, arbitrary: noise },
        { weight: 1, arbitrary: fc.array(fc.oneof(headerLine, bodyLine), { maxLength: 4 }).chain((ls) => eol.map((e) => ls.join(e) + e)) },
      ),
    }),
  },
  { weight: 1, arbitrary: anyStory.map((s) => ({ text: s.text })) },
);

export const editScript: fc.Arbitrary<ContentChange[][]> = fc.array(fc.array(contentChange, { minLength: 1, maxLength: 3 }), { maxLength: 15 });

/** The number of runs of each property: FIC_PROPERTY_RUNS scales them up for a soak. */
export function runs(base: number): number {
  const override = Number(process.env.FIC_PROPERTY_RUNS ?? '');
  return Number.isFinite(override) && override > 0 ? Math.round(override) : base;
}

// ---------------------------------------------------------------------------------------
// The reference: what a text must be after LSP changes, computed on a plain string, with
// the clamping editors apply (a position past the last line is the end of the text; a
// negative, fractional or NaN coordinate is rounded down into the line). Written apart
// from FicText so that the two can disagree.

function lineSpans(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\r' || c === '\n') {
      spans.push({ start, end: i });
      if (c === '\r' && text[i + 1] === '\n') i++;
      start = i + 1;
    }
  }
  spans.push({ start, end: text.length });
  return spans;
}

function within(v: number, max: number): number {
  if (Number.isNaN(v) || v <= 0) return 0;
  return v >= max ? max : Math.floor(v);
}

export function referenceOffset(text: string, p: Position): number {
  const spans = lineSpans(text);
  if (p.line > spans.length - 1) return text.length;
  const span = spans[within(p.line, spans.length - 1)] as { start: number; end: number };
  return span.start + within(p.character, span.end - span.start);
}

/** One content change applied to a string. */
export function referenceApply(text: string, change: ContentChange): string {
  if (!change.range) return change.text;
  let a = referenceOffset(text, change.range.start);
  let b = referenceOffset(text, change.range.end);
  if (a > b) [a, b] = [b, a];
  return text.slice(0, a) + change.text + text.slice(b);
}

/** Text edits (all ranges in the original text, none overlapping) applied to a string;
 * null when two of them overlap, which a client would refuse. */
export function referenceApplyEdits(text: string, edits: readonly { range: Range; newText: string }[]): string | null {
  const spans = edits
    .map((e) => ({ a: referenceOffset(text, e.range.start), b: referenceOffset(text, e.range.end), newText: e.newText }))
    .sort((x, y) => x.a - y.a || x.b - y.b);
  for (let i = 1; i < spans.length; i++) if ((spans[i] as { a: number }).a < (spans[i - 1] as { b: number }).b) return null;
  let out = text;
  for (const s of spans.reverse()) out = out.slice(0, s.a) + s.newText + out.slice(s.b);
  return out;
}
