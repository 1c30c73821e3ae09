// Quick fixes: applied, each gives the expected text, touches only the range it names, and
// leaves every body line byte-identical. Every fixture runs with LF and CRLF.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { FicText, parse } from '../../server/src/service';
import { fingerprint } from '../../server/src/service/diagnostics/fixData';
import { EOLS, service, source, STORY, withEol } from '../support/fixtures';

const URI = 'file:///test/story.fic';

/** The text with the edits applied (from the last to the first, as editors do). */
function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const model = new FicText(text);
  const sorted = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
  for (const e of sorted) model.applyChange({ range: e.range, text: e.newText });
  return model.getText();
}

/** The body as bytes: every line from the body's first line on, line breaks included. */
function body(text: string): string {
  const model = new FicText(text);
  const doc = parse(model);
  let out = '';
  for (let i = doc.bodyStartLine; i < model.lineCount; i++) out += model.lineAt(i) + model.eolAt(i);
  return out;
}

/** The fixed text still ends with the original body, byte for byte (a fix may empty the
 * header so that it no longer parses as one; the body's bytes must not change anyway). */
function assertBodyKept(before: string, after: string, what: string): void {
  const kept = body(before);
  assert.ok(after.endsWith(kept), `${what}: body changed\n${JSON.stringify(before)}\n-> ${JSON.stringify(after)}`);
}

interface Fixable {
  diagnostic: Diagnostic;
  actions: CodeAction[];
}

function fixesFor(text: string, settings?: unknown): Fixable[] {
  const svc = service(settings);
  const src = source(text, URI);
  return svc.diagnostics(src).map((diagnostic) => ({ diagnostic, actions: svc.codeActions(src, diagnostic.range, [diagnostic]) }));
}

function editsOf(action: CodeAction | undefined): TextEdit[] {
  const edits = action?.edit?.changes?.[URI];
  assert.ok(edits, `action ${action?.title ?? '(none)'} has edits for ${URI}`);
  return edits;
}

/** Apply the preferred (or only, or titled) fix of the one diagnostic with `code`. */
function fixed(text: string, code: string, options: { settings?: unknown; title?: string } = {}): string {
  const found = fixesFor(text, options.settings).filter((f) => f.diagnostic.code === code);
  assert.equal(found.length, 1, `one ${code} in ${JSON.stringify(text)}`);
  const { actions } = found[0] as Fixable;
  const action = options.title ? actions.find((a) => a.title === options.title) : (actions.find((a) => a.isPreferred) ?? actions[0]);
  assert.ok(action, `${code}: a fix titled ${options.title ?? '(preferred)'} among ${JSON.stringify(actions.map((a) => a.title))}`);
  return applyEdits(text, editsOf(action));
}

/** Run `check(eol)` on LF and CRLF, with `fixture` (written with \n) converted. */
function bothEols(fixture: string, expected: string, run: (text: string) => string): void {
  for (const { name, eol } of EOLS) {
    assert.equal(run(withEol(fixture, eol)), withEol(expected, eol), name);
  }
}

const BODY = 'The tide came in.\n\nShe waited on the stones.\n\nThe End\n';

describe('quick fixes give the expected text', () => {
  it('word-count-mismatch: only the digits change, in the writer\'s format', () => {
    const cases: [string, string][] = [
      ['1,293', '9'],
      ['1,293 words', '9 words'],
      ['12', '9'],
      ['100 (drabble)', '9 (drabble)'],
    ];
    for (const [declared, want] of cases) {
      bothEols(`Title: Salt\nWord Count: ${declared}\n\n${BODY}`, `Title: Salt\nWord Count: ${want}\n\n${BODY}`, (t) =>
        fixed(t, 'word-count-mismatch', { settings: { header: { requiredFields: [] } } }),
      );
    }
  });

  it('word-count-mismatch: thousands separators are kept', () => {
    const body = `${'word '.repeat(1298).trim()}\n`;
    bothEols(`Title: Salt\nWord Count: 1,293\n\n${body}`, `Title: Salt\nWord Count: 1,298\n\n${body}`, (t) => fixed(t, 'word-count-mismatch'));
    bothEols(`Title: Salt\nWord Count: 1.293\n\n${body}`, `Title: Salt\nWord Count: 1.298\n\n${body}`, (t) => fixed(t, 'word-count-mismatch'));
  });

  it('word-count-mismatch: approximate values stay approximate, at their precision', () => {
    const body = `${'word '.repeat(1398).trim()}\n`;
    const cases: [string, string][] = [
      ['~1,300', '~1,400'],
      ['1.3k', '1.4k'],
      ['1,3k', '1,4k'],
      ['approx. 1,200 words', 'approx. 1,400 words'],
    ];
    for (const [declared, want] of cases) {
      bothEols(`Title: Salt\nWord Count: ${declared}\n\n${body}`, `Title: Salt\nWord Count: ${want}\n\n${body}`, (t) => fixed(t, 'word-count-mismatch'));
    }
    // 1,398 is within `1300+` and `1k+`: nothing to fix; past them, the floor of the count.
    for (const declared of ['1300+', '1k+']) {
      assert.deepEqual(fixesFor(`Title: Salt\nWord Count: ${declared}\n\n${body}`).filter((f) => f.diagnostic.code === 'word-count-mismatch'), []);
    }
    const plus = `${'word '.repeat(1450).trim()}\n`;
    bothEols(`Title: Salt\nWord Count: 1300+\n\n${plus}`, `Title: Salt\nWord Count: 1400+\n\n${plus}`, (t) => fixed(t, 'word-count-mismatch'));
    bothEols(`Title: Salt\nWord Count: 1k+\n\n${'word '.repeat(2500)}\n`, `Title: Salt\nWord Count: 2k+\n\n${'word '.repeat(2500)}\n`, (t) => fixed(t, 'word-count-mismatch'));
  });

  it('word-count-mismatch: an approximate value can also be made exact', () => {
    const body = `${'word '.repeat(1398).trim()}\n`;
    bothEols(`Title: Salt\nWord Count: ~1,300 words\n\n${body}`, `Title: Salt\nWord Count: 1,398 words\n\n${body}`, (t) =>
      fixed(t, 'word-count-mismatch', { title: 'Write the exact count, 1,398' }),
    );
    bothEols(`Title: Salt\nWord Count: 1.3k\n\n${body}`, `Title: Salt\nWord Count: 1,398\n\n${body}`, (t) =>
      fixed(t, 'word-count-mismatch', { title: 'Write the exact count, 1,398' }),
    );
    // Below the written precision, `~0` would say nothing: the exact count is preferred.
    bothEols(`Title: Salt\nWord Count: ~1,000\n\n${BODY}`, `Title: Salt\nWord Count: 9\n\n${BODY}`, (t) => fixed(t, 'word-count-mismatch'));
  });

  it('word-count-other-method: updating is offered but not preferred', () => {
    const text = "Title: Salt\nWord Count: 5\n\nIt's a well-known fact -- truly.\n";
    const [found] = fixesFor(text).filter((f) => f.diagnostic.code === 'word-count-other-method');
    assert.deepEqual(
      found?.actions.map((a) => [a.title, a.isPreferred ?? false]),
      [['Update the Word Count to 6', false]],
    );
    bothEols(text, text.replace('Count: 5', 'Count: 6'), (t) => fixed(t, 'word-count-other-method'));
  });

  it('unknown-rating: did-you-mean replaces only the part', () => {
    bothEols(`Rating: PG-13/Explict\n\n${BODY}`, `Rating: PG-13/Explicit\n\n${BODY}`, (t) => fixed(t, 'unknown-rating'));
    bothEols(`Rating: Teen And Up Audience\n\n${BODY}`, `Rating: Teen And Up Audiences\n\n${BODY}`, (t) => fixed(t, 'unknown-rating'));
  });

  it('missing-field: a new line after the last field, in the file\'s line ending', () => {
    const settings = { header: { requiredFields: ['Author'] } };
    bothEols(`Title: Salt\nSummary: Sea,\n  and stones.\n\n${BODY}`, `Title: Salt\nSummary: Sea,\n  and stones.\nAuthor: \n\n${BODY}`, (t) =>
      fixed(t, 'missing-field', { settings }),
    );
    // A file without any line break gets \n.
    assert.equal(fixed('Title: Salt', 'missing-field', { settings }), 'Title: Salt\nAuthor: ');
    bothEols(`Title: Salt\n---\n${BODY}`, `Title: Salt\nAuthor: \n---\n${BODY}`, (t) => fixed(t, 'missing-field', { settings }));
  });

  it('header-missing: a header from the required fields, then a blank line', () => {
    bothEols(BODY, `Title: \nAuthor: \nFandom: \nRating: \n\n${BODY}`, (t) => fixed(t, 'header-missing'));
  });

  it('duplicate-field and empty-field: remove exactly the field\'s lines', () => {
    bothEols(`Title: Salt\nRating: G\nRated: T\nAuthor: Wren\n\n${BODY}`, `Title: Salt\nRating: G\nAuthor: Wren\n\n${BODY}`, (t) => fixed(t, 'duplicate-field'));
    bothEols(`Title: Salt\nRating: G\nSummary: One,\n  two.\nRating: T\n\n${BODY}`, `Title: Salt\nRating: G\nSummary: One,\n  two.\n\n${BODY}`, (t) =>
      fixed(t, 'duplicate-field'),
    );
    bothEols(`Title: Salt\nBeta:\nRating: G\n\n${BODY}`, `Title: Salt\nRating: G\n\n${BODY}`, (t) => fixed(t, 'empty-field'));
    // The last line of the file: the line break before it goes instead.
    bothEols('Title: Salt\nRating: G\nBeta:', 'Title: Salt\nRating: G', (t) => fixed(t, 'empty-field'));
  });

  it('warning-conflict: removes the item and one comma, wherever it stands', () => {
    const cases: [string, string][] = [
      ['No Archive Warnings Apply, Major Character Death', 'Major Character Death'],
      ['Angst, No Archive Warnings Apply, Major Character Death', 'Angst, Major Character Death'],
      ['Major Character Death, No Archive Warnings Apply', 'Major Character Death'],
      ['Underage Sex ,  No Archive Warnings Apply', 'Underage Sex'],
      ['Rape/Non-Con、No Archive Warnings Apply、Angst', 'Rape/Non-Con、Angst'],
    ];
    for (const [before, after] of cases) {
      bothEols(`Title: Salt\nWarnings: ${before}\n\n${BODY}`, `Title: Salt\nWarnings: ${after}\n\n${BODY}`, (t) => fixed(t, 'warning-conflict'));
    }
  });

  it('unknown-warning, unknown-field, unknown-category, unknown-status, chapter-format', () => {
    bothEols(`Title: Salt\nWarnings: Angst, major character death\n\n${BODY}`, `Title: Salt\nWarnings: Angst, Major Character Death\n\n${BODY}`, (t) =>
      fixed(t, 'unknown-warning'),
    );
    bothEols(`Title: Salt\n**Ratng:** T\n\n${BODY}`, `Title: Salt\n**Rating:** T\n\n${BODY}`, (t) => fixed(t, 'unknown-field'));
    bothEols(`Title: Salt\nCategory: Gen, M/F\n\n${BODY}`, `Title: Salt\nCategory: Gen, F/M\n\n${BODY}`, (t) => fixed(t, 'unknown-category'));
    bothEols(`Title: Salt\nStatus: Compelte\n\n${BODY}`, `Title: Salt\nStatus: Complete\n\n${BODY}`, (t) => fixed(t, 'unknown-status'));
    bothEols(`Title: Salt\nChapter: 2 of 3\n\n${BODY}`, `Title: Salt\nChapter: 2/3\n\n${BODY}`, (t) => fixed(t, 'chapter-format'));
  });
});

// A header with something for every fixable rule, and a body that must never change.
const MESSY = [
  'Title: A Drabble',
  'Ratng: Explict',
  'Rating: PG-13/Explict',
  'Rated: T',
  'Warnings: No Archive Warnings Apply, major character death',
  'Word Count: ~1,000',
  'Category: M/F',
  'Status: Compelte',
  'Chapter: 2 of 3',
  'Beta:',
  '',
  'The tide came in -- slowly.',
  '  Indented line, trailing spaces   ',
  '',
  '***',
  'Word Count: 5',
  'The End',
].join('\n');

describe('every fix leaves the body byte-identical', () => {
  for (const { name, eol } of EOLS) {
    it(`on a header with every problem (${name})`, () => {
      const text = withEol(MESSY, eol);
      const all = fixesFor(text);
      const codes = new Set(all.filter((f) => f.actions.length > 0).map((f) => f.diagnostic.code));
      for (const code of ['unknown-field', 'unknown-rating', 'duplicate-field', 'unknown-warning', 'warning-conflict', 'word-count-mismatch', 'unknown-category', 'unknown-status', 'chapter-format', 'empty-field', 'missing-field']) {
        assert.ok(codes.has(code), `a fix for ${code}`);
      }
      const header = parse(new FicText(text)).bodyStartLine;
      for (const { diagnostic, actions } of all) {
        assert.ok(actions.filter((a) => a.isPreferred).length <= 1, `${String(diagnostic.code)}: at most one preferred fix`);
        for (const action of actions) {
          assert.equal(action.kind, 'quickfix');
          assert.deepEqual(action.diagnostics, [diagnostic]);
          const edits = editsOf(action);
          for (const e of edits) assert.ok(e.range.end.line < header, `${action.title} stays in the header`);
          assertBodyKept(text, applyEdits(text, edits), `${String(diagnostic.code)}: ${action.title}`);
          assert.equal(body(applyEdits(text, edits)), body(text), `${String(diagnostic.code)}: ${action.title}`);
        }
      }
    });
  }

  it('on random headers (property)', () => {
    const lines = fc.constantFrom(
      'Title: Salt',
      'Title: A double drabble',
      'Rating: Explict',
      'Rating: G/M',
      'Ratng: T',
      'Warnings: No Archive Warnings Apply, Underage sex',
      'Warnings: major character death, No Archive Warnings Apply',
      'Word Count: 1,293',
      'Word Count: ~2k',
      'Word Count: lots',
      'Category: gen',
      'Status: Compelte',
      'Chapter: 4/2',
      'Chapters: 1 of 2',
      'Beta:',
      'Summary: One,',
      '  continued.',
    );
    const bodies = fc.constantFrom('The tide came in.\n\nThe End', 'Word Count: 3\n\n***\nmore words here', '', 'x');
    fc.assert(
      fc.property(fc.array(lines, { minLength: 1, maxLength: 8 }), bodies, fc.constantFrom('\n', '\r\n'), (header, b, eol) => {
        if (header[0] === '  continued.') header[0] = 'Title: Salt';
        const text = withEol(`${header.join('\n')}\n\n${b}`, eol);
        for (const { actions } of fixesFor(text)) {
          for (const action of actions) assertBodyKept(text, applyEdits(text, editsOf(action)), action.title);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('code actions', () => {
  it('come back keyed on the source uri through the facade', () => {
    const svc = service();
    const src = source(withEol(STORY.replace('Word Count: 26', 'Word Count: 20'), '\n'), 'file:///elsewhere/salt.fic');
    const [d] = svc.diagnostics(src).filter((x) => x.code === 'word-count-mismatch');
    assert.ok(d);
    const [action] = svc.codeActions(src, d.range, [d]);
    assert.deepEqual(Object.keys(action?.edit?.changes ?? {}), ['file:///elsewhere/salt.fic']);
    assert.equal(action?.isPreferred, true);
  });

  it('are not offered once the text they would replace has changed', () => {
    const svc = service();
    const src = source('Title: Salt\nRating: Explict\n\nSea.\n');
    const [d] = svc.diagnostics(src).filter((x) => x.code === 'unknown-rating');
    assert.ok(d);
    assert.equal(svc.codeActions(src, d.range, [d]).length, 1);
    src.applyChanges([{ range: { start: { line: 1, character: 8 }, end: { line: 1, character: 9 } }, text: 'I' }], 2);
    assert.deepEqual(svc.codeActions(src, d.range, [d]), []);
    src.applyChanges([{ range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } }, text: '' }], 3);
    assert.deepEqual(svc.codeActions(src, d.range, [d]), []);
  });

  it('ignore diagnostics that are not ours, are not for the range, or carry data that is not a fix', () => {
    const svc = service();
    const src = source('Title: Salt\nRating: Explict\n\nSea.\n');
    const [d] = svc.diagnostics(src).filter((x) => x.code === 'unknown-rating');
    assert.ok(d);
    assert.deepEqual(svc.codeActions(src, d.range, [{ ...d, source: 'spell' }]), []);
    assert.deepEqual(svc.codeActions(src, d.range, [{ ...d, code: 'made-up' }]), []);
    assert.deepEqual(svc.codeActions(src, { start: { line: 3, character: 0 }, end: { line: 3, character: 2 } }, [d]), []);
    for (const data of [null, 7, 'x', { fixes: 'no' }, { fixes: [{ title: 'x', edits: [{ range: 'r', newText: '' }] }] }, { fixes: [{ title: 'x', edits: [] }] }]) {
      assert.deepEqual(svc.codeActions(src, d.range, [{ ...d, data }]), [], JSON.stringify(data));
    }
    // Well-formed data with the right fingerprint, but reaching into the body, or with
    // overlapping edits: refused all the same.
    const bodyRange = { start: { line: 3, character: 0 }, end: { line: 3, character: 3 } };
    const intoBody = { fixes: [{ title: 'x', edits: [{ range: bodyRange, newText: 'Lake', replaces: fingerprint('Sea') }] }] };
    assert.deepEqual(svc.codeActions(src, bodyRange, [{ ...d, range: bodyRange, data: intoBody }]), []);
    const key = { start: { line: 1, character: 0 }, end: { line: 1, character: 6 } };
    const overlapping = { fixes: [{ title: 'x', edits: [{ range: key, newText: 'A', replaces: fingerprint('Rating') }, { range: { start: key.start, end: { line: 1, character: 2 } }, newText: 'B', replaces: fingerprint('Ra') }] }] };
    assert.deepEqual(svc.codeActions(src, key, [{ ...d, range: key, data: overlapping }]), []);
    // A cursor touching the diagnostic's end still gets the fix.
    assert.equal(svc.codeActions(src, { start: d.range.end, end: d.range.end }, [d]).length, 1);
  });
});
