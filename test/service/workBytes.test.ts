// Chapters read from disk are summarised from their bytes (summaryBytes.ts): the figures
// and fields must be exactly those of the decoded text, which agree with the live model
// (works.test.ts). Slices as small as a few bytes must change nothing.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createFicService, FicSource, FileChangeEmitter, MemoryWorkspace, summariseBytes, summariseSource, summariseText, summaryInSlices } from '../../server/src/service';
import type { ChapterSummary } from '../../server/src/service';
import { byteCounter, useWebAssembly } from '../../server/src/service/text/count';

const URI = 'file:///w/x.fic';
const encoder = new TextEncoder();

function inSlices(bytes: Uint8Array, size: number): { summary: ChapterSummary; yields: number } {
  const steps = summaryInSlices(URI, bytes, size);
  let yields = 0;
  for (;;) {
    const step = steps.next();
    if (step.done) return { summary: step.value, yields };
    yields++;
  }
}

/** The text path's summary of the text the bytes decode to, as Node decodes a file. */
function fromText(bytes: Uint8Array): ChapterSummary {
  return summariseText(URI, Buffer.from(bytes).toString('utf8'));
}

const ao3 = createFicService();

/** The chapter's name from the text path against the live model's, and against the Chapter
 * Title the AO3 form posts (the form posts '' for an untitled heading; the works list then
 * names the chapter otherwise). */
function sameName(bytes: Uint8Array, expected: ChapterSummary, label: string): void {
  let text = Buffer.from(bytes).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const source = new FicSource(URI, text, 1);
  assert.equal(summariseSource(source).headingTitle, expected.headingTitle, `${label}: the live model's opening heading`);
  const posted = ao3.ao3Work(source).chapters[0]?.title ?? '';
  assert.equal(expected.chapterTitle ?? expected.headingTitle, posted === '' ? null : posted, `${label}: the AO3 form's Chapter Title`);
}

function agree(bytes: Uint8Array, label: string): void {
  const expected = fromText(bytes);
  assert.deepEqual(summariseBytes(URI, bytes), expected, label);
  assert.deepEqual(inSlices(bytes, 5).summary, expected, `${label} (in slices of 5 bytes)`);
  sameName(bytes, expected, label);
}

describe('summaries from bytes', () => {
  const cases: Record<string, string> = {
    'CRLF': 'Title: T\r\nChapter: 1/2\r\n\r\nA/N: hi\r\nthere\r\n\r\nOne two three.\r\n\r\n* * *\r\n\r\nThe End\r\n',
    'lone CR': 'Title: T\r\rA/N: hi\rthere\r\rOne two.\r\rChapter 2\r\rTBC',
    'BOM': '\ufeffTitle: T\n\nBody words here.\n',
    'BOM twice': '\ufeff\ufeffTitle: T\n\nBody words here.\n',
    'CJK': 'Title: 潮\n\n一个简单の栗子，カタカナ。ไทย\n\n\u3000第一章\n',
    'lone surrogates': 'Title: T\n\nA \ud800 b \udc00c d\ud83d\n',
    'header only': 'Title: Only a header\nRating: General Audiences\n',
    'header only, no end of line': 'Title: T',
    'empty': '',
    'nbsp-indented note and break': 'Title: T\n\n\u00a0A/N: indented\nstill the note\n\n\u3000•••\n\nProse.\n',
    'headings': 'Title: T\n\n# Part One\n\nWords.\n\n  Chapter Three: Homecoming\n\nPrologue\n\nEpilogue - after\n\n### Markdown\n\nmore words\n',
    'decoration': 'Title: T\n\nooo\n\nxXx\n\no0o\n\n-o-\n\n~*~\n\n...\n\n. . .\n\n#\n\nwords\n\n❦ ❦ ❦\n',
    'note words': 'Title: T\n\nAn: lower\n\n(Author\'s note: x)\n\n[a/n: y]\n\nNotes: z\n\nEnd notes\n\nAnd then prose.\n\nNow prose.\n',
    'long lines': `Title: T\n\n${'o'.repeat(200)}\n\n${' '.repeat(500)}***${' '.repeat(500)}\n\n${'Chapter '.repeat(60)}\n\n${'x'.repeat(130)}\n`,
    'closing line': 'Title: T\n\nStory.\n\n~fin~\n\n\n',
    'closing line in a note': 'Title: T\n\nStory.\n\nA/N: thanks\nThe End',
    'rule line ending the header': 'Title: T\n---\nA/N: a\nb\n\nwords\n',
    'opening heading': 'Title: T\nChapter: 3/5\n\nChapter 3: The Lighthouse\n\nWords.\n',
    'opening Markdown heading': 'Title: T\n\n# Chapter Three — The Lighthouse\n\nWords.\n',
    'opening heading after a note, CRLF': 'Title: T\r\n\r\nA/N: hi\r\nthere\r\n\r\n  Part II: Tides  \r\n\r\nWords.\r\n',
    'opening heading without a header': '\n\nPrologue\n\nWords.\n',
    'untitled opening heading': 'Title: T\n\nChapter 3\n\nWords.\n',
    'heading after the opening line': 'Title: T\n\nWords.\n\nChapter 2: Later\n\nMore.\n',
    'break before the heading': 'Title: T\n\nooo\n\nChapter 2: Later\n',
    'rule line between header and heading': 'Title: T\n\n* * *\n\nChapter 2: Later\n',
    'heading and Chapter Title': 'Title: T\nChapter Title: From the header\n\nChapter 2: From the text\n\nWords.\n',
    'an empty Chapter Title above a filled one': 'Title: T\nChapter Title:\nChapter Title: \u00a0Tides\u00a0\n\nChapter 2: Later\n\nWords.\n',
    'two headings': 'Title: T\n\nChapter 1: First\n\nWords.\n\nChapter 2: Second\n\nMore.\n',
    'a heading that is the closing line': 'Title: T\n\nA/N: only a note\n\n# The End\n',
    'heading too long to be one': `Title: T\n\nChapter 3: ${'Long '.repeat(30)}\n\nWords.\n`,
    'heading with non-ASCII spaces': 'Title: T\n\n\u3000Chapter 4:\u00a0Çà et là\u2003\n\nWords.\n',
    // Openers the note test does not take (`( ( A/N`): not a note to the model, so that
    // line opens the story, and the heading after it names nothing.
    'a line that only looks like a note, then a heading': 'Title: T\n\n( ( A/N x\nChapter 2: Dusk\n\nWords.\n',
    'a line that only looks like a note, a blank line, a heading': 'Title: T\n\n( ( A/N x\n\nChapter 2: Dusk\n\nWords.\n',
  };
  for (const [name, text] of Object.entries(cases)) {
    it(`agree with the text path: ${name}`, () => agree(encoder.encode(text), name));
  }

  it('name a chapter by the title of the heading that opens it', () => {
    const named: Record<string, string | null> = {
      'opening heading': 'The Lighthouse',
      'opening Markdown heading': 'The Lighthouse',
      'opening heading after a note, CRLF': 'Tides',
      'opening heading without a header': 'Prologue',
      'untitled opening heading': null,
      'heading after the opening line': null,
      'break before the heading': null,
      'rule line between header and heading': 'Later',
      'heading and Chapter Title': 'From the text',
      'two headings': 'First',
      'a heading that is the closing line': null,
      'heading too long to be one': null,
      'heading with non-ASCII spaces': 'Çà et là',
      'a line that only looks like a note, then a heading': null,
      'a line that only looks like a note, a blank line, a heading': null,
    };
    for (const [name, title] of Object.entries(named)) {
      assert.equal(summariseBytes(URI, encoder.encode(cases[name] as string)).headingTitle, title, name);
    }
    assert.equal(summariseBytes(URI, encoder.encode('Chapter 9: Alone')).headingTitle, 'Alone', 'a heading with nothing after it');
    assert.equal(summariseBytes(URI, encoder.encode('Title: T\n\nChapter 9: The End\n')).headingTitle, 'The End');
  });

  it('agree with the live model, a chapter without a BOM', () => {
    const text = 'Title: T\nChapter: 2/3\n\nA/N: note\n\n“Curly” quotes — don\'t -- arm-rest 你好 😀\n\n* * *\n\nThe End\n';
    const live = createFicService().stats(new FicSource(URI, text, 1));
    assert.deepEqual(summariseBytes(URI, encoder.encode(text)).words, live.wordsByMethod);
  });

  it('bytes that are not UTF-8 count as the replacement characters a decoder makes of them', () => {
    const parts = [[0x80], [0xc0, 0xaf], [0xe2, 0x80], [0xed, 0xa0, 0x80], [0xf0, 0x9f, 0x98], [0xf4, 0x90, 0x80, 0x80], [0xff], [0xe2, 0x80, 0x99]];
    for (const p of parts) {
      for (const around of [['a', 'b'], [' ', ' '], ['A/N', '\n'], ['\n', '-']]) {
        const bytes = new Uint8Array([...encoder.encode(`Title: T\n\n${around[0]}`), ...p, ...encoder.encode(`${around[1]}x y\n`)]);
        agree(bytes, JSON.stringify([p, around]));
      }
    }
  });

  it('a large chapter is taken in slices', () => {
    const text = `Title: T\n\n${'Some words on a line.\n'.repeat(5000)}`;
    const { summary, yields } = inSlices(encoder.encode(text), 10_000);
    assert.ok(yields >= 10, `${yields} slices`);
    assert.equal(summary.words.whitespace, 25_000);
  });

  it('a chapter of megabytes of dashes (no place to cut) is still exact', () => {
    const bytes = encoder.encode(`Title: T\n\nA/N: dashes\n\n${'-'.repeat(3 << 20)}\n\nWords after them.\n`);
    assert.deepEqual(summariseBytes(URI, bytes), fromText(bytes));
  });

  it('a chapter with no line breaks is still sliced, and still exact', () => {
    const text = `Title: T\n\n${'word-- ’tis a—b '.repeat(3000)}`;
    const bytes = encoder.encode(text);
    const { summary, yields } = inSlices(bytes, 1000);
    assert.ok(yields >= 10, `${yields} slices`);
    assert.deepEqual(summary, fromText(bytes));
  });

  const randomStories = async (numRuns: number) => {
    const fc = await import('fast-check');
    const fragment = fc.constantFrom(
      'Title: T', 'Chapter: 2/3', 'Chapter Title: Tides', 'Chapter Title:', 'Word Count: 5', '---', '***', '* * *', 'A/N: a note', '(Author\'s note: thanks)', '  an: lower', '\u00a0a/n x',
      'End notes', 'The End', 'TBC', '~fin~', 'prose words here', "don't -- arm-rest", '你好', '😀', '', ' ', '\u00a0', '\u3000', '\ufeff',
      'Chapter 3', '# Part II', 'Prologue', 'Chapter 3: The Lighthouse', '# Chapter Three — The Lighthouse', 'Epilogue - Après', '## The End', 'ooo', 'xXx', '-o-', '•••', '...', 'Only she knew.', 'Now then', 'And so', '#', '\ud800', '\t~*~\t',
    );
    const broken = fc.constantFrom([], [0x80], [0xe2, 0x80], [0xf0, 0x9f], [0xc3]);
    fc.assert(
      fc.property(fc.array(fc.tuple(fragment, broken), { maxLength: 25 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(), fc.integer({ min: 1, max: 64 }), (parts, eol, bom, slice) => {
        const chunks: number[] = bom ? [0xef, 0xbb, 0xbf] : [];
        parts.forEach(([text, bad], k) => {
          if (k > 0) chunks.push(...encoder.encode(eol));
          chunks.push(...encoder.encode(text), ...bad);
        });
        const bytes = new Uint8Array(chunks);
        const expected = fromText(bytes);
        assert.deepEqual(summariseBytes(URI, bytes), expected);
        assert.deepEqual(inSlices(bytes, slice).summary, expected);
        sameName(bytes, expected, JSON.stringify(parts));
      }),
      { numRuns },
    );
  };
  it('agree on random stories of furniture, scripts, spaces and broken bytes', async () => {
    assert.equal(byteCounter(), 'webassembly');
    await randomStories(3000);
  });
  it('agree without WebAssembly too (every line read, the JavaScript counter)', async () => {
    useWebAssembly(false);
    try {
      assert.equal(byteCounter(), 'javascript');
      for (const [name, text] of Object.entries(cases)) agree(encoder.encode(text), name);
      await randomStories(1000);
    } finally {
      useWebAssembly(true);
    }
  });
});

describe('a large chapter read through a workspace that can pause', () => {
  it('is counted in slices, and an open story is counted between them', async () => {
    const paragraph = 'The tide came in and the tide went out.\n\n';
    const repeats = Math.ceil((8 * 1024 * 1024) / paragraph.length);
    const big = encoder.encode(`Title: Epic\n\n${paragraph.repeat(repeats)}`);
    const emitter = new FileChangeEmitter();
    const counts: number[] = [];
    let service = createFicService();
    const open = new FicSource('file:///elsewhere/open.fic', 'Title: Open\n\nOne', 1);
    const workspace = {
      findFiles: async () => ['file:///w/epic.fic'],
      readFile: async () => null,
      readBytes: async () => big,
      // What the host does between slices: here, a keystroke in the open story.
      pause: async () => {
        const at = { line: 2, character: 3 + 5 * counts.length };
        open.applyChanges([{ range: { start: at, end: at }, text: ' more' }], open.version + 1);
        counts.push(service.stats(open).words);
      },
      onDidChangeFiles: emitter.event,
    };
    service = createFicService(undefined, workspace);
    await service.works.index();
    assert.ok(counts.length >= 8, `${counts.length} pauses`);
    assert.deepEqual(counts, counts.map((_, k) => k + 2), 'each keystroke counted at once');
    assert.deepEqual(service.listWorks().map((w) => [w.title, w.words]), [['Epic', 9 * repeats]]);
  });
});

describe('a large chapter read as text (the editor reads it, on the web)', () => {
  it('is counted in slices too, exactly', async () => {
    const text = `Title: Epic\n\n${'A/N: x\nnote\n\n“Curly” words — 你好 \ud800 here.\n\n* * *\n\n'.repeat(200_000)}The End\n`;
    const emitter = new FileChangeEmitter();
    let pauses = 0;
    const service = createFicService(undefined, {
      findFiles: async () => ['file:///w/epic.fic'],
      readFile: async () => text,
      pause: async () => {
        pauses++;
      },
      onDidChangeFiles: emitter.event,
    });
    await service.works.index();
    assert.ok(pauses >= 8, `${pauses} pauses`);
    const live = createFicService().stats(new FicSource('file:///w/epic.fic', text, 1));
    assert.deepEqual(service.listWorks()[0]?.wordsByMethod, live.wordsByMethod);
  });
});

describe('chapters read into buffers the index lends (reused from one chapter to the next)', () => {
  it('counts every chapter exactly while large ones are still being counted in slices', async () => {
    // Works of chapters of very different sizes; the large ones (over a slice) are taken
    // a slice at a time, and the other readers go on between slices: a buffer lent again
    // too early would be overwritten under a chapter still being counted.
    const files: Record<string, string> = {};
    for (let w = 0; w < 4; w++) {
      for (let c = 1; c <= 10; c++) {
        const size = (w * 10 + c) % 7 === 0 ? 60_000 - 3_000 * w - 50 * c : 1 + ((w * 31 + c * 17) % 200);
        const body = `“Chapter ${c}” words ${'word ’tis — 你好 '.repeat(size)}\n\nA/N: thanks ${w}\n`;
        files[`file:///w/work-${w}/chapter-${c}.fic`] = `Title: Work ${w}\nChapter: ${c}/10\n\n${body}`;
      }
    }
    const encoded = new Map(Object.entries(files).map(([uri, text]) => [uri, encoder.encode(text)]));
    const lent = new Set<ArrayBufferLike>();
    let lends = 0;
    const emitter = new FileChangeEmitter();
    const lending = createFicService(undefined, {
      findFiles: async () => Object.keys(files),
      readFile: async () => null,
      readBytes: async (uri, lend) => {
        await new Promise((resolve) => setImmediate(resolve));
        const bytes = encoded.get(uri) as Uint8Array;
        assert.ok(lend, 'a batch lends buffers');
        const into = lend(bytes.length);
        assert.ok(into.length >= bytes.length);
        lends++;
        lent.add(into.buffer);
        // What is left past the chapter is not the chapter's: make it look like text.
        into.fill(0x61);
        into.set(bytes);
        return into.subarray(0, bytes.length);
      },
      pause: () => new Promise((resolve) => setImmediate(resolve)),
      onDidChangeFiles: emitter.event,
    });
    await lending.works.index();
    const plain = createFicService(undefined, new MemoryWorkspace(files));
    await plain.works.index();
    const figures = (s: typeof plain) => s.listWorks().map((w) => [w.title, w.wordsByMethod, w.chapters.map((c) => [c.words, c.title])]);
    assert.deepEqual(figures(lending), figures(plain));
    assert.equal(lends, 40);
    assert.ok(lent.size < 20, `${lent.size} buffers for ${lends} chapters: they are reused`);
  });
});
