// The header's shape: required fields present, none given twice or left empty, keys that
// name a field we know.

import { FIELDS, type FieldName } from '../catalog';
import { orList, quote, type Finding, type RuleContext } from './context';
import { closest, type Candidate } from './suggest';
import { normaliseKey, type Field } from '../header/document';
import { edit, eolNear, wholeLinesRange, type Fix } from './fixData';

const CANONICAL = new Map<string, FieldName>(FIELDS.map((f) => [f.name.toLowerCase(), f.name]));

/** The configured required fields as canonical names; unknown names are ignored. */
export function requiredFields(names: readonly string[]): FieldName[] {
  const out: FieldName[] = [];
  for (const n of names) {
    const name = CANONICAL.get(n.trim().toLowerCase());
    if (name && !out.includes(name)) out.push(name);
  }
  return out;
}

export function missingFields(ctx: RuleContext): Finding[] {
  const required = requiredFields(ctx.settings.header.requiredFields);
  if (required.length === 0) return [];
  // A later chapter of a work takes the work's fields from its first chapter.
  if (ctx.work && !ctx.work.first) return [];
  const { doc } = ctx;
  const text = doc.text;
  const header = doc.header;
  if (!header) {
    // A header's worth of missing-field noise on an empty file helps no one.
    if (ctx.figures().words.whitespace === 0) return [];
    const eol = eolNear(text, 0);
    const lines = required.map((n) => `${n}: ${eol}`).join('');
    const at = { line: 0, character: 0 };
    return [
      {
        code: 'header-missing',
        range: { start: at, end: { line: 0, character: text.lineAt(0).length } },
        message: `This story has no header: add ${orList(required, 'and')} lines at the top, then a blank line.`,
        fixes: [{ title: 'Add a header', edits: [edit(text, { start: at, end: at }, `${lines}${eol}`)], preferred: true }],
      },
    ];
  }
  const firstLine = header.fields[0]?.line ?? header.startLine;
  const last = header.fields[header.fields.length - 1] as Field;
  const insertAt = { line: last.endLine, character: text.lineAt(last.endLine).length };
  const eol = eolNear(text, last.endLine);
  const findings: Finding[] = [];
  for (const name of required) {
    if (ctx.fields(name).length > 0) continue;
    findings.push({
      code: 'missing-field',
      range: { start: { line: firstLine, character: 0 }, end: { line: firstLine, character: text.lineAt(firstLine).length } },
      message: `The header has no ${name}: add ${article(name)} ${name} line.`,
      fixes: [{ title: `Add ${article(name)} ${name} line`, edits: [edit(text, { start: insertAt, end: insertAt }, `${eol}${name}: `)], preferred: true }],
    });
  }
  return findings;
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

function removeLineFix(ctx: RuleContext, field: Field): Fix {
  const range = wholeLinesRange(ctx.doc.text, field.line, field.endLine);
  return { title: field.endLine > field.line ? 'Remove these lines' : 'Remove this line', edits: [edit(ctx.doc.text, range, '')] };
}

// Several dates (written, posted, updated) and several notes (story notes, end notes) are
// normal: those only count as duplicates when the same key is written twice.
const MANY_KEYS_ALLOWED = new Set<FieldName>(['Date', 'Notes']);

export function duplicateFields(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  // The first field of each name, and of each (name, spelling) for the fields where
  // several spellings are normal (`Date Written` + `Updated`): lookups, not scans, so a
  // header of 100,000 fields stays linear.
  const firstByName = new Map<FieldName, Field>();
  const firstBySpelling = new Map<string, Field>();
  for (const field of ctx.doc.header?.fields ?? []) {
    if (!field.name) continue;
    const spelling = `${field.name}\u0000${normaliseKey(field.key)}`;
    const clash = MANY_KEYS_ALLOWED.has(field.name) ? firstBySpelling.get(spelling) : firstByName.get(field.name);
    if (!firstByName.has(field.name)) firstByName.set(field.name, field);
    if (!firstBySpelling.has(spelling)) firstBySpelling.set(spelling, field);
    if (clash) {
      const same = normaliseKey(clash.key) === normaliseKey(field.key);
      const what = same ? `${field.name} is given twice` : `${quote(field.key)} is another name for ${field.name}, already given as ${quote(clash.key)}`;
      findings.push({
        code: 'duplicate-field',
        range: field.keyRange,
        message: `${what} (line ${clash.line + 1}): keep one and remove the other.`,
        fixes: [{ ...removeLineFix(ctx, field), preferred: true }],
      });
    }
  }
  return findings;
}

export function emptyFields(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const field of ctx.doc.header?.fields ?? []) {
    if (field.value.trim().length > 0) continue;
    const name = field.name ?? field.key;
    findings.push({
      code: 'empty-field',
      range: field.keyRange,
      message: `${name} is empty: fill it in or remove the line.`,
      fixes: [removeLineFix(ctx, field)],
    });
  }
  return findings;
}

const FIELD_SPELLINGS: Candidate<FieldName>[] = FIELDS.flatMap((f) => [f.name, ...f.aliases].map((spelling) => ({ spelling, value: f.name })));

export function unknownFields(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const field of ctx.doc.header?.fields ?? []) {
    if (field.name) continue;
    const suggestion = closest(normaliseKey(field.key), FIELD_SPELLINGS);
    if (suggestion) {
      findings.push({
        code: 'unknown-field',
        range: field.keyRange,
        message: `${quote(field.key)} is not a field Fic Writer knows: did you mean '${suggestion}'?`,
        fixes: [{ title: `Change to '${suggestion}'`, edits: [edit(ctx.doc.text, field.keyRange, suggestion)], preferred: true }],
      });
    } else {
      findings.push({
        code: 'unknown-field',
        range: field.keyRange,
        message: `${quote(field.key)} is not a field Fic Writer knows, so it is not checked. Known fields include Title, Author, Fandom, Rating, Warnings and Word Count.`,
      });
    }
  }
  return findings;
}
