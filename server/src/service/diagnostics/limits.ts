// AO3's length limits (DOMAIN.md §6), worth knowing before posting. AO3 counts characters,
// so lengths here are in code points, not UTF-16 units.

import type { FieldName } from '../catalog';
import { AO3_LIMITS } from '../catalog';
import { quote, type Finding, type RuleContext } from './context';
import { formatCount } from '../header/declared';
import { listItems } from '../header/document';

// Free-form warnings become additional tags on AO3, so the tag limit applies to them too
// (the Archive Warnings themselves are all short).
const TAG_FIELDS: readonly FieldName[] = ['Fandom', 'Characters', 'Pairing', 'Genre', 'Warnings'];

function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
      const p = s.charCodeAt(i - 1);
      if (p >= 0xd800 && p <= 0xdbff) continue;
    }
    n++;
  }
  return n;
}

export function limitRules(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const field of ctx.doc.header?.fields ?? []) {
    const max = field.info?.ao3MaxLength;
    if (max === undefined || field.value.length <= max) continue;
    const length = codePoints(field.value);
    if (length <= max) continue;
    findings.push({
      code: 'ao3-limit',
      range: field.valueRange,
      message: `AO3 allows ${formatCount(max)} characters in a ${field.name}; this one has ${formatCount(length)}. Shorten it before posting.`,
    });
  }
  for (const name of TAG_FIELDS) {
    for (const field of ctx.fields(name)) {
      if (field.value.length <= AO3_LIMITS.tagMax) continue;
      for (const item of listItems(ctx.doc, field)) {
        if (item.text.length <= AO3_LIMITS.tagMax) continue;
        const length = codePoints(item.text);
        if (length <= AO3_LIMITS.tagMax) continue;
        findings.push({
          code: 'ao3-limit',
          range: item.range,
          message: `AO3 allows ${AO3_LIMITS.tagMax} characters in a tag; ${quote(item.text)} has ${formatCount(length)}. Shorten it or split it with commas.`,
        });
      }
    }
  }
  const characters = ctx.figures().characters;
  if (characters > AO3_LIMITS.chapterMaxChars) {
    const line = Math.min(ctx.doc.bodyStartLine, ctx.doc.text.lineCount - 1);
    findings.push({
      code: 'ao3-limit',
      range: { start: { line, character: 0 }, end: { line, character: ctx.doc.text.lineAt(line).length } },
      message: `AO3 allows ${formatCount(AO3_LIMITS.chapterMaxChars)} characters in a chapter; this body has ${formatCount(characters)}. Split it into chapters before posting.`,
    });
  }
  return findings;
}
