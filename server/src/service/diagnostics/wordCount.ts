// The header's Word Count and named lengths (`drabble`) against the live body count.
// The body count comes from the running totals (bodyFigures): no rule rescans the body.

import type { CountMethod, Range } from '../../protocol';
import { METHOD_WAYS, NAMED_LENGTHS } from '../catalog';
import { quote, valueSlice, type Finding, type RuleContext } from './context';
import { agrees, formatCount, formatLike, parseDeclaredCount, type DeclaredCount } from '../header/declared';
import type { Field } from '../header/document';
import { edit, type Fix } from './fixData';
import { SET_WORD_COUNT_METHOD_COMMAND, type SetWordCountMethodArgs } from '../../protocol';


const UNDERSTOOD = '1,293, 1293, 1.293, ~1,300, 1.3k, 1300+ or "1,293 words"';

// Longest names first, so `double drabble` wins over the `drabble` inside it. Each pattern
// is a plain alternation of literals: linear on any value.
const NAMED = [...NAMED_LENGTHS].sort((a, b) => b.pattern.length - a.pattern.length);
const NAMED_LENGTH = new RegExp(`\\b(?:${NAMED.map((n) => `(${n.pattern})`).join('|')})s?\\b`, 'gi');

export function wordCountRules(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  const field = ctx.fields('Word Count')[0];
  if (field && field.value.length > 0) {
    const declared = parseDeclaredCount(field.value);
    if (declared) findings.push(...checkDeclared(ctx, field, declared));
    else if (!namesLength(field.value)) {
      findings.push({
        code: 'word-count-invalid',
        range: field.valueRange,
        message: `The Word Count ${quote(field.value)} has no number in it that Fic Writer understands. Write it like ${UNDERSTOOD}.`,
      });
    }
  }
  findings.push(...namedLengths(ctx));
  return findings;
}

/** `18,630 (total)`, `796 (total so far)`, `whole work`: a count of the work, not the chapter. */
const STATES_WORK_TOTAL = /\b(?:total|whole\s+work|all\s+chapters|overall|in\s+all|so\s+far)\b/i;
const SO_FAR = /\bso\s+far\b/i;

function checkDeclared(ctx: RuleContext, field: Field, declared: DeclaredCount): Finding[] {
  const method = ctx.settings.wordCount.method;
  const other: CountMethod = method === 'ao3' ? 'whitespace' : 'ao3';
  const words = ctx.figures().words;
  const count = words[method];
  const work = ctx.work;
  if (work && STATES_WORK_TOTAL.test(field.value)) {
    return SO_FAR.test(field.value)
      ? checkWorkTotal(ctx, field, declared, work.wordsSoFar[method], 'the chapters up to this one have')
      : checkWorkTotal(ctx, field, declared, work.words[method], `its ${work.chapters} chapters have`);
  }
  if (agrees(declared, count)) {
    ctx.memory.agreed = { value: declared.value, method };
    return [];
  }
  // Chapter 1's Word Count is often the work's: right for the work, it is not wrong.
  if (work?.first && agrees(declared, work.words[method])) return [];
  // The same number agreed with the writer's own method before: the story grew or shrank
  // under it, whatever the other method happens to say now.
  const stale = ctx.memory.agreed !== null && ctx.memory.agreed.value === declared.value && ctx.memory.agreed.method === method;

  const range = valueSlice(ctx.doc, field, declared.numberStart, declared.numberEnd);
  const { fixes: update, target } = updateFixes(ctx, field, declared, count);
  if (!stale && declared.exact && declared.value === words[other] && words[other] !== count) {
    const fixes: Fix[] = [];
    if (ctx.clientCommands.has(SET_WORD_COUNT_METHOD_COMMAND)) {
      const args: SetWordCountMethodArgs = { uri: ctx.uri, method: other };
      fixes.push({
        title: `Count words ${METHOD_WAYS[other]} in this folder`,
        edits: [],
        command: { title: `Count words ${METHOD_WAYS[other]}`, command: SET_WORD_COUNT_METHOD_COMMAND, arguments: [args] },
      });
    }
    // Which count the writer wants is their call: nothing is applied without asking.
    fixes.push(...update.map((f) => ({ ...f, preferred: false })));
    return [
      {
        code: 'word-count-other-method',
        range,
        message:
          `The Word Count, ${formatCount(declared.value)}, is this story counted ${METHOD_WAYS[other]}. ` +
          `Your stories are counted ${METHOD_WAYS[method]}: ${formatCount(count)} words. ` +
          `Count ${METHOD_WAYS[other]} in this folder, or update the number.`,
        fixes,
      },
    ];
  }
  const shown = declared.exact ? formatCount(declared.value) : field.value.slice(0, declared.numberEnd + markerLength(field.value, declared));
  return [
    {
      code: 'word-count-mismatch',
      range,
      message: `The Word Count says ${shown}, but the story has ${formatCount(count)} words (counted ${METHOD_WAYS[method]}). Update it to ${target}?`,
      fixes: update,
    },
  ];
}

/** A Word Count that states the work's total, checked against the sum of its chapters. */
function checkWorkTotal(ctx: RuleContext, field: Field, declared: DeclaredCount, total: number, which: string): Finding[] {
  if (agrees(declared, total)) return [];
  const method = ctx.settings.wordCount.method;
  const written = field.value.slice(declared.numberStart, declared.numberEnd);
  const { fixes, target } = updateFixes(ctx, field, declared, total);
  return [
    {
      code: 'work-word-count-mismatch',
      range: valueSlice(ctx.doc, field, declared.numberStart, declared.numberEnd),
      message: `Word Count says ${written} for the work, but ${which} ${formatCount(total)} words together, counted ${METHOD_WAYS[method]}. Update it to ${target}?`,
      fixes,
    },
  ];
}

/** `k` and `+` right after an approximate number: part of how it is written. */
function markerLength(value: string, declared: DeclaredCount): number {
  const m = /^\s?[kK]?\s*\+|^\s?[kK]\b/.exec(value.slice(declared.numberEnd, declared.numberEnd + 8));
  return m ? m[0].length : 0;
}

function isPlus(value: string, declared: DeclaredCount): boolean {
  return /^\s?[kK]?\s*\+/.test(value.slice(declared.numberEnd, declared.numberEnd + 8));
}

/** The precision an approximate number was written to: `~1,300` -> 100, `1.3k` -> 100. */
function unitOf(declared: DeclaredCount): number {
  if (declared.style.kilo) return 1000 / 10 ** declared.style.kilo.decimals;
  const digits = String(declared.value);
  const zeros = digits.length - digits.replace(/0+$/, '').length;
  return 10 ** Math.min(zeros, digits.length - 1);
}

/** Fixes that rewrite the number in the writer's own format; for an approximate count,
 * also the exact number. */
function updateFixes(ctx: RuleContext, field: Field, declared: DeclaredCount, count: number): { fixes: Fix[]; target: string } {
  const text = ctx.doc.text;
  const numberRange = valueSlice(ctx.doc, field, declared.numberStart, declared.numberEnd);
  if (declared.exact) {
    const n = formatLike(declared.style, count);
    return { fixes: [{ title: `Update the Word Count to ${formatCount(count)}`, edits: [edit(text, numberRange, n)], preferred: true }], target: formatCount(count) };
  }
  const unit = unitOf(declared);
  const plus = isPlus(field.value, declared);
  const rounded = plus ? Math.floor(count / unit) * unit : Math.round(count / unit) * unit;
  const approx = formatLike(declared.style, rounded);
  const before = field.value.slice(0, declared.numberStart);
  const after = field.value.slice(declared.numberEnd, declared.numberEnd + markerLength(field.value, declared));
  const exactStyle = { thousands: declared.style.kilo ? ',' : declared.style.thousands, kilo: null };
  const exact = formatLike(exactStyle, count);
  const wholeRange = valueSlice(ctx.doc, field, 0, declared.numberEnd + after.length);
  const exactFix: Fix = { title: `Write the exact count, ${formatCount(count)}`, edits: [edit(text, wholeRange, exact)] };
  // `~0` says nothing: below the written precision only the exact count is useful.
  if (rounded === 0) return { fixes: [{ ...exactFix, preferred: true }], target: formatCount(count) };
  const target = `${before}${approx}${after}`;
  return {
    fixes: [
      { title: `Update the Word Count to ${target}`, edits: [edit(text, numberRange, approx)], preferred: true },
      exactFix,
    ],
    target,
  };
}

function namesLength(value: string): boolean {
  NAMED_LENGTH.lastIndex = 0;
  return NAMED_LENGTH.test(value);
}

/** A named length in any field (Title, Prompt, Word Count `100 (drabble)` ...) promises
 * an exact count. One finding per field: the first name it mentions. */
function namedLengths(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  const method = ctx.settings.wordCount.method;
  for (const field of ctx.doc.header?.fields ?? []) {
    NAMED_LENGTH.lastIndex = 0;
    const m = NAMED_LENGTH.exec(field.value);
    if (!m) continue;
    const which = NAMED[m.slice(1).findIndex((g) => g !== undefined)];
    if (!which) continue;
    const count = ctx.figures().words[method];
    if (count === which.words) continue;
    const range: Range = valueSlice(ctx.doc, field, m.index, m.index + m[0].length);
    findings.push({
      code: 'length-mismatch',
      range,
      message: `${article(which.name)} ${which.name} is exactly ${formatCount(which.words)} words; this story has ${formatCount(count)} (counted ${METHOD_WAYS[method]}).`,
    });
  }
  return findings;
}

function article(name: string): string {
  return /^[aeiou]/i.test(name) ? 'An' : 'A';
}
