// The third-party sample story beside the repository (read by path, never copied): a real
// header must pass the checks, and its declared Word Count must agree with the count it
// was made by. In LF and CRLF.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { EOLS, service, source, withEol } from '../support/fixtures';

/** Walk up from the compiled test until a `shared/samples` folder beside the repo. */
function findSample(name: string): string | null {
  let dir = __dirname;
  for (;;) {
    const candidate = join(dir, 'shared', 'samples', name);
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

const SAMPLE = findSample('always-for-her.fic');
const skip = SAMPLE ? false : 'the sample story ../shared/samples/always-for-her.fic is not beside this checkout';

function read(eol: string): string {
  return withEol(readFileSync(SAMPLE as string, 'utf8'), eol);
}

const loud = (ds: Diagnostic[]) => ds.filter((d) => d.severity !== DiagnosticSeverity.Hint);

describe('sample: always-for-her.fic', { skip }, () => {
  for (const { name, eol } of EOLS) {
    it(`has nothing above a hint by the whitespace count, and its 1,293 agrees (${name})`, () => {
      const svc = service();
      const src = source(read(eol));
      assert.deepEqual(loud(svc.diagnostics(src)), []);
      const stats = svc.stats(src);
      assert.equal(stats.declared, 1293);
      assert.equal(stats.words, 1293);
    });

    it(`by the AO3 count (1,289), its 1,293 is the whitespace count: word-count-other-method (${name})`, () => {
      const svc = service({ wordCount: { method: 'ao3' } });
      const src = source(read(eol));
      const found = loud(svc.diagnostics(src));
      assert.deepEqual(
        found.map((d) => [d.code, d.severity]),
        [['word-count-other-method', DiagnosticSeverity.Information]],
      );
      assert.equal(
        found[0]?.message,
        'The Word Count, 1,293, is this story counted as a word processor does. Your stories are counted as AO3 does: 1,289 words. Count as a word processor does in this folder, or update the number.',
      );
    });

    it(`after five more words, a mismatch on the Word Count whose fix writes exactly 1,298 (${name})`, () => {
      const svc = service();
      const src = source(read(eol));
      const line = src.text.lineAt(11);
      assert.ok(line.length > 100, 'line 12 is the first paragraph of the body');
      src.applyChanges([{ range: { start: { line: 11, character: line.length }, end: { line: 11, character: line.length } }, text: ' one two three four five' }], 2);

      const mismatches = svc.diagnostics(src).filter((d) => d.code === 'word-count-mismatch');
      assert.equal(mismatches.length, 1);
      const d = mismatches[0] as Diagnostic;
      assert.equal(src.text.lineAt(d.range.start.line), 'Word Count: 1,293');
      assert.deepEqual(d.range, { start: { line: 7, character: 12 }, end: { line: 7, character: 17 } });
      assert.equal(d.message, 'The Word Count says 1,293, but the story has 1,298 words (counted as a word processor does). Update it to 1,298?');

      const actions = svc.codeActions(src, d.range, [d]);
      const preferred = actions.filter((a) => a.isPreferred);
      assert.equal(preferred.length, 1);
      assert.deepEqual(preferred[0]?.edit?.changes?.[src.uri], [{ range: d.range, newText: '1,298' }]);

      const before = src.text.getText();
      src.applyChanges([{ range: d.range, text: '1,298' }], 3);
      assert.equal(src.text.getText(), before.replace('Word Count: 1,293', 'Word Count: 1,298'));
      assert.deepEqual(loud(svc.diagnostics(src)), []);
    });
  }
});
