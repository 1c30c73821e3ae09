// Rating values: every part of a combined rating (`PG-13/T`, `T (PG-13)`, `Teen - PG-13`)
// must be a rating some system knows, and the parts must agree in level.

import { RATING_LEVEL_NAMES, RATINGS, type RatingInfo } from '../catalog';
import { quote, valueSlice, type Finding, type RuleContext } from './context';
import { closest, type Candidate } from './suggest';
import type { Field } from '../header/document';
import { edit } from './fixData';

function spellingKey(s: string): string {
  return s.toLowerCase().replace(/\s+/g, ' ').trim();
}

const BY_SPELLING = new Map<string, RatingInfo>();
for (const r of RATINGS) for (const s of [r.label, ...r.variants]) BY_SPELLING.set(spellingKey(s), r);

const CANDIDATES: Candidate<RatingInfo>[] = RATINGS.flatMap((r) => [r.label, ...r.variants].map((spelling) => ({ spelling, value: r })));

const KNOWN_LIST =
  'an AO3 rating (General Audiences, Teen And Up Audiences, Mature, Explicit, Not Rated), an FFN rating (K, K+, T, M, MA) or a film-style one (G, PG, PG-13, R, NC-17)';

export interface RatingPart {
  text: string;
  /** Offsets in the field's value. */
  start: number;
  end: number;
}

const SPLIT = new Set(['/', '(', ')', '[', ']', ',', '|', '，', ';']);
const DASHES = new Set(['-', '–', '—']);

/** The parts of a rating value, split on `/ ( ) , |` and on dashes with spaces around
 * them (`PG-13` and `NC-17` keep theirs). A value that is one known spelling as a whole
 * (`G/A`) is one part. */
export function ratingParts(value: string): RatingPart[] {
  const whole = value.trim();
  if (BY_SPELLING.has(spellingKey(whole))) {
    const start = value.indexOf(whole);
    return [{ text: whole, start, end: start + whole.length }];
  }
  const parts: RatingPart[] = [];
  let from = 0;
  const flush = (to: number) => {
    let a = from;
    let b = to;
    while (a < b && /\s/.test(value[a] as string)) a++;
    // Trailing full stops and the like are punctuation, not part of the rating.
    while (b > a && /[\s.!:]/.test(value[b - 1] as string)) b--;
    if (b > a) parts.push({ text: value.slice(a, b), start: a, end: b });
  };
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string;
    const spacedDash = DASHES.has(c) && (i === 0 || /\s/.test(value[i - 1] as string)) && (i + 1 >= value.length || /\s/.test(value[i + 1] as string));
    if (SPLIT.has(c) || spacedDash) {
      flush(i);
      from = i + 1;
    }
  }
  flush(value.length);
  return parts;
}

export function lookupRating(text: string): RatingInfo | null {
  return BY_SPELLING.get(spellingKey(text)) ?? null;
}

// Writers explain a rating in the same field: `R for language`, `T (for violence)`.
const EXPLANATION = /^(?:for|due to|because|mostly|mainly|just|only|some|mild|strong|with|in)\b/i;

/** A rating followed by an explanation (`R for language`): the rating it starts with. */
function leadingRating(part: string): RatingInfo | null {
  if (part.length > 64) return null;
  const words = part.split(/\s+/);
  for (let k = words.length - 1; k >= 1; k--) {
    const rest = words.slice(k).join(' ');
    if (!EXPLANATION.test(rest)) continue;
    const rating = lookupRating(words.slice(0, k).join(' '));
    if (rating) return rating;
  }
  return null;
}

export function ratingRules(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const field of ctx.fields('Rating')) {
    if (field.value.length === 0) continue;
    findings.push(...checkRating(ctx, field));
  }
  return findings;
}

function checkRating(ctx: RuleContext, field: Field): Finding[] {
  const findings: Finding[] = [];
  const known: { part: RatingPart; rating: RatingInfo }[] = [];
  const parts = ratingParts(field.value);
  if (parts.length === 0) {
    // Only separators (`,,,`, `/`): there is no rating to check, which is itself the problem.
    return [{ code: 'unknown-rating', range: field.valueRange, message: `Rating ${quote(field.value)} has no rating in it: use ${KNOWN_LIST}.` }];
  }
  for (const part of parts) {
    const rating = lookupRating(part.text) ?? leadingRating(part.text);
    if (rating) {
      known.push({ part, rating });
      continue;
    }
    if (EXPLANATION.test(part.text)) continue;
    const range = valueSlice(ctx.doc, field, part.start, part.end);
    const suggestion = closest(part.text, CANDIDATES);
    findings.push(
      suggestion
        ? {
            code: 'unknown-rating',
            range,
            message: `Rating ${quote(part.text)} is not a known rating: did you mean '${suggestion.label}'?`,
            fixes: [{ title: `Change to '${suggestion.label}'`, edits: [edit(ctx.doc.text, range, suggestion.label)], preferred: true }],
          }
        : { code: 'unknown-rating', range, message: `Rating ${quote(part.text)} is not a known rating: use ${KNOWN_LIST}.` },
    );
  }
  const rated = known.filter((k) => k.rating.level !== null);
  const first = rated[0];
  const other = rated.find((k) => k.rating.level !== first?.rating.level);
  if (first && other) {
    const level = (k: typeof first) => RATING_LEVEL_NAMES[k.rating.level as number];
    findings.push({
      code: 'rating-conflict',
      range: field.valueRange,
      message:
        `Rating parts ${quote(first.part.text)} (${level(first)}) and ${quote(other.part.text)} (${level(other)}) disagree: ` +
        'keep the one that fits, or combine ratings of the same level (such as PG-13/T).',
    });
  }
  return findings;
}
