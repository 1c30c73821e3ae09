// What package.json promises a writer before the extension runs: the marketplace page
// (icon, changelog, banner), the editor defaults for prose, and the settings that switch
// other extensions' spell checking on for fic. The cSpell patterns are compiled the way
// Code Spell Checker compiles a `/pattern/flags` string and tried on a real header.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../server/src/protocol';
import { repoRoot } from '../support/repo';

const root = repoRoot();

interface Manifest {
  icon?: string;
  galleryBanner?: { color?: string; theme?: string };
  files: string[];
  bin: Record<string, string>;
  activationEvents: string[];
  keywords: string[];
  categories: string[];
  contributes: { configurationDefaults: Record<string, unknown> };
}

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
const defaults = manifest.contributes.configurationDefaults;
const ficDefaults = defaults['[fic]'] as Record<string, unknown>;

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], `${file} is not a PNG`);
  assert.equal(bytes.subarray(12, 16).toString('latin1'), 'IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** As Code Spell Checker reads an ignoreRegExpList entry written `/pattern/flags`. */
function cspellRegExp(entry: string): RegExp {
  const m = /^\/(.*)\/([a-z]*)$/s.exec(entry);
  assert.ok(m, `${entry} is not written /pattern/flags`);
  return new RegExp(m[1] as string, m[2]);
}

/** The text a spell checker still sees: each pattern's matches in the original text blanked out. */
function checked(text: string, patterns: RegExp[]): string {
  const chars = [...text];
  const skip = new Array<boolean>(text.length).fill(false);
  for (const re of patterns) for (const m of text.matchAll(re)) skip.fill(true, m.index, m.index + m[0].length);
  return chars.length === text.length ? chars.map((c, i) => (skip[i] ? ' ' : c)).join('') : text;
}

describe('what is packaged', () => {
  it('ships every script the build writes (a bin that loads one left out would fail on install)', () => {
    for (const folder of ['dist/server', 'dist/client']) {
      const scripts = readdirSync(join(root, folder)).filter((f) => f.endsWith('.js'));
      assert.ok(scripts.length > 0, `${folder} is built`);
      for (const script of scripts) assert.ok(manifest.files.includes(`${folder}/${script}`), `${folder}/${script} is not in package.json's files`);
    }
    for (const [name, path] of Object.entries(manifest.bin)) assert.ok(manifest.files.includes(path.replace(/^\.\//, '')), `bin ${name}`);
  });
});

describe('when the extension wakes', () => {
  it('in a window whose folder holds stories, or when a fic is opened; never in every window', () => {
    // Opening a fic wakes it through the language (implied by contributes.languages).
    assert.deepEqual(manifest.activationEvents, ['workspaceContains:**/*.fic']);
  });
});

describe('the marketplace page', () => {
  it('has an icon of at least 128 by 128 pixels, drawn from the SVG beside it, and packaged', () => {
    assert.equal(manifest.icon, 'images/icon.png');
    const { width, height } = pngSize(join(root, 'images/icon.png'));
    assert.ok(width >= 128 && width === height, `icon is ${width}x${height}`);
    assert.ok(existsSync(join(root, 'images/icon.svg')), 'the icon has no SVG source');
    assert.ok(manifest.files.includes('images/icon.png'));
  });

  it('has a changelog, packaged, with a section for the released version', () => {
    const changelog = readFileSync(join(root, 'CHANGELOG.md'), 'utf8');
    const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
    assert.match(changelog, new RegExp(`^## ${version.replace(/\./g, '\\.')}$`, 'm'));
    assert.ok(manifest.files.includes('CHANGELOG.md'));
  });

  it('has a banner colour and keywords a writer would search for', () => {
    assert.match(manifest.galleryBanner?.color ?? '', /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner?.theme ?? ''));
    for (const k of ['fanfiction', 'ao3', 'word count', 'writing']) assert.ok(manifest.keywords.includes(k), k);
    assert.ok(manifest.keywords.length <= 30, 'the marketplace takes at most 30 keywords');
  });
});

describe('editor defaults for a fic', () => {
  it('type nothing the writer did not type, and drop the code-editing noise', () => {
    const expected: Record<string, unknown> = {
      'editor.autoClosingQuotes': 'never',
      'editor.autoClosingBrackets': 'never',
      'editor.occurrencesHighlight': 'off',
      'editor.selectionHighlight': false,
      'editor.stickyScroll.enabled': false,
      'editor.matchBrackets': 'never',
      'editor.bracketPairColorization.enabled': false,
      'editor.guides.indentation': false,
      'editor.guides.bracketPairs': false,
      'editor.minimap.enabled': false,
      'editor.rulers': [],
      'editor.wordWrap': 'on',
    };
    for (const [key, value] of Object.entries(expected)) assert.deepEqual(ficDefaults[key], value, key);
  });

  it('are each listed in the README', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    for (const key of Object.keys(ficDefaults)) assert.ok(readme.includes(key), `${key} is not in the README`);
  });
});

describe('spell checking for fic', () => {
  it('switches Code Spell Checker on for fic, in its current and its older setting', () => {
    assert.deepEqual(defaults['cSpell.enabledFileTypes'], { fic: true });
    assert.deepEqual(defaults['cSpell.enableFiletypes'], ['fic']);
  });

  it("lists fic with every language LTeX+ checks by default, so none of LTeX+'s own is lost", () => {
    const enabled = defaults['ltex.enabled'] as string[];
    for (const id of ['bibtex', 'context', 'context.tex', 'html', 'latex', 'markdown', 'org', 'quarto', 'restructuredtext', 'rsweave', 'fic']) {
      assert.ok(enabled.includes(id), id);
    }
  });

  const settings = defaults['cSpell.languageSettings'] as { languageId: string; ignoreRegExpList: string[] }[];
  const fic = settings.find((s) => s.languageId === 'fic');
  const patterns = (fic?.ignoreRegExpList ?? []).map(cspellRegExp);

  it('has Code Spell Checker skip header keys and the names in the header, but not the story', () => {
    assert.ok(fic, 'no cSpell.languageSettings entry for fic');
    const header = [
      'Title: The Lighthouse Keeper’s Dauhgter',
      'Author: Wrenmarsh',
      '**Fandom:** Ghibliverse',
      'Pairing: Ines/Tobiah, Adaora & Mae',
      'Character(s): Zephyrine',
      'Warning(s): No Archive Warnings Apply',
      'Additional Tags: Hurt/Comfort, Fluff',
      'Wrod Count: 1,293',
      '',
      'Ines waited by the lamp. Nothing hapened.',
    ].join('\n');
    const left = checked(header, patterns);
    for (const skipped of ['Title', 'Author', 'Fandom', 'Pairing', 'Character(s)', 'Warning(s)', 'Additional Tags', 'Wrod Count', 'Wrenmarsh', 'Ghibliverse', 'Tobiah', 'Adaora', 'Zephyrine']) {
      assert.ok(!left.includes(skipped), `"${skipped}" is still spell-checked:\n${left}`);
    }
    // A misspelt title, tag or story word is still the writer's to hear about.
    for (const kept of ['Dauhgter', 'Hurt/Comfort', 'hapened', 'No Archive Warnings Apply']) {
      assert.ok(left.includes(kept), `"${kept}" is no longer spell-checked`);
    }
  });

  it('leaves ordinary prose alone, even a line that opens like a header field', () => {
    const story = 'Title: Boats\n\nShe said it plainly: the boats were gone.\nAt six: fog, then rain.\n\nAuthor: a word in the story.';
    const left = checked(story, patterns);
    assert.equal(left.slice(left.indexOf('\n')), story.slice(story.indexOf('\n')));
  });
});

describe('the goal settings', () => {
  it('every goal setting the server reads is declared in package.json, with a description', () => {
    const declared = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { markdownDescription?: string }> } } }).contributes.configuration.properties;
    for (const key of Object.keys(DEFAULT_SETTINGS.goals)) {
      const setting = declared[`fic.goals.${key}`];
      assert.ok(setting, `fic.goals.${key} is not declared`);
      assert.ok(setting.markdownDescription, `fic.goals.${key} has no description`);
    }
  });
});
