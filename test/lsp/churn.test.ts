// A thousand documents opened and closed (issue 5): the server must drop each document's
// state on close. It has no memory request, and garbage collection cannot be triggered from
// outside, so the check is built to be decided by arithmetic, not by GC timing:
//
// - 1,000 documents of 200 KB each is 200 MB of text; held in the server's line model it
//   would be several hundred MB more. The server runs with its old generation capped at
//   128 MB (--max-old-space-size), so if closing kept any of it, V8 would run out of heap
//   and the process would die: the requests after the churn would fail.
// - On top of that, its resident memory (VmRSS from /proc) after the churn must be within
//   50 MB of what it was before: impossible if the 200 MB were kept, and loose enough for
//   garbage the collector has not reclaimed yet and heap pages V8 keeps committed.
// The figures are printed either way.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FicStats } from '../../server/src/protocol';
import { RawServer } from '../support/hostileWire';

const DOCUMENTS = 1000;
const DOCUMENT_BYTES = 200 * 1024;
const ALLOWED_GROWTH_KB = 50 * 1024;

/** A 200 KB story, different for each `n` so that no two texts could be shared. */
function story(n: number): string {
  const header = `Title: Churn ${n}\nAuthor: Wren Marsh\nRating: Mature\nWord Count: ${n}\n\n`;
  const line = `Story ${n} goes on and on, one line after another, until the file is full.\n`;
  return header + line.repeat(Math.ceil((DOCUMENT_BYTES - header.length) / line.length));
}

test('a thousand documents opened and closed leave the memory where it was', async (t) => {
  const server = await RawServer.start(['--max-old-space-size=128']);
  try {
    const open = async (n: number, prefix: string) => {
      const uri = `file:///churn/${prefix}-${n}.fic`;
      server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'fic', version: 1, text: story(n) } });
      // A request answered means every message before it was handled.
      const answer = await server.request('fic/stats', { textDocument: { uri } });
      assert.equal(answer.error, undefined, JSON.stringify(answer.error));
      server.notify('textDocument/didClose', { textDocument: { uri } });
      return answer.result as FicStats;
    };

    // Warm up: the code paths compiled, the heap at its working size.
    for (let n = 0; n < 50; n++) await open(n, 'warm');
    const before = server.rssKb();

    let words = 0;
    for (let n = 0; n < DOCUMENTS; n++) words += (await open(n, 'doc')).words;
    const last = await server.request('fic/stats', { textDocument: { uri: `file:///churn/doc-${DOCUMENTS - 1}.fic` } });
    assert.match(last.error?.message ?? '', /not an open document/, 'a closed document is gone');
    const afterRss = server.rssKb();

    t.diagnostic(`server RSS before ${(before / 1024).toFixed(1)} MB, after ${DOCUMENTS} documents of ${DOCUMENT_BYTES / 1024} KB opened and closed ${(afterRss / 1024).toFixed(1)} MB (${words.toLocaleString('en')} words counted)`);
    assert.ok(words > DOCUMENTS * 30_000, `every document was counted (${words} words)`);
    assert.ok(afterRss < before + ALLOWED_GROWTH_KB, `RSS grew from ${before} kB to ${afterRss} kB`);
  } finally {
    const status = await server.close();
    assert.equal(status, 0, `the server survived the churn; stderr:\n${server.stderr}`);
  }
});
