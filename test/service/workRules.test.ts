// The checks across the chapters of a work, one rule at a time, over in-memory workspaces.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createFicService, FicSource, MemoryWorkspace } from '../../server/src/service';
import { chapter, FOLDER, threeChapters, WORK_FIELDS } from '../support/works';

/** The diagnostics of one chapter of a workspace, opened as the editor would. */
async function check(files: Record<string, string>, name: string, settings?: unknown) {
  const service = createFicService(settings, new MemoryWorkspace(files));
  await service.works.index();
  const uri = `${FOLDER}/${name}`;
  const source = new FicSource(uri, files[uri] as string, 1);
  service.works.open(source);
  return service.diagnostics(source).map((d) => ({ code: d.code, line: d.range.start.line, message: String(d.message), severity: d.severity }));
}

const codes = (ds: { code?: unknown }[]) => ds.map((d) => d.code).sort();

describe('checks across chapters', () => {
  it('a correct work is silent in every chapter', async () => {
    for (const name of ['01-low.fic', '02-slack.fic', '03-flood.fic']) assert.deepEqual(await check(threeChapters(), name), [], name);
  });

  it("AO3's work fields are the first chapter's to give: a later chapter is not told to add them", async () => {
    const files = threeChapters();
    const { Warnings: _dropped, ...noWarnings } = WORK_FIELDS as Record<string, string>;
    files[`${FOLDER}/01-low.fic`] = chapter({ ...noWarnings, Chapter: '1/3' }, 'The harbour emptied before the dawn.');
    assert.ok(codes(await check(files, '01-low.fic')).includes('ao3-missing'), 'chapter 1 carries the work: its missing Warnings are said');
    for (const name of ['02-slack.fic', '03-flood.fic']) {
      const found = codes(await check(files, name));
      assert.ok(!found.includes('ao3-missing') && !found.includes('ao3-not-rated'), `${name}: ${found.join(', ')}`);
    }
  });

  it('two chapters claiming the same number', async () => {
    const files = { ...threeChapters(), [`${FOLDER}/03-flood.fic`]: chapter({ Title: 'Tidewater', Chapter: '2/3' }, 'Then the water came.') };
    const found = await check(files, '03-flood.fic');
    const clash = found.find((d) => d.code === 'chapter-number-clash');
    assert.ok(clash, JSON.stringify(found));
    assert.match(clash.message, /Chapter 2 is claimed twice in this work: 02-slack\.fic says it is chapter 2 too/);
    assert.equal(clash.line, 1, 'on the Chapter field');
    assert.equal(clash.severity, 2);
  });

  it('chapter numbers that skip', async () => {
    const files = { ...threeChapters(), [`${FOLDER}/03-flood.fic`]: chapter({ Title: 'Tidewater', Chapter: '4/4' }, 'Then the water came.') };
    const found = await check(files, '03-flood.fic');
    const gap = found.find((d) => d.code === 'chapter-number-gap');
    assert.equal(gap?.message, 'After chapter 2 comes chapter 4: chapter 3 is not in this folder.');
    assert.equal(gap?.severity, 3, 'information: writers draft out of order');
  });

  it('a chapter that disagrees on the total (2/4 beside /3)', async () => {
    const files = { ...threeChapters(), [`${FOLDER}/02-slack.fic`]: chapter({ Title: 'Tidewater', Chapter: '2/4' }, 'Nobody rowed out that day.') };
    const found = await check(files, '02-slack.fic');
    assert.deepEqual(codes(found), ['chapter-total-mismatch']);
    assert.match(found[0]?.message ?? '', /says the work has 4 chapters, but 01-low\.fic says 3/);
  });

  it('more chapters present than the declared total', async () => {
    const files = { ...threeChapters(), [`${FOLDER}/04-ebb.fic`]: chapter({ Title: 'Tidewater', Chapter: '4' }, 'Out.') };
    const found = await check(files, '01-low.fic');
    assert.deepEqual(codes(found), ['chapter-count-over']);
    assert.match(found[0]?.message ?? '', /4 chapters in its folder, but its header plans 3/);
  });

  it('Status Complete with chapters missing', async () => {
    const files = threeChapters();
    files[`${FOLDER}/01-low.fic`] = chapter({ ...WORK_FIELDS, Chapter: '1/5', Status: 'Complete' }, 'The harbour emptied before the dawn.');
    for (const n of ['02-slack.fic', '03-flood.fic']) files[`${FOLDER}/${n}`] = (files[`${FOLDER}/${n}`] as string).replace('/3', '/5');
    const found = await check(files, '01-low.fic');
    assert.deepEqual(codes(found), ['complete-missing-chapters']);
    assert.match(found[0]?.message ?? '', /Status says 'Complete', but only 3 of 5 chapters are here/);
  });

  it("a later chapter's Rating, Fandom or Warnings contradicting the work's", async () => {
    const files = {
      ...threeChapters(),
      [`${FOLDER}/03-flood.fic`]: chapter(
        { Title: 'Tidewater', Chapter: '3/3', Rating: 'Explicit', Fandom: 'Original Work, Sea Stories', Warnings: 'Major Character Death' },
        'Then the water came.',
      ),
    };
    const found = await check(files, '03-flood.fic');
    assert.deepEqual(codes(found), ['work-field-conflict', 'work-field-conflict', 'work-field-conflict']);
    assert.match(found.map((d) => d.message).join('\n'), /rated 'Explicit', but the work is rated 'Teen And Up Audiences' in 01-low\.fic/);
    assert.match(found.map((d) => d.message).join('\n'), /Fandom 'Sea Stories' is not among the work's fandoms/);
  });

  it('the same rating written another way is no contradiction', async () => {
    const files = { ...threeChapters(), [`${FOLDER}/03-flood.fic`]: chapter({ Title: 'Tidewater', Chapter: '3/3', Rating: 'T' }, 'Then the water came.') };
    assert.deepEqual(await check(files, '03-flood.fic'), []);
  });

  it("a Word Count that states the work's total is checked against the sum of the chapters", async () => {
    const files = threeChapters();
    files[`${FOLDER}/02-slack.fic`] = chapter({ Title: 'Tidewater', Chapter: '2/3', 'Word Count': '11 (total so far)' }, 'Nobody rowed out that day.');
    assert.deepEqual(await check(files, '02-slack.fic'), [], 'chapters 1 and 2 have 6 + 5 words');
    files[`${FOLDER}/02-slack.fic`] = chapter({ Title: 'Tidewater', Chapter: '2/3', 'Word Count': '5 (total so far)' }, 'Nobody rowed out that day.');
    const found = await check(files, '02-slack.fic');
    assert.deepEqual(codes(found), ['work-word-count-mismatch']);
    assert.match(found[0]?.message ?? '', /Word Count says 5 for the work, but the chapters up to this one have 11 words together/);
  });

  it("a wrong work total is called wrong against the work, not the chapter", async () => {
    const files = threeChapters();
    files[`${FOLDER}/02-slack.fic`] = chapter({ Title: 'Tidewater', Chapter: '2/3', 'Word Count': '12 (total)' }, 'Nobody rowed out that day.');
    const found = await check(files, '02-slack.fic');
    assert.deepEqual(codes(found), ['work-word-count-mismatch']);
    assert.match(found[0]?.message ?? '', /Word Count says 12 for the work, but its 3 chapters have 15 words together/);
  });

  it("chapter 1's Word Count may be the work's total", async () => {
    const files = threeChapters();
    files[`${FOLDER}/01-low.fic`] = chapter({ ...WORK_FIELDS, Chapter: '1/3', 'Word Count': '15' }, 'The harbour emptied before the dawn.');
    assert.deepEqual(await check(files, '01-low.fic'), []);
    files[`${FOLDER}/01-low.fic`] = chapter({ ...WORK_FIELDS, Chapter: '1/3', 'Word Count': '14' }, 'The harbour emptied before the dawn.');
    assert.deepEqual(codes(await check(files, '01-low.fic')), ['word-count-mismatch']);
  });

  it('a chapter that fits no work is reported, in words', async () => {
    const files = {
      [`${FOLDER}/gulls.fic`]: chapter({ Title: 'Gulls' }, 'Loud birds.'),
      [`${FOLDER}/nets.fic`]: chapter({ Title: 'Nets' }, 'Mended twice.'),
      [`${FOLDER}/ch2.fic`]: chapter({ Chapter: '2' }, 'Which one am I?'),
    };
    const found = await check(files, 'ch2.fic');
    assert.ok(found.some((d) => d.code === 'chapter-without-work' && /cannot tell which one it belongs to/.test(d.message)), JSON.stringify(found));
  });

  it('every level can be changed by code', async () => {
    const files = { ...threeChapters(), [`${FOLDER}/03-flood.fic`]: chapter({ Title: 'Tidewater', Chapter: '2/3' }, 'x') };
    const found = await check(files, '03-flood.fic', { diagnostics: { levels: { 'chapter-number-clash': 'off' } } });
    assert.ok(!found.some((d) => d.code === 'chapter-number-clash'));
  });
});
