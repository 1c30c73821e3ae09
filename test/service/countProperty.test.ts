// Generated text against the references: countAo3 against AO3's regex, countWhitespace
// against `wc -w` itself (spawned once per property, all cases in one invocation) and
// against its in-process model. fast-check prints the seed and the shrunk case on failure.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { countAo3, countCharacters, countWhitespace, measure } from '../../server/src/service/text/count';
import { ao3Reference, wcReference } from '../support/ao3Reference';

const WORDS = ['one', 'Two', "don't", 'don’t', '‘tis', 'arm-rest', 'one--two', 'well-', '-ish', 'snake_case', 'Buffy/Spike', 'U.S.', 'e.g.', 'x'];
const NUMBERS = ['1,293', '3.5', '1.293', '42', '٣', '१२'];
const PUNCTUATION = ['"', '“', '”', "'", '’', '‘', '-', '--', '---', '–', '—', '...', '…', '***', '~', '!', '?', ',', '.', '|', '/', '*', '(', ')', '#', '&', '<3', '，', '、', '。', '？'];
const ACCENTS = ['zwölf', 'naïve', 'fiancés', 'e\u0301', '\u0301', 'n\u0303o', 'Ω', 'ß', 'Ⅻ', 'Ⓐ'];
const ASTRAL = ['𝒜', '𝒷', '𐐀', '𐐨', '𠀀', '𠮷', '𝟘', '🅰'];
const SCRIPTS = ['漢', '字', '一个简单', '々', 'ひらがな', 'カタカナ', 'ー', 'ｶﾀｶﾅ', 'ภาษาไทย', '๏', '한국어', '단어', 'ᄀ'];
const EMOJI = ['😀', '👩‍👩‍👧', '👍🏽', '🏳️‍🌈', '🇫🇷', '1️⃣', '❤️', '\u200d', '\ufe0f'];
/** Every separator of DOMAIN.md §5, and the characters wc does not split on. */
const SEPARATORS = ['\t', '\n', '\v', '\f', '\r', '\r\n', ' ', '  ', '\u00a0', '\u1680', '\u2000', '\u2001', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006', '\u2007', '\u2008', '\u2009', '\u200a', '\u202f', '\u205f', '\u2060', '\u3000'];
const NOT_SEPARATORS = ['\u0085', '\u200b', '\u2028', '\u2029', '\ufeff', '\u0000', '\u0001', '\u007f', '\u00ad', '\u180e'];
const LONE_SURROGATES = ['\ud800', '\udbff', '\udc00', '\udfff', '\ud83d', '\ude00'];

const pick = (xs: string[]) => fc.constantFrom(...xs);
const fragment = fc.oneof(
  { weight: 4, arbitrary: pick(WORDS) },
  { weight: 4, arbitrary: pick(SEPARATORS) },
  { weight: 3, arbitrary: pick(PUNCTUATION) },
  pick(NUMBERS),
  pick(ACCENTS),
  pick(ASTRAL),
  pick(SCRIPTS),
  pick(EMOJI),
  pick(NOT_SEPARATORS),
  fc.string({ unit: 'grapheme-ascii', maxLength: 3 }),
);
/** Text a writer could type, with some lone surrogates mixed in: a JavaScript string can
 * hold them, and they are saved (and so reach wc) as U+FFFD. */
const prose = fc.array(fc.oneof({ weight: 8, arbitrary: fragment }, pick(LONE_SURROGATES)), { maxLength: 40 }).map((parts) => parts.join(''));
/** Any code points at all (assigned or not, any plane). */
const anything = fc.string({ unit: 'binary', maxLength: 30 });

const RUNS = 100_000;
const WC_CASES = 5_000;

function check(name: string, arb: fc.Arbitrary<string>, numRuns: number, predicate: (s: string) => void) {
  it(`${name} (${numRuns.toLocaleString('en')} generated strings)`, (t) => {
    fc.assert(fc.property(arb, predicate), { numRuns });
    t.diagnostic(`${numRuns} cases`);
  });
}

describe('countAo3 = the AO3 regex reference', () => {
  check('on prose with lone surrogates', prose, RUNS, (s) => assert.equal(countAo3(s), ao3Reference(s)));
  check('on arbitrary code points', anything, RUNS / 4, (s) => assert.equal(countAo3(s), ao3Reference(s)));
});

describe('countWhitespace = the wc model', () => {
  check('on prose with lone surrogates', prose, RUNS, (s) => assert.equal(countWhitespace(s), wcReference(s)));
  check('on arbitrary code points', anything, RUNS / 4, (s) => assert.equal(countWhitespace(s), wcReference(s)));
});

describe('measure = the three counters', () => {
  const separately = (s: string) => ({ whitespace: countWhitespace(s), ao3: countAo3(s), ...countCharacters(s) });
  check('on prose with lone surrogates', prose, RUNS, (s) => assert.deepEqual(measure(s), separately(s)));
  check('on arbitrary code points', anything, RUNS / 4, (s) => assert.deepEqual(measure(s), separately(s)));
});

describe('ranges and lines', () => {
  const withRange = fc.tuple(prose, fc.nat(), fc.nat()).map(([s, x, y]) => {
    const a = x % (s.length + 1);
    const b = y % (s.length + 1);
    return { s, a: Math.min(a, b), b: Math.max(a, b) };
  });
  it(`count(text, a, b) = count(text.slice(a, b)) (${RUNS.toLocaleString('en')} generated cases)`, () => {
    fc.assert(
      fc.property(withRange, ({ s, a, b }) => {
        const part = s.slice(a, b);
        assert.equal(countAo3(s, a, b), countAo3(part));
        assert.equal(countWhitespace(s, a, b), countWhitespace(part));
        assert.deepEqual(countCharacters(s, a, b), countCharacters(part));
        assert.deepEqual(measure(s, a, b), measure(part));
      }),
      { numRuns: RUNS },
    );
  });

  it(`a text's count is the sum of its lines' counts (${RUNS.toLocaleString('en')} generated strings)`, () => {
    fc.assert(
      fc.property(prose, (s) => {
        const lines = s.split(/\r\n|\r|\n/);
        assert.equal(countAo3(s), lines.reduce((n, l) => n + countAo3(l), 0));
        assert.equal(countWhitespace(s), lines.reduce((n, l) => n + countWhitespace(l), 0));
      }),
      { numRuns: RUNS },
    );
  });
});

// ---------------------------------------------------------------------------------------
// wc itself

/** Why `wc -w` cannot serve as the reference here, or null when it can. */
function wcUnavailable(dir: string): string | null {
  try {
    if (!execFileSync('wc', ['--version'], { encoding: 'utf8' }).includes('GNU coreutils')) return 'wc is not GNU coreutils';
    const probe = join(dir, 'probe');
    writeFileSync(probe, 'a\u00a0b');
    return wordCounts([probe])[0] === 2 ? null : 'wc does not read UTF-8 under LC_ALL=C.UTF-8';
  } catch (e) {
    return `wc cannot run: ${(e as Error).message}`;
  }
}

/** `wc -w` of each file, one process for all. */
function wordCounts(files: string[]): number[] {
  const out = execFileSync('wc', ['-w', '--', ...files], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C.UTF-8' }, maxBuffer: 1 << 24 });
  const byFile = new Map<string, number>();
  for (const line of out.split('\n')) {
    const m = /^\s*(\d+)\s+(.+)$/.exec(line);
    if (m) byFile.set(m[2] as string, Number(m[1]));
  }
  return files.map((f) => {
    const n = byFile.get(f);
    if (n === undefined) throw new Error(`wc printed no count for ${f}`);
    return n;
  });
}

describe('countWhitespace = wc -w (GNU coreutils, LC_ALL=C.UTF-8)', () => {
  let dir = '';
  let unavailable: string | null = null;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'fic-wc-'));
    unavailable = wcUnavailable(dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Compare every text with wc in one invocation; report each disagreement. */
  function compareWithWc(texts: string[]): string[] {
    const files = texts.map((text, i) => {
      const file = join(dir, `case${i}.txt`);
      writeFileSync(file, text, 'utf8');
      return file;
    });
    const wc = wordCounts(files);
    const wrong: string[] = [];
    texts.forEach((text, i) => {
      const ours = countWhitespace(text);
      const model = wcReference(text);
      if (ours !== wc[i] || model !== wc[i]) wrong.push(`${JSON.stringify(text)}: wc ${wc[i]}, countWhitespace ${ours}, model ${model}`);
    });
    return wrong;
  }

  it('on the fixed cases: every separator, every near-separator, spaced punctuation', (t) => {
    if (unavailable) return t.skip(unavailable);
    const texts = [
      'one -- two — three *** four ... five',
      ...SEPARATORS.map((s) => `one${s}two${s}`),
      ...NOT_SEPARATORS.map((s) => `one${s}two ${s} `),
      ...EMOJI.map((s) => ` ${s} `),
    ];
    assert.deepEqual(compareWithWc(texts), []);
  });

  it(`on generated prose (${WC_CASES.toLocaleString('en')} strings, one wc process)`, (t) => {
    if (unavailable) return t.skip(unavailable);
    const texts = fc.sample(prose, WC_CASES);
    t.diagnostic(`${texts.length} cases`);
    assert.deepEqual(compareWithWc(texts), []);
  });
});
