// A stale Word Count is a mismatch even when the drift equals the other method's count:
// the document remembers the number that last agreed with the writer's method (issue 8).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SET_WORD_COUNT_METHOD_COMMAND } from '../../server/src/protocol';
import { EOLS, service, source, withEol } from '../support/fixtures';

// Body: `One two -- three.` is 4 words by whitespace, 3 by AO3.
const STORY = 'Title: Tides\nAuthor: Wren\nFandom: Original Work\nRating: T\nWord Count: 4\n\nOne two -- three.\n';

describe('what agreed before the edit', () => {
  for (const { name, eol } of EOLS) {
    it(`a count that agreed, then drifted onto the other method's number, is a mismatch (${name})`, () => {
      const svc = service();
      const src = source(withEol(STORY, eol));
      assert.deepEqual(svc.diagnostics(src), []);
      // One more word: 5 by whitespace, and 4 by AO3, what the header still says.
      src.applyChanges([{ range: { start: { line: 6, character: 17 }, end: { line: 6, character: 17 } }, text: ' Four' }], 2);
      assert.deepEqual(svc.diagnostics(src).map((d) => d.code), ['word-count-mismatch']);
    });

    it(`a count met for the first time at the other method's number is the other method (${name})`, () => {
      const svc = service();
      const src = source(withEol(STORY.replace('Word Count: 4', 'Word Count: 3'), eol));
      assert.deepEqual(svc.diagnostics(src).map((d) => d.code), ['word-count-other-method']);
    });

    it(`after switching method, the count that agreed under the old one is the other method's (${name})`, () => {
      const src = source(withEol(STORY.replace('Word Count: 4', 'Word Count: 3'), eol));
      const svc = service({ wordCount: { method: 'ao3' } });
      assert.deepEqual(svc.diagnostics(src), []);
      svc.updateSettings({ wordCount: { method: 'whitespace' } });
      assert.deepEqual(svc.diagnostics(src).map((d) => d.code), ['word-count-other-method']);
    });
  }

  it('the switch is a command fix only for a client that has the command', () => {
    const text = STORY.replace('Word Count: 4', 'Word Count: 3');
    const without = service();
    const src = source(text);
    const [d] = without.diagnostics(src);
    assert.ok(d);
    assert.ok(without.codeActions(src, d.range, [d]).every((a) => !a.command));
    const withCommand = service();
    withCommand.setClientCommands([SET_WORD_COUNT_METHOD_COMMAND]);
    const src2 = source(text);
    const [d2] = withCommand.diagnostics(src2);
    assert.ok(d2);
    const actions = withCommand.codeActions(src2, d2.range, [d2]);
    const sw = actions.find((a) => a.command);
    assert.equal(sw?.title, 'Count words as AO3 does in this folder');
    assert.deepEqual(sw?.command?.arguments, [{ uri: src2.uri, method: 'ao3' }]);
    // A command that came back changed in the diagnostic's data is not offered.
    const forged = { ...d2, data: { fixes: [{ title: 'x', edits: [], command: { title: 'x', command: 'workbench.action.quit', arguments: [] } }] } };
    assert.deepEqual(withCommand.codeActions(src2, d2.range, [forged]), []);
  });

  it('source.fixAll.fic writes the number in the writer\'s format and nothing else', () => {
    const svc = service();
    const text = 'Title: Tides\nWord Count: 1.000 words\n\n' + Array.from({ length: 1204 }, () => 'w').join(' ') + '\n';
    const src = source(text);
    const actions = svc.codeActions(src, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll']);
    assert.equal(actions.length, 1);
    assert.equal(actions[0]?.kind, 'source.fixAll.fic');
    assert.deepEqual(actions[0]?.edit?.changes?.[src.uri], [{ range: { start: { line: 1, character: 12 }, end: { line: 1, character: 17 } }, newText: '1.204' }]);
    assert.deepEqual(svc.codeActions(source(text.replace('1.000', '1.204')), { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll.fic']), []);
  });
});
