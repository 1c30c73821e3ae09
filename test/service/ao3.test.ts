// Posting to AO3: the chapter HTML for every construct, every field mapping, every limit at
// its edge and one past it, and the two proofs (AO3's cleaner keeps the export as it is;
// AO3's count of the export is the ao3 count Fic Writer shows) on the examples, the sample
// and generated stories.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, test } from 'node:test';
import fc from 'fast-check';
import { inlineHtml } from '../../server/src/service/ao3/html';
import { headingTitle } from '../../server/src/service/text/lines';
import { ao3Rating } from '../../server/src/service/ao3/work';
import { ao3Refuses, type Ao3Work } from '../../server/src/protocol';
import { EOLS, service, source, withEol } from '../support/fixtures';
import { ao3Clean, ao3HtmlWords, serialize } from '../support/ao3Html';
import { ao3Reference } from '../support/ao3Reference';
import { isSceneBreak } from '../../server/src/service/text/lines';
import { repoRoot } from '../support/repo';

const HEAD = ['Title: Gull Rock', 'Fandom: Original Work', 'Rating: General Audiences', 'Warnings: No Archive Warnings Apply'];

function work(text: string, settings?: unknown): Ao3Work {
  return service(settings).ao3Work(source(text));
}
function story(header: string[], body: string[] = ['The lamp burned all night long.'], settings?: unknown): Ao3Work {
  return work([...header, '', ...body, ''].join('\n'), settings);
}
const html = (body: string[], settings?: unknown) => (story(HEAD, body, settings).chapters[0] as Ao3Work['chapters'][0]).html;
const codes = (w: Ao3Work) => w.problems.map((p) => p.code);

describe('chapter text as AO3 HTML', () => {
  it('paragraphs, line breaks, blocks back to back', () => {
    assert.equal(html(['One line', 'and the next.', '', '', '', 'A new paragraph.']), '<p>One line<br>and the next.</p><p>A new paragraph.</p>');
  });
  it('emphasis and strong, nested, across a line break', () => {
    assert.equal(inlineHtml('a *word* and _this_ and **that**'), 'a <em>word</em> and <em>this</em> and <strong>that</strong>');
    assert.equal(inlineHtml('**bold *and* more**'), '<strong>bold <em>and</em> more</strong>');
    assert.equal(inlineHtml('*over\ntwo lines*'), '<em>over<br>two lines</em>');
    assert.equal(inlineHtml('“*Really*,” she said'), '“<em>Really</em>,” she said');
  });
  it('never inside a word, never unpaired', () => {
    for (const s of ['snake_case_name', '2*3*4', 'a*b', '* not emphasis *', 'one *unpaired', '_x', 'x_', '***', 'mid*dle*', '__init__']) {
      assert.equal(inlineHtml(s), s, s);
    }
    // Crossing markers: the inner pair wins, the others stay literal.
    assert.equal(inlineHtml('*a **b* c**'), '<em>a **b</em> c**');
  });
  it('hostile lines finish (pairing and trimming are linear)', () => {
    const n = 50_000;
    assert.equal(inlineHtml(`${'**a '.repeat(n)}${'b* '.repeat(n)}`).length, 7 * n);
    assert.equal(html([`${' '.repeat(100_000)}x${' '.repeat(100_000)}`]), '<p>x</p>');
  });
  it('escapes & < > and keeps every other character', () => {
    assert.equal(inlineHtml('Tom & Jerry <3 a<b> “quotes” — dash ‘ok’ é 漢字 😀'), 'Tom &amp; Jerry &lt;3 a&lt;b&gt; “quotes” — dash ‘ok’ é 漢字 😀');
  });
  it('scene breaks by the setting', () => {
    const body = ['Before.', '', '* * *', '', 'After.'];
    assert.equal(html(body), '<p>Before.</p><hr><p>After.</p>');
    assert.equal(html(body, { ao3: { sceneBreak: 'stars' } }), '<p>Before.</p><p align="center">* * *</p><p>After.</p>');
    assert.equal(html(['Before.', '', 'ooo', '', 'After.'], { ao3: { sceneBreak: 'asWritten' } }), '<p>Before.</p><p align="center">ooo</p><p>After.</p>');
    assert.equal(html(['Before.', '', '-<>-', '', 'After.'], { ao3: { sceneBreak: 'asWritten' } }), '<p>Before.</p><p align="center">-&lt;&gt;-</p><p>After.</p>');
  });
  it('no style, no class, void tags as <br> and <hr>', () => {
    const out = html(['A *b* c', 'd', '', '***', '', 'e']);
    assert.doesNotMatch(out, /style=|class=|<br\s*\/>|<hr\s*\/>/);
  });
  it('leaves out the header, the trailer and author’s notes; notes before and after go to the Notes', () => {
    const w = story(HEAD, ['A/N: Written for a friend.', '', 'The lamp burned.', '', 'A/N: Thanks for reading!', '', 'The End']);
    const ch = w.chapters[0] as Ao3Work['chapters'][0];
    assert.equal(ch.html, '<p>The lamp burned.</p>');
    assert.equal(ch.notes, '<p>A/N: Written for a friend.</p>');
    assert.equal(ch.endNotes, '<p>A/N: Thanks for reading!</p>');
  });
  it('a note inside the story is left out, and said so', () => {
    const w = story(HEAD, ['The lamp.', '', 'A/N: a flashback follows', '', 'It burned.']);
    assert.equal(w.chapters[0]?.html, '<p>The lamp.</p><p>It burned.</p>');
    assert.ok(codes(w).includes('ao3-note-left-out'));
  });
});

describe('fields', () => {
  it('ratings by AO3’s importer', () => {
    const cases: [string, string][] = [
      ['PG-13/T', 'Teen And Up Audiences'], ['T (PG-13)', 'Teen And Up Audiences'], ['Teen And Up Audiences', 'Teen And Up Audiences'], ['PG13', 'Teen And Up Audiences'], ['FR15', 'Not Rated'],
      ['NC-17', 'Explicit'], ['NC17', 'Explicit'], ['MA', 'Explicit'], ['X', 'Explicit'], ['Explicit', 'Explicit'],
      ['R', 'Mature'], ['M', 'Mature'], ['Mature', 'Mature'], ['mature', 'Mature'], ['R18', 'Mature'], ['Mature Audiences', 'Explicit'],
      ['PG', 'General Audiences'], ['G', 'General Audiences'], ['K+', 'General Audiences'], ['K', 'General Audiences'], ['General Audiences', 'General Audiences'],
      ['Not Rated', 'Not Rated'], ['Explict', 'Not Rated'], ['whatever', 'Not Rated'], ['', 'Not Rated'],
    ];
    for (const [value, rating] of cases) assert.equal(ao3Rating(value), rating, value);
  });
  it('an unknown or missing rating is Not Rated, and said so', () => {
    const w = story(['Title: T', 'Fandom: F', 'Rating: FR15', 'Warnings: No Archive Warnings Apply']);
    assert.equal(w.fields.rating, 'Not Rated');
    assert.deepEqual(codes(w), ['ao3-not-rated']);
    assert.deepEqual(codes(story(['Title: T', 'Fandom: F', 'Warnings: No Archive Warnings Apply'])), ['ao3-not-rated']);
    assert.deepEqual(codes(story(['Title: T', 'Fandom: F', 'Rating: Not Rated', 'Warnings: No Archive Warnings Apply'])), []);
  });
  it('warnings: the Archive Warnings exactly, free-form ones to Additional Tags', () => {
    const w = story(['Title: T', 'Fandom: F', 'Rating: M', 'Warning(s): Major Character Death, Future AU、angst，Choose Not To Use Archive Warnings', 'Genre: Hurt/Comfort']);
    assert.deepEqual(w.fields.warnings, ['Major Character Death', 'Creator Chose Not To Use Archive Warnings']);
    assert.deepEqual(w.fields.additionalTags, ['Future AU', 'angst', 'Hurt/Comfort']);
    assert.deepEqual(codes(w), ['ao3-warning-as-tag', 'ao3-warning-as-tag']);
  });
  it('no Archive Warning is refused', () => {
    const w = story(['Title: T', 'Fandom: F', 'Rating: M', 'Warnings: Future AU']);
    assert.ok(w.problems.some((p) => p.code === 'ao3-missing' && p.field === 'warnings' && ao3Refuses(p)));
  });
  it('categories exact; tags split on , ， 、 and trimmed; relationships A/B and A & B', () => {
    const w = story(['Title: T', 'Fandom: Buffy ， Angel', 'Rating: T', 'Warnings: No Archive Warnings Apply', 'Category: F/M, Gen, M/F', 'Pairing: Spike/Buffy,  Willow & Xander', 'Characters: Dawn、 Giles', 'Tags: Fluff']);
    assert.deepEqual(w.fields.categories, ['F/M', 'Gen']);
    assert.deepEqual(w.fields.fandoms, ['Buffy', 'Angel']);
    assert.deepEqual(w.fields.relationships, ['Spike/Buffy', 'Willow & Xander']);
    assert.deepEqual(w.fields.characters, ['Dawn', 'Giles']);
    assert.deepEqual(w.fields.additionalTags, ['Fluff']);
    assert.deepEqual(codes(w), ['ao3-category']);
  });
  it('a relationship in Character/Pairing goes to Relationships', () => {
    const w = story(['Title: T', 'Fandom: F', 'Rating: T', 'Warnings: No Archive Warnings Apply', 'Character/Pairing: Spike/Buffy, Dawn']);
    assert.deepEqual(w.fields.relationships, ['Spike/Buffy']);
    assert.deepEqual(w.fields.characters, ['Dawn']);
  });
  it('summary and notes as HTML; chapter N of M; language from the field or the setting', () => {
    const w = story([...HEAD, 'Summary: A *storm* & a lamp', 'Notes: For Mae.', 'End Notes: Thanks!', 'Chapter: 3/10', 'Chapter Title: Dusk']);
    assert.equal(w.fields.summary, '<p>A <em>storm</em> &amp; a lamp</p>');
    assert.equal(w.fields.notes, '<p>For Mae.</p>');
    assert.equal(w.fields.endNotes, '<p>Thanks!</p>');
    assert.deepEqual([w.chapters[0]?.number, w.chapters[0]?.of, w.chapters[0]?.title], [3, 10, 'Dusk']);
    assert.equal(w.fields.language, 'English');
    assert.equal(story([...HEAD, 'Chapter: 3/?']).chapters[0]?.of, null);
    assert.equal(story([...HEAD, 'Language: Deutsch']).fields.language, 'Deutsch');
    assert.equal(story(HEAD, undefined, { ao3: { language: 'Français' } }).fields.language, 'Français');
    assert.deepEqual([story(HEAD).chapters[0]?.number, story(HEAD).chapters[0]?.of], [1, 1]);
  });
  it('title, fandom and warnings are required', () => {
    const w = story(['Author: Wren', 'Rating: G']);
    assert.deepEqual(w.problems.filter((p) => ao3Refuses(p)).map((p) => p.field).sort(), ['fandoms', 'title', 'warnings']);
  });
});

describe('limits at the edge and one past', () => {
  const refused = (w: Ao3Work, code: string) => w.problems.filter((p) => p.code === code && ao3Refuses(p)).length;
  it('title ≤ 255 characters (code points; < and > count as AO3 stores them)', () => {
    assert.equal(refused(story([...HEAD.slice(1), `Title: ${'🌊'.repeat(255)}`]), 'ao3-too-long'), 0);
    assert.equal(refused(story([...HEAD.slice(1), `Title: ${'🌊'.repeat(256)}`]), 'ao3-too-long'), 1);
    assert.equal(refused(story([...HEAD.slice(1), `Title: <${'t'.repeat(251)}`]), 'ao3-too-long'), 0);
    assert.equal(refused(story([...HEAD.slice(1), `Title: <${'t'.repeat(252)}`]), 'ao3-too-long'), 1);
  });
  it('chapter title ≤ 255 characters', () => {
    assert.equal(refused(story([...HEAD, `Chapter Title: ${'c'.repeat(255)}`]), 'ao3-too-long'), 0);
    assert.equal(refused(story([...HEAD, `Chapter Title: ${'c'.repeat(256)}`]), 'ao3-too-long'), 1);
  });
  it('summary ≤ 1,250 characters of HTML', () => {
    assert.equal(refused(story([...HEAD, `Summary: ${'s'.repeat(1250 - 7)}`]), 'ao3-too-long'), 0);
    assert.equal(refused(story([...HEAD, `Summary: ${'s'.repeat(1250 - 6)}`]), 'ao3-too-long'), 1);
  });
  it('notes and end notes ≤ 5,000 each', () => {
    assert.equal(refused(story([...HEAD, `Notes: ${'n'.repeat(5000 - 7)}`, `End Notes: ${'e'.repeat(5000 - 7)}`]), 'ao3-too-long'), 0);
    const w = story([...HEAD, `Notes: ${'n'.repeat(5000 - 6)}`, `End Notes: ${'e'.repeat(5000 - 6)}`]);
    assert.deepEqual(w.problems.filter((p) => p.code === 'ao3-too-long').map((p) => p.field), ['notes', 'endNotes']);
  });
  it('each tag ≤ 150 characters, without forbidden characters', () => {
    assert.equal(refused(story([...HEAD, `Tags: ${'a'.repeat(150)}`]), 'ao3-too-long'), 0);
    assert.equal(refused(story([...HEAD, `Tags: ${'a'.repeat(151)}`]), 'ao3-too-long'), 1);
    for (const c of ['^', '*', '<', '>', '{', '}', '=', '`', '\\', '%']) {
      assert.equal(refused(story([...HEAD, `Tags: Fluff, bad${c}tag`]), 'ao3-tag-character'), 1, c);
    }
    assert.equal(refused(story([...HEAD, 'Tags: Fluff, Hurt/Comfort, Alternate Universe - Canon Divergence']), 'ao3-tag-character'), 0);
  });
  it('at most 75 tags in all', () => {
    const tags = (n: number) => Array.from({ length: n }, (_, i) => `tag ${i}`).join(', ');
    assert.equal(refused(story([...HEAD, `Tags: ${tags(74)}`]), 'ao3-too-many-tags'), 0); // + 1 fandom = 75
    assert.equal(refused(story([...HEAD, `Tags: ${tags(75)}`]), 'ao3-too-many-tags'), 1);
  });
  it('chapter text 10 to 510,000 characters of HTML', () => {
    assert.equal(refused(story(HEAD, ['abc']), 'ao3-too-short'), 0); // <p>abc</p> is 10
    assert.equal(refused(story(HEAD, ['ab']), 'ao3-too-short'), 1);
    const line = 'x'.repeat(999);
    const body = (n: number, tail: number) => [...Array.from({ length: n }, () => line), 'y'.repeat(tail)];
    // n lines of 999 joined by <br> in one paragraph: 7 + n*999 + (n)*4 + tail
    const n = 500;
    const edge = 510000 - 7 - n * 999 - n * 4;
    assert.equal(refused(story(HEAD, body(n, edge)), 'ao3-too-long'), 0);
    assert.equal(refused(story(HEAD, body(n, edge + 1)), 'ao3-too-long'), 1);
  });
});

describe('diagnostics', () => {
  it('on the header line concerned, with their levels', () => {
    const svc = service({ diagnostics: { levels: { 'ao3-tag-character': 'error' } } });
    const src = source([...HEAD, 'Tags: Fluff, bad^tag', '', 'The lamp burned all night.', ''].join('\n'));
    const [d] = svc.diagnostics(src).filter((x) => x.code === 'ao3-tag-character');
    assert.ok(d);
    assert.equal(d.severity, 1);
    assert.deepEqual(d.range, { start: { line: 4, character: 13 }, end: { line: 4, character: 20 } });
    const off = service({ diagnostics: { levels: { 'ao3-tag-character': 'off' } } });
    assert.equal(off.diagnostics(src).filter((x) => x.code === 'ao3-tag-character').length, 0);
  });
  it('the chapter length is checked on long stories without building the HTML of short ones', () => {
    const svc = service();
    const long = source([...HEAD, '', ...Array.from({ length: 600 }, () => `${'w '.repeat(450)}`), ''].join('\n'));
    assert.equal(svc.diagnostics(long).filter((x) => x.code === 'ao3-too-long').length, 1);
    assert.equal(svc.diagnostics(source([...HEAD, '', 'ab', ''].join('\n'))).filter((x) => x.code === 'ao3-too-short').length, 1);
    assert.equal(svc.diagnostics(source([...HEAD, ''].join('\n'))).filter((x) => x.code === 'ao3-too-short').length, 0, 'a story not begun is not too short');
    assert.equal(svc.ao3Work(source([...HEAD, ''].join('\n'))).problems.filter((x) => x.code === 'ao3-too-short').length, 1, 'but AO3 would refuse it');
    // Far past the limit the visible characters alone decide (scene breaks do not count).
    const huge = source([...HEAD, '', ...Array.from({ length: 1200 }, () => `${'w '.repeat(450)}`), '', '* * * * * * * * * *', '', 'The End', ''].join('\n'));
    const [far] = svc.diagnostics(huge).filter((x) => x.code === 'ao3-too-long');
    assert.match(String(far?.message ?? ''), /this one has more than 540,000\. Split it into chapters/);
    assert.equal(svc.ao3Work(huge).problems.filter((p) => p.code === 'ao3-too-long').length, 1, 'the form measures it exactly');
  });
  it('a story of one chapter far past the limit is checked without reading its prose lines; one of several chapters still measures each', () => {
    const svc = service();
    const reads = (src: ReturnType<typeof source>): Set<number> => {
      const read = new Set<number>();
      const text = src.text;
      const lineAt = text.lineAt.bind(text);
      text.lineAt = (line: number) => {
        read.add(line);
        return lineAt(line);
      };
      return read;
    };
    const prose = Array.from({ length: 1200 }, () => `${'w '.repeat(450)}`);
    const one = source([...HEAD, '', ...prose, '', '* * *', '', 'The End', ''].join('\n'));
    one.document();
    const read = reads(one);
    assert.equal(svc.diagnostics(one).filter((x) => x.code === 'ao3-too-long').length, 1);
    const proseRead = [...read].filter((line) => (one.text.lineAt(line).startsWith('w w')));
    // (The opening line is read by the checks of the story's start; none of the rest.)
    assert.ok(proseRead.length <= 1, `${proseRead.length} of 1,200 lines of prose were read`);
    // Two chapters, one of them short: each chapter's size is what decides, so each is read.
    const two = source([...HEAD, '', 'Chapter 1', '', ...prose, '', 'Chapter 2', '', 'ab', ''].join('\n'));
    assert.equal(svc.diagnostics(two).filter((x) => x.code === 'ao3-too-short').length, 1, 'the short chapter is found');
  });
});

// ---------------------------------------------------------------------------------------
// The proofs

function prove(text: string, settings: unknown, label: string): void {
  const svc = service(settings);
  const src = source(text);
  const w = svc.ao3Work(src);
  for (const ch of w.chapters) {
    assert.equal(serialize(ao3Clean(ch.html)), ch.html, `${label}: AO3's cleaner changes the export`);
    assert.equal(ch.words, ao3HtmlWords(ch.html), `${label}: the export's own count`);
  }
  const ch = w.chapters[0] as Ao3Work['chapters'][0];
  const last = w.chapters[w.chapters.length - 1] as Ao3Work['chapters'][0];
  for (const field of [w.fields.summary, w.fields.notes, w.fields.endNotes, ch.notes, last.endNotes]) {
    assert.equal(serialize(ao3Clean(field)), field, `${label}: AO3's cleaner changes a field`);
  }
  // Fic Writer leaves scene breaks and chapter headings out of the count. A heading becomes
  // a Chapter Title and leaves the text: the one that opens a story of one chapter, or every
  // one of a file of two or more (each starts a chapter; prose before the first is a chapter
  // of its own). A lone heading inside the text stays, and a break is kept when it is drawn
  // as written (`ooo`): AO3 counts exactly the body's words plus those, chapter by chapter.
  const style = (settings as { ao3?: { sceneBreak?: string } } | undefined)?.ao3?.sceneBreak;
  const doc = src.document();
  const end = doc.trailerLine ?? doc.text.lineCount;
  const headings: number[] = [];
  let opening = -1;
  for (let i = doc.bodyStartLine; i < end; i++) {
    const flags = doc.text.lineFlags(i);
    if (opening < 0 && !(flags & (1 | 4))) opening = i;
    if (flags & 8 && !(flags & 4) && !isSceneBreak(doc.text.lineAt(i))) headings.push(i);
  }
  const dropped = headings.length >= 2 ? headings : headings.length === 1 && headings[0] === opening ? headings : [];
  const split = dropped.length >= 2;
  // Each line's AO3 words as the export keeps them, and the chapter it falls in.
  const expected: number[] = [];
  let kept = 0;
  let current = -1;
  let prelude = false;
  for (let i = doc.bodyStartLine; i < end; i++) {
    const flags = doc.text.lineFlags(i);
    if (split && dropped.includes(i)) {
      current = dropped.indexOf(i) + (prelude ? 1 : 0);
      expected[current] = 0;
      continue;
    }
    if (flags & (1 | 4)) continue;
    if (split && current < 0) {
      prelude = true;
      current = 0;
      expected[0] = 0;
    }
    const at = split ? current : 0;
    let n = 0;
    if (!(flags & 8)) n = doc.text.lineWords(i, 'ao3');
    else if (!dropped.includes(i) && (!isSceneBreak(doc.text.lineAt(i)) || style === 'asWritten')) n = ao3Reference(doc.text.lineAt(i));
    if (flags & 8) kept += n;
    expected[at] = (expected[at] ?? 0) + n;
  }
  const words = w.chapters.reduce((sum, c) => sum + c.words, 0);
  assert.equal(words, svc.stats(src).wordsByMethod.ao3 + kept, `${label}: AO3's count of the HTML`);
  if (split) {
    assert.equal(w.chapters.length, dropped.length + (prelude ? 1 : 0), `${label}: a chapter per heading`);
    w.chapters.forEach((c, i) => {
      assert.equal(c.number, i + 1, `${label}: numbered in order`);
      assert.equal(c.of, w.chapters.length, `${label}: of the file's chapters`);
      assert.equal(c.words, expected[i] ?? 0, `${label}: chapter ${i + 1}'s AO3 count is its part of the body's`);
      assert.ok(!c.html.includes('<h3>'), `${label}: no heading stays in a chapter's text`);
    });
    const firstTitled = prelude ? 1 : 0;
    dropped.forEach((line, k) => {
      const c = w.chapters[k + firstTitled] as Ao3Work['chapters'][0];
      assert.equal(c.title, headingTitle(doc.text.lineAt(line)), `${label}: the heading is its chapter's Chapter Title`);
    });
  } else {
    assert.equal(w.chapters.length, 1, `${label}: one chapter`);
  }
  if (dropped.length === 1) {
    assert.ok(!ch.html.includes('<h3>'), `${label}: the opening heading left the text`);
    const titled = doc.header?.fields.some((f) => f.name === 'Chapter Title' && f.value.trim() !== '');
    if (!titled) assert.equal(ch.title, headingTitle(doc.text.lineAt(dropped[0] as number)), `${label}: the heading is the Chapter Title`);
  }
}

const STYLES = ['rule', 'stars', 'asWritten'] as const;
const files = [
  ...readdirSync(join(repoRoot(), 'examples')).filter((f) => f.endsWith('.fic')).map((f) => join(repoRoot(), 'examples', f)),
  ...['always-for-her.fic'].map((f) => join(repoRoot(), '..', 'shared', 'samples', f)).filter(existsSync),
];

for (const file of files) {
  for (const { name, eol } of EOLS) {
    test(`proofs: ${file.split('/').slice(-2).join('/')} (${name})`, () => {
      const text = withEol(readFileSync(file, 'utf8'), eol);
      for (const sceneBreak of STYLES) prove(text, { ao3: { sceneBreak } }, `${file} ${sceneBreak}`);
    });
  }
}

test('the sample counts 1,289 words on AO3, as AO3 says', { skip: !files.some((f) => f.endsWith('always-for-her.fic')) }, () => {
  const text = readFileSync(files.find((f) => f.endsWith('always-for-her.fic')) as string, 'utf8');
  assert.equal(ao3HtmlWords(work(text).chapters[0]?.html ?? ''), 1289);
});

test('the reference cleaner would catch an exporter that did not escape or used Markdown', () => {
  const naive = '<p>He wrote a<b and *more*</p>';
  assert.notEqual(serialize(ao3Clean(naive)), naive);
  assert.notEqual(serialize(ao3Clean('<p>a <span style="x">b</span></p>')), '<p>a <span style="x">b</span></p>');
  assert.equal(ao3HtmlWords('<p>un<em>believ</em>able</p>'), 3);
});

const WORDS = ['lamp', 'Ada', "don't", 'arm-rest', 'one--two', 'snake_case', 'U.S.', '1,293', 'zwölf', '漢字', 'ひらがな', 'ภาษา', '😀', 'x'];
const MARKS = ['*', '**', '_', '__', '***', '&', '<', '>', '<3', '<i>', '"', '“', '”', "'", '’', '-', '--', '—', '/', '.', ',', '!', '#', '~', '\u00a0', '\t', '  '];
const token = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...WORDS) }, { weight: 3, arbitrary: fc.constantFrom(...MARKS) }, fc.constant(' '));
const proseLine = fc.array(token, { minLength: 1, maxLength: 14 }).map((t) => t.join(''));
const bodyLine = fc.oneof(
  { weight: 8, arbitrary: proseLine },
  { weight: 3, arbitrary: fc.constant('') },
  fc.constantFrom('* * *', '***', '~~~', 'ooo', 'xXx', '#', '---', 'Chapter 2', '## Part Two', 'A/N: a note', '(Author’s note: thanks)', 'The End'),
);
const storyText = fc.tuple(fc.boolean(), fc.array(bodyLine, { minLength: 0, maxLength: 30 }), fc.constantFrom('\n', '\r\n')).map(([header, body, eol]) =>
  [...(header ? [...HEAD, ''] : []), ...body].join(eol),
);

test('proofs on generated stories, every scene-break style', () => {
  fc.assert(
    fc.property(storyText, fc.constantFrom(...STYLES), (text, sceneBreak) => {
      prove(text, { ao3: { sceneBreak } }, 'generated');
    }),
    { numRuns: 400 },
  );
});
