// A work of many chapter files posts as one AO3 work: the fields from the work's first
// chapter (read through the workspace when it is not open), one chapter per file in the
// work's order and numbered by it, each chapter's own title, notes and text; the checks
// judged on the work; a chapter heading that opens a chapter becomes its Chapter Title;
// and the numbers agree: AO3's count of every chapter's HTML adds up to the work's total.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, test } from 'node:test';
import fc from 'fast-check';
import { createFicService, FicSource, MemoryWorkspace } from '../../server/src/service';
import { ao3Refuses, type Ao3Work } from '../../server/src/protocol';
import { ao3Clean, ao3HtmlWords, serialize } from '../support/ao3Html';
import { buildWork } from '../../server/src/service/ao3/work';
import { chapter, FOLDER, threeChapters, WORK_FIELDS } from '../support/works';
import { EOLS, withEol } from '../support/fixtures';
import { repoRoot } from '../support/repo';

async function indexed(files: Record<string, string>, settings?: unknown) {
  const workspace = new MemoryWorkspace(files);
  const svc = createFicService(settings, workspace);
  await svc.works.index();
  return { svc, workspace };
}

const ch = (w: Ao3Work, i: number) => w.chapters[i] as Ao3Work['chapters'][number];

describe('a work of chapter files as one AO3 work', () => {
  it('takes the fields from the first chapter, reading it through the workspace', async () => {
    const files = threeChapters();
    const { svc, workspace } = await indexed(files);
    const reads = workspace.reads.get(`${FOLDER}/01-low.fic`) ?? 0;
    // Only chapter 2 is open; chapter 1 is a summary in the index.
    const second = new FicSource(`${FOLDER}/02-slack.fic`, files[`${FOLDER}/02-slack.fic`] as string, 1);
    svc.works.open(second);
    const { work, uris } = await svc.ao3WorkOf(second, 'one');
    assert.equal(work.fields.title, 'Tidewater');
    assert.equal(work.fields.rating, 'Teen And Up Audiences');
    assert.deepEqual(work.fields.fandoms, ['Original Work']);
    assert.deepEqual(work.fields.warnings, ['No Archive Warnings Apply']);
    assert.equal(work.chapters.length, 1);
    assert.deepEqual({ number: ch(work, 0).number, of: ch(work, 0).of, title: ch(work, 0).title }, { number: 2, of: 3, title: 'Slack' });
    assert.deepEqual(uris, [`${FOLDER}/02-slack.fic`]);
    // Chapter 2 has no Fandom, Rating or Warnings of its own: the work has them.
    assert.deepEqual(work.problems, []);
    assert.equal(workspace.reads.get(`${FOLDER}/01-low.fic`), reads + 1, 'chapter 1 was read from the workspace');
    // The same first chapter is not read again while it is unchanged on disk.
    await svc.ao3WorkOf(second, 'one');
    assert.equal(workspace.reads.get(`${FOLDER}/01-low.fic`), reads + 1);
    const changed = new Promise<void>((resolve) => {
      const listening = svc.works.onDidChange(() => {
        listening.dispose();
        resolve();
      });
    });
    workspace.write({ [`${FOLDER}/01-low.fic`]: (files[`${FOLDER}/01-low.fic`] as string).replace('Teen And Up Audiences', 'Mature') });
    await changed;
    assert.equal((await svc.ao3WorkOf(second, 'one')).work.fields.rating, 'Mature', 'a change on disk is read');
  });

  it('exports every chapter in the work order, numbered by the work, from unopened files', async () => {
    const files = {
      // Named out of order on purpose: the Chapter number orders them, as numbers.
      [`${FOLDER}/b.fic`]: chapter({ Title: 'Tidewater', Chapter: '10/?' }, 'Ok'),
      [`${FOLDER}/a.fic`]: chapter({ Title: 'Tidewater', Chapter: '2' }, 'Chapter Two: Slack\n\nNobody rowed out that day.'),
      [`${FOLDER}/c.fic`]: chapter({ ...WORK_FIELDS, Chapter: '1', Summary: 'Three days.', Notes: 'For the harbour.' }, 'A/N: thanks to my beta.\n\nThe harbour emptied before the dawn.\n\nA/N: more soon.'),
    };
    const { svc } = await indexed(files);
    const { work, uris, refused } = await svc.ao3WorkOf(`${FOLDER}/a.fic`);
    assert.deepEqual(uris, [`${FOLDER}/c.fic`, `${FOLDER}/a.fic`, `${FOLDER}/b.fic`]);
    assert.deepEqual(work.chapters.map((c) => [c.number, c.of]), [[1, null], [2, null], [3, null]], 'no declared total: AO3 shows ?');
    assert.equal(work.fields.summary, '<p>Three days.</p>');
    assert.equal(work.fields.notes, '<p>For the harbour.</p>');
    assert.equal(ch(work, 0).notes, '<p>A/N: thanks to my beta.</p>');
    assert.equal(ch(work, 0).endNotes, '<p>A/N: more soon.</p>');
    assert.equal(ch(work, 0).html, '<p>The harbour emptied before the dawn.</p>');
    // The heading that opens chapter 2 is its Chapter Title and is not in its text.
    assert.equal(ch(work, 1).title, 'Slack');
    assert.equal(ch(work, 1).html, '<p>Nobody rowed out that day.</p>');
    assert.equal(ch(work, 1).summary, '', 'a later chapter does not repeat the work summary');
    assert.equal(refused, true, 'chapter 3 is under 10 characters');
    assert.deepEqual(work.problems.map((p) => `${p.field} ${p.code}`), ['chapter ao3-too-short']);
    assert.match(work.problems[0]?.message ?? '', /^Chapter 3: AO3 needs at least 10 characters/);
  });

  it('judges the work-level checks on the work, chapter limits on each chapter', async () => {
    const noFandom = { Title: 'Tidewater', Rating: 'T', Warnings: 'No Archive Warnings Apply' };
    const manyTags = Array.from({ length: 40 }, (_, i) => `tag ${i}`).join(', ');
    const files = {
      [`${FOLDER}/01.fic`]: chapter({ ...noFandom, Chapter: '1/2', Tags: manyTags }, 'The harbour emptied before the dawn.'),
      // A later chapter repeating tags adds none to the work: AO3 keeps them once.
      [`${FOLDER}/02.fic`]: chapter({ Title: 'Tidewater', Chapter: '2/2', Tags: manyTags, 'Chapter Title': 'x'.repeat(256) }, 'Nobody rowed out that day.'),
    };
    const { svc } = await indexed(files);
    const { work, refused } = await svc.ao3WorkOf(`${FOLDER}/01.fic`);
    assert.equal(refused, true);
    assert.deepEqual(work.problems.map((p) => `${p.field} ${p.code}`), ['fandoms ao3-missing', 'chapterTitle ao3-too-long']);
    assert.equal(work.fields.additionalTags.length, 40);
    assert.ok(work.problems.every((p) => Object.keys(p).join() === 'field,code,message'), 'problems are { field, code, message }');
    assert.ok(work.problems.every(ao3Refuses));
    // 76 tags in the first chapter are too many for the work.
    const tooMany = { ...files, [`${FOLDER}/01.fic`]: chapter({ ...noFandom, Fandom: 'Original Work', Chapter: '1/2', Tags: `${manyTags}, ${Array.from({ length: 35 }, (_, i) => `more ${i}`).join(', ')}` }, 'The harbour emptied.') };
    const again = await indexed(tooMany);
    assert.deepEqual((await again.svc.ao3WorkOf(`${FOLDER}/02.fic`)).work.problems.map((p) => p.code), ['ao3-too-many-tags', 'ao3-too-long']);
  });

  it("the diagnostics of a later chapter leave the work's checks to chapter 1", async () => {
    const tags = Array.from({ length: 76 }, (_, i) => `tag ${i}`).join(', ');
    const files: Record<string, string> = {
      [`${FOLDER}/01.fic`]: chapter({ ...WORK_FIELDS, Chapter: '1/2', Tags: tags }, 'The harbour emptied before the dawn.'),
      [`${FOLDER}/02.fic`]: chapter({ Title: 'Tidewater', Chapter: '2/2', Tags: tags }, 'Nobody rowed out that day.'),
    };
    const { svc } = await indexed(files);
    const codesOf = (uri: string) => {
      const src = new FicSource(uri, files[uri] as string, 1);
      svc.works.open(src);
      return svc.diagnostics(src).map((d) => d.code);
    };
    assert.ok(codesOf(`${FOLDER}/01.fic`).includes('ao3-too-many-tags'));
    assert.ok(!codesOf(`${FOLDER}/02.fic`).includes('ao3-too-many-tags'));
  });

  it('a later chapter has its own summary and notes; the preview lays them out as its own', async () => {
    const files = threeChapters();
    files[`${FOLDER}/02-slack.fic`] = chapter({ Title: 'Tidewater', Chapter: '2/3', Summary: 'The calm.', Notes: 'Short one.' }, 'Nobody rowed out that day.\n\nEnd note: thanks.');
    const { svc } = await indexed(files);
    const second = new FicSource(`${FOLDER}/02-slack.fic`, files[`${FOLDER}/02-slack.fic`] as string, 7);
    svc.works.open(second);
    const form = await svc.ao3Form(second);
    assert.equal(form.version, 7);
    const row = (key: string) => form.fields.find((f) => f.key === key)?.value;
    assert.equal(row('rating'), 'Teen And Up Audiences');
    assert.equal(row('title'), 'Tidewater');
    assert.equal(row('chapterNumber'), 'Chapter 2 of 3');
    assert.equal(row('chapterSummary'), '<p>The calm.</p>');
    assert.equal(row('chapterNotes'), '<p>Short one.</p>');
    assert.equal(row('chapterEndNotes'), '<p>End note: thanks.</p>');
    assert.equal(row('summary'), '', 'the work has no summary');
    assert.equal(form.chapter.html, '<p>Nobody rowed out that day.</p>');
  });

  it('a lone story is a work of one; a file of several headings is a work of that many chapters', async () => {
    const lone = `${FOLDER}/lone/story.fic`;
    const text = chapter({ ...WORK_FIELDS, Title: 'Gull Rock' }, 'Chapter 1: Arrival\n\nThe lamp burned.\n\nChapter 2: Departure\n\nThe lamp went out.');
    const { svc } = await indexed({ [lone]: text });
    const whole = await svc.ao3WorkOf(lone);
    const { work } = whole;
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(whole.uris, [lone, lone], 'both chapters come from the one file');
    assert.deepEqual([ch(work, 0).number, ch(work, 0).of, ch(work, 0).title], [1, 2, 'Arrival']);
    assert.deepEqual([ch(work, 1).number, ch(work, 1).of, ch(work, 1).title], [2, 2, 'Departure']);
    assert.equal(ch(work, 0).html, '<p>The lamp burned.</p>');
    assert.equal(ch(work, 1).html, '<p>The lamp went out.</p>');
    // Not in the index at all (a story checked on its own): the same.
    const free = createFicService();
    assert.deepEqual((await free.ao3WorkOf(new FicSource('untitled:1', text, 1))).work, work);
  });

  it('a chapter that cannot be read is said in a writer\'s words', async () => {
    // Gone from disk after the index read it, and the index not told yet.
    class Vanishing extends MemoryWorkspace {
      readonly gone = new Set<string>();
      override async readFile(uri: string): Promise<string | null> {
        return this.gone.has(uri) ? null : super.readFile(uri);
      }
    }
    const workspace = new Vanishing(threeChapters());
    const svc = createFicService(undefined, workspace);
    await svc.works.index();
    workspace.gone.add(`${FOLDER}/03-flood.fic`);
    await assert.rejects(svc.ao3WorkOf(`${FOLDER}/01-low.fic`), /03-flood\.fic could not be read/);
  });
});

describe('the opening heading is the Chapter Title', () => {
  const HEAD = ['Title: Gull Rock', 'Fandom: Original Work', 'Rating: General Audiences', 'Warnings: No Archive Warnings Apply'];
  const svc = createFicService();
  const one = (body: string[], header: string[] = HEAD) => ch(svc.ao3Work(new FicSource('file:///s/x.fic', [...header, '', ...body, ''].join('\n'), 1)), 0);
  const cases: [string, string][] = [
    ['Chapter 3: The Tide', 'The Tide'],
    ['Chapter Three - Homecoming', 'Homecoming'],
    ['CHAPTER 12', ''],
    ['Part II: After', 'After'],
    ['## The Storm', 'The Storm'],
    ['# Chapter 4: Under Water', 'Under Water'],
    ['Prologue', 'Prologue'],
    ['Epilogue - Years Later', 'Epilogue - Years Later'],
  ];
  for (const [heading, title] of cases) {
    it(`${heading} -> ${title || '(no title)'}`, () => {
      const c = one([heading, '', 'The lamp burned all night long.']);
      assert.equal(c.title, title);
      assert.equal(c.html, '<p>The lamp burned all night long.</p>');
    });
  }
  it('after author\'s notes too; the header\'s Chapter Title wins', () => {
    assert.equal(one(['A/N: hello', '', 'Chapter 3: The Tide', '', 'The lamp burned.']).title, 'The Tide');
    const titled = one(['Chapter 3: The Tide', '', 'The lamp burned.'], [...HEAD, 'Chapter Title: Spring Tide']);
    assert.equal(titled.title, 'Spring Tide');
    assert.equal(titled.html, '<p>The lamp burned.</p>');
  });
  it('a heading that does not open the story stays in it', () => {
    assert.equal(one(['The lamp burned.', '', 'Chapter 2', '', 'It went out.']).html, '<p>The lamp burned.</p><h3>Chapter 2</h3><p>It went out.</p>');
  });
});

describe('a file of several chapter headings is a work of that many AO3 chapters', () => {
  const HEAD = ['Title: Gull Rock', 'Fandom: Original Work', 'Rating: General Audiences', 'Warnings: No Archive Warnings Apply'];
  const svc = createFicService();
  const file = (body: string[], header: string[] = HEAD, eol = '\n') => svc.ao3Work(new FicSource('file:///s/x.fic', [...header, '', ...body, ''].join(eol), 1));
  const DUSK = ['Chapter 1: Dusk', '', 'The light went down over the hills.', '', 'Chapter 2: Dark', '', 'Then the stars came out, one by one.'];

  for (const { name, eol } of EOLS) {
    it(`each heading starts a chapter and is its Chapter Title, left out of the text (${name})`, () => {
      const w = file(DUSK, HEAD, eol);
      assert.deepEqual(w.chapters.map((c) => [c.number, c.of, c.title, c.html, c.words]), [
        [1, 2, 'Dusk', '<p>The light went down over the hills.</p>', 7],
        [2, 2, 'Dark', '<p>Then the stars came out, one by one.</p>', 8],
      ]);
      // The status bar's ao3 figure and AO3's count of the posted chapters agree.
      assert.equal(svc.stats(new FicSource('file:///s/x.fic', [...HEAD, '', ...DUSK, ''].join(eol), 1)).wordsByMethod.ao3, 15);
      assert.deepEqual(w.problems, []);
    });
  }
  it('prose before the first heading is a chapter of its own, untitled', () => {
    const w = file(['It had rained all week.', '', ...DUSK]);
    assert.deepEqual(w.chapters.map((c) => [c.number, c.of, c.title, c.html]), [
      [1, 3, '', '<p>It had rained all week.</p>'],
      [2, 3, 'Dusk', '<p>The light went down over the hills.</p>'],
      [3, 3, 'Dark', '<p>Then the stars came out, one by one.</p>'],
    ]);
  });
  it("the header's Chapter line numbers the file's first chapter; its total counts when it leaves room", () => {
    const at = (value: string) => file(DUSK, [...HEAD, `Chapter: ${value}`]).chapters.map((c) => [c.number, c.of]);
    assert.deepEqual(at('3/10'), [[3, 10], [4, 10]]);
    assert.deepEqual(at('3/?'), [[3, null], [4, null]]);
    assert.deepEqual(at('1/1'), [[1, null], [2, null]], 'a total below the chapters is unknown, as AO3 shows it');
    assert.deepEqual(at('1/2'), [[1, 2], [2, 2]]);
  });
  it("the header's Chapter Title names the first chapter; notes before and after go to the first and last", () => {
    const w = file(['A/N: for Sam', '', ...DUSK, '', 'A/N: thanks for reading'], [...HEAD, 'Chapter Title: Evening']);
    assert.deepEqual(w.chapters.map((c) => [c.title, c.notes, c.endNotes]), [
      ['Evening', '<p>A/N: for Sam</p>', ''],
      ['Dark', '', '<p>A/N: thanks for reading</p>'],
    ]);
  });
  it("the form carries every chapter with the lines it covers and its own rows", async () => {
    const text = [...HEAD, '', 'It had rained all week.', '', ...DUSK.slice(0, 4), 'Hi', '', ...DUSK.slice(4), ''].join('\n');
    const f = await svc.ao3Form(new FicSource('file:///s/x.fic', text, 3));
    const rows = (i: number) => Object.fromEntries((f.chapters[i]?.fields ?? []).map((r) => [r.key, r.value]));
    assert.deepEqual(f.chapters.map((c) => [c.number, c.of, c.title, c.startLine, c.endLine]), [
      [1, 3, '', 0, 7],
      [2, 3, 'Dusk', 7, 13],
      [3, 3, 'Dark', 13, 17],
    ]);
    assert.equal(f.chapters[1]?.html, '<p>The light went down over the hills.</p><p>Hi</p>');
    assert.equal(f.chapters[1]?.characters, 51);
    assert.deepEqual([rows(2).chapterNumber, rows(2).chapterTitle, rows(2).title], ['Chapter 3 of 3', 'Dark', 'Gull Rock']);
    assert.deepEqual(f.fields, f.chapters[0]?.fields, 'the first chapter is the form');
    assert.equal(f.chapter.html, f.chapters[0]?.html);
  });

  it('a file longer than one AO3 chapter allows is fine when each of its chapters is within it, measured or not', () => {
    const body: string[] = [];
    const line = 'The light went down over the hills and nobody spoke at all that night. '.repeat(10);
    // Chapters small enough to be surely within AO3's bounds, so the diagnostics do not build them.
    for (let c = 1; c <= 9; c++) body.push(`Chapter ${c}: Part ${c}`, '', ...Array.from({ length: 110 }, () => [line, '']).flat());
    const source = new FicSource('file:///s/x.fic', [...HEAD, '', ...body, ''].join('\n'), 1);
    assert.ok(source.text.getText().replace(/\s/g, '').length > 510_000, 'more visible characters than one AO3 chapter takes');
    assert.deepEqual(svc.diagnostics(source).filter((d) => String(d.code).startsWith('ao3-')), []);
    assert.deepEqual(svc.ao3Work(source).problems, []);
  });

  it('limits apply to each chapter, said with its number, on its heading line', () => {
    // A heading is at most a short line: a Chapter Title too long comes from the header.
    const w = file(['Chapter 1: Dusk', '', 'The light went down over the hills.', '', 'Chapter 2: Dark', '', 'Hi'], [...HEAD, `Chapter Title: ${'x'.repeat(256)}`]);
    const messages = w.problems.map((p) => p.message);
    assert.ok(messages.some((m) => m.startsWith('Chapter 1: AO3 allows 255 characters in a Chapter Title')), messages.join('\n'));
    assert.ok(messages.some((m) => m.startsWith('Chapter 2: AO3 needs at least 10 characters of chapter text') && m.includes('this chapter has 9')), messages.join('\n'));
    assert.equal(messages.length, 2, messages.join('\n'));
    const source = new FicSource('file:///s/x.fic', [...HEAD, '', 'Chapter 1: Dusk', '', 'The light went down over the hills.', '', 'Chapter 2: Dark', '', 'Hi', ''].join('\n'), 1);
    const short = svc.diagnostics(source).filter((d) => d.code === 'ao3-too-short');
    assert.deepEqual(short.map((d) => d.range.start.line), [HEAD.length + 5], 'on the heading of the short chapter');
  });
});

// ---------------------------------------------------------------------------------------
// The proofs, on a whole work: every chapter's HTML is kept by AO3's cleaner, and AO3's
// counts of the chapters add up to the work's ao3 total Fic Writer shows.

const tidewater = join(repoRoot(), 'examples', 'tidewater');

for (const { name, eol } of EOLS) {
  test(`proofs on the whole of examples/tidewater (${name}), with opening headings`, async () => {
    const files: Record<string, string> = {};
    for (const f of readdirSync(tidewater).filter((n) => n.endsWith('.fic'))) {
      let text = withEol(readFileSync(join(tidewater, f), 'utf8'), eol);
      // The same work, written as many writers do: a heading line opening each chapter.
      if (f.startsWith('03')) text = text.replace(/(Word Count: \d+)(\r?\n\r?\n)/, `$1$2Chapter 3: The Tide${eol}${eol}`);
      files[`file:///w/tidewater/${f}`] = text;
    }
    const { svc } = await indexed(files, { wordCount: { method: 'ao3' } });
    const [listed] = svc.listWorks();
    assert.equal(listed?.chapters.length, 3);
    const { work } = await svc.ao3WorkOf(listed?.chapters[0]?.uri as string);
    assert.equal(work.chapters.length, 3);
    let sum = 0;
    for (const c of work.chapters) {
      assert.equal(serialize(ao3Clean(c.html)), c.html, `chapter ${c.number}: AO3's cleaner changes it`);
      assert.equal(ao3HtmlWords(c.html), c.words, `chapter ${c.number}: AO3's count`);
      assert.equal(c.words, listed?.chapters[c.number - 1]?.wordsByMethod.ao3, `chapter ${c.number}: the status bar's count`);
      sum += c.words;
    }
    assert.equal(ch(work, 2).title, 'Flood', "the header's Chapter Title wins over the heading");
    assert.equal(sum, listed?.wordsByMethod.ao3, "the chapters add up to the work's total");
    assert.equal(sum, listed?.words);
  });
}

// Generated works: chapters of prose, scene breaks, author's notes, and sometimes a heading
// opening a chapter. AO3's count of each chapter's HTML is the chapter's ao3 count, and they
// add up to the work's total.
const WORDS = ['lamp', 'Ada', "don't", 'arm-rest', 'one--two', 'snake_case', '1,293', 'zwölf', '漢字', '*bold*', '_soft_', '<3', '&', '—'];
const proseLine = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 10 }).map((w) => w.join(' '));
const bodyLine = fc.oneof({ weight: 6, arbitrary: proseLine }, { weight: 2, arbitrary: fc.constant('') }, fc.constantFrom('* * *', 'ooo', 'A/N: a note', '~~~'));
const chapterBody = fc.tuple(fc.option(fc.constantFrom('Chapter 2: The Tide', '## Storm', 'Prologue', 'Part Three'), { nil: null }), fc.array(bodyLine, { minLength: 1, maxLength: 12 }));

test('proofs on generated works: every chapter and the work total agree with AO3', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(chapterBody, { minLength: 1, maxLength: 4 }), fc.constantFrom('rule', 'stars'), async (bodies, sceneBreak) => {
      const files: Record<string, string> = {};
      bodies.forEach(([heading, body], i) => {
        const fields = i === 0 ? { ...WORK_FIELDS, Chapter: `1/${bodies.length}` } : { Title: 'Tidewater', Chapter: `${i + 1}/${bodies.length}` };
        files[`${FOLDER}/${String(i + 1).padStart(2, '0')}.fic`] = chapter(fields, [...(heading ? [heading, ''] : []), ...body].join('\n'));
      });
      const { svc } = await indexed(files, { ao3: { sceneBreak }, wordCount: { method: 'ao3' } });
      const [listed] = svc.listWorks();
      const { work } = await svc.ao3WorkOf(`${FOLDER}/01.fic`);
      assert.equal(work.chapters.length, bodies.length);
      for (const c of work.chapters) {
        assert.equal(serialize(ao3Clean(c.html)), c.html);
        assert.equal(ao3HtmlWords(c.html), c.words);
        assert.equal(c.words, listed?.chapters[c.number - 1]?.wordsByMethod.ao3);
        assert.ok(!c.html.includes('<h3>'), 'an opening heading is not chapter text');
      }
      assert.equal(work.chapters.reduce((sum, c) => sum + c.words, 0), listed?.wordsByMethod.ao3);
    }),
    { numRuns: 150 },
  );
});

test('whether AO3 refuses a problem follows from its code alone', () => {
  // Every kind of finding at once: missing fields, unknown rating, free-form warning, odd
  // category, bad tag characters, too many tags, a long title, a note inside, too short.
  const text = [
    `Title: ${'t'.repeat(256)}`,
    'Rating: FR13',
    'Warnings: Future AU',
    'Category: M/F',
    `Tags: a^b, ${Array.from({ length: 80 }, (_, i) => `t${i}`).join(', ')}`,
    '',
    'Go.',
    '',
    'A/N: inside',
    '',
    'On.',
    '',
  ].join('\n');
  const { findings } = buildWork(new FicSource('file:///x.fic', text, 1).document(), createFicService().settings);
  const codes = new Set(findings.map((f) => f.code));
  for (const code of ['ao3-missing', 'ao3-too-long', 'ao3-tag-character', 'ao3-too-many-tags', 'ao3-not-rated', 'ao3-warning-as-tag', 'ao3-category', 'ao3-note-left-out']) {
    assert.ok(codes.has(code as never), `${code} among ${[...codes].join(', ')}`);
  }
  for (const f of findings) assert.equal(ao3Refuses(f), f.refuses, f.code);
  const short = buildWork(new FicSource('file:///y.fic', 'Title: x\n\nGo\n', 1).document(), createFicService().settings).findings;
  assert.ok(short.some((f) => f.code === 'ao3-too-short' && ao3Refuses(f) && f.refuses));
});
