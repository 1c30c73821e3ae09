// (d) Works of many chapters, on generated workspaces: indexing 300 chapter files of 30
// works (the CLI, in process, and the server from `initialized` to a complete fic/works)
// next to `wc -w` over the same files; the heap held per unopened chapter; per-keystroke
// latency in one chapter of a 300-chapter work next to a lone story; and a checkout that
// rewrites all 300 files, re-read as one batch.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FicStats, WorksResult } from '../../server/src/protocol';
import { createFicService } from '../../server/src/service';
import { FsWorkspace } from '../../server/src/node/fsWorkspace';
import { repoRoot } from '../support/lspClient';
import { BenchClient } from './lspClient';
import { generateStory } from './story';

const now = () => Number(process.hrtime.bigint()) / 1e6;
const fmt = (n: number, digits = 0) => n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** A chapter: the generated story's header with this work's Title and a Chapter line. */
function asChapter(text: string, title: string, n: number, total: number): string {
  return text.replace(/^Title: .*$/m, `Title: ${title}\nChapter: ${n}/${total}`);
}

interface Workspace {
  dir: string;
  files: string[];
  bytes: number;
  words: number;
  headerBytes: number;
}

function writeWorkspace(works: number, chapters: number, wordsPerChapter: number, bodies: number): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'fic-bench-works-'));
  const stories = Array.from({ length: bodies }, (_, i) => generateStory(`chapter ${i}`, { words: wordsPerChapter, seed: 100 + i }));
  const files: string[] = [];
  let bytes = 0;
  let words = 0;
  let headerBytes = 0;
  for (let w = 0; w < works; w++) {
    mkdirSync(join(dir, `work-${w}`));
    for (let c = 1; c <= chapters; c++) {
      const story = stories[(w * chapters + c) % bodies] as (typeof stories)[number];
      const text = asChapter(story.text, `Work ${w}`, c, chapters);
      const file = join(dir, `work-${w}`, `chapter-${c}.fic`);
      writeFileSync(file, text);
      files.push(file);
      bytes += Buffer.byteLength(text);
      words += story.words;
      headerBytes += Buffer.byteLength(text.slice(0, text.indexOf('\n\n')));
    }
  }
  return { dir, files, bytes, words, headerBytes: headerBytes / files.length };
}

function bestSpawn(cmd: string, args: string[], runs: number, env?: NodeJS.ProcessEnv): { ms: number; stdout: string } {
  let ms = Infinity;
  let stdout = '';
  for (let i = 0; i < runs; i++) {
    const t = now();
    const r = spawnSync(cmd, args, { encoding: 'utf8', env: env ?? process.env, maxBuffer: 64 * 1024 * 1024 });
    ms = Math.min(ms, now() - t);
    stdout = r.stdout;
  }
  return { ms, stdout };
}

/** The heap the index holds for unopened chapters, per chapter, in a --expose-gc process. */
function heapPerChapter(dir: string, chapters: number): number {
  const service = join(repoRoot(), 'out', 'server', 'src', 'service', 'index.js');
  const fs = join(repoRoot(), 'out', 'server', 'src', 'node', 'fsWorkspace.js');
  const script = `const { createFicService } = require(${JSON.stringify(service)});
const { FsWorkspace } = require(${JSON.stringify(fs)});
// A RegExp keeps its last subject (a whole chapter) alive: run one on nothing first.
const heap = () => { /x/.exec('x'); gc(); gc(); const m = process.memoryUsage(); return m.heapUsed + m.arrayBuffers; };
(async () => {
  // Once over the same files first: what the first reading costs once (compiled code,
  // regexes, inline caches) is not a cost per chapter.
  const warm = createFicService(undefined, new FsWorkspace([${JSON.stringify(dir)}]));
  await warm.works.index();
  warm.listWorks();
  warm.works.dispose();
  const before = heap();
  const s = createFicService(undefined, new FsWorkspace([${JSON.stringify(dir)}]));
  await s.works.index();
  s.listWorks();
  const after = heap();
  console.log((after - before) / ${chapters});
  globalThis.keep = s;
})();`;
  return Number(spawnSync(process.execPath, ['--expose-gc', '-e', script], { encoding: 'utf8' }).stdout);
}

async function editLatency(client: BenchClient, uri: string, text: string, edits: number): Promise<{ p50: number; p99: number; stats: FicStats }> {
  const stats = () => client.request<FicStats>('fic/stats', { textDocument: { uri } });
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'fic', version: 1, text } });
  await stats();
  const lines = text.split('\n');
  let line = Math.floor(lines.length / 2);
  while ((lines[line] as string).length < 20) line++;
  let character = Math.floor((lines[line] as string).length / 2);
  const samples: number[] = [];
  let last: FicStats | undefined;
  for (let i = 0, version = 1; i < 200 + edits; i++) {
    const at = { line, character: character++ };
    const t = now();
    client.notify('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range: { start: at, end: at }, text: i % 6 === 5 ? ' ' : 'a' }] });
    last = await stats();
    if (i >= 200) samples.push(now() - t);
  }
  samples.sort((a, b) => a - b);
  const at = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))] as number;
  return { p50: at(0.5), p99: at(0.99), stats: last as FicStats };
}

export async function benchWorks(serverPath: string): Promise<{ plain: string; markdown: string }> {
  const lines: string[] = [];
  const md: string[] = [];
  const say = (line: string) => {
    lines.push(line);
    console.log(line);
  };

  // Indexing: 30 works of 10 chapters, ~30k words a chapter.
  const ws = writeWorkspace(30, 10, 30_000, 10);
  const folderUri = pathToFileURL(ws.dir).href;
  try {
    const env = { ...process.env, LC_ALL: 'C.UTF-8' };
    const wc = bestSpawn('wc', ['-w', ...ws.files], 5, env);
    const wcWords = Number(/(\d+) total/.exec(wc.stdout)?.[1] ?? NaN);
    const spawnOnly = bestSpawn('wc', ['-w', '/dev/null'], 5, env).ms;
    const nodeStart = bestSpawn(process.execPath, ['-e', '0'], 5).ms;
    const cli = bestSpawn(process.execPath, [join(repoRoot(), 'dist', 'server', 'cli.js'), 'count', ws.dir], 3);
    const cliTotal = /total: ([\d,]+) words/.exec(cli.stdout)?.[1] ?? '?';

    let inProcess = Infinity;
    for (let i = 0; i < 3; i++) {
      const service = createFicService(undefined, new FsWorkspace([ws.dir]));
      const t = now();
      await service.works.index();
      service.listWorks();
      inProcess = Math.min(inProcess, now() - t);
    }

    let serverMs = Infinity;
    let serverWorks = 0;
    for (let i = 0; i < 3; i++) {
      const client = await BenchClient.start(serverPath, { wordCount: { method: 'whitespace' } }, { workspaceFolders: [folderUri], holdInitialized: true });
      const t = now();
      client.initialized();
      const result = await client.request<WorksResult>('fic/works', {});
      serverMs = Math.min(serverMs, now() - t);
      serverWorks = result.works.length;
      await client.close();
    }

    const mb = ws.bytes / 1e6;
    say(`\n(d) Works: ${ws.files.length} chapter files of 30 works, ${fmt(ws.words)} words, ${fmt(mb, 1)} MB (page cache warm)`);
    const rows: [string, string, string][] = [
      ['wc -w over the files', `${fmt(wc.ms)} ms`, `${fmt(wc.ms - spawnOnly)} ms without its start-up; ${fmt(wcWords)} words (body, header and all)`],
      ['fic count DIR (the CLI)', `${fmt(cli.ms)} ms`, `${fmt(cli.ms - nodeStart)} ms without Node's start-up (${fmt(nodeStart)} ms); total ${cliTotal} words`],
      ['index in process (FsWorkspace)', `${fmt(inProcess)} ms`, `${fmt(mb / (inProcess / 1e3))} MB/s`],
      ['server: initialized → complete fic/works', `${fmt(serverMs)} ms`, `${serverWorks} works`],
    ];
    for (const [what, ms, note] of rows) say(`  ${what.padEnd(42)} ${ms.padStart(9)}   ${note}`);
    md.push(`Works: ${ws.files.length} chapter files of 30 works, ${fmt(ws.words)} words, ${fmt(mb, 1)} MB:\n`, '| | time | |', '|---|---:|---|', ...rows.map((r) => `| ${r.join(' | ')} |`));

    const heap = heapPerChapter(ws.dir, ws.files.length);
    say(`  heap held per unopened chapter: ${fmt(heap)} bytes (its header: ${fmt(ws.headerBytes)} bytes on average)`);
    md.push('', `Heap held per unopened chapter: ${fmt(heap)} bytes, its header ${fmt(ws.headerBytes)} bytes on average.`);

    // A checkout that rewrites all 300 files: one batch, one notification.
    const client = await BenchClient.start(serverPath, { wordCount: { method: 'whitespace' } }, { workspaceFolders: [folderUri], holdInitialized: true });
    // The works as first read, and the notification that announces them, before the checkout.
    const announced = client.next<WorksResult>('fic/worksChanged');
    client.initialized();
    const before = await client.request<WorksResult>('fic/works', {});
    await announced;
    const oldTotal = before.works.reduce((s, w) => s + w.words, 0);
    for (const file of ws.files) writeFileSync(file, `${readFileSync(file, 'utf8').replace(/\nThe End\n$/, '\nChecked out again, four words.\n\nThe End\n')}`);
    const seen = client.collect<WorksResult>('fic/worksChanged');
    const first = client.next<WorksResult>('fic/worksChanged', (r) => r.works.reduce((s, w) => s + w.words, 0) !== oldTotal);
    const t = now();
    for (let i = 0; i < ws.files.length; i += 50) {
      client.notify('workspace/didChangeWatchedFiles', { changes: ws.files.slice(i, i + 50).map((f) => ({ uri: pathToFileURL(f).href, type: 2 })) });
    }
    const changed = await first;
    const checkoutMs = now() - t;
    const newTotal = changed.works.reduce((s, w) => s + w.words, 0);
    // Long enough for any straggling notification (they are at most every 500 ms).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const notifications = seen.length;
    if (notifications > 1) console.log(`  note: the checkout's notifications carried totals ${seen.map((r) => fmt(r.works.reduce((a, w) => a + w.words, 0))).join(', ')}`);
    await client.close();
    say(`  checkout of ${ws.files.length} files (6 didChangeWatchedFiles of 50): re-read and notified in ${fmt(checkoutMs)} ms; ` +
      `${notifications} fic/worksChanged; total ${fmt(oldTotal)} → ${fmt(newTotal)} (+${fmt(newTotal - oldTotal)} = 4 × ${ws.files.length})`);
    md.push('', `A checkout rewriting ${ws.files.length} files: re-read in ${fmt(checkoutMs)} ms, ${notifications} fic/worksChanged notification.`);
  } finally {
    rmSync(ws.dir, { recursive: true, force: true });
  }

  // Per keystroke in one chapter of a 300-chapter work, next to the same text alone.
  const epic = writeWorkspace(1, 300, 3_000, 3);
  try {
    const text = readFileSync(join(epic.dir, 'work-0', 'chapter-150.fic'), 'utf8');
    const inWork = await BenchClient.start(serverPath, { wordCount: { method: 'whitespace' } }, { workspaceFolders: [pathToFileURL(epic.dir).href] });
    await inWork.request('fic/works', {});
    const work = await editLatency(inWork, pathToFileURL(join(epic.dir, 'work-0', 'chapter-150.fic')).href, text, 1000);
    await inWork.close();
    const alone = await BenchClient.start(serverPath, { wordCount: { method: 'whitespace' } });
    const lone = await editLatency(alone, 'file:///bench/alone/chapter.fic', text, 1000);
    await alone.close();
    say(`  per keystroke (didChange, then fic/stats with the work total): chapter 150 of a 300-chapter work p50 ${fmt(work.p50, 3)} ms, p99 ${fmt(work.p99, 3)} ms ` +
      `(work total ${fmt(work.stats.work.words)} in ${work.stats.work.chapters} chapters); the same chapter alone p50 ${fmt(lone.p50, 3)} ms, p99 ${fmt(lone.p99, 3)} ms`);
    md.push('', `Per keystroke: in chapter 150 of a 300-chapter work p50 ${fmt(work.p50, 3)} ms, p99 ${fmt(work.p99, 3)} ms; the same chapter alone p50 ${fmt(lone.p50, 3)} ms, p99 ${fmt(lone.p99, 3)} ms.`);
  } finally {
    rmSync(epic.dir, { recursive: true, force: true });
  }
  return { plain: lines.join('\n'), markdown: md.join('\n') };
}
