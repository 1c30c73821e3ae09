// The server's warm-up (server/src/service/warmUp.ts) runs a first story's work on a story
// of its own: it must go all the way through (a throw would end it early, and the writer's
// first story would pay again), and count what a writer's count would.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { warmUp } from '../../server/src/service/warmUp';

describe('the warm-up', () => {
  it('counts its own story, then the word it types', () => {
    // 19 + 28 + 17 words in three paragraphs (the two dashes are words to wc); its note,
    // scene break and `The End` are not body.
    assert.deepEqual(warmUp(), { words: 64, afterEdit: 65 });
  });

  it('gives the same figures every time: it keeps nothing between runs', () => {
    assert.deepEqual(warmUp(), warmUp());
  });
});
