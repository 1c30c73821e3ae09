// The outline: the header with one entry per field, then the body's chapters and scenes,
// each scene with its word count, so a writer can see at a glance where the words went.
// Scenes after a chapter heading nest under that chapter.

import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS, type CountMethod, type FicSettings } from '../../protocol';
import { formatCount } from '../header/declared';
import type { FicDocument, Header, Section } from '../header/document';
import type { FicText } from '../text/text';

const DETAIL_MAX = 60;

export function symbols(doc: FicDocument, settings: FicSettings = DEFAULT_SETTINGS): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  if (doc.header && doc.header.fields.length > 0) out.push(headerSymbol(doc.text, doc.header));
  out.push(...sectionSymbols(doc, settings.wordCount.method));
  return out;
}

function headerSymbol(text: FicText, header: Header): DocumentSymbol {
  const first = header.fields[0];
  const last = header.fields[header.fields.length - 1];
  const startLine = header.startLine;
  // A rule line right under the fields (`---`) belongs to the header.
  let endLine = last ? last.endLine : startLine;
  if (header.separatorLine !== null && header.separatorLine === header.terminatorLine) endLine = header.separatorLine;
  const range = lines(text, startLine, endLine);
  const children = header.fields.map(
    (f): DocumentSymbol => ({
      name: f.key,
      detail: truncate(f.value),
      kind: SymbolKind.Property,
      range: f.range,
      selectionRange: f.keyRange,
    }),
  );
  return {
    name: 'Header',
    detail: `${header.fields.length} ${header.fields.length === 1 ? 'field' : 'fields'}`,
    kind: SymbolKind.Namespace,
    range,
    selectionRange: first ? first.range : range,
    children,
  };
}

function sectionSymbols(doc: FicDocument, method: CountMethod): DocumentSymbol[] {
  const text = doc.text;
  const top: DocumentSymbol[] = [];
  // Scenes are numbered within the stretch they belong to: the part before the first
  // chapter, or one chapter.
  let chapter: { symbol: DocumentSymbol; own: Section; words: number; scenes: DocumentSymbol[] } | null = null;
  let sceneNumber = 0;

  const closeChapter = () => {
    if (!chapter) return;
    const { symbol, own, scenes } = chapter;
    if (scenes.length > 0) {
      // The chapter's text before its first break is its first scene.
      const firstText = firstNonBlank(text, own.startLine + 1, own.endLine);
      if (firstText !== null) {
        scenes.unshift(sceneSymbol(text, 'Scene 1', { ...own, startLine: firstText }, own.words[method], firstText));
      }
      symbol.children = scenes;
      const last = scenes[scenes.length - 1] as DocumentSymbol;
      symbol.range = { start: symbol.range.start, end: last.range.end };
    }
    symbol.detail = words(chapter.words);
    chapter = null;
  };

  for (const s of doc.sections) {
    if (s.kind === 'chapter') {
      closeChapter();
      const symbol: DocumentSymbol = {
        name: s.title && s.title.length > 0 ? s.title : `Chapter`,
        kind: SymbolKind.Module,
        range: lines(text, s.startLine, s.endLine),
        selectionRange: trimmedLine(text, s.line),
      };
      top.push(symbol);
      chapter = { symbol, own: s, words: s.words[method], scenes: [] };
      // The chapter's own text counts as scene 1 once a break follows it.
      sceneNumber = firstNonBlank(text, s.startLine + 1, s.endLine) === null ? 0 : 1;
      continue;
    }
    sceneNumber++;
    const name = s.kind === 'opening' && !hasSceneAfter(doc.sections, s) ? 'Opening' : `Scene ${sceneNumber}`;
    const symbol = sceneSymbol(text, name, s, s.words[method], s.line);
    if (chapter) {
      chapter.scenes.push(symbol);
      chapter.words += s.words[method];
    } else {
      top.push(symbol);
    }
  }
  closeChapter();
  return top;
}

/** Whether a scene break follows the opening before any chapter heading: then the
 * opening is "Scene 1" of a run of scenes rather than a lone "Opening". */
function hasSceneAfter(sections: readonly Section[], opening: Section): boolean {
  const next = sections[sections.indexOf(opening) + 1];
  return next !== undefined && next.kind === 'scene';
}

function sceneSymbol(text: FicText, name: string, s: Section, count: number, selectionLine: number): DocumentSymbol {
  return {
    name,
    detail: words(count),
    kind: SymbolKind.String,
    range: lines(text, s.startLine, s.endLine),
    selectionRange: trimmedLine(text, selectionLine),
  };
}

function words(n: number): string {
  return `${formatCount(n)} ${n === 1 ? 'word' : 'words'}`;
}

function truncate(value: string): string {
  if (value.length <= DETAIL_MAX) return value;
  return `${value.slice(0, DETAIL_MAX - 1).trimEnd()}…`;
}

function lines(text: FicText, startLine: number, endLine: number): Range {
  return { start: { line: startLine, character: 0 }, end: { line: endLine, character: text.lineAt(endLine).length } };
}

/** The line's text without surrounding spaces (the whole line if it is all spaces). */
function trimmedLine(text: FicText, line: number): Range {
  const t = text.lineAt(line);
  const start = t.length - t.trimStart().length;
  const end = t.trimEnd().length;
  return end > start
    ? { start: { line, character: start }, end: { line, character: end } }
    : { start: { line, character: 0 }, end: { line, character: t.length } };
}

function firstNonBlank(text: FicText, from: number, to: number): number | null {
  for (let i = from; i <= to; i++) if (text.lineAt(i).trim().length > 0) return i;
  return null;
}
