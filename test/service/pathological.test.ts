// Hostile files, each a named test (issue 5): every feature answers, every range stays in
// bounds, the counts are right, and where the writer did something wrong a diagnostic
// says so. None of this may be slow, but no test asserts on time: each prints how long it
// took (informational), and the regexes that could backtrack were replaced by scanners,
// which the adversarial inputs at the end prove by finishing at all (before the fixes,
// one 100,000-space line took 12 s in the note-start test alone).

import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { performance } from 'node:perf_hooks';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { FicStats } from '../../server/src/protocol';
import { createFicService, FicSource, parseDeclaredCount } from '../../server/src/service';
import { isChapterHeading, isNoteStart, isRuleLine, isSceneBreak, isTrailer, parseKeyLine } from '../../server/src/service/text/lines';
import { listItems, lookupField, normaliseKey } from '../../server/src/service/header/document';
import { countAo3, countWhitespace } from '../../server/src/service/text/count';
import { exercise } from '../support/hostileChecks';
import { EOLS, STORY } from '../support/fixtures';

const URI = 'file:///hostile/story.fic';
const K = 100_000;

interface Outcome {
  stats: FicStats;
  diagnostics: Diagnostic[];
  codes: string[];
  source: FicSource;
}

/** Every feature on `text`, timed; the invariants are checked by exercise(). */
function handle(t: TestContext, text: string, settings?: unknown): Outcome {
  const service = createFicService(settings);
  const started = performance.now();
  const source = new FicSource(URI, text, 1);
  const lines = source.text.lineCount;
  const positions = [
    { line: 0, character: 0 },
    { line: 0, character: source.text.lineAt(0).length },
    { line: 0, character: Math.floor(source.text.lineAt(0).length / 2) },
    { line: Math.min(1, lines - 1), character: source.text.lineAt(Math.min(1, lines - 1)).length },
    { line: lines - 1, character: 3 },
    { line: lines + 5, character: 0 },
  ];
  const ranges = [source.text.fullRange(), { start: { line: 0, character: 1 }, end: { line: lines, character: 0 } }];
  const { diagnostics } = exercise(service, source, { positions, ranges, actionsPerDiagnostic: 25 });
  const stats = service.stats(source);
  t.diagnostic(`${(performance.now() - started).toFixed(0)} ms for ${text.length.toLocaleString('en')} UTF-16 units, ${lines.toLocaleString('en')} lines, ${diagnostics.length} diagnostics`);
  return { stats, diagnostics, codes: [...new Set(diagnostics.map((d) => String(d.code)))].sort(), source };
}

/** A body of `n` words, a few per line. */
function body(n: number, eol = '\n'): string {
  const out: string[] = [];
  for (let i = 0; i < n; i += 8) out.push(Array.from({ length: Math.min(8, n - i) }, (_, k) => `w${i + k}`).join(' '));
  return out.join(eol);
}

test('an empty file', (t) => {
  const { stats, diagnostics } = handle(t, '');
  assert.equal(stats.words, 0);
  assert.equal(stats.lines, 1);
  assert.equal(stats.declared, null);
  assert.ok(diagnostics.every((d) => d.range.start.line === 0));
});

test('a header and no body', (t) => {
  for (const { name, eol } of EOLS) {
    const text = ['Title: Only a Header', 'Author: Wren Marsh', 'Fandom: Original Work', 'Rating: General Audiences', 'Word Count: 0'].join(eol);
    const { stats, codes, source } = handle(t, text);
    assert.equal(stats.words, 0, name);
    assert.ok(stats.headerWords > 0, name);
    // Only the hint that AO3 will want an Archive Warning before it is posted.
    assert.deepEqual(codes, ['ao3-missing'], `${name}: a header that says 0 words and has none is fine`);
    assert.equal(source.document().bodyStartLine, 5, name);
  }
});

test('a body and no header', (t) => {
  for (const { name, eol } of EOLS) {
    const text = ['It was raining when she said: no.', '', 'Nobody answered.'].join(eol);
    const { stats, codes } = handle(t, text);
    assert.equal(stats.words, 9, name);
    assert.equal(stats.headerWords, 0, name);
    assert.ok(codes.includes('header-missing'), `${name}: a story without a header is told so (got ${codes.join(', ')})`);
  }
});

test('a 10 MB line without a line break', (t) => {
  const text = 'word '.repeat(2_000_000);
  const { stats } = handle(t, text);
  assert.equal(stats.words, 2_000_000);
  assert.equal(stats.wordsByMethod.ao3, 2_000_000);
  assert.equal(stats.lines, 1);
});

test('a 10 MB line with no space in it', (t) => {
  const { stats } = handle(t, 'x'.repeat(10_000_000));
  assert.equal(stats.words, 1);
});

test('100,000 header fields', (t) => {
  const keys = ['Rating: Teen And Up Audiences', 'Mood{i}: calm', 'Genre: Angst, Fluff', 'Warnings: No Archive Warnings Apply'];
  const header = ['Title: Many Fields', 'Author: Wren Marsh', 'Fandom: Original Work'];
  for (let i = 0; i < K; i++) header.push((keys[i % keys.length] as string).replace('{i}', String(i)));
  const text = `${header.join('\n')}\n\n${body(12)}\n`;
  const { stats, codes, diagnostics } = handle(t, text);
  assert.equal(stats.words, 12);
  assert.ok(codes.includes('duplicate-field'), codes.join(', '));
  assert.ok(codes.includes('unknown-field'), codes.join(', '));
  assert.ok(diagnostics.length >= 70_000, `${diagnostics.length} diagnostics`);
});

test('a file of 1,000,000 line breaks', (t) => {
  for (const eol of ['\n', '\r\n', '\r']) {
    const { stats } = handle(t, eol.repeat(1_000_000));
    assert.equal(stats.lines, 1_000_001);
    assert.equal(stats.words, 0);
    assert.equal(stats.paragraphs, 0);
  }
});

test('one edit that pastes 500,000 lines into a story', (t) => {
  const pasted = `${'pasted words here\n'.repeat(500_000)}`;
  for (const { name, eol } of EOLS) {
    const text = STORY.replace(/\n/g, eol);
    const source = new FicSource(URI, text, 1);
    const service = createFicService();
    const before = service.stats(source).words;
    const started = performance.now();
    // Into the middle of the first body line, then the same lines cut out again.
    const at = { line: 8, character: 4 };
    source.applyChanges([{ range: { start: at, end: at }, text: pasted }], 2);
    assert.equal(service.stats(source).words, before + 1_500_000, name);
    exercise(service, source, { positions: [at], actionsPerDiagnostic: 5 });
    source.applyChanges([{ range: { start: at, end: { line: 8 + 500_000, character: 0 } }, text: '' }], 3);
    t.diagnostic(`${name}: ${(performance.now() - started).toFixed(0)} ms to paste, check and cut`);
    assert.equal(source.text.getText(), text, `${name}: not a byte lost`);
    assert.equal(service.stats(source).words, before, name);
  }
});

test('a file of NUL characters', (t) => {
  const { stats } = handle(t, '\u0000'.repeat(1_000_000));
  assert.equal(stats.lines, 1);
  assert.equal(stats.wordsByMethod.ao3, 0, 'NUL is no letter');
});

test('random binary bytes decoded as UTF-8', (t) => {
  // A seeded generator (xorshift32) so a failure reproduces.
  let x = 0x2545f491;
  const bytes = Buffer.alloc(2_000_000);
  for (let i = 0; i < bytes.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  const text = bytes.toString('utf8');
  const { stats, source } = handle(t, text);
  assert.equal(source.text.getText(), text, 'not a code unit lost');
  assert.ok(stats.words > 0);
});

test('lone surrogates in keys, values and the body', (t) => {
  const text = ['Title: \ud800 broken \udfff', '\udc00Rating: T', 'Warnings: \ud83d, Major Character Death', 'Word Count: 3', '', 'a \ud800 b \udc00\ud800 c'].join('\n');
  const { stats, source } = handle(t, text);
  assert.equal(source.text.getText(), text);
  assert.equal(stats.wordsByMethod.whitespace, 5, 'a lone surrogate is a (broken) word to wc');
  assert.equal(stats.wordsByMethod.ao3, 3, 'and no letter to AO3');
});

test('a byte order mark before the header', (t) => {
  for (const { name, eol } of EOLS) {
    const plain = STORY.replace(/\n/g, eol);
    const withBom = handle(t, `\ufeff${plain}`);
    const without = handle(t, plain);
    assert.equal(withBom.source.document().header?.fields[0]?.name, 'Title', `${name}: the BOM does not hide the first field`);
    assert.equal(withBom.source.document().header?.fields[0]?.key, 'Title', name);
    assert.equal(withBom.stats.words, without.stats.words, name);
    assert.deepEqual(withBom.codes, without.codes, name);
  }
});

test('CR-only line endings', (t) => {
  const lf = handle(t, STORY);
  const cr = handle(t, STORY.replace(/\n/g, '\r'));
  assert.equal(cr.stats.lines, lf.stats.lines);
  assert.deepEqual({ ...cr.stats, uri: '' }, { ...lf.stats, uri: '' });
  assert.deepEqual(cr.codes, lf.codes);
});

test('mixed line endings', (t) => {
  // In this order a lone CR is never followed by an LF, which would make them one CRLF.
  const endings = ['\n', '\r', '\r\n'];
  const mixed = STORY.split('\n').reduce((acc, line, i, all) => acc + line + (i < all.length - 1 ? endings[i % 3] : ''), '');
  const lf = handle(t, STORY);
  const mix = handle(t, mixed);
  assert.equal(mix.source.text.getText(), mixed);
  assert.deepEqual(mix.stats, lf.stats);
  assert.deepEqual(mix.diagnostics, lf.diagnostics);
});

test('a Word Count of 400 digits', (t) => {
  const text = `Title: Big\nWord Count: ${'9'.repeat(400)}\n\n${body(5)}\n`;
  const { stats, diagnostics } = handle(t, text);
  assert.equal(stats.declared, null);
  const invalid = diagnostics.find((d) => d.code === 'word-count-invalid');
  assert.ok(invalid, `word-count-invalid expected, got ${diagnostics.map((d) => d.code).join(', ')}`);
  assert.equal(invalid.range.start.line, 1);
  assert.equal(parseDeclaredCount('9'.repeat(400)), null);
});

// A value of 100,000 characters in each field that has a limit or a vocabulary: the writer
// is told, on the field's own line. (A value of 100,000 spaces and an `x` is just `x`.)
const LONG_VALUES: Record<string, string> = {
  letters: 'x'.repeat(K),
  words: 'word '.repeat(K / 5).trim(),
  commas: ','.repeat(K),
  dashes: '-'.repeat(K),
};

for (const [field, code] of [
  ['Title', 'ao3-too-long'],
  ['Rating', 'unknown-rating'],
  ['Warnings', 'ao3-too-long'],
  ['Summary', 'ao3-too-long'],
] as const) {
  for (const [shape, value] of Object.entries(LONG_VALUES)) {
    if (field === 'Warnings' && shape === 'commas') continue; // a list of nothing: no tag to limit
    test(`a ${field} of 100,000 characters (${shape})`, (t) => {
      const header = ['Title: T', 'Author: A', 'Fandom: F', 'Rating: T'].filter((l) => !l.startsWith(`${field}:`));
      const line = header.length;
      const text = `${[...header, `${field}: ${value}`].join('\n')}\n\n${body(7)}\n`;
      const { stats, codes, diagnostics } = handle(t, text);
      assert.equal(stats.words, 7);
      assert.ok(diagnostics.some((d) => d.code === code && d.range.start.line === line), `wants ${code} on line ${line + 1}, got ${codes.join(', ')}`);
    });
  }
}

test('100,000-character key-like lines (`aaaa…a:`)', (t) => {
  const key = `${'a'.repeat(K)}:`;
  const first = handle(t, `${key} value\nTitle: T\n\n${body(3)}\n`);
  assert.equal(first.source.document().header, null, 'no key is 100,000 letters long: no header');
  const inHeader = handle(t, `Title: T\n${key} value\n\n${body(3)}\n`);
  assert.equal(inHeader.stats.words, 3);
  const inBody = handle(t, `Title: T\n\n${key}\n${key} ${key}\n`);
  assert.equal(inBody.stats.words, 3);
});

test('100,000-character lines of `*` and of `-`', (t) => {
  for (const c of ['*', '-', '~', '=', '* ', '- ']) {
    const rule = c.repeat(K);
    const asSeparator = handle(t, `Title: T\n${rule}\n${body(4)}\n`);
    assert.equal(asSeparator.stats.words, 4, `${JSON.stringify(c)} separator`);
    const inBody = handle(t, `Title: T\n\none\n${rule}\ntwo\n`);
    assert.equal(inBody.stats.wordsByMethod.ao3, 2, `${JSON.stringify(c)} line in the body`);
    handle(t, rule);
  }
});

test('deeply repeated `--`', (t) => {
  const dashes = '--'.repeat(K / 2);
  // The first dash line after the header is its separator; the second one is body.
  const { stats } = handle(t, `Title: T\nWord Count: ${dashes}\nSummary: ${dashes}\n\n${dashes}\nstart\n${dashes}\none${dashes}two\n`);
  assert.equal(stats.wordsByMethod.whitespace, 3, 'a dash run is a word to wc');
  assert.equal(stats.wordsByMethod.ao3, 3, 'and a separator to AO3');
});

// ---------------------------------------------------------------------------------------
// Adversarial inputs for every regex-bearing path: each line classifier directly, then
// every field of a header carrying the input as its value. Finishing is the proof.

const ADVERSARIAL: Record<string, string> = {
  spaces: `${' '.repeat(K)}x`,
  tabsAndSpaces: `${' \t'.repeat(K / 2)}x`,
  dots: `${'.'.repeat(K)}x`,
  bangs: `${'!'.repeat(K)}x`,
  commas: ','.repeat(K),
  stars: `${'*'.repeat(K)}x`,
  underscores: `${'_'.repeat(K)}:`,
  hashes: `${'#'.repeat(K)} x`,
  slashes: `${' / '.repeat(K / 3)}x`,
  digitsSpaces: `1${' '.repeat(K)}x`,
  digits: '9'.repeat(K),
  groupedDigits: '1,000'.repeat(K / 5),
  tildes: '~'.repeat(K),
  approx: 'approx. '.repeat(K / 8),
  kilo: `1${' '.repeat(K)}k`,
  authorSpaces: `author${' '.repeat(K)}x`,
  endSpaces: `end${' '.repeat(K)}x`,
  chapterSpaces: `Chapter${' '.repeat(K)}x`,
  drabbles: 'drabble'.repeat(K / 7),
  ofSpaces: `1${' '.repeat(K)}of${' '.repeat(K)}x`,
  sOpen: '(s'.repeat(K / 2),
  openers: `${'([*_~'.repeat(K / 5)}x`,
  astral: '\u{1f600}'.repeat(K / 2),
  loneHigh: '\ud800'.repeat(K),
};

test('every line classifier is linear on adversarial 100,000-character lines', (t) => {
  for (const [name, line] of Object.entries(ADVERSARIAL)) {
    const started = performance.now();
    isNoteStart(line);
    isSceneBreak(line);
    isChapterHeading(line);
    isRuleLine(line);
    isTrailer(line);
    parseKeyLine(line);
    parseKeyLine(`Title:${line}`);
    normaliseKey(line);
    lookupField(line);
    parseDeclaredCount(line);
    countAo3(line);
    countWhitespace(line);
    t.diagnostic(`${name}: ${(performance.now() - started).toFixed(1)} ms`);
  }
  assert.equal(isNoteStart(`${' '.repeat(K)}A/N: hello`), true, 'a deeply indented note is still a note');
  assert.equal(isNoteStart(`${' '.repeat(K)}x`), false);
  assert.equal(normaliseKey(`Character${' '.repeat(K)}/  Pairing`), 'character/pairing');
});

test('every field carrying each adversarial value is handled', (t) => {
  const fields = ['Title', 'Rating', 'Warnings', 'Summary', 'Status', 'Chapter', 'Word Count', 'Category', 'Pairing', 'Fandom', 'Notes', 'Date', 'Mood'];
  let stories = 0;
  for (const [name, value] of Object.entries(ADVERSARIAL)) {
    const started = performance.now();
    for (const field of fields) {
      const text = `Title: T\n${field}: ${value}\n${value}\n\nOne two three.\n${value}\n`;
      const service = createFicService();
      const source = new FicSource(URI, text, 1);
      exercise(service, source, { positions: [{ line: 1, character: 3 }, { line: 1, character: K / 2 }, { line: 2, character: 1 }], actionsPerDiagnostic: 5 });
      const header = source.document().header;
      assert.ok(header && header.fields.length >= 2, `${field} with ${name}`);
      const second = header?.fields[1];
      if (second) listItems(source.document(), second);
      stories++;
    }
    t.diagnostic(`${name}: ${fields.length} stories in ${(performance.now() - started).toFixed(0)} ms`);
  }
  assert.equal(stories, Object.keys(ADVERSARIAL).length * fields.length);
});
