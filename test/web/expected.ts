// What the web tier's own fixtures hold, counted by hand (wc -w on the body lines). The web
// workspace is test/e2e/fixtures/workspace (STORY, STALE in ../e2e/expected.ts) with
// test/web/fixtures/workspace laid over it.

/** A work of two chapters in one folder: same Title, `Chapter: 1/2` and `2/2`. */
export const WORK = {
  folder: 'harbour-lights',
  title: 'Harbour Lights',
  chapters: [
    // No Chapter Title and no heading: named by its file.
    { file: 'harbour-lights/chapter-1.fic', title: 'chapter-1', words: { whitespace: 44, ao3: 44 } },
    // Named by the heading that opens it, which is not counted.
    { file: 'harbour-lights/chapter-2.fic', title: 'The Finch', words: { whitespace: 38, ao3: 38 } },
  ],
  words: { whitespace: 82, ao3: 82 },
} as const;
