// What is counted (DOMAIN.md §5): the body, never the header; the trailer line never;
// author's notes apart; scene breaks are body, never the end of the header. Every
// fixture in LF and CRLF, both methods.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CountMethod, FicStats } from '../../server/src/protocol';
import { EOLS, service, source, withEol } from '../support/fixtures';

const services = { whitespace: service({ wordCount: { method: 'whitespace' } }), ao3: service({ wordCount: { method: 'ao3' } }) };

function stats(text: string, method: CountMethod = 'whitespace'): FicStats {
  return services[method].stats(source(text));
}

const HEADER = ['Title: Salt and Lamplight', 'Author: Wren Marsh', 'Rating: General Audiences', 'Word Count: 9', ''].join('\n');

describe('what is counted', () => {
  for (const { name, eol } of EOLS) {
    describe(name, () => {
      it('never counts the header', () => {
        const s = stats(withEol(`${HEADER}\nThe lamp burned all night.\n\nShe didn't sleep.\n`, eol));
        assert.equal(s.words, 5 + 3);
        assert.equal(s.headerWords, 4 + 3 + 3 + 3);
        assert.equal(s.declared, 9);
      });

      it('counts a file without a header from its first line', () => {
        const s = stats(withEol('The lamp burned all night.\nThen: nothing.\n', eol));
        assert.equal(s.words, 7);
        assert.equal(s.headerWords, 0);
      });

      for (const trailer of ['The End', 'THE END', '~fin~', 'Fin.', 'TBC', 'TBC...', '- To be continued -', 'END', '*The End*']) {
        it(`leaves out the trailer line ${JSON.stringify(trailer)}`, () => {
          const s = stats(withEol(`${HEADER}\nThe lamp burned all night.\n\n${trailer}\n\n`, eol));
          assert.equal(s.words, 5);
          assert.ok(s.trailerWords > 0, 'the trailer is reported on its own');
        });
      }

      it('counts a "The End" that is not the last line', () => {
        const s = stats(withEol(`${HEADER}\nThe End\n\nwas only the beginning.\n`, eol));
        assert.equal(s.words, 2 + 4);
        assert.equal(s.trailerWords, 0);
      });

      it('counts author\'s-note blocks apart, at the start and at the end of the body', () => {
        const text = withEol(
          `${HEADER}\nA/N: for my beta, who\nread it twice.\n\nThe lamp burned.\n\n(Author's note: thanks for reading!)\n\nThe End\n`,
          eol,
        );
        // `A/N:` is one word to wc and two (`A`, `N`) to AO3.
        for (const [method, noteWords] of [['whitespace', 5 + 3 + 5], ['ao3', 6 + 3 + 5]] as const) {
          const s = stats(text, method);
          assert.equal(s.words, 3, method);
          assert.equal(s.noteWords, noteWords, method);
          assert.equal(s.trailerWords, 2, method);
        }
      });

      it('counts no scene break, by either method (they are furniture, as the header is)', () => {
        const text = withEol(`${HEADER}\nOne two.\n\n* * *\n\nThree four.\n\nxXx\n\nFive.\n`, eol);
        assert.equal(stats(text, 'whitespace').words, 2 + 2 + 1);
        assert.equal(stats(text, 'ao3').words, 2 + 2 + 1);
        assert.equal(stats(text).sections, 3);
      });
    });
  }
});

describe('scene breaks never end the header', () => {
  for (const { name, eol } of EOLS) {
    for (const rule of ['---', '***', '~~~', '===', '* * *']) {
      it(`a ${JSON.stringify(rule)} separator ends the header once; later ones are scene breaks (${name})`, () => {
        const text = withEol(`${HEADER}\n${rule}\n\nOne two.\n\n${rule}\n\nTitle: not a field\n`, eol);
        const s = stats(text);
        assert.equal(s.headerWords, 13 + (rule === '* * *' ? 3 : 1));
        assert.equal(s.words, 2 + 4);
      });
    }

    it(`a scene break inside the body is a break, not a separator (${name})`, () => {
      const text = withEol(`${HEADER}\nOne two.\n\n***\n\nThree.\n`, eol);
      const s = stats(text);
      assert.equal(s.words, 2 + 1);
      assert.equal(s.headerWords, 13);
    });

    it(`a body that opens with a scene break and has no header is all body (${name})`, () => {
      const text = withEol(`***\n\nOne two.\n\n***\n\nThree.\n`, eol);
      assert.equal(stats(text).words, 2 + 1);
      assert.equal(stats(text, 'ao3').words, 3);
    });

    it(`a header is never made of the lines after a scene break (${name})`, () => {
      const text = withEol(`Once upon a time.\n\n***\n\nTitle: Later\nRating: T\n\nEnd of story.\n`, eol);
      const s = stats(text);
      assert.equal(s.headerWords, 0);
      assert.equal(s.words, 4 + 2 + 2 + 3);
    });
  }
});

describe('the sample story (../shared/samples/always-for-her.fic)', () => {
  // A third party's story beside the repository, read in place and never copied into it.
  // From out/test/service: up to the repository, then beside it.
  const path = join(__dirname, '..', '..', '..', '..', 'shared', 'samples', 'always-for-her.fic');
  const sample = existsSync(path) ? readFileSync(path, 'utf8') : null;
  for (const { name, eol } of EOLS) {
    it(`counts 1,293 words by whitespace, 1,289 by AO3, as its header says (${name})`, (t) => {
      if (sample === null) return t.skip(`the sample is not at ${path}`);
      const text = withEol(sample, eol);
      const ws = stats(text, 'whitespace');
      const ao3 = stats(text, 'ao3');
      assert.equal(ws.words, 1293);
      assert.equal(ws.declared, 1293);
      assert.equal(ao3.words, 1289);
      assert.deepEqual(ws.wordsByMethod, { whitespace: 1293, ao3: 1289 });
      assert.equal(ws.trailerWords, 2);
      assert.equal(ws.noteWords, 0);
    });
  }
});

describe('other figures', () => {
  for (const { name, eol } of EOLS) {
    it(`counts body characters without line breaks, header, notes or trailer (${name})`, () => {
      const s = stats(withEol(`${HEADER}\nAb c\u00a0d 😀\n\nA/N: note\n\nThe End\n`, eol));
      assert.equal(s.characters, 8);
      assert.equal(s.charactersNoSpaces, 5);
      assert.equal(s.paragraphs, 1);
    });

    it(`counts selections by the configured method (${name})`, () => {
      const text = withEol(`${HEADER}\nShe didn't -- would not.\nNo.\n`, eol);
      const range = { start: { line: 5, character: 4 }, end: { line: 6, character: 2 } };
      assert.deepEqual(services.whitespace.stats(source(text), [range]).selections, [4 + 1]);
      assert.deepEqual(services.ao3.stats(source(text), [range]).selections, [3 + 1]);
    });
  }

  it('rounds reading time up, and has none for an empty body', () => {
    const words = Array.from({ length: 251 }, () => 'word').join(' ');
    assert.equal(stats(`${HEADER}\n${words}\n`).readingMinutes, 2);
    assert.equal(stats(HEADER).readingMinutes, 0);
  });
});
