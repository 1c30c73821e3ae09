// Words a writer reads (issue 8): hovers, diagnostic messages, quick-fix titles and
// completion details speak plainly: no code spans, no setting ids, no "configured" or
// "read as", no command-line flags. Technical detail lives in the README.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Hover, MarkupContent } from 'vscode-languageserver-types';
import { service, source } from '../support/fixtures';

const JARGON = /`|configured|read as|fic\.[a-z]+\.|--method|wc -w|whitespace/i;

// Every field, aliases, odd spellings, near misses, an approximate count, a glued line.
const STORY = [
  'Story Title: Harbour Lights',
  'Writer: Wren Marsh',
  'Fandoms: Original Work',
  'Ship: Ines/Tobiah',
  'Chapter 1 of 3',
  'Characters: Ines, Tobiah',
  'Rated: PG13',
  'Archive Warnings: Major character death, Angst, No Archive Warnings Apply',
  'Words: ~1.3k',
  'Category: M/F',
  'Status: WIP',
  'Chapters: three',
  "Beta: Unbeta'd",
  'Ratng: T',
  'Summary: A lamp, a harbour and two people who keep both.',
  'Rating: Explict',
  '',
  'A/N: for my beta.',
  '',
  'The lamp burned all night.',
  '',
  '* * *',
  '',
  "She didn't sleep, not once.",
  '',
  'The End',
  '',
].join('\n');

function hoverText(h: Hover | null): string {
  return h ? (h.contents as MarkupContent).value : '';
}

describe("a writer's words", () => {
  for (const method of ['whitespace', 'ao3'] as const) {
    it(`hovers over every character of the header (${method})`, () => {
      const svc = service({ wordCount: { method } });
      const src = source(STORY);
      const lines = STORY.split('\n').slice(0, 16);
      let seen = 0;
      lines.forEach((line, l) => {
        for (let c = 0; c <= line.length; c++) {
          const text = hoverText(svc.hover(src, { line: l, character: c }));
          if (!text) continue;
          seen++;
          assert.doesNotMatch(text, JARGON, `hover at ${l}:${c}: ${text}`);
        }
      });
      assert.ok(seen > 50, 'the fixture has hovers to read');
    });

    it(`diagnostics, quick-fix titles and completion details (${method})`, () => {
      const svc = service({ wordCount: { method } });
      const src = source(STORY);
      const diagnostics = svc.diagnostics(src);
      assert.ok(diagnostics.length >= 6, JSON.stringify(diagnostics.map((d) => d.code)));
      for (const d of diagnostics) {
        assert.doesNotMatch(String(d.message), JARGON, `${String(d.code)}: ${String(d.message)}`);
        for (const a of svc.codeActions(src, d.range, [d])) assert.doesNotMatch(a.title, JARGON, a.title);
      }
      for (const position of [{ line: 8, character: 7 }, { line: 6, character: 7 }, { line: 16, character: 0 }, { line: 7, character: 18 }]) {
        for (const item of svc.completion(src, position).items) {
          const doc = typeof item.documentation === 'string' ? item.documentation : (item.documentation?.value ?? '');
          assert.doesNotMatch(`${item.detail ?? ''} ${doc}`, JARGON, `${item.label}: ${item.detail ?? ''} ${doc}`);
        }
      }
    });
  }

  it('a story without a header is told what to add, plainly', () => {
    const [d] = service().diagnostics(source('The lamp burned all night.\n'));
    assert.equal(d?.message, 'This story has no header: add Title, Author, Fandom and Rating lines at the top, then a blank line.');
  });
});
