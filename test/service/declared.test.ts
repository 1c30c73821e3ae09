// A header's declared Word Count: every format of DOMAIN.md §5, judged exactly or within
// its rounding, and rewritten in the writer's own format.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { agrees, formatCount, parseDeclaredCount, rewriteDeclared, type DeclaredCount } from '../../server/src/service/header/declared';

function parsed(value: string): DeclaredCount {
  const d = parseDeclaredCount(value);
  assert.ok(d, `${JSON.stringify(value)} should parse`);
  return d;
}

describe('parseDeclaredCount', () => {
  // value as written -> the number meant, and whether it is exact
  const formats: [string, number, boolean][] = [
    ['1,293', 1293, true],
    ['1293', 1293, true],
    ['1.293', 1293, true], // period thousands (German sites)
    ['1 293', 1293, true],
    ['~1,300', 1300, false],
    ['1.3k', 1300, false],
    ['1,3k', 1300, false], // decimal comma
    ['1.3K words', 1300, false],
    ['12k', 12000, false],
    ['1300+', 1300, false],
    ['approx. 1300', 1300, false],
    ['about 1,300', 1300, false],
    ['1,293 words', 1293, true],
    ['100 (drabble)', 100, true],
    ['  42  ', 42, true],
  ];
  for (const [value, number, exact] of formats) {
    it(`reads ${JSON.stringify(value)} as ${exact ? 'exactly' : 'about'} ${number}`, () => {
      const d = parsed(value);
      assert.equal(d.value, number);
      assert.equal(d.exact, exact);
    });
  }

  it('points at the number inside the value', () => {
    const d = parsed('approx. 1,300 words');
    assert.equal('approx. 1,300 words'.slice(d.numberStart, d.numberEnd), '1,300');
  });

  for (const garbage of ['', 'TBD', 'long', 'one thousand', '~', 'k', 'words: many', '3.5', '1,29', '1,2,3', '١٢٣']) {
    it(`finds no count in ${JSON.stringify(garbage)}`, () => {
      assert.equal(parseDeclaredCount(garbage), null);
    });
  }

  it('gives up on a 400-digit number at once (no bignum, no backtracking)', (t) => {
    const started = process.hrtime.bigint();
    for (const value of ['9'.repeat(400), `1${',000'.repeat(130)}`, `~${'1'.repeat(400)}k`, '1'.repeat(16)]) {
      assert.equal(parseDeclaredCount(value), null, value.slice(0, 20));
    }
    // Reported, never asserted: tests do not time things.
    t.diagnostic(`${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(2)} ms for four huge values`);
    assert.equal(parsed('999999999999999').value, 999_999_999_999_999);
  });

  it('reads only the head of a huge value', () => {
    assert.equal(parsed(`1,293 ${'x'.repeat(100_000)}`).value, 1293);
    assert.equal(parseDeclaredCount('x'.repeat(100_000)), null);
  });
});

describe('agrees', () => {
  // declared, counts that agree, counts that do not
  const cases: [string, number[], number[]][] = [
    ['1,293', [1293], [1292, 1294, 1289]],
    ['1.293', [1293], [1298]],
    ['100 (drabble)', [100], [99, 101, 103]],
    ['~1,300', [1250, 1293, 1350], [1249, 1351]], // within its rounding to the hundred
    ['approx. 1300', [1260, 1340], [1200, 1400]],
    ['1.3k', [1250, 1349], [1249, 1351]], // rounds to 1.3k
    ['12k', [11500, 12499], [11499, 12501]],
    ['1300+', [1300, 1399], [1299, 1400]], // at least, within the next hundred
    ['~1,293', [1293], [1292, 1294]], // an approximate mark on an exact-looking number
  ];
  for (const [value, yes, no] of cases) {
    it(`${JSON.stringify(value)}: ${yes.join(', ')} agree; ${no.join(', ')} do not`, () => {
      const d = parsed(value);
      for (const n of yes) assert.ok(agrees(d, n), `${n} should agree with ${value}`);
      for (const n of no) assert.ok(!agrees(d, n), `${n} should not agree with ${value}`);
    });
  }
});

describe('rewriteDeclared', () => {
  // value, new count, the value rewritten in the writer's format
  const cases: [string, number, string][] = [
    ['1,293', 1298, '1,298'],
    ['1293', 1298, '1298'],
    ['1.293', 1298, '1.298'],
    ['1 293', 12_980, '12 980'],
    ['1,293', 999, '999'],
    ['999', 1_000_000, '1000000'],
    ['1.3k', 1400, '1.4k'],
    ['1,3k', 1400, '1,4k'],
    ['12k', 12_345, '12k'],
    ['~1,300', 1400, '~1,400'],
    ['approx. 1300', 1400, 'approx. 1400'],
    ['1300+', 1400, '1400+'],
    ['1,293 words', 1298, '1,298 words'],
    ['100 (drabble)', 103, '103 (drabble)'],
  ];
  for (const [value, n, expected] of cases) {
    it(`${JSON.stringify(value)} with ${n} words becomes ${JSON.stringify(expected)}`, () => {
      assert.equal(rewriteDeclared(value, parsed(value), n), expected);
    });
  }

  it('formats counts for people with a comma', () => {
    assert.equal(formatCount(1293), '1,293');
    assert.equal(formatCount(1_000_000), '1,000,000');
    // As toLocaleString('en-US') writes whole numbers (the client showed it before), cuts too.
    assert.equal(formatCount(-312), '-312');
    assert.equal(formatCount(-1234567), '-1,234,567');
    assert.equal(formatCount(0), '0');
    for (const n of [1, 12, 123, 1234, 12345, 123456, 1234567, Number.MAX_SAFE_INTEGER, -9, -1000, -999_999, 2 ** 40]) {
      assert.equal(formatCount(n), n.toLocaleString('en-US'), String(n));
    }
    for (let n = -2000; n <= 2000; n += 7) assert.equal(formatCount(n * 997), (n * 997).toLocaleString('en-US'));
    assert.equal(formatCount(12), '12');
  });
});
