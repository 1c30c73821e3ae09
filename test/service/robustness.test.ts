// Property tests over the whole facade (issue 5): whatever a story holds and however it is
// edited, no feature throws, every range it returns lies inside the document, every quick
// fix stays inside the header and leaves the body byte-identical, and an incrementally
// edited story holds exactly the bytes and the counts of the same text opened afresh.
// FIC_PROPERTY_RUNS=N runs each property N times (a soak); FIC_PROPERTY_SEED replays one.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createFicService, FicSource, FicText, type ContentChange } from '../../server/src/service';
import { DIAGNOSTIC_CODES } from '../../server/src/service/diagnostics/codes';
import { fingerprint } from '../../server/src/service/diagnostics/fixData';
import { anyStory, binaryStory, editScript, hostileStory, position, range, referenceApply, runs } from '../support/hostile';
import { assertHeaderOnly, exercise } from '../support/hostileChecks';

const URI = 'file:///fuzz/story.fic';

function parameters(numRuns: number): fc.Parameters<unknown> {
  const seed = Number(process.env.FIC_PROPERTY_SEED ?? '');
  return Number.isInteger(seed) ? { numRuns, seed } : { numRuns };
}

/** Settings as a client might send them, sensible or not. */
const settings = fc.oneof(
  { weight: 4, arbitrary: fc.constant(undefined) },
  {
    weight: 4,
    arbitrary: fc.record({
      wordCount: fc.record({ method: fc.constantFrom('whitespace', 'ao3', 'words') }),
      header: fc.record({ requiredFields: fc.array(fc.oneof(fc.constantFrom('Title', 'Word Count', 'Warnings', 'Rating', 'Summary', 'Chapter'), fc.string()), { maxLength: 5 }) }),
      diagnostics: fc.record({ levels: fc.dictionary(fc.constantFrom(...DIAGNOSTIC_CODES), fc.constantFrom('error', 'warning', 'information', 'hint', 'off', 'loud')) }),
      readingSpeed: fc.oneof(fc.integer(), fc.double()),
    }),
  },
  { weight: 1, arbitrary: fc.anything() },
);

/** Diagnostics a client sends back with a code-action request: ours, mangled ones, made-up
 * ones with fixes in their data that name ranges anywhere (with fingerprints that do not
 * match, so none may be offered). */
const foreignDiagnostic: fc.Arbitrary<Diagnostic> = fc
  .record({
    range,
    severity: fc.constantFrom(1, 2, 3, 4),
    code: fc.oneof(fc.constantFrom(...DIAGNOSTIC_CODES), fc.string(), fc.integer()),
    source: fc.constantFrom('fic', 'fic', 'spell'),
    message: fc.string(),
    data: fc.oneof(
      fc.jsonValue(),
      fc.record({
        fixes: fc.array(
          fc.record({
            title: fc.string(),
            edits: fc.array(fc.record({ range, newText: fc.string(), replaces: fc.constantFrom('1:0', 'x', '') }), { maxLength: 3 }),
            preferred: fc.boolean(),
          }),
          { maxLength: 3 },
        ),
      }),
    ),
  })
  .map((d) => d as Diagnostic);

test('no feature throws, and every range and every fix stays in bounds, on random stories', (t) => {
  let cases = 0;
  let diagnostics = 0;
  let actions = 0;
  fc.assert(
    fc.property(
      anyStory,
      settings,
      fc.array(position, { maxLength: 6 }),
      fc.array(range, { maxLength: 3 }),
      fc.array(foreignDiagnostic, { maxLength: 3 }),
      (story, s, positions, ranges, foreign) => {
        cases++;
        const source = new FicSource(URI, story.text, 1);
        // Completion and hover where it matters most: at the end of every header-ish line.
        const ends = Array.from({ length: Math.min(source.text.lineCount, 12) }, (_, line) => ({ line, character: source.text.lineAt(line).length }));
        const result = exercise(createFicService(s), source, { positions: [...positions, ...ends], ranges, foreign });
        diagnostics += result.diagnostics.length;
        actions += result.actions;
      },
    ),
    parameters(runs(2000)),
  );
  t.diagnostic(`${cases} generated stories; ${diagnostics} diagnostics, ${actions} code actions checked`);
  assert.ok(cases >= 1);
});

test('stories of arbitrary code units (binary, NUL, lone surrogates) break nothing', (t) => {
  let cases = 0;
  fc.assert(
    fc.property(binaryStory, fc.array(position, { maxLength: 4 }), (story, positions) => {
      cases++;
      exercise(createFicService({ wordCount: { method: 'ao3' } }), new FicSource(URI, story.text, 1), { positions });
    }),
    parameters(runs(1000)),
  );
  t.diagnostic(`${cases} generated binary stories`);
});

test('edits keep every byte, and the incremental counts equal a fresh parse after each one', (t) => {
  let cases = 0;
  let changes = 0;
  const service = createFicService();
  const ao3 = createFicService({ wordCount: { method: 'ao3' } });
  fc.assert(
    fc.property(anyStory, editScript, fc.array(position, { maxLength: 4 }), (story, script, positions) => {
      cases++;
      const source = new FicSource(URI, story.text, 1);
      let expected = story.text;
      // Read everything once so the caches the edits must invalidate exist.
      service.stats(source);
      service.diagnostics(source);
      let version = 1;
      for (const [i, batch] of script.entries()) {
        for (const change of batch) expected = referenceApply(expected, change);
        source.applyChanges(batch, ++version);
        changes += batch.length;
        // Every third batch goes unread, so the caches also see several edits at once.
        if (i % 3 === 2 && i < script.length - 1) continue;
        const got = source.text.getText();
        assert.equal(got, expected, `the text after ${JSON.stringify(batch)}`);
        const fresh = new FicSource(URI, expected, version);
        assertSameLines(source.text, fresh.text);
        assert.deepEqual(service.stats(source), service.stats(fresh));
        assert.deepEqual(ao3.stats(source), ao3.stats(fresh));
        assert.deepEqual(service.diagnostics(source), service.diagnostics(fresh));
        assert.deepEqual(service.symbols(source), service.symbols(fresh));
        assert.deepEqual(service.folding(source), service.folding(fresh));
      }
      exercise(service, source, { positions });
    }),
    parameters(runs(1000)),
  );
  t.diagnostic(`${cases} generated edit scripts, ${changes} content changes applied`);
});

function assertSameLines(a: FicText, b: FicText): void {
  assert.equal(a.lineCount, b.lineCount, 'line count');
  for (let i = 0; i < a.lineCount; i++) {
    assert.equal(a.lineAt(i), b.lineAt(i), `line ${i}`);
    assert.equal(a.eolAt(i), b.eolAt(i), `line break after line ${i}`);
    assert.equal(a.lineFlags(i), b.lineFlags(i), `flags of line ${i}`);
  }
}

test('keystroke-sized edits at the seams (CR then LF, inside surrogate pairs) keep every byte', (t) => {
  // The edits that merge or split a line break: a "\n" typed right after a "\r", a "\r"
  // deleted from a CRLF's neighbour, half of a surrogate pair removed.
  const seam = fc.record({
    range: fc.record({
      start: fc.record({ line: fc.integer({ min: 0, max: 8 }), character: fc.integer({ min: 0, max: 6 }) }),
      end: fc.record({ line: fc.integer({ min: 0, max: 8 }), character: fc.integer({ min: 0, max: 6 }) }),
    }),
    text: fc.constantFrom('\n', '\r', '\r\n', '\n\r', '', 'a\r', '\nb', '\ud83d', '\ude00', '\u{1f600}'),
  });
  const story = fc.array(fc.constantFrom('a', 'Title: x', '', '\r', '\n', '\r\n', '\u{1f600}', '\ud83d', 'Rating: T'), { maxLength: 12 }).map((p) => p.join(''));
  let cases = 0;
  fc.assert(
    fc.property(story, fc.array(seam, { minLength: 1, maxLength: 12 }), (text, edits) => {
      cases++;
      const source = new FicSource(URI, text, 1);
      let expected = text;
      for (const e of edits as ContentChange[]) {
        expected = referenceApply(expected, e);
        source.applyChanges([e], cases);
        assert.equal(source.text.getText(), expected);
        assertSameLines(source.text, new FicText(expected));
      }
    }),
    parameters(runs(3000)),
  );
  t.diagnostic(`${cases} generated seam-edit scripts`);
});

test('a code action is offered only for our own, unchanged text', (t) => {
  // A diagnostic from another tool, or ours whose fingerprint no longer matches, yields
  // nothing: exercise() above checks the same through random ranges; here every case
  // sends only made-up diagnostics and expects no action at all.
  let cases = 0;
  fc.assert(
    fc.property(hostileStory, fc.array(foreignDiagnostic, { minLength: 1, maxLength: 4 }), range, (story, foreign, r) => {
      cases++;
      const source = new FicSource(URI, story.text, 1);
      const service = createFicService();
      const offered = service.codeActions(source, r, foreign);
      for (const a of offered) assertHeaderOnly(source, a);
      assert.deepEqual(offered, [], 'no fix from made-up data');
    }),
    parameters(runs(1000)),
  );
  t.diagnostic(`${cases} generated requests with made-up diagnostics`);
});

test('a fix forged with the right fingerprint still cannot reach the body', () => {
  // A client could send back a diagnostic whose data names a body range with its true
  // fingerprint; codeActions() must still offer nothing outside the header.
  const text = 'Title: A\nRating: T\n\nThe body, which no fix may touch.\n';
  const source = new FicSource(URI, text, 1);
  const body = { start: { line: 3, character: 0 }, end: { line: 3, character: 8 } };
  const forged: Diagnostic = {
    range: body,
    code: 'unknown-rating',
    source: 'fic',
    message: 'forged',
    data: { fixes: [{ title: 'rewrite the body', edits: [{ range: body, newText: 'Gone', replaces: fingerprint('The body') }] }] },
  };
  const offered = createFicService().codeActions(source, body, [forged]);
  for (const a of offered) assertHeaderOnly(source, a);
  assert.deepEqual(offered, []);
});
