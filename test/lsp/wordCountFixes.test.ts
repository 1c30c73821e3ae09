// The Word Count over the wire (issue 8): a count that went stale is a mismatch even when
// the drift happens to equal the other method's count; when the other method is what the
// writer used, the quick fix switches the method (a command only a client that has it is
// offered); `source.fixAll.fic` updates the number alone; numbers read like the status bar.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SET_WORD_COUNT_METHOD_COMMAND } from '../../server/src/protocol';
import { LspClient } from '../support/lspClient';
import { SALT } from './fixtures/stories';
import { applyTextEdits, assertNoServerErrors, openStory, range, readSample, requestStats, uniqueUri, type Diagnostic, type PublishDiagnosticsParams, type TextEdit } from './helpers';

interface CodeAction {
  title: string;
  kind?: string;
  edit?: { changes?: Record<string, TextEdit[]> };
  command?: { title: string; command: string; arguments?: unknown[] };
  isPreferred?: boolean;
}

const SALT_BODY_END = 11;
const SAMPLE_WORD_COUNT_LINE = 7;
const SAMPLE_DIGITS = range(SAMPLE_WORD_COUNT_LINE, 12, SAMPLE_WORD_COUNT_LINE, 17);

/** What a writer reads must not speak to programmers. */
function assertWritersWords(text: string): void {
  assert.doesNotMatch(text, /`|--method|fic\.wordCount|configured|read as/, text);
}

function codeActions(client: LspClient, uri: string, r: Diagnostic['range'], diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  return client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: r, context: { diagnostics, ...(only ? { only } : {}) } });
}

describe('the Word Count, kept honest', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start({ initializationOptions: { clientCommands: [SET_WORD_COUNT_METHOD_COMMAND] } })));
  after(async () => {
    assertNoServerErrors(client);
    await client.close();
  });

  test('a count that agreed before the edit is stale: a warning, even when it equals the other method', async () => {
    const uri = uniqueUri('salt-stale.fic');
    const { diagnostics } = await openStory(client, uri, SALT);
    assert.deepEqual(diagnostics.diagnostics.filter((d) => String(d.code).startsWith('word-count')), [], 'Word Count: 38 agrees at first');
    // One word more: 39 by whitespace, and 38 by AO3, the number the header still says.
    const end = (SALT.split('\n')[SALT_BODY_END] as string).length;
    const flagged = client.waitForNotification<PublishDiagnosticsParams>('textDocument/publishDiagnostics', (d) => d.uri === uri && d.version === 2);
    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: range(SALT_BODY_END, end, SALT_BODY_END, end), text: ' Yes.' }] });
    const published = await flagged;
    assert.equal((await requestStats(client, uri)).wordsByMethod.ao3, 38);
    const codes = published.diagnostics.map((d) => d.code);
    assert.ok(codes.includes('word-count-mismatch'), `codes: ${JSON.stringify(codes)}`);
    assert.ok(!codes.includes('word-count-other-method'));
    const mismatch = published.diagnostics.find((d) => d.code === 'word-count-mismatch') as Diagnostic;
    assert.equal(mismatch.severity, 2, 'a warning, not blue information');
    assertWritersWords(mismatch.message);
  });

  test('a count by the other method offers to switch the method for the folder, numbers as the status bar writes them', async () => {
    const uri = uniqueUri('sample-ao3.fic');
    // The sample's body is 1,293 words by whitespace and 1,289 by AO3; written without a comma.
    const text = readSample().replace('Word Count: 1,293', 'Word Count: 1289');
    const { diagnostics } = await openStory(client, uri, text);
    const other = diagnostics.diagnostics.find((d) => d.code === 'word-count-other-method');
    assert.ok(other, JSON.stringify(diagnostics.diagnostics));
    assertWritersWords(other.message);
    assert.match(other.message, /1,289/);
    assert.match(other.message, /1,293/);
    const actions = await codeActions(client, uri, other.range, [other], ['quickfix']);
    const sw = actions.find((a) => a.command);
    assert.ok(sw, `no switch among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.deepEqual(sw.command?.command, SET_WORD_COUNT_METHOD_COMMAND);
    assert.deepEqual(sw.command?.arguments, [{ uri, method: 'ao3' }]);
    assert.equal(sw.edit, undefined, 'the switch changes a setting, never the text');
    const update = actions.find((a) => a.edit);
    assert.ok(update);
    assert.equal(update.title, 'Update the Word Count to 1,293');
    assert.deepEqual(update.edit?.changes?.[uri], [{ range: range(SAMPLE_WORD_COUNT_LINE, 12, SAMPLE_WORD_COUNT_LINE, 16), newText: '1293' }], 'in the writer’s own format');
    for (const a of actions) assertWritersWords(a.title);
  });

  test('source.fixAll.fic changes the Word Count number and nothing else; nothing to do, no action', async () => {
    const uri = uniqueUri('sample-fixall.fic');
    const text = readSample().replace("It's the year 2222", "Five more words, said Spike. It's the year 2222");
    await openStory(client, uri, text);
    const actions = await codeActions(client, uri, range(0, 0, 0, 0), [], ['source.fixAll.fic']);
    assert.equal(actions.length, 1, JSON.stringify(actions));
    const [fixAll] = actions as [CodeAction];
    assert.equal(fixAll.kind, 'source.fixAll.fic');
    const edits = fixAll.edit?.changes?.[uri] ?? [];
    assert.deepEqual(edits, [{ range: SAMPLE_DIGITS, newText: '1,298' }]);
    const fixed = applyTextEdits(text, edits);
    assert.equal(fixed, text.replace('Word Count: 1,293', 'Word Count: 1,298'));

    const current = uniqueUri('sample-current.fic');
    await openStory(client, current, fixed);
    assert.deepEqual(await codeActions(client, current, range(0, 0, 0, 0), [], ['source.fixAll.fic']), []);
    // Asked for quick fixes only, no source action comes back.
    assert.ok((await codeActions(client, uri, range(0, 0, 0, 0), [], ['quickfix'])).every((a) => a.kind !== 'source.fixAll.fic'));
  });

  test('select all counts what the total counts: scene breaks, header and trailer out', async () => {
    const uri = uniqueUri('salt-breaks.fic');
    const lines = SALT.split('\n');
    lines.splice(10, 0, '* * *', '');
    const text = lines.join('\n');
    const { stats } = await openStory(client, uri, text);
    assert.equal(stats.words, 38, 'a scene break adds no words');
    const selected = await requestStats(client, uri, [range(0, 0, lines.length, 0), range(0, 0, 5, 14)]);
    assert.deepEqual(selected.selections, [38, 0]);
  });
});

describe('a client without the command', () => {
  test('gets no action it cannot run', async () => {
    const client = await LspClient.start();
    try {
      const uri = uniqueUri('sample-nocommand.fic');
      const { diagnostics } = await openStory(client, uri, readSample().replace('Word Count: 1,293', 'Word Count: 1,289'));
      const other = diagnostics.diagnostics.find((d) => d.code === 'word-count-other-method');
      assert.ok(other);
      const actions = await codeActions(client, uri, other.range, [other]);
      assert.ok(actions.length > 0);
      assert.ok(actions.every((a) => !a.command), JSON.stringify(actions));
    } finally {
      await client.close();
    }
  });
});
