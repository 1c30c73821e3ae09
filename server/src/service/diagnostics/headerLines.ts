// A header line without a colon continues the field above it (that is how a Summary wraps),
// so `Chapter 1 of 3` under `Pairing: Ines/Tobiah` silently becomes part of the pairing.
// Where a field does not wrap as prose, such a line is most likely a field that lost its
// colon: say so, and offer the colon when the line starts with a field's name.

import { FIELDS, type FieldName } from '../catalog';
import { quote, type Finding, type RuleContext } from './context';
import { normaliseKey } from '../header/document';
import { edit } from './fixData';

/** Fields whose value is prose that writers wrap onto further lines. */
const PROSE: ReadonlySet<FieldName> = new Set<FieldName>(['Summary', 'Notes', 'Disclaimer', 'Prompt', 'Spoilers']);
/** A line ending so is a list carried onto the next line. */
const CARRIES_ON = /[,&/;+，、]\s*$/;

// Every spelling of every field, longest first, for the name a line starts with.
const NAMES = FIELDS.flatMap((f) => [f.name, ...f.aliases].map((spelling) => ({ spelling, name: f.name }))).sort((a, b) => b.spelling.length - a.spelling.length);

function leadingFieldName(line: string): { length: number; name: FieldName } | null {
  for (const { spelling, name } of NAMES) {
    if (line.length <= spelling.length || normaliseKey(line.slice(0, spelling.length)) !== normaliseKey(spelling)) continue;
    if (/[\s\d]/.test(line[spelling.length] as string)) return { length: spelling.length, name };
  }
  return null;
}

export function joinedLines(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  const text = ctx.doc.text;
  for (const field of ctx.doc.header?.fields ?? []) {
    if (field.endLine === field.line || (field.name && PROSE.has(field.name))) continue;
    for (let i = field.line + 1; i <= field.endLine; i++) {
      const line = text.lineAt(i);
      // An indented line is meant as a continuation; so is one after a trailing comma.
      if (/^[ \t]/.test(line) || CARRIES_ON.test(text.lineAt(i - 1))) continue;
      const end = line.trimEnd().length;
      const named = leadingFieldName(line);
      const key = field.key;
      findings.push({
        code: 'header-line-joined',
        range: { start: { line: i, character: 0 }, end: { line: i, character: end } },
        message:
          `This line has no colon, so it counts as more of ${key}, which now says ${quote(field.value)}. ` +
          (named
            ? `If ${named.name} is a field of its own, put a colon after its name.`
            : `If it is a field of its own, put a colon after its name; if it belongs to ${key}, indent it.`),
        fixes: named
          ? [{ title: `Make ${named.name} a field of its own`, edits: [edit(text, { start: { line: i, character: named.length }, end: { line: i, character: named.length } }, ':')], preferred: true }]
          : [],
      });
    }
  }
  return findings;
}
