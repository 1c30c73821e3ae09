// `fic check | count | fix | export FILE|DIR...`: the language service's checks outside an
// editor. For check and count a folder is read as the editor reads a workspace: every `.fic`
// file below it, grouped into works, with the checks across chapters.

import { mkdirSync, readdirSync, readFileSync, writeFileSync, renameSync, statSync } from 'node:fs';
import { dirname, basename, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import { FsWorkspace, summaryThreads } from './node/fsWorkspace';
import { ao3Refuses, type Ao3Work, type Work } from './protocol';
import { canonicalUri, createFicService, formatCount, FicSource, type FicService, type WholeWork } from './service';
import { VERSION } from './version';

const USAGE = `fic ${VERSION}: check fanfiction headers and count words.

Usage:
  fic check [options] FILE|DIR...  print problems as file:line:col: severity code message
                                   (for a folder: every story below it, with the checks
                                   across the chapters of each work)
  fic count [options] FILE...      print body word counts by both methods
  fic count [options] DIR...       a line per work (its total and chapters), then the total
  fic fix   [options] FILE...      update each header's Word Count in place (nothing else)
  fic export --ao3 [--json] [--out DIR] FILE|DIR...
                                each chapter as the HTML for AO3's HTML mode, one .html
                                file per chapter (beside the story, or in DIR): a lone
                                story as STORY.html, a chapter of a work as
                                WORK-TITLE-chapter-03.html. A folder exports every work
                                below it whole; a FILE of a work exports that chapter,
                                with the work's fields and its number in the work.
                                --json prints the AO3 forms instead (and writes the
                                files only with --out).

Options:
  --method whitespace|ao3       how words are counted (default: whitespace)
  --require Title,Author,...    header fields every story must have
  --strict                      exit non-zero on warnings too, not only errors
  --json                        count: print { "works": [...] } (file paths as file: uris)
  --help, --version

  --scene-break rule|stars|asWritten
                                export: how scene breaks reach AO3 (default: rule)

Exit status: 0 clean, 1 problems at error level (or any with --strict; for export, a
work AO3 would refuse), 2 bad usage, a file that could not be read, or an export that
would have written over a story. Stories inside a
folder that cannot be read (binary, too large, unreadable) are named on stderr and skipped.
`;

const MAX_FILE_BYTES = 256 * 1024 * 1024;

interface Options {
  command: 'check' | 'count' | 'fix' | 'export';
  files: string[];
  strict: boolean;
  json: boolean;
  settings: Record<string, unknown>;
  ao3: boolean;
  out: string | null;
}

const COMMANDS = ['check', 'count', 'fix', 'export'] as const;

function parseArgs(argv: string[]): Options | string {
  const [command, ...rest] = argv;
  if (!COMMANDS.includes(command as Options['command'])) {
    return command === undefined ? 'no command given' : `unknown command '${command}'`;
  }
  const files: string[] = [];
  const settings: Record<string, unknown> = {};
  let strict = false;
  let ao3 = false;
  let json = false;
  let out: string | null = null;
  const exportOnly = (arg: string) => `${arg} belongs to 'fic export'`;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    const value = (): string | undefined => (arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : rest[++i]);
    if (arg === '--strict') strict = true;
    else if (arg === '--ao3') {
      if (command !== 'export') return exportOnly(arg);
      ao3 = true;
    } else if (arg === '--json') {
      if (command !== 'export' && command !== 'count') return "--json belongs to 'fic count' and 'fic export'";
      json = true;
    } else if (arg === '--out' || arg.startsWith('--out=')) {
      if (command !== 'export') return exportOnly('--out');
      const v = value();
      if (!v) return '--out needs a folder';
      out = v;
    } else if (arg === '--scene-break' || arg.startsWith('--scene-break=')) {
      const v = value();
      if (v !== 'rule' && v !== 'stars' && v !== 'asWritten') return `--scene-break must be 'rule', 'stars' or 'asWritten', not '${v ?? ''}'`;
      settings.ao3 = { sceneBreak: v };
    }
    else if (arg === '--method' || arg.startsWith('--method=')) {
      const m = value();
      if (m !== 'whitespace' && m !== 'ao3') return `--method must be 'whitespace' or 'ao3', not '${m ?? ''}'`;
      settings.wordCount = { method: m };
    } else if (arg === '--require' || arg.startsWith('--require=')) {
      const list = value();
      if (list === undefined) return '--require needs a comma-separated list of field names';
      settings.header = { requiredFields: list.split(',').map((s) => s.trim()).filter(Boolean) };
    } else if (arg === '--') {
      // Everything after `--` is a file, even a name that starts with a dash.
      files.push(...rest.slice(i + 1));
      break;
    }
    else if (arg.startsWith('-')) return `unknown option '${arg}'`;
    else files.push(arg);
  }
  if (files.length === 0) return `'fic ${command}' needs at least one file`;
  if (command === 'export' && !ao3) return "'fic export' needs a format: --ao3";
  return { command: command as Options['command'], files, strict, settings, ao3, json, out };
}

interface Loaded {
  source: FicSource;
  bom: boolean;
}

/** Read a story, refusing what is not one: binaries, invalid UTF-8, huge files. */
function load(file: string): Loaded | string {
  let bytes: Buffer;
  try {
    const size = statSync(file).size;
    if (size > MAX_FILE_BYTES) return `${file}: ${Math.round(size / 1048576)} MB is too large for a story file; skipped`;
    bytes = readFileSync(file);
  } catch (error) {
    return `${file}: ${unreadable(error as NodeJS.ErrnoException)}`;
  }
  if (bytes.subarray(0, 8192).includes(0)) return `${file}: looks like a binary file (it contains NUL bytes); skipped`;
  const text = bytes.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(bytes)) return `${file}: is not valid UTF-8; save it as UTF-8 and try again`;
  const bom = text.charCodeAt(0) === 0xfeff;
  return { source: new FicSource(`file://${file}`, bom ? text.slice(1) : text, 1), bom };
}

/** Why a file could not be read, in words rather than an errno. */
function unreadable(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'no such file; check the name and the folder';
    case 'EISDIR':
      return 'is a folder, not a story file; name the .fic files inside it';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied; check who may read it';
    default:
      return `cannot read it (${error.code ?? String(error)})`;
  }
}

const SEVERITY: Record<number, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};

function check(service: FicService, file: string, loaded: Loaded, strict: boolean, out: string[]): boolean {
  // In reading order, as a writer goes down the file fixing them.
  const diagnostics = service
    .diagnostics(loaded.source)
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  let failed = false;
  for (const d of diagnostics) {
    const severity = d.severity ?? DiagnosticSeverity.Warning;
    if (severity === DiagnosticSeverity.Error || (strict && severity === DiagnosticSeverity.Warning)) failed = true;
    out.push(`${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${SEVERITY[severity]} ${String(d.code ?? '')} ${d.message}`);
  }
  return failed;
}

function count(service: FicService, file: string, loaded: Loaded, out: string[]): void {
  const stats = service.stats(loaded.source);
  const declared = stats.declaredText === null ? '' : `, header says ${stats.declaredText}`;
  out.push(
    `${file}: ${formatCount(stats.wordsByMethod.whitespace)} words (whitespace), ${formatCount(stats.wordsByMethod.ao3)} words (ao3)${declared}`,
  );
}

/** Apply the Word Count quick fixes only; write atomically; keep the BOM and line endings. */
function fix(service: FicService, file: string, loaded: Loaded, out: string[]): void {
  const { source } = loaded;
  const mismatch = service.diagnostics(source).filter((d: Diagnostic) => d.code === 'word-count-mismatch');
  if (mismatch.length === 0) {
    out.push(`${file}: Word Count already agrees; unchanged`);
    return;
  }
  const edits: TextEdit[] = [];
  for (const d of mismatch) {
    const action = service.codeActions(source, d.range, [d]).find((a) => a.isPreferred) ?? service.codeActions(source, d.range, [d])[0];
    const change = action?.edit?.changes?.[source.uri];
    if (change) edits.push(...change);
  }
  if (edits.length === 0) {
    out.push(`${file}: no automatic fix for its Word Count; unchanged`);
    return;
  }
  const before = source.text.getText();
  // Apply from the end so earlier ranges stay valid.
  edits.sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
  for (const edit of edits) source.text.applyChange({ range: edit.range, text: edit.newText });
  const after = source.text.getText();
  if (after === before) return;
  const tmp = join(dirname(file), `.${basename(file)}.fic-fix-${process.pid}`);
  writeFileSync(tmp, (loaded.bom ? '\ufeff' : '') + after, 'utf8');
  renameSync(tmp, file);
  out.push(`${file}: Word Count updated (${edits.map((e) => e.newText).join(', ')})`);
}

/** Where `fic export` writes a chapter: a lone story as `<story>.html`, a chapter of a work
 * as `<work>-chapter-03.html`, a chapter of a file of several as `<story>-chapter-03.html`,
 * beside the story (or in --out). */
function htmlName(whole: WholeWork, index: number): string {
  const chapter = whole.work.chapters[index] as Ao3Work['chapters'][number];
  const file = fileURLToPath(whole.uris[index] as string);
  if (whole.uris.length === 1 && chapter.number === 1 && chapter.of !== null && chapter.of <= 1) return `${basename(file, extname(file))}.html`;
  // One file of several chapters: named for the file, as a lone story is.
  const oneFile = whole.uris.length > 1 && whole.uris.every((u) => u === whole.uris[0]);
  const slug = oneFile ? basename(file, extname(file)) : whole.work.fields.title.toLowerCase().normalize('NFKD').replace(/\p{M}+/gu, '').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 60) || basename(dirname(file)) || 'work';
  const total = Math.max(chapter.of ?? 0, whole.work.chapters.length, chapter.number);
  return `${slug}-chapter-${String(chapter.number).padStart(Math.max(2, String(total).length), '0')}.html`;
}

/** A folder's stories, for a story named on its own: its work is among them (works never
 * span folders). */
function siblings(file: string): string[] {
  try {
    return readdirSync(dirname(file))
      .filter((name) => /\.fic$/i.test(name))
      .map((name) => join(dirname(file), name));
  } catch {
    return [];
  }
}

/** `fic export --ao3 FILE|DIR...`: a folder exports every work in it whole; a story named on
 * its own exports its chapter of its work (the work's fields, numbered in the work), as a
 * writer posting the next chapter needs it. */
async function exportWorks(options: Options): Promise<number> {
  let status = 0;
  const folders: string[] = [];
  const files: string[] = [];
  for (const arg of options.files) {
    const path = resolve(arg);
    let folder: boolean;
    try {
      folder = statSync(path).isDirectory();
    } catch (error) {
      process.stderr.write(`fic: ${arg}: ${unreadable(error as NodeJS.ErrnoException)}\n`);
      status = 2;
      continue;
    }
    (folder ? folders : files).push(path);
  }
  const roots = [...new Set([...folders, ...files, ...files.flatMap(siblings)])];
  const service = createFicService(options.settings, new FsWorkspace(roots));
  await service.works.index();
  const named = new Set(files.map((f) => canonicalUri(pathToFileURL(f).href)));
  for (const [uri, why] of service.works.skipped) {
    const path = uri.startsWith('file:') ? shown(uri) : uri;
    process.stderr.write(`fic: ${path}: ${why}; skipped\n`);
    if (named.has(uri)) status = 2;
  }
  const wholes: WholeWork[] = [];
  const seen = new Set<string>();
  const inside = (uri: string, folder: string) => !relative(folder, fileURLToPath(uri)).startsWith('..');
  for (const folder of folders) {
    const works = service.listWorks().filter((w) => w.chapters[0] && inside(w.chapters[0].uri, folder));
    if (works.length === 0) {
      process.stderr.write(`fic: ${shown(pathToFileURL(folder).href)}: no .fic files in this folder\n`);
      status = 2;
    }
    for (const work of works) {
      if (seen.has(work.id)) continue;
      seen.add(work.id);
      wholes.push(await service.ao3WorkOf((work.chapters[0] as Work['chapters'][number]).uri, 'all'));
    }
  }
  for (const uri of named) {
    if (!service.works.summary(uri)) continue; // unreadable: said above
    wholes.push(await service.ao3WorkOf(uri, 'one'));
  }

  const written = new Set<string>();
  const stories = new Set([...service.works.summaries()].map((s) => s.uri));
  for (const whole of wholes) {
    if (whole.refused && status === 0) status = 1;
    const out: string[] = [];
    const first = fileURLToPath(whole.uris[0] as string);
    const label = whole.uris.every((u) => u === whole.uris[0]) ? shown(whole.uris[0] as string) : `${shown(pathToFileURL(dirname(first)).href)} (${whole.work.fields.title})`;
    if (!options.json || options.out !== null) {
      whole.work.chapters.forEach((chapter, i) => {
        const folder = options.out ?? dirname(fileURLToPath(whole.uris[i] as string));
        mkdirSync(folder, { recursive: true });
        let target = join(folder, htmlName(whole, i));
        // Two works of the same title in one --out folder: the second gets a number.
        for (let n = 2; written.has(target); n++) target = join(folder, htmlName(whole, i).replace(/\.html$/, `-${n}.html`));
        if (stories.has(canonicalUri(pathToFileURL(target).href))) {
          process.stderr.write(`fic: ${target}: a story has this name; not overwritten (use --out)\n`);
          status = 2;
          return;
        }
        written.add(target);
        writeFileSync(target, chapter.html + '\n', 'utf8');
        if (!options.json) out.push(`${shown(pathToFileURL(target).href)}: chapter ${chapter.number}${chapter.of === null ? '' : ` of ${chapter.of}`}, ${formatCount(chapter.words)} words on AO3`);
      });
    }
    if (!options.json) {
      if (whole.work.chapters.length > 1) {
        const words = whole.work.chapters.reduce((sum, c) => sum + c.words, 0);
        out.push(`${label}: ${formatCount(whole.work.chapters.length)} chapters, ${formatCount(words)} words on AO3`);
      }
      for (const p of whole.work.problems) out.push(`${label}: ${ao3Refuses(p) ? 'AO3 would refuse' : 'note'}: ${p.message}`);
    }
    if (out.length) process.stdout.write(out.join('\n') + '\n');
  }
  if (options.json) process.stdout.write(JSON.stringify({ works: wholes.map((w) => w.work) }, null, 2) + '\n');
  return status;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** How a file found in a folder is named in the output: relative to where fic runs. */
function shown(uri: string): string {
  const path = fileURLToPath(uri);
  const rel = relative(process.cwd(), path);
  if (rel === '') return '.';
  return !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

function chaptersText(work: Work): string {
  const n = work.chapters.length;
  const planned = work.declaredChapters === null ? '' : ` of ${work.declaredChapters}`;
  const status = work.status ? `, ${work.status}` : '';
  return `${n} chapter${n === 1 && !planned ? '' : 's'}${planned}${status}`;
}

/** `fic count DIR...` and `fic check DIR...`: the folders read as one workspace. */
async function folders(options: Options): Promise<number> {
  const service = createFicService(options.settings, new FsWorkspace(options.files.map((f) => resolve(f)), { workers: summaryThreads() }));
  await service.works.index();
  for (const [uri, why] of service.works.skipped) process.stderr.write(`fic: ${uri.startsWith('file:') ? shown(uri) : uri}: ${why}; skipped\n`);
  const works = service.listWorks();
  if (options.command === 'count') {
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ works }, null, 2)}\n`);
      return 0;
    }
    const method = service.settings.wordCount.method;
    const out = works.map((w) => `${shown(w.folder)}: ${w.title}: ${formatCount(w.words)} words, ${chaptersText(w)}`);
    const words = works.reduce((sum, w) => sum + w.words, 0);
    const chapters = works.reduce((sum, w) => sum + w.chapters.length, 0);
    out.push(`total: ${formatCount(words)} words (${method}) in ${formatCount(works.length)} work${works.length === 1 ? '' : 's'}, ${formatCount(chapters)} chapter${chapters === 1 ? '' : 's'}`);
    process.stdout.write(out.join('\n') + '\n');
    return 0;
  }
  let status = 0;
  for (const work of works) {
    for (const chapter of work.chapters) {
      const file = shown(chapter.uri);
      const loaded = load(fileURLToPath(chapter.uri));
      if (typeof loaded === 'string') {
        process.stderr.write(`fic: ${loaded}\n`);
        continue;
      }
      // The index holds this file's summary under its own uri: the checks see its work.
      const source = new FicSource(chapter.uri, loaded.source.text, 1);
      const out: string[] = [];
      if (check(service, file, { ...loaded, source }, options.strict, out) && status === 0) status = 1;
      if (out.length) process.stdout.write(out.join('\n') + '\n');
    }
  }
  return status;
}

export async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (argv.includes('--version')) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const options = parseArgs(argv);
  if (typeof options === 'string') {
    process.stderr.write(`fic: ${options}\n\n${USAGE}`);
    return 2;
  }
  if ((options.command === 'check' || options.command === 'count') && options.files.some(isFolder)) return folders(options);
  if (options.command === 'export') return exportWorks(options);
  const service = createFicService(options.settings);
  let status = 0;
  for (const file of options.files) {
    const loaded = load(file);
    if (typeof loaded === 'string') {
      process.stderr.write(`fic: ${loaded}\n`);
      status = 2;
      continue;
    }
    const out: string[] = [];
    if (options.command === 'check') {
      if (check(service, file, loaded, options.strict, out) && status === 0) status = 1;
    } else if (options.command === 'count') count(service, file, loaded, out);
    else fix(service, file, loaded, out);
    if (out.length) process.stdout.write(out.join('\n') + '\n');
  }
  return status;
}

main(process.argv.slice(2)).then(
  (status) => (process.exitCode = status),
  (error: unknown) => {
    process.stderr.write(`fic: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
