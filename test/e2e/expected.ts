// What the fixture stories in fixtures/workspace/ hold, counted by hand (wc -w on the body
// lines; AO3 by DOMAIN.md's rules). One source for the in-host suite and the page checks in
// scripts/e2e.mjs, so a fixture edit that forgets its numbers fails loudly in both.

export interface FixtureStory {
  /** File name inside the workspace folder. */
  file: string;
  /** Body words by each method (header, blank line and `The End` left out). */
  words: { whitespace: number; ao3: number };
  /** The header's Word Count as written (stale on purpose in both stories). */
  declared: string;
  /** 0-based line of the `Word Count:` field. */
  wordCountLine: number;
  /** The Rating AO3's form gets. */
  ao3Rating: string;
}

/** The README screenshot's story: a stale Word Count, a spaced `--` (a word only for
 * whitespace) and a `* * *` scene break (counted by neither method), so the two methods
 * differ by 1. */
export const STORY: FixtureStory = {
  file: 'story.fic',
  words: { whitespace: 118, ao3: 117 },
  declared: '150',
  wordCountLine: 3,
  ao3Rating: 'General Audiences',
};

/** A story whose Word Count (`1,204`) is far from both counts: the quick-fix fixture. */
export const STALE: FixtureStory = {
  file: 'stale.fic',
  words: { whitespace: 39, ao3: 39 },
  declared: '1,204',
  wordCountLine: 5,
  ao3Rating: 'Teen And Up Audiences',
};

/** What the page check types at the end of the story's last paragraph. */
export const TYPED = { after: 'let the ferry go.', text: ' She never once regretted it.', words: 5 };

/** A work of three chapters in fixtures/workspace/lantern/; chapter 3 says `3/4` where the
 * others say `/3` (a chapter-total-mismatch). */
export const LANTERN = {
  title: 'Lantern Street',
  chapters: [
    { file: 'lantern/01-dusk.fic', title: 'Dusk', words: 16 },
    // No Chapter Title: named by the heading that opens it, as AO3 titles it.
    { file: 'lantern/02-night.fic', title: 'Night Watch', words: 16 },
    { file: 'lantern/03-dawn.fic', title: 'Dawn', words: 15 },
  ],
  words: 47,
  /** The Rating AO3's form gets: chapter 1's, for every chapter. */
  ao3Rating: 'General Audiences',
  /** What the in-host test types at the end of chapter 2's body, and its words. */
  typed: { after: 'came out to judge it.', text: ' Most of them approved.', words: 4 },
  /** What the in-host test retitles chapter 2's heading to. */
  retitled: { from: 'Night Watch', to: 'The Long Night' },
};

/** A story of two chapter headings in one file: AO3 gets two chapters, Dusk and Dark. The
 * in-host suite opens it untitled; the page check writes it as nights.fic. */
export const NIGHTS = [
  'Title: Two Nights',
  'Fandom: Original Work',
  'Rating: General Audiences',
  'Warnings: No Archive Warnings Apply',
  '',
  'Chapter 1: Dusk',
  '',
  'The light went down over the hills and nobody spoke.',
  '',
  'Chapter 2: Dark',
  '',
  'Then the stars came out, one by one, and she counted them.',
  '',
].join('\n');
