// Works of many chapters over in-memory workspaces: grouping, ordering, summaries that
// agree with the live model, running totals, and re-reading only what changed.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createFicService, FicSource, MemoryWorkspace, summariseSource, summariseText } from '../../server/src/service';
import { chapter, FOLDER, threeChapters, WORK_FIELDS } from '../support/works';
import { EOLS, withEol } from '../support/fixtures';

async function indexed(files: Record<string, string>, settings?: unknown) {
  const workspace = new MemoryWorkspace(files);
  const service = createFicService(settings, workspace);
  await service.works.index();
  return { workspace, service };
}

function titles(works: { title: string; chapters: { uri: string }[] }[]) {
  return works.map((w) => [w.title, w.chapters.map((c) => c.uri.slice(c.uri.lastIndexOf('/') + 1))]);
}

describe('grouping chapters into works', () => {
  it('puts chapters with the same Title together, in chapter order, with their total', async () => {
    const { service } = await indexed(threeChapters());
    const works = service.listWorks();
    assert.deepEqual(titles(works), [['Tidewater', ['01-low.fic', '02-slack.fic', '03-flood.fic']]]);
    const [work] = works;
    assert.equal(work?.words, 6 + 5 + 4);
    assert.deepEqual(work?.wordsByMethod, { whitespace: 15, ao3: 15 });
    assert.equal(work?.declaredChapters, 3);
    assert.equal(work?.rating, 'Teen And Up Audiences');
    assert.equal(work?.folder, FOLDER);
    assert.deepEqual(
      work?.chapters.map((c) => [c.number, c.title, c.words]),
      [
        [1, 'Low Water', 6],
        [2, 'Slack', 5],
        [3, '03-flood', 4],
      ],
    );
  });

  it('orders by Chapter number, not by file name', async () => {
    const { service } = await indexed({
      [`${FOLDER}/a.fic`]: chapter({ Title: 'Tidewater', Chapter: '10' }, 'ten'),
      [`${FOLDER}/b.fic`]: chapter({ Title: 'Tidewater', Chapter: '2' }, 'two'),
      [`${FOLDER}/c.fic`]: chapter({ Title: 'Tidewater', Chapter: '1' }, 'one'),
    });
    assert.deepEqual(titles(service.listWorks()), [['Tidewater', ['c.fic', 'b.fic', 'a.fic']]]);
  });

  it('orders by the number in the file name as a number: 2 before 10', async () => {
    const files: Record<string, string> = {};
    for (const n of [10, 2, 1, 11, 3]) files[`${FOLDER}/chapter${n}.fic`] = chapter({ Title: 'Tidewater' }, `part ${n}`);
    const { service } = await indexed(files);
    assert.deepEqual(titles(service.listWorks()), [['Tidewater', ['chapter1.fic', 'chapter2.fic', 'chapter3.fic', 'chapter10.fic', 'chapter11.fic']]]);
  });

  it('joins later chapters without a Title to the work by their Chapter numbers', async () => {
    const { service } = await indexed({
      [`${FOLDER}/first.fic`]: chapter({ ...WORK_FIELDS, Chapter: '1/2' }, 'one two'),
      [`${FOLDER}/second.fic`]: chapter({ Chapter: '2/2', 'Chapter Title': 'After' }, 'three'),
    });
    const works = service.listWorks();
    assert.deepEqual(titles(works), [['Tidewater', ['first.fic', 'second.fic']]]);
    assert.equal(works[0]?.words, 3);
  });

  it('makes numbered files without headers one work named for the folder', async () => {
    const { service } = await indexed({
      [`${FOLDER}/02.fic`]: 'Second part.\n',
      [`${FOLDER}/01.fic`]: 'First part here.\n',
    });
    assert.deepEqual(titles(service.listWorks()), [['tidewater', ['01.fic', '02.fic']]]);
  });

  it('keeps a folder of one-shots as separate works', async () => {
    const { service } = await indexed({
      [`${FOLDER}/gulls.fic`]: chapter({ Title: 'Gulls' }, 'Loud birds.'),
      [`${FOLDER}/nets.fic`]: chapter({ Title: 'Nets' }, 'Mended twice.'),
      [`${FOLDER}/untitled.fic`]: 'No header at all.\n',
    });
    assert.deepEqual(titles(service.listWorks()), [
      ['Gulls', ['gulls.fic']],
      ['Nets', ['nets.fic']],
      ['untitled', ['untitled.fic']],
    ]);
  });

  it('never groups across folders', async () => {
    const { service } = await indexed({
      ...threeChapters('file:///stories/one'),
      ...threeChapters('file:///stories/two'),
    });
    assert.equal(service.listWorks().length, 2);
    assert.deepEqual(
      service.listWorks('file:///stories/two/02-slack.fic').map((w) => w.folder),
      ['file:///stories/two'],
    );
  });

  it('a lone file is a work of one chapter', async () => {
    const { service } = await indexed({ [`${FOLDER}/only.fic`]: chapter({ Title: 'Only' }, 'Just this.') });
    const [work] = service.listWorks();
    assert.equal(work?.chapters.length, 1);
    assert.equal(work?.chapters[0]?.title, 'Only');
    assert.equal(work?.words, 2);
  });
});

describe('summaries of unopened chapters', () => {
  const bodies = [
    'Plain prose here.\n\nThe End\n',
    'A/N: thanks to my beta\nshe is great\n\nThe story proper.\n\n~fin~',
    '---\nAfter a separator line.\n\nA/N: a note at the very end\nThe End',
    'Words -- dashes and don\'t split arm-rest.\n\n* * *\n\nTBC\n\n\n',
    '“Curly” quotes — and 一个简单の栗子\n',
    '',
  ];
  const headers = ['', 'Title: Tidewater\nWord Count: 12\n\n', 'Title: Tidewater\nNotes: a note in the header\ncontinued\n\n', 'Title: T\n---\n', '\n\nTitle: T\nSummary: wraps\n  onto a second line\n\n\n'];
  for (const { name, eol } of EOLS) {
    it(`agree exactly with the live model (${name})`, () => {
      for (const header of headers) {
        for (const body of bodies) {
          const text = withEol(header + body, eol);
          const live = createFicService().stats(new FicSource('file:///x.fic', text, 1));
          const summary = summariseText('file:///x.fic', text);
          assert.deepEqual(summary.words, live.wordsByMethod, JSON.stringify(text));
        }
      }
    });
  }

  it('hold header fields and counts, never the text', () => {
    const body = 'The long middle of the story. '.repeat(2000);
    const summary = summariseText(`${FOLDER}/x.fic`, chapter({ ...WORK_FIELDS, Chapter: '2/3', Pairing: 'Ada/Mae, Ada & Ro' }, body));
    assert.equal(summary.chapter, 2);
    assert.equal(summary.chapterTotal, 3);
    assert.deepEqual(summary.pairings, ['Ada/Mae', 'Ada & Ro']);
    assert.ok(JSON.stringify(summary).length < 1000, 'a summary is small whatever the chapter');
    assert.ok(!JSON.stringify(summary).includes('long middle'));
  });
});

describe('open chapters and running totals', () => {
  it('uses the live text of an open chapter and adjusts the total by each edit', async () => {
    const files = threeChapters();
    const { service, workspace } = await indexed(files);
    const uri = `${FOLDER}/02-slack.fic`;
    const source = new FicSource(uri, files[uri] as string, 1);
    service.works.open(source);
    assert.equal(service.stats(source).work?.words, 15);
    // Type three words at the end of the body line.
    const line = source.text.lineCount - 2;
    const at = { line, character: source.text.lineAt(line).length };
    source.applyChanges([{ range: { start: at, end: at }, text: ' and never again' }], 2);
    assert.equal(service.works.edited(source), true);
    const stats = service.stats(source);
    assert.equal(stats.words, 8);
    assert.deepEqual(stats.work && { words: stats.work.words, chapters: stats.work.chapters, position: stats.work.position, declared: stats.work.declaredChapters }, {
      words: 18,
      chapters: 3,
      position: 2,
      declared: 3,
    });
    assert.equal(service.listWorks()[0]?.words, 18);
    // Closing without saving: the disk's text counts again.
    await service.works.close(uri);
    assert.equal(service.listWorks()[0]?.words, 15);
    assert.equal(workspace.reads.get(uri), 2, 'read once to index, once on close');
  });

  it('regroups when an edit changes the Title', async () => {
    const files = threeChapters();
    const { service } = await indexed(files);
    const uri = `${FOLDER}/03-flood.fic`;
    const source = new FicSource(uri, files[uri] as string, 1);
    service.works.open(source);
    source.applyChanges([{ range: { start: { line: 0, character: 7 }, end: { line: 0, character: 16 } }, text: 'Undertow' }], 2);
    service.works.edited(source);
    assert.deepEqual(titles(service.listWorks()), [
      ['Tidewater', ['01-low.fic', '02-slack.fic']],
      ['Undertow', ['03-flood.fic']],
    ]);
    assert.equal(service.stats(source).work?.words, 4);
  });

  it('re-reads only the files that changed, and tells its listeners once per batch', async () => {
    const files = threeChapters();
    const { service, workspace } = await indexed(files);
    const heard: boolean[] = [];
    service.works.onDidChange((c) => heard.push(c.structure));
    const uri = `${FOLDER}/01-low.fic`;
    workspace.write({ [uri]: chapter({ ...WORK_FIELDS, Chapter: '1/4' }, 'Only three words.'), [`${FOLDER}/04-ebb.fic`]: chapter({ Title: 'Tidewater', Chapter: '4/4' }, 'Out it went.') });
    await until(() => heard.length === 1);
    assert.equal(workspace.reads.get(uri), 2);
    assert.equal(workspace.reads.get(`${FOLDER}/02-slack.fic`), 1);
    assert.equal(service.listWorks()[0]?.words, 3 + 5 + 4 + 3);
    assert.equal(service.listWorks()[0]?.declaredChapters, 4);
    assert.deepEqual(heard, [true]);
    workspace.delete(`${FOLDER}/04-ebb.fic`);
    await until(() => heard.length === 2);
    assert.equal(service.listWorks()[0]?.chapters.length, 3);
  });
});

describe('chapters named by the heading that opens them', () => {
  /** The three chapters, the last one opening with a heading instead of a Chapter Title. */
  function headed(heading: string): Record<string, string> {
    const files = threeChapters();
    files[`${FOLDER}/03-flood.fic`] = chapter({ Title: 'Tidewater', Chapter: '3/3' }, `${heading}\n\nThen the water came.`);
    return files;
  }
  const names = (service: ReturnType<typeof createFicService>) => service.listWorks()[0]?.chapters.map((c) => c.title);

  it('its Chapter Title, else its opening heading, else the file name', async () => {
    const files = headed('Chapter 3: The Flood');
    // A Chapter Title wins over the heading, as on the AO3 form.
    files[`${FOLDER}/01-low.fic`] = chapter({ ...WORK_FIELDS, Chapter: '1/3', 'Chapter Title': 'Low Water' }, '# Chapter One — Ebb\n\nThe harbour emptied before the dawn.');
    // A heading without a title names nothing: the file name does.
    files[`${FOLDER}/02-slack.fic`] = chapter({ Title: 'Tidewater', Chapter: '2/3' }, 'Chapter Two\n\nNobody rowed out that day.');
    const { service } = await indexed(files);
    assert.deepEqual(names(service), ['Low Water', '02-slack', 'The Flood']);
    assert.equal(service.listWorks()[0]?.words, 15, 'the heading is still not counted');
  });

  it('names the one chapter of a lone story by its heading before the work title', async () => {
    const { service } = await indexed({ [`${FOLDER}/only.fic`]: chapter({ Title: 'Only' }, '# Prologue\n\nJust this.') });
    assert.deepEqual(names(service), ['Prologue']);
    assert.equal(service.listWorks()[0]?.title, 'Only');
  });

  it('follows the writer retitling, adding and removing the heading of an open chapter', async () => {
    // Below a note, so that editing the heading leaves the header's parse as it was.
    const files = headed('A/N: for my beta\n\nChapter 3: The Flood');
    const { service, workspace } = await indexed(files);
    const uri = `${FOLDER}/03-flood.fic`;
    const source = new FicSource(uri, files[uri] as string, 1);
    service.works.open(source);
    const heard: boolean[] = [];
    service.works.onDidChange((c) => heard.push(c.structure));
    const line = source.text.lineCount - 4;
    assert.equal(source.text.lineAt(line), 'Chapter 3: The Flood');
    let version = 1;
    const replace = (character: number, text: string) => {
      const end = { line, character: source.text.lineAt(line).length };
      source.applyChanges([{ range: { start: { line, character }, end }, text }], ++version);
      return service.works.edited(source);
    };
    assert.equal(replace(11, 'High Water'), true, 'a new title is a change of the work');
    assert.deepEqual(names(service)?.[2], 'High Water');
    assert.equal(replace(0, 'Then the water came again.'), true);
    assert.equal(names(service)?.[2], '03-flood', 'prose opens it now');
    assert.equal(service.listWorks()[0]?.words, 6 + 5 + 9);
    assert.equal(replace(0, '## Chapter 3: Undertow'), true);
    assert.equal(names(service)?.[2], 'Undertow');
    // A keystroke in the prose that changes neither the words nor the title changes nothing.
    const at = { line: line + 2, character: source.text.lineAt(line + 2).length };
    source.applyChanges([{ range: { start: at, end: at }, text: ' ' }], ++version);
    assert.equal(service.works.edited(source), false);
    assert.deepEqual(heard, [false, false, false], 'each retitling announces the work, without regrouping it');
    // Closed without saving: the disk's heading names it again.
    await service.works.close(uri);
    assert.equal(names(service)?.[2], 'The Flood');
    workspace.write({ [uri]: chapter({ Title: 'Tidewater', Chapter: '3/3' }, 'Epilogue: Slack Water\n\nThen the water came.') });
    // An epilogue's heading reads as it is written, as on the AO3 form.
    await until(() => names(service)?.[2] === 'Epilogue: Slack Water');
  });
});

/** Wait for the index's reads (promises, no timers) to settle. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !done(); i++) await new Promise((r) => setImmediate(r));
  assert.ok(done(), 'the index caught up');
}

describe('summaries agree with the live model on any text', () => {
  it('random stories of headers, notes, breaks, closing lines and blank lines', async () => {
    const fc = await import('fast-check');
    const fragment = fc.constantFrom(
      'Title: T', 'Word Count: 5', 'Notes: in the header', '---', '***', '* * *', 'A/N: a note', '(Author\'s note: thanks)', '  an: lower',
      'End notes', 'The End', 'TBC', '~fin~', 'prose words here', "don't -- arm-rest", '你好', '😀', '', ' ', '\u00a0', 'Chapter: 2/3',
      'Chapter 3: The Lighthouse', '# Chapter Three — The Lighthouse', 'Chapter 3', '# The End', 'Prologue',
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 25 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(), (parts, eol, bom) => {
        const text = (bom ? '\ufeff' : '') + parts.join(eol);
        const live = createFicService().stats(new FicSource('file:///x.fic', bom ? text.slice(1) : text, 1));
        const summary = summariseText('file:///x.fic', text);
        assert.deepEqual(summary.words, live.wordsByMethod, JSON.stringify(text));
        const model = summariseSource(new FicSource('file:///x.fic', bom ? text.slice(1) : text, 1));
        assert.equal(summary.headingTitle, model.headingTitle, `the opening heading of ${JSON.stringify(text)}`);
      }),
      { numRuns: 3000 },
    );
  });
});
