// What every rule gets (the one parse, the settings, the body figures computed at most
// once) and what it returns: findings that diagnostics.ts turns into LSP diagnostics.

import type { FicSettings, Range, WordsByMethod } from '../../protocol';
import type { DocumentMemory } from '../header/source';
import type { FieldName } from '../catalog';
import type { DiagnosticCode } from './codes';
import type { Field, FicDocument } from '../header/document';
import type { Fix } from './fixData';
import { bodyFigures, type BodyFigures } from '../header/stats';

export interface Finding {
  code: DiagnosticCode;
  range: Range;
  message: string;
  fixes?: Fix[];
}

/** The work around a chapter of several, for the rules that must know it. */
export interface WorkContext {
  /** The work's total: the sum of its chapters. */
  words: WordsByMethod;
  /** The chapters up to this one, this one included (`796 (total so far)`). */
  wordsSoFar: WordsByMethod;
  chapters: number;
  /** This is the work's first chapter (where a header states the work's figures). */
  first: boolean;
}

/** What the checks know of the document and the editor beyond its text. */
export interface CheckOptions {
  uri?: string;
  memory?: DocumentMemory;
  /** Commands the client can run for a quick fix (initializationOptions.clientCommands). */
  clientCommands?: ReadonlySet<string>;
  /** The work around this chapter, when it is one of several. */
  work?: WorkContext | null;
  /** Findings made elsewhere (the checks across chapters), given their levels here. */
  extra?: readonly Finding[];
}

export interface RuleContext {
  readonly doc: FicDocument;
  readonly settings: FicSettings;
  /** The work, when this chapter is one of several; null for a lone story. */
  readonly work: WorkContext | null;
  readonly uri: string;
  readonly memory: DocumentMemory;
  readonly clientCommands: ReadonlySet<string>;
  /** The body's figures (header-sized work, never a body rescan), computed once. */
  figures(): BodyFigures;
  /** Fields with this canonical name, in header order. */
  fields(name: FieldName): Field[];
}

export type Rule = (ctx: RuleContext) => Finding[];

export function createContext(doc: FicDocument, settings: FicSettings, options: CheckOptions = {}): RuleContext {
  let figures: BodyFigures | null = null;
  const byName = new Map<FieldName, Field[]>();
  for (const f of doc.header?.fields ?? []) {
    if (!f.name) continue;
    const list = byName.get(f.name);
    if (list) list.push(f);
    else byName.set(f.name, [f]);
  }
  return {
    doc,
    settings,
    work: options.work ?? null,
    uri: options.uri ?? '',
    memory: options.memory ?? { agreed: null },
    clientCommands: options.clientCommands ?? new Set(),
    figures: () => (figures ??= bodyFigures(doc.text, doc.header)),
    fields: (name) => byName.get(name) ?? [],
  };
}

interface Segment {
  line: number;
  /** Characters of the line that hold this part of the value. */
  start: number;
  end: number;
  /** Where the part starts in the joined value string. */
  offset: number;
}

/** The pieces of a field's value on each of its lines, in the order parseHeader joins
 * them (trimmed, one space between lines). */
function segments(doc: FicDocument, field: Field): Segment[] {
  const { start, end } = field.valueRange;
  const out: Segment[] = [];
  let offset = 0;
  for (let line = start.line; line <= end.line; line++) {
    const text = doc.text.lineAt(line);
    const a = line === start.line ? start.character : text.length - text.trimStart().length;
    const b = line === end.line ? end.character : text.trimEnd().length;
    if (out.length > 0) offset += 1;
    out.push({ line, start: a, end: b, offset });
    offset += b - a;
  }
  return out;
}

/** The document range of characters [from, to) of a field's joined value. */
export function valueSlice(doc: FicDocument, field: Field, from: number, to: number): Range {
  const { start, end } = field.valueRange;
  if (start.line === end.line) {
    return { start: { line: start.line, character: start.character + from }, end: { line: start.line, character: start.character + to } };
  }
  const segs = segments(doc, field);
  const at = (offset: number, isEnd: boolean) => {
    for (const s of segs) {
      const len = s.end - s.start;
      if (offset < s.offset + len || (isEnd && offset <= s.offset + len)) {
        return { line: s.line, character: s.start + Math.max(0, offset - s.offset) };
      }
    }
    const last = segs[segs.length - 1] as Segment;
    return { line: last.line, character: last.end };
  };
  return { start: at(from, false), end: at(to, true) };
}

/** A value for a message: quoted, and shortened when it is long. */
export function quote(value: string): string {
  const short = value.length > 60 ? `${value.slice(0, 57)}...` : value;
  return `'${short}'`;
}

/** A list for a message: `A, B or C` (or `A, B and C`). */
export function orList(items: readonly string[], conjunction = 'or'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}
