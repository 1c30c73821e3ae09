// `npm run bench` (after `npx tsc -b` and `npm run build`): the numbers behind the word
// count's promises, measured in one run on the same generated stories. It prints, and
// asserts nothing: a slow machine is not a failed build.
//
// (a) full-count throughput of each method next to GNU `wc -w` (LC_ALL=C.UTF-8) on the
//     same text; (b) per-edit latency through the real server over stdio: a one-character
//     didChange, then a fic/stats request, at 1k and 1M words; (c) the server's memory
//     with the 1M-word story open, next to the story's size; (d) works of many chapters
//     (works.ts): indexing next to wc -w, heap per unopened chapter, per-keystroke cost in
//     a 300-chapter work, a 300-file checkout.
//
// BENCH_ONLY=open: only the open of 1M words over stdio (didOpen → first figures), and
// with BENCH_BEFORE_DIR=folder (another built copy) that build's server beside this one's,
// round by round; BENCH_OPEN_ROUNDS (default 7).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { countAo3, countWhitespace } from '../../server/src/service/text/count';
import { FicText } from '../../server/src/service/text/text';
import type { FicStats } from '../../server/src/protocol';
import { ao3Reference } from '../support/ao3Reference';
import { repoRoot } from '../support/lspClient';
import { BenchClient } from './lspClient';
import { generateStory, type Story } from './story';
import { benchWorks } from './works';

const now = () => Number(process.hrtime.bigint()) / 1e6;

/** Best time of one call of each function, in ms. The functions take turns, round after
 * round, so that a busy machine or a JIT tier change treats them alike; small inputs are
 * batched so that a timed stretch is never shorter than a few milliseconds. */
function bestOf(fns: Record<string, () => unknown>, budgetMs = 1500, minRounds = 5): Record<string, number> {
  const names = Object.keys(fns);
  const batch: Record<string, number> = {};
  const bestMs: Record<string, number> = {};
  for (const name of names) {
    const fn = fns[name] as () => unknown;
    let n = 1;
    for (;;) {
      const t = now();
      for (let i = 0; i < n; i++) fn();
      if (now() - t >= 5 || n >= 1 << 20) break;
      n *= 4;
    }
    batch[name] = n;
    bestMs[name] = Infinity;
  }
  const until = now() + budgetMs;
  for (let round = 0; round < minRounds || now() < until; round++) {
    for (const name of names) {
      const fn = fns[name] as () => unknown;
      const n = batch[name] as number;
      const t = now();
      for (let i = 0; i < n; i++) fn();
      bestMs[name] = Math.min(bestMs[name] as number, (now() - t) / n);
    }
  }
  return bestMs;
}

const mbps = (bytes: number, ms: number) => bytes / 1e6 / (ms / 1e3);
const fmt = (n: number, digits = 0) => n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });

// ---------------------------------------------------------------------------------------
// (a) throughput

interface WcTiming {
  words: number;
  ms: number;
}

/** `wc -w FILE`: the best wall time of several spawns, minus the best for an empty file,
 * so that what is left is wc reading and counting, not process start-up. */
function timeWc(file: string, empty: string): WcTiming {
  const env = { ...process.env, LC_ALL: 'C.UTF-8' };
  const spawnBest = (path: string) => {
    let bestMs = Infinity;
    let out = '';
    for (let i = 0; i < 15; i++) {
      const t = now();
      const r = spawnSync('wc', ['-w', path], { env, encoding: 'utf8' });
      bestMs = Math.min(bestMs, now() - t);
      out = r.stdout;
    }
    return { ms: bestMs, words: Number(/\d+/.exec(out)?.[0] ?? NaN) };
  };
  const base = spawnBest(empty);
  const full = spawnBest(file);
  return { words: full.words, ms: Math.max(full.ms - base.ms, 0.001) };
}

interface Throughput {
  story: Story;
  wc: WcTiming;
  whitespaceMs: number;
  ao3Ms: number;
  referenceMs: number;
  modelMs: number;
  whitespace: number;
  ao3: number;
}

function throughput(story: Story, dir: string, empty: string): Throughput {
  const file = join(dir, `${story.name.replace(/\W+/g, '-')}.txt`);
  writeFileSync(file, story.text, 'utf8');
  const text = story.text;
  const times = bestOf({
    whitespace: () => countWhitespace(text),
    ao3: () => countAo3(text),
    model: () => new FicText(text),
  });
  return {
    story,
    wc: timeWc(file, empty),
    whitespaceMs: times.whitespace as number,
    ao3Ms: times.ao3 as number,
    // The regex is slow enough to time on its own, a few rounds.
    referenceMs: (bestOf({ reference: () => ao3Reference(text) }, 500, 3).reference as number),
    modelMs: times.model as number,
    whitespace: countWhitespace(text),
    ao3: countAo3(text),
  };
}

/** Module load of count.ts (its tables are built then) and the first astral character
 * (plane 1's table), each in a fresh process: best of five. */
function loadTimes(): { load: number; astral: number } {
  const module = join(repoRoot(), 'out', 'server', 'src', 'service', 'text', 'count.js');
  const script = `const t0 = performance.now(); const c = require(${JSON.stringify(module)}); const t1 = performance.now();
c.countAo3('\\u{1D49C}'); const t2 = performance.now(); console.log(JSON.stringify({ load: t1 - t0, astral: t2 - t1 }));`;
  let load = Infinity;
  let astral = Infinity;
  for (let i = 0; i < 5; i++) {
    const r = JSON.parse(spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' }).stdout) as { load: number; astral: number };
    load = Math.min(load, r.load);
    astral = Math.min(astral, r.astral);
  }
  return { load, astral };
}

// ---------------------------------------------------------------------------------------
// (b) latency and (c) memory, through the server

/** The heap the open story really holds: the language service alone, in a fresh process
 * run with --expose-gc, the story parsed from JSON as the server receives it; heap after
 * full collections, less the heap before. RSS (below) adds what V8 has not given back. */
function retainedHeap(words: number, seed: number, ascii: boolean): number {
  const story = join(__dirname, 'story.js');
  const service = join(repoRoot(), 'out', 'server', 'src', 'service', 'index.js');
  const script = `const { generateStory } = require(${JSON.stringify(story)});
const { createFicService, FicSource } = require(${JSON.stringify(service)});
// Typed arrays (the per-line counts) live outside the JS heap: count them too.
const heap = () => {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const service = createFicService();
service.stats(new FicSource('file:///warm.fic', 'Title: T\\n\\nWarm up.', 1));
// The script's own copy of the story stays alive throughout, so it is in both figures.
const story = generateStory('x', { words: ${words}, seed: ${seed}, ascii: ${ascii} }).text;
// In a function, so that no temporary of the open outlives it in the top-level frame.
function open() {
  const source = new FicSource('file:///x.fic', JSON.parse(JSON.stringify({ text: story })).text, 1);
  service.stats(source);
  service.diagnostics(source);
  return source;
}
// RegExp keeps its last subject (the whole story, after the generator's replace): drop it.
/x/.exec('x');
const before = heap();
const source = open();
console.log(heap() - before);
globalThis.keep = [source, story];`;
  return Number(spawnSync(process.execPath, ['--expose-gc', '-e', script], { encoding: 'utf8' }).stdout);
}

/** Resident memory of a process, in bytes (Linux /proc). */
function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;

interface Latency {
  story: Story;
  openMs: number;
  p50: number;
  p99: number;
  max: number;
  edits: number;
  diagnosticsMs: number;
  rssBefore: number;
  rssOpen: number;
  rssSettled: number;
  rssAfter: number;
  peak: number;
}

const EDITS = 1000;
const WARMUP = 200;

/** RSS once V8's memory reducer has collected the garbage of the open or of the edits (the
 * 6 MB didOpen message, its decoded string, the lines stored after the count): it runs after
 * some seconds without allocation, 5 to 30 of them here. Polled every half second until at
 * least half the growth over `base` has been given back, then one more look; the lowest
 * value within the deadline otherwise. */
async function settledRss(pid: number, base: number, from: number, deadlineMs = 45_000): Promise<number> {
  let lowest = from;
  const until = now() + deadlineMs;
  while (now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    lowest = Math.min(lowest, memory(pid).rss);
    if (lowest - base < (from - base) / 2) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      return Math.min(lowest, memory(pid).rss);
    }
  }
  return lowest;
}

async function latency(serverPath: string, story: Story, settle: boolean): Promise<Latency> {
  const client = await BenchClient.start(serverPath, { wordCount: { method: 'whitespace' } });
  const uri = `file:///bench/${story.name.replace(/\W+/g, '-')}.fic`;
  const stats = (): Promise<FicStats> => client.request<FicStats>('fic/stats', { textDocument: { uri } });
  // One round trip (an error: nothing is open yet) so start-up is over before the baseline.
  await client.request('fic/stats', { textDocument: { uri: 'file:///bench/none.fic' } }).catch(() => undefined);
  const rssBefore = memory(client.pid).rss;

  // Open: the whole story over the wire, parsed, measured and counted; the first
  // diagnostics say the open-time work is done.
  const firstDiagnostics = client.next<{ uri: string }>('textDocument/publishDiagnostics', (p) => p.uri === uri);
  let t = now();
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'fic', version: 1, text: story.text } });
  const opened = await stats();
  const openMs = now() - t;
  await firstDiagnostics;
  const rssOpen = memory(client.pid).rss;
  const rssSettled = settle ? await settledRss(client.pid, rssBefore, rssOpen) : rssOpen;

  // Type in the middle of the story, one character a change, as an editor sends them.
  const lines = story.text.split('\n');
  let line = Math.floor(lines.length / 2);
  while ((lines[line] as string).length < 20) line++;
  let character = Math.floor((lines[line] as string).length / 2);
  let version = 1;
  const samples: number[] = [];
  for (let i = 0; i < WARMUP + EDITS; i++) {
    const text = i % 6 === 5 ? ' ' : 'a';
    const at = { line, character };
    t = now();
    client.notify('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range: { start: at, end: at }, text }] });
    const s = await stats();
    const dt = now() - t;
    if (s.version !== version) throw new Error(`fic/stats answered version ${s.version}, expected ${version}`);
    if (i >= WARMUP) samples.push(dt);
    character++;
  }
  const final = await stats();
  const typedWords = Math.floor((WARMUP + EDITS) / 6);
  if (final.words !== opened.words + typedWords) {
    console.warn(`  note: ${story.name}: ${opened.words} + ${typedWords} typed words should be ${opened.words + typedWords}, the server says ${final.words}`);
  }

  // A pause in typing: the debounced diagnostics run over the whole document. Timed from
  // the change to their arrival, less the debounce, best of three.
  let diagnosticsMs = Infinity;
  for (let i = 0; i < 3; i++) {
    const at = { line, character: character++ };
    const v = ++version;
    const published = client.next<{ uri: string; version?: number }>('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === v);
    t = now();
    client.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range: { start: at, end: at }, text: 'b' }] });
    await published;
    diagnosticsMs = Math.min(diagnosticsMs, now() - t - DIAGNOSTICS_DEBOUNCE_MS);
  }

  const after = memory(client.pid);
  const rssAfter = settle ? await settledRss(client.pid, rssBefore, after.rss) : after.rss;
  await client.close();
  samples.sort((a, b) => a - b);
  return {
    story,
    openMs,
    p50: percentile(samples, 0.5),
    p99: percentile(samples, 0.99),
    max: samples[samples.length - 1] as number,
    edits: samples.length,
    diagnosticsMs,
    rssBefore,
    rssOpen,
    rssSettled,
    rssAfter,
    peak: after.peak,
  };
}

/** Opening over stdio, best of `rounds`: didOpen to the first pushed figures (what an
 * editor shows) and to the answer of a fic/stats sent right behind it; the story is
 * closed between rounds. Timed from before the client builds the message, so the wire's
 * whole cost is in: JSON on both sides, the pipe, the framing. */
interface OpenTimes {
  pushedMs: number;
  answeredMs: number;
  /** Medians of the same rounds. */
  pushedMedianMs: number;
  answeredMedianMs: number;
  /** The in-process model build (lines stored), timed once a round between the opens: its
   * median, to set beside the opens' medians under the same load. */
  buildMedianMs: number;
}

/** The same, for several servers (e.g. an old build next to this one): each round opens
 * the story in every server in turn, the order rotating, so that all meet the same load. */
async function openTimesSideBySide(serverPaths: string[], story: Story, rounds = 5): Promise<OpenTimes[]> {
  const clients = await Promise.all(serverPaths.map((p) => BenchClient.start(p, { wordCount: { method: 'whitespace' } })));
  const pushed: number[][] = serverPaths.map(() => []);
  const answered: number[][] = serverPaths.map(() => []);
  const builds: number[] = [];
  try {
    for (const client of clients) await client.request('fic/stats', { textDocument: { uri: 'file:///bench/none.fic' } }).catch(() => undefined);
    for (let i = 0; i < rounds; i++) {
      for (let k = 0; k < clients.length; k++) {
        const which = (i + k) % clients.length;
        const client = clients[which] as BenchClient;
        const uri = `file:///bench/open-${i}.fic`;
        const first = client.next<FicStats>('fic/statsChanged', (p) => p.uri === uri);
        const t = now();
        client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'fic', version: 1, text: story.text } });
        const answer = client.request<FicStats>('fic/stats', { textDocument: { uri } });
        await first;
        pushed[which]?.push(now() - t);
        await answer;
        answered[which]?.push(now() - t);
        client.notify('textDocument/didClose', { textDocument: { uri } });
        // The close's garbage is collected before the next open is timed.
        await client.request('fic/stats', { textDocument: { uri: 'file:///bench/none.fic' } }).catch(() => undefined);
      }
      const t = now();
      new FicText(story.text);
      builds.push(now() - t);
    }
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
  const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 0.5);
  return serverPaths.map((_, i) => ({
    pushedMs: Math.min(...(pushed[i] as number[])),
    answeredMs: Math.min(...(answered[i] as number[])),
    pushedMedianMs: median(pushed[i] as number[]),
    answeredMedianMs: median(answered[i] as number[]),
    buildMedianMs: median(builds),
  }));
}

const OPEN_ROUNDS = Number(process.env.BENCH_OPEN_ROUNDS ?? 7);

/** This build's server, and BENCH_BEFORE_DIR's (another built copy) before it when given. */
function openServers(serverPath: string): string[] {
  const before = process.env.BENCH_BEFORE_DIR;
  return before ? [join(before, 'dist', 'server', 'main.js'), serverPath] : [serverPath];
}

function printOpenTimes(serverPath: string, story: Story, model: number, times: OpenTimes[]): void {
  const names = openServers(serverPath).map((_, i, all) => (all.length > 1 && i === 0 ? 'before' : 'this build'));
  // The server counts a story it opens before storing its lines (storeLines, later): the
  // in-process build of that model too, beside the whole build the ratios are taken to.
  const later = bestOf({ model: () => new FicText(story.text, { storeLater: true }) }).model as number;
  console.log(`  in-process model build of ${story.name}: ${fmt(model, 1)} ms, lines stored; ${fmt(later, 1)} ms with the lines left to store later, as the server opens it`);
  const build = times[0]?.buildMedianMs ?? NaN;
  console.log(`  in-process model build of ${story.name}, timed once a round between the opens: median ${fmt(build, 1)} ms`);
  times.forEach((t, i) => {
    console.log(`  open of ${story.name} over stdio, ${names[i]}: median ${fmt(t.pushedMedianMs / build, 2)}× the median in-process build of the same rounds`);
    console.log(
      `  open of ${story.name} over stdio, ${names[i]}, ${OPEN_ROUNDS} rounds: didOpen → fic/statsChanged median ${fmt(t.pushedMedianMs, 1)} ms, best ${fmt(t.pushedMs, 1)} ms (${fmt(t.pushedMedianMs / model, 2)}× and ${fmt(t.pushedMs / model, 2)}× the in-process model build, ${fmt(model, 1)} ms); → fic/stats answered median ${fmt(t.answeredMedianMs, 1)} ms, best ${fmt(t.answeredMs, 1)} ms.`,
    );
  });
}

/** server.ts waits this long after the last change before diagnostics. */
const DIAGNOSTICS_DEBOUNCE_MS = 200;

// ---------------------------------------------------------------------------------------

function table(head: string[], rows: string[][]): { plain: string; markdown: string } {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  const plain = [line(head), ...rows.map(line)].join('\n');
  const markdown = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
  return { plain, markdown };
}

async function main(): Promise<void> {
  // BENCH_ONLY=open: only the open of 1M words over stdio, next to BENCH_BEFORE_DIR's server.
  if (process.env.BENCH_ONLY === 'open') {
    const story = generateStory('1M words', { words: 1_000_000, seed: 3 });
    const model = (bestOf({ model: () => new FicText(story.text) }).model as number);
    printOpenTimes(join(repoRoot(), 'dist', 'server', 'main.js'), story, model, await openTimesSideBySide(openServers(join(repoRoot(), 'dist', 'server', 'main.js')), story, OPEN_ROUNDS));
    return;
  }
  // BENCH_ONLY=works: just (d), for a quicker look.
  if (process.env.BENCH_ONLY === 'works') {
    const d = await benchWorks(join(repoRoot(), 'dist', 'server', 'main.js'));
    console.log(`\n--- Markdown ---\n\n${d.markdown}\n`);
    return;
  }
  const stories = [
    generateStory('1k words', { words: 1_000, seed: 1 }),
    generateStory('100k words', { words: 100_000, seed: 2 }),
    generateStory('1M words', { words: 1_000_000, seed: 3 }),
    generateStory('100k, ¼ CJK', { words: 100_000, seed: 4, cjk: 0.25 }),
  ];
  const [small, , large] = stories as [Story, Story, Story, Story];
  const largeAscii = generateStory('1M words, ASCII', { words: 1_000_000, seed: 3, ascii: true });
  const dir = mkdtempSync(join(tmpdir(), 'fic-bench-'));
  const empty = join(dir, 'empty.txt');
  writeFileSync(empty, '');
  const wcVersion = spawnSync('wc', ['--version'], { encoding: 'utf8' }).stdout?.split('\n')[0] ?? '?';
  console.log(`Fic Writer bench: node ${process.version}, ${process.platform}/${process.arch}, ${wcVersion}; load average ${loadavg().map((l) => fmt(l, 1)).join(' ')}`);

  // (a)
  console.log('\n(a) Full count, MB/s of UTF-8 text (higher is better); × = wc -w time / ours (above 1: faster than wc)');
  const tp = stories.map((s) => throughput(s, dir, empty));
  rmSync(dir, { recursive: true, force: true });
  const a = table(
    ['story', 'size', 'wc -w', 'whitespace', 'ao3', 'AO3 regex (reference)', 'whole model (open)'],
    tp.map((r) => {
      // On a small file wc's own work is lost in the noise of spawning it.
      const measurable = r.wc.ms >= 2;
      const vsWc = (ms: number, digits = 1) => (measurable ? ` (${fmt(r.wc.ms / ms, digits)}×)` : '');
      return [
        r.story.name,
        `${fmt(r.story.bytes / 1e6, 2)} MB`,
        measurable ? `${fmt(mbps(r.story.bytes, r.wc.ms))}` : '(spawn noise)',
        `${fmt(mbps(r.story.bytes, r.whitespaceMs))}${vsWc(r.whitespaceMs)}`,
        `${fmt(mbps(r.story.bytes, r.ao3Ms))}${vsWc(r.ao3Ms)}`,
        `${fmt(mbps(r.story.bytes, r.referenceMs))}${vsWc(r.referenceMs, 2)}`,
        `${fmt(r.modelMs, 1)} ms`,
      ];
    }),
  );
  console.log(a.plain);
  for (const r of tp) {
    if (r.wc.words !== r.whitespace) console.warn(`  note: ${r.story.name}: wc -w says ${r.wc.words}, countWhitespace ${r.whitespace}`);
  }
  console.log('  wc -w: best of 15 spawns on a temp file, less the best of 15 on an empty file (process start-up).');
  console.log('  whole model: new FicText(text), every per-line figure (both methods, characters, line kinds).');
  const load = loadTimes();
  console.log(`  count.ts module load (its tables built): ${fmt(load.load, 1)} ms; first astral character (plane 1 table): ${fmt(load.astral, 1)} ms.`);

  // (b) and (c)
  const serverPath = join(repoRoot(), 'dist', 'server', 'main.js');
  let b: { plain: string; markdown: string } | null = null;
  let c: { plain: string; markdown: string } | null = null;
  try {
    readFileSync(serverPath);
    const lat = [await latency(serverPath, small, false), await latency(serverPath, large, true), await latency(serverPath, largeAscii, true)];
    const [l1, l2] = lat as [Latency, Latency, Latency];
    console.log(`\n(b) Per edit, through the server over stdio: a one-character didChange, then fic/stats (${EDITS} edits after ${WARMUP} warm-up)`);
    b = table(
      ['story', 'p50', 'p99', 'max', 'open (didOpen → stats)', 'diagnostics after a pause'],
      lat.map((l) => [l.story.name, `${fmt(l.p50, 3)} ms`, `${fmt(l.p99, 3)} ms`, `${fmt(l.max, 2)} ms`, `${fmt(l.openMs, 1)} ms`, `${fmt(l.diagnosticsMs, 1)} ms`]),
    );
    console.log(b.plain);
    console.log(`  p50 ratio 1M/1k: ${fmt(l2.p50 / l1.p50, 2)}×; p99 ratio: ${fmt(l2.p99 / l1.p99, 2)}×`);
    const model = tp.find((r) => r.story === large)?.modelMs ?? NaN;
    printOpenTimes(serverPath, large, model, await openTimesSideBySide(openServers(serverPath), large, OPEN_ROUNDS));
    console.log(`  diagnostics: from the change to publishDiagnostics, less the ${DIAGNOSTICS_DEBOUNCE_MS} ms debounce; best of 3.`);

    console.log('\n(c) Server memory (VmRSS of the server process)');
    const growth = (m: Latency, rss: number) => `${fmt((rss - m.rssBefore) / 1e6, 1)} MB (${fmt((rss - m.rssBefore) / m.story.bytes, 2)}×)`;
    const heaps = [retainedHeap(1_000_000, 3, false), retainedHeap(1_000_000, 3, true)];
    c = table(
      ['story', 'size (UTF-8)', 'heap held', 'RSS before open', 'RSS growth: just opened', 'settled', `after ${WARMUP + EDITS + 3} edits, settled`, 'peak RSS'],
      lat.slice(1).map((m, k) => [
        m.story.name,
        `${fmt(m.story.bytes / 1e6, 2)} MB`,
        `${fmt((heaps[k] as number) / 1e6, 1)} MB (${fmt((heaps[k] as number) / m.story.bytes, 2)}×)`,
        `${fmt(m.rssBefore / 1e6, 1)} MB`,
        growth(m, m.rssOpen),
        growth(m, m.rssSettled),
        growth(m, m.rssAfter),
        `${fmt(m.peak / 1e6, 1)} MB`,
      ]),
    );
    console.log(c.plain);
    console.log('  × = over the story\'s size. Heap held: the service\'s model of the story after full GCs (in a');
    console.log('  --expose-gc process). Settled: after V8\'s memory reducer has collected the garbage of the');
    console.log('  open (the didOpen message and its decoded copy) or of the edits, idle seconds later. Lines with a');
    console.log('  character beyond Latin-1 are held as their UTF-8 bytes in one-byte strings (V8 would keep them at');
    console.log('  two bytes a character), so curly-quoted and ASCII stories cost about the same.');
  } catch (error) {
    console.log(`\n(b), (c) skipped: ${(error as Error).message}\n  Build the server first: npm run build`);
  }

  let d: { plain: string; markdown: string } | null = null;
  try {
    readFileSync(serverPath);
    d = await benchWorks(serverPath);
  } catch (error) {
    console.log(`\n(d) skipped: ${(error as Error).message}`);
  }

  console.log('\n--- Markdown ---\n');
  console.log(`Full count, MB/s (× = against \`wc -w\`, GNU coreutils, LC_ALL=C.UTF-8):\n\n${a.markdown}\n`);
  if (b) console.log(`Per edit through the server (one-character change, then \`fic/stats\`):\n\n${b.markdown}\n`);
  if (c) console.log(`Server memory:\n\n${c.markdown}\n`);
  if (d) console.log(`${d.markdown}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
