// `fic check | count | fix`, run as a writer runs them: the built bin, real files in a
// temporary folder, exit statuses and the exact bytes left on disk.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoRoot } from '../support/lspClient';
import { keptInCompileCache, NEWER_NODE, withoutNewerNode } from '../support/compileCache';
import { EOLS, withEol } from '../support/fixtures';
import { SALT, SALT_MISCOUNTED } from './fixtures/stories';
import { SAMPLE_PATH, readSample } from './helpers';
import { chapter, threeChapters } from '../support/works';
import { pathToFileURL } from 'node:url';
import type { Ao3Work, Work } from '../../server/src/protocol';
import { NIGHTS } from '../e2e/expected';

const CLI = join(repoRoot(), 'dist', 'server', 'cli.js');
/** `path:line:col: severity code message`, as compilers print problems. */
const PROBLEM = /^(.+):(\d+):(\d+): (error|warning|info|hint) ([a-z0-9-]+) (.+)$/;

function fic(...args: string[]) {
  return ficIn(undefined, ...args);
}

function ficIn(cwd: string | undefined, ...args: string[]) {
  const run = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 20_000, cwd });
  assert.equal(run.error, undefined, `fic ${args.join(' ')} did not run: ${String(run.error)}`);
  return run;
}

let dir: string;
before(() => (dir = mkdtempSync(join(tmpdir(), 'fic-cli-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('fic check', () => {
  test('a clean story: no output, status 0, even with --strict', () => {
    for (const file of [SAMPLE_PATH, write('salt.fic', SALT)]) {
      const run = fic('check', '--strict', file);
      assert.equal(run.status, 0, run.stdout + run.stderr);
      const loud = run.stdout.split('\n').filter((l) => l && !/: hint /.test(l));
      assert.deepEqual(loud, [], 'only hints, if anything');
    }
  });

  for (const { name, eol } of EOLS) {
    test(`a wrong Word Count: file:line:col: severity code message (${name}, with a BOM)`, () => {
      const file = write(`miscounted-${name}.fic`, '\ufeff' + withEol(SALT_MISCOUNTED, eol));
      const run = fic('check', file);
      const problems = run.stdout.trimEnd().split('\n');
      const line = problems.find((l) => l.includes('word-count-mismatch'));
      assert.ok(line, run.stdout);
      const [, path, row, column, severity, code, message] = PROBLEM.exec(line) ?? [];
      assert.equal(path, file);
      assert.equal(row, '6', 'one-based line of `Word Count:`');
      assert.equal(column, '13', 'the digits, one-based, not shifted by the BOM');
      assert.equal(severity, 'warning');
      assert.equal(code, 'word-count-mismatch');
      assert.match(message ?? '', /38/, 'the message says what the body counts');
      for (const l of problems) assert.match(l, PROBLEM);
      assert.equal(run.status, 0, 'warnings alone do not fail without --strict');
      assert.equal(fic('check', '--strict', file).status, 1, '--strict fails on warnings');
    });
  }

  test('--method=ao3: the sample declares the whitespace count, and check says so instead of calling it wrong', () => {
    const run = fic('check', '--strict', '--method=ao3', SAMPLE_PATH);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /:8:13: info word-count-other-method .*1,289/);
    assert.doesNotMatch(run.stdout, /word-count-mismatch/);
  });

  test('problems come in reading order, line by line', () => {
    // The rules run field by field (missing fields first, word counts later); the output
    // must not follow that order.
    const file = write('many-problems.fic', ['Title: Order', 'Rating: Explict', 'Word Count: 5', 'Rated: T', '', 'one two three', ''].join('\n'));
    const rows = fic('check', '--require', 'Title,Author', file)
      .stdout.trimEnd()
      .split('\n')
      .map((l) => PROBLEM.exec(l))
      .map((m) => [Number(m?.[2]), Number(m?.[3])] as const);
    assert.ok(rows.length >= 3, `several problems expected, got ${rows.length}`);
    const sorted = [...rows].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    assert.deepEqual(rows, sorted);
  });

  test('--require names the fields a story must have', () => {
    const file = write('required.fic', SALT);
    const run = fic('check', '--require', 'Title,Summary', file);
    assert.match(run.stdout, /: warning missing-field .*Summary/);
    assert.equal(fic('check', '--strict', '--require=Title,Summary', file).status, 1);
    assert.equal(fic('check', '--strict', '--require', 'Title,Author', file).status, 0);
  });

  test('several files: each problem names its file; a missing one does not stop the others', () => {
    const bad = write('several-bad.fic', SALT_MISCOUNTED);
    const good = write('several-good.fic', SALT);
    const missing = join(dir, 'missing.fic');
    const run = fic('check', '--strict', good, missing, bad);
    assert.equal(run.status, 2, 'an unreadable file wins over problems');
    assert.match(run.stdout, new RegExp(`^${escape(bad)}:6:13: warning word-count-mismatch`, 'm'));
    assert.doesNotMatch(run.stdout, new RegExp(escape(good)));
    assert.match(run.stderr, /missing\.fic/);
  });
});

describe('fic count', () => {
  test('the sample: 1,293 by whitespace, 1,289 by ao3', () => {
    const run = fic('count', SAMPLE_PATH);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /1,293 words \(whitespace\)/);
    assert.match(run.stdout, /1,289 words \(ao3\)/);
    assert.match(run.stdout, /header says 1,293/);
  });

  test('after --, a file name that starts with a dash is a file', () => {
    write('-dashing.fic', SALT);
    const run = ficIn(dir, 'count', '--', '-dashing.fic');
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^-dashing\.fic: 38 words/);
  });

  test('our story, CRLF with a BOM: 38 and 37', () => {
    const run = fic('count', write('count.fic', '\ufeff' + withEol(SALT, '\r\n')));
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /: 38 words \(whitespace\), 37 words \(ao3\), header says 38$/m);
  });
});

describe('fic fix', () => {
  for (const { name, eol } of EOLS) {
    for (const bom of ['', '\ufeff']) {
      test(`rewrites only the digits of a wrong Word Count (${name}${bom ? ', BOM' : ''})`, () => {
        const original = bom + withEol(readSample(), eol).replace('Word Count: 1,293', 'Word Count: 1,300');
        const file = write(`fix-${name}-${bom ? 'bom' : 'plain'}.fic`, original);
        const run = fic('fix', file);
        assert.equal(run.status, 0, run.stderr);
        assert.match(run.stdout, /1,293/);
        const expected = Buffer.from(original.replace('Word Count: 1,300', 'Word Count: 1,293'), 'utf8');
        assertSameBytes(readFileSync(file), expected);
        // Fixed means fixed: a second run has nothing to do.
        assert.match(fic('fix', file).stdout, /unchanged/);
        assert.equal(fic('check', '--strict', file).status, 0);
      });
    }
  }

  test('keeps the writer’s format: 1,300 in our story becomes 38', () => {
    const file = write('fix-salt.fic', withEol(SALT_MISCOUNTED, '\r\n'));
    assert.equal(fic('fix', file).status, 0);
    assertSameBytes(readFileSync(file), Buffer.from(withEol(SALT, '\r\n'), 'utf8'));
  });

  test('a correct story is left alone: same bytes, same modification time', () => {
    const file = write('already-right.fic', '\ufeff' + withEol(readSample(), '\r\n'));
    const before = statSync(file);
    const bytes = readFileSync(file);
    const run = fic('fix', file);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /unchanged/);
    assertSameBytes(readFileSync(file), bytes);
    assert.equal(statSync(file).mtimeMs, before.mtimeMs, 'the file was rewritten');
  });
});

describe('files that are not stories, and bad usage', () => {
  const cases: [string, () => string, RegExp][] = [
    ['a binary file', () => write('cover.fic', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0x0a])), /binary/],
    ['a file that is not UTF-8', () => write('latin1.fic', Buffer.from('Title: Caf\xe9\n\nUn caf\xe9.\n', 'latin1')), /UTF-8/],
    ['a missing file', () => join(dir, 'no-such-story.fic'), /no such file/],
    ['a folder', () => dir, /is a folder/],
  ];
  for (const [what, make, says] of cases) {
    // A folder is a workspace to check and count; only fix refuses it.
    for (const command of what === 'a folder' ? ['fix'] : ['check', 'count', 'fix']) {
      test(`${what}: fic ${command} says so on stderr and exits 2`, () => {
        const file = make();
        const before = existing(file);
        const run = fic(command, file);
        assert.equal(run.status, 2);
        assert.match(run.stderr, says);
        assert.ok(run.stderr.includes(file), 'the message names the file');
        assert.equal(run.stdout, '');
        if (before) assertSameBytes(readFileSync(file), before);
      });
    }
  }

  const usage: [string, string[]][] = [
    ['no command', []],
    ['an unknown command', ['lint', 'story.fic']],
    ['no files', ['check']],
    ['an unknown option', ['check', '--frobnicate', 'story.fic']],
    ['a bad --method', ['count', '--method', 'letters', 'story.fic']],
  ];
  for (const [what, args] of usage) {
    test(`${what}: exit 2 with usage on stderr`, () => {
      const run = fic(...args);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /^fic: .+/);
      assert.match(run.stderr, /Usage:\n {2}fic check/);
      assert.equal(run.stdout, '');
    });
  }

  test('--help prints usage to stdout and exits 0; --version prints the version', () => {
    const help = fic('--help');
    assert.equal(help.status, 0);
    assert.match(help.stdout, /Usage:\n {2}fic check/);
    const version = fic('--version');
    assert.equal(version.status, 0);
    const { version: expected } = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as { version: string };
    assert.equal(version.stdout, `${expected}\n`);
  });
});

describe('fic export --ao3', () => {
  test('one .html per story, beside it or in --out; status 0 when AO3 would take it', () => {
    // A folder of its own: stories of the same title beside it would make it a chapter of their work.
    mkdirSync(join(dir, 'lone'));
    const file = write('lone/export-salt.fic', SALT);
    const beside = fic('export', '--ao3', file);
    assert.equal(beside.status, 0, beside.stdout + beside.stderr);
    const html = readFileSync(join(dir, 'lone', 'export-salt.html'), 'utf8');
    assert.match(html, /^<p>The radio on the harbour wall crackled twice -- then went quiet\.<\/p><p>"Don't touch it,"/);
    assert.doesNotMatch(html, /The End|Title:/);
    assert.match(beside.stdout, /export-salt\.html: chapter 1 of 1, 37 words on AO3/);
    const out = join(dir, 'export-out');
    const run = fic('export', '--ao3', '--out', out, file);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(readFileSync(join(out, 'export-salt.html'), 'utf8'), html);
  });

  test('--json prints the whole form and writes nothing without --out', () => {
    const sub = join(dir, 'json-only');
    mkdirSync(sub);
    const file = join(sub, 'salt.fic');
    writeFileSync(file, SALT);
    const run = fic('export', '--ao3', '--json', file);
    assert.equal(run.status, 0, run.stderr);
    const { works } = JSON.parse(run.stdout) as { works: { fields: Record<string, unknown>; chapters: { number: number; of: number | null; html: string; words: number }[]; problems: unknown[] }[] };
    assert.equal(works.length, 1);
    const [work] = works;
    assert.deepEqual(Object.keys(work?.fields ?? {}), ['title', 'rating', 'warnings', 'categories', 'fandoms', 'relationships', 'characters', 'additionalTags', 'summary', 'notes', 'endNotes', 'language']);
    assert.equal(work?.fields.rating, 'General Audiences');
    assert.deepEqual(work?.fields.warnings, ['No Archive Warnings Apply']);
    assert.deepEqual(Object.keys(work?.chapters[0] ?? {}), ['number', 'of', 'title', 'summary', 'notes', 'endNotes', 'html', 'words']);
    assert.equal(work?.chapters[0]?.words, 37);
    assert.deepEqual(work?.problems, []);
    assert.deepEqual(readdirSync(sub), ['salt.fic']);
  });

  test('a folder: every .fic in it; status 1 when AO3 would refuse one, saying why', () => {
    const folder = join(dir, 'stories');
    mkdirSync(folder);
    writeFileSync(join(folder, 'good.fic'), SALT);
    writeFileSync(join(folder, 'bad.fic'), ['Title: Bad', 'Fandom: Original Work', 'Rating: T', 'Tags: fluff^2', '', 'A story too short? No, long enough.', ''].join('\n'));
    writeFileSync(join(folder, 'notes.txt'), 'not a story');
    const run = fic('export', '--ao3', '--json', folder);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    const { works } = JSON.parse(run.stdout) as { works: { fields: { title: string }; problems: { field: string; code: string; message: string }[] }[] };
    assert.deepEqual(works.map((w) => w.fields.title), ['Bad', 'Salt and Static']);
    const codes = (works[0]?.problems ?? []).map((p) => `${p.field} ${p.code}`);
    assert.deepEqual(codes.sort(), ['additionalTags ao3-tag-character', 'warnings ao3-missing']);
    const plain = fic('export', '--ao3', '--out', join(dir, 'stories-out'), folder);
    assert.equal(plain.status, 1);
    assert.match(plain.stdout, /bad\.fic: AO3 would refuse: AO3 does not allow '\^' in a tag/);
    assert.deepEqual(readdirSync(join(dir, 'stories-out')).sort(), ['bad.html', 'good.html']);
  });

  test('a folder of chapter files: one AO3 work, its chapters in order, files named for the work', () => {
    const tidewater = join(repoRoot(), 'examples', 'tidewater');
    const run = fic('export', '--ao3', '--json', tidewater);
    assert.equal(run.status, 0, run.stderr);
    const parsed = JSON.parse(run.stdout) as { works: Ao3Work[] };
    assert.deepEqual(Object.keys(parsed), ['works']);
    assert.equal(parsed.works.length, 1);
    const [work] = parsed.works as [Ao3Work];
    // Exactly the shape, nothing more.
    assert.deepEqual(Object.keys(work), ['fields', 'chapters', 'problems']);
    assert.deepEqual(Object.keys(work.fields), ['title', 'rating', 'warnings', 'categories', 'fandoms', 'relationships', 'characters', 'additionalTags', 'summary', 'notes', 'endNotes', 'language']);
    for (const c of work.chapters) assert.deepEqual(Object.keys(c), ['number', 'of', 'title', 'summary', 'notes', 'endNotes', 'html', 'words']);
    assert.deepEqual(work.problems, []);
    assert.equal(work.fields.title, 'Tidewater');
    assert.equal(work.fields.rating, 'General Audiences');
    assert.deepEqual(work.chapters.map((c) => `${c.number}/${c.of} ${c.title}`), ['1/3 Low Water', '2/3 Slack', '3/3 Flood']);
    // The work's total as `fic count --method ao3` gives it.
    const count = fic('count', '--json', '--method', 'ao3', tidewater);
    const [counted] = (JSON.parse(count.stdout) as { works: Work[] }).works;
    assert.equal(work.chapters.reduce((sum, c) => sum + c.words, 0), counted?.words);
    assert.deepEqual(work.chapters.map((c) => c.words), counted?.chapters.map((c) => c.words));

    const out = join(dir, 'tidewater-out');
    const plain = fic('export', '--ao3', '--out', out, tidewater);
    assert.equal(plain.status, 0, plain.stderr);
    assert.deepEqual(readdirSync(out), ['tidewater-chapter-01.html', 'tidewater-chapter-02.html', 'tidewater-chapter-03.html']);
    assert.equal(readFileSync(join(out, 'tidewater-chapter-02.html'), 'utf8'), `${work.chapters[1]?.html}\n`);
    assert.match(plain.stdout, /tidewater-chapter-02\.html: chapter 2 of 3, 181 words on AO3/);
    assert.match(plain.stdout, /\(Tidewater\): 3 chapters, 562 words on AO3/);
  });

  test('a chapter named on its own: that chapter, with its work\'s fields and number; beside its story', () => {
    const folder = join(dir, 'harbour');
    mkdirSync(folder);
    const files = threeChapters(pathToFileURL(folder).href);
    for (const [uri, text] of Object.entries(files)) writeFileSync(new URL(uri), text);
    const second = join(folder, '02-slack.fic');
    const run = fic('export', '--ao3', '--json', second);
    assert.equal(run.status, 0, run.stderr);
    const [work] = (JSON.parse(run.stdout) as { works: Ao3Work[] }).works as [Ao3Work];
    assert.equal(work.fields.rating, 'Teen And Up Audiences', "chapter 1's rating");
    assert.deepEqual(work.chapters.map((c) => [c.number, c.of, c.title]), [[2, 3, 'Slack']]);
    const beside = fic('export', '--ao3', second);
    assert.equal(beside.status, 0, beside.stderr);
    assert.deepEqual(readdirSync(folder).sort(), ['01-low.fic', '02-slack.fic', '03-flood.fic', 'tidewater-chapter-02.html']);
    // A refused work: chapter 1 loses its Fandom; every chapter's export says so, status 1.
    writeFileSync(join(folder, '01-low.fic'), (files[pathToFileURL(join(folder, '01-low.fic')).href] as string).replace('Fandom: Original Work\n', ''));
    const refused = fic('export', '--ao3', '--json', folder);
    assert.equal(refused.status, 1);
    const [bad] = (JSON.parse(refused.stdout) as { works: Ao3Work[] }).works as [Ao3Work];
    assert.deepEqual(bad.problems.map((p) => Object.keys(p).join()), ['field,code,message']);
    assert.deepEqual(bad.problems.map((p) => `${p.field} ${p.code}`), ['fandoms ao3-missing']);
    assert.equal(fic('export', '--ao3', second).status, 1);
  });

  test('a file of several chapter headings: one .html per chapter, named for the file; --json lists them; the counts agree', () => {
    const folder = join(dir, 'several');
    mkdirSync(folder);
    // The real editor's two-heading story, saved with CRLF line ends.
    const text = NIGHTS.split('\n').join('\r\n');
    const file = join(folder, 'nights.fic');
    writeFileSync(file, text);
    const run = fic('export', '--ao3', file);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.deepEqual(readdirSync(folder).sort(), ['nights-chapter-01.html', 'nights-chapter-02.html', 'nights.fic']);
    assert.equal(readFileSync(join(folder, 'nights-chapter-01.html'), 'utf8'), '<p>The light went down over the hills and nobody spoke.</p>\n');
    assert.equal(readFileSync(join(folder, 'nights-chapter-02.html'), 'utf8'), '<p>Then the stars came out, one by one, and she counted them.</p>\n');
    assert.match(run.stdout, /nights-chapter-01\.html: chapter 1 of 2, 10 words on AO3/);
    assert.match(run.stdout, /nights-chapter-02\.html: chapter 2 of 2, 12 words on AO3/);
    assert.match(run.stdout, /nights\.fic: 2 chapters, 22 words on AO3/);
    const json = fic('export', '--ao3', '--json', file);
    assert.equal(json.status, 0, json.stderr);
    const { works } = JSON.parse(json.stdout) as { works: Ao3Work[] };
    assert.equal(works.length, 1);
    assert.deepEqual(works[0]?.chapters.map((c) => [c.number, c.of, c.title, c.words]), [
      [1, 2, 'Dusk', 10],
      [2, 2, 'Dark', 12],
    ]);
    // What AO3 will count is what fic count says with AO3's method.
    const count = fic('count', '--method', 'ao3', file);
    assert.match(count.stdout, /22 words \(ao3\)/);
  });

  test('a file of several chapters with a chapter too short: status 1, the chapter named', () => {
    const folder = join(dir, 'several-short');
    mkdirSync(folder);
    const file = join(folder, 'short.fic');
    writeFileSync(file, ['Title: Two Nights', 'Rating: General Audiences', 'Warnings: No Archive Warnings Apply', 'Fandom: Original Work', '', 'Chapter 1: Dusk', '', 'The light went down over the hills.', '', 'Chapter 2: Dark', '', 'Hi', ''].join('\n'));
    const run = fic('export', '--ao3', file);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /AO3 would refuse: Chapter 2: AO3 needs at least 10 characters of chapter text/);
  });

  test('never writes the HTML over a story', () => {
    const folder = join(dir, 'html-story');
    mkdirSync(folder);
    const story = join(folder, 'salt.html');
    writeFileSync(story, SALT);
    const run = fic('export', '--ao3', story);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /a story has this name; not overwritten/);
    assert.equal(readFileSync(story, 'utf8'), SALT);
  });

  test('bad usage and unreadable files: status 2', () => {
    assert.equal(fic('export', SAMPLE_PATH).status, 2, 'a format is needed');
    assert.equal(fic('check', '--ao3', SAMPLE_PATH).status, 2, '--ao3 belongs to export');
    assert.equal(fic('export', '--ao3', join(dir, 'no-such.fic')).status, 2);
    const empty = join(dir, 'empty-folder');
    mkdirSync(empty);
    assert.equal(fic('export', '--ao3', empty).status, 2);
  });
});

function existing(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Equal bytes, or a failure that shows where they part. */
function assertSameBytes(actual: Buffer, expected: Buffer): void {
  if (actual.equals(expected)) return;
  let at = 0;
  while (at < actual.length && at < expected.length && actual[at] === expected[at]) at++;
  assert.fail(
    `bytes differ at offset ${at} (lengths ${actual.length} and ${expected.length}): ` +
      `${JSON.stringify(actual.subarray(Math.max(0, at - 20), at + 20).toString('utf8'))} instead of ` +
      `${JSON.stringify(expected.subarray(Math.max(0, at - 20), at + 20).toString('utf8'))}`,
  );
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('folders: fic count and fic check over works', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'fic-cli-works-'));
    mkdirSync(join(root, 'tidewater'));
    for (const [name, text] of Object.entries(threeChapters('tidewater'))) writeFileSync(join(root, name), text);
    // Chapter 3 disagrees on the total, and is named by its heading; a binary file hides among the stories.
    writeFileSync(join(root, 'tidewater', '03-flood.fic'), chapter({ Title: 'Tidewater', Chapter: '3/4' }, 'Chapter 3: The Flood\n\nThen the water came.'));
    writeFileSync(join(root, 'gulls.fic'), chapter({ Title: 'Gulls', Author: 'A', Fandom: 'Original Work', Rating: 'G' }, 'Loud birds.'));
    writeFileSync(join(root, 'cover.fic'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('count: a line per work with its total and chapters, then the grand total', () => {
    const run = ficIn(root, 'count', '.');
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(run.stdout.trimEnd().split('\n'), [
      '.: Gulls: 2 words, 1 chapter',
      'tidewater: Tidewater: 15 words, 3 chapters of 3',
      'total: 17 words (whitespace) in 2 works, 4 chapters',
    ]);
    assert.match(run.stderr, /cover\.fic: looks like a binary file/);
  });

  test('count --json: { works: Work[] } with file uris', () => {
    const run = ficIn(root, 'count', '--json', 'tidewater');
    assert.equal(run.status, 0, run.stderr);
    const { works } = JSON.parse(run.stdout) as { works: Work[] };
    assert.equal(works.length, 1);
    assert.equal(works[0]?.title, 'Tidewater');
    assert.equal(works[0]?.words, 15);
    assert.deepEqual(works[0]?.chapters.map((c) => [c.number, c.uri]), [1, 2, 3].map((n, i) => [n, pathToFileURL(join(root, 'tidewater', ['01-low.fic', '02-slack.fic', '03-flood.fic'][i] as string)).href]));
    // Chapter Titles, else the opening heading's title, as the AO3 export titles them.
    assert.deepEqual(works[0]?.chapters.map((c) => c.title), ['Low Water', 'Slack', 'The Flood']);
    const exported = JSON.parse(ficIn(root, 'export', '--ao3', '--json', 'tidewater').stdout) as { works: Ao3Work[] };
    assert.deepEqual(exported.works[0]?.chapters.map((c) => c.title), ['Low Water', 'Slack', 'The Flood']);
  });

  test('check: the checks across chapters, file by file', () => {
    const run = ficIn(root, 'check', 'tidewater');
    assert.equal(run.status, 0, run.stderr);
    const problems = run.stdout.trimEnd().split('\n');
    assert.deepEqual(problems, [
      "tidewater/03-flood.fic:2:10: warning chapter-total-mismatch This chapter says the work has 4 chapters, but 01-low.fic says 3 (Chapter: 1/3). Make the totals agree.",
    ]);
    assert.equal(ficIn(root, 'check', '--strict', 'tidewater').status, 1);
  });
});

// The `fic` bin asks Node for its compile cache before loading the CLI (support/compileCache).
test('fic keeps its compiled code between runs on a Node that can (the temporary folder), and counts the same', { skip: withoutNewerNode }, async () => {
  const story = write('cached.fic', 'Title: Cached\n\nThree small words.\n');
  const kept = await keptInCompileCache('fic-cache-', (env) => {
    const newer = spawnSync(NEWER_NODE, [CLI, 'count', story], { encoding: 'utf8', env, timeout: 20_000 });
    assert.equal(newer.status, 0, newer.stderr);
    assert.equal(newer.stdout, fic('count', story).stdout);
  });
  assert.ok(kept.length > 0, 'nothing kept in the compile cache');
});
