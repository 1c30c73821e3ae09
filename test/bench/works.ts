// (d) Works of many chapters, on generated workspaces: indexing 300 chapter files of 30
// works (the CLI, in process, and the server from `initialized` to a complete fic/works)
// next to `wc -w` over the same files; the heap held per unopened chapter; per-keystroke
// latency in one chapter of a 300-chapter work next to a lone story; and a checkout that
// rewrites all 300 files, re-read as one batch.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FicStats, WorksResult } from '../../server/src/protocol';
import { createFicService } from '../../server/src/service';
import { FsWorkspace, summaryThreads } from '../../server/src/node/fsWorkspace';
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

function spawnMs(cmd: string, args: string[], env?: NodeJS.ProcessEnv): { ms: number; stdout: string } {
  const t = now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: env ?? process.env, maxBuffer: 64 * 1024 * 1024 });
  return { ms: now() - t, stdout: r.stdout };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The locale a writer's shell gives `wc` (the first of LC_ALL, LC_CTYPE, LANG that is set). */
function shellLocale(): string {
  return process.env.LC_ALL || process.env.LC_CTYPE || process.env.LANG || 'POSIX (none set)';
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
  // Another build to compare with, side by side in the same rounds (a checkout of main
  // built into its own folder): BENCH_COMPARE=/path/to/that/checkout.
  const compare = process.env.BENCH_COMPARE;
  const compareCli = compare ? join(compare, 'dist', 'server', 'cli.js') : null;
  const compareServer = compare ? join(compare, 'dist', 'server', 'main.js') : null;
  try {
    // wc as a writer's shell runs it: the environment's own locale, not one we pick.
    const locale = shellLocale();
    const ROUNDS = 5;
    const times: Record<string, number[]> = { wc: [], spawn: [], node: [], cli: [], compareCli: [], inProcess: [], inWorkers: [], server: [], compareServer: [] };
    let wcWords = NaN;
    let cliTotal = '?';
    let compareTotal = '?';
    let serverWorks = 0;
    const serverRun = async (path: string): Promise<number> => {
      const client = await BenchClient.start(path, { wordCount: { method: 'whitespace' } }, { workspaceFolders: [folderUri], holdInitialized: true });
      const t = now();
      client.initialized();
      const result = await client.request<WorksResult>('fic/works', {});
      const ms = now() - t;
      serverWorks = result.works.length;
      await client.close();
      return ms;
    };
    const indexRun = async (workers: number): Promise<number> => {
      const fs = new FsWorkspace([ws.dir], { workers });
      const service = createFicService(undefined, fs);
      const t = now();
      await service.works.index();
      service.listWorks();
      const ms = now() - t;
      fs.dispose();
      return ms;
    };
    // Round by round, every contender once a round: a burst of load on the shared
    // machine falls on all of them alike; the medians are printed.
    for (let round = 0; round < ROUNDS; round++) {
      const wc = spawnMs('wc', ['-w', ...ws.files]);
      times.wc?.push(wc.ms);
      wcWords = Number(/(\d+) total/.exec(wc.stdout)?.[1] ?? NaN);
      times.spawn?.push(spawnMs('wc', ['-w', '/dev/null']).ms);
      times.node?.push(spawnMs(process.execPath, ['-e', '0']).ms);
      const cli = spawnMs(process.execPath, [join(repoRoot(), 'dist', 'server', 'cli.js'), 'count', ws.dir]);
      times.cli?.push(cli.ms);
      cliTotal = /total: ([\d,]+) words/.exec(cli.stdout)?.[1] ?? '?';
      if (compareCli) {
        const old = spawnMs(process.execPath, [compareCli, 'count', ws.dir]);
        times.compareCli?.push(old.ms);
        compareTotal = /total: ([\d,]+) words/.exec(old.stdout)?.[1] ?? '?';
      }
      times.inProcess?.push(await indexRun(0));
      times.inWorkers?.push(await indexRun(1));
      if (round < 3) {
        times.server?.push(await serverRun(serverPath));
        if (compareServer) times.compareServer?.push(await serverRun(compareServer));
      }
    }
    const m = (key: string) => median(times[key] ?? []);
    const mb = ws.bytes / 1e6;
    const rate = (ms: number) => `${fmt(mb / (ms / 1e3))} MB/s`;
    say(`\n(d) Works: ${ws.files.length} chapter files of 30 works, ${fmt(ws.words)} words, ${fmt(mb, 1)} MB (page cache warm); medians of ${ROUNDS} rounds (server: 3), load average ${loadavg().map((l) => fmt(l, 1)).join(' ')}`);
    const rows: [string, string, string, string][] = [
      [`wc -w over the files (locale ${locale})`, `${fmt(m('wc'))} ms`, rate(m('wc')), `${fmt(m('wc') - m('spawn'))} ms without its start-up; ${fmt(wcWords)} words (body, header and all)`],
      ['fic count DIR (the CLI)', `${fmt(m('cli'))} ms`, rate(m('cli')), `${fmt(m('cli') - m('node'))} ms without Node's start-up (${fmt(m('node'))} ms); total ${cliTotal} words`],
      ...(compareCli ? [['fic count DIR, the compared build', `${fmt(m('compareCli'))} ms`, rate(m('compareCli')), `total ${compareTotal} words`] as [string, string, string, string]] : []),
      ['index in process, on this thread', `${fmt(m('inProcess'))} ms`, rate(m('inProcess')), 'FsWorkspace without workers'],
      ['index in process, this thread and a worker', `${fmt(m('inWorkers'))} ms`, rate(m('inWorkers')), `FsWorkspace({ workers: 1 }), its start-up included; the server and CLI use ${summaryThreads()} worker(s) here`],
      ['server: initialized → complete fic/works', `${fmt(m('server'))} ms`, rate(m('server')), `${serverWorks} works`],
      ...(compareServer ? [['server, the compared build', `${fmt(m('compareServer'))} ms`, rate(m('compareServer')), ''] as [string, string, string, string]] : []),
    ];
    for (const [what, ms, speed, note] of rows) say(`  ${what.padEnd(44)} ${ms.padStart(9)} ${speed.padStart(10)}   ${note}`);
    md.push(
      `Works: ${ws.files.length} chapter files of 30 works, ${fmt(ws.words)} words, ${fmt(mb, 1)} MB; medians of ${ROUNDS} rounds side by side:\n`,
      '| | time | speed | |',
      '|---|---:|---:|---|',
      ...rows.map((r) => `| ${r.join(' | ')} |`),
    );
    for (const key of Object.keys(times)) if ((times[key] ?? []).length) console.log(`    ${key}: ${(times[key] ?? []).map((t) => fmt(t)).join(', ')} ms`);

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
