// Stories for the bench: generated, seeded, so every run measures the same text. The
// prose is invented here, word lists and all; it only has to look like fiction to the
// counters: dialogue in curly quotes, contractions, hyphenated words, em dashes, `--`,
// numbers, scene breaks, an author's note and a trailer. The CJK variant mixes in
// paragraphs of Han, Hiragana and Katakana, where AO3 counts every character.

/** mulberry32: a small, fast, seedable PRNG. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ['Wren', 'Ada', 'Mae', 'Tamsin', 'Corin', 'Ilse', 'Bram', 'Odette', 'Pell', 'Juniper'];
const WORDS = (
  'the a and of to in that it was she he they her his lamp salt tide harbour light keeper ' +
  'night morning rope boat stair window door glass oil wick cold warm slow quiet loud small ' +
  'old long grey blue bright dark under over through against after before while when then ' +
  'said asked whispered turned looked waited carried found kept lost broke held knew thought ' +
  'with without into onto from for not never always only still again almost nearly just ' +
  'gull wind rain stone sea shore cliff path bell clock letter name hand face voice breath'
).split(' ');
const CONTRACTIONS = ["didn't", "couldn't", "she'd", "it's", "wasn't", "they'll", "I'm", 'don’t', 'won’t'];
const HYPHENATED = ['half-lit', 'salt-stiff', 'well-worn', 'twenty-two', 'sea-green', 'long-ago'];
const CJK = '灯台の光が消えた夜彼女は海を見ていた風と雨の音だけが残る静かな港町で古い鐘が鳴るカタカナひらがな漢字';
const CJK_PUNCT = ['。', '、', '「', '」'];

export interface Story {
  name: string;
  text: string;
  /** Body words as the generator counted them (wc's way). */
  words: number;
  bytes: number;
}

export interface StoryOptions {
  /** Whitespace words in the body. */
  words: number;
  seed: number;
  /** Share of paragraphs written in CJK (their characters count towards `words`). */
  cjk?: number;
  /** Typewriter punctuation only (" ' --): pure ASCII, which V8 stores at a byte a
   * character instead of two. */
  ascii?: boolean;
}

function pick<T>(rand: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)] as T;
}

function sentence(rand: () => number): string[] {
  const n = 4 + Math.floor(rand() * 14);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = rand();
    if (r < 0.08) out.push(pick(rand, NAMES));
    else if (r < 0.13) out.push(pick(rand, CONTRACTIONS));
    else if (r < 0.16) out.push(pick(rand, HYPHENATED));
    else if (r < 0.18) out.push(String(1 + Math.floor(rand() * 1999)));
    else if (r < 0.2 && i > 0 && i < n - 1) out.push(rand() < 0.5 ? '—' : '--');
    else out.push(pick(rand, WORDS));
  }
  out[0] = (out[0] as string).charAt(0).toUpperCase() + (out[0] as string).slice(1);
  if (n > 8 && rand() < 0.4) out[Math.floor(n / 2)] += ',';
  out[n - 1] += pick(rand, ['.', '.', '.', '?', '!', '...']);
  if (rand() < 0.25) {
    out[0] = `“${out[0]}`;
    out[n - 1] += '”';
    out.push(pick(rand, NAMES), 'said.');
  }
  return out;
}

function cjkParagraph(rand: () => number, chars: number): string {
  let p = '';
  for (let i = 0; i < chars; i++) {
    p += CJK[Math.floor(rand() * CJK.length)];
    if (rand() < 0.08) p += pick(rand, CJK_PUNCT);
  }
  return p;
}

const HEADER = [
  'Title: The Keeper of Salt Harbour',
  'Author: Wren Marsh',
  'Fandom: Original Work',
  'Pairing: Ada/Mae',
  'Rating: Teen And Up Audiences',
  'Warnings: No Archive Warnings Apply',
  'Word Count: {COUNT}',
  'Summary: A lighthouse, a storm, and forty years of keeping a promise.',
  '',
  'A/N: Written for the bench. Every word of it is generated.',
  '',
];

/** A story with a header, an author's note, scene breaks and `The End`. */
export function generateStory(name: string, options: StoryOptions): Story {
  const rand = random(options.seed);
  const paragraphs: string[] = [];
  let words = 0;
  let sinceBreak = 0;
  while (words < options.words) {
    if (sinceBreak > 30 && rand() < 0.1) {
      paragraphs.push(pick(rand, ['* * *', '***', 'xXx']));
      words += 1 + (paragraphs[paragraphs.length - 1] === '* * *' ? 2 : 0);
      sinceBreak = 0;
      continue;
    }
    sinceBreak++;
    if (options.cjk && rand() < options.cjk) {
      const chars = Math.min(40 + Math.floor(rand() * 200), options.words - words);
      paragraphs.push(cjkParagraph(rand, chars));
      words += chars;
      continue;
    }
    const tokens: string[] = [];
    const sentences = 1 + Math.floor(rand() * 6);
    for (let s = 0; s < sentences && words + tokens.length < options.words; s++) tokens.push(...sentence(rand));
    paragraphs.push(tokens.join(' '));
    words += tokens.length;
  }
  const header = HEADER.join('\n').replace('{COUNT}', words.toLocaleString('en'));
  let text = `${header}\n${paragraphs.join('\n\n')}\n\nThe End\n`;
  if (options.ascii) text = text.replace(/[“”]/g, '"').replace(/[‘’]/g, "'").replace(/—/g, '--');
  return { name, text, words, bytes: Buffer.byteLength(text, 'utf8') };
}
