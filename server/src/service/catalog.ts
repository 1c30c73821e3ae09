// Data only: what a fic header may say. Adding a field alias, a rating system or a warning
// is an edit to this file and nothing else. Facts from DOMAIN.md (Fanlore, AO3's
// otwarchive config and importer, FFN's FictionRatings, eFiction, FanFicFare).

export type FieldName =
  | 'Title'
  | 'Chapter Title'
  | 'Author'
  | 'Fandom'
  | 'Pairing'
  | 'Characters'
  | 'Rating'
  | 'Warnings'
  | 'Word Count'
  | 'Summary'
  | 'Notes'
  | 'Disclaimer'
  | 'Beta'
  | 'Spoilers'
  | 'Genre'
  | 'Category'
  | 'Status'
  | 'Chapter'
  | 'Prompt'
  | 'Date'
  | 'Series'
  | 'Archive'
  | 'Language'
  | 'Goal';

export type ValueKind = 'text' | 'list' | 'rating' | 'warnings' | 'number' | 'category' | 'status' | 'chapter' | 'pairing' | 'goal';

export interface FieldInfo {
  name: FieldName;
  /** Other spellings, compared after normalisation (lower case, `(s)` and plural `s` dropped, `’` as `'`). */
  aliases: readonly string[];
  kind: ValueKind;
  /** What the field is for, in a writer's words (hover). */
  description: string;
  /** AO3's length limit for this field, in characters, where it has one. */
  ao3MaxLength?: number;
  /** The example value a snippet or completion uses. */
  example: string;
}

export const FIELDS: readonly FieldInfo[] = [
  {
    name: 'Title',
    aliases: ['story title'],
    kind: 'text',
    description: "The story's title. AO3 requires one, 1 to 255 characters.",
    ao3MaxLength: 255,
    example: 'The Long Way Home',
  },
  {
    name: 'Chapter Title',
    aliases: [],
    kind: 'text',
    description: "This chapter's own title, when the story is posted in parts.",
    ao3MaxLength: 255,
    example: 'Departures',
  },
  {
    name: 'Author',
    aliases: ['author/artist', 'artist', 'writer', 'by', 'creator', 'authors'],
    kind: 'text',
    description: 'Who wrote it: your pen name, as readers should credit it.',
    example: 'your pen name',
  },
  {
    name: 'Fandom',
    aliases: ['fandoms', 'crossover', 'source', 'canon'],
    kind: 'list',
    description:
      'The source the story is based on. Several fandoms are comma-separated (a crossover). FFN and eFiction call this Category.',
    example: 'Original Work',
  },
  {
    name: 'Pairing',
    aliases: ['pairings', 'relationship', 'relationships', 'ship', 'ships', 'relationship(s)'],
    kind: 'pairing',
    description:
      'Relationships in the story. A/B is romantic or sexual, A & B platonic (AO3 convention); several are comma-separated.',
    example: 'Alice/Bob',
  },
  {
    name: 'Characters',
    aliases: ['character', 'character/pairing', 'pairing/character', 'pairings/characters', 'characters/pairings'],
    kind: 'list',
    description: 'Characters who appear, comma-separated.',
    example: 'Alice, Bob',
  },
  {
    name: 'Rating',
    aliases: ['ratings', 'rated'],
    kind: 'rating',
    description:
      "Who the story is suitable for. AO3 takes exactly one of its five ratings; FFN uses K to M; older archives use film-style ratings. A combined value such as PG-13/T is fine when its parts agree.",
    example: 'Teen And Up Audiences',
  },
  {
    name: 'Warnings',
    aliases: ['warning', 'archive warning', 'archive warnings', 'content warning', 'content warnings', 'cw', 'tw', 'trigger warning', 'trigger warnings'],
    kind: 'warnings',
    description:
      "Content readers should know about. AO3 requires at least one Archive Warning (or Creator Chose Not To Use Archive Warnings); anything else here is a free-form warning. Comma-separated.",
    example: 'No Archive Warnings Apply',
  },
  {
    name: 'Word Count',
    aliases: ['wordcount', 'words', 'wc', 'length', 'word count'],
    kind: 'number',
    description:
      'How long the story is, checked against the live count. Write it exactly (1,293) or roughly (~1,300, 1.3k, 1300+).',
    example: '0',
  },
  {
    name: 'Summary',
    aliases: ['description', 'blurb', 'synopsis'],
    kind: 'text',
    description: 'A short teaser for the story. AO3 allows up to 1,250 characters.',
    ao3MaxLength: 1250,
    example: 'A few sentences to draw readers in.',
  },
  {
    name: 'Notes',
    aliases: ['note', "author's note", "author's notes", 'authors note', 'authors notes', 'a/n', 'an', 'story notes', 'end notes', 'dedication', 'author note', 'author notes'],
    kind: 'text',
    description: 'Anything you want to tell readers before they start. AO3 allows up to 5,000 characters per note.',
    ao3MaxLength: 5000,
    example: 'Thanks for reading!',
  },
  {
    name: 'Disclaimer',
    aliases: ['disclaimers'],
    kind: 'text',
    description: 'Whose characters and world these are.',
    example: 'The characters belong to their creators; no profit is made.',
  },
  {
    name: 'Beta',
    aliases: ['betas', "beta'd by", 'betaed by', 'beta reader', 'beta readers', 'betareader'],
    kind: 'text',
    description: "Who beta-read the story (Unbeta'd if no one did).",
    example: "Unbeta'd",
  },
  {
    name: 'Spoilers',
    aliases: ['spoiler', 'timeline', 'setting'],
    kind: 'text',
    description: 'Which episodes, books or events the story assumes the reader knows, or when it is set.',
    example: 'None',
  },
  {
    name: 'Genre',
    aliases: ['genres', 'tags', 'tag', 'additional tags', 'additional tag', 'freeform', 'freeforms'],
    kind: 'list',
    description: 'Genres and additional tags, comma-separated. AO3 caps each tag at 150 characters.',
    example: 'Angst, Hurt/Comfort',
  },
  {
    name: 'Category',
    aliases: ['categories'],
    kind: 'category',
    description: "AO3's relationship categories: F/F, F/M, Gen, M/M, Multi, Other (zero or more, comma-separated).",
    example: 'Gen',
  },
  {
    name: 'Status',
    aliases: ['complete', 'completed', 'completion', 'story status'],
    kind: 'status',
    description: 'Whether the story is finished: Complete, WIP (work in progress), and so on.',
    example: 'Complete',
  },
  {
    name: 'Chapter',
    aliases: ['chapters', 'part', 'parts', 'chapter number'],
    kind: 'chapter',
    description: 'Which chapter this is and how many there are: 3/10, or 3/? when the total is not known yet.',
    example: '1/1',
  },
  {
    name: 'Prompt',
    aliases: ['challenge', 'challenge/prompt', 'prompts', 'theme', 'written for', 'prompt/challenge', 'request', 'gift for', 'for'],
    kind: 'text',
    description: 'The challenge, prompt or exchange the story was written for.',
    example: 'the prompt, in your words',
  },
  {
    name: 'Date',
    aliases: ['date written', 'posted', 'posted on', 'posted at', 'published', 'updated', 'written', 'date posted', 'date published', 'date updated', 'completed on'],
    kind: 'text',
    description: 'When the story was written, posted or last updated.',
    example: '24 November 2026',
  },
  {
    name: 'Series',
    aliases: ['sequel to', 'prequel to', 'sequel', 'prequel', 'part of'],
    kind: 'text',
    description: 'The series the story belongs to, or the story it follows.',
    example: 'series name',
  },
  {
    name: 'Archive',
    aliases: ['archiving', 'feedback', 'concrit', 'archive permission'],
    kind: 'text',
    description: 'Where others may archive the story, and what feedback you welcome.',
    example: 'Ask first',
  },
  {
    name: 'Language',
    aliases: ['lang'],
    kind: 'text',
    description: "The language the story is written in, for AO3's Language field (when absent, the language in Fic Writer's settings: English unless you change it).",
    example: 'English',
  },
  {
    name: 'Goal',
    aliases: ['target', 'word goal', 'word target', 'goal words'],
    kind: 'goal',
    description:
      'Your target for this work, and the date you want it done by, such as 50,000 by 2026-11-30. Fic Writer shows the pace it needs; the AO3 export leaves this line out.',
    example: '50,000 by 2026-11-30',
  },
];

// ---------------------------------------------------------------------------------------
// Ratings

/** 0 general, 1 teen, 2 mature, 3 explicit; null for "not rated". */
export type RatingLevel = 0 | 1 | 2 | 3 | null;

export type RatingSystem = 'AO3' | 'FFN' | 'MPAA' | 'FRS';

export const RATING_SYSTEM_NAMES: Record<RatingSystem, string> = {
  AO3: 'AO3',
  FFN: 'FFN',
  MPAA: 'MPAA-style',
  FRS: 'Fan Rating System',
};

export interface RatingInfo {
  /** The exact spelling the system uses. */
  label: string;
  system: RatingSystem;
  level: RatingLevel;
  /** Other spellings seen in headers, compared case-insensitively. */
  variants: readonly string[];
  description: string;
}

export const RATINGS: readonly RatingInfo[] = [
  { label: 'General Audiences', system: 'AO3', level: 0, variants: ['general', 'gen audiences', 'general audience', 'g/a'], description: 'Suitable for all readers.' },
  { label: 'Teen And Up Audiences', system: 'AO3', level: 1, variants: ['teen', 'teen and up', 'teens and up', 'teen & up', 'teen & up audiences', 'teens and up audiences'], description: 'Some content unsuitable for readers under 13.' },
  { label: 'Mature', system: 'AO3', level: 2, variants: [], description: 'Adult themes: sex, violence or disturbing content, not as graphic as Explicit.' },
  { label: 'Explicit', system: 'AO3', level: 3, variants: ['adult', 'adults only'], description: 'Explicit sexual content, graphic violence or similar: adults only.' },
  { label: 'Not Rated', system: 'AO3', level: null, variants: ['unrated', 'none', 'no rating'], description: "AO3's default when the creator gives no rating; readers are warned it may contain anything." },
  { label: 'K', system: 'FFN', level: 0, variants: [], description: 'FFN: suitable for ages 5 and up.' },
  { label: 'K+', system: 'FFN', level: 0, variants: ['k plus'], description: 'FFN: ages 9 and up; mild action and language.' },
  { label: 'T', system: 'FFN', level: 1, variants: [], description: 'FFN: ages 13 and up; some violence, coarse language, suggestive themes.' },
  { label: 'M', system: 'FFN', level: 2, variants: [], description: 'FFN: ages 16 and up; mature themes, not explicit.' },
  { label: 'MA', system: 'FFN', level: 3, variants: [], description: 'FFN: adults only. FFN itself does not accept MA stories.' },
  { label: 'G', system: 'MPAA', level: 0, variants: [], description: 'General audiences, film-style.' },
  { label: 'PG', system: 'MPAA', level: 0, variants: [], description: 'Parental guidance suggested, film-style.' },
  { label: 'PG-13', system: 'MPAA', level: 1, variants: ['pg13', 'pg 13', 'pg-15', 'pg15'], description: 'Teens and up, film-style.' },
  { label: 'R', system: 'MPAA', level: 2, variants: ['r-16', 'r16'], description: 'Restricted: mature content, film-style.' },
  { label: 'NC-17', system: 'MPAA', level: 3, variants: ['nc17', 'nc 17', 'nc-18', 'nc18', 'r18', 'r-18', 'r18+', 'x', 'xxx'], description: 'Adults only, film-style.' },
  { label: 'FRC', system: 'FRS', level: 0, variants: ['frc'], description: 'Fan Rating System: children and up.' },
  { label: 'FRT', system: 'FRS', level: 1, variants: ['fr13'], description: 'Fan Rating System: teens and up.' },
  { label: 'FRM', system: 'FRS', level: 2, variants: ['fr15'], description: 'Fan Rating System: mature readers.' },
  { label: 'FRAO', system: 'FRS', level: 3, variants: ['fr18', 'frao'], description: 'Fan Rating System: adults only.' },
];

export const RATING_LEVEL_NAMES = ['general', 'teen', 'mature', 'explicit'] as const;

// ---------------------------------------------------------------------------------------
// Warnings and the other closed vocabularies

export interface WarningInfo {
  label: string;
  /** True for AO3's Archive Warnings, whose exact spelling matters. */
  archive: boolean;
  description: string;
}

export const CHOOSE_NOT_TO_WARN = 'Choose Not To Use Archive Warnings';
export const CHOSE_NOT_TO_WARN_DISPLAYED = 'Creator Chose Not To Use Archive Warnings';
export const NO_WARNINGS_APPLY = 'No Archive Warnings Apply';

export const ARCHIVE_WARNINGS: readonly WarningInfo[] = [
  { label: CHOOSE_NOT_TO_WARN, archive: true, description: 'AO3: the creator does not say whether any Archive Warning applies.' },
  { label: CHOSE_NOT_TO_WARN_DISPLAYED, archive: true, description: 'AO3 displays "Choose Not To Use Archive Warnings" this way; both spellings are accepted.' },
  { label: NO_WARNINGS_APPLY, archive: true, description: 'AO3: none of the specific Archive Warnings apply.' },
  { label: 'Graphic Depictions Of Violence', archive: true, description: 'AO3 Archive Warning: gory or graphic violence.' },
  { label: 'Major Character Death', archive: true, description: 'AO3 Archive Warning: a main character dies.' },
  { label: 'Rape/Non-Con', archive: true, description: 'AO3 Archive Warning: non-consensual sexual activity.' },
  { label: 'Underage Sex', archive: true, description: 'AO3 Archive Warning: sexual activity involving characters under 18.' },
];

/** The Archive Warnings that name specific content (the ones "No Archive Warnings Apply" contradicts). */
export const SPECIFIC_ARCHIVE_WARNINGS: readonly string[] = [
  'Graphic Depictions Of Violence',
  'Major Character Death',
  'Rape/Non-Con',
  'Underage Sex',
];

export const FREEFORM_WARNINGS: readonly string[] = [
  'Character Death',
  'Violence',
  'Blood',
  'Gore',
  'Torture',
  'Self-Harm',
  'Suicide',
  'Suicidal Ideation',
  'Abuse',
  'Child Abuse',
  'Domestic Violence',
  'Dubious Consent',
  'Drug Use',
  'Alcohol',
  'Eating Disorders',
  'Homophobia',
  'Panic Attacks',
  'Strong Language',
  'Sexual Content',
  'Angst',
  'Spoilers',
  'Alternate Universe',
  'Future AU',
  'Out of Character',
];

/** Separators AO3 splits a tag list on, besides the comma. */
export const LIST_SEPARATORS: readonly string[] = [',', '，', '、'];

export const CATEGORIES: readonly { label: string; description: string }[] = [
  { label: 'F/F', description: 'Female/female relationships.' },
  { label: 'F/M', description: 'Female/male relationships.' },
  { label: 'Gen', description: 'No romantic or sexual relationships, or they are not the focus.' },
  { label: 'M/M', description: 'Male/male relationships.' },
  { label: 'Multi', description: 'More than one kind of relationship, or a relationship with several partners.' },
  { label: 'Other', description: 'Other relationships.' },
];

export const STATUSES: readonly { label: string; variants: readonly string[]; complete: boolean | null; description: string }[] = [
  { label: 'Complete', variants: ['completed', 'complete!', 'finished', 'done', 'oneshot', 'one-shot', 'one shot', 'yes'], complete: true, description: 'The story is finished.' },
  { label: 'WIP', variants: ['work in progress', 'in progress', 'incomplete', 'ongoing', 'no'], complete: false, description: 'Work in progress: more chapters are coming.' },
  { label: 'In-Progress', variants: ['in-progress'], complete: false, description: 'Work in progress: more chapters are coming.' },
  { label: 'On Hiatus', variants: ['hiatus'], complete: false, description: 'Paused for now.' },
  { label: 'Abandoned', variants: ['discontinued'], complete: false, description: 'Will not be finished.' },
];

// ---------------------------------------------------------------------------------------
// Body furniture

/** Lines that end a story and are not counted: matched case-insensitively after
 * trimming decoration (`~fin~`, `- The End -`, `THE END.`). */
export const TRAILER_WORDS: readonly string[] = ['the end', 'end', 'fin', 'finis', 'tbc', 'to be continued', 'the end?', 'end of chapter', 'end chapter', 'owari'];

/** Named lengths: a header or prompt that names one promises this many words. */
export const NAMED_LENGTHS: readonly { name: string; pattern: string; words: number }[] = [
  { name: 'double drabble', pattern: 'double[- ]drabble', words: 200 },
  { name: 'triple drabble', pattern: 'triple[- ]drabble', words: 300 },
  { name: 'drabble', pattern: 'drabble', words: 100 },
];

/** Drabble-style lengths are exact; a ficlet is only "short". */
export const FICLET_MAX_WORDS = 1000;

/** AO3's limits (config/config.yml) that a header can be checked against. */
export const AO3_LIMITS = {
  titleMin: 1,
  titleMax: 255,
  summaryMax: 1250,
  notesMax: 5000,
  tagMax: 150,
  tagForbidden: [',', '^', '*', '<', '>', '{', '}', '=', '`', '\\', '%'],
  tagsPerWork: 75,
  chapterMinChars: 10,
  chapterMaxChars: 510000,
} as const;

/** Reading speed used when the settings give none, in words per minute. */
export const DEFAULT_READING_SPEED = 250;

/** The counting methods as a writer would say them: `count words as AO3 does`. */
export const METHOD_WAYS = { whitespace: 'as a word processor does', ao3: 'as AO3 does' } as const;
