// Closed vocabularies in field values: AO3 Archive Warnings (near misses only: free-form
// warnings are fine), Category, Status and Chapter.

import { ARCHIVE_WARNINGS, CATEGORIES, NO_WARNINGS_APPLY, SPECIFIC_ARCHIVE_WARNINGS, STATUSES } from '../catalog';
import { orList, quote, type Finding, type RuleContext } from './context';
import { closest, type Candidate } from './suggest';
import { listItems, type ListItem } from '../header/document';
import { edit } from './fixData';

const ARCHIVE: Candidate<string>[] = ARCHIVE_WARNINGS.map((w) => ({ spelling: w.label, value: w.label }));
const ARCHIVE_LABELS = new Set(ARCHIVE_WARNINGS.map((w) => w.label));

/** The Archive Warning an item is, was meant to be, or null for a free-form warning. */
function archiveWarning(item: string): string | null {
  if (ARCHIVE_LABELS.has(item)) return item;
  return closest(item, ARCHIVE);
}

export function warningRules(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  const text = ctx.doc.text;
  for (const field of ctx.fields('Warnings')) {
    const items = listItems(ctx.doc, field);
    const meant = items.map((item) => archiveWarning(item.text));
    items.forEach((item, i) => {
      const label = meant[i];
      if (!label || label === item.text) return;
      findings.push({
        code: 'unknown-warning',
        range: item.range,
        message: `${quote(item.text)} looks like the AO3 Archive Warning '${label}': AO3 needs its exact spelling.`,
        fixes: [{ title: `Change to '${label}'`, edits: [edit(text, item.range, label)], preferred: true }],
      });
    });
    const none = meant.indexOf(NO_WARNINGS_APPLY);
    const specific = meant.find((m) => m !== null && SPECIFIC_ARCHIVE_WARNINGS.includes(m));
    if (none >= 0 && specific) {
      const item = items[none] as ListItem;
      const next = items[none + 1];
      const prev = items[none - 1];
      // The item and the comma that joins it to its neighbour, nothing else.
      const range = next ? { start: item.range.start, end: next.range.start } : { start: (prev as ListItem).range.end, end: item.range.end };
      findings.push({
        code: 'warning-conflict',
        range: item.range,
        message: `'${NO_WARNINGS_APPLY}' contradicts '${specific}': remove '${NO_WARNINGS_APPLY}' (AO3 would show the specific warning anyway).`,
        fixes: [{ title: `Remove '${NO_WARNINGS_APPLY}'`, edits: [edit(text, range, '')], preferred: true }],
      });
    }
  }
  return findings;
}

const CATEGORY_LABELS = CATEGORIES.map((c) => c.label);
// What writers call the AO3 categories elsewhere.
const CATEGORY_SYNONYMS = new Map<string, string>([
  ['m/f', 'F/M'],
  ['het', 'F/M'],
  ['slash', 'M/M'],
  ['femslash', 'F/F'],
  ['femmeslash', 'F/F'],
  ['general', 'Gen'],
  ['none', 'Gen'],
  ['multiple', 'Multi'],
  ['poly', 'Multi'],
]);
const CATEGORY_CANDIDATES: Candidate<string>[] = CATEGORY_LABELS.map((l) => ({ spelling: l, value: l }));

export function categoryRules(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const field of ctx.fields('Category')) {
    for (const item of listItems(ctx.doc, field)) {
      if (CATEGORY_LABELS.includes(item.text)) continue;
      const suggestion = CATEGORY_SYNONYMS.get(item.text.toLowerCase()) ?? closest(item.text, CATEGORY_CANDIDATES);
      findings.push(
        suggestion
          ? {
              code: 'unknown-category',
              range: item.range,
              message: `Category ${quote(item.text)} is not an AO3 category: did you mean '${suggestion}'?`,
              fixes: [{ title: `Change to '${suggestion}'`, edits: [edit(ctx.doc.text, item.range, suggestion)], preferred: true }],
            }
          : {
              code: 'unknown-category',
              range: item.range,
              message: `Category ${quote(item.text)} is not an AO3 category (${orList(CATEGORY_LABELS)}). If it names the fandom, as on FFN, call the field Fandom.`,
            },
      );
    }
  }
  return findings;
}

function statusKey(s: string): string {
  return s.toLowerCase().replace(/\s+/g, ' ').trim();
}

const STATUS_BY_SPELLING = new Map<string, string>();
for (const s of STATUSES) for (const v of [s.label, ...s.variants]) STATUS_BY_SPELLING.set(statusKey(v), s.label);
const STATUS_CANDIDATES: Candidate<string>[] = STATUSES.flatMap((s) => [s.label, ...s.variants].map((spelling) => ({ spelling, value: s.label })));

export function statusRules(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const field of ctx.fields('Status')) {
    const value = field.value;
    if (value.length === 0 || value.length > 200) continue;
    if (STATUS_BY_SPELLING.has(statusKey(value.replace(/[.!]+$/, '')))) continue;
    // `Complete (one-shot)`, `WIP - updated weekly`: a known word among others is fine.
    const parts = value.split(/[,/()|;]| [-–—] /);
    if (parts.some((p) => STATUS_BY_SPELLING.has(statusKey(p.replace(/[.!]+$/, ''))))) continue;
    const suggestion = closest(value, STATUS_CANDIDATES);
    const labels = STATUSES.map((s) => s.label);
    findings.push(
      suggestion
        ? {
            code: 'unknown-status',
            range: field.valueRange,
            message: `Status ${quote(value)} is not one Fic Writer knows: did you mean '${suggestion}'?`,
            fixes: [{ title: `Change to '${suggestion}'`, edits: [edit(ctx.doc.text, field.valueRange, suggestion)], preferred: true }],
          }
        : { code: 'unknown-status', range: field.valueRange, message: `Status ${quote(value)} is not one Fic Writer knows: use ${orList(labels)}.` },
    );
  }
  return findings;
}

const CHAPTER = /^(\d{1,6})\s*(?:\/\s*(\d{1,6}|\?))?$/;
const CHAPTER_OF = /^(\d{1,6})\s+(?:of|out of)\s+(\d{1,6}|\?)$/i;

export function chapterRules(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const field of ctx.fields('Chapter')) {
    const value = field.value;
    if (value.length === 0) continue;
    const m = value.length <= 40 ? CHAPTER.exec(value) : null;
    if (!m) {
      const of = value.length <= 40 ? CHAPTER_OF.exec(value) : null;
      const fixed = of ? `${of[1]}/${of[2]}` : null;
      findings.push({
        code: 'chapter-format',
        range: field.valueRange,
        message: fixed
          ? `Chapter ${quote(value)}: write it as ${fixed}, the way AO3 shows chapters.`
          : `Chapter ${quote(value)} is not a chapter number: write it as 3, 3/10, or 3/? when the total is not known yet.`,
        ...(fixed ? { fixes: [{ title: `Change to ${fixed}`, edits: [edit(ctx.doc.text, field.valueRange, fixed)], preferred: true }] } : {}),
      });
      continue;
    }
    const n = Number(m[1]);
    const total = m[2] === undefined || m[2] === '?' ? null : Number(m[2]);
    if (n < 1 || total === 0) {
      findings.push({ code: 'chapter-format', range: field.valueRange, message: `Chapter ${quote(value)}: chapters count from 1.` });
    } else if (total !== null && n > total) {
      findings.push({
        code: 'chapter-format',
        range: field.valueRange,
        message: `Chapter ${quote(value)}: chapter ${n} is past the total of ${total}. Raise the total, or write ${n}/? if it is not known yet.`,
      });
    }
  }
  return findings;
}
