#!/usr/bin/env node
// `npm run bench:editor` (after `npm run build && npx tsc -b`): how soon a writer sees the
// count in a real VS Code, Fic Writer against a minimal in-host counter (test/bench/editor/
// counter: the whole text recounted synchronously in the extension host on every change,
// as the most-installed VS Code word counters do). Print-only, not part of `npm test`: a
// slow machine is not a failed build.
//
// Each session is a fresh VS Code server and headless Chromium (the e2e route, see
// ../shared/REAL-EDITOR.md) on a folder of generated stories. It opens a first story
// (activation and, for Fic Writer, the server's start), then for each size: opens it
// (tab shown -> right count shown), types a space and a letter on a blank line of the body
// K times (the letter's keydown -> the new count), then a burst of 30 keys (the last
// keydown -> the final count), then commas and colons (the completion rounds they cost). Times are taken in the page with a MutationObserver.
//
// The in-host counter runs twice: on the stories as plain text (no extension knows .fic)
// and as the fic language ("counter-fic": the same counter given Fic Writer's language,
// language configuration and grammar, no client, no server). The second is what VS Code's
// own handling of the language costs any extension of it, apart from Fic Writer's work.
//
// Where the time goes: in Fic Writer's sessions a probe extension (test/bench/editor/probe)
// shows when the document or a change reaches the extension host, and a preload
// (test/bench/editor/hops.cjs) logs each LSP message between the extension host and the
// server with the wall-clock time, which this machine's page shares.
//
// Env: BENCH_SESSIONS (default 3; medians are printed), BENCH_SIZES (e.g. 1k,100k),
// BENCH_KEYS (keystrokes timed per size, default 6), BENCH_ONLY=fic,counter,counter-fic,
// BENCH_START_WAIT_MS (default 3000: the workbench's time to start before the first
// story is opened), BENCH_KEEP=1 keeps the scratch folders, BENCH_JSON=file writes every sample,
// BENCH_EXTENSION_DIR=folder measures a copy of the built extension; BENCH_BEFORE_DIR=folder
// (another built copy: package.json, dist/, syntaxes/...) adds it as "before" to every
// session, so that a change is measured against the old build under the same load;
// BENCH_SETTINGS='{"[fic]": {"editor.wordWrap": "off"}}' adds VS Code settings (experiments);
// FIC_BENCH_SERVER_PROF=folder has Fic Writer's server write a CPU profile there,
// FIC_BENCH_HOST_PROF=folder the extension host's (for FIC_BENCH_HOST_PROF_MS, default 20 s,
// from the probe's start), and BENCH_PAGE_PROF=folder the page's, of the first story.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir, cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { provision } from './provision-e2e.mjs';
import { installExtension, launchBrowser, openWorkbench, scratch, scratchEnv, startServer } from '../test/e2e/harness/vscodeServer.mjs';
import { spawnSync } from 'node:child_process';
import { cpSync } from 'node:fs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const benchDir = join(repo, 'test/bench/editor');

const SIZES = { '1k': 1_000, '100k': 100_000, '1M': 1_000_000 };
const sizes = (process.env.BENCH_SIZES ?? '1k,100k,1M').split(',').map((s) => s.trim());
const sessions = Number(process.env.BENCH_SESSIONS ?? 3);
const keysPerSize = Number(process.env.BENCH_KEYS ?? 6);
const BURST = ' w'.repeat(15);
/** Prose punctuation typed in the body after the burst: commas and colons, which open a
 * completion round wherever they are typed if they are trigger characters. */
const PUNCTUATION = ', w: w'.repeat(3);
const BURST_DELAY_MS = 25;
/** A typist's gap between the space and the next letter. */
const KEY_GAP_MS = 60;
const STEP_TIMEOUT_MS = 120_000;
/** How long the workbench is left to start before the first story is opened. */
const START_WAIT_MS = Number(process.env.BENCH_START_WAIT_MS ?? 3_000);
const ficExtension = resolve(process.env.BENCH_EXTENSION_DIR ?? repo);
const beforeExtension = process.env.BENCH_BEFORE_DIR ? resolve(process.env.BENCH_BEFORE_DIR) : undefined;
/** The counter with the fic language (counterWithFicLanguage), while the run lasts. */
let counterFic;

const ITEMS = {
  fic: 'ficwriter.fic-writer.fic.wordCount',
  counter: 'bench.fic-bench-counter.counter',
  probe: 'bench.fic-bench-probe.probe',
};

for (const need of ['dist/client/node.js', 'dist/server/main.js', 'out/test/bench/story.js', 'out/server/src/service/index.js']) {
  if (!existsSync(join(repo, need))) {
    console.error(`bench:editor: ${need} is missing: run npm run build && npx tsc -b first.`);
    process.exit(1);
  }
}
const { generateStory } = require(join(repo, 'out/test/bench/story.js'));
const { createFicService, FicSource } = require(join(repo, 'out/server/src/service/index.js'));

const fmt = (n) => (n === undefined || Number.isNaN(n) ? '–' : Math.round(n).toLocaleString('en-US'));
const median = (xs) => {
  const s = xs.filter((x) => x !== undefined && !Number.isNaN(x)).sort((a, b) => a - b);
  if (!s.length) return undefined;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const quantile = (xs, q) => {
  const s = xs.filter((x) => x !== undefined).sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : undefined;
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function wholeTextWords(text) {
  const m = text.match(/\S+/g);
  return m ? m.length : 0;
}

/** The stories, written once; each session copies the folder. */
function writeStories() {
  const dir = mkdtempSync(join(tmpdir(), 'fic-bench-editor-stories-'));
  const service = createFicService();
  const stories = {};
  const add = (name, words, seed) => {
    const generated = generateStory(name, { words, seed });
    // A title of its own: stories of one folder with the same title are one work, and the
    // status item would add the work's total.
    const text = generated.text.replace(/^Title: (.*)$/m, `Title: $1 (${name})`);
    const file = `${name}.fic`;
    writeFileSync(join(dir, file), text);
    const fic = service.stats(new FicSource(`file:///${file}`, text, 1)).words;
    stories[name] = { file, fic, counter: wholeTextWords(text), bytes: Buffer.byteLength(text) };
  };
  add('first', 1_000, 7);
  for (const size of sizes) add(`story-${size}`, SIZES[size], 11);
  return { dir, stories };
}

/** Installed in the page: a log of every change of the active tab and the status items. */
function installRecorder(items) {
  const now = () => performance.timeOrigin + performance.now();
  const bench = { keys: [], log: [], waiters: [] };
  window.__bench = bench;
  addEventListener('keydown', (e) => bench.keys.push({ t: now(), key: e.key }), true);
  let last = {};
  const snapshot = () => {
    const tab = document.querySelector('.tabs-container .tab.active');
    const s = { tab: tab ? (tab.getAttribute('aria-label') ?? tab.textContent ?? '') : '' };
    for (const [k, id] of Object.entries(items)) s[k] = (document.getElementById(id)?.textContent ?? '').trim();
    return s;
  };
  const check = () => {
    const t = now();
    const s = snapshot();
    for (const k of Object.keys(s)) if (s[k] !== last[k]) bench.log.push({ t, k, v: s[k] });
    last = s;
    bench.waiters = bench.waiters.filter((w) => !w.test());
  };
  new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['class', 'aria-label'] });
  /** The first time, at or after `after`, that item `k` read `v` (or contained it). */
  bench.when = (k, v, after, contains, timeoutMs) =>
    new Promise((resolve) => {
      const find = () => bench.log.find((e) => e.k === k && e.t >= after && (contains ? e.v.includes(v) : e.v === v));
      const w = {
        test: () => {
          const hit = find();
          if (hit) resolve({ t: hit.t });
          return !!hit;
        },
      };
      if (w.test()) return;
      bench.waiters.push(w);
      setTimeout(() => resolve({ timeout: true, seen: bench.log.filter((e) => e.k === k).slice(-3) }), timeoutMs);
    });
  check();
}

async function when(page, k, v, after, { contains = false, timeoutMs = STEP_TIMEOUT_MS } = {}) {
  const r = await page.evaluate(([k, v, after, contains, timeoutMs]) => window.__bench.when(k, v, after, contains, timeoutMs), [k, v, after, contains, timeoutMs]);
  if (r.timeout) throw new Error(`${k} never read ${JSON.stringify(v)} within ${timeoutMs} ms (last: ${JSON.stringify(r.seen)})`);
  return r.t;
}

const pageNow = (page) => page.evaluate(() => performance.timeOrigin + performance.now());
const lastKey = (page, key) => page.evaluate((key) => window.__bench.keys.filter((k) => k.key === key).pop()?.t, key);

async function openFromExplorer(page, file) {
  const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: file }).first();
  await row.waitFor({ timeout: 60_000 });
  const before = await pageNow(page);
  await row.click({ timeout: 30_000 });
  return { before, tab: await when(page, 'tab', file, before, { contains: true, timeoutMs: 30_000 }) };
}

function readHops(file) {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

/** One session of one extension over every size. */
async function runSession(tools, kind, storiesDir, stories, index, probeVsix) {
  const dirs = scratch(`bench-${kind}-${index}`, storiesDir);
  if (process.env.BENCH_SETTINGS) {
    // An experiment: VS Code settings on top of the quiet workbench's (e.g. wrapping off).
    const file = join(dirs.userData, 'User', 'settings.json');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), ...JSON.parse(process.env.BENCH_SETTINGS) }, null, 2));
  }
  const hopsFile = join(dirs.root, 'hops.jsonl');
  const fic = kind === 'fic' || kind === 'before';
  const env = scratchEnv(dirs, fic ? { FIC_BENCH_HOPS: hopsFile, FIC_BENCH_HOPS_PRELOAD: join(benchDir, 'hops.cjs') } : {});
  let server;
  let browser;
  const result = { kind, session: index, sizes: {} };
  try {
    // The workbench loads one development folder into a remote host: the probe goes in as
    // an installed extension.
    if (fic) installExtension(tools, dirs, env, probeVsix, 'bench.fic-bench-probe');
    server = await startServer(tools, dirs, env);
    browser = await launchBrowser(tools, dirs, env);
    const devPath = kind === 'fic' ? ficExtension : kind === 'before' ? beforeExtension : kind === 'counter-fic' ? counterFic : join(benchDir, 'counter');
    const { page } = await openWorkbench(browser, server.port, { workspace: dirs.workspace, devPath });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: stories.first.file }).waitFor({ timeout: 60_000 });
    await page.evaluate(installRecorder, ITEMS);
    // Let the workbench finish starting (extension host, built-in extensions) so the first
    // open measures opening, as when a writer opens a story a moment after the window.
    await sleep(START_WAIT_MS);

    const item = fic ? 'fic' : 'counter';
    const expect = (story, extra = 0) => `${(story[item] + extra).toLocaleString('en-US')} words`;

    // BENCH_PAGE_PROF=folder (an experiment): the page's CPU profile of the first story, from
    // the click to half a second after the count showed, with the page's clock at its start.
    const pageProf = process.env.BENCH_PAGE_PROF ? await page.context().newCDPSession(page) : undefined;
    if (pageProf) {
      await pageProf.send('Profiler.enable');
      await pageProf.send('Profiler.setSamplingInterval', { interval: 200 });
      await pageProf.send('Profiler.start');
      result.pageProfFrom = await pageNow(page);
    }
    const first = await openFromExplorer(page, stories.first.file);
    result.first = (await when(page, item, expect(stories.first), first.before)) - first.tab;
    result.firstTab = first.tab;
    if (pageProf) {
      await sleep(500);
      const { profile } = await pageProf.send('Profiler.stop');
      mkdirSync(process.env.BENCH_PAGE_PROF, { recursive: true });
      writeFileSync(join(process.env.BENCH_PAGE_PROF, `page-${kind}-${index}.cpuprofile`), JSON.stringify(profile));
      await pageProf.detach();
    }

    for (const size of sizes) {
      const story = stories[`story-${size}`];
      const r = { keys: [], hops: {} };
      result.sizes[size] = r;
      const open = await openFromExplorer(page, story.file);
      r.openAt = open.tab;
      const countAt = await when(page, item, expect(story), open.before);
      r.open = countAt - open.tab;
      if (fic) r.probe = (await when(page, 'probe', `${story.file} v`, open.before, { contains: true })) - open.tab;

      // A blank line of the body (line 13: the header is 11 lines, then a paragraph).
      await page.keyboard.press('Control+g');
      await page.locator('.quick-input-widget input').waitFor({ timeout: 10_000 });
      await page.keyboard.type('13');
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
      r.typingFrom = await pageNow(page);
      let added = 0;
      // The document's version, which the probe shows: 1 when opened, one more a key.
      let version = 1;
      // When the probe showed `version`: the moment VS Code brought that change to an
      // extension, the floor for any counter (undefined if the page never saw it).
      const probeSaw = (after) => (fic ? when(page, 'probe', `${story.file} v${version}`, after, { timeoutMs: 2_000 }).catch(() => undefined) : undefined);
      for (let i = 0; i < keysPerSize; i++) {
        await page.keyboard.press('Space');
        version++;
        await sleep(KEY_GAP_MS);
        const before = await pageNow(page);
        await page.keyboard.press('w');
        version++;
        added++;
        const seen = await when(page, item, expect(story, added), before);
        const key = await lastKey(page, 'w');
        const probe = await probeSaw(before);
        r.keys.push({ key, seen, ms: seen - key, probe: probe === undefined ? undefined : probe - key });
        // A writer's pause before the next word.
        await sleep(250);
      }
      const burstFrom = await pageNow(page);
      await page.keyboard.type(BURST, { delay: BURST_DELAY_MS });
      added += 15;
      version += BURST.length;
      const settled = await when(page, item, expect(story, added), burstFrom);
      const burstKey = await lastKey(page, 'w');
      const burstProbe = await probeSaw(burstFrom);
      r.burstProbe = burstProbe === undefined ? undefined : burstProbe - burstKey;
      r.burst = settled - burstKey;
      r.burstKey = burstKey;
      r.burstSeen = settled;
      r.punctuationFrom = await pageNow(page);
      await page.keyboard.type(PUNCTUATION, { delay: BURST_DELAY_MS * 4 });
      // Not a figure, only a window: the completion requests the keys caused arrive in it.
      await sleep(500);
      r.typingTo = await pageNow(page);
      await sleep(300);
    }
    if (fic) result.hops = readHops(hopsFile);
    return result;
  } finally {
    await browser?.close().catch(() => {});
    await server?.stop();
    if (process.env.BENCH_KEEP !== '1') rmSync(dirs.root, { recursive: true, force: true });
    else console.log(`  kept ${dirs.root}`);
  }
}

/** The in-host counter given Fic Writer's language as it is declared (package.json's
 * languages and grammars, with the files they name), activated by it. */
function counterWithFicLanguage() {
  const dir = mkdtempSync(join(tmpdir(), 'fic-bench-counter-fic-'));
  cpSync(join(benchDir, 'counter'), dir, { recursive: true });
  const ours = JSON.parse(readFileSync(join(ficExtension, 'package.json'), 'utf8'));
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const { languages, grammars } = ours.contributes;
  for (const file of [...languages.map((l) => l.configuration), ...grammars.map((g) => g.path)].filter(Boolean)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(ficExtension, file), join(dir, file));
  }
  manifest.activationEvents = languages.map((l) => `onLanguage:${l.id}`);
  manifest.contributes = { languages, grammars };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

/** The probe as a .vsix, packaged by vsce into a scratch folder. */
function packageProbe() {
  const dir = mkdtempSync(join(tmpdir(), 'fic-bench-probe-'));
  cpSync(join(benchDir, 'probe'), dir, { recursive: true });
  const vsix = join(dir, 'probe.vsix');
  const vsce = join(repo, 'node_modules/.bin/vsce');
  const r = spawnSync(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', vsix], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`vsce could not package the probe:\n${r.stdout}${r.stderr}`);
  return { dir, vsix };
}

// ---- where the time goes ---------------------------------------------------------------

/** Hops of the first message of `method` for `file` at version `v` after `from`. */
function hop(hops, p, dir, method, file, from, pred = () => true) {
  return hops.find((h) => h.p === p && h.dir === dir && h.m === method && (file === undefined || h.uri === file) && h.t >= from && pred(h));
}

function statsOut(hops, p, dir, file, from, version) {
  // Whichever reaches the client first: the pushed notification or an answered request.
  return hops.find(
    (h) => h.p === p && h.dir === dir && h.t >= from && h.uri === file && (version === undefined || h.v >= version) && (h.m === 'fic/statsChanged' || h.m.startsWith('response')),
  );
}

function openHops(hops, file, tab, shown) {
  const sent = hop(hops, 'host', 'send', 'textDocument/didOpen', file, tab - 5_000);
  const recv = hop(hops, 'server', 'recv', 'textDocument/didOpen', file, tab - 5_000);
  const out = recv && statsOut(hops, 'server', 'send', file, recv.t);
  const back = out && statsOut(hops, 'host', 'recv', file, out.t);
  return {
    'tab → didOpen sent': sent && sent.t - tab,
    'send call': sent?.sendMs,
    'IPC + parse': recv && sent && recv.t - (sent.t + sent.sendMs),
    'server: didOpen → stats sent': out && recv && out.t - recv.t,
    'stats → client': back && out && back.t - out.t,
    'client → page shows': back && shown - back.t,
  };
}

function keyHops(hops, file, key, shown) {
  const sent = hop(hops, 'host', 'send', 'textDocument/didChange', file, key - 1);
  const recv = sent && hop(hops, 'server', 'recv', 'textDocument/didChange', file, sent.t, (h) => h.v === sent.v);
  const out = recv && statsOut(hops, 'server', 'send', file, recv.t, recv.v);
  const back = out && statsOut(hops, 'host', 'recv', file, out.t, recv.v);
  return {
    'keydown → didChange sent': sent && sent.t - key,
    'IPC to server': recv && recv.t - sent.t,
    'server: change → stats sent': out && recv && out.t - recv.t,
    'stats → client': back && out && back.t - out.t,
    'client → page shows': back && shown - back.t,
  };
}

const NAMES = { before: 'Fic Writer before', fic: 'Fic Writer', counter: 'in-host counter', 'counter-fic': 'in-host counter, fic language' };

function report(results, stories) {
  const by = (kind) => results.filter((r) => r.kind === kind);
  const kinds = ['before', 'fic', 'counter-fic', 'counter'].filter((k) => by(k).length);
  const cell = (rs, f) => fmt(median(rs.map(f)));
  console.log(`\nbench:editor — ${sessions} session(s) each, medians; ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(`VS Code ${VSCODE_VERSION} web workbench over VS Code's server, headless Chromium. Times in ms.\n`);
  const probeKinds = kinds.filter((k) => k === 'fic' || k === 'before');
  const head = [
    ...kinds.map((k) => `open → count: ${NAMES[k]}`),
    ...probeKinds.map((k) => `document reaches an extension (probe, ${NAMES[k]} session)`),
    ...kinds.map((k) => `keystroke → count p50: ${NAMES[k]}`),
    ...kinds.map((k) => `burst of 30 keys → final count: ${NAMES[k]}`),
  ];
  console.log(`| story | ${head.join(' | ')} |`);
  console.log(`|---|${head.map(() => '---:').join('|')}|`);
  for (const size of sizes) {
    const s = (r) => r.sizes[size];
    const p50 = (r) => s(r) && median(s(r).keys.map((k) => k.ms));
    const cells = [
      ...kinds.map((k) => cell(by(k), (r) => s(r)?.open)),
      ...probeKinds.map((k) => cell(by(k), (r) => s(r)?.probe)),
      ...kinds.map((k) => cell(by(k), p50)),
      ...kinds.map((k) => cell(by(k), (r) => s(r)?.burst)),
    ];
    console.log(`| ${size} words | ${cells.join(' | ')} |`);
  }
  console.log(`\nFirst story of a session (tab shown → count, activation included): ${kinds.map((k) => `${NAMES[k]} ${cell(by(k), (r) => r.first)} ms`).join(', ')}.`);
  const all = (rs, size) => rs.flatMap((r) => r.sizes[size]?.keys.map((k) => k.ms) ?? []);
  console.log('\nKeystroke → count, every sample: p90 / max');
  for (const size of sizes) console.log(`  ${size}: ${kinds.map((k) => `${NAMES[k]} ${fmt(quantile(all(by(k), size), 0.9))} / ${fmt(Math.max(...all(by(k), size)))}`).join(', ')}`);
  for (const k of probeKinds) whereTimeGoes(NAMES[k], by(k), stories);
}

function whereTimeGoes(name, fic, stories) {
  console.log(`\nWhere ${name}'s time goes (medians over sessions; wall clock shared by page, extension host and server):`);
  for (const size of sizes) {
    const file = stories[`story-${size}`].file;
    const open = fic.map((r) => r.sizes[size] && openHops(r.hops, file, r.sizes[size].openAt, r.sizes[size].openAt + r.sizes[size].open));
    const keys = fic.flatMap((r) => r.sizes[size]?.keys.map((k) => keyHops(r.hops, file, k.key, k.seen)) ?? []);
    const burst = fic.map((r) => r.sizes[size] && keyHops(r.hops, file, r.sizes[size].burstKey, r.sizes[size].burstSeen));
    const line = (rows) => Object.keys(rows.find(Boolean) ?? {}).map((k) => `${k} ${fmt(median(rows.map((row) => row?.[k])))}`).join(' · ');
    console.log(`  ${size} open: tab → probe ${fmt(median(fic.map((r) => r.sizes[size]?.probe)))} · ${line(open)}`);
    const probeKeys = fic.flatMap((r) => r.sizes[size]?.keys.map((k) => k.probe) ?? []);
    console.log(`  ${size} keystroke: keydown → probe shows ${fmt(median(probeKeys))} (the change reaching an extension) · ${line(keys)}`);
    console.log(`  ${size} burst, last key: keydown → probe shows ${fmt(median(fic.map((r) => r.sizes[size]?.burstProbe)))} · ${line(burst)}`);
  }
  const completionsIn = (r, from, to) =>
    r.hops.filter((h) => h.p === 'server' && h.dir === 'recv' && h.m === 'textDocument/completion' && sizes.some((size) => r.sizes[size] && h.t >= from(r.sizes[size]) && h.t <= to(r.sizes[size]))).length;
  const completions = fic.map((r) => completionsIn(r, (w) => w.typingFrom, (w) => w.typingTo));
  const punctuation = fic.map((r) => completionsIn(r, (w) => w.punctuationFrom ?? Infinity, (w) => w.typingTo));
  const typed = sizes.length * (keysPerSize * 2 + BURST.length + PUNCTUATION.length);
  console.log(`  completion requests while typing in the body: ${completions.join(', ')} per session (of ${typed} keys); of them after the ${sizes.length * PUNCTUATION.length} keys of ${JSON.stringify(PUNCTUATION)}: ${punctuation.join(', ')}`);
  const other = {};
  for (const r of fic) for (const h of r.hops) if (h.p === 'server' && h.dir === 'recv' && /^textDocument\/(foldingRange|documentSymbol|codeAction|hover|completion)$/.test(h.m)) other[h.m] = (other[h.m] ?? 0) + 1;
  console.log(`  requests the editor made of the server, all sessions: ${Object.entries(other).map(([m, n]) => `${m} ${n}`).join(', ') || 'none'}`);
  const starts = fic.map((r) => {
    const first = (pred) => r.hops.find(pred);
    const tab = r.firstTab === undefined ? undefined : { t: r.firstTab };
    const open = hop(r.hops, 'server', 'recv', 'textDocument/didOpen', stories.first.file, 0);
    const out = open && statsOut(r.hops, 'server', 'send', stories.first.file, open.t);
    return {
      tab,
      host: first((h) => h.dir === 'host'),
      load: first((h) => h.dir === 'load'),
      loaded: first((h) => h.dir === 'loaded'),
      fork: first((h) => h.dir === 'fork'),
      run: first((h) => h.dir === 'start'),
      initSent: first((h) => h.p === 'host' && h.dir === 'send' && h.m === 'initialize'),
      initRecv: first((h) => h.p === 'server' && h.dir === 'recv' && h.m === 'initialize'),
      init: first((h) => h.p === 'host' && h.dir === 'recv' && h.id === 0 && h.m.startsWith('response')),
      open,
      out,
      shown: r.first === undefined || tab === undefined ? undefined : { t: r.firstTab + r.first },
    };
  });
  const m = (f) => fmt(median(starts.map(f)));
  const span = (a, b) => m((s) => s[a] && s[b] && s[b].t - s[a].t);
  // Two tracks from the client's module loading: the client (VS Code then prepares the
  // extension's context, calls activate(), the client starts) and the server it forks.
  console.log(
    `  first story: extension host running → client module loading (VS Code's search for a story) ${span('host', 'load')}; tab → client module loading ${span('tab', 'load')} · loaded ${span('load', 'loaded')} · → initialize sent ${span('loaded', 'initSent')} · → answered ${span('initSent', 'init')} · → didOpen received ${span('init', 'open')} · → stats sent ${span('open', 'out')} · → page shows ${span('out', 'shown')}`,
  );
  console.log(
    `  first story, the server: client module loading → forked ${span('load', 'fork')} · → running ${span('fork', 'run')} · → initialize received ${span('run', 'initRecv')} (initialize sent → received ${span('initSent', 'initRecv')})`,
  );
  // Marks a build with marks in it wrote during its start (an experiment), from the client's load.
  const marks = new Map();
  for (const r of fic) {
    const loaded = r.hops.find((h) => h.dir === 'loaded');
    for (const h of r.hops) if (h.dir === 'mark' && loaded && !marks.get(h.m)?.done?.has(r)) {
      const list = marks.get(h.m) ?? { ms: [], done: new Set() };
      list.ms.push(h.t - loaded.t);
      list.done.add(r);
      marks.set(h.m, list);
    }
  }
  if (marks.size) console.log(`  marks after the client module loaded: ${[...marks].map(([m, { ms }]) => `${m} ${fmt(median(ms))}`).join(' · ')}`);
}

let VSCODE_VERSION = '?';

async function main() {
  const tools = provision({ log: (line) => console.log(`provision: ${line}`) });
  try {
    VSCODE_VERSION = JSON.parse(readFileSync(join(tools.codeServer, 'lib/vscode/package.json'), 'utf8')).version;
  } catch {
    // Only for the heading.
  }
  const kinds = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(',') : [...(beforeExtension ? ['before'] : []), 'fic', 'counter-fic', 'counter'];
  const unknown = kinds.filter((k) => !(k in NAMES) || (k === 'before' && !beforeExtension));
  if (unknown.length) throw new Error(`BENCH_ONLY: ${unknown.join(', ')}? (fic, counter, counter-fic, and before with BENCH_BEFORE_DIR)`);
  const { dir, stories } = writeStories();
  console.log(`stories: ${Object.values(stories).map((s) => `${s.file} (${s.fic.toLocaleString('en-US')} body words, ${(s.bytes / 1e6).toFixed(2)} MB)`).join(', ')}`);
  const results = [];
  const probe = kinds.some((k) => k === 'fic' || k === 'before') ? packageProbe() : undefined;
  counterFic = kinds.includes('counter-fic') ? counterWithFicLanguage() : undefined;
  try {
    for (let i = 0; i < sessions; i++) {
      // The second session of a round runs slower (the first one's teardown still uses the
      // CPU): each round starts with another kind, so that no kind always goes second.
      for (const kind of [...kinds.slice(i % kinds.length), ...kinds.slice(0, i % kinds.length)]) {
        const t0 = Date.now();
        try {
          const r = await runSession(tools, kind, dir, stories, i, probe?.vsix);
          results.push(r);
          const brief = sizes.map((s) => `${s}: open ${fmt(r.sizes[s]?.open)}, key p50 ${fmt(median(r.sizes[s]?.keys.map((k) => k.ms) ?? []))}, burst ${fmt(r.sizes[s]?.burst)}`).join('; ');
          console.log(`session ${i + 1} ${kind}: first ${fmt(r.first)}; ${brief} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
        } catch (error) {
          console.log(`session ${i + 1} ${kind}: failed: ${error instanceof Error ? error.message : error}`);
        }
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (probe) rmSync(probe.dir, { recursive: true, force: true });
    if (counterFic) rmSync(counterFic, { recursive: true, force: true });
  }
  if (process.env.BENCH_JSON) {
    mkdirSync(dirname(resolve(process.env.BENCH_JSON)), { recursive: true });
    writeFileSync(process.env.BENCH_JSON, JSON.stringify({ stories, results }, null, 1));
  }
  report(results, stories);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`bench:editor: ${error?.stack ?? error}`);
    process.exit(1);
  },
);
