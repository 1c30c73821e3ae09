// The contributed snippets and language configuration, read as VS Code reads them: every
// snippet well-formed, the header's choices spelt exactly as the catalog (and AO3) spell
// them, and a word pattern that treats `don't` and `arm-rest` as the writer does.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARCHIVE_WARNINGS, CATEGORIES, CHOSE_NOT_TO_WARN_DISPLAYED, FIELDS, RATINGS, STATUSES } from '../../server/src/service/catalog';
import { repoRoot } from '../support/repo';

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(join(repoRoot(), file), 'utf8'));
}

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
  isFileTemplate?: boolean;
}

const snippets = readJson('snippets/fic.code-snippets') as Record<string, Snippet>;

function bodyText(s: Snippet): string {
  return Array.isArray(s.body) ? s.body.join('\n') : s.body;
}

interface Tabstop {
  index: number;
  choices: string[] | null;
}

/**
 * Parses TextMate snippet syntax strictly enough to catch a typo: `$1`, `${1}`,
 * `${1:placeholder with ${2:nesting}}`, `${1|a,b|}`, `$TM_VARIABLE`, and `\` escapes.
 * A brace or choice left open, or a stray `}`, throws.
 */
function parseSnippet(body: string): Tabstop[] {
  const stops: Tabstop[] = [];
  let i = 0;

  function number(): number {
    const start = i;
    while (i < body.length && /[0-9]/.test(body[i] as string)) i++;
    if (i === start) throw new Error(`expected a tabstop number at ${start} in ${JSON.stringify(body)}`);
    return Number(body.slice(start, i));
  }

  function choices(): string[] {
    const list: string[] = [];
    let current = '';
    for (; i < body.length; i++) {
      const c = body[i] as string;
      if (c === '\\') {
        current += body[++i] ?? '';
      } else if (c === ',') {
        list.push(current);
        current = '';
      } else if (c === '|') {
        if (body[i + 1] !== '}') throw new Error(`choice list must end with |} at ${i} in ${JSON.stringify(body)}`);
        list.push(current);
        i += 2;
        return list;
      } else {
        current += c;
      }
    }
    throw new Error(`unclosed choice list in ${JSON.stringify(body)}`);
  }

  /** Text up to the closing `}` of the placeholder being read, or to the end at depth 0. */
  function text(depth: number): void {
    while (i < body.length) {
      const c = body[i] as string;
      if (c === '\\') {
        i += 2;
      } else if (c === '}') {
        if (depth === 0) throw new Error(`stray } at ${i} in ${JSON.stringify(body)}`);
        return;
      } else if (c === '$') {
        i++;
        dollar(depth);
      } else {
        i++;
      }
    }
    if (depth > 0) throw new Error(`unclosed \${ in ${JSON.stringify(body)}`);
  }

  function dollar(depth: number): void {
    const c = body[i];
    if (c !== undefined && /[0-9]/.test(c)) {
      stops.push({ index: number(), choices: null });
    } else if (c === '{') {
      i++;
      if (/[A-Z_]/.test(body[i] ?? '')) {
        while (/[A-Z_0-9]/.test(body[i] ?? '')) i++;
      } else {
        const index = number();
        if (body[i] === '|') {
          i++;
          stops.push({ index, choices: choices() });
          return;
        }
        stops.push({ index, choices: null });
      }
      if (body[i] === ':') {
        i++;
        text(depth + 1);
      }
      if (body[i] !== '}') throw new Error(`unclosed \${ in ${JSON.stringify(body)}`);
      i++;
    } else if (c !== undefined && /[A-Z_]/.test(c)) {
      while (/[A-Z_0-9]/.test(body[i] ?? '')) i++;
    } else {
      throw new Error(`a lone $ at ${i - 1} in ${JSON.stringify(body)}: write \\$ for a dollar sign`);
    }
  }

  text(0);
  return stops;
}

function choicesOf(name: string, label: string): string[] {
  const snippet = snippets[name];
  assert.ok(snippet, `snippet "${name}" is missing`);
  const line = bodyText(snippet)
    .split('\n')
    .find((l) => l.startsWith(`${label}:`));
  assert.ok(line, `snippet "${name}" has no ${label}: line`);
  const withChoices = parseSnippet(line).filter((s) => s.choices);
  assert.equal(withChoices.length, 1, `snippet "${name}" should offer one choice list on its ${label}: line`);
  return (withChoices[0] as Tabstop).choices as string[];
}

const AO3_RATINGS = RATINGS.filter((r) => r.system === 'AO3').map((r) => r.label);
// AO3 takes "Choose Not To Use Archive Warnings" as input; the "Creator Chose..." form is
// only how it displays, so a template offers the former.
const AO3_WARNINGS = ARCHIVE_WARNINGS.map((w) => w.label).filter((l) => l !== CHOSE_NOT_TO_WARN_DISPLAYED);

describe('snippets', () => {
  it('each has a prefix, a body and a description', () => {
    assert.ok(Object.keys(snippets).length >= 4);
    for (const [name, s] of Object.entries(snippets)) {
      const prefixes = Array.isArray(s.prefix) ? s.prefix : [s.prefix];
      assert.ok(prefixes.length > 0 && prefixes.every((p) => typeof p === 'string' && /^[a-z]+$/.test(p)), `"${name}" prefix`);
      const body = Array.isArray(s.body) ? s.body : [s.body];
      assert.ok(body.length > 0 && body.every((l) => typeof l === 'string'), `"${name}" body`);
      assert.ok(typeof s.description === 'string' && s.description.length > 10, `"${name}" description`);
    }
  });

  it('each body parses: every ${ is closed, every choice list ends, no lone $', () => {
    for (const [name, s] of Object.entries(snippets)) {
      assert.doesNotThrow(() => parseSnippet(bodyText(s)), `"${name}"`);
    }
  });

  it('numbers tabstops from 1 without gaps', () => {
    for (const [name, s] of Object.entries(snippets)) {
      const used = [...new Set(parseSnippet(bodyText(s)).map((t) => t.index))].filter((n) => n > 0).sort((a, b) => a - b);
      assert.deepEqual(used, used.map((_, k) => k + 1), `"${name}" tabstops ${used.join(',')}`);
    }
  });

  it('no two snippets share a prefix', () => {
    const seen = new Map<string, string>();
    for (const [name, s] of Object.entries(snippets)) {
      for (const p of Array.isArray(s.prefix) ? s.prefix : [s.prefix]) {
        assert.ok(!seen.has(p), `prefix "${p}" is used by "${seen.get(p)}" and "${name}"`);
        seen.set(p, name);
      }
    }
  });

  it('the parser itself rejects broken bodies', () => {
    assert.throws(() => parseSnippet('Rating: ${1:unclosed'));
    assert.throws(() => parseSnippet('Rating: ${1|General Audiences,Mature}'));
    assert.throws(() => parseSnippet('Costs $ five'));
    assert.throws(() => parseSnippet('stray }'));
    assert.deepEqual(parseSnippet('a ${1:b ${2:c}} \\$ ${3|x,y\\,z|}$0'), [
      { index: 1, choices: null },
      { index: 2, choices: null },
      { index: 3, choices: ['x', 'y,z'] },
      { index: 0, choices: null },
    ]);
  });
});

describe('the "Fic header" snippet', () => {
  // The Insert Header command runs editor.action.insertSnippet with { langId: 'fic', name: 'Fic header' }.
  const header = snippets['Fic header'];

  it('exists under the exact name the Insert Header command uses, as a file template', () => {
    assert.ok(header);
    assert.equal(header.prefix, 'header');
    assert.equal(header.isFileTemplate, true);
    assert.equal(Object.values(snippets).filter((s) => s.isFileTemplate).length, 1);
  });

  it("offers exactly AO3's five ratings, as the catalog spells them", () => {
    assert.deepEqual(choicesOf('Fic header', 'Rating'), AO3_RATINGS);
  });

  it("offers exactly AO3's Archive Warnings, No Archive Warnings Apply first", () => {
    const offered = choicesOf('Fic header', 'Warnings');
    assert.deepEqual([...offered].sort(), [...AO3_WARNINGS].sort());
    assert.equal(offered[0], 'No Archive Warnings Apply');
  });

  it('has the fields a story needs and a chapter, then a blank line and the body', () => {
    const lines = bodyText(header as Snippet).split('\n');
    const keys = lines.map((l) => /^([A-Za-z ]+):/.exec(l)?.[1]).filter(Boolean);
    assert.deepEqual(keys, ['Title', 'Author', 'Fandom', 'Pairing', 'Rating', 'Warnings', 'Chapter', 'Summary']);
    assert.ok(lines.includes('Chapter: ${7:1}/${8:?}'));
    assert.deepEqual(lines.slice(-2), ['', '$0']);
  });

  it('writes no fixed number that the first sentence would turn stale', () => {
    // A Word Count typed by the template is wrong as soon as the writer writes: it would
    // greet every new story with a warning.
    const text = bodyText(header as Snippet);
    assert.doesNotMatch(text, /^(?:Word Count|Words|WC|Length):/im);
  });
});

describe('one completion entry per thing', () => {
  it('no snippet repeats a header field the language server completes (Summary and summary)', () => {
    const squash = (x: string) => x.toLowerCase().replace(/[^a-z]/g, '');
    const fieldNames = new Set(FIELDS.map((f) => squash(f.name)));
    for (const [name, snippet] of Object.entries(snippets)) {
      const prefixes = Array.isArray(snippet.prefix) ? snippet.prefix : [snippet.prefix];
      for (const prefix of prefixes) assert.ok(!fieldNames.has(squash(prefix)), `snippet ${name} (${prefix}) duplicates the ${prefix} field`);
    }
  });
});

describe("the grammar's closed vocabularies", () => {
  // The grammar is JSON and cannot import the catalog; this is what keeps the two in step.
  const grammar = readJson('syntaxes/fic.tmLanguage.json') as { repository: Record<string, { match?: string }> };
  function alternatives(rule: string): string[] {
    const match = grammar.repository[rule]?.match;
    assert.ok(match, `grammar rule ${rule} has no match`);
    const group = /\(\?:([^()]*)\)/.exec(match);
    assert.ok(group, `grammar rule ${rule} has no (?:a|b) group`);
    return (group[1] as string).split('|').map((a) => a.replace(/\\(.)/g, '$1'));
  }
  const same = (actual: string[], expected: string[]) => assert.deepEqual([...actual].sort(), [...expected].sort());

  it('highlights exactly the catalog ratings, warnings, categories and statuses', () => {
    same(alternatives('rating-label'), RATINGS.map((r) => r.label));
    same(alternatives('archive-warning'), ARCHIVE_WARNINGS.map((w) => w.label));
    same(alternatives('category-label'), CATEGORIES.map((c) => c.label));
    same(alternatives('status-label'), STATUSES.map((s) => s.label));
  });

  it('tries longer labels first, so PG-13 is not read as PG', () => {
    for (const rule of ['rating-label', 'archive-warning', 'status-label']) {
      const alts = alternatives(rule);
      for (let a = 0; a < alts.length; a++) {
        for (let b = a + 1; b < alts.length; b++) {
          assert.ok(!(alts[b] as string).startsWith(alts[a] as string), `${rule}: ${alts[b]} must come before ${alts[a]}`);
        }
      }
    }
  });
});

interface LanguageConfiguration {
  wordPattern: { pattern: string; flags?: string };
  autoClosingPairs: { open: string; close: string }[];
  surroundingPairs: [string, string][];
  comments?: unknown;
}

describe('language-configuration.json', () => {
  const config = readJson('language-configuration.json') as LanguageConfiguration;
  // VS Code adds the g flag and keeps u (ensureValidWordDefinition).
  const wordPattern = new RegExp(config.wordPattern.pattern, `${config.wordPattern.flags ?? ''}g`);
  const words = (s: string) => [...s.matchAll(wordPattern)].map((m) => m[0]);

  it('keeps contractions and hyphenated words whole', () => {
    assert.deepEqual(words("don't"), ["don't"]);
    assert.deepEqual(words('don’t'), ['don’t']);
    assert.deepEqual(words('arm-rest'), ['arm-rest']);
    assert.deepEqual(words("Ada's arm-rest, isn't it?"), ["Ada's", 'arm-rest', "isn't", 'it']);
  });

  it('splits on spaces and punctuation, and knows letters beyond ASCII', () => {
    assert.deepEqual(words('one two'), ['one', 'two']);
    assert.deepEqual(words('"Hey," she said--then left.'), ['Hey', 'she', 'said', 'then', 'left']);
    assert.deepEqual(words('zwölf naïve fiancés'), ['zwölf', 'naïve', 'fiancés']);
    assert.deepEqual(words('Spike/Buffy'), ['Spike', 'Buffy']);
    assert.deepEqual(words("'quoted'"), ['quoted']);
  });

  it("never auto-closes an apostrophe, and wraps a selection in * or _ without auto-closing them", () => {
    // Auto-closing itself is off for fic (configurationDefaults, checked in the real editor by
    // test/e2e/suite/prose.test.ts); these pairs serve a writer who turns it back on.
    const opens = config.autoClosingPairs.map((p) => p.open);
    assert.ok(!opens.includes("'"));
    assert.ok(!opens.includes('’'));
    for (const o of ['“', '"', '(', '[']) assert.ok(opens.includes(o), o);
    assert.ok(!opens.includes('*') && !opens.includes('_'));
    const surrounds = config.surroundingPairs.map((p) => p.join(''));
    for (const s of ['**', '__', '“”', '""', '()']) assert.ok(surrounds.includes(s), s);
    assert.ok(!surrounds.includes("''"));
  });

  it('declares no comment syntax: a fic has none', () => {
    assert.equal(config.comments, undefined);
  });
});
